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
 *
 * The routing may be done elsewhere (the editor hands it to a worker, so a drop that reroutes
 * hundreds of long edges does not hold the user's frame): `planDrop` is everything before it,
 * `finishDrop` everything after, and `dropDiagram` is the two with `routeEdges` between them.
 * Meanwhile `provisionalDrop` draws the plan with the rerouted edges unrouted; a drop from such a
 * provisional diagram routes its unrouted edges again with its own (see `unrouted`).
 */
import type { ComponentId, Project } from '../model/types';
import { boundsOf, inflate } from './box';
import { segmentCrossesBox } from './check';
import { diagramOf, type DiagramOptions } from './diagram';
import { carryAdjacency, dropEnds, sideRerouted, type DropEnds } from './drop-ends';
import { edgeExtents, foldBounds } from './drop-extents';
import { dropRays, type RaysOf } from './drop-rays';
import { rememberAnchors, routeRequest, sameAnchors } from './edge-ends';
import { edgeSpecs, type EdgeSpec } from './edges';
import { nodeGeometry } from './nodes';
import { acrossPath } from './drag';
import { routeEdges, type ObstacleRays, type RouteObstacle, type RouteRequest } from './route';
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

/**
 * Of each provisional diagram (`provisionalDrop`), the edges (by index) drawn unrouted: a drop
 * from it routes them too, as if its own move had affected them.
 */
const unrouted = new WeakMap<Diagram, ReadonlySet<number>>();

export type DropOptions = Pick<DiagramOptions, 'badges'>;

/** What `routeEdges` is asked for a drop (with its default options), in a form a worker can be sent. */
export interface DropRouting {
  readonly obstacles: readonly RouteObstacle[];
  readonly requests: readonly RouteRequest[];
  readonly rays: ObstacleRays | undefined;
}

/** A drop up to its routing: `finishDrop` completes it with the routes of `routing`. */
export interface DropPlan {
  readonly previous: Diagram;
  readonly routing: DropRouting;
  readonly nodes: readonly DiagramNode[];
  readonly zones: readonly DiagramZone[];
  readonly specs: readonly EdgeSpec[];
  readonly ends: DropEnds;
  /** The rerouted edges (spec indices), in the order of `routing.requests`. */
  readonly affected: readonly number[];
}

/**
 * `previous` is the diagram of the project before the drag (full or itself a drop); `project`
 * is that project with the dropped positions and nothing else changed (names, kinds, replicas
 * and ports of unmoved components are taken from `previous`). Components whose position differs
 * from their node in `previous` are the moved ones. When `previous` does not describe the same
 * components and edges (a diagram of another document), the diagram is computed in full.
 */
export function dropDiagram(previous: Diagram, project: Project, options: DropOptions = {}): Diagram {
  const plan = planDrop(previous, project, options);
  if (!('routing' in plan)) return plan;
  const { obstacles, requests, rays } = plan.routing;
  return finishDrop(plan, routeEdges(obstacles, requests, {}, rays));
}

/**
 * A drop up to its routing (see `dropDiagram` for `previous` and `project`): the finished diagram
 * when nothing needs routing (often `previous` itself, or the full diagram of another document),
 * else the plan whose `routing` the router is to answer.
 */
export function planDrop(previous: Diagram, project: Project, options: DropOptions = {}): Diagram | DropPlan {
  const specs = specsOf(project);
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

  // Edges a provisional `previous` drew unrouted are routed now, whatever moved.
  const affected = new Set<number>(unrouted.get(previous));
  // Only edges placed again can have new ends (dropEnds keeps the others' ends as they were).
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
  const order = [...affected];
  const requests: RouteRequest[] = order.map((i) => routeRequest(ends.endOf(i)));
  const before = raysOf.get(previous);
  const rays = requests.length > 0 || before ? dropRays(obstacles, before) : undefined;

  // Nothing moved and nothing changed: the previous diagram, same object (nothing to redraw).
  if (affected.size === 0 && moved.size === 0 && zones.every((z, i) => z === previous.zones[i]))
    if (zones.length === previous.zones.length) return previous;

  const plan: DropPlan = {
    previous,
    routing: { obstacles, requests, rays },
    nodes,
    zones,
    specs,
    ends,
    affected: order,
  };
  return requests.length > 0 ? plan : finishDrop(plan, new Map());
}

/** The diagram of a plan, with the routes `routeEdges` gives for its `routing` (by request id). */
export function finishDrop(plan: DropPlan, routed: ReadonlyMap<string, readonly Point[]>): Diagram {
  const { requests } = plan.routing;
  const paths = new Map(
    plan.affected.map((i, k) => {
      const r = requests[k]!;
      const e = plan.ends.endOf(i);
      return [i, [...(routed.get(r.id) ?? [r.source, r.target]), ...e.tail]] as const;
    }),
  );
  return assemble(plan, paths);
}

/**
 * The plan drawn before its routes are known: a rerouted edge whose ends and label stayed keeps
 * its old path, the others run straight across to their new ends as during a drag. A drop from
 * this diagram routes all of them again (`unrouted`), so only a finished drop is ever kept.
 */
export function provisionalDrop(plan: DropPlan): Diagram {
  const paths = new Map(
    plan.affected.map((i) => {
      const e = plan.ends.endOf(i);
      const was = plan.previous.edges[i]!;
      const kept = sameBox(was.label.box, e.label) && sameAnchors(was, e) && sameTail(was.points, e.tail);
      return [i, kept ? was.points : [...acrossPath(e.source, e.approach), ...e.tail]] as const;
    }),
  );
  const diagram = assemble(plan, paths);
  unrouted.set(diagram, new Set(plan.affected));
  return diagram;
}

/** The diagram of a plan with these paths (by spec index) for its rerouted edges. */
function assemble(plan: DropPlan, paths: ReadonlyMap<number, readonly Point[]>): Diagram {
  const { previous, nodes, zones, specs, ends } = plan;
  const edges = specs.map((s, i): DiagramEdge => {
    const points = paths.get(i);
    if (!points) return previous.edges[i]!;
    const e = ends.endOf(i);
    const edge: DiagramEdge = {
      id: s.id,
      variant: s.variant,
      source: s.source,
      target: s.target,
      port: s.port,
      points,
      label: { text: s.text, box: e.label },
    };
    rememberAnchors(edge, e);
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
  const { obstacles, rays } = plan.routing;
  if (rays) raysOf.set(diagram, { obstacles, rays });
  return diagram;
}

/** The node of component `id` in `previous` (the same index: sameElements holds). */
function previousNode(previous: Diagram, project: Project, id: ComponentId): DiagramNode {
  return previous.nodes[project.components.findIndex((c) => c.id === id)]!;
}

/**
 * The last project's edge specs. A drop changes positions only, and specs read no position
 * (which links and routes have both ends, and each label's text), so the next drop's project —
 * the same links and routes, every component the same object or a copy with another position —
 * has the same specs: at 2,000 components that is a pass over thousands of labels saved per drop.
 */
let lastSpecs: { readonly project: Project; readonly specs: readonly EdgeSpec[] } | undefined;

function specsOf(project: Project): readonly EdgeSpec[] {
  const last = lastSpecs;
  if (
    last !== undefined &&
    last.project.links === project.links &&
    last.project.routes === project.routes &&
    last.project.components.length === project.components.length &&
    project.components.every((c, i) => movedOnly(last.project.components[i]!, c))
  ) {
    lastSpecs = { project, specs: last.specs };
    return last.specs;
  }
  const specs = edgeSpecs(project);
  lastSpecs = { project, specs };
  return specs;
}

/** Whether `b` is `a`, or a copy of it that differs in its position at most (every other field the same value). */
export function movedOnly(a: Project['components'][number], b: Project['components'][number]): boolean {
  if (a === b) return true;
  const keys = Object.keys(b) as (keyof typeof b)[];
  if (keys.length !== Object.keys(a).length) return false;
  return keys.every((k) => k === 'position' || (Object.hasOwn(a, k) && a[k] === b[k]));
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
