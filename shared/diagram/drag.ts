/**
 * The diagram during a drag, from the diagram before it: only what the moved components touch
 * is redone — their nodes, the regions of their zones, and their edges (labels move with their
 * target; paths are drawn straight-across, unrouted). Everything else keeps its object, so a
 * frame costs a pass over references, not a layout. When the drag ends, `dropDiagram` (drop.ts)
 * computes the diagram exactly where the drop affects it and keeps the rest.
 */
import type { ComponentId, Position, Project } from '../model/types';
import { boundsOf, boxOfPoints, union } from './box';
import { LABEL_LEAD } from './layout';
import { anchorsOf } from './edge-ends';
import { nodeGeometry } from './nodes';
import type { Box, Diagram, DiagramEdge, DiagramNode, DiagramZone, Point } from './types';
import { regionBox, titleBox } from './zones';

/**
 * Per diagram, what every frame of a drag would otherwise rebuild: the components, the node
 * indexes and the edges (by index) at each component — a frame then touches only the moved
 * components' edges instead of walking thousands of them.
 */
const indexes = new WeakMap<
  Diagram,
  {
    project: Project;
    components: Map<ComponentId, Project['components'][number]>;
    index: Map<ComponentId, number>;
    edgesAt: Map<ComponentId, number[]>;
    zonesAt: Map<ComponentId, number[]>;
  }
>();

/** The indexes of the regions each component is a member of. */
function zonesAt(zones: readonly DiagramZone[]): Map<ComponentId, number[]> {
  const at = new Map<ComponentId, number[]>();
  zones.forEach((z, i) => {
    for (const m of z.members) {
      const list = at.get(m);
      if (list) list.push(i);
      else at.set(m, [i]);
    }
  });
  return at;
}

function edgesAt(edges: readonly DiagramEdge[]): Map<ComponentId, number[]> {
  const at = new Map<ComponentId, number[]>();
  const add = (id: ComponentId, i: number) => {
    const list = at.get(id);
    if (list) list.push(i);
    else at.set(id, [i]);
  };
  edges.forEach((e, i) => {
    add(e.source, i);
    if (e.target !== e.source) add(e.target, i);
  });
  return at;
}

export function dragDiagram(previous: Diagram, project: Project, moves: ReadonlyMap<ComponentId, Position>): Diagram {
  let cached = indexes.get(previous);
  if (cached?.project !== project) {
    cached = {
      project,
      components: new Map(project.components.map((c) => [c.id, c] as const)),
      index: new Map(previous.nodes.map((n, i) => [n.id, i] as const)),
      edgesAt: edgesAt(previous.edges),
      zonesAt: zonesAt(previous.zones),
    };
    indexes.set(previous, cached);
  }
  const { components, index } = cached;
  const delta = new Map<ComponentId, Point>();
  const nodes = [...previous.nodes];
  for (const [id, to] of moves) {
    const i = index.get(id);
    const c = components.get(id);
    if (i === undefined || !c) continue;
    const n = previous.nodes[i]!;
    if (to.x === n.box.x && to.y === n.box.y) continue;
    delta.set(id, { x: to.x - n.box.x, y: to.y - n.box.y });
    nodes[i] = nodeGeometry(c, to);
  }
  if (delta.size === 0) return previous;
  const byId = { get: (id: ComponentId): DiagramNode | undefined => nodes[index.get(id) ?? -1] };
  // Only the moved components' regions change.
  const zones = [...previous.zones];
  const grown = new Set<number>();
  for (const id of delta.keys()) for (const i of cached.zonesAt.get(id) ?? []) grown.add(i);
  for (const i of grown) {
    const z = previous.zones[i]!;
    // During a drag a region only grows (the drop fits it exactly): a member moving inside its
    // region repaints nothing of it, which on a large region is most of a frame's cost. The
    // members that did not move lie inside it already (it was fitted around them), so only the
    // moved ones can grow it — a region of a thousand members is not measured again per frame.
    const box = union(z.box, regionBox(z.members.filter((m) => delta.has(m)).map((m) => byId.get(m)!.outer)));
    if (box.x === z.box.x && box.y === z.box.y && box.w === z.box.w && box.h === z.box.h) continue;
    zones[i] = { ...z, box, title: titleBox(box, z.name) };
  }
  // Only the moved components' edges change; each is redrawn once, in index order.
  const touched = new Set<number>();
  for (const id of delta.keys()) for (const i of cached.edgesAt.get(id) ?? []) touched.add(i);
  const order = [...touched].sort((a, b) => a - b);
  const edges = [...previous.edges];
  for (const i of order) edges[i] = movedEdge(previous.edges[i]!, delta);
  // What moved can only have grown the drawing (a drag that shrinks it refits on the drop).
  const changed: Box[] = [previous.bounds];
  for (const id of delta.keys()) changed.push(byId.get(id)!.outer);
  for (const i of order) changed.push(edges[i]!.label.box, boxOfPoints(edges[i]!.points));
  for (let i = 0; i < zones.length; i++) if (zones[i] !== previous.zones[i]) changed.push(zones[i]!.box);
  const bounds = boundsOf(changed) ?? previous.bounds;
  return { nodes, zones, edges, bounds };
}

/** An edge of a moved component, drawn across from its (moved) source to its (moved) label. */
function movedEdge(e: DiagramEdge, delta: ReadonlyMap<ComponentId, Point>): DiagramEdge {
  const ds = delta.get(e.source);
  const dt = delta.get(e.target);
  const t = dt ?? { x: 0, y: 0 };
  const label: Box = { ...e.label.box, x: e.label.box.x + t.x, y: e.label.box.y + t.y };
  // From the anchor on the right border, even when the route took the top or bottom one: the
  // shape drawn while dragging always leaves moving right (`acrossPath`).
  const start = anchorsOf(e)?.source ?? e.points[0]!;
  const source = ds ? { x: start.x + ds.x, y: start.y + ds.y } : start;
  // The tail (from the approach in front of the label to the port) moves with the target.
  const approachX = e.label.box.x - LABEL_LEAD;
  const rowY = e.label.box.y + e.label.box.h / 2;
  let k = e.points.length - 1;
  while (k > 0 && !(Math.abs(e.points[k]!.x - approachX) < 0.5 && Math.abs(e.points[k]!.y - rowY) < 0.5)) k--;
  const tail = e.points.slice(k + 1).map((p) => ({ x: p.x + t.x, y: p.y + t.y }));
  const approach = { x: approachX + t.x, y: rowY + t.y };
  return { ...e, points: [...acrossPath(source, approach), ...tail], label: { ...e.label, box: label } };
}

/**
 * Right from the source, across at the middle, right into the approach point: an edge's shape
 * while it is not routed (during a drag, and after a drop until its route is known).
 */
export function acrossPath(s: Point, t: Point): Point[] {
  if (Math.abs(s.y - t.y) < 0.5 && t.x > s.x) return [s, t];
  if (t.x > s.x + 24) {
    const mid = (s.x + t.x) / 2;
    return [s, { x: mid, y: s.y }, { x: mid, y: t.y }, t];
  }
  const out = s.x + 12;
  const back = t.x - 12;
  const y = (s.y + t.y) / 2;
  return [s, { x: out, y: s.y }, { x: out, y }, { x: back, y }, { x: back, y: t.y }, t];
}
