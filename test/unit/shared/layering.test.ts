import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering of DESIGN.md as the lint rules state it: each forbidden import is reported
 * with a message that names the fix, and the allowed imports pass.
 */
const eslint = new ESLint();

async function importErrors(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import '${specifier}';\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer fences (lint)', () => {
  it.each([
    ['shared/model/x.ts', 'node:fs', /move Node code to electron\/node/],
    ['shared/model/x.ts', 'fs', /move Node code to electron\/node/],
    ['shared/model/x.ts', 'electron', /only electron\/main\/ and electron\/preload\/ may import electron/],
    ['shared/model/x.ts', 'react', /shared\/ has no UI/],
    ['shared/model/x.ts', '../../electron/node/files', /dependency points the other way/],
    ['shared/model/x.ts', '../../renderer/src/App', /dependency points the other way/],
    ['renderer/src/x.tsx', 'node:path', /renderer\/ runs in the browser engine/],
    ['renderer/src/x.tsx', '../../electron/node/files', /go through renderer\/bridge.ts/],
    ['renderer/src/x.tsx', 'electron', /only electron\/main\//],
    ['electron/node/x.ts', 'electron', /CLI runs on plain node/],
    ['electron/cli/x.ts', 'electron', /CLI runs on plain node/],
    ['electron/main/x.ts', '../../renderer/src/App', /talk to it over IPC/],
    ['electron/preload/x.ts', '../node/files', /may import only electron and shared\/ipc/],
  ])('%s may not import %s', async (file, specifier, message) => {
    const errors = await importErrors(file, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['shared/model/x.ts', 'yaml'],
    ['shared/format/x.ts', '../catalog/index'],
    ['renderer/src/x.tsx', '../../shared/format/index'],
    ['renderer/src/x.tsx', '@xyflow/react'],
    ['electron/node/x.ts', 'node:fs'],
    ['electron/cli/x.ts', '../node/files'],
    ['electron/main/x.ts', 'electron'],
    ['electron/preload/x.ts', 'electron'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});

describe('layer fences (compiler)', () => {
  const config = (path: string) =>
    JSON.parse(readFileSync(path, 'utf8')) as { compilerOptions: { lib: string[]; types: string[] } };

  it('shared/ compiles without DOM and without Node types', () => {
    const { lib, types } = config('shared/tsconfig.json').compilerOptions;
    expect(lib.some((l) => /dom/i.test(l))).toBe(false);
    expect(types).toEqual([]);
  });

  it('renderer/ has the DOM but no Node types', () => {
    const { lib, types } = config('renderer/tsconfig.json').compilerOptions;
    expect(lib).toContain('DOM');
    expect(types).toEqual([]);
  });

  it('the solution file builds every layer', () => {
    const solution = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as { references: { path: string }[] };
    const paths = solution.references.map((r) => r.path);
    for (const layer of [
      './shared',
      './electron/node',
      './electron/cli',
      './electron/main',
      './electron/preload',
      './renderer',
      './test',
    ]) {
      expect(paths).toContain(layer);
    }
  });
});
