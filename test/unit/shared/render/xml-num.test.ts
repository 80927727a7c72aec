import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { num } from '../../../../shared/render/xml';

/** What `num` wrote before it spelled hundredths out itself: the shortest round-trip form. */
function shortest(n: number): string {
  if (!Number.isFinite(n)) return '0';
  if (Math.abs(n) >= 1e15) return BigInt(Math.round(n)).toString();
  const r = Math.round(n * 100) / 100;
  return r === 0 ? '0' : String(r);
}

describe('num', () => {
  it('writes what String() writes for the value rounded to hundredths, at any magnitude (property)', () => {
    const magnitude = fc
      .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -3, max: 16 }))
      .map(([m, e]) => m * 10 ** e);
    const hundredths = fc.integer({ min: -1e9, max: 1e9 }).map((k) => k / 100);
    const halves = fc.integer({ min: -1e8, max: 1e8 }).map((k) => k / 1000 + 0.005);
    fc.assert(
      fc.property(fc.oneof(magnitude, hundredths, halves, fc.double()), (n) => {
        expect(num(n)).toBe(shortest(n));
      }),
      { numRuns: 20000 },
    );
  });

  it('keeps the edge cases plain', () => {
    for (const n of [0, -0, 0.004, -0.004, 0.005, -0.005, 1.005, 2.675, 99.995, -99.995, 0.1, -0.7, 12.3, -12.35]) {
      expect(num(n), String(n)).toBe(shortest(n));
    }
    for (const n of [1e13 - 0.01, 1e13, 1e15 - 1, -1e15 + 1, 1e15, 1e21, 1.5e300])
      expect(num(n), String(n)).toBe(shortest(n));
    expect([num(NaN), num(Infinity), num(-Infinity)]).toEqual(['0', '0', '0']);
    expect([num(-0.001), num(12.5), num(-3.07), num(1e14 + 0.5)]).toEqual(['0', '12.5', '-3.07', '100000000000000.5']);
  });
});
