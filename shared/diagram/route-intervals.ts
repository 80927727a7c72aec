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

/**
 * Range "raise to at least v" and range maximum over slots 0 .. size - 1 (empty slots read -1),
 * bottom-up, without recursion: a range [a, b) is the nodes the usual loop from its two leaf ends
 * picks, and every node above one of them lies on the path from leaf a or leaf b - 1 to the root.
 * (Recursion is what costs most in code V8 has not optimised yet, and the CLI runs this cold.)
 */
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
    const { whole, inside } = this;
    for (let l = a + this.size, r = b + this.size; l < r; l >>= 1, r >>= 1) {
      if (l & 1) {
        if (whole[l]! < v) whole[l] = v;
        if (inside[l]! < v) inside[l] = v;
        l++;
      }
      if (r & 1) {
        r--;
        if (whole[r]! < v) whole[r] = v;
        if (inside[r]! < v) inside[r] = v;
      }
    }
    // Every node that holds part of [a, b) lies above leaf a or leaf b - 1.
    for (let n = (a + this.size) >> 1; n >= 1; n >>= 1) if (inside[n]! < v) inside[n] = v;
    for (let n = (b - 1 + this.size) >> 1; n >= 1; n >>= 1) if (inside[n]! < v) inside[n] = v;
  }

  /** The highest value over slots [a, b) (a < b). */
  max(a: number, b: number): number {
    const { whole, inside } = this;
    let top = -1;
    for (let l = a + this.size, r = b + this.size; l < r; l >>= 1, r >>= 1) {
      if (l & 1) top = Math.max(top, inside[l++]!);
      if (r & 1) top = Math.max(top, inside[--r]!);
    }
    // A value raised over a whole node above one of those covers its part of [a, b) too; those
    // nodes lie above leaf a or leaf b - 1, and each of them covers that leaf, inside [a, b).
    for (let n = a + this.size; n >= 1; n >>= 1) top = Math.max(top, whole[n]!);
    for (let n = b - 1 + this.size; n >= 1; n >>= 1) top = Math.max(top, whole[n]!);
    return top;
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
  /** The nodes `meeting` has still to look at: at most one waiting sibling per level, and the top. */
  private readonly stack = new Int32Array(64);

  constructor(
    from: Float64Array,
    private readonly end: Float64Array,
  ) {
    const n = from.length;
    let size = 1;
    while (size < n) size *= 2;
    this.size = size;
    const byFrom = new Int32Array(n);
    for (let k = 0; k < n; k++) byFrom[k] = k;
    this.byFrom = byFrom.sort((a, b) => from[a]! - from[b]! || a - b);
    this.sortedFrom = new Float64Array(n);
    this.leafOf = new Int32Array(n);
    for (let leaf = 0; leaf < n; leaf++) {
      this.sortedFrom[leaf] = from[byFrom[leaf]!]!;
      this.leafOf[byFrom[leaf]!] = leaf;
    }
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
    // Depth first, left to right, over the nodes holding a leaf before `lo` and a placed
    // interval that ends after `from`; a stack instead of recursion, as in RangeMax.
    const { maxEnd, byFrom, stack } = this;
    let top = 0;
    stack[top++] = 1;
    while (top > 0) {
      const node = stack[--top]!;
      const depth = 31 - Math.clz32(node);
      const width = this.size >> depth;
      const first = (node - (1 << depth)) * width;
      if (first >= lo || !(maxEnd[node]! > from)) continue;
      if (width === 1) visit(byFrom[first]!);
      else {
        stack[top++] = 2 * node + 1;
        stack[top++] = 2 * node;
      }
    }
  }
}
