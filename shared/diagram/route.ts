/**
 * Orthogonal edge routing around the diagram's nodes, for positions the user chose.
 *
 * Why our own router: ELK routes edges only while it lays out (its routes are for its own
 * positions, not the ones the user dragged nodes to), and libavoid-js is a WASM port that
 * brings a C++ memory model (objects freed by hand) and an LGPL licence we would rather not ship.
 *
 * The algorithm follows Wybrow, Marriott & Stuckey, "Orthogonal connector routing" (2009).
 * Every edge leaves its source moving right for a stub and reaches its target moving right
 * after a stub; between the two stub ends an A* search runs over the orthogonal visibility
 * graph of the obstacles inflated by the clearance: from every corner a horizontal and a
 * vertical segment run until they meet another obstacle, and the nodes are where segments
 * cross. The graph is built once per call; each edge adds the segments through its own stub
 * ends. A search state is (node, incoming direction); a move to the next node costs its length
 * plus `bendCost` when it turns, U-turns are not moves, and a move through an obstacle (tested
 * through a uniform-grid index) is refused. The search stays within a window around the edge
 * (widened when nothing fits) and is weighted when an edge needs many expansions. When nothing
 * is free, a last search lets the edge's lines run through obstacles and counts entering one
 * as a large penalty, so the route with the fewest crossings wins. Finally, segments of
 * different edges that share a line are nudged apart where there is room (see `nudge`).
 */
import { BoxIndex, crossesRect } from './route-box-index';
import { EAST, EdgeGraph, Lines, NodeSlots, NORTH, SOUTH, Visibility, WEST, type Ray } from './route-grid';
import { Searcher, type SearchOptions } from './route-search';
import { nudge } from './route-nudge';
import type { Box, Point } from './types';

export { NUDGE_SPACING } from './route-nudge';

export interface RouteObstacle {
  readonly id: string;
  readonly box: Box;
}

export interface RouteRequest {
  readonly id: string;
  /** Anchor on the right border of the source node; the edge leaves moving +x. */
  readonly source: Point;
  /** Obstacle id of the source node. */
  readonly sourceNode: string;
  /** Point where the edge must arrive moving +x (horizontally, from the left). */
  readonly target: Point;
  /** Obstacle id of the target node. */
  readonly targetNode: string;
  /**
   * A second anchor on the top (north) or bottom (south) border of the source node, leaving it
   * moving that way for a stub: the route starts from whichever anchor gives the cheaper route.
   */
  readonly side?: { readonly source: Point; readonly leave: 'north' | 'south' };
}

export interface RouteOptions {
  /** Distance kept from every obstacle (px, default 8). */
  readonly clearance?: number;
  /** Minimum length of the first and of the last segment, both moving +x (px, default 12). */
  readonly stub?: number;
  /** What a bend costs, in px of length (default 24). */
  readonly bendCost?: number;
}

/** Window margins around an edge's ends that its route may use, tried in turn. */
const MARGINS = [200, Infinity] as const;
/**
 * Hard searches, tried in turn while one runs out of expansions: weighted A* (f = g + w·h, a
 * route at most w times dearer than the cheapest), first nearly exact, then greedier for long
 * edges through cluttered space, where exact A* expands most of the box between the ends. The
 * soft search, for when nothing is free, counts entering an obstacle as PENALTY px of length.
 */
const HARD: readonly Mode[] = [
  { soft: false, weight: 1.05, budget: 1000 },
  { soft: false, weight: 1.3, budget: 100_000 },
];
const SOFT: Mode = { soft: true, weight: 1.5, budget: 100_000 };
const PENALTY = 100_000;
type Mode = Pick<SearchOptions, 'soft' | 'weight' | 'budget'>;

/**
 * Orthogonal polylines, one per request (first point = source, last = target), avoiding obstacles.
 *
 * Each route leaves its source moving +x (or its `side` anchor moving up or down) for at least
 * `stub` px and arrives at its target moving +x for at least `stub` px; between them it keeps `clearance` from every obstacle, its own two
 * included. The map follows the order of `requests` (a repeated id keeps the last). With unique
 * ids, the answer depends only on the input's values, not on the order of obstacles or requests.
 */
