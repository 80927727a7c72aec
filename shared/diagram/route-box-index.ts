/**
 * The obstacles of a routing pass (route.ts) as a uniform-grid index: each box inflated by the
 * clearance and bucketed into the cells it covers, so that a segment test, a ray or the room
 * around a segment looks only at the boxes near it.
 */
import { EAST, SOUTH } from './route-grid';
import type { Box } from './types';

/** Index cells are at least this wide (px), wider when the obstacles are spread very thin. */
const CELL = 256;

/** Whether the open axis-parallel segment (or point) a→b meets the open rectangle x1..x2 × y1..y2. */
export function crossesRect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): boolean {
  return Math.min(ax, bx) < x2 && Math.max(ax, bx) > x1 && Math.min(ay, by) < y2 && Math.max(ay, by) > y1;
}

/** Obstacles inflated by the clearance, bucketed into CELL-sized cells over their bounds. */
export class BoxIndex {
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  readonly x2: Float64Array;
  readonly y2: Float64Array;
  private readonly left: number;
  private readonly top: number;
  private readonly cell: number = CELL;
  private readonly cols: number;
  private readonly rows: number;
  /** Cell c holds items[start[c]] .. items[start[c + 1] - 1]. */
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  private readonly seen: Int32Array;
  private stamp = 0;
  private found = new Int32Array(64);

