import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentCrossesBox } from '../../../../shared/diagram/check';
import { routeEdges, type RouteObstacle, type RouteOptions, type RouteRequest } from '../../../../shared/diagram/route';
import type { Box, Point } from '../../../../shared/diagram/types';

const CLEARANCE = 8;
const STUB = 12;

const box = (x: number, y: number, w: number, h: number): Box => ({ x, y, w, h });
const inflate = (b: Box, by = CLEARANCE): Box => box(b.x - by, b.y - by, b.w + 2 * by, b.h + 2 * by);
const node = (id: string, b: Box): RouteObstacle => ({ id, box: b });

/** An edge from the right border of `from` (at dy below its top) to the left border of `to`. */
function edge(id: string, from: RouteObstacle, dy: number, to: RouteObstacle, ty: number): RouteRequest {
  return {
    id,
    source: { x: from.box.x + from.box.w, y: from.box.y + dy },
    sourceNode: from.id,
    target: { x: to.box.x, y: to.box.y + ty },
    targetNode: to.id,
  };
}

function route(obstacles: RouteObstacle[], request: RouteRequest, options?: RouteOptions): Point[] {
  const out = routeEdges(obstacles, [request], options).get(request.id);
  if (!out) throw new Error(`no route for ${request.id}`);
  return out;
}

const segments = (points: readonly Point[]): [Point, Point][] =>
  points.slice(1).map((p, i) => [points[i]!, p] as [Point, Point]);
const bends = (points: readonly Point[]): number => points.length - 2;

/**
 * Every way a polyline can break the routing contract, as readable strings (empty: none):
 * shape (orthogonal, no empty or collinear pieces), ends, stubs, and obstacles (inflated by
 * the clearance; the first and last segments may start/end inside their own node's inflated
 * box but never enter the node itself).
 */
function violations(
  points: readonly Point[],
  request: RouteRequest,
  obstacles: readonly RouteObstacle[],
  { stub = STUB, clearance = CLEARANCE } = {},
): string[] {
  const out: string[] = [];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (points.length < 2) return ['fewer than two points'];
  if (first.x !== request.source.x || first.y !== request.source.y) out.push('does not start at the source');
  if (last.x !== request.target.x || last.y !== request.target.y) out.push('does not end at the target');
  segments(points).forEach(([a, b], i) => {
    if (a.x !== b.x && a.y !== b.y) out.push(`segment ${i} is diagonal`);
    if (a.x === b.x && a.y === b.y) out.push(`segment ${i} is empty`);
  });
  for (let i = 1; i + 1 < points.length; i++) {
    const [a, b, c] = [points[i - 1]!, points[i]!, points[i + 1]!];
    if ((a.x === b.x && b.x === c.x) || (a.y === b.y && b.y === c.y)) out.push(`point ${i} is redundant`);
  }
  const second = points[1]!;
  const beforeLast = points[points.length - 2]!;
  if (second.y !== first.y || second.x - first.x < stub) out.push('first segment is not a stub moving +x');
  if (beforeLast.y !== last.y || last.x - beforeLast.x < stub) out.push('last segment is not a stub arriving +x');
  const segs = segments(points);
  for (const o of obstacles) {
    const own = o.id === request.sourceNode || o.id === request.targetNode;
    segs.forEach(([a, b], i) => {
      const stubEnd =
        (i === 0 && o.id === request.sourceNode) || (i === segs.length - 1 && o.id === request.targetNode);
      if (segmentCrossesBox(a, b, stubEnd ? o.box : inflate(o.box, clearance))) {
        out.push(`segment ${i} crosses ${own ? 'its own node ' : ''}${o.id}`);
      }
    });
  }
  return out;
}

