/**
 * A stable bottom-up merge sort whose sequence of comparisons depends only on the input, for
 * comparators that are not a total order. With such a comparator, `Array.prototype.sort`'s
 * result depends on the engine's algorithm and on the path it takes: Chromium's V8 gave a
 * different order for the same tracks on a thread that had sorted before (nudging's crossing
 * order, route-nudge.ts `plan`), so the canvas and the CLI drew the same diagram differently.
 */
export function fixedSort<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  let from = [...items];
  let to = new Array<T>(from.length);
  for (let width = 1; width < from.length; width *= 2) {
    for (let lo = 0; lo < from.length; lo += 2 * width) {
      const mid = Math.min(lo + width, from.length);
      const hi = Math.min(lo + 2 * width, from.length);
      let i = lo;
      let j = mid;
      let k = lo;
      // Left first on a tie (> 0 only takes the right one): stable.
      while (i < mid && j < hi) to[k++] = cmp(from[i]!, from[j]!) > 0 ? from[j++]! : from[i++]!;
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
    }
    [from, to] = [to, from];
  }
  return from;
}
