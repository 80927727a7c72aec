/**
 * The router's shortcut (route.ts `quickRoute`): when the cheapest shape a route can have is
 * free — a Z from the right border, an L from a side anchor — it is taken without a search, in
 * the shape the search takes first; otherwise the search decides.
 */
import { describe, expect, it } from 'vitest';
import { routeEdges, type RouteObstacle, type RouteRequest } from '../../../../shared/diagram/route';
import type { Box, Point } from '../../../../shared/diagram/types';

const box = (x: number, y: number, w: number, h: number): Box => ({ x, y, w, h });
const a: RouteObstacle = { id: 'a', box: box(0, 0, 100, 60) };
const b: RouteObstacle = { id: 'b', box: box(400, 200, 100, 60) };
const request: RouteRequest = {
  id: 'e',
  source: { x: 100, y: 30 },
  sourceNode: 'a',
  target: { x: 380, y: 230 },
  targetNode: 'b',
};
const routeOf = (obstacles: RouteObstacle[], r: RouteRequest): Point[] => routeEdges(obstacles, [r]).get(r.id)!;
const cost = (points: readonly Point[]): number =>
  points.slice(1).reduce((n, p, i) => n + Math.abs(p.x - points[i]!.x) + Math.abs(p.y - points[i]!.y), 0) +
  24 * (points.length - 2);

describe('the shortcut of the router', () => {
  it('takes the free Z at once: across at the end of the stub, then along the target row', () => {
    expect(routeOf([a, b], request)).toEqual([
      { x: 100, y: 30 },
      { x: 112, y: 30 },
      { x: 112, y: 230 },
      { x: 380, y: 230 },
    ]);
  });

  it('leaves the search to route around what blocks that Z, at no lower cost', () => {
    const wall: RouteObstacle = { id: 'wall', box: box(104, 100, 200, 40) };
    const points = routeOf([a, b, wall], request);
    expect(points).not.toContainEqual({ x: 112, y: 230 });
    expect(cost(points)).toBeGreaterThanOrEqual(
      cost([request.source, { x: 112, y: 30 }, { x: 112, y: 230 }, request.target]),
    );
    for (let i = 1; i < points.length; i++) {
      const [p, q] = [points[i - 1]!, points[i]!];
      const [x0, x1, y0, y1] = [Math.min(p.x, q.x), Math.max(p.x, q.x), Math.min(p.y, q.y), Math.max(p.y, q.y)];
      const w = wall.box;
      expect(x1 < w.x || x0 > w.x + w.w || y1 < w.y || y0 > w.y + w.h, JSON.stringify(points)).toBe(true);
    }
  });

  it('takes the L from a side anchor when it is cheaper than any route from the right border', () => {
    const side = { ...request, side: { source: { x: 50, y: 60 }, leave: 'south' as const } };
    expect(routeOf([a, b], side)).toEqual([
      { x: 50, y: 60 },
      { x: 50, y: 230 },
      { x: 380, y: 230 },
    ]);
  });

  it('leaves the choice to the search when two starts share the lowest bound', () => {
    // Z from the stub end (112, 30): 256 + 200 + 2 bends; L from the side stub end (46, 72): 322 + 158 + 1 bend.
    const side = { ...request, side: { source: { x: 46, y: 60 }, leave: 'south' as const } };
    const points = routeOf([a, b], side);
    expect(cost(points)).toBe(12 + 256 + 200 + 48 + 12);
    expect(points.length).toBeLessThanOrEqual(4);
  });
});

describe('the shortcut when the side anchor’s L is blocked', () => {
  it('takes the Z from the right border when it is free and cheaper than any other route from the side', () => {
    // Something right under the sender blocks the L from its bottom border.
    const below: RouteObstacle = { id: 'below', box: box(0, 90, 100, 60) };
    const side = { ...request, side: { source: { x: 50, y: 60 }, leave: 'south' as const } };
    expect(routeOf([a, b, below], side)).toEqual([
      { x: 100, y: 30 },
      { x: 112, y: 30 },
      { x: 112, y: 230 },
      { x: 380, y: 230 },
    ]);
  });
});

describe('the shortcut for a label behind a side anchor', () => {
  it('hooks back along the stub’s end row to the goal’s column, then down and into it', () => {
    // The target's label lies below and left of the sender's bottom border (a feeder column).
    const sender: RouteObstacle = { id: 'sender', box: box(300, 0, 200, 60) };
    const target: RouteObstacle = { id: 'target', box: box(320, 200, 100, 60) };
    const r: RouteRequest = {
      id: 'hook',
      source: { x: 500, y: 30 },
      sourceNode: 'sender',
      target: { x: 240, y: 230 },
      targetNode: 'target',
      side: { source: { x: 320, y: 60 }, leave: 'south' },
    };
    expect(routeOf([sender, target], r)).toEqual([
      { x: 320, y: 60 },
      { x: 320, y: 72 },
      { x: 228, y: 72 },
      { x: 228, y: 230 },
      { x: 240, y: 230 },
    ]);
  });
});
