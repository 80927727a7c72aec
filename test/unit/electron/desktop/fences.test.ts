import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The desktop layers' lint fences, beyond the general ones in test/layering.test.ts. */
const eslint = new ESLint();

async function importErrors(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import '${specifier}';\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('desktop layer fences', () => {
  it.each([
    ['electron/preload/x.ts', '../../shared/format/index'],
    ['electron/preload/x.ts', '../../shared/model'],
    ['electron/preload/x.ts', 'node:fs'],
    ['shared/ipc/x.ts', 'node:path'],
    ['shared/ipc/x.ts', 'electron'],
    ['electron/node/x.ts', 'electron'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toHaveLength(1);
  });

  it.each([
    ['electron/preload/x.ts', '../../shared/ipc/index'],
    ['electron/preload/x.ts', 'electron'],
    ['electron/main/x.ts', '../node/ipc-handle'],
    ['renderer/src/x.ts', '../../shared/ipc/index'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});
