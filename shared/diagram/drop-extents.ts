/**
 * Each edge's extent (`boxOfPoints` of its path), kept per edge list: a drop needs every edge's
 * extent twice — to find the old paths near what moved, and for the drawing's bounds — yet
 * reroutes only a few edges, keeping the others as the same objects. So the next list's extents
 * are the previous list's, with only the rerouted edges measured again.
 */
import { boxOfPoints } from './box';
import type { Box, DiagramEdge } from './types';

export interface EdgeExtents {
  /** `boxOfPoints(edges[i].points)`, as `diagramOf` adds it to the bounds. */
  readonly boxes: readonly Box[];
  /** The same extents as min/max coordinates (x + w need not give back the max exactly). */
  readonly x0: Float64Array;
  readonly y0: Float64Array;
  readonly x1: Float64Array;
  readonly y1: Float64Array;
}

const extentsOf = new WeakMap<readonly DiagramEdge[], EdgeExtents>();

/** The extents of `edges`: those of `previous` where `edges` keeps its edge object, measured where not. */
export function edgeExtents(edges: readonly DiagramEdge[], previous?: readonly DiagramEdge[]): EdgeExtents {
  const known = extentsOf.get(edges);
  if (known) return known;
  const old = previous && previous.length === edges.length ? extentsOf.get(previous) : undefined;
  const n = edges.length;
  const boxes: Box[] = new Array<Box>(n);
  const x0 = new Float64Array(n);
  const y0 = new Float64Array(n);
  const x1 = new Float64Array(n);
  const y1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = edges[i]!;
    if (old && previous![i] === e) {
      boxes[i] = old.boxes[i]!;
      x0[i] = old.x0[i]!;
      y0[i] = old.y0[i]!;
      x1[i] = old.x1[i]!;
      y1[i] = old.y1[i]!;
      continue;
    }
    boxes[i] = boxOfPoints(e.points);
    let [ax, ay, bx, by] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of e.points) {
      ax = Math.min(ax, p.x);
      ay = Math.min(ay, p.y);
      bx = Math.max(bx, p.x);
      by = Math.max(by, p.y);
    }
    [x0[i], y0[i], x1[i], y1[i]] = [ax, ay, bx, by];
  }
  const extents = { boxes, x0, y0, x1, y1 };
  extentsOf.set(edges, extents);
  return extents;
}

/**
 * `boundsOf` of the boxes of `lists` in turn — the same fold, step for step, so the same
 * floating-point result — without a box object per step (a drop folds ~10,000 boxes at 2,000
 * components).
 */
export function foldBounds(lists: readonly (readonly Box[])[]): Box | undefined {
  let have = false;
  let x = 0;
  let y = 0;
  let w = 0;
  let h = 0;
  for (const list of lists)
    for (const b of list) {
      if (!have) {
        [x, y, w, h, have] = [b.x, b.y, b.w, b.h, true];
        continue;
      }
      // As `union`: the min corner, then the max far edge minus it.
      const nx = Math.min(x, b.x);
      const ny = Math.min(y, b.y);
      w = Math.max(x + w, b.x + b.w) - nx;
      h = Math.max(y + h, b.y + b.h) - ny;
      x = nx;
      y = ny;
    }
  return have ? { x, y, w, h } : undefined;
}
