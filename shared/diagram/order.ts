/**
 * Traffic order: which column each component takes, left to right — clients, entry points,
 * nextAuth services, data stores and external services — one column per tier, so every link
 * between tiers points to the right. A component that only sends (a business application
 * calling a data store) sits just before the first column it reaches.
 *
 * Links inside a tier need more: a component that feeds its own tier (nextauth-mgmt and a
 * business application calling nextauth's REST API) gets a column of its own just before its
 * tier, so its link points right too. Such a "feeder" column costs little width: the layout
 * lets it reach back under the column before it (layout.ts), because at 1440 px the diagram
 * must fit at ≥ 11 px text and a full column more (with ~300 px for the public URL labels in
 * front of it) would not. Only entry points and nextAuth services get feeder columns; in the
 * last tier (Sentinel → Redis) a column more would cost that width at the drawing's right
 * edge, where nothing is free to reach under, so those links still run down their column.
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

/** Tiers whose feeders get a column of their own before the tier: entry points and nextAuth services. */
const FEEDER_TIERS: ReadonlySet<number> = new Set([1, 2]);

export interface TrafficLayers {
  /** Column per component, 0 on the left; no column is empty. */
  readonly column: Map<ComponentId, number>;
  /** The columns that hold feeders (see the module comment). */
  readonly feeders: ReadonlySet<number>;
}

/**
 * Column per component: its tier; components that only send sit just before the first thing
 * they reach, and feeders of a tier just before it. Links against the tiers (a database
 * calling a client) are ignored, so any drawing gets columns. Empty columns are dropped.
 */
export function trafficLayers(project: Project): TrafficLayers {
  const tier = new Map(project.components.map((c) => [c.id, trafficTier(c)] as const));
  const targets = new Map<ComponentId, ComponentId[]>();
  const receives = new Set<ComponentId>();
  const feedsOwnTier = new Set<ComponentId>();
  const fedByOwnTier = new Set<ComponentId>();
  for (const [a, b] of trafficPairs(project)) {
    const ta = tier.get(a);
    const tb = tier.get(b);
    if (ta === undefined || tb === undefined) continue;
    if (tb === ta) {
      feedsOwnTier.add(a);
      fedByOwnTier.add(b);
      continue;
    }
    receives.add(b);
    if (tb < ta) continue;
    const list = targets.get(a);
    if (list) list.push(b);
    else targets.set(a, [b]);
  }
  // Columns on a scale of two per tier: tier t is 2t, its feeders 2t − 1.
  const column = new Map<ComponentId, number>();
  for (const c of project.components) {
    const own = tier.get(c.id)!;
    const reached = targets.get(c.id);
    // Only a pure sender moves; its targets keep their tiers, so one pass is enough.
    const pulled = !receives.has(c.id) && reached ? Math.min(...reached.map((t) => tier.get(t)!)) - 1 : own;
    const at = Math.max(own, pulled);
    // A feeder sends into its own tier and nothing in the tier sends to it: no cycle moves.
    const feeder = at === own && FEEDER_TIERS.has(own) && feedsOwnTier.has(c.id) && !fedByOwnTier.has(c.id);
    column.set(c.id, 2 * at - (feeder ? 1 : 0));
  }
  // Columns nobody uses leave no gap.
  const used = [...new Set(column.values())].sort((a, b) => a - b);
  const dense = new Map(used.map((c, i) => [c, i] as const));
  for (const [id, c] of column) column.set(id, dense.get(c)!);
  const feeders = new Set(used.filter((c) => c % 2 !== 0).map((c) => dense.get(c)!));
  return { column, feeders };
}

/** Column per component (see `trafficLayers`). */
export function trafficColumns(project: Project): Map<ComponentId, number> {
  return trafficLayers(project).column;
}
