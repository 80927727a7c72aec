import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeOneByOne, type PlaceableTrack } from '../../../../shared/diagram/route-nudge-place';

/**
 * The placement as first written: every placed track compared with every other, every place
 * tried against every position taken. `placeOneByOne` must give exactly this, bit for bit.
 */
function reference<T extends PlaceableTrack>(tracks: readonly T[]): [T, number][] {
  const overlaps = (a: PlaceableTrack, b: PlaceableTrack): boolean =>
    Math.min(a.to, b.to) + 6 > Math.max(a.from, b.from);
  const placed: [T, number][] = [];
  for (const t of [...tracks].sort((a, b) => +b.fixed - +a.fixed || a.hi - a.lo - (b.hi - b.lo) || a.c - b.c)) {
    const taken = placed.filter(([u]) => overlaps(t, u)).map(([, at]) => at);
    let at = t.c;
    search: for (const gap of t.fixed ? [] : [6, 3, 1.5]) {
      for (let k = 0; k <= 32; k++) {
        const v = t.c + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * gap;
        if (v >= t.lo && v <= t.hi && taken.every((w) => Math.abs(w - v) >= gap)) {
          at = v;
          break search;
        }
      }
    }
    placed.push([t, at]);
  }
  return placed;
}

interface Track extends PlaceableTrack {
  readonly id: number;
}

/** Tracks crowded onto a few lines (fractions included) and overlapping along, with free ranges of any width. */
const tracks = fc
  .array(
    fc.record({
      c: fc.oneof(
        fc.integer({ min: 100, max: 130 }),
        fc.integer({ min: 400, max: 520 }).map((n) => n / 4),
        fc.double({ min: 60, max: 200, noNaN: true }),
      ),
      below: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 }), fc.double({ min: 0, max: 120, noNaN: true })),
      above: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 }), fc.double({ min: 0, max: 120, noNaN: true })),
      fixed: fc.boolean(),
      from: fc.integer({ min: 0, max: 300 }),
      length: fc.integer({ min: 0, max: 400 }),
    }),
    { maxLength: 120 },
  )
  .map((list) =>
    list.map((t, id): Track => ({
      id,
      c: t.c,
      lo: t.c - t.below,
      hi: t.c + t.above,
      fixed: t.fixed,
      from: t.from,
      to: t.from + t.length,
    })),
  );

const positions = (placed: [Track, number][]): [number, number][] => placed.map(([t, at]) => [t.id, at]);

describe('placeOneByOne', () => {
  it('places every track exactly where placing it against every other would (property)', () => {
    fc.assert(
      fc.property(tracks, (list) => {
        expect(positions(placeOneByOne(list))).toEqual(positions(reference(list)));
      }),
      { numRuns: 400 },
    );
  });

  it('spreads a crowded line as far as the room allows and leaves the rest on it', () => {
    // 40 tracks on one line, all overlapping, 20 px of room each side: 7 places at 6 px apart
    // (0, ±6, ±12, ±18), then the 3 px and 1.5 px places between them, then none.
    const list: Track[] = Array.from({ length: 40 }, (_, id) => ({
      id,
      c: 100,
      lo: 80,
      hi: 120,
      fixed: false,
      from: 0,
      to: 500,
    }));
    const placed = placeOneByOne(list);
    expect(positions(placed)).toEqual(positions(reference(list)));
    const at = placed.map(([, v]) => v);
    expect(new Set(at.slice(0, 7))).toEqual(new Set([100, 106, 94, 112, 88, 118, 82]));
    expect(at.filter((v) => v === 100).length).toBeGreaterThan(1);
  });

  it('keeps fixed tracks on their line and places them first', () => {
    const list: Track[] = [
      { id: 0, c: 50, lo: 0, hi: 100, fixed: false, from: 0, to: 10 },
      { id: 1, c: 50, lo: 50, hi: 50, fixed: true, from: 0, to: 10 },
    ];
    expect(positions(placeOneByOne(list))).toEqual([
      [1, 50],
      [0, 56],
    ]);
  });
});
