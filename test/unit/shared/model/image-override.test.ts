import { describe, expect, it } from 'vitest';
import { imageOf } from '../../../../shared/catalog/index';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import { MAX_DEPTH, MAX_TOKENS } from '../../../../shared/format/located';
import { loadProject, saveProject } from '../../../../shared/format/index';
import { readPlain } from '../../../../shared/format/plain-reader';
import { formatNeeded } from '../../../../shared/format/save';
import type { Project } from '../../../../shared/model/types';
import { checkProject } from '../../../../shared/rules/index';
import { patchComponent, template } from '../../../support/fixtures';

/**
 * An image override on a catalog kind (Component.image): kept by the project file on the plain
 * reader's path, checked by NA047, and run by the export instead of the catalog's image — for
 * nextAuth's kinds instead of the project's registry and tag — unless `--proxy` changes the
 * flavour it was set for.
 */

const withRedis = (image: string): Project => patchComponent(template('manual'), 'redis', { image });

const composeOf = (p: Project, proxy?: 'traefik'): string => {
  const r = exportProject(p, { random: seededRandom(1), ...(proxy ? { proxy } : {}) });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.files.find((f) => f.path === 'docker-compose.yml')!.contents;
};

describe('image overrides on catalog kinds', () => {
  it('imageOf: the override where there is one, else the catalog; none on a kind that is not deployed', () => {
    expect(imageOf({ kind: 'redis', image: 'bitnami/redis:7.4' })).toBe('bitnami/redis:7.4');
    expect(imageOf({ kind: 'redis' })).toMatch(/^redis:/);
    expect(imageOf({ kind: 'push-fcm', image: 'x:1' })).toBeUndefined();
  });

  it('saves and loads back equal, on the plain reader, as format 3', () => {
    const p = withRedis('bitnami/redis:7.4');
    const text = saveProject(p);
    expect(text).toContain('image: bitnami/redis:7.4');
    expect(readPlain(text, { maxDepth: MAX_DEPTH, maxTokens: MAX_TOKENS, format: 3 }).kind).toBe('read');
    const loaded = loadProject(text);
    if (!loaded.ok) expect(loaded.problems).toEqual([]);
    expect(loaded.ok && loaded.project.components.find((c) => c.id === 'redis')?.image).toBe('bitnami/redis:7.4');
    expect(formatNeeded(p)).toBe(3);
    expect(formatNeeded(template('manual'))).toBe(2);
  });

  it('the loader refuses an image on a kind that is not deployed, and ports on a catalog kind', () => {
    const text = saveProject(template('manual')).replace(
      /( {2}- id: fcm\n {4}kind: push-fcm\n)/,
      '$1    image: fcm:1\n    ports: []\n',
    );
    expect(text).toContain('image: fcm:1');
    const problems = loadProject(text).problems.map((p) => `${p.code} ${p.path.replace(/\[\d+\]/, '[N]')}`);
    expect(problems).toEqual(['invalid-value components[N].ports', 'invalid-value components[N].image']);
  });

  it('NA047 flags an override Docker would refuse; a good one adds no finding', () => {
    const base = checkProject(template('manual')).map((d) => d.rule);
    expect(checkProject(withRedis('bitnami/redis:7.4')).map((d) => d.rule)).toEqual(base);
    const bad = checkProject(withRedis('Bad Image!')).filter((d) => d.rule === 'NA047');
    expect(bad.map((d) => d.message)).toEqual([expect.stringContaining('image override "Bad Image!"')]);
    expect(checkProject(withRedis('')).filter((d) => d.rule === 'NA047')).toHaveLength(1);
  });

  it('the export runs the override, also for nextAuth (no registry or tag variables then)', () => {
    expect(composeOf(withRedis('bitnami/redis:7.4'))).toMatch(/\n {2}redis:\n {4}image: bitnami\/redis:7\.4\n/);
    const pinned = `registry.example.com/auth/nextauth@sha256:${'a'.repeat(64)}`;
    const compose = composeOf(patchComponent(template('manual'), 'nextauth', { image: pinned }));
    expect(compose).toContain(`\n  nextauth:\n    image: ${pinned}\n`);
    expect(compose).toContain('image: "${PORTOLAN_NEXTAUTH_REGISTRY}nextauth-mgmt:${PORTOLAN_NEXTAUTH_TAG:?');
  });

  it('an override is the image of its flavour: --proxy with another flavour runs that flavour catalog image', () => {
    const p = patchComponent(template('manual'), 'proxy', { image: 'nginxinc/nginx-unprivileged:1.27' });
    expect(composeOf(p)).toContain('image: nginxinc/nginx-unprivileged:1.27');
    const traefik = composeOf(p, 'traefik');
    expect(traefik).not.toContain('nginx-unprivileged');
    expect(traefik).toMatch(/image: traefik:/);
  });
});
