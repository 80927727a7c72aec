import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../shared/export/index';
import { exportSwarm } from '../../../../../shared/export/swarm/index';
import type { Project, ProxyFlavour } from '../../../../../shared/model/types';
import type { TemplateId } from '../../../../../shared/templates/index';
import { template } from '../../../../support/fixtures';
import { haOnThreeHosts } from '../../../../support/host-variants';

/*
 * Every file of the Swarm export of each template, byte for byte, with seededRandom(1), in
 * test/golden/swarm/. After an intended change, review the diff and rewrite them:
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/shared/export/swarm/golden.test.ts`.
 */

const GOLDEN = resolve('test/golden/swarm');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Each case: its folder, the project, the proxy flavour. `hosts-ha` is the HA template on three hosts. */
const templateCase = (id: TemplateId, proxy?: ProxyFlavour): [string, () => Project, ProxyFlavour | undefined] => [
  proxy ? `${id}-${proxy}` : id,
  () => template(id),
  proxy,
];
const CASES: readonly [string, () => Project, ProxyFlavour | undefined][] = [
  templateCase('default'),
  templateCase('manual'),
  templateCase('ha'),
  templateCase('manual', 'traefik'),
  ['hosts-ha', haOnThreeHosts, undefined],
];

function tree(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk('');
  return out.sort();
}

describe.each(CASES)('Swarm golden files of %s', (folder, project, proxy) => {
  const dir = join(GOLDEN, folder);

  it('match the export byte for byte', () => {
    const result = exportSwarm(project(), { random: seededRandom(1), ...(proxy ? { proxy } : {}) });
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
        `golden files missing in ${dir}: ${missing.join(', ')}. Review the export, then UPDATE_GOLDEN=1.`,
      );
    for (const f of result.files) expect(readFileSync(join(dir, f.path), 'utf8'), f.path).toBe(f.contents);
    expect(tree(dir)).toEqual(result.files.map((f) => f.path).sort());
  });
});
