import { describe, expect, it } from 'vitest';
import { hasPort, portNumber } from '../../../../shared/catalog/index';
import { loadProject, saveProject } from '../../../../shared/format/index';
import { isEntryPoint, routeUrl } from '../../../../shared/model/constraints';
import type { Project } from '../../../../shared/model/types';
import { checkProject } from '../../../../shared/rules/index';
import { diagramProject, MIN_DIAGRAM_COMPONENTS, templateProjects } from '../../../support/diagram-projects';

/** Every reference in the project names an element that exists, on a port its kind has. */
function referenceProblems(p: Project): string[] {
  const problems: string[] = [];
  const byId = new Map(p.components.map((c) => [c.id as string, c]));
  const zoneIds = new Set<string>(p.zones.map((z) => z.id));
  const ids = [...p.zones, ...p.components, ...p.links, ...p.routes].map((e) => e.id.toLowerCase());
  if (new Set(ids).size !== ids.length) problems.push('duplicate ids');
  for (const c of p.components) {
    if (c.zone === undefined || !zoneIds.has(c.zone)) problems.push(`${c.id}: zone ${c.zone}`);
    if (c.position.x !== 0 || c.position.y !== 0) problems.push(`${c.id}: placed`);
    for (const pub of c.publish) if (!hasPort(c.kind, pub.port)) problems.push(`${c.id}: publishes ${pub.port}`);
  }
  for (const l of p.links) {
    const to = byId.get(l.to);
    if (!byId.has(l.from)) problems.push(`${l.id}: from ${l.from}`);
    if (to === undefined) problems.push(`${l.id}: to ${l.to}`);
    else if (portNumber(to, l.port) === undefined) problems.push(`${l.id}: ${to.kind} has no port ${l.port}`);
  }
  for (const r of p.routes) {
    const via = byId.get(r.via);
    const target = byId.get(r.target);
    if (!isEntryPoint(via)) problems.push(`${r.id}: via ${r.via}`);
    if (target === undefined) problems.push(`${r.id}: target ${r.target}`);
    else if (portNumber(target, r.port) === undefined) problems.push(`${r.id}: ${target.kind} has no port ${r.port}`);
  }
  return problems;
}

const errors = (p: Project) => checkProject(p).filter((d) => d.severity === 'error' && !d.suppressed);
const kindsOf = (p: Project) => new Set(p.components.map((c) => c.kind));

