/**
 * A PNG file from the rasteriser's pixels, encoded here rather than by resvg's `asPng()`:
 * a large picture is drawn in bands (png-bands.ts), each band is turned into PNG scanlines and
 * deflated on libuv's threadpool while the next bands are still being drawn, and the pieces are
 * joined into the one zlib stream PNG requires (png-zlib.ts).
 *
 * The pixels are the ones resvg's own encoder writes: 8-bit RGBA, un-premultiplied with the
 * same arithmetic as tiny-skia (`PremultipliedColorU8::demultiply`). Scanlines use filter type
 * None: measured on a 48-Mpx diagram, flat areas compress better as long repeats of raw pixels
 * than as Sub/Up/Paeth differences (3.8 MB vs 4.8–5.1 MB at level 6), and no filter costs no pass.
 */
import { crc32 } from '../../shared/render/crc32';
import { PNG_SIGNATURE } from '../../shared/render/png-text';
import { deflatePiece, zlibFrame, type ChunkSource, type DeflatePiece } from './png-zlib';

/**
 * zlib level for the image data. Level 1 deflates a 48-Mpx diagram in about a third of the time of
 * level 6 (0.22 s against 0.7 s of CPU) and the file is still smaller than resvg's own encoder
 * wrote (5.4 MB against 5.7 MB); the picture itself is the same either way.
 */
export const PNG_DEFLATE_LEVEL = 1;

const BYTES_PER_PIXEL = 4;
/** Byte order of typed-array words here: where a pixel's alpha byte lands in an Int32Array element. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** PNG colour type 6: truecolour with alpha. */
const COLOUR_RGBA = 6;

/**
 * tiny-skia's demultiply of one premultiplied channel value: `(c / (a / 255) + 0.5) as u8` in
 * f64, which truncates and saturates (and turns the 0/0 of a transparent pixel into 0).
 */
function demultiply(c: number, a: number): number {
  const v = c / (a / 255) + 0.5;
  return v >= 255 ? 255 : v > 0 ? Math.floor(v) : 0;
}

/** Bytes of the scanlines of `rows` rows `width` pixels wide: a filter-type byte and the pixels, per row. */
export const scanlineBytes = (width: number, rows: number): number => (width * BYTES_PER_PIXEL + 1) * rows;

/**
 * Writes the scanlines of rows `[from, to)` of premultiplied RGBA `pixels` into `out` (from its
 * start): each row preceded by its filter type (0, None), pixels that are not opaque
 * un-premultiplied. `pixels` is not changed.
 */
function writeScanlines(pixels: Uint8Array, width: number, from: number, to: number, out: Uint8Array): void {
  const stride = width * BYTES_PER_PIXEL;
  for (let r = from, at = from * stride, o = 0; r < to; r++, at += stride, o += stride + 1) {
    out[o] = 0;
    out.set(pixels.subarray(at, at + stride), o + 1);
  }
  // Most pictures are opaque throughout: find the rows that are not, a row's words ANDed together
  // (the alpha byte of the AND is 255 only if every pixel's is), then fix their pixels one by one.
  const words =
    pixels.byteOffset % 4 === 0 ? new Int32Array(pixels.buffer, pixels.byteOffset, pixels.length >>> 2) : undefined;
  const alphaShift = LITTLE_ENDIAN ? 24 : 0;
  for (let r = from; r < to; r++) {
    if (words) {
      let all = -1;
      for (let i = r * width, end = i + width; i < end; i++) all &= words[i]!;
      if (((all >>> alphaShift) & 0xff) === 0xff) continue;
    }
    const o0 = (r - from) * (stride + 1) + 1;
    for (let at = r * stride, o = o0, end = at + stride; at < end; at += BYTES_PER_PIXEL, o += BYTES_PER_PIXEL) {
      const a = pixels[at + 3]!;
      if (a === 255) continue;
      out[o] = demultiply(pixels[at]!, a);
      out[o + 1] = demultiply(pixels[at + 1]!, a);
      out[o + 2] = demultiply(pixels[at + 2]!, a);
    }
  }
}

