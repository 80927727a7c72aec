import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlacedIntervals, stackLevels } from '../../../../shared/diagram/route-intervals';

/** Half-open intervals [from, end) meet when the later start lies before the earlier end (an empty one meets nothing). */
const meet = (a: readonly [number, number], b: readonly [number, number]): boolean =>
  Math.max(a[0], b[0]) < Math.min(a[1], b[1]);

/** The pairwise first-fit stacking the tree replaces. */
function naiveLevels(intervals: readonly (readonly [number, number])[]): number[] {
  const level = intervals.map(() => 0);
  intervals.forEach((t, k) => {
    for (let j = 0; j < k; j++) if (meet(t, intervals[j]!)) level[k] = Math.max(level[k]!, level[j]! + 1);
  });
  return level;
}

/**
 * Intervals crowded onto few coordinates (shared ends, equal intervals, empty ones, fractions),
 * so that meeting, touching and nesting all occur.
 */
const coordinate = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.integer({ min: -40, max: 40 }).map((n) => n / 4),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);
const interval = fc
  .tuple(
    coordinate,
    fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 }), fc.double({ min: 0, max: 50, noNaN: true })),
  )
  .map(([from, length]) => [from, from + length] as const);
const intervals = fc.array(interval, { maxLength: 80 });

const columns = (list: readonly (readonly [number, number])[]): [Float64Array, Float64Array] => [
  Float64Array.from(list, (t) => t[0]),
  Float64Array.from(list, (t) => t[1]),
];

describe('stackLevels', () => {
  it('is the pairwise first-fit stacking, for any intervals', () => {
    fc.assert(
      fc.property(intervals, (list) => {
        expect([...stackLevels(...columns(list))]).toEqual(naiveLevels(list));
      }),
      { numRuns: 500 },
    );
  });

  it('stacks a corridor of equal intervals one per level and lets touching ones share a level', () => {
    expect([
      ...stackLevels(
        ...columns([
          [0, 10],
          [0, 10],
          [0, 10],
        ]),
      ),
    ]).toEqual([0, 1, 2]);
    // [0, 10) and [10, 20) do not meet: the second stays on level 0.
    expect([
      ...stackLevels(
        ...columns([
          [0, 10],
          [10, 20],
          [5, 15],
        ]),
      ),
    ]).toEqual([0, 0, 1]);
    // An empty interval meets nothing.
    expect([
      ...stackLevels(
        ...columns([
          [0, 10],
          [5, 5],
          [4, 6],
        ]),
      ),
    ]).toEqual([0, 0, 1]);
    expect([...stackLevels(new Float64Array(0), new Float64Array(0))]).toEqual([]);
  });
});

describe('PlacedIntervals', () => {
  it('finds exactly the placed intervals that meet a query, whatever was placed in which order', () => {
    const scene = intervals.chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(
          list.map((_, k) => k),
          { minLength: 0, maxLength: list.length },
        ),
        fc.array(interval, { minLength: 1, maxLength: 10 }),
      ),
    );
    fc.assert(
      fc.property(scene, ([list, order, queries]) => {
        const placed = new PlacedIntervals(...columns(list));
        const done: number[] = [];
        for (const k of order) {
          placed.place(k);
          done.push(k);
          for (const q of queries) {
            const found: number[] = [];
            placed.meeting(q[0], q[1], (j) => found.push(j));
            expect(found.sort((a, b) => a - b)).toEqual(done.filter((j) => meet(list[j]!, q)).sort((a, b) => a - b));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports each placed interval once, even when many share a start', () => {
    const list = Array.from({ length: 40 }, () => [3, 9] as const);
    const placed = new PlacedIntervals(...columns(list));
    list.forEach((_, k) => placed.place(k));
    const found: number[] = [];
    placed.meeting(8, 100, (j) => found.push(j));
    expect(found.sort((a, b) => a - b)).toEqual(list.map((_, k) => k));
  });
});
