/**
 * Edge ends after a drop, computed only where the drop can change them. `edgeEnds` places every
 * edge of the diagram (labels ranked by source height, anchors spread over each source's edges);
 * at 2,000 components that is a pass over thousands of edges per drop. The ends of an edge can
 * only change when one of these changed:
 *
 * - its label: the target's box, the order of the edges into the target (by source height) or
 *   a label's width (diagnostics badges) — so the labels into "dirty" targets (moved, fed by a
 *   moved source, or with a label whose width changed) are placed again;
 * - its source anchor: the source's box or the heights its edges arrive at — so the anchors of
 *   moved sources and of the sources into dirty targets are spread again, which needs the
 *   labels of every target those sources reach.
 *
 * Everything else is the previous diagram's value, which `edgeEnds` computed from the same
 * inputs. The placing itself is `edgeEnds`, run on the edges into the targets that need it (all
 * edges into a target, so its slots come out as in a full run, in document order, so ties
 * break the same way).
 */
import type { ComponentId, Project } from '../model/types';
import { anchorsOf, edgeEnds, type EdgeEnds } from './edge-ends';
import type { EdgeSpec } from './edges';
import { labelSize } from './metrics';
import type { Box, Diagram, DiagramEdge, DiagramNode, DiagramZone, Point } from './types';

/** Ends of one edge (by its index in the specs), with its source anchor always set (and its side anchor when it has one). */
export type DropEnd = EdgeEnds & { readonly source: Point };

export interface DropEnds {
  /** The edges whose ends were placed again (by spec index); the others keep the previous ones. */
  readonly placed: ReadonlyMap<number, DropEnd>;
  /** Ends of any edge, exact: those placed again, else placed now for its target (once per target). */
  readonly endOf: (i: number) => DropEnd;
}

/** The edges (by index) into and out of each component. */
interface Adjacency {
  readonly into: ReadonlyMap<ComponentId, readonly number[]>;
  readonly from: ReadonlyMap<ComponentId, readonly number[]>;
}

/**
 * Per edge list: a drop keeps the edges' ends (drop.ts checks it), and keeps every edge it does
 * not reroute, so the next drop's list shares the lookup through `carryAdjacency`.
 */
const adjacencies = new WeakMap<readonly DiagramEdge[], Adjacency>();

function adjacency(edges: readonly DiagramEdge[]): Adjacency {
  let known = adjacencies.get(edges);
  if (known) return known;
  const into = new Map<ComponentId, number[]>();
  const from = new Map<ComponentId, number[]>();
  const push = (m: Map<ComponentId, number[]>, k: ComponentId, i: number) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  edges.forEach((e, i) => {
    push(into, e.target, i);
    push(from, e.source, i);
  });
  adjacencies.set(edges, (known = { into, from }));
  return known;
}

/** `next` has the same edge ends, in the same order, as `previous` (a drop's edges from its previous ones). */
export function carryAdjacency(previous: readonly DiagramEdge[], next: readonly DiagramEdge[]): void {
  const known = adjacencies.get(previous);
  if (known) adjacencies.set(next, known);
}

/**
 * `previous` has the same edges as `specs` in the same order (drop.ts checks); `byId` holds
 * the nodes after the drop; `moved` the components whose node moved.
 */
