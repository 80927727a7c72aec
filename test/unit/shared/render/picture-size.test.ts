import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_PNG_PIXELS,
  MAX_PNG_SCALE,
  MAX_PNG_SIDE,
  PictureSizeError,
  pngPixels,
  svgSize,
} from '../../../../shared/render/picture-size';

describe('the picture size', () => {
  it('is read from the root element only', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="1452" height="902.5" viewBox="0 0 1 1">')).toEqual({
      width: 1452,
      height: 902.5,
    });
    expect(
      svgSize('<?xml version="1.0"?><svg width="10px" height="20px"><rect width="99" height="99"/></svg>'),
    ).toEqual({ width: 10, height: 20 });
  });

  it('is an error when the root has none, or a zero, negative or unreadable one', () => {
    for (const svg of ['<html>', '<svg width="0" height="10">', '<svg width="-1" height="10">', '<svg height="5">', ''])
      expect(() => svgSize(svg), svg).toThrow(PictureSizeError);
  });
});

describe('the PNG limits (the CLI and the editor keep the same)', () => {
  it('rounds up to whole pixels at the scale', () => {
    expect(pngPixels({ width: 1000.2, height: 500 }, 2)).toEqual({ width: 2001, height: 1000, fits: true });
  });

  it('refuses a side, an area or a scale beyond the limits', () => {
    expect(pngPixels({ width: MAX_PNG_SIDE, height: 100 }, 1).fits).toBe(true);
    expect(pngPixels({ width: MAX_PNG_SIDE + 1, height: 100 }, 1).fits).toBe(false);
    expect(pngPixels({ width: 16_384, height: 16_384 }, 1).fits).toBe(true);
    expect(pngPixels({ width: 16_385, height: 16_384 }, 1).fits).toBe(false);
    expect(pngPixels({ width: 10, height: 10 }, MAX_PNG_SCALE).fits).toBe(true);
    for (const scale of [MAX_PNG_SCALE + 0.5, 0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(pngPixels({ width: 10, height: 10 }, scale).fits, String(scale)).toBe(false);
  });

  it('a size that fits is within every limit', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (width, height, scale) => {
          const px = pngPixels({ width, height }, scale);
          if (px.fits) {
            expect(Math.max(px.width, px.height)).toBeLessThanOrEqual(MAX_PNG_SIDE);
            expect(px.width * px.height).toBeLessThanOrEqual(MAX_PNG_PIXELS);
          }
        },
      ),
    );
  });
});
