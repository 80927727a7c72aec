import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom, type ExportFile } from '../../../../shared/export/index';
import type { Project, ProxyFlavour } from '../../../../shared/model/types';
import { TEMPLATE_IDS } from '../../../../shared/templates/index';
import { template } from '../../../support/fixtures';

const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];
const CASES = TEMPLATE_IDS.flatMap((id) => FLAVOURS.map((flavour) => [id, flavour] as const));

function files(project: Project, flavour: ProxyFlavour, seed: number): readonly ExportFile[] {
  const result = exportProject(project, { random: seededRandom(seed), proxy: flavour });
  if (!result.ok) throw new Error('export refused');
  return result.files;
}

const secretNames = (project: Project): Set<string> =>
  new Set(
    project.components.flatMap((c) => Object.keys(c.environment).filter((n) => c.environment[n]!.type === 'secret')),
  );

describe.each(CASES)('export of the %s template with %s', (id, flavour) => {
  const project = template(id);

  it('is byte-identical for the same project and seed, however often it runs', () => {
    const first = files(project, flavour, 42);
    // A fresh copy of the project: nothing may depend on object identity or on earlier runs.
    const copy = JSON.parse(JSON.stringify(project)) as Project;
    expect(files(copy, flavour, 42)).toEqual(first);
    expect(files(project, flavour, 42)).toEqual(first);
  });

  it('differs between seeds only in the generated secrets of .env', () => {
    const a = files(project, flavour, 1);
    const b = files(project, flavour, 2);
    expect(b.map((f) => [f.path, f.mode])).toEqual(a.map((f) => [f.path, f.mode]));
    const secrets = secretNames(project);
    // Every template generates secrets; without any, this test could not see a seed leaking.
    expect(secrets.size).toBeGreaterThan(0);
    for (const [i, fa] of a.entries()) {
      const fb = b[i]!;
      if (fa.path !== '.env') {
        expect(fb.contents, fa.path).toBe(fa.contents);
        continue;
      }
      const la = fa.contents.split('\n');
      const lb = fb.contents.split('\n');
      expect(lb.length).toBe(la.length);
      const changed = la.flatMap((line, j) => (line === lb[j] ? [] : [line.split('=')[0]!]));
      expect(new Set(changed)).toEqual(secrets);
    }
  });

  it('writes each secret into .env only', () => {
    const all = files(project, flavour, 3);
    const env = all.find((f) => f.path === '.env')!.contents;
    expect(secretNames(project).size).toBeGreaterThan(0);
    for (const name of secretNames(project)) {
      const value = new RegExp(`^${name}=(.*)$`, 'm').exec(env)![1]!;
      for (const f of all) if (f.path !== '.env') expect(f.contents, `${name} in ${f.path}`).not.toContain(value);
    }
  });
});

it('the seeded source itself repeats for a seed and differs between seeds', () => {
  expect(seededRandom(5).bytes(64)).toEqual(seededRandom(5).bytes(64));
  expect(seededRandom(5).bytes(64)).not.toEqual(seededRandom(6).bytes(64));
});
