/**
 * The machinery under route.ts: the orthogonal visibility graph of Wybrow, Marriott & Stuckey
 * built once per routing pass, and one edge's own segments laid over it (the search over them
 * is route-search.ts; the obstacles' index is route-box-index.ts).
 */

/** Directions, indexed so that `(d + 2) & 3` is the opposite one. */
export const EAST = 0;
export const SOUTH = 1;
export const WEST = 2;
export const NORTH = 3;

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
    for (let o = 0; o < n; o++) {
      const k = order[o]!;
      const v = segments[3 * k]!;
      const a = segments[3 * k + 1]!;
      const b = segments[3 * k + 2]!;
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
    let lo = 0;
    let hi = at.length;
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
    for (let n = 0; n < lx.length; n++) this.xStart[lx[n]! + 1]!++;
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
    const a = this.yStart[j]!;
    const b = this.yStart[j + 1]!;
    const xs = this.xs.at;
    let lo = a;
    let hi = b;
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
    const a = this.xStart[i]!;
    const b = this.xStart[i + 1]!;
    const ys = this.ys.at;
    let lo = a;
    let hi = b;
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
  private stray: Map<string, number> | undefined;

  constructor(
    readonly vis: Visibility,
    readonly vertical: readonly Ray[],
    readonly horizontal: readonly Ray[],
    readonly slots: NodeSlots = new NodeSlots(),
  ) {
    this.base = vis.size;
    this.verticalAt = linesAt(vis.xs, vertical);
    this.horizontalAt = linesAt(vis.ys, horizontal);
    this.size = vis.size + 2 * (vertical.length + horizontal.length) * (vis.xs.at.length + vis.ys.at.length + 4);
    this.strideY = vis.ys.at.length + horizontal.length;
    this.strideX = vis.xs.at.length + vertical.length;
    this.horizontalSlots = vertical.length * this.strideY;
    slots.begin(this.horizontalSlots + horizontal.length * this.strideX);
  }

  /** The node at a point (made if it is not a graph node). */
  point(x: number, y: number): number {
    return this.node(x, y, this.vis.xs.indexOf(x), this.vis.ys.indexOf(y));
  }

  /**
   * The node at a point on graph lines gx and gy (-1: on none). Always called with both, so that
   * V8 compiles it once: optimised code without the defaults' feedback was thrown away when
   * the search's first call for the next edge took them.
   */
  private node(x: number, y: number, gx: number, gy: number): number {
    if (gx >= 0 && gy >= 0) {
      const id = this.vis.at(gx, gy);
      if (id >= 0) return id;
    }
    const slot = this.slotOf(x, y, gx, gy);
    let id = slot >= 0 ? this.slots.get(slot) : (this.stray?.get(`${x},${y}`) ?? -1);
    if (id >= 0) return id;
    id = this.base + this.slots.add(x, y, gx, gy);
    if (slot >= 0) this.slots.set(slot, id);
    else (this.stray ??= new Map()).set(`${x},${y}`, id);
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
    const { nodeX, nodeY, xs, ys } = vis;
    const { vertical: ownV, horizontal: ownH, verticalAt, horizontalAt } = this;
    const mine = n >= this.base;
    // Along (p) and across (q) the move; `best` is the nearest stop so far, `node` its node (-2: to make).
    // `line`: the graph line the move runs along (-1: none); `from`: the graph line across it through n (-1: none).
    let p: number;
    let q: number;
    let line: number;
    let from: number;
    // Each table read whichever way the move goes (see BoxIndex.roomAcross).
    if (mine) {
      const k = n - this.base;
      const { x, y, gx, gy } = this.slots;
      p = horizontal ? x[k]! : y[k]!;
      q = horizontal ? y[k]! : x[k]!;
      line = horizontal ? gy[k]! : gx[k]!;
      from = horizontal ? gx[k]! : gy[k]!;
    } else {
      const { lineX, lineY } = vis;
      p = horizontal ? nodeX[n]! : nodeY[n]!;
      q = horizontal ? nodeY[n]! : nodeX[n]!;
      line = horizontal ? lineY[n]! : lineX[n]!;
      from = horizontal ? lineX[n]! : lineY[n]!;
    }
    let best = sign * Infinity;
    let node = -1;
    let bestLine = -1;
    this.within = -1;
    if (line >= 0) {
      const m = mine ? (horizontal ? vis.onY(line, p, sign) : vis.onX(line, p, sign)) : vis.neighbour(n, d);
      if (m >= 0) {
        best = horizontal ? nodeX[m]! : nodeY[m]!;
        node = m;
        // The graph move that ends at m: from n itself, or from the graph node on n's other side.
        const before = mine ? vis.neighbour(m, (d + 2) & 3) : n;
        if (before >= 0) this.within = before * 4 + d;
      }
    }
    const crossing = horizontal ? ownV : ownH;
    const crossingAt = horizontal ? verticalAt : horizontalAt;
    for (let r = 0; r < crossing.length; r++) {
      const ray = crossing[r]!;
      const at = ray[0];
      if (ray[1] <= q && q <= ray[2] && sign * (at - p) > 0 && sign * (at - best) < 0) {
        best = at;
        node = -2;
        bestLine = crossingAt[r]!;
      }
    }
    const own = horizontal ? ownH : ownV;
    const along = horizontal ? xs : ys;
    for (let r = 0; r < own.length; r++) {
      const ray = own[r]!;
      if (ray[0] !== q) continue;
      // Moving along an own segment: the next graph line that crosses it.
      const k = nextCrossing(along, p, from, q, sign, best, ray[1], ray[2]);
      if (k >= 0) {
        best = along.at[k]!;
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

/** The graph line at each segment's coordinate, or -1. */
function linesAt(lines: Lines, rays: readonly Ray[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < rays.length; r++) out.push(lines.indexOf(rays[r]![0]));
  return out;
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
