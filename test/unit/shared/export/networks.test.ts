import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import type { Project } from '../../../../shared/model/types';
import { component, patchComponent, template } from '../../../support/fixtures';

/**
 * The compose export of declared networks (Project.networks): exactly those networks with their
 * settings, each service's networks as declared (a mapping where it has settings on one), nothing
 * where docker does the same without it (compose's `default` alone, a kept `network_mode`), and
 * Portolan's own `edge`/`backend` for a drawing that declares none.
 */

function networked(p: Project = template('manual')): Project {
  const on: Record<string, string[]> = {
    proxy: ['front'],
    nextauth: ['front', 'back'],
    mgmt: ['front', 'back'],
    mysql: ['back'],
    redis: ['back'],
  };
  return {
    ...p,
    networks: [
      { name: 'front', passThrough: { driver: 'bridge', labels: { 'com.example.cost': '$5 a month' } } },
      { name: 'back', passThrough: { internal: true } },
    ],
    components: p.components.map((c) => (on[c.id] ? { ...c, networks: on[c.id] } : c)),
  };
}

interface Compose {
  services: Record<string, { networks?: unknown; network_mode?: string }>;
  networks?: Record<string, unknown>;
}

function exported(p: Project): { compose: Compose; text: string; deployment: string } {
  const r = exportProject(p, { random: seededRandom(1) });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.rule} ${d.message}`).join('; '));
  const text = r.files.find((f) => f.path === 'docker-compose.yml')!.contents;
  return {
    compose: parse(text) as Compose,
    text,
    deployment: r.files.find((f) => f.path === 'DEPLOYMENT.md')!.contents,
  };
}

describe('compose export of declared networks', () => {
  it('writes exactly the declared networks with their settings (`$` escaped as compose reads it)', () => {
    const { compose } = exported(networked());
    expect(compose.networks).toEqual({
      front: { driver: 'bridge', labels: { 'com.example.cost': '$$5 a month' } },
      back: { internal: true },
    });
    expect(compose.services.proxy!.networks).toEqual(['front']);
    expect(compose.services.nextauth!.networks).toEqual(['front', 'back']);
    expect(compose.services.mysql!.networks).toEqual(['back']);
  });

  it('a service with settings on a network gets the mapping form, an entry without settings empty', () => {
    const p = patchComponent(networked(), 'nextauth', {
      networkPassThrough: { back: { aliases: ['auth-core'], ipv4_address: '172.28.0.10' } },
    });
    expect(exported(p).compose.services.nextauth!.networks).toEqual({
      front: {},
      back: { aliases: ['auth-core'], ipv4_address: '172.28.0.10' },
    });
  });

  it('compose’s default network alone is left out (docker puts the service there anyway), and so is a kept network_mode', () => {
    let p = patchComponent(networked(), 'redis', { networks: ['default'] });
    p = patchComponent(p, 'mysql', { networks: [], passThrough: { network_mode: 'host' } });
    const { compose } = exported({ ...p, networks: [...p.networks!, { name: 'default' }] });
    expect(compose.services.redis!.networks).toBeUndefined();
    expect(compose.services.mysql!.networks).toBeUndefined();
    expect(compose.services.mysql!.network_mode).toBe('host');
    // `default` without settings is not declared; with settings it is.
    expect(Object.keys(compose.networks!)).toEqual(['front', 'back']);
    const withSettings = exported({
      ...p,
      networks: [...p.networks!, { name: 'default', passThrough: { driver: 'bridge' } }],
    });
    expect(withSettings.compose.networks!.default).toEqual({ driver: 'bridge' });
  });

  it('a component added in the editor joins the networks of what it is drawn with', () => {
    const p = component(networked(), { kind: 'redis', id: 'cache', name: 'Cache', position: { x: 0, y: 0 } });
    const linked: Project = {
      ...p,
      links: [...p.links, { id: 'to-cache' as never, from: 'nextauth' as never, to: 'cache' as never, port: 'redis' }],
    };
    expect(exported(linked).compose.services.cache!.networks).toEqual(['front', 'back']);
    // Drawn with nothing: compose's default network (no `networks:` written).
    expect(exported(p).compose.services.cache!.networks).toBeUndefined();
  });

  it('a network a service names without a declaration is declared empty, so the file still runs (NA051 reports it)', () => {
    const p = patchComponent(networked(), 'redis', { networks: ['back', 'cache-net'] });
    const { compose } = exported(p);
    expect(compose.networks!['cache-net']).toEqual({});
    expect(compose.services.redis!.networks).toEqual(['back', 'cache-net']);
  });

  it('DEPLOYMENT.md names the declared networks, and the network an outside caller joins', () => {
    const { deployment } = exported(networked());
    expect(deployment).toContain('the `front` and `back` networks');
    // The business application calls nextauth's REST API: it joins nextauth's first network with a route out.
    expect(deployment).toMatch(/attach the caller to the compose network `[a-z0-9-]+_front`/);
    const named = networked();
    const external = exported({
      ...named,
      networks: [{ name: 'front', passThrough: { external: true } }, named.networks![1]!],
    });
    expect(external.deployment).toContain('attach the caller to the compose network `front`');
  });

  it('the x-portolan block says the networks are declared; a drawing without them is exported as before', () => {
    expect(exported(networked()).text).toMatch(/^ {2}networks: declared$/m);
    const drawing = exported(template('manual'));
    expect(drawing.text).not.toMatch(/networks: declared/);
    expect(drawing.compose.networks).toEqual({
      edge: { driver: 'bridge' },
      backend: { driver: 'bridge', internal: true },
    });
    expect(drawing.compose.services.mysql!.networks).toEqual(['backend']);
    // A kept network_mode in a drawing: no networks beside it either (compose refuses both).
    const host = exported(patchComponent(template('manual'), 'mysql', { passThrough: { network_mode: 'host' } }));
    expect(host.compose.services.mysql!.networks).toBeUndefined();
    expect(host.compose.services.mysql!.network_mode).toBe('host');
  });
});
