import { describe, expect, it } from 'vitest';
import { checkProject } from '../../../../shared/rules/index';
import { TEMPLATES } from '../../../../shared/templates/index';
import type { Project } from '../../../../shared/model/types';
import { component, patchComponent, template } from '../../../support/fixtures';
import { onHosts, withHosts } from '../../../support/hosts';

/** NA007 with declared hosts: a host port is claimed once per host, not once per project. */

const manual = template('manual');
const of = (p: Project, rule: string) => checkProject(p).filter((d) => d.rule === rule);

/** The manual template with a second proxy "second" publishing 443, on hosts a and b. */
const secondProxy = patchComponent(
  component(withHosts(manual, 'a', 'b'), {
    kind: 'reverse-proxy',
    name: 'second',
    flavour: 'caddy',
    position: { x: 0, y: 0 },
    zone: 'dmz' as never,
  }),
  'second',
  { publish: [{ port: 'https', hostPort: 443 }] },
);

describe('NA007 per host', () => {
  it('two proxies publishing 443 on the same host collide, and the message names the host', () => {
    const found = of(secondProxy, 'NA007');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^host port 443 is published 2 times \("nginx" and "second"\) on host "a"$/);
  });

  it('on different hosts they do not', () => {
    expect(of(onHosts(secondProxy, 'second', 'b'), 'NA007')).toEqual([]);
  });

  it('a replicated proxy spread one replica per host binds its ports once on each', () => {
    const p = patchComponent(onHosts(withHosts(manual, 'a', 'b'), 'proxy', 'a', 'b'), 'proxy', { replicas: 2 });
    expect(of(p, 'NA007')).toEqual([]);
  });

  it('three replicas over two hosts put two on the first: each of its two host ports collides there', () => {
    const p = patchComponent(onHosts(withHosts(manual, 'a', 'b'), 'proxy', 'a', 'b'), 'proxy', { replicas: 3 });
    const found = of(p, 'NA007');
    expect(found.map((d) => d.message)).toEqual([
      '"nginx" runs 2 of its replicas on host "a", but only one container can bind host port 80',
      '"nginx" runs 2 of its replicas on host "a", but only one container can bind host port 443',
    ]);
  });

  it('without declared hosts nothing changes: one host, named as before', () => {
    const p = patchComponent(
      component(manual, { kind: 'reverse-proxy', name: 'second', flavour: 'caddy', position: { x: 0, y: 0 } }),
      'second',
      { publish: [{ port: 'https', hostPort: 443 }] },
    );
    expect(of(p, 'NA007')[0]!.message).toMatch(/on the one host the export runs/);
  });

  it('no template gains a host finding (they declare no hosts)', () => {
    for (const t of TEMPLATES) {
      const found = checkProject(template(t.id)).filter((d) =>
        ['NA007', 'NA054', 'NA055', 'NA056', 'NA057'].includes(d.rule),
      );
      expect(found, t.id).toEqual([]);
    }
  });
});

describe('NA054 quick fix', () => {
  it('publishes the port of a target with one instance per host, and offers nothing for one with more', async () => {
    const { applyFix, fixFor } = await import('../../../../shared/rules/index');
    const p = onHosts(withHosts(template('ha'), 'a', 'b'), 'nextauth', 'b', 'a');
    const found = of(p, 'NA054');
    const redis = found.find((d) => d.message.includes('"Redis" on'))!;
    const sentinel = found.find((d) => d.message.includes('"Redis Sentinel" on'))!;
    // Three Sentinels on host a cannot all bind 26379 there.
    expect(fixFor(sentinel, p)).toBeUndefined();
    expect(fixFor(redis, p)!.title(redis, p)).toBe('Publish redis of "Redis" on its host');
    const fixed = applyFix(p, redis);
    expect(fixed.components.find((c) => c.id === 'redis')!.publish).toEqual([{ port: 'redis', hostPort: 6379 }]);
    expect(of(fixed, 'NA054').map((d) => d.message)).toEqual([sentinel.message]);
  });
});
