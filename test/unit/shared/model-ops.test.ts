import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../shared/format/index';
import {
  addComponent,
  addLink,
  addRoute,
  emptyProject,
  moveComponents,
  removeComponents,
  removeLinks,
  removeRoutes,
  uniqueId,
  updateComponent,
  updateRoute,
  type ComponentId,
  type LinkId,
  type Project,
  type RouteId,
} from '../../../shared/model/index';
import { getTemplate } from '../../../shared/templates/index';

const manual = (): Project => {
  const r = loadProject(getTemplate('manual')!.text);
  if (!r.ok) throw new Error('template does not load');
  return r.project;
};
const cid = (s: string) => s as ComponentId;

/** Deep-freezes so any mutation of an input throws in strict mode. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
}

describe('model operations are pure', () => {
  it('addComponent gives a unique id from the name and never touches its input', () => {
    const p0 = frozen(emptyProject('x'));
    const { project: p1, id: a } = addComponent(p0, { kind: 'redis', name: 'Redis', position: { x: 1, y: 2 } });
    const { project: p2, id: b } = addComponent(p1, { kind: 'redis', name: 'Redis', position: { x: 3, y: 4 } });
    expect([a, b]).toEqual(['redis', 'redis-2']);
    expect(p0.components).toEqual([]);
    expect(p2.components.map((c) => [c.id, c.replicas, c.position])).toEqual([
      ['redis', 1, { x: 1, y: 2 }],
      ['redis-2', 1, { x: 3, y: 4 }],
    ]);
    expect(() => addComponent(p2, { kind: 'redis', name: 'x', id: 'redis', position: { x: 0, y: 0 } })).toThrow(
      /already used/,
    );
  });

  it('uniqueId makes a valid id from any text', () => {
    const p = emptyProject('x');
    expect(uniqueId(p, 'My Proxy #1')).toBe('my-proxy-1');
    expect(uniqueId(p, '  ---')).toBe('item');
    expect(uniqueId(p, 'Ünïcode ☃')).toMatch(/^[a-z0-9][a-z0-9_.-]*$/);
  });

  it('removeComponents also removes the links and routes that refer to them', () => {
    const p = frozen(manual());
    const next = removeComponents(p, new Set([cid('nextauth')]));
    expect(next.components.some((c) => c.id === 'nextauth')).toBe(false);
    expect(next.links.some((l) => l.from === 'nextauth' || l.to === 'nextauth')).toBe(false);
    expect(next.routes.map((r) => r.id)).toEqual(['dashboard', 'accounts', 'idp']);
    expect(p.components.some((c) => c.id === 'nextauth')).toBe(true);
    expect(removeComponents(p, new Set())).toBe(p);
  });

  it('updateComponent and moveComponents change only their targets', () => {
    const p = frozen(manual());
    const scaled = updateComponent(p, cid('nextauth'), (c) => ({ ...c, replicas: 3 }));
    expect(scaled.components.find((c) => c.id === 'nextauth')?.replicas).toBe(3);
    expect(scaled.components.filter((c, i) => c !== p.components[i]).map((c) => c.id)).toEqual(['nextauth']);
    expect(updateComponent(p, cid('ghost'), (c) => c)).toBe(p);
    expect(() => updateComponent(p, cid('nextauth'), (c) => ({ ...c, id: cid('other') }))).toThrow();
    const moved = moveComponents(p, new Map([[cid('mysql'), { x: 5, y: 6 }]]));
    expect(moved.components.find((c) => c.id === 'mysql')?.position).toEqual({ x: 5, y: 6 });
  });

  it('links and routes are added, updated and removed by id', () => {
    const p = frozen(manual());
    const { project: withLink, id } = addLink(p, { from: cid('business-app'), to: cid('nextauth'), port: 'ws' });
    expect(id).toBe('business-app-to-nextauth');
    expect(removeLinks(withLink, new Set([id as LinkId])).links).toEqual(p.links);
    const { project: withRoute, id: rid } = addRoute(p, {
      via: cid('proxy'),
      scheme: 'https',
      host: 'api.example.com',
      path: '/',
      target: cid('nextauth'),
      port: 'rest',
      tls: { terminate: true, reencrypt: false },
    });
    expect(rid).toBe('route-api.example.com');
    const changed = updateRoute(withRoute, rid as RouteId, (r) => ({ ...r, path: '/api' }));
    expect(changed.routes.find((r) => r.id === rid)?.path).toBe('/api');
    expect(removeRoutes(changed, new Set([rid as RouteId])).routes).toEqual(p.routes);
  });
});
