import { describe, expect, it } from 'vitest';
import {
  addNetwork,
  hasNetworkMode,
  isInternalNetwork,
  networkMembership,
  removeNetwork,
  setComponentNetworks,
} from '../../../../shared/model/networks';
import type { ComponentId, Project } from '../../../../shared/model/types';
import { component, link, patchComponent, template } from '../../../support/fixtures';

/** The manual template with declared networks: proxy on front, nextauth on front and back, data on back. */
function networked(): Project {
  const p = template('manual');
  const on: Record<string, string[]> = { proxy: ['front'], nextauth: ['front', 'back'], mysql: ['back'] };
  return {
    ...p,
    networks: [{ name: 'front' }, { name: 'back', passThrough: { internal: true } }],
    components: p.components.map((c) => (on[c.id] ? { ...c, networks: on[c.id] } : c)),
  };
}

const of = (p: Project, id: string) => networkMembership(p).get(id as ComponentId);

describe('network membership', () => {
  it('a component’s own networks, as listed', () => {
    expect(of(networked(), 'nextauth')).toEqual(['front', 'back']);
    expect(of(networked(), 'mysql')).toEqual(['back']);
  });

  it('without networks of its own: every network of what it links to, is linked from or routes with, in declared order', () => {
    // mgmt links to nextauth (front, back) and is the target of the proxy's routes (front).
    expect(of(networked(), 'mgmt')).toEqual(['front', 'back']);
    // A cache linked from nextauth joins nextauth's networks; order is the project's, not the link's.
    const cache = link(
      component(networked(), { kind: 'redis', id: 'cache', name: 'Cache', position: { x: 0, y: 0 } }),
      'nextauth',
      'cache',
      'redis',
    );
    expect(of(cache, 'cache')).toEqual(['front', 'back']);
    // Neighbours without networks of their own contribute nothing (no chain through derived ones).
    const chained = link(
      component(cache, { kind: 'container', id: 'tool', name: 'Tool', position: { x: 0, y: 0 } }),
      'tool',
      'cache',
      'redis',
    );
    expect(of(chained, 'tool')).toEqual(['default']);
  });

  it('nothing to join: compose’s default network', () => {
    const alone = component(networked(), { kind: 'container', id: 'lone', name: 'Lone', position: { x: 0, y: 0 } });
    expect(of(alone, 'lone')).toEqual(['default']);
  });

  it('a kept network_mode: no network at all, and it gives none to its neighbours', () => {
    const p = patchComponent(networked(), 'mysql', { passThrough: { network_mode: 'host' } });
    expect(hasNetworkMode(p.components.find((c) => c.id === 'mysql')!)).toBe(true);
    expect(of(p, 'mysql')).toEqual([]);
  });

  it('networks the project does not declare keep the order they were met in, after the declared ones', () => {
    const p = patchComponent(networked(), 'nextauth', { networks: ['zeta', 'back', 'alpha'] });
    expect(of(p, 'mgmt')).toEqual(['front', 'back', 'zeta', 'alpha']);
  });

  it('internal networks', () => {
    const p = networked();
    expect(isInternalNetwork(p.networks![1])).toBe(true);
    expect(isInternalNetwork(p.networks![0])).toBe(false);
    expect(isInternalNetwork({ name: 'x', passThrough: { internal: 'true' } })).toBe(false);
    expect(isInternalNetwork(undefined)).toBe(false);
  });
});

describe('network operations', () => {
  it('setComponentNetworks keeps the settings of the networks it stays on, and drops the others', () => {
    const p = patchComponent(networked(), 'nextauth', {
      networkPassThrough: { front: { aliases: ['a'] }, back: { ipv4_address: '10.0.0.2' } },
    });
    const q = setComponentNetworks(p, 'nextauth' as ComponentId, ['back']);
    const c = q.components.find((x) => x.id === 'nextauth')!;
    expect(c.networks).toEqual(['back']);
    expect(c.networkPassThrough).toEqual({ back: { ipv4_address: '10.0.0.2' } });
    const none = setComponentNetworks(q, 'nextauth' as ComponentId, []).components.find((x) => x.id === 'nextauth')!;
    expect(none.networks).toEqual([]);
    expect(none.networkPassThrough).toBeUndefined();
    // No network ticked is compose's default, as docker reads a service that names none.
    expect(of(setComponentNetworks(q, 'nextauth' as ComponentId, []), 'nextauth')).toEqual(['default']);
    expect(p.components.find((x) => x.id === 'nextauth')!.networks).toEqual(['front', 'back']);
  });

  it('addNetwork declares a new name once', () => {
    const p = addNetwork(networked(), 'extra');
    expect(p.networks!.map((n) => n.name)).toEqual(['front', 'back', 'extra']);
    expect(addNetwork(p, 'extra')).toBe(p);
    expect(addNetwork(template('manual'), 'first').networks).toEqual([{ name: 'first' }]);
  });

  it('removeNetwork takes every component off it, with its settings there; one left on none is on default', () => {
    let p = patchComponent(networked(), 'nextauth', { networkPassThrough: { back: { aliases: ['core'] } } });
    p = removeNetwork(p, 'back');
    expect(p.networks!.map((n) => n.name)).toEqual(['front']);
    const nextauth = p.components.find((c) => c.id === 'nextauth')!;
    expect(nextauth.networks).toEqual(['front']);
    expect(nextauth.networkPassThrough).toBeUndefined();
    expect(p.components.find((c) => c.id === 'mysql')!.networks).toEqual([]);
    expect(of(p, 'mysql')).toEqual(['default']);
    expect(removeNetwork(template('manual'), 'back')).toEqual(template('manual'));
  });
});