/** Proper crossings between segments of different routes (perpendicular, strictly inside both). */
function crossingsBetween(routes: readonly (readonly Point[])[]): number {
  let n = 0;
  routes.forEach((r, i) =>
    routes.slice(i + 1).forEach((q) => {
      for (const [a, b] of segments(r)) {
        for (const [c, d] of segments(q)) {
          const [v, h] =
            a.x === b.x
              ? [
                  [a, b],
                  [c, d],
                ]
              : [
                  [c, d],
                  [a, b],
                ];
          if (v[0]!.x !== v[1]!.x || h[0]!.y !== h[1]!.y) continue;
          const x = v[0]!.x;
          const y = h[0]!.y;
          const inside = (p: number, s: number, t: number) => Math.min(s, t) < p && p < Math.max(s, t);
          if (inside(x, h[0]!.x, h[1]!.x) && inside(y, v[0]!.y, v[1]!.y)) n++;
        }
      }
    }),
  );
  return n;
}

describe('segmentCrossesBox', () => {
  const b = box(0, 0, 100, 50);
  it('is true through the interior and false along or outside the border', () => {
    expect(segmentCrossesBox({ x: -10, y: 20 }, { x: 110, y: 20 }, b)).toBe(true);
    expect(segmentCrossesBox({ x: 50, y: -10 }, { x: 50, y: 10 }, b)).toBe(true);
    expect(segmentCrossesBox({ x: 110, y: 20 }, { x: 90, y: 20 }, b)).toBe(true);
    expect(segmentCrossesBox({ x: -10, y: 0 }, { x: 110, y: 0 }, b)).toBe(false);
    expect(segmentCrossesBox({ x: 100, y: -10 }, { x: 100, y: 60 }, b)).toBe(false);
    expect(segmentCrossesBox({ x: -10, y: 20 }, { x: 0, y: 20 }, b)).toBe(false);
    expect(segmentCrossesBox({ x: 100, y: 20 }, { x: 130, y: 20 }, b)).toBe(false);
    expect(segmentCrossesBox({ x: 0, y: 60 }, { x: 100, y: 60 }, b)).toBe(false);
  });
});