describe('diagramProject', () => {
  it('is deterministic, and different seeds draw different projects', () => {
    expect(diagramProject(100, 7)).toEqual(diagramProject(100, 7));
    expect(saveProject(diagramProject(500, 3))).toBe(saveProject(diagramProject(500, 3)));
    expect(diagramProject(100, 7)).not.toEqual(diagramProject(100, 8));
  });

  it.each([30, 100, 500, 2000, MIN_DIAGRAM_COMPONENTS, 11, 31, 97])('draws exactly %i components', (n) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(diagramProject(n, seed).components).toHaveLength(n);
      expect(diagramProject(n, seed, { redis: 'per-tenant' }).components).toHaveLength(n);
    }
  });

  it('refuses a count too small for one deployment', () => {
    expect(() => diagramProject(MIN_DIAGRAM_COMPONENTS - 1, 1)).toThrow(RangeError);
  });

  it.each([30, 100, 500, 2000])('references only existing components, zones and ports at %i components', (n) => {
    for (const seed of [1, 2, 3]) {
      for (const redis of ['shared', 'per-tenant'] as const) {
        const p = diagramProject(n, seed, { redis });
        expect(p.links.length).toBeGreaterThan(0);
        expect(p.routes.length).toBeGreaterThan(0);
        expect(referenceProblems(p)).toEqual([]);
      }
    }
  });

  it('routes public https/wss URLs to the nextauth and mgmt ports of the docs', () => {
    const p = diagramProject(100, 1);
    const byId = new Map(p.components.map((c) => [c.id as string, c]));
    const numbers = new Set<number>();
    for (const r of p.routes) {
      expect(routeUrl(r)).toMatch(/^(https|wss):\/\/[a-z0-9.-]+\.example\.com(:\d+)?\//);
      numbers.add(portNumber(byId.get(r.target)!, r.port)!);
    }
    expect([...numbers].sort((a, b) => a - b)).toEqual([80, 81, 82, 8009, 8889]);
  });

  it('is a valid project file', () => {
    const p = diagramProject(500, 2);
    const result = loadProject(saveProject(p));
    expect(result.problems).toEqual([]);
    expect(result.ok && result.project).toEqual(p);
  });

  it.each([30, 100, 500])('has no checker errors at %i components', (n) => {
    for (const seed of [1, 2, 3, 4, 5]) expect(errors(diagramProject(n, seed)).map((d) => d.message)).toEqual([]);
  });

  it('with a Redis per tenant, breaks only the one-shared-Redis rule', () => {
    const p = diagramProject(100, 1, { redis: 'per-tenant' });
    expect(p.components.filter((c) => c.kind === 'redis').length).toBeGreaterThan(5);
    expect([...new Set(errors(p).map((d) => d.rule))]).toEqual(['NA021']);
  });

  it('draws several different deployments side by side', () => {
    const p = diagramProject(500, 1);
    const byKind = (kind: string) => p.components.filter((c) => c.kind === kind);
    expect(byKind('nextauth').length).toBeGreaterThan(30);
    expect(new Set(byKind('reverse-proxy').map((c) => c.flavour))).toEqual(
      new Set(['nginx', 'haproxy', 'caddy', 'traefik']),
    );
    expect(new Set(byKind('database').map((c) => c.flavour))).toEqual(new Set(['mysql', 'mariadb', 'postgres']));
    expect(new Set(byKind('nextauth').map((c) => c.replicas))).toEqual(new Set([1, 2, 3]));
    expect(byKind('database').some((c) => c.properties.external === true)).toBe(true);
    expect(byKind('business-app').length).toBeGreaterThan(0);
    // One set of external services, shared by every tenant.
    for (const kind of ['license-server', 'push-fcm', 'push-apns'] as const) expect(byKind(kind)).toHaveLength(1);
    // Zones: the internet, the shared DMZ and DMZs of their own, a network per tenant, data centres.
    const zoneKinds = p.zones.map((z) => z.kind);
    expect(zoneKinds.filter((k) => k === 'internet')).toHaveLength(1);
    expect(zoneKinds.filter((k) => k === 'dmz').length).toBeGreaterThan(2);
    expect(zoneKinds).toContain('host');
    expect(p.zones.some((z) => z.id === 'dmz')).toBe(true);
    // Some tenants have an admin entry point of their own, and some URLs are told apart by path.
    expect(p.components.some((c) => c.id.endsWith('-admin-proxy'))).toBe(true);
    expect(p.routes.some((r) => r.path !== '/')).toBe(true);
    // Across seeds: portmap as the first entry point, and Redis with or without Sentinel.
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => kindsOf(diagramProject(100, s)));
    expect(seeds.some((k) => k.has('nextauth-portmap'))).toBe(true);
    expect(seeds.some((k) => !k.has('nextauth-portmap'))).toBe(true);
    expect(seeds.some((k) => k.has('redis-sentinel'))).toBe(true);
    expect(seeds.some((k) => !k.has('redis-sentinel'))).toBe(true);
  });
});

describe('templateProjects', () => {
  it('loads the three shipped templates', () => {
    const templates = templateProjects();
    expect(templates.map((t) => t.name)).toEqual(['default', 'manual', 'ha']);
    for (const { project } of templates) {
      expect(project.components.length).toBeGreaterThan(5);
      expect(
        referenceProblems({
          ...project,
          components: project.components.map((c) => ({ ...c, position: { x: 0, y: 0 } })),
        }),
      ).toEqual([]);
    }
  });
});
