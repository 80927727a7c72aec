import { describe, expect, it } from 'vitest';
import { nextauthInstances } from '../../../../shared/connections/index';
import type { Project } from '../../../../shared/model/index';
import { expectFixRemoves, of } from '../../../support/fix-check';
import { component, dropLink, link, patchComponent, template } from '../../../support/fixtures';

/**
 * Instances are counted once (issue 10, item 3): three nextauth components of one replica are
 * three instances, like one component of three replicas, for every rule that cares.
 */

const manual = template('manual');
const ha = template('ha');
const at = { x: 0, y: 0 };

/** Adds nextauth components `ids` (one replica each) with their database link, like the first one's. */
function withServers(p: Project, ...ids: string[]): Project {
  for (const id of ids) {
    p = component(p, { kind: 'nextauth', name: id, id, position: at, zone: 'internal' as never });
    p = link(p, id, 'mysql', 'db');
  }
  return p;
}

const noRedis = dropLink(manual, 'nextauth-to-redis');

describe('nextauthInstances', () => {
  it('sums replicas over every nextauth component', () => {
    expect(nextauthInstances(manual)).toBe(1);
    expect(nextauthInstances(withServers(manual, 'b', 'c'))).toBe(3);
    expect(nextauthInstances(patchComponent(withServers(manual, 'b'), 'b', { replicas: 4 }))).toBe(5);
  });
});

describe('NA021 counts instances across components', () => {
  it('fires: three components of one replica and no Redis, once per component, naming the total', () => {
    const p = withServers(noRedis, 'b', 'c');
    const found = of(p, 'NA021');
    expect(found.map((d) => d.elements)).toEqual([
      [{ type: 'component', id: 'nextauth' }],
      [{ type: 'component', id: 'b' }],
      [{ type: 'component', id: 'c' }],
    ]);
    expect(found[0]!.severity).toBe('error');
    expect(found[1]!.message).toBe(
      '3 nextauth instances across 3 components; "b" has no connection to Redis or Redis Sentinel, so instances share no state',
    );
  });

  it('fires: only the components without a key-value connection', () => {
    // "nextauth" keeps its Redis link; the second server has none.
    const p = withServers(manual, 'b');
    expect(of(p, 'NA021').map((d) => d.message)).toEqual([
      '2 nextauth instances across 2 components; "b" has no connection to Redis or Redis Sentinel, so instances share no state',
    ]);
  });

  it('fires: one component of three replicas without Redis (as before)', () => {
    const p = patchComponent(noRedis, 'nextauth', { replicas: 3 });
    expect(of(p, 'NA021').map((d) => d.message)).toEqual([
      '3 nextauth instances across 1 component; "nextauth" has no connection to Redis or Redis Sentinel, so instances share no state',
    ]);
  });

  it('fires: two components that keep their state in different Redis servers', () => {
    let p = withServers(manual, 'b');
    p = component(p, { kind: 'redis', name: 'Redis B', id: 'redis-b', position: at, zone: 'internal' as never });
    p = link(p, 'b', 'redis-b', 'redis');
    const found = of(p, 'NA021');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(
      /^2 nextauth instances across 2 components, but they keep their state in 2 separate stores \("nextauth" in "Redis"; "b" in "Redis B"\)/,
    );
    expect(found[0]!.elements.map((e) => e.id)).toEqual(['nextauth', 'b']);
  });

  it('stays quiet: every component linked to the same Redis', () => {
    let p = withServers(manual, 'b', 'c');
    p = link(link(p, 'b', 'redis', 'redis'), 'c', 'redis', 'redis');
    expect(of(p, 'NA021')).toEqual([]);
  });

  it('stays quiet: one component through Sentinel, another straight to the Redis it monitors', () => {
    let p = dropLink(ha, 'nextauth-to-redis');
    p = component(p, { kind: 'nextauth', name: 'b', id: 'b', position: at, zone: 'internal' as never });
    p = link(link(p, 'b', 'mysql', 'db'), 'b', 'redis', 'redis');
    expect(of(p, 'NA021')).toEqual([]);
  });

  it('stays quiet: a single instance needs no Redis', () => {
    expect(of(noRedis, 'NA021')).toEqual([]);
  });
});

describe('NA023 counts Sentinel instances across components', () => {
  /** Adds a Sentinel component `id` of `replicas` that monitors the template's Redis. */
  const sentinel = (p: Project, id: string, replicas: number, master?: string): Project =>
    link(
      patchComponent(
        component(p, { kind: 'redis-sentinel', name: id, id, position: at, zone: 'internal' as never }),
        id,
        { replicas, ...(master !== undefined ? { properties: { master } } : {}) },
      ),
      id,
      'redis',
      'redis',
    );
  const oneOfOne = patchComponent(ha, 'redis-sentinel', { replicas: 1 });

  it('stays quiet: three Sentinel components of one replica watching the same Redis', () => {
    expect(of(sentinel(sentinel(oneOfOne, 's2', 1), 's3', 1), 'NA023')).toEqual([]);
  });

  it('fires once for two components that add up to two, naming both', () => {
    const found = of(sentinel(oneOfOne, 's2', 1), 'NA023');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toBe(
      '"Redis Sentinel" and "s2" watch "Redis" together with 2 instances; a robust Sentinel deployment needs at least 3',
    );
    expect(found[0]!.elements.map((e) => e.id)).toEqual(['redis-sentinel', 's2']);
  });

  it('fires: Sentinels under another master name do not vote together', () => {
    expect(of(sentinel(sentinel(oneOfOne, 's2', 1, 'other'), 's3', 1, 'other'), 'NA023')).toHaveLength(2);
  });

  it('its fix brings the group to three instances', () => {
    const fixed = expectFixRemoves(sentinel(oneOfOne, 's2', 1), 'NA023');
    expect(fixed.components.filter((c) => c.kind === 'redis-sentinel').map((c) => c.replicas)).toEqual([2, 1]);
  });
});

describe('NA024 names the instances a route reaches', () => {
  it('fires: a second server with two replicas that no route reaches', () => {
    const p = patchComponent(withServers(manual, 'b'), 'b', { replicas: 2 });
    const found = of(p, 'NA024');
    expect(found.map((d) => d.message)).toEqual([
      'the public WebSocket route reaches 1 of 3 nextauth instances ("nextauth"), not "b"; run one nextauth with replicas behind one load-balanced route',
      'the public Mobile API route reaches 1 of 3 nextauth instances ("nextauth"), not "b"; run one nextauth with replicas behind one load-balanced route',
    ]);
  });

  it('stays quiet: one component of three replicas behind the route', () => {
    expect(of(patchComponent(manual, 'nextauth', { replicas: 3 }), 'NA024')).toEqual([]);
  });

  it('its fix merges the servers into one with the instances added up', () => {
    const p = patchComponent(withServers(manual, 'b'), 'b', { replicas: 2 });
    const fixed = expectFixRemoves(p, 'NA024');
    expect(of(fixed, 'NA024')).toEqual([]);
    expect(nextauthInstances(fixed)).toBe(3);
  });
});
