import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { assemblePng, deflateBand, scanlineBytes, scanlineChunks, scanlines } from '../../../electron/node/png-encode';
import { pngChunks, pngSize } from '../../../shared/render/png-text';

/** Premultiplied RGBA pixels as tiny-skia stores them: every channel at most the alpha. */
const premultiplied = (width: number, rows: number) =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant([246, 247, 249, 255]) },
        fc
          .integer({ min: 0, max: 255 })
          .chain((a) =>
            fc.tuple(
              fc.integer({ min: 0, max: a }),
              fc.integer({ min: 0, max: a }),
              fc.integer({ min: 0, max: a }),
              fc.constant(a),
            ),
          ),
      ),
      { minLength: width * rows, maxLength: width * rows },
    )
    .map((pixels) => Uint8Array.from(pixels.flat()));

/** tiny-skia's `PremultipliedColorU8::demultiply`, written out the way its source has it. */
function demultiplied(pixels: Uint8Array): Uint8Array {
  const out = Uint8Array.from(pixels);
  for (let i = 0; i < out.length; i += 4) {
    const a = out[i + 3]!;
    if (a === 255) continue;
    for (let k = 0; k < 3; k++) {
      const v = out[i + k]! / (a / 255) + 0.5;
      out[i + k] = Number.isNaN(v) ? 0 : Math.min(255, Math.trunc(v));
    }
  }
  return out;
}

describe('scanlines', () => {
  it('puts filter type None before each row and leaves opaque pixels as they are', () => {
    const pixels = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => (i % 4 === 3 ? 255 : i));
    const out = scanlines(pixels, 2, 3);
    expect(out).toHaveLength(scanlineBytes(2, 3));
    expect([0, 9, 18].map((at) => out[at])).toEqual([0, 0, 0]);
    expect(out.subarray(1, 9)).toEqual(pixels.subarray(0, 8));
    expect(out.subarray(19, 27)).toEqual(pixels.subarray(16, 24));
  });

  it('un-premultiplies like tiny-skia (its own test values, and a transparent pixel)', () => {
    const pixels = Uint8Array.from([2, 3, 5, 40, 153, 99, 54, 180, 10, 20, 30, 255, 0, 0, 0, 0]);
    expect([...scanlines(pixels, 4, 1).subarray(1)]).toEqual([
      13, 19, 32, 40, 217, 140, 77, 180, 10, 20, 30, 255, 0, 0, 0, 0,
    ]);
  });

  it('matches the reference for any pixels, whether or not the bytes start on a word', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 9 })
          .chain((w) =>
            fc.integer({ min: 1, max: 6 }).chain((h) => fc.tuple(fc.constant(w), fc.constant(h), premultiplied(w, h))),
          ),
        fc.boolean(),
        ([width, rows, pixels], shifted) => {
          // A view one byte into a larger buffer: no Int32Array over it, the byte-by-byte way.
          const input = shifted ? new Uint8Array(pixels.length + 1).fill(7).subarray(1) : pixels;
          input.set(pixels);
          const out = scanlines(input, width, rows);
          const expected = demultiplied(pixels);
          for (let r = 0; r < rows; r++) {
            expect(out[r * (width * 4 + 1)]).toBe(0);
            expect(out.subarray(r * (width * 4 + 1) + 1, (r + 1) * (width * 4 + 1))).toEqual(
              expected.subarray(r * width * 4, (r + 1) * width * 4),
            );
          }
        },
      ),
    );
  });

  it('in chunks, each in the same buffer, they are the scanlines of the whole band', () => {
    const width = 700;
    const rows = 3001;
    const pixels = Uint8Array.from({ length: width * rows * 4 }, (_, i) => (i % 4 === 3 ? (i % 7 ? 255 : 90) : i % 90));
    const chunks: Buffer[] = [];
    // Copied as they come: the next chunk overwrites the buffer.
    for (const chunk of scanlineChunks(pixels, width, rows)()) chunks.push(Buffer.from(chunk));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.compare(Buffer.concat(chunks), scanlines(pixels, width, rows))).toBe(0);
  });

  it('refuses pixels that are not the size given', () => {
    expect(() => scanlines(new Uint8Array(15), 2, 2)).toThrow(RangeError);
    expect(() => scanlines(new Uint8Array(16), 0, 2)).toThrow(RangeError);
    expect(() => scanlineChunks(new Uint8Array(16), 2, 2.5)).toThrow(RangeError);
  });
});

describe('the PNG file', () => {
  it('decodes (pngjs checks every CRC) to the un-premultiplied pixels, bands joined in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 12 })
          .chain((w) =>
            fc
              .array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 })
              .chain((heights) =>
                fc.tuple(fc.constant(w), fc.tuple(...heights.map((h) => premultiplied(w, h).map((p) => ({ p, h }))))),
              ),
          ),
        async ([width, bands]) => {
          const height = bands.reduce((n, b) => n + b.h, 0);
          fc.pre(height > 0);
          const pieces = await Promise.all(bands.map((b) => deflateBand({ pixels: b.p, rows: b.h }, width)));
          const png = assemblePng(width, height, pieces);
          const decoded = PNG.sync.read(Buffer.from(png));
          expect({ width: decoded.width, height: decoded.height }).toEqual({ width, height });
          expect(new Uint8Array(decoded.data)).toEqual(
            demultiplied(Uint8Array.from(Buffer.concat(bands.map((b) => b.p)))),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('has IHDR first, one IDAT per band holding one zlib stream, and IEND', async () => {
    const width = 3;
    const bands = [5, 1, 4].map((rows, i) => ({ pixels: new Uint8Array(width * rows * 4).fill(255 - i), rows }));
    const png = assemblePng(width, 10, await Promise.all(bands.map((b) => deflateBand(b, width))));
    expect(pngChunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IDAT', 'IDAT', 'IEND']);
    expect(pngSize(png)).toEqual({ width: 3, height: 10 });
    const idat = Buffer.concat(
      pngChunks(png)
        .filter((c) => c.type === 'IDAT')
        .map((c) => png.subarray(c.offset + 8, c.offset + 8 + c.length)),
    );
    expect(inflateSync(idat)).toHaveLength(scanlineBytes(width, 10));
    expect(() => assemblePng(1, 1, [])).toThrow(RangeError);
  });
});
