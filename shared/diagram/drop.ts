/**
 * The diagram after a drag ends, from the diagram before it: what `diagramOf` would compute
 * for everything the moved components affect, and the previous diagram's objects for the rest.
 *
 * Exact (the same values `diagramOf` computes, from the same functions): node boxes, zone
 * regions and titles, every label (slots are ranked by source height, so a moved source can
 * reorder the labels at its targets), every edge's two ends (a source spreads its anchors in the
 * order of what they reach, so a moved target can reorder them). Rerouted, all in one
 * `routeEdges` call around every node and zone title: every edge whose ends or label changed, and
 * every edge whose old path now runs within the router's clearance of a moved node, a moved
 * label or a zone title that moved. Kept as the same object: every other edge. Such an edge
 * crosses nothing it did not cross before, since nothing it could cross moved into its way.
 *
 * What differs from a full recompute is only how the kept edges were routed: a full route might
 * straighten one into the space a moved node left, or nudge a kept and a rerouted segment that
 * share a line a few px apart (the full diagram leaves many shared lines too, e.g. into a shared
 * store). Neither breaks a promise the checker tests, and a full route of 500 components costs
 * hundreds of ms (seconds at 2,000) that an idle callback cannot split — it would land in the
 * user's next pan. So no full recompute is scheduled after a drop; Arrange, undo/redo, loading
 * and any edit other than a move compute the diagram in full.
 *
 * Labels and edge ends come from the same `edgeEnds` (edge-ends.ts) `diagramOf` uses.
 *
 * Cost: a drop is on the user's next frame, so it avoids work over the whole diagram where the
 * result can be had exactly for less (each shortcut is tested against the full computation):
 * ends are placed only at the targets and sources the move can change (drop-ends.ts); the
 * router's obstacle rays are the previous drop's with only the rays a moved obstacle can change
 * recomputed (drop-rays.ts); edge extents are carried over for kept edges (drop-extents.ts).
 * What remains is the routing of the affected edges and a few passes over references.
 */
import type { ComponentId, Project } from '../model/types';
import { boundsOf, inflate } from './box';
import { segmentCrossesBox } from './check';
import { diagramOf, type DiagramOptions } from './diagram';
import { carryAdjacency, dropEnds, sideRerouted } from './drop-ends';
import { edgeExtents, foldBounds } from './drop-extents';
import { dropRays, type RaysOf } from './drop-rays';
import { rememberAnchors, routeRequest, sameAnchors } from './edge-ends';
import { edgeSpecs, type EdgeSpec } from './edges';
import { nodeGeometry } from './nodes';
import { routeEdges, type RouteObstacle, type RouteRequest } from './route';
import type { Box, Diagram, DiagramEdge, DiagramNode, DiagramZone, Point } from './types';
import { zoneRegions } from './zones';

/**
 * A kept path closer than this to something that moved is rerouted: the router keeps 8 px
 * (its default clearance) from every obstacle, so a closer path is one it would not draw.
 */
const NEAR = 7;

/**
 * The router's obstacle rays of each diagram a drop made, so that the next drop recomputes only
 * the rays its move can change (drop-rays.ts). A diagram from `diagramOf` has none: the first
 * drop after it computes them all.
 */
const raysOf = new WeakMap<Diagram, RaysOf>();

export type DropOptions = Pick<DiagramOptions, 'badges'>;

/**
 * `previous` is the diagram of the project before the drag (full or itself a drop); `project`
 * is that project with the dropped positions and nothing else changed (names, kinds, replicas
 * and ports of unmoved components are taken from `previous`). Components whose position differs
 * from their node in `previous` are the moved ones. When `previous` does not describe the same
 * components and edges (a diagram of another document), the diagram is computed in full.
 */