describe('routeEdges', () => {
  const a = node('a', box(0, 0, 200, 80));
  const b = node('b', box(400, 0, 200, 80));

  it('draws a target straight to the right as one segment', () => {
    const r = edge('e', a, 40, b, 40);
    expect(route([a, b], r)).toEqual([r.source, r.target]);
  });

  it('reaches a target to the right but lower with at most two bends', () => {
    const low = node('b', box(400, 150, 200, 80));
    const r = edge('e', a, 30, low, 50);
    const points = route([a, low], r);
    expect(violations(points, r, [a, low])).toEqual([]);
    expect(bends(points)).toBeLessThanOrEqual(2);
    expect(bends(points)).toBeGreaterThan(0);
  });

  it('goes around an obstacle between source and target', () => {
    const wall = node('wall', box(260, -100, 80, 300));
    const r = edge('e', a, 40, b, 40);
    const points = route([a, b, wall], r);
    expect(violations(points, r, [a, b, wall])).toEqual([]);
    expect(points.length).toBeGreaterThan(2);
    for (const [p, q] of segments(points)) expect(segmentCrossesBox(p, q, wall.box)).toBe(false);
  });

  it('takes a backward edge around its own nodes', () => {
    // Target left of the source, same height: straight left would run through both nodes.
    const r = edge('back', b, 40, a, 40);
    const points = route([a, b], r);
    expect(violations(points, r, [a, b])).toEqual([]);
    for (const [p, q] of segments(points)) {
      expect(segmentCrossesBox(p, q, a.box)).toBe(false);
      expect(segmentCrossesBox(p, q, b.box)).toBe(false);
    }
    // It leaves right and comes back from the left, so it passes above or below both nodes.
    const ys = points.map((p) => p.y);
    expect(Math.min(...ys) < 0 || Math.max(...ys) > 80).toBe(true);
  });

  it('takes a backward edge between stacked columns around them', () => {
    const column = (x: number, prefix: string) =>
      [0, 1, 2, 3].map((k) => node(`${prefix}${k}`, box(x, k * 120, 200, 90)));
    const left = column(0, 'l');
    const right = column(400, 'r');
    const obstacles = [...left, ...right];
    const r = edge('back', right[1]!, 45, left[2]!, 30);
    const points = route(obstacles, r);
    expect(violations(points, r, obstacles)).toEqual([]);
  });

  it('leaves and arrives with stubs of at least `stub` px moving +x', () => {
    const low = node('b', box(260, 200, 200, 80));
    for (const stub of [12, 30]) {
      for (const [from, to] of [
        [a, low],
        [low, a],
      ] as const) {
        const r = edge('e', from, 20, to, 60);
        const points = route([a, low], r, { stub });
        expect(violations(points, r, [a, low], { stub })).toEqual([]);
        const [p0, p1] = [points[0]!, points[1]!];
        const [q0, q1] = [points[points.length - 2]!, points[points.length - 1]!];
        expect(p1.y).toBe(p0.y);
        expect(p1.x - p0.x).toBeGreaterThanOrEqual(stub);
        expect(q0.y).toBe(q1.y);
        expect(q1.x - q0.x).toBeGreaterThanOrEqual(stub);
      }
    }
  });

  it('honours a larger clearance', () => {
    const wall = node('wall', box(260, -100, 80, 300));
    const r = edge('e', a, 40, b, 40);
    const points = route([a, b, wall], r, { clearance: 30 });
    expect(violations(points, r, [a, b, wall], { clearance: 30 })).toEqual([]);
  });

  it('spreads three edges through the same channel onto distinct lines, adding no crossings', () => {
    const sources = [0, 1, 2].map((k) => node(`s${k}`, box(0, k * 100, 200, 60)));
    const targets = [0, 1, 2].map((k) => node(`t${k}`, box(500, 400 + k * 100, 200, 60)));
    const obstacles = [...sources, ...targets];
    const requests = [0, 1, 2].map((k) => edge(`e${k}`, sources[k]!, 30, targets[k]!, 30));
    const routes = routeEdges(obstacles, requests);
    const verticals = requests.map((r) => {
      const points = routes.get(r.id)!;
      expect(violations(points, r, obstacles)).toEqual([]);
      const v = segments(points).filter(([p, q]) => p.x === q.x);
      expect(v).toHaveLength(1);
      return v[0]![0].x;
    });
    const sorted = [...verticals].sort((x, y) => x - y);
    expect(sorted[1]! - sorted[0]!).toBeGreaterThanOrEqual(5);
    expect(sorted[2]! - sorted[1]!).toBeGreaterThanOrEqual(5);
    expect(crossingsBetween(requests.map((r) => routes.get(r.id)!))).toBe(0);
  });

  it('lets edges into the same port share their approach', () => {
    const sources = [0, 1].map((k) => node(`s${k}`, box(0, k * 200, 200, 60)));
    const target = node('t', box(500, 100, 200, 60));
    const obstacles = [...sources, target];
    const requests = sources.map((s, k) => edge(`e${k}`, s, 30, target, 30));
    const routes = routeEdges(obstacles, requests);
    for (const r of requests) expect(violations(routes.get(r.id)!, r, obstacles)).toEqual([]);
  });

  it('answers the same for the same input, whatever the order of requests and obstacles', () => {
    const column = (x: number, prefix: string) =>
      [0, 1, 2, 3, 4].map((k) => node(`${prefix}${k}`, box(x, k * 110, 200, 60 + 10 * k)));
    const obstacles = [...column(0, 'a'), ...column(350, 'b'), ...column(700, 'c')];
    const requests = [
      edge('e1', obstacles[0]!, 30, obstacles[7]!, 40),
      edge('e2', obstacles[1]!, 30, obstacles[6]!, 40),
      edge('e3', obstacles[2]!, 30, obstacles[12]!, 40),
      edge('e4', obstacles[11]!, 30, obstacles[3]!, 40),
      edge('e5', obstacles[5]!, 30, obstacles[14]!, 60),
      edge('e6', obstacles[4]!, 30, obstacles[8]!, 40),
    ];
    const once = routeEdges(obstacles, requests);
    expect(routeEdges(obstacles, requests)).toEqual(once);
    const shuffled = routeEdges([...obstacles].reverse(), [...requests].reverse());
    for (const r of requests) expect(shuffled.get(r.id)).toEqual(once.get(r.id));
  });

  it('crosses as few obstacles as it must when the target is walled in', () => {
    // The way in from the west crosses two walls; going round to any other side, one.
    const t = node('t', box(500, 200, 200, 80));
    const walls = [
      node('north', box(400, 100, 400, 40)),
      node('south', box(400, 360, 400, 40)),
      node('west', box(400, 140, 40, 220)),
      node('east', box(760, 140, 40, 220)),
      node('outer', box(300, 60, 40, 380)),
    ];
    const s = node('s', box(0, 200, 200, 80));
    const obstacles = [s, t, ...walls];
    const r = edge('e', s, 40, t, 40);
    const points = route(obstacles, r);
    const shape = violations(points, r, []);
    expect(shape).toEqual([]);
    const crossed = walls.filter((w) => segments(points).some(([p, q]) => segmentCrossesBox(p, q, inflate(w.box))));
    expect(crossed).toHaveLength(1);
  });

  it('still answers when the approach point lies inside another node', () => {
    const t = node('t', box(500, 0, 200, 80));
    const blocker = node('x', box(470, 20, 20, 40));
    const r = edge('e', a, 40, t, 40);
    const points = route([a, t, blocker], r);
    expect(violations(points, r, [])).toEqual([]);
  });

  it('routes every edge on a grid of spaced boxes without touching another box (property)', () => {
    const cols = 7;
    const [cellW, cellH] = [320, 200];
    const gap = 3 * CLEARANCE;
    const boxArb = fc.record({ w: fc.integer({ min: 40, max: 220 }), h: fc.integer({ min: 30, max: 150 }) });
    const scene = fc.uniqueArray(fc.integer({ min: 0, max: 41 }), { minLength: 5, maxLength: 40 }).chain((cells) =>
      fc.tuple(
        fc.constant(cells),
        fc.array(
          fc.tuple(boxArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
          {
            minLength: cells.length,
            maxLength: cells.length,
          },
        ),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat(),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom<RouteOptions>({}, { stub: 4 }, { stub: 20, clearance: 0 }, { clearance: 4, bendCost: 100 }),
      ),
    );
    fc.assert(
      fc.property(scene, ([cells, shapes, edges, options]) => {
        // Each box inside its own cell, at least `gap` from the cell's right and bottom edges.
        const obstacles = cells.map((cell, k) => {
          const [{ w, h }, fx, fy] = shapes[k]!;
          const x = (cell % cols) * cellW + Math.round(fx * (cellW - w - gap));
          const y = Math.floor(cell / cols) * cellH + Math.round(fy * (cellH - h - gap));
          return node(`n${k}`, box(x, y, w, h));
        });
        const requests = edges.map(([from, to, fy, ty], k) => {
          const [s, t] = [obstacles[from % obstacles.length]!, obstacles[to % obstacles.length]!];
          return edge(`e${k}`, s, 1 + Math.round(fy * (s.box.h - 2)), t, 1 + Math.round(ty * (t.box.h - 2)));
        });
        const routes = routeEdges(obstacles, requests, options);
        for (const r of requests) expect(violations(routes.get(r.id)!, r, obstacles, options)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps its shape however the boxes overlap (property)', () => {
    const arb = fc.tuple(
      fc.array(
        fc.record({
          x: fc.integer({ min: 0, max: 900 }),
          y: fc.integer({ min: 0, max: 900 }),
          w: fc.integer({ min: 20, max: 300 }),
          h: fc.integer({ min: 20, max: 300 }),
        }),
        { minLength: 2, maxLength: 25 },
      ),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }),
    );
    fc.assert(
      fc.property(arb, ([boxes, edges]) => {
        const obstacles = boxes.map((b, k) => node(`n${k}`, b));
        const requests = edges.map(([from, to, fy, ty], k) => {
          const [s, t] = [obstacles[from % obstacles.length]!, obstacles[to % obstacles.length]!];
          return edge(`e${k}`, s, fy % s.box.h, t, ty % t.box.h);
        });
        const routes = routeEdges(obstacles, requests);
        for (const r of requests) expect(violations(routes.get(r.id)!, r, [])).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
