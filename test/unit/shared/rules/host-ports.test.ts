import { describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/model/index';
import { of } from '../../../support/fix-check';
import { component, patchComponent, template } from '../../../support/fixtures';

/**
 * NA007 checks what the exporter writes: one compose project, one host. Zones are network
 * segments of that host, so a host port is published once across the whole project.
 */

const manual = template('manual');
const at = { x: 0, y: 0 };

/** A second reverse proxy `id` in `zone` (none: no zone) publishing 443, with `patch` applied. */
function secondProxy(zone: string | undefined, patch: Partial<Project['components'][number]> = {}): Project {
  const p = component(manual, {
    kind: 'reverse-proxy',
    name: 'second',
    id: 'second',
    flavour: 'caddy',
    position: at,
    ...(zone !== undefined ? { zone: zone as never } : {}),
  });
  return patchComponent(p, 'second', { publish: [{ port: 'https', hostPort: 443 }], ...patch });
}

describe('NA007 one host', () => {
  it.each([
    ['the same zone', 'dmz'],
    ['another zone', 'internal'],
    ['the internet zone', 'internet'],
    ['no zone', undefined],
  ])('fires: two entry points publish 443, the second in %s', (_what, zone) => {
    const found = of(secondProxy(zone), 'NA007');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.message).toMatch(/^host port 443 is published 2 times \("nginx" and "second"\) on the one host/);
    expect(found[0]!.elements).toEqual([
      { type: 'component', id: 'proxy' },
      { type: 'component', id: 'second' },
    ]);
  });

  it('says that zones are not hosts when the claims are in different zones', () => {
    expect(of(secondProxy('internal'), 'NA007')[0]!.message).toMatch(/zones are network segments of that host/);
    expect(of(secondProxy('dmz'), 'NA007')[0]!.message).not.toMatch(/zones/);
  });

  it('stays quiet: another host port in another zone', () => {
    expect(of(secondProxy('internal', { publish: [{ port: 'https', hostPort: 8443 }] }), 'NA007')).toEqual([]);
  });

  it('stays quiet: a load balancer the customer runs (external) is not in the compose project', () => {
    expect(of(secondProxy('dmz', { properties: { external: true } }), 'NA007')).toEqual([]);
    expect(of(secondProxy('dmz', { properties: { external: true }, replicas: 2 }), 'NA007')).toEqual([]);
  });

  it('stays quiet: clients and internet services run nowhere the export writes', () => {
    for (const id of ['mobile-app', 'admin', 'fcm']) {
      const p = patchComponent(manual, id, { publish: [{ port: 'https', hostPort: 443 }], replicas: 2 });
      expect(of(p, 'NA007'), id).toEqual([]);
    }
  });

  it('fires: a replicated entry point binding a host port, once per port (kept)', () => {
    const found = of(patchComponent(manual, 'proxy', { replicas: 2 }), 'NA007');
    expect(found.map((d) => d.message)).toEqual([
      '"nginx" has 2 replicas, but only one container can bind host port 80',
      '"nginx" has 2 replicas, but only one container can bind host port 443',
    ]);
  });

  it('fires: any deployed component publishing a port an entry point publishes', () => {
    const p = patchComponent(manual, 'mgmt', { publish: [{ port: 'dashboard', hostPort: 80 }] });
    expect(of(p, 'NA007').map((d) => d.elements.map((e) => e.id))).toEqual([['proxy', 'mgmt']]);
  });
});
