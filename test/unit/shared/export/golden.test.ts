import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import type { ProxyFlavour } from '../../../../shared/model/types';
import { TEMPLATE_IDS } from '../../../../shared/templates/index';
import { template } from '../../../support/fixtures';

/*
 * Every file of every template × proxy flavour, byte for byte, with seededRandom(1). A change to
 * an exporter shows up here as a reviewable diff of the golden files. They are rewritten only
 * when asked: `UPDATE_GOLDEN=1 npx vitest run test/export/golden.test.ts`. A missing golden file
 * is a failure, never a silent first write.
 */

const GOLDEN = resolve('test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];
const CASES = TEMPLATE_IDS.flatMap((id) => FLAVOURS.map((flavour) => [id, flavour] as const));

/** Every file under `root`, relative with `/`, sorted. */
function tree(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk('');
  return out.sort();
}

describe.each(CASES)('golden files of the %s template with %s', (id, flavour) => {
  const dir = join(GOLDEN, `${id}-${flavour}`);

  it('match the export byte for byte', () => {
    const result = exportProject(template(id), { random: seededRandom(1), proxy: flavour });
    if (!result.ok) throw new Error('export refused');
    if (UPDATE) {
      rmSync(dir, { recursive: true, force: true });
      for (const f of result.files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.contents);
      }
    }
    const missing = result.files.filter((f) => !existsSync(join(dir, f.path))).map((f) => f.path);
    if (missing.length > 0)
      throw new Error(
        `golden files missing in ${dir}: ${missing.join(', ')}. Review the export, then write them with UPDATE_GOLDEN=1.`,
      );
    for (const f of result.files) expect(readFileSync(join(dir, f.path), 'utf8'), f.path).toBe(f.contents);
    // A golden file the export no longer writes is stale.
    expect(tree(dir)).toEqual(result.files.map((f) => f.path).sort());
  });
});
