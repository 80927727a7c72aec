/**
 * Interval questions the nudging (route-nudge.ts) asks of a cluster's tracks, in O(log n) each
 * instead of a pass over every earlier track: a cluster along a busy corridor holds thousands
 * of tracks (a 2,000-component diagram has ~10,000 in one), and pairwise loops made nudging
 * quadratic.
 *
 * An interval is half-open, [from, end): two meet when the later start lies before the earlier
 * end, max(from) < min(end) — so an empty one meets nothing. The nudging's "overlap"
 * (`min(hi) + spacing > max(lo)`) is exactly that with end = hi + spacing, since adding the
 * spacing commutes with `min` in floating point.
 */

/**
 * For each interval in order, one more than the highest level of the earlier intervals it
 * meets (0 when it meets none) — the first-fit stacking `levels` in route-nudge.ts describes.
 */
export function stackLevels(from: Float64Array, end: Float64Array): Int32Array {
  const n = from.length;
  // Elementary slots between the sorted distinct ends: two intervals meet exactly when they
  // cover a common slot (the later start is a slot boundary before the earlier end; an empty
  // interval covers none).
  const points = new Float64Array(2 * n);
  points.set(from);
  points.set(end, n);
  points.sort();
  let m = 0;
  for (let k = 0; k < points.length; k++) if (k === 0 || points[k] !== points[k - 1]) points[m++] = points[k]!;
  const slots = points.subarray(0, m);
  const rank = (v: number): number => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (slots[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const tree = new RangeMax(Math.max(1, m));
  const level = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const a = rank(from[k]!);
    const b = rank(end[k]!);
    if (a >= b) continue; // empty: meets nothing, level 0
    level[k] = tree.max(a, b) + 1;
    tree.raise(a, b, level[k]!);
  }
  return level;
}

/** Range "raise to at least v" and range maximum over slots 0 .. size - 1 (empty slots read -1). */
class RangeMax {
  private readonly size: number;
  /** Per node: the highest value raised over the node's whole range. */
  private readonly whole: Int32Array;
  /** Per node: the highest value raised anywhere inside the node's range. */
  private readonly inside: Int32Array;

  constructor(slots: number) {
    let size = 1;
    while (size < slots) size *= 2;
    this.size = size;
    this.whole = new Int32Array(2 * size).fill(-1);
    this.inside = new Int32Array(2 * size).fill(-1);
  }

  /** Raises slots [a, b) (a < b) to at least v. */
  raise(a: number, b: number, v: number): void {
    this.raiseIn(1, 0, this.size, a, b, v);
  }

  /** The highest value over slots [a, b) (a < b). */
  max(a: number, b: number): number {
    return this.maxIn(1, 0, this.size, a, b);
  }

  private raiseIn(node: number, lo: number, hi: number, a: number, b: number, v: number): void {
    if (b <= lo || hi <= a) return;
    if (this.inside[node]! < v) this.inside[node] = v;
    if (a <= lo && hi <= b) {
      if (this.whole[node]! < v) this.whole[node] = v;
      return;
    }
    const mid = (lo + hi) >> 1;
    this.raiseIn(2 * node, lo, mid, a, b, v);
    this.raiseIn(2 * node + 1, mid, hi, a, b, v);
  }

  private maxIn(node: number, lo: number, hi: number, a: number, b: number): number {
    if (b <= lo || hi <= a) return -1;
    if (a <= lo && hi <= b) return this.inside[node]!;
    const mid = (lo + hi) >> 1;
    // A value raised over this whole node covers the part of [a, b) inside it too.
    return Math.max(this.whole[node]!, this.maxIn(2 * node, lo, mid, a, b), this.maxIn(2 * node + 1, mid, hi, a, b));
  }
}

/**
 * A fixed set of intervals of which some are "placed", one at a time; asks which placed ones
 * meet a given interval. A max-end tree over the intervals sorted by start: only subtrees
 * holding a placed interval that ends after the query's start are entered.
 */
export class PlacedIntervals {
  private readonly size: number;
  /** Interval indices sorted by start, and their starts. */
  private readonly byFrom: Int32Array;
  private readonly sortedFrom: Float64Array;
  /** Where each interval sits in `byFrom`. */
  private readonly leafOf: Int32Array;
  /** Per tree node: the latest end among its placed intervals (-Infinity: none). */
  private readonly maxEnd: Float64Array;

  constructor(
    from: Float64Array,
    private readonly end: Float64Array,
  ) {
    const n = from.length;
    let size = 1;
    while (size < n) size *= 2;
    this.size = size;
    this.byFrom = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => from[a]! - from[b]! || a - b);
    this.sortedFrom = Float64Array.from(this.byFrom, (k) => from[k]!);
    this.leafOf = new Int32Array(n);
    this.byFrom.forEach((k, leaf) => (this.leafOf[k] = leaf));
    this.maxEnd = new Float64Array(2 * size).fill(-Infinity);
  }

  place(k: number): void {
    const e = this.end[k]!;
    // An empty interval meets nothing: it need not be found.
    if (!(this.sortedFrom[this.leafOf[k]!]! < e)) return;
    for (let node = this.size + this.leafOf[k]!; node >= 1 && this.maxEnd[node]! < e; node >>= 1) this.maxEnd[node] = e;
  }

  /** Calls `visit` with every placed interval that meets [from, end). */
  meeting(from: number, end: number, visit: (k: number) => void): void {
    if (!(from < end)) return;
    // The placed intervals that start before `end` (a prefix of the sorted starts) and end after `from`.
    let lo = 0;
    let hi = this.sortedFrom.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedFrom[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    this.visitIn(1, 0, this.size, lo, from, visit);
  }

  /** Visits the node's leaves first .. first + width - 1 that lie before `prefix` and end after `from`. */
  private visitIn(
    node: number,
    first: number,
    width: number,
    prefix: number,
    from: number,
    visit: (k: number) => void,
  ): void {
    if (first >= prefix || !(this.maxEnd[node]! > from)) return;
    if (width === 1) {
      visit(this.byFrom[first]!);
      return;
    }
    const half = width >> 1;
    this.visitIn(2 * node, first, half, prefix, from, visit);
    this.visitIn(2 * node + 1, first + half, half, prefix, from, visit);
  }
}
