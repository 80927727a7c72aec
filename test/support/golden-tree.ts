import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../../shared/export/types';
import type { Project, ProxyFlavour } from '../../shared/model/types';
import type { TemplateId } from '../../shared/templates/index';
import { template } from './fixtures';
import { haOnThreeHosts } from './host-variants';

/** A golden case: its folder, the project, the proxy flavour. */
export type GoldenCase = readonly [string, () => Project, ProxyFlavour | undefined];

const templateCase = (id: TemplateId, proxy?: ProxyFlavour): GoldenCase => [
  proxy ? `${id}-${proxy}` : id,
  () => template(id),
  proxy,
];

/** The cluster targets' cases: the three templates, manual behind Traefik, and HA on three hosts (`hosts-ha`). */
export const TARGET_CASES: readonly GoldenCase[] = [
  templateCase('default'),
  templateCase('manual'),
  templateCase('ha'),
  templateCase('manual', 'traefik'),
  ['hosts-ha', haOnThreeHosts, undefined],
];

/** Every file under `root`, as sorted relative paths. */
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

/**
 * One golden test per case: the export's files equal the folder `golden/<case>` byte for byte,
 * and the folder holds nothing else. With UPDATE_GOLDEN=1 the folder is rewritten first (review
 * the diff).
 */
export function describeGoldenTrees(
  title: string,
  golden: string,
  cases: readonly GoldenCase[],
  run: (project: Project, proxy: ProxyFlavour | undefined) => readonly ExportFile[] | undefined,
): void {
  describe.each(cases)(`${title} of %s`, (folder, project, proxy) => {
    const dir = join(golden, folder);
    it('match the export byte for byte', () => {
      const files = run(project(), proxy);
      if (files === undefined) throw new Error('export refused');
      if (process.env.UPDATE_GOLDEN === '1') {
        rmSync(dir, { recursive: true, force: true });
        for (const f of files) {
          mkdirSync(dirname(join(dir, f.path)), { recursive: true });
          writeFileSync(join(dir, f.path), f.contents);
        }
      }
      const missing = files.filter((f) => !existsSync(join(dir, f.path))).map((f) => f.path);
      if (missing.length > 0)
        throw new Error(
          `golden files missing in ${dir}: ${missing.join(', ')}. Review the export, then UPDATE_GOLDEN=1.`,
        );
      for (const f of files) expect(readFileSync(join(dir, f.path), 'utf8'), f.path).toBe(f.contents);
      expect(tree(dir)).toEqual(files.map((f) => f.path).sort());
    });
  });
}
