import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import type { ProxyFlavour } from '../../../../shared/model/types';
import { haOnThreeHosts } from '../../../support/host-variants';

/*
 * The compose export per host (issue 16), byte for byte: the HA template on three hosts
 * (test/support/host-variants.ts) with each proxy flavour, seededRandom(1). Rewritten only when
 * asked: `UPDATE_GOLDEN=1 npx vitest run test/unit/shared/export/hosts-golden.test.ts`.
 */

const GOLDEN = resolve('test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];

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

describe.each(FLAVOURS)('golden files of the HA template on three hosts with %s', (flavour) => {
  const dir = join(GOLDEN, `hosts-ha-${flavour}`);

  it('match the export byte for byte', () => {
    const result = exportProject(haOnThreeHosts(), { random: seededRandom(1), proxy: flavour });
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
        `golden files missing in ${dir}: ${missing.join(', ')}. Review, then write them with UPDATE_GOLDEN=1.`,
      );
    for (const f of result.files) expect(readFileSync(join(dir, f.path), 'utf8'), f.path).toBe(f.contents);
    expect(tree(dir)).toEqual(result.files.map((f) => f.path).sort());
  });
});
