/**
 * The machinery under route.ts: a uniform-grid index of the inflated obstacles (a segment test
 * looks only at nearby boxes), the orthogonal visibility graph of Wybrow, Marriott & Stuckey
 * built once per routing pass, and one edge's own segments laid over it (the search over them
 * is route-search.ts).
 */
import type { Box } from './types';

/** Directions, indexed so that `(d + 2) & 3` is the opposite one. */
export const EAST = 0;
export const SOUTH = 1;
export const WEST = 2;
export const NORTH = 3;

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
    this.x1 = Float64Array.from(boxes, (b) => b.x - inflate);
    this.y1 = Float64Array.from(boxes, (b) => b.y - inflate);
    this.x2 = Float64Array.from(boxes, (b) => b.x + b.w + inflate);
    this.y2 = Float64Array.from(boxes, (b) => b.y + b.h + inflate);
    this.seen = new Int32Array(n);
    const min = (a: Float64Array): number => a.reduce((m, v) => Math.min(m, v), n ? Infinity : 0);
    const max = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, v), n ? -Infinity : 0);
    this.left = min(this.x1);
    this.top = min(this.y1);
    const [w, h] = [max(this.x2) - this.left, max(this.y2) - this.top];
    while ((w / this.cell + 1) * (h / this.cell + 1) > 16 * n + 4096) this.cell *= 2;
    this.cols = Math.floor(w / this.cell) + 1;
    this.rows = Math.floor(h / this.cell) + 1;
    const counts = new Int32Array(this.cols * this.rows + 1);
    const each = (i: number, visit: (cell: number) => void): void => {
      for (let cy = this.cellY(this.y1[i]!); cy <= this.cellY(this.y2[i]!); cy++) {
        for (let cx = this.cellX(this.x1[i]!); cx <= this.cellX(this.x2[i]!); cx++) visit(cy * this.cols + cx);
      }
    };
    for (let i = 0; i < n; i++) each(i, (c) => counts[c + 1]!++);
    for (let c = 0; c < this.cols * this.rows; c++) counts[c + 1]! += counts[c]!;
    this.start = counts.slice();
    this.items = new Int32Array(counts[this.cols * this.rows]!);
    for (let i = 0; i < n; i++) each(i, (c) => (this.items[counts[c]!++] = i));
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
    const A1 = vertical ? this.y1 : this.x1;
    const A2 = vertical ? this.y2 : this.x2;
    const B1 = vertical ? this.x1 : this.y1;
    const B2 = vertical ? this.x2 : this.y2;
    const cx1 = this.cellX(vertical ? room.lo : from);
    const cx2 = this.cellX(vertical ? room.hi : to);
    const cy2 = this.cellY(vertical ? to : room.hi);
    const { start, items, cols } = this;
    for (let cy = this.cellY(vertical ? from : room.lo); cy <= cy2; cy++) {
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

/**
 * The interesting segments on one axis: lines through obstacle borders, each only where a
 * segment starting at an obstacle corner runs until it meets another obstacle. Sorted by
 * coordinate; line k's merged intervals are lo/hi[start[k]] .. lo/hi[start[k + 1] - 1].
 */
export class Lines {
  readonly at: Float64Array;
  readonly start: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;

  /** `segments` holds (coordinate, from, to) triples. */
  constructor(segments: readonly number[]) {
    const n = segments.length / 3;
    const order = Array.from({ length: n }, (_, k) => k).sort(
      (a, b) => segments[3 * a]! - segments[3 * b]! || segments[3 * a + 1]! - segments[3 * b + 1]!,
    );
    const at: number[] = [];
    const start: number[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    for (const k of order) {
      const [v, a, b] = [segments[3 * k]!, segments[3 * k + 1]!, segments[3 * k + 2]!];
      if (at[at.length - 1] !== v) {
        at.push(v);
        start.push(lo.length);
      } else if (a <= hi[hi.length - 1]!) {
        hi[hi.length - 1] = Math.max(hi[hi.length - 1]!, b);
        continue;
      }
      lo.push(a);
      hi.push(b);
    }
    start.push(lo.length);
    [this.at, this.start] = [Float64Array.from(at), Int32Array.from(start)];
    [this.lo, this.hi] = [Float64Array.from(lo), Float64Array.from(hi)];
  }

  covers(k: number, v: number): boolean {
    for (let m = this.start[k]!; m < this.start[k + 1]!; m++) if (this.lo[m]! <= v && v <= this.hi[m]!) return true;
    return false;
  }

  /** The first line at or after v (after v when `strict`). */
  from(v: number, strict = false): number {
    const at = this.at;
    let [lo, hi] = [0, at.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < v || (strict && at[mid] === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The line at exactly v, or -1. */
  indexOf(v: number): number {
    const k = this.from(v);
    return this.at[k] === v ? k : -1;
  }
}

/**
 * The orthogonal visibility graph: a node wherever a vertical and a horizontal interesting
 * segment cross. Nodes are numbered along the horizontal lines (by y, then x).
 */
export class Visibility {
  readonly size: number;
  readonly lineX: Int32Array;
  readonly lineY: Int32Array;
  /**
   * Horizontal line j's nodes are yStart[j] .. yStart[j + 1] - 1 (numbered along it); vertical
   * line i's are xList[xStart[i]] .. xList[xStart[i + 1] - 1], node n at xList[xPos[n]].
   */
  readonly yStart: Int32Array;
  readonly xStart: Int32Array;
  readonly xList: Int32Array;
  readonly xPos: Int32Array;
  /** Per node × 4 + direction: whether the move to the next node is free (0 not known, 1 free, 2 blocked). */
  readonly free: Uint8Array;
  /** Per node: its coordinates. */
  readonly nodeX: Float64Array;
  readonly nodeY: Float64Array;

  constructor(
    readonly xs: Lines,
    readonly ys: Lines,
  ) {
    const lx: number[] = [];
    const ly: number[] = [];
    this.yStart = new Int32Array(ys.at.length + 1);
    // Per vertical line, its first interval that does not end above the current horizontal line:
    // the horizontal lines come in order of y, so "does vertical line i cover y" is one look
    // (`Lines.covers` without its loop).
    const cursor = xs.start.slice(0, xs.at.length);
    for (let j = 0; j < ys.at.length; j++) {
      this.yStart[j] = lx.length;
      const y = ys.at[j]!;
      for (let m = ys.start[j]!; m < ys.start[j + 1]!; m++) {
        const hi = ys.hi[m]!;
        for (let i = xs.from(ys.lo[m]!); i < xs.at.length && xs.at[i]! <= hi; i++) {
          let c = cursor[i]!;
          const end = xs.start[i + 1]!;
          while (c < end && xs.hi[c]! < y) c++;
          cursor[i] = c;
          if (c === end || xs.lo[c]! > y) continue;
          lx.push(i);
          ly.push(j);
        }
      }
    }
    this.size = lx.length;
    this.yStart[ys.at.length] = this.size;
    [this.lineX, this.lineY] = [Int32Array.from(lx), Int32Array.from(ly)];
    this.xStart = new Int32Array(xs.at.length + 1);
    for (const i of lx) this.xStart[i + 1]!++;
    for (let i = 0; i < xs.at.length; i++) this.xStart[i + 1]! += this.xStart[i]!;
    const fill = this.xStart.slice();
    this.xList = new Int32Array(this.size);
    this.xPos = new Int32Array(this.size);
    for (let n = 0; n < this.size; n++) {
      this.xPos[n] = fill[lx[n]!]!++;
      this.xList[this.xPos[n]!] = n;
    }
    this.free = new Uint8Array(this.size * 4);
    this.nodeX = new Float64Array(this.size);
    this.nodeY = new Float64Array(this.size);
    for (let n = 0; n < this.size; n++) {
      this.nodeX[n] = xs.at[lx[n]!]!;
      this.nodeY[n] = ys.at[ly[n]!]!;
    }
  }

  x(n: number): number {
    return this.nodeX[n]!;
  }

  y(n: number): number {
    return this.nodeY[n]!;
  }

  /** The next node from n in direction d along its line, or -1. */
  neighbour(n: number, d: number): number {
    if (d === EAST) return n + 1 < this.yStart[this.lineY[n]! + 1]! ? n + 1 : -1;
    if (d === WEST) return n > this.yStart[this.lineY[n]!]! ? n - 1 : -1;
    const p = this.xPos[n]! + (d === SOUTH ? 1 : -1);
    const i = this.lineX[n]!;
    return p >= this.xStart[i]! && p < this.xStart[i + 1]! ? this.xList[p]! : -1;
  }

  /** The nearest node on horizontal line j beyond x (sign +1: east, -1: west), or -1. */
  onY(j: number, x: number, sign: number): number {
    const [a, b] = [this.yStart[j]!, this.yStart[j + 1]!];
    const xs = this.xs.at;
    let [lo, hi] = [a, b];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = xs[this.lineX[mid]!]!;
      if (v < x || (sign > 0 && v === x)) lo = mid + 1;
      else hi = mid;
    }
    const n = sign > 0 ? lo : lo - 1;
    return n >= a && n < b ? n : -1;
  }

  /** The nearest node on vertical line i beyond y (sign +1: south, -1: north), or -1. */
  onX(i: number, y: number, sign: number): number {
    const [a, b] = [this.xStart[i]!, this.xStart[i + 1]!];
    const ys = this.ys.at;
    let [lo, hi] = [a, b];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = ys[this.lineY[this.xList[mid]!]!]!;
      if (v < y || (sign > 0 && v === y)) lo = mid + 1;
      else hi = mid;
    }
    const p = sign > 0 ? lo : lo - 1;
    return p >= a && p < b ? this.xList[p]! : -1;
  }

  /** The node where lines i and j cross, or -1. */
  at(i: number, j: number): number {
    const n = this.onY(j, this.xs.at[i]!, -1) + 1;
    const first = n > 0 ? n : this.yStart[j]!;
    return first < this.yStart[j + 1]! && this.lineX[first] === i ? first : -1;
  }
}

/** A segment of an edge's own: (coordinate across, from, to along). */
export type Ray = readonly [number, number, number];

/**
 * Where an edge graph keeps its own nodes: their coordinates and graph lines (-1: none), and
 * their numbers by slot — one slot per (own segment, line or own segment across it), stamped
 * per graph so that one table serves every edge of a routing pass.
 */
export class NodeSlots {
  private stamp = new Int32Array(0);
  private ids = new Int32Array(0);
  private epoch = 0;
  x = new Float64Array(256);
  y = new Float64Array(256);
  gx = new Int32Array(256);
  gy = new Int32Array(256);
  /** Own nodes of the current graph. */
  count = 0;

  /** Starts a graph with `size` slots; every slot reads -1 until set, and there are no own nodes. */
  begin(size: number): void {
    if (this.stamp.length < size) {
      this.stamp = new Int32Array(Math.max(size, 2 * this.stamp.length));
      this.ids = new Int32Array(this.stamp.length);
      this.epoch = 0;
    }
    this.epoch++;
    this.count = 0;
  }

  get(slot: number): number {
    return this.stamp[slot] === this.epoch ? this.ids[slot]! : -1;
  }

  set(slot: number, id: number): void {
    this.stamp[slot] = this.epoch;
    this.ids[slot] = id;
  }

  /** Adds an own node; returns its index among them. */
  add(x: number, y: number, gx: number, gy: number): number {
    if (this.count === this.x.length) {
      const grow = <A extends Float64Array | Int32Array>(a: A, make: (n: number) => A): A => {
        const b = make(2 * a.length);
        b.set(a);
        return b;
      };
      this.x = grow(this.x, (n) => new Float64Array(n));
      this.y = grow(this.y, (n) => new Float64Array(n));
      this.gx = grow(this.gx, (n) => new Int32Array(n));
      this.gy = grow(this.gy, (n) => new Int32Array(n));
    }
    const k = this.count++;
    this.x[k] = x;
    this.y[k] = y;
    this.gx[k] = gx;
    this.gy[k] = gy;
    return k;
  }
}

/**
 * The visibility graph plus one edge's own segments (through its two stub ends). Their
 * crossings with the graph's lines become extra nodes, numbered after the graph's and made
 * when the search first reaches them.
 *
 * Every extra node lies on an own segment (it is made where one crosses a line or another own
 * segment), so it is found by that segment and the line (or own segment) across it.
 */
export class EdgeGraph {
  /** An upper bound on node numbers. */
  readonly size: number;
  /** Whether the last `next` was a plain move of the graph (n → its neighbour), whose freedom the graph caches. */
  plainMove = false;
  /**
   * Whether the last `next` runs along one of the edge's own segments, within it: such a move
   * is free (an own segment reaches exactly up to the first obstacle it meets), so the search
   * need not test it.
   */
  freeMove = false;
  /**
   * After `next`: the plain graph move (node × 4 + direction) whose segment holds the move made,
   * or -1. A move from a point between two neighbouring graph nodes toward one of them lies
   * inside the move from the other: when that one is free, so is this.
   */
  within = -1;
  private readonly base: number;
  /** The graph line at each own segment's coordinate, or -1. */
  private readonly verticalAt: readonly number[];
  private readonly horizontalAt: readonly number[];
  /** Slots: per vertical own segment, one per horizontal line then per horizontal own segment; then the same for horizontal ones. */
  private readonly strideY: number;
  private readonly strideX: number;
  private readonly horizontalSlots: number;
  /** Points no own segment passes through (none are made; kept so that a surprise stays correct). */
  private readonly stray = new Map<string, number>();

  constructor(
    readonly vis: Visibility,
    readonly vertical: readonly Ray[],
    readonly horizontal: readonly Ray[],
    readonly slots: NodeSlots = new NodeSlots(),
  ) {
    this.base = vis.size;
    this.verticalAt = vertical.map((r) => vis.xs.indexOf(r[0]));
    this.horizontalAt = horizontal.map((r) => vis.ys.indexOf(r[0]));
    this.size = vis.size + 2 * (vertical.length + horizontal.length) * (vis.xs.at.length + vis.ys.at.length + 4);
    this.strideY = vis.ys.at.length + horizontal.length;
    this.strideX = vis.xs.at.length + vertical.length;
    this.horizontalSlots = vertical.length * this.strideY;
    slots.begin(this.horizontalSlots + horizontal.length * this.strideX);
  }

  /** The node at a point (made if it is not a graph node). */
  node(x: number, y: number, gx = this.vis.xs.indexOf(x), gy = this.vis.ys.indexOf(y)): number {
    if (gx >= 0 && gy >= 0) {
      const id = this.vis.at(gx, gy);
      if (id >= 0) return id;
    }
    const slot = this.slotOf(x, y, gx, gy);
    let id = slot >= 0 ? this.slots.get(slot) : (this.stray.get(`${x},${y}`) ?? -1);
    if (id >= 0) return id;
    id = this.base + this.slots.add(x, y, gx, gy);
    if (slot >= 0) this.slots.set(slot, id);
    else this.stray.set(`${x},${y}`, id);
    return id;
  }

  /** The slot of a point off the graph's nodes (-1 when no own segment passes through it); gx, gy as in `node`. */
  private slotOf(x: number, y: number, gx: number, gy: number): number {
    const v = rayAt(this.vertical, x);
    if (v >= 0) {
      const across = gy >= 0 ? gy : offLine(this.vis.ys.at.length, rayAt(this.horizontal, y));
      return across >= 0 ? v * this.strideY + across : -1;
    }
    const h = rayAt(this.horizontal, y);
    if (h < 0) return -1;
    const across = gx >= 0 ? gx : offLine(this.vis.xs.at.length, rayAt(this.vertical, x));
    return across >= 0 ? this.horizontalSlots + h * this.strideX + across : -1;
  }

  x(n: number): number {
    return n < this.base ? this.vis.nodeX[n]! : this.slots.x[n - this.base]!;
  }

  y(n: number): number {
    return n < this.base ? this.vis.nodeY[n]! : this.slots.y[n - this.base]!;
  }

  /**
   * The next node from n in direction d: the nearest of the next graph node on the same line,
   * the next crossing with one of the edge's own segments, and (moving along one of those) the
   * next graph line that crosses it. -1 when there is none. Sets `plainMove`.
   */
  next(n: number, d: number): number {
    const horizontal = (d & 1) === 0;
    const sign = d === EAST || d === SOUTH ? 1 : -1;
    const vis = this.vis;
    const mine = n >= this.base;
    // Along (p) and across (q) the move; `best` is the nearest stop so far, `node` its node (-2: to make).
    // `line`: the graph line the move runs along (-1: none); `from`: the graph line across it through n (-1: none).
    let p: number;
    let q: number;
    let line: number;
    let from: number;
    if (mine) {
      const k = n - this.base;
      const own = this.slots;
      p = horizontal ? own.x[k]! : own.y[k]!;
      q = horizontal ? own.y[k]! : own.x[k]!;
      line = horizontal ? own.gy[k]! : own.gx[k]!;
      from = horizontal ? own.gx[k]! : own.gy[k]!;
    } else {
      p = horizontal ? vis.nodeX[n]! : vis.nodeY[n]!;
      q = horizontal ? vis.nodeY[n]! : vis.nodeX[n]!;
      line = horizontal ? vis.lineY[n]! : vis.lineX[n]!;
      from = horizontal ? vis.lineX[n]! : vis.lineY[n]!;
    }
    let best = sign * Infinity;
    let node = -1;
    let bestLine = -1;
    this.within = -1;
    if (line >= 0) {
      const m = mine ? (horizontal ? vis.onY(line, p, sign) : vis.onX(line, p, sign)) : vis.neighbour(n, d);
      if (m >= 0) {
        best = horizontal ? vis.nodeX[m]! : vis.nodeY[m]!;
        node = m;
        // The graph move that ends at m: from n itself, or from the graph node on n's other side.
        const before = mine ? vis.neighbour(m, (d + 2) & 3) : n;
        if (before >= 0) this.within = before * 4 + d;
      }
    }
    const crossing = horizontal ? this.vertical : this.horizontal;
    for (let r = 0; r < crossing.length; r++) {
      const ray = crossing[r]!;
      const at = ray[0];
      if (ray[1] <= q && q <= ray[2] && sign * (at - p) > 0 && sign * (at - best) < 0) {
        best = at;
        node = -2;
        bestLine = (horizontal ? this.verticalAt : this.horizontalAt)[r]!;
      }
    }
    const own = horizontal ? this.horizontal : this.vertical;
    for (let r = 0; r < own.length; r++) {
      const ray = own[r]!;
      if (ray[0] !== q) continue;
      // Moving along an own segment: the next graph line that crosses it.
      const k = nextCrossing(horizontal ? vis.xs : vis.ys, p, from, q, sign, best, ray[1], ray[2]);
      if (k >= 0) {
        best = (horizontal ? vis.xs : vis.ys).at[k]!;
        node = -2;
        bestLine = k;
      }
    }
    this.freeMove = node !== -1 && alongOwn(own, q, Math.min(p, best), Math.max(p, best));
    if (node !== -2) {
      this.plainMove = !mine && node >= 0;
      return node;
    }
    this.plainMove = false;
    return horizontal ? this.node(best, q, bestLine, line) : this.node(q, best, line, bestLine);
  }
}

/** The slot across for own segment r (after the `lines` graph lines), or -1 when there is none (r = -1). */
const offLine = (lines: number, r: number): number => (r >= 0 ? lines + r : -1);

/** The first of `rays` at coordinate v, or -1. */
function rayAt(rays: readonly Ray[], v: number): number {
  for (let r = 0; r < rays.length; r++) if (rays[r]![0] === v) return r;
  return -1;
}

/** Whether one of `rays` lies at q and spans lo..hi. */
function alongOwn(rays: readonly Ray[], q: number, lo: number, hi: number): boolean {
  for (let r = 0; r < rays.length; r++) if (rays[r]![0] === q && rays[r]![1] <= lo && hi <= rays[r]![2]) return true;
  return false;
}

/**
 * From p (on line `on` of `lines`, or -1 when it is on none) moving in direction `sign` along a
 * segment at q spanning lo..hi: the first line that covers q, strictly before `best`, when
 * every line passed on the way lies within lo..hi; -1 when there is none.
 */
function nextCrossing(
  lines: Lines,
  p: number,
  on: number,
  q: number,
  sign: number,
  best: number,
  lo: number,
  hi: number,
): number {
  const at = lines.at;
  const first = on >= 0 ? on + sign : sign > 0 ? lines.from(p, true) : lines.from(p) - 1;
  for (let k = first; k >= 0 && k < at.length; k += sign) {
    const v = at[k]!;
    if (sign * (v - best) >= 0 || v < lo || v > hi) return -1;
    if (lines.covers(k, q)) return k;
  }
  return -1;
}
