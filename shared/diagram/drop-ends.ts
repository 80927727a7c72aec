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
import { edgeEnds, type EdgeEnds } from './edge-ends';
import type { EdgeSpec } from './edges';
import { labelSize } from './metrics';
import type { Diagram, DiagramEdge, DiagramNode, Point } from './types';

/** Ends of one edge (by its index in the specs), with its source anchor always set. */
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
    );
    for (const i of subset) {
      const e = ends.get(specs[i]!.id)!;
      const source = sources.has(e.spec.source) ? e.source! : previous.edges[i]!.points[0]!;
      out.set(i, { ...e, source });
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