export function dropEnds(
  previous: Diagram,
  project: Project,
  specs: readonly EdgeSpec[],
  byId: ReadonlyMap<ComponentId, DiagramNode>,
  moved: ReadonlySet<ComponentId>,
  badges: (edgeId: string) => number = () => 0,
  zones: readonly DiagramZone[] = previous.zones,
): DropEnds {
  const { into, from } = adjacency(previous.edges);

  // The width a full run gives each label (text measured once per distinct text).
  const widths = new Map<string, number>();
  const width = (s: EdgeSpec): number => {
    let w = widths.get(s.text);
    if (w === undefined) widths.set(s.text, (w = labelSize(s.text).w));
    return w + badges(s.id) * 26;
  };
  const dirty = new Set<ComponentId>();
  specs.forEach((s, i) => {
    if (moved.has(s.target) || moved.has(s.source) || width(s) !== previous.edges[i]!.label.box.w) dirty.add(s.target);
  });
  const sources = new Set<ComponentId>(moved);
  // Side anchors on a top border keep clear of a title just above it (its zone's, or another's
  // that a drag brought there): components near a title that moved, came or went are spread again.
  const titles = zones.map((z) => z.title);
  const changed: Box[] = [];
  const oldTitles = new Map(previous.zones.map((z) => [z.id, z.title] as const));
  for (const z of zones) {
    const was = oldTitles.get(z.id);
    if (was && was.x === z.title.x && was.y === z.title.y && was.w === z.title.w && was.h === z.title.h) continue;
    changed.push(z.title);
    if (was) changed.push(was);
  }
  const newIds = new Set(zones.map((z) => z.id));
  for (const z of previous.zones) if (!newIds.has(z.id)) changed.push(z.title);
  if (changed.length > 0)
    for (const n of byId.values()) if (changed.some((t) => overlapsNear(n.outer, t, TITLE_REACH))) sources.add(n.id);
  for (const t of dirty) for (const i of into.get(t) ?? []) sources.add(specs[i]!.source);
  const targets = new Set<ComponentId>(dirty);
  for (const s of sources) for (const i of from.get(s) ?? []) targets.add(specs[i]!.target);

  /** Ends for every edge into `ts`, anchors kept from `previous` unless the source is in `sources`. */
  const place = (ts: ReadonlySet<ComponentId>, out: Map<number, DropEnd>) => {
    const subset: number[] = [];
    for (const t of ts) subset.push(...(into.get(t) ?? []));
    subset.sort((a, b) => a - b);
    const ends = edgeEnds(
      project,
      subset.map((i) => specs[i]!),
      byId,
      badges,
      titles,
    );
    for (const i of subset) {
      const e = ends.get(specs[i]!.id)!;
      if (sources.has(e.spec.source)) out.set(i, { ...e, source: e.source! });
      else {
        // A diagram's edges all have their anchors remembered (diagramOf, dropDiagram); the
        // first point of the route is the anchor it started from, should one not be.
        const was = anchorsOf(previous.edges[i]!) ?? { source: previous.edges[i]!.points[0]!, side: undefined };
        const kept: DropEnd = { spec: e.spec, label: e.label, approach: e.approach, tail: e.tail, source: was.source };
        if (was.side) kept.side = was.side;
        out.set(i, kept);
      }
    }
  };
  const placed = new Map<number, DropEnd>();
  if (targets.size > 0) place(targets, placed);

  const extra = new Map<number, DropEnd>();
  const endOf = (i: number): DropEnd => {
    const known = placed.get(i) ?? extra.get(i);
    if (known) return known;
    place(new Set([specs[i]!.target]), extra);
    return extra.get(i)!;
  };
  return { placed, endOf };
}

/** The router's first search window reaches this far around an edge's anchors and approach (route.ts MARGINS). */
const WINDOW = 200 + 8;

/**
 * Edges (by index) with a side anchor that a drop must route again although their ends stay:
 * which of its two anchors an edge starts from is the router's choice (the cheaper route), and
 * that changes with any obstacle within its search window — `changed` holds the boxes that moved
 * (before and after) and the titles that changed. An edge without a side anchor starts where
 * its anchor is, whatever moved.
 */
export function sideRerouted(previous: Diagram, changed: readonly Box[]): number[] {
  const out: number[] = [];
  if (changed.length === 0) return out;
  previous.edges.forEach((e, i) => {
    const anchors = anchorsOf(e);
    if (!anchors?.side) return;
    let x0 = Math.min(anchors.source.x, anchors.side.point.x);
    let y0 = Math.min(anchors.source.y, anchors.side.point.y);
    let x1 = Math.max(anchors.source.x, anchors.side.point.x);
    let y1 = Math.max(anchors.source.y, anchors.side.point.y);
    for (const p of e.points) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
    [x0, y0, x1, y1] = [x0 - WINDOW, y0 - WINDOW, x1 + WINDOW, y1 + WINDOW];
    if (changed.some((b) => b.x <= x1 && b.x + b.w >= x0 && b.y <= y1 && b.y + b.h >= y0)) out.push(i);
  });
  return out;
}

/** How near a title must come to a node's box to bear on its top border's anchors (edge-ends.ts: a stub and two clearances). */
const TITLE_REACH = 12 + 2 * 8;

const overlapsNear = (a: Box, b: Box, d: number): boolean =>
  a.x - d <= b.x + b.w && b.x <= a.x + a.w + d && a.y - d <= b.y + b.h && b.y <= a.y + a.h + d;
