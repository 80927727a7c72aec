import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWoff, MAX_SFNT_BYTES, woffToSfnt, WoffError } from '../../../../shared/render/woff';

const require = createRequire(import.meta.url);
const folder = (pkg: string) => join(dirname(require.resolve(`@fontsource/${pkg}/package.json`)), 'files');
const WOFFS = ['inter', 'jetbrains-mono'].flatMap((pkg) =>
  readdirSync(folder(pkg))
    .filter((f) => /-(400|600)-normal\.woff$/.test(f))
    .map((f) => join(folder(pkg), f)),
);

/** The OpenType checksum: the sum of big-endian 32-bit words, zero-padded. */
function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/**
 * Checks an SFNT the way a strict font loader does: the directory and each table's checksum
 * (which the WOFF file stores for the uncompressed table, so a wrong decompression shows).
 */
function verifySfnt(sfnt: Uint8Array): string[] {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const numTables = view.getUint16(4);
  const tags: string[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(...sfnt.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    expect(offset % 4, tag).toBe(0);
    const table = new Uint8Array(sfnt.subarray(offset, offset + length));
    // head's checksum is computed with checkSumAdjustment as zero.
    if (tag === 'head') table.fill(0, 8, 12);
    expect(checksum(table), tag).toBe(view.getUint32(at + 4));
    tags.push(tag);
  }
  return tags;
}

describe('woffToSfnt', () => {
  it.each(WOFFS.map((f) => [f.split('/').pop()!, f]))('unwraps %s into a valid TrueType font', (_name, path) => {
    const woff = new Uint8Array(readFileSync(path));
    expect(isWoff(woff)).toBe(true);
    const sfnt = woffToSfnt(woff);
    expect(sfnt.length).toBe(new DataView(woff.buffer, woff.byteOffset).getUint32(16)); // totalSfntSize
    expect(verifySfnt(sfnt)).toEqual(expect.arrayContaining(['cmap', 'glyf', 'head', 'loca', 'name']));
  });

  const woff = new Uint8Array(readFileSync(WOFFS.find((f) => f.includes('inter-latin-400'))!));

  const error = (bytes: Uint8Array): string => {
    try {
      woffToSfnt(bytes);
      return 'no error';
    } catch (e) {
      if (!(e instanceof WoffError)) throw e;
      return e.message;
    }
  };

  it('refuses what is not WOFF, and every truncation', () => {
    expect(error(new Uint8Array(10))).toMatch(/not a WOFF/);
    expect(error(new Uint8Array(readFileSync(WOFFS[0]!.replace(/\.woff$/, '.woff2'))))).toMatch(/not a WOFF/);
    for (let n = 0; n < woff.length; n += 97) expect(error(woff.subarray(0, n)), `${n} bytes`).not.toBe('no error');
  });

  it('refuses tables that lie about their size, and bombs', () => {
    const head = (numTables: number, entries: number[][]): Uint8Array => {
      const out = Buffer.alloc(44 + entries.length * 20 + 64);
      out.write('wOFF', 0, 'latin1');
      out.writeUInt16BE(numTables, 12);
      entries.forEach((e, i) => e.forEach((v, k) => out.writeUInt32BE(v, 44 + i * 20 + k * 4)));
      return new Uint8Array(out);
    };
    expect(error(head(0, []))).toMatch(/no tables/);
    expect(error(head(500, []))).toMatch(/directory runs past/);
    expect(error(head(1, [[0x68656164, 64, 4000, 4000, 0]]))).toMatch(/runs past the file/);
    expect(error(head(1, [[0x68656164, 64, 8, 4, 0]]))).toMatch(/larger compressed/);
    expect(error(head(1, [[0x68656164, 64, 4, MAX_SFNT_BYTES, 0]]))).toMatch(/would be over/);
    // A length of 2³¹ or more (a bit flip in a real font found it): refused, not a RangeError.
    expect(error(head(1, [[0x68656164, 64, 4, 0x80000004, 0]]))).toMatch(/would be over/);
    // A table whose compressed data expands past its declared length.
    const bomb = deflateSync(Buffer.alloc(1_000_000));
    const withBomb = Buffer.concat([
      Buffer.from(head(1, [[0x68656164, 64, bomb.length, 1000, 0]])).subarray(0, 64),
      bomb,
    ]);
    expect(error(new Uint8Array(withBomb))).toMatch(/does not decompress/);
    // Data that is not zlib.
    expect(error(head(1, [[0x68656164, 64, 8, 100, 0]]))).toMatch(/does not decompress/);
  });

  it('throws only WoffError on damaged fonts', () => {
    fc.assert(
      fc.property(fc.nat(woff.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const bytes = new Uint8Array(woff);
        bytes[at] = bytes[at]! ^ xor;
        error(bytes);
      }),
      { numRuns: 100 },
    );
  });
});
