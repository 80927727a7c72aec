import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandCount, MIN_BANDED_PIXELS, planBands, resvgFit, type Band } from '../../../electron/node/png-bands';

/** Every row once, top to bottom, each band as resvg will draw it. */
function expectSeamless(bands: readonly Band[], width: number, height: number, pixelWidth: number): void {
  const fit = resvgFit(width, height, pixelWidth);
  expect(bands[0]!.top).toBe(0);
  expect(bands[0]!.pixelTop).toBe(0);
  let pixelTop = 0;
  let top = 0;
  for (const band of bands) {
    expect(band.top).toBe(top);
    expect(band.pixelTop).toBe(pixelTop);
    expect(band.rows).toBeGreaterThan(0);
    // What resvg computes for the band on its own: the picture's scale and exactly its rows.
    const own = resvgFit(width, band.height, pixelWidth);
    expect(own.pixelHeight).toBe(band.rows);
    expect(own.scaleY).toBe(fit.scaleY);
    expect(Math.fround(fit.scaleY * band.top)).toBe(band.pixelTop);
    pixelTop += band.rows;
    top += band.height;
  }
  expect(pixelTop).toBe(fit.pixelHeight);
  expect(top).toBeCloseTo(height, 9);
}

describe('resvg’s fit to a width', () => {
  it('rounds the size and scales in f32, like resvg-js', () => {
    expect(resvgFit(1508, 31674, 1508)).toEqual({ scale: 1, pixelWidth: 1508, pixelHeight: 31674, scaleY: 1 });
    expect(resvgFit(1508, 31674, 3016)).toEqual({ scale: 2, pixelWidth: 3016, pixelHeight: 63348, scaleY: 2 });
    const odd = resvgFit(1000, 333.3, 1370);
    expect(odd.pixelHeight).toBe(Math.round(Math.fround(Math.fround(333.3) * odd.scale)));
    expect(odd.scaleY).toBe(Math.fround(odd.pixelHeight / Math.fround(333.3)));
  });
});

describe('the bands of a picture', () => {
  it('a small picture is drawn whole', () => {
    expect(bandCount(1000, 1000)).toBe(1);
    expect(planBands(1452, 816, 1452)).toEqual([{ top: 0, height: 816, pixelTop: 0, rows: 816 }]);
    expect(bandCount(1000, MIN_BANDED_PIXELS / 1000)).toBeGreaterThan(1);
  });

  it('a tall picture is cut into bands no taller than tiny-skia’s tile, as a function of its size only', () => {
    const bands = planBands(1508, 31674, 1508);
    expect(bands).toHaveLength(4);
    expectSeamless(bands, 1508, 31674, 1508);
    expect(Math.max(...bands.map((b) => b.rows))).toBeLessThanOrEqual(8191);
    expect(planBands(1508, 31674, 1508)).toEqual(bands);
  });

  it('text weighs on where the cuts fall: a band full of text is thinner', () => {
    const even = planBands(1500, 20000, 1500);
    const texts = Array.from({ length: 2000 }, (_, i) => ({ y: 15000 + i, cost: 10_000 }));
    const weighted = planBands(1500, 20000, 1500, texts);
    expectSeamless(weighted, 1500, 20000, 1500);
    const bandOf = (bands: readonly Band[], y: number) => bands.find((b) => y >= b.top && y < b.top + b.height)!;
    expect(bandOf(weighted, 16000).height).toBeLessThan(bandOf(even, 16000).height);
  });

  it('cuts only where the arithmetic is exact, at any scale; otherwise draws whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 4000 }),
        fc.oneof(fc.integer({ min: 2000, max: 32000 }), fc.double({ min: 2000, max: 32000, noNaN: true })),
        fc.oneof(fc.constantFrom(0.5, 1, 1.5, 2, 3, 4), fc.double({ min: 0.25, max: 8, noNaN: true })),
        (width, height, scale) => {
          const pixelWidth = Math.ceil(width * scale);
          fc.pre(resvgFit(width, height, pixelWidth).pixelHeight <= 65_000);
          const bands = planBands(width, height, pixelWidth);
          expectSeamless(bands, width, height, pixelWidth);
          if (bands.length > 1) for (const b of bands) expect(Number.isInteger(b.top)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the scales the editor and CLI use cut large pictures into bands', () => {
    for (const scale of [1, 2]) expect(planBands(1508, 31674 / scale, 1508 * scale).length).toBeGreaterThan(1);
  });
});
