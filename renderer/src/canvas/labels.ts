/**
 * Edge label placement: each label slides along its edge to the first spot that covers no
 * component and no label placed before it (or, when every spot collides, the least bad one).
 * Labels are placed in a stable order, so moving one node only moves labels near it.
 */
import { overlapArea, type Box, type Point } from './geometry';
import { BoxGrid } from './zones';

export interface LabelRequest {
  readonly id: string;
  readonly w: number;
  readonly h: number;
  /** Candidate parameters along the edge, best first. */
  readonly candidates: readonly number[];
  readonly at: (t: number) => Point;
}

export interface LabelPlacement {
  /** Parameter along the edge. */
  readonly t: number;
  /** Shift off the curve (0 unless the curve itself has no room). */
  readonly dx: number;
  readonly dy: number;
  /** The box the label covers there (its obstacle box for later labels). */
  readonly box: Box;
}

const NODE_WEIGHT = 4;
const LABEL_WEIGHT = 6;
const SOFT_WEIGHT = 3;
/** Cost of moving a label off its curve, per pixel: a label on its curve is worth some overlap. */
const SHIFT_COST = 12;

/**
 * Offsets off the curve, as fractions of the label's width (x) and height (y), cheapest first.
 * Half a width sideways leaves the label touching its curve; beyond that it floats beside it.
 */
const SHIFTS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, -0.75],
  [0, 0.75],
  [-0.5, 0],
  [0.5, 0],
  [-0.5, -0.75],
  [0.5, -0.75],
  [-0.5, 0.75],
  [0.5, 0.75],
  [0, -1.5],
  [0, 1.5],
  [-0.5, -1.5],
  [0.5, -1.5],
  [-0.5, 1.5],
  [0.5, 1.5],
  [0, -2.5],
  [0, 2.5],
  [-0.5, -2.5],
  [0.5, -2.5],
  [-0.5, 2.5],
  [0.5, 2.5],
];

interface Obstacle {
  readonly box: Box;
  readonly weight: number;
}

/**
 * Picks a spot per label. `hard` boxes (components), `soft` ones (zone labels) and `labels`
 * (labels that stay where they are) are obstacles; placed labels become obstacles for the
 * following ones.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  hard: readonly Box[],
  soft: readonly Box[] = [],
  labels: readonly Box[] = [],
): Map<string, LabelPlacement> {
  const grid = new BoxGrid<Obstacle>(192);
  for (const box of hard) grid.add({ box, weight: NODE_WEIGHT });
  for (const box of soft) grid.add({ box, weight: SOFT_WEIGHT });
  for (const box of labels) grid.add({ box, weight: LABEL_WEIGHT });
  const result = new Map<string, LabelPlacement>();
  for (const req of requests) {
    const p0 = req.at(req.candidates[0] ?? 0.5);
    let best: LabelPlacement = {
      t: req.candidates[0] ?? 0.5,
      dx: 0,
      dy: 0,
      box: { x: p0.x - req.w / 2, y: p0.y - req.h / 2, w: req.w, h: req.h },
    };
    let bestCost = Infinity;
    const points = req.candidates.map((t) => req.at(t));
    search: for (let k = 0; k < SHIFTS.length; k++) {
      const [fx, fy] = SHIFTS[k]!;
      const dx = fx * req.w;
      const dy = fy * req.h;
      const shiftCost = (Math.abs(dx) + Math.abs(dy)) * SHIFT_COST;
      if (shiftCost >= bestCost) continue;
      for (let i = 0; i < req.candidates.length; i++) {
        const p = points[i]!;
        const box = { x: p.x + dx - req.w / 2, y: p.y + dy - req.h / 2, w: req.w, h: req.h };
        let cost = i * 0.01 + shiftCost;
        grid.visit(box, (o) => (cost += overlapArea(o.box, box) * o.weight));
        if (cost < bestCost) {
          bestCost = cost;
          best = { t: req.candidates[i]!, dx, dy, box };
          if (cost < 1) break search;
        }
      }
    }
    result.set(req.id, best);
    grid.add({ box: best.box, weight: LABEL_WEIGHT });
  }
  return result;
}
