import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adler32,
  adler32Combine,
  deflatePiece,
  deflatePieceRaw,
  flushedStream,
  pieceOfFlushedStream,
  zlibFrame,
  type ChunkSource,
  type DeflatePiece,
} from '../../../electron/node/png-zlib';

/** zlib's own Adler-32 of `bytes`: the trailer of a stored zlib stream. */
function zlibAdlerOf(bytes: Uint8Array): number {
  const stream = deflateSync(bytes, { level: 0 });
  return stream.readUInt32BE(stream.length - 4);
}

/** Bytes that compress like a picture: runs of repeated pixels with noise in between. */
const pictureLike = fc
  .array(fc.record({ value: fc.integer({ min: 0, max: 255 }), run: fc.integer({ min: 1, max: 3000 }) }), {
    maxLength: 40,
  })
  .map((runs) =>
    Uint8Array.from(runs.flatMap(({ value, run }) => Array.from({ length: run }, (_, i) => value ^ (i % 4)))),
  );

const chunked = (bytes: Uint8Array, size: number): ChunkSource =>
  function* () {
    // One buffer reused for every chunk, as the PNG encoder does.
    const buffer = new Uint8Array(size);
    for (let at = 0; at < bytes.length; at += size) {
      const part = bytes.subarray(at, at + size);
      buffer.set(part);
      yield buffer.subarray(0, part.length);
    }
  };

const join = (parts: readonly Uint8Array[]): Buffer => Buffer.concat(parts.map((p) => Buffer.from(p)));

function stream(pieces: readonly DeflatePiece[]): Buffer {
  const { head, tail } = zlibFrame(pieces);
  return join([head, ...pieces.map((p) => p.blocks), tail]);
}

describe('Adler-32', () => {
  it('is zlib’s, also past the 5552-byte block and from a running value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20_000 }), (bytes) => {
        expect(adler32(bytes)).toBe(zlibAdlerOf(bytes));
        const cut = bytes.length >> 1;
        expect(adler32(bytes.subarray(cut), adler32(bytes.subarray(0, cut)))).toBe(zlibAdlerOf(bytes));
      }),
      { numRuns: 60 },
    );
    expect(adler32(new Uint8Array(100_000).fill(255))).toBe(zlibAdlerOf(new Uint8Array(100_000).fill(255)));
  });

  it('combines the sums of two parts into the sum of both, for any lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
        expect(adler32Combine(adler32(a), adler32(b), b.length)).toBe(adler32(Uint8Array.from([...a, ...b])));
      }),
    );
    // Lengths past the modulus (65521), where the length term wraps.
    const big = new Uint8Array(200_000).map((_, i) => (i * 7919) & 0xff);
    expect(adler32Combine(adler32(big.subarray(0, 1)), adler32(big.subarray(1)), big.length - 1)).toBe(adler32(big));
    expect(adler32Combine(1, adler32(big), big.length)).toBe(adler32(big));
    expect(adler32Combine(adler32(big), 1, 0)).toBe(adler32(big));
  });
});

describe('one zlib stream deflated in pieces', () => {
  it('pieces deflated apart, fed in reused chunks, inflate to the whole input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(pictureLike, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(1, 6),
        async (parts, chunkSize, level) => {
          const pieces = await Promise.all(parts.map((p) => deflatePiece(chunked(p, chunkSize), level)));
          expect(pieces.map((p) => p.length)).toEqual(parts.map((p) => p.length));
          expect(new Uint8Array(inflateSync(stream(pieces)))).toEqual(Uint8Array.from(join(parts)));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the way that does not rely on zlib’s layout gives the same stream contents, and mixes with the other', async () => {
    const parts = [new Uint8Array(70_000).fill(9), new Uint8Array(0), Uint8Array.from({ length: 5000 }, (_, i) => i)];
    const raw = await Promise.all(parts.map((p) => deflatePieceRaw(chunked(p, 4096), 1)));
    const fast = await Promise.all(parts.map((p) => deflatePiece(chunked(p, 4096), 1)));
    for (let i = 0; i < parts.length; i++) expect(raw[i]!.adler).toBe(fast[i]!.adler);
    const mixed = [fast[0]!, raw[1]!, raw[2]!];
    expect(new Uint8Array(inflateSync(stream(mixed)))).toEqual(Uint8Array.from(join(parts)));
  });

  it('this Node’s zlib ends a flushed stream the way the fast way reads it', async () => {
    for (const input of [
      new Uint8Array(0),
      new Uint8Array(300_000).fill(7),
      Uint8Array.from({ length: 999 }, (_, i) => i),
    ])
      for (const level of [1, 6, 9]) {
        const { stream: flushed, length } = await flushedStream(chunked(input, 65_536), level);
        expect(length).toBe(input.length);
        const piece = pieceOfFlushedStream(flushed, length);
        expect(piece, `level ${level}, ${input.length} bytes`).toBeDefined();
        expect(piece!.adler).toBe(zlibAdlerOf(input));
      }
  });

  it('finds the piece only in a stream with exactly the flushed layout', () => {
    const good = Uint8Array.from([0x78, 0x01, 0x4b, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x03, 0x00, 0, 0x62, 0, 0x62]);
    expect(pieceOfFlushedStream(good, 1)).toEqual({ blocks: good.subarray(2, 9), adler: 0x00620062, length: 1 });
    const broken = (at: number, value: number): Uint8Array => good.map((b, i) => (i === at ? value : b));
    // No sync marker before the final block, another final block, another header, a preset dictionary.
    expect(pieceOfFlushedStream(broken(7, 0xfe), 1)).toBeUndefined();
    expect(pieceOfFlushedStream(broken(9, 0x01), 1)).toBeUndefined();
    expect(pieceOfFlushedStream(broken(0, 0x79), 1)).toBeUndefined();
    expect(pieceOfFlushedStream(Uint8Array.from([0x78, 0xbb, ...good.subarray(2)]), 1)).toBeUndefined();
    expect(pieceOfFlushedStream(good.subarray(0, 10), 1)).toBeUndefined();
    expect(pieceOfFlushedStream(new Uint8Array(0), 0)).toBeUndefined();
  });

  it('a failing source rejects, with the source’s error', async () => {
    const failing: ChunkSource = function* () {
      yield new Uint8Array(10);
      throw new Error('no more pixels');
    };
    await expect(deflatePiece(failing, 1)).rejects.toThrow('no more pixels');
  });
});
