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

/** Grid cell size: about a label's width, so a query touches few cells. */
const CELL = 192;

/** The cheapest spot for one label among `grid`'s obstacles. */
function placeOne(req: LabelRequest, grid: BoxGrid<Obstacle>): LabelPlacement {
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
  return best;
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
  const grid = new BoxGrid<Obstacle>(CELL);
  for (const box of hard) grid.add({ box, weight: NODE_WEIGHT });
  for (const box of soft) grid.add({ box, weight: SOFT_WEIGHT });
  for (const box of labels) grid.add({ box, weight: LABEL_WEIGHT });
  const result = new Map<string, LabelPlacement>();
  for (const req of requests) {
    const best = placeOne(req, grid);
    result.set(req.id, best);
    grid.add({ box: best.box, weight: LABEL_WEIGHT });
  }
  return result;
}

interface LabelObstacle extends Obstacle {
  /** The edge whose label this is. */
  readonly label: string;
}

/**
 * The same placement kept up to date while components are dragged: every obstacle is indexed
 * once, then a frame moves the dragged nodes and re-places only the labels it names — the
 * others stay put and keep being obstacles, as `placeLabels` with them as `labels` would.
 */
export class LabelField {
  private readonly grid = new BoxGrid<Obstacle | LabelObstacle>(CELL);
  private readonly nodes = new Map<string, number>();
  private readonly labels = new Map<string, number>();

  constructor(
    nodes: ReadonlyMap<string, Box>,
    soft: readonly Box[],
    labels: ReadonlyMap<string, LabelPlacement>,
    /** The nodes that will move: the only ones indexed by id. */
    moving: ReadonlySet<string>,
  ) {
    for (const [id, box] of nodes) {
      const index = this.grid.add({ box, weight: NODE_WEIGHT });
      if (moving.has(id)) this.nodes.set(id, index);
    }
    for (const box of soft) this.grid.add({ box, weight: SOFT_WEIGHT });
    for (const [label, p] of labels) this.labels.set(label, this.grid.add({ box: p.box, weight: LABEL_WEIGHT, label }));
  }

  moveNode(id: string, box: Box): void {
    const index = this.nodes.get(id);
    if (index !== undefined) this.grid.update(index, { box, weight: NODE_WEIGHT });
  }

  /** The edges whose labels cover part of `box`. */
  labelsIn(box: Box, into: Set<string>): void {
    this.grid.visit(box, (o) => {
      if ('label' in o) into.add(o.label);
    });
  }

  /** Places `requests` in order, as `placeLabels` does; their old spots no longer count. */
  place(requests: readonly LabelRequest[]): Map<string, LabelPlacement> {
    for (const req of requests) {
      const index = this.labels.get(req.id);
      if (index !== undefined) this.grid.remove(index);
    }
    const result = new Map<string, LabelPlacement>();
    for (const req of requests) {
      const best = placeOne(req, this.grid);
      result.set(req.id, best);
      const obstacle = { box: best.box, weight: LABEL_WEIGHT, label: req.id };
      const index = this.labels.get(req.id);
      // A removed item is in no cell, so updating it only indexes the new box.
      if (index !== undefined) this.grid.update(index, obstacle);
      else this.labels.set(req.id, this.grid.add(obstacle));
    }
    return result;
  }
}
