/** The outline of a union of rectangles (shared/diagram/host-outline.ts), on shapes with known borders. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unionOutline } from '../../../../shared/diagram/host-outline';
import type { Box, Point } from '../../../../shared/diagram/types';

const box = (x: number, y: number, w: number, h: number): Box => ({ x, y, w, h });

/** Signed area (shoelace, y down: clockwise on screen is positive). */
function area(loop: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < loop.length; i++) {
    const a = loop[i]!;
    const b = loop[(i + 1) % loop.length]!;
    s += a.x * b.y - b.x * a.y;
  }
  return s / 2;
}

/** The union's area by counting unit cells (integer boxes only). */
function unionArea(boxes: readonly Box[]): number {
  const cells = new Set<string>();
  for (const b of boxes)
    for (let x = b.x; x < b.x + b.w; x++) for (let y = b.y; y < b.y + b.h; y++) cells.add(`${x},${y}`);
  return cells.size;
}

describe('unionOutline', () => {
  it('is the box itself for one box', () => {
    const loops = unionOutline([box(0, 0, 10, 5)]);
    expect(loops).toHaveLength(1);
    expect(loops[0]).toHaveLength(4);
    expect(area(loops[0]!)).toBe(50);
  });

  it('is one eight-corner loop for two overlapping boxes, with no seam inside', () => {
    const loops = unionOutline([box(0, 0, 10, 10), box(5, 5, 10, 10)]);
    expect(loops).toHaveLength(1);
    expect(loops[0]).toHaveLength(8);
    expect(area(loops[0]!)).toBe(175);
  });

  it('has an outer loop and a hole for a ring of boxes', () => {
    const ring = [box(0, 0, 30, 10), box(0, 20, 30, 10), box(0, 0, 10, 30), box(20, 0, 10, 30)];
    const loops = unionOutline(ring);
    expect(loops).toHaveLength(2);
    const areas = loops.map(area).sort((a, b) => a - b);
    expect(areas).toEqual([-100, 900]);
  });

  it('keeps boxes that only touch at a corner as two loops', () => {
    const loops = unionOutline([box(0, 0, 10, 10), box(10, 10, 10, 10)]);
    expect(loops).toHaveLength(2);
    for (const l of loops) expect(area(l)).toBe(100);
  });

  it('ignores empty boxes', () => {
    expect(unionOutline([])).toEqual([]);
    expect(unionOutline([box(3, 3, 0, 4)])).toEqual([]);
  });

  it('encloses exactly the union (property: signed areas sum to the union area, corners are right angles)', () => {
    const arb = fc.array(
      fc.record({
        x: fc.integer({ min: 0, max: 20 }),
        y: fc.integer({ min: 0, max: 20 }),
        w: fc.integer({ min: 1, max: 12 }),
        h: fc.integer({ min: 1, max: 12 }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, (boxes) => {
        const loops = unionOutline(boxes);
        expect(loops.reduce((s, l) => s + area(l), 0)).toBe(unionArea(boxes));
        for (const l of loops)
          for (let i = 0; i < l.length; i++) {
            const a = l[i]!;
            const b = l[(i + 1) % l.length]!;
            expect(a.x === b.x || a.y === b.y).toBe(true);
          }
      }),
      { numRuns: 300 },
    );
  });
});