  constructor(boxes: readonly Box[], inflate: number) {
    const n = boxes.length;
    const x1 = (this.x1 = new Float64Array(n));
    const y1 = (this.y1 = new Float64Array(n));
    const x2 = (this.x2 = new Float64Array(n));
    const y2 = (this.y2 = new Float64Array(n));
    // Plain loops: this runs once per routing, cold, where a callback per box costs.
    let left = n ? Infinity : 0;
    let top = n ? Infinity : 0;
    let right = n ? -Infinity : 0;
    let bottom = n ? -Infinity : 0;
    for (let i = 0; i < n; i++) {
      const b = boxes[i]!;
      x1[i] = b.x - inflate;
      y1[i] = b.y - inflate;
      x2[i] = b.x + b.w + inflate;
      y2[i] = b.y + b.h + inflate;
      left = Math.min(left, x1[i]!);
      top = Math.min(top, y1[i]!);
      right = Math.max(right, x2[i]!);
      bottom = Math.max(bottom, y2[i]!);
    }
    this.seen = new Int32Array(n);
    this.left = left;
    this.top = top;
    const w = right - left;
    const h = bottom - top;
    while ((w / this.cell + 1) * (h / this.cell + 1) > 16 * n + 4096) this.cell *= 2;
    this.cols = Math.floor(w / this.cell) + 1;
    this.rows = Math.floor(h / this.cell) + 1;
    const cells = this.cols * this.rows;
    // Boxes per cell, then (the counts turned into starts) the boxes placed.
    const counts = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) this.eachCell(i, counts, 1, undefined);
    for (let c = 0; c < cells; c++) counts[c + 1]! += counts[c]!;
    this.start = counts.slice();
    this.items = new Int32Array(counts[cells]!);
    for (let i = 0; i < n; i++) this.eachCell(i, counts, 0, this.items);
  }

  /** For each cell c box i lies in: counts[c + offset]++, and with `items`, items[that count] = i. */
  private eachCell(i: number, counts: Int32Array, offset: number, items: Int32Array | undefined): void {
    const cx1 = this.cellX(this.x1[i]!);
    const cx2 = this.cellX(this.x2[i]!);
    const cy2 = this.cellY(this.y2[i]!);
    for (let cy = this.cellY(this.y1[i]!); cy <= cy2; cy++) {
      for (let cx = cx1; cx <= cx2; cx++) {
        const c = cy * this.cols + cx + offset;
        if (items) items[counts[c]!++] = i;
        else counts[c]!++;
      }
    }
  }

  private cellX(v: number): number {
    return Math.max(0, Math.min(this.cols - 1, Math.floor((v - this.left) / this.cell)));
  }

  private cellY(v: number): number {
    return Math.max(0, Math.min(this.rows - 1, Math.floor((v - this.top) / this.cell)));
  }

  /**
   * The boxes whose cells meet the rectangle spanned by the two points, each once; valid
   * until the next call. Returns how many (they are in `candidates`).
   */
  near(ax: number, ay: number, bx: number, by: number): number {
    if (++this.stamp === 2 ** 31 - 1) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const cx1 = this.cellX(Math.min(ax, bx));
    const cx2 = this.cellX(Math.max(ax, bx));
    const cy1 = this.cellY(Math.min(ay, by));
    const cy2 = this.cellY(Math.max(ay, by));
    const { start, items, seen, stamp } = this;
    let count = 0;
    for (let cy = cy1; cy <= cy2; cy++) {
      for (let cx = cx1; cx <= cx2; cx++) {
        const cell = cy * this.cols + cx;
        for (let k = start[cell]!; k < start[cell + 1]!; k++) {
          const i = items[k]!;
          if (seen[i] === stamp) continue;
          seen[i] = stamp;
          if (count === this.found.length) {
            const grown = new Int32Array(count * 2);
            grown.set(this.found);
            this.found = grown;
          }
          this.found[count++] = i;
        }
      }
    }
    return count;
  }

  /**
   * Where a ray from (x, y) moving in direction `dir` first meets an inflated box (±Infinity
   * when it meets none; the point itself when it starts inside one).
   */
  ray(x: number, y: number, dir: number): number {
    return (dir & 1) === 0
      ? this.rayAlong(x, y, dir === EAST ? 1 : -1, this.x1, this.x2, this.y1, this.y2, this.cols, this.cellY(y), true)
      : this.rayAlong(
          y,
          x,
          dir === SOUTH ? 1 : -1,
          this.y1,
          this.y2,
          this.x1,
          this.x2,
          this.rows,
          this.cellX(x),
          false,
        );
  }

  /** `ray` moving along p (A: the boxes' extents along, B: across q), through the cells of one row or column. */
  private rayAlong(
    p: number,
    q: number,
    sign: number,
    A1: Float64Array,
    A2: Float64Array,
    B1: Float64Array,
    B2: Float64Array,
    count: number,
    across: number,
    horizontal: boolean,
  ): number {
    const origin = horizontal ? this.left : this.top;
    const { start, items, cols } = this;
    let best = sign * Infinity;
    for (let c = horizontal ? this.cellX(p) : this.cellY(p); c >= 0 && c < count; c += sign) {
      const cell = horizontal ? across * cols + c : c * cols + across;
      for (let k = start[cell]!; k < start[cell + 1]!; k++) {
        const i = items[k]!;
        if (!(B1[i]! < q && q < B2[i]!)) continue;
        if (A1[i]! < p && p < A2[i]!) return p;
        if (sign > 0 && A1[i]! >= p) best = Math.min(best, A1[i]!);
        if (sign < 0 && A2[i]! <= p) best = Math.max(best, A2[i]!);
      }
      const edge = origin + (sign > 0 ? c + 1 : c) * this.cell;
      if (sign > 0 ? best <= edge : best >= edge) break;
    }
    return best;
  }

  get candidates(): Int32Array {
    return this.found;
  }

  crosses(i: number, ax: number, ay: number, bx: number, by: number): boolean {
    return crossesRect(ax, ay, bx, by, this.x1[i]!, this.y1[i]!, this.x2[i]!, this.y2[i]!);
  }

  /** Whether a→b passes through any inflated box other than `skipA`/`skipB`. */
  blocked(ax: number, ay: number, bx: number, by: number, skipA = -1, skipB = -1): boolean {
    // The search asks this for most moves it makes: straight through the cells, without
    // collecting the boxes (one that lies in several cells is simply tested again).
    const lx = Math.min(ax, bx);
    const hx = Math.max(ax, bx);
    const ly = Math.min(ay, by);
    const hy = Math.max(ay, by);
    const { start, items, x1, y1, x2, y2, cols } = this;
    const cx1 = this.cellX(lx);
    const cx2 = this.cellX(hx);
    const cy2 = this.cellY(hy);
    for (let cy = this.cellY(ly); cy <= cy2; cy++) {
      for (let cell = cy * cols + cx1; cell <= cy * cols + cx2; cell++) {
        for (let k = start[cell]!; k < start[cell + 1]!; k++) {
          const i = items[k]!;
          if (lx < x2[i]! && hx > x1[i]! && ly < y2[i]! && hy > y1[i]! && i !== skipA && i !== skipB) return true;
        }
      }
    }
    return false;
  }

  /**
   * The room across an axis-parallel segment at `c` (x of a vertical segment) from `from` to
   * `to` along: `room` (lo, hi across, set by the caller) narrowed to the sides of the boxes
   * that overlap the segment along, among the boxes in the cells of room.lo .. room.hi. False
   * when one of them spans c itself (the segment runs through it; `room` is then left partly
   * narrowed).
   */
  roomAcross(vertical: boolean, c: number, from: number, to: number, room: { lo: number; hi: number }): boolean {
    // Every field read on both sides: the nudging's first pass is vertical, and code V8 optimised
    // there would be thrown away at the first horizontal call for reads it never saw.
    const { x1, y1, x2, y2, start, items, cols } = this;
    const A1 = vertical ? y1 : x1;
    const A2 = vertical ? y2 : x2;
    const B1 = vertical ? x1 : y1;
    const B2 = vertical ? x2 : y2;
    const lo = room.lo;
    const hi = room.hi;
    const cx1 = this.cellX(vertical ? lo : from);
    const cx2 = this.cellX(vertical ? hi : to);
    const cy2 = this.cellY(vertical ? to : hi);
    for (let cy = this.cellY(vertical ? from : lo); cy <= cy2; cy++) {
      for (let cell = cy * cols + cx1; cell <= cy * cols + cx2; cell++) {
        for (let k = start[cell]!; k < start[cell + 1]!; k++) {
          const i = items[k]!;
          if (A1[i]! >= to || A2[i]! <= from) continue;
          if (B2[i]! <= c) room.lo = Math.max(room.lo, B2[i]!);
          else if (B1[i]! >= c) room.hi = Math.min(room.hi, B1[i]!);
          else return false;
        }
      }
    }
    return true;
  }

  /** How many inflated boxes a→b enters (crosses without starting inside them). */
  entries(ax: number, ay: number, bx: number, by: number): number {
    const n = this.near(ax, ay, bx, by);
    let count = 0;
    for (let k = 0; k < n; k++) {
      const i = this.found[k]!;
      if (this.crosses(i, ax, ay, bx, by) && !this.crosses(i, ax, ay, ax, ay)) count++;
    }
    return count;
  }
}
