/**
 * The router's obstacle rays (route.ts `ObstacleRays`) for a drop, from the previous drop's:
 * at 2,000 components, walking 8 rays from every obstacle corner is a third of a drop's cost,
 * yet a move changes only the rays of the obstacles that moved and the rays that ran into (or
 * now run into) one of them. A ray's end is a pure function of the set of inflated boxes — the
 * nearest box across its line, or its origin when it starts inside one — so recomputing
 * exactly those rays with the new index gives the same arrays as computing all of them.
 */
import { obstacleIndex, obstacleRays, pushRays, type ObstacleRays, type RouteObstacle } from './route';
import { EAST, NORTH, SOUTH, WEST } from './route-grid';
import type { Box } from './types';

/** Must match routeEdges' default clearance (drop.ts routes with the defaults). */
const CLEARANCE = 8;
/** Widens the "could this box matter to this ray" test, so rounding cannot make it miss one. */
const SLACK = 1;

/** The obstacles the rays were computed for, and the rays. */
export interface RaysOf {
  readonly obstacles: readonly RouteObstacle[];
  readonly rays: ObstacleRays;
}

/**
 * The rays for `obstacles`: reused from `before` where no moved obstacle can change them, when
 * `before` has the same obstacle ids in the same order (else computed in full).
 */
export function dropRays(obstacles: readonly RouteObstacle[], before: RaysOf | undefined): ObstacleRays {
  const index = obstacleIndex(obstacles, { clearance: CLEARANCE });
  if (!before || before.obstacles.length !== obstacles.length) return obstacleRays(index);
  const changed: number[] = [];
  for (let i = 0; i < obstacles.length; i++) {
    const was = before.obstacles[i]!;
    const now = obstacles[i]!;
    if (was.id !== now.id) return obstacleRays(index);
    if (!sameBox(was.box, now.box)) changed.push(i);
  }
  if (changed.length === 0) return before.rays;
  // The moved obstacles' inflated boxes, before and after (widened by SLACK).
  const boxes: number[] = [];
  for (const i of changed) boxes.push(...inflated(before.obstacles[i]!.box), ...inflated(obstacles[i]!.box));

  const vertical = before.rays.vertical.slice();
  const horizontal = before.rays.horizontal.slice();
  const own = new Set(changed);
  const v: number[] = [];
  const h: number[] = [];
  for (let i = 0; i < obstacles.length; i++) {
    if (own.has(i)) {
      v.length = h.length = 0;
      pushRays(index, i, v, h);
      for (let k = 0; k < 6; k++) {
        vertical[6 * i + k] = v[k]!;
        horizontal[6 * i + k] = h[k]!;
      }
      continue;
    }
    const x1 = index.x1[i]!;
    const y1 = index.y1[i]!;
    const x2 = index.x2[i]!;
    const y2 = index.y2[i]!;
    // Vertical triples: (x, end of the ray north from y1, end of the ray south from y2).
    for (let k = 6 * i; k <= 6 * i + 3; k += 3) {
      const x = vertical[k]!;
      if (reaches(boxes, true, x, vertical[k + 1]!, y1)) vertical[k + 1] = index.ray(x, y1, NORTH);
      if (reaches(boxes, true, x, y2, vertical[k + 2]!)) vertical[k + 2] = index.ray(x, y2, SOUTH);
    }
    // Horizontal triples: (y, end of the ray west from x1, end of the ray east from x2).
    for (let k = 6 * i; k <= 6 * i + 3; k += 3) {
      const y = horizontal[k]!;
      if (reaches(boxes, false, y, horizontal[k + 1]!, x1)) horizontal[k + 1] = index.ray(x1, y, WEST);
      if (reaches(boxes, false, y, x2, horizontal[k + 2]!)) horizontal[k + 2] = index.ray(x2, y, EAST);
    }
  }
  return { vertical, horizontal };
}

/**
 * Whether any box meets the ray's span from..to (closed) on its line at `at`: only such a box
 * can be the one it ends at, before or after the move.
 */
function reaches(boxes: readonly number[], vertical: boolean, at: number, from: number, to: number): boolean {
  // boxes: x1, y1, x2, y2 per box.
  const [c, a] = vertical ? [0, 1] : [1, 0];
  for (let b = 0; b < boxes.length; b += 4) {
    if (boxes[b + c]! <= at && at <= boxes[b + c + 2]! && boxes[b + a]! <= to && boxes[b + a + 2]! >= from) return true;
  }
  return false;
}

/** A box inflated as the router inflates it, plus SLACK: x1, y1, x2, y2. */
const inflated = (b: Box): number[] => [
  b.x - CLEARANCE - SLACK,
  b.y - CLEARANCE - SLACK,
  b.x + b.w + CLEARANCE + SLACK,
  b.y + b.h + CLEARANCE + SLACK,
];

const sameBox = (a: Box, b: Box): boolean => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