export function routeEdges(
  obstacles: readonly RouteObstacle[],
  requests: readonly RouteRequest[],
  options: RouteOptions = {},
  rays?: ObstacleRays,
): Map<string, Point[]> {
  const index = obstacleIndex(obstacles, options);
  return finishRoutes(index, requests, searchRoutes(obstacles, requests, options, rays, index), options);
}

/**
 * The first step of `routeEdges`: each request's route found on its own (one polyline per
 * request, in order), before `finishRoutes` nudges them apart. Each route is a pure function of
 * the obstacles, the options and its own request, so requests may be split between threads and
 * the routes put back in order: the result is the same.
 */
export function searchRoutes(
  obstacles: readonly RouteObstacle[],
  requests: readonly RouteRequest[],
  options: RouteOptions = {},
  rays?: ObstacleRays,
  index: BoxIndex = obstacleIndex(obstacles, options),
): Point[][] {
  const byId = new Map<string, number>();
  obstacles.forEach((o, i) => {
    if (!byId.has(o.id)) byId.set(o.id, i);
  });
  const { vertical, horizontal } = rays ?? obstacleRays(index);
  const router: Router = {
    index,
    obstacles,
    byId,
    stub: options.stub ?? 12,
    bendCost: options.bendCost ?? 24,
    searcher: new Searcher(index),
    slots: new NodeSlots(),
    vis: new Visibility(new Lines(vertical), new Lines(horizontal)),
  };
  return requests.map((r) => routeOne(router, r));
}

/**
 * The last step of `routeEdges`: the routes `searchRoutes` found for `requests` (changed in
 * place), nudged apart, by request id. `index` is `obstacleIndex` of the same obstacles and options.
 */
export function finishRoutes(
  index: BoxIndex,
  requests: readonly RouteRequest[],
  routes: Point[][],
  options: RouteOptions = {},
): Map<string, Point[]> {
  const stub = options.stub ?? 12;
  const order = requests.map((r, i) => ({ id: r.id, i })).sort((a, b) => cmp(a.id, b.id) || a.i - b.i);
  const rank = new Int32Array(requests.length);
  order.forEach((o, k) => (rank[o.i] = k));
  // Vertical segments, horizontal ones, then vertical ones again: moving a horizontal segment
  // stretches the vertical ones at its ends, which may make them overlap others.
  nudge(routes, rank, index, stub, true);
  nudge(routes, rank, index, stub, false);
  nudge(routes, rank, index, stub, true);
  return new Map(requests.map((r, i) => [r.id, routes[i]!]));
}

/**
 * The segments from every obstacle corner until they meet another obstacle, as (coordinate,
 * from, to) triples, obstacle by obstacle: the visibility graph's lines. A caller that routes
 * again after a few obstacles moved (dropDiagram) may pass them to `routeEdges` with only the
 * rays the move can change recomputed — each is a pure function of the set of inflated boxes.
 */
export interface ObstacleRays {
  readonly vertical: readonly number[];
  readonly horizontal: readonly number[];
}

/** The obstacles inflated by the clearance, as `routeEdges` indexes them. */
export function obstacleIndex(obstacles: readonly RouteObstacle[], options: RouteOptions = {}): BoxIndex {
  return new BoxIndex(
    obstacles.map((o) => o.box),
    options.clearance ?? 8,
  );
}

/** Every obstacle's eight corner rays (see `ObstacleRays`). */
export function obstacleRays(index: BoxIndex): { vertical: number[]; horizontal: number[] } {
  const vertical: number[] = [];
  const horizontal: number[] = [];
  for (let i = 0; i < index.x1.length; i++) pushRays(index, i, vertical, horizontal);
  return { vertical, horizontal };
}