export function dropDiagram(previous: Diagram, project: Project, options: DropOptions = {}): Diagram {
  const specs = edgeSpecs(project);
  if (!sameElements(previous, project, specs)) return diagramOf(project, options);

  const moved = new Set<ComponentId>();
  const nodes = project.components.map((c, i): DiagramNode => {
    const was = previous.nodes[i]!;
    if (was.box.x === c.position.x && was.box.y === c.position.y) return was;
    moved.add(c.id);
    return nodeGeometry(c);
  });
  const byId = new Map<ComponentId, DiagramNode>(nodes.map((n) => [n.id, n]));

  // Regions exactly; an unchanged one keeps its object.
  const oldZones = new Map(previous.zones.map((z) => [z.id, z] as const));
  const zones = zoneRegions(project, (id) => byId.get(id)?.outer).map((z): DiagramZone => {
    const was = oldZones.get(z.id);
    return was && sameZone(was, z) ? was : z;
  });

  const ends = dropEnds(previous, project, specs, byId, moved, options.badges, zones);

  // What an old path may no longer run through (or close by): moved nodes, moved labels and
  // titles of regions that changed.
  const hazards: Box[] = [];
  const addHazard = (b: Box) => hazards.push(inflate(b, NEAR));
  for (const id of moved) addHazard(byId.get(id)!.outer);
  for (const z of zones) if (!oldZones.has(z.id) || oldZones.get(z.id) !== z) addHazard(z.title);

  // Only edges placed again can have new ends (dropEnds keeps the others' ends as they were).
  const affected = new Set<number>();
  for (const i of [...ends.placed.keys()].sort((a, b) => a - b)) {
    const e = ends.placed.get(i)!;
    const was = previous.edges[i]!;
    if (!sameBox(was.label.box, e.label) || !sameAnchors(was, e) || !sameTail(was.points, e.tail)) {
      affected.add(i);
      addHazard(e.label);
    }
  }
  // Edges that may start from another of their anchors now: what moved lies within their search window.
  const changed: Box[] = [];
  for (const id of moved) changed.push(previousNode(previous, project, id).outer, byId.get(id)!.outer);
  for (const z of zones) {
    const was = oldZones.get(z.id);
    if (was !== z) changed.push(z.title, ...(was ? [was.title] : []));
  }
  for (const i of sideRerouted(previous, changed)) affected.add(i);
  const reach = boundsOf(hazards);
  if (reach) {
    // An edge whose whole extent misses `reach` has no segment that meets it (runsInto's first test).
    const { x0, y0, x1, y1 } = edgeExtents(previous.edges);
    const [rx0, ry0, rx1, ry1] = [reach.x, reach.y, reach.x + reach.w, reach.y + reach.h];
    for (let i = 0; i < specs.length; i++) {
      if (x1[i]! < rx0 || x0[i]! > rx1 || y1[i]! < ry0 || y0[i]! > ry1 || affected.has(i)) continue;
      if (runsInto(previous.edges[i]!.points, hazards, reach)) affected.add(i);
    }
  }

  const obstacles: RouteObstacle[] = [
    ...nodes.map((n) => ({ id: n.id, box: n.outer })),
    ...zones.map((z) => ({ id: `title:${z.id}`, box: z.title })),
  ];
  const requests: RouteRequest[] = [...affected].map((i) => routeRequest(ends.endOf(i)));
  const before = raysOf.get(previous);
  const rays = requests.length > 0 || before ? dropRays(obstacles, before) : undefined;
  const routed = requests.length > 0 ? routeEdges(obstacles, requests, {}, rays) : new Map<string, Point[]>();
  const paths = new Map(
    [...affected].map((i, k) => {
      const r = requests[k]!;
      const e = ends.endOf(i);
      return [i, { points: [...(routed.get(r.id) ?? [r.source, r.target]), ...e.tail], label: e.label }] as const;
    }),
  );

  // Nothing moved and nothing changed: the previous diagram, same object (nothing to redraw).
  if (affected.size === 0 && moved.size === 0 && zones.every((z, i) => z === previous.zones[i]))
    if (zones.length === previous.zones.length) return previous;

  const edges = specs.map((s, i): DiagramEdge => {
    const path = paths.get(i);
    if (!path) return previous.edges[i]!;
    const edge: DiagramEdge = {
      id: s.id,
      variant: s.variant,
      source: s.source,
      target: s.target,
      port: s.port,
      points: path.points,
      label: { text: s.text, box: path.label },
    };
    rememberAnchors(edge, ends.endOf(i));
    return edge;
  });
  const extents = edgeExtents(edges, previous.edges);
  carryAdjacency(previous.edges, edges);
  const bounds = foldBounds([
    nodes.map((n) => n.outer),
    zones.map((z) => z.box),
    edges.map((e) => e.label.box),
    extents.boxes,
  ]) ?? { x: 0, y: 0, w: 0, h: 0 };
  const diagram: Diagram = { nodes, zones, edges, bounds };
  if (rays) raysOf.set(diagram, { obstacles, rays });
  return diagram;
}

/** The node of component `id` in `previous` (the same index: sameElements holds). */
function previousNode(previous: Diagram, project: Project, id: ComponentId): DiagramNode {
  return previous.nodes[project.components.findIndex((c) => c.id === id)]!;
}

/** Same components in the same order, and the same edges (ids, ends, port, text). */
function sameElements(previous: Diagram, project: Project, specs: readonly EdgeSpec[]): boolean {
  if (previous.nodes.length !== project.components.length || previous.edges.length !== specs.length) return false;
  for (let i = 0; i < specs.length; i++) {
    const e = previous.edges[i]!;
    const s = specs[i]!;
    if (e.id !== s.id || e.source !== s.source || e.target !== s.target || e.port !== s.port || e.label.text !== s.text)
      return false;
  }
  return project.components.every((c, i) => previous.nodes[i]!.id === c.id);
}

/**
 * Whether a path runs through any of `hazards` (boxes already widened by NEAR). They are few (the
 * moved nodes, labels and titles), so a plain scan behind one bounds test beats an index.
 */
function runsInto(points: readonly Point[], hazards: readonly Box[], reach: Box): boolean {
  for (let s = 0; s + 1 < points.length; s++) {
    const p = points[s]!;
    const q = points[s + 1]!;
    const x0 = Math.min(p.x, q.x);
    const x1 = Math.max(p.x, q.x);
    const y0 = Math.min(p.y, q.y);
    const y1 = Math.max(p.y, q.y);
    if (x1 < reach.x || x0 > reach.x + reach.w || y1 < reach.y || y0 > reach.y + reach.h) continue;
    for (const h of hazards) if (segmentCrossesBox(p, q, h)) return true;
  }
  return false;
}

const samePoint = (a: Point, b: Point): boolean => a.x === b.x && a.y === b.y;
const sameBox = (a: Box, b: Box): boolean => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
const sameZone = (a: DiagramZone, b: DiagramZone): boolean =>
  sameBox(a.box, b.box) &&
  sameBox(a.title, b.title) &&
  a.name === b.name &&
  a.members.length === b.members.length &&
  a.members.every((m, i) => m === b.members[i]);

/** Whether `points` ends with `tail` (the run from the label's row to the port). */
function sameTail(points: readonly Point[], tail: readonly Point[]): boolean {
  if (points.length < tail.length + 1) return false;
  const off = points.length - tail.length;
  return tail.every((p, i) => samePoint(points[off + i]!, p));
}
