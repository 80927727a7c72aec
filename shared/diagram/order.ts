/**
 * Traffic order: which column each component takes, left to right — clients, entry points,
 * nextAuth services, data stores and external services — one column per tier, so every link
 * between tiers points to the right. Links inside a tier (mgmt → nextauth, Sentinel → Redis)
 * run down their column: a column more per chain would cost every text on the screen its size
 * (a public URL label needs ~300 px in front of the port it names, and there would be two such
 * gaps), and at 1440 px the diagram must fit at ≥ 11 px text. A component that only sends
 * (a business application) sits just before the first column it reaches.
 */
import { getKind } from '../catalog/index';
import { isEntryPoint } from '../model/constraints';
import type { Component, ComponentId, Project } from '../model/types';

/** The tier of a component: 0 clients, 1 entry points, 2 nextAuth services (and applications using them), 3 data stores and external services. */
export function trafficTier(c: Component): number {
  if (isEntryPoint(c)) return 1;
  // A business application calls the REST API from inside: it sits with the services it uses,
  // not with the clients that come in from the internet.
  if (c.kind === 'business-app') return 2;
  const category = (getKind(c.kind) as ReturnType<typeof getKind> | undefined)?.category;
  if (category === 'client') return 0;
  if (category === 'data' || category === 'external') return 3;
  return 2;
}

/** Every directed pair (source → target) the drawing says traffic flows along, once, in document order. */
export function trafficPairs(project: Project): [ComponentId, ComponentId][] {
  const seen = new Set<string>();
  const out: [ComponentId, ComponentId][] = [];
  const add = (a: ComponentId, b: ComponentId) => {
    const key = `${a}\u0000${b}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    out.push([a, b]);
  };
  for (const l of project.links) add(l.from, l.to);
  for (const r of project.routes) add(r.via, r.target);
  return out;
}

/**
 * Column per component: its tier; components that only send sit just before the first thing
 * they reach. Links against the tiers (a database calling a client) are ignored, so any
 * drawing gets columns. Empty columns are dropped.
 */
export function trafficColumns(project: Project): Map<ComponentId, number> {
  const tier = new Map(project.components.map((c) => [c.id, trafficTier(c)] as const));
  const targets = new Map<ComponentId, ComponentId[]>();
  const receives = new Set<ComponentId>();
  for (const [a, b] of trafficPairs(project)) {
    const ta = tier.get(a);
    const tb = tier.get(b);
    if (ta === undefined || tb === undefined || tb === ta) continue;
    receives.add(b);
    if (tb < ta) continue;
    const list = targets.get(a);
    if (list) list.push(b);
    else targets.set(a, [b]);
  }
  const column = new Map<ComponentId, number>();
  for (const c of project.components) {
    const own = tier.get(c.id)!;
    const reached = targets.get(c.id);
    // Only a pure sender moves; its targets keep their tiers, so one pass is enough.
    const pulled = !receives.has(c.id) && reached ? Math.min(...reached.map((t) => tier.get(t)!)) - 1 : own;
    column.set(c.id, Math.max(own, pulled));
  }
  // Tiers nobody uses leave no empty column.
  const used = [...new Set(column.values())].sort((a, b) => a - b);
  const dense = new Map(used.map((c, i) => [c, i] as const));
  for (const [id, c] of column) column.set(id, dense.get(c)!);
  return column;
}