function checkBand(pixels: Uint8Array, width: number, rows: number): void {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(rows) && rows >= 0))
    throw new RangeError(`${width} x ${rows} is not a size in pixels`);
  if (pixels.length !== width * BYTES_PER_PIXEL * rows)
    throw new RangeError(`${pixels.length} bytes are not ${rows} rows of ${width} RGBA pixels`);
}

/** The scanlines of `rows` rows of premultiplied RGBA `pixels`, all at once (see `writeScanlines`). */
export function scanlines(pixels: Uint8Array, width: number, rows: number): Uint8Array {
  checkBand(pixels, width, rows);
  const out = new Uint8Array(scanlineBytes(width, rows));
  writeScanlines(pixels, width, 0, rows, out);
  return out;
}

/** About this many bytes of scanlines are made and handed to zlib at a time. */
const CHUNK_BYTES = 4 << 20;

/**
 * The scanlines of a band, a few rows at a time, each chunk in the same buffer: a band's
 * scanlines whole would be another 30-50 MB of fresh memory, and on a virtual machine the page
 * faults of fresh memory cost more than the copy itself.
 */
export function scanlineChunks(pixels: Uint8Array, width: number, rows: number): ChunkSource {
  checkBand(pixels, width, rows);
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / scanlineBytes(width, 1)));
  return function* () {
    const buffer = new Uint8Array(scanlineBytes(width, Math.min(perChunk, rows)));
    for (let from = 0; from < rows; from += perChunk) {
      const to = Math.min(rows, from + perChunk);
      writeScanlines(pixels, width, from, to, buffer);
      yield buffer.subarray(0, scanlineBytes(width, to - from));
    }
  };
}

/** A band of the picture: `rows` rows of premultiplied RGBA, `width` pixels each. */
export interface PixelBand {
  readonly pixels: Uint8Array;
  readonly rows: number;
}

/** The band's scanlines, deflated off the main thread as a piece of the image's zlib stream. */
export async function deflateBand(band: PixelBand, width: number): Promise<DeflatePiece> {
  return deflatePiece(scanlineChunks(band.pixels, width, band.rows), PNG_DEFLATE_LEVEL);
}

function putU32(out: Uint8Array, at: number, value: number): void {
  out[at] = value >>> 24;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

/**
 * The PNG file of a `width` × `height` RGBA picture whose scanlines were deflated in `pieces`, top
 * to bottom: one IDAT chunk per piece (the first also holds the zlib header, the last the end of
 * the stream), so no chunk comes near PNG's 2 GiB chunk limit and no piece is copied twice.
 */
export function assemblePng(width: number, height: number, pieces: readonly DeflatePiece[]): Uint8Array {
  if (pieces.length === 0) throw new RangeError('a PNG needs image data');
  const header = new Uint8Array(13);
  putU32(header, 0, width);
  putU32(header, 4, height);
  // Bit depth 8, colour type RGBA, deflate, adaptive filtering (method 0), not interlaced.
  header.set([8, COLOUR_RGBA, 0, 0, 0], 8);
  const { head, tail } = zlibFrame(pieces);
  const last = pieces.length - 1;
  const chunks: [string, Uint8Array[]][] = [
    ['IHDR', [header]],
    ...pieces.map((p, i): [string, Uint8Array[]] => [
      'IDAT',
      [...(i === 0 ? [head] : []), p.blocks, ...(i === last ? [tail] : [])],
    ]),
    ['IEND', []],
  ];
  const size = chunks.reduce((n, [, parts]) => parts.reduce((m, p) => m + p.length, n + 12), PNG_SIGNATURE.length);
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const [type, parts] of chunks) {
    const start = at;
    at += 4;
    for (let i = 0; i < 4; i++) out[at++] = type.charCodeAt(i);
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    putU32(out, start, at - start - 8);
    // The CRC covers the type and the data, written in place so the data is not copied again.
    putU32(out, at, crc32(out, start + 4, at));
    at += 4;
  }
  return out;
}