/** Obstacle i's rays, appended: two vertical triples, two horizontal ones. */
export function pushRays(index: BoxIndex, i: number, vertical: number[], horizontal: number[]): void {
  const x1 = index.x1[i]!;
  const y1 = index.y1[i]!;
  const x2 = index.x2[i]!;
  const y2 = index.y2[i]!;
  vertical.push(x1, index.ray(x1, y1, NORTH), index.ray(x1, y2, SOUTH));
  vertical.push(x2, index.ray(x2, y1, NORTH), index.ray(x2, y2, SOUTH));
  horizontal.push(y1, index.ray(x1, y1, WEST), index.ray(x2, y1, EAST));
  horizontal.push(y2, index.ray(x1, y2, WEST), index.ray(x2, y2, EAST));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Router {
  readonly index: BoxIndex;
  readonly obstacles: readonly RouteObstacle[];
  readonly byId: ReadonlyMap<string, number>;
  readonly stub: number;
  readonly bendCost: number;
  readonly searcher: Searcher;
  /** The edge graphs' node table, reused edge after edge. */
  readonly slots: NodeSlots;
  readonly vis: Visibility;
}

function routeOne(router: Router, req: RouteRequest): Point[] {
  const { index, stub } = router;
  const S = req.source;
  const T = req.target;
  const src = router.byId.get(req.sourceNode) ?? -1;
  const tgt = router.byId.get(req.targetNode) ?? -1;
  if (
    S.y === T.y &&
    T.x - S.x >= stub &&
    !index.blocked(S.x, S.y, T.x, T.y, src, tgt) &&
    !crossesOwn(router, src, S, T) &&
    !crossesOwn(router, tgt, S, T)
  ) {
    return [S, T];
  }
  // The stub ends, pushed out of the own node's inflated box when the stub is shorter than the clearance.
  let sx = S.x + stub;
  if (src >= 0 && index.crosses(src, sx, S.y, sx, S.y)) sx = index.x2[src]!;
  const starts: Start[] = [{ anchor: S, x: sx, y: S.y, leave: EAST }];
  const side = req.side;
  if (side) {
    const north = side.leave === 'north';
    let y = side.source.y + (north ? -stub : stub);
    if (src >= 0 && index.crosses(src, side.source.x, y, side.source.x, y)) y = north ? index.y1[src]! : index.y2[src]!;
    starts.push({ anchor: side.source, x: side.source.x, y, leave: north ? NORTH : SOUTH });
  }
  let tx = T.x - stub;
  if (tgt >= 0 && index.crosses(tgt, tx, T.y, tx, T.y)) tx = index.x1[tgt]!;
  const free = starts.filter((s) => !index.blocked(s.x, s.y, s.x, s.y));
  let middle: Point[] | Path | 'none' | 'budget' = 'none';
  const goalFree = !index.blocked(tx, T.y, tx, T.y);
  if (free.length > 0 && goalFree) {
    const quick = quickRoute(index, router.bendCost, free, tx, T);
    if (quick) return simplify(quick);
  }
  if (free.length > 0 && goalFree) {
    // The segments through the stub ends, each until it meets an obstacle.
    const vertical: Ray[] = [];
    const horizontal: Ray[] = [];
    for (const s of free) {
      vertical.push([s.x, index.ray(s.x, s.y, NORTH), index.ray(s.x, s.y, SOUTH)]);
      horizontal.push([s.y, index.ray(s.x, s.y, WEST), index.ray(s.x, s.y, EAST)]);
    }
    vertical.push([tx, index.ray(tx, T.y, NORTH), index.ray(tx, T.y, SOUTH)]);
    horizontal.push([T.y, index.ray(tx, T.y, WEST), index.ray(tx, T.y, EAST)]);
    const graph = new EdgeGraph(router.vis, vertical, horizontal, router.slots);
    const ends: Ends = { starts: free, T, tx };
    // A wider window only when the narrow one has no route (not when the search gave up).
    for (let m = 0; m < MARGINS.length; m++) {
      for (let h = 0; h < HARD.length; h++) {
        middle = search(router, graph, ends, MARGINS[m]!, HARD[h]!);
        if (middle !== 'budget') break;
      }
      if (middle !== 'none') break;
    }
  }
  if (typeof middle === 'string') {
    // Nothing free (or nothing found in time): the edge's own lines run through obstacles, so
    // that a start or goal inside one connects, and entering an obstacle costs PENALTY.
    const all = (v: number): Ray => [v, -Infinity, Infinity];
    const graph = new EdgeGraph(
      router.vis,
      [...starts.map((s) => all(s.x)), all(tx)],
      [...starts.map((s) => all(s.y)), all(T.y)],
      router.slots,
    );
    const ends: Ends = { starts, T, tx };
    for (let m = 0; m < MARGINS.length; m++) {
      middle = search(router, graph, ends, MARGINS[m]!, SOFT);
      if (typeof middle !== 'string') break;
    }
  }
  if (middle instanceof Path) return middle.polyline(T);
  // Only when even the soft search gave up: a plain shape from the right border that ignores obstacles.
  const y = S.y === T.y ? S.y - 2 * stub : (S.y + T.y) / 2;
  const plain =
    sx <= tx
      ? [
          { x: sx, y: S.y },
          { x: sx, y: T.y },
        ]
      : [
          { x: sx, y: S.y },
          { x: sx, y },
          { x: tx, y },
          { x: tx, y: T.y },
        ];
  return simplify([S, ...plain, T]);
}

/**
 * The cheapest route there can be, when it is free: the search is not needed for it. From a
 * start moving east to the goal's stub end (tx, T.y) a route needs at least two bends when the
 * rows differ (a Z), from a start moving up or down at least one (an L); each costs at least its
 * length plus its bends. The start whose bound is lowest is tried in the one shape that the
 * search itself takes first from it: across at once, at the stub's end, then along the goal's
 * row (the search breaks ties between equal routes toward the deeper state, and a bend is deeper
 * than the next step ahead). When a side start's L is blocked, every other route from it bends
 * twice more, so the right border's Z is still the cheapest when it is free and cheaper than
 * that. Otherwise — a tie, a Z blocked at the stub's end — the search decides.
 * The shape runs along the edge's own lines, which the search would follow too, and is tested
 * with the same `blocked` as every move of the search.
 */
function quickRoute(
  index: BoxIndex,
  bendCost: number,
  starts: readonly Start[],
  tx: number,
  T: Point,
): Point[] | undefined {
  const shapes: Shape[] = [];
  for (const s of starts) {
    // Every route from s costs at least its length (the distance) and its least number of bends.
    const distance = Math.abs(tx - s.x) + Math.abs(T.y - s.y);
    const ahead = tx >= s.x;
    if (s.leave === EAST) {
      const bends = !ahead ? 4 : T.y === s.y ? 0 : 2;
      shapes.push({ s, bound: distance + bends * bendCost, kind: ahead ? 'z' : undefined });
    } else if (s.leave === NORTH ? T.y < s.y : T.y > s.y) {
      shapes.push({ s, bound: distance + (ahead ? 1 : 3) * bendCost, kind: ahead ? 'l' : 'hook' });
    } else shapes.push({ s, bound: distance + 3 * bendCost, kind: undefined });
  }
  shapes.sort((p, q) => p.bound - q.bound);
  const [first, second] = shapes;
  if (!first || (second && second.bound === first.bound)) return undefined;
  const quick = shapeOf(index, first, tx, T);
  if (quick || first.kind !== 'l' || !second) return quick;
  // A side start's L is the one route of its bound; any other from there bends twice more. (A
  // Z or hook blocked at the stub's end may still have a free twin of the same cost further on.)
  return second.bound < first.bound + 2 * bendCost ? shapeOf(index, second, tx, T) : undefined;
}

/**
 * A start, the least a route from it costs, and the shape that costs exactly that and that the
 * search takes first: a Z (across at the stub's end, then along the goal's row), an L (the same
 * from a side start), a hook (from a side start whose goal lies behind it: back along the stub's
 * end row to the goal's column, then across, then into the goal); undefined: no such shape here.
 */
interface Shape {
  readonly s: Start;
  readonly bound: number;
  readonly kind: 'z' | 'l' | 'hook' | undefined;
}

/** The shape's points when it is free (tested with the search's own `blocked`), else undefined. */
function shapeOf(index: BoxIndex, { s, kind }: Shape, tx: number, T: Point): Point[] | undefined {
  if (kind === 'hook') {
    if (index.blocked(s.x, s.y, tx, s.y) || index.blocked(tx, s.y, tx, T.y)) return undefined;
    return [s.anchor, { x: s.x, y: s.y }, { x: tx, y: s.y }, { x: tx, y: T.y }, T];
  }
  if (kind === undefined || index.blocked(s.x, s.y, s.x, T.y) || index.blocked(s.x, T.y, tx, T.y)) return undefined;
  return [s.anchor, { x: s.x, y: s.y }, { x: s.x, y: T.y }, { x: tx, y: T.y }, T];
}

/** Whether a→b crosses obstacle i's own (not inflated) box; false for i = -1 (no such obstacle). */
function crossesOwn(router: Router, i: number, a: Point, b: Point): boolean {
  if (i < 0) return false;
  const box = router.obstacles[i]!.box;
  return crossesRect(a.x, a.y, b.x, b.y, box.x, box.y, box.x + box.w, box.y + box.h);
}

/** A place a route may start: its anchor, the stub's end (x, y) and the direction it leaves in. */
interface Start {
  readonly anchor: Point;
  readonly x: number;
  readonly y: number;
  readonly leave: number;
}

interface Ends {
  readonly starts: readonly Start[];
  readonly T: Point;
  /** The target's stub end: (tx, T.y). */
  readonly tx: number;
}

/** The nodes of a path the search found, in the graph that numbers them, from one of the starts. */
class Path {
  constructor(
    private readonly graph: EdgeGraph,
    private readonly nodes: readonly number[],
    private readonly start: Start,
  ) {}

  /**
   * The route from the start's anchor through the path's nodes to T, simplified — without a
   * point object for every node: a route across a large diagram passes a hundred nodes on one
   * straight line, and only its corners stay.
   */
  polyline(T: Point): Point[] {
    const { graph, nodes, start } = this;
    const line = new Polyline();
    line.add(start.anchor.x, start.anchor.y, start.anchor);
    for (let k = 0; k < nodes.length; k++) line.add(graph.x(nodes[k]!), graph.y(nodes[k]!));
    line.add(T.x, T.y, T);
    return line.points();
  }
}

/** The path from one of the starts to the target's stub end, within `margin` of the edge's bounding box. */
function search(router: Router, graph: EdgeGraph, ends: Ends, margin: number, mode: Mode): Path | 'none' | 'budget' {
  const { starts, T, tx } = ends;
  let x1 = Math.min(T.x, tx);
  let y1 = T.y;
  let x2 = T.x;
  let y2 = T.y;
  for (const s of starts) {
    x1 = Math.min(x1, s.anchor.x, s.x);
    y1 = Math.min(y1, s.anchor.y, s.y);
    x2 = Math.max(x2, s.anchor.x, s.x);
    y2 = Math.max(y2, s.anchor.y, s.y);
  }
  const window = [x1 - margin, y1 - margin, x2 + margin, y2 + margin] as const;
  const path = router.searcher.run(
    graph,
    starts.map((s) => [graph.point(s.x, s.y), s.leave] as const),
    graph.point(tx, T.y),
    {
      bendCost: router.bendCost,
      penalty: PENALTY,
      window,
      soft: mode.soft,
      weight: mode.weight,
      budget: mode.budget,
    },
  );
  if (typeof path === 'string') return path;
  const first = path[0]!;
  const start = starts.find((s) => graph.x(first) === s.x && graph.y(first) === s.y) ?? starts[0]!;
  return new Path(graph, path, start);
}

/**
 * A polyline built point by point, dropping repeated points and points in the middle of a
 * straight run. A point given as an object is kept as that object; the others are made at the end.
 */
class Polyline {
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  private readonly given: (Point | undefined)[] = [];

  add(x: number, y: number, given?: Point): void {
    const { xs, ys } = this;
    const n = xs.length;
    if (n >= 1 && xs[n - 1] === x && ys[n - 1] === y) return;
    // The last point lies in the middle of a straight run: (x, y) takes its place.
    const k =
      n >= 2 && ((xs[n - 2] === xs[n - 1] && xs[n - 1] === x) || (ys[n - 2] === ys[n - 1] && ys[n - 1] === y))
        ? n - 1
        : n;
    xs[k] = x;
    ys[k] = y;
    this.given[k] = given;
  }

  points(): Point[] {
    return this.xs.map((x, k) => this.given[k] ?? { x, y: this.ys[k]! });
  }
}

/** Drops repeated points and points in the middle of a straight run (keeping the objects). */
function simplify(points: readonly Point[]): Point[] {
  const line = new Polyline();
  for (const p of points) line.add(p.x, p.y, p);
  return line.points();
}
