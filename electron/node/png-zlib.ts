/**
 * One zlib stream (RFC 1950) compressed in independent pieces, so the pieces can be deflated at
 * the same time on libuv's threadpool: a PNG's image data must be a single zlib stream, but
 * deflate blocks that end on a sync flush can be concatenated, and the stream's Adler-32 is
 * computed from the pieces' checksums (`adler32Combine`, as zlib's adler32_combine does).
 *
 * Each piece is deflated by a zlib stream that is sync-flushed and then ended, so zlib itself
 * computes the piece's Adler-32 on the worker thread; the output is then
 * `header · blocks · 00 00 FF FF · final empty block · adler`, and the blocks up to and including
 * the sync marker are the piece. That layout is checked byte for byte; should a zlib ever end a
 * stream differently, the piece is deflated again as raw deflate and summed here — slower, same bytes
 * of image.
 */
import { constants, createDeflate, createDeflateRaw, type Deflate, type DeflateRaw } from 'node:zlib';

const ADLER_BASE = 65521;
/** What a sync flush leaves at the end of the output: an empty stored block. */
const SYNC_MARKER = [0x00, 0x00, 0xff, 0xff] as const;
/** An empty final block with fixed codes (BFINAL 1, BTYPE 01, end-of-block): what zlib writes on Z_FINISH after a flush. */
const FINAL_EMPTY_BLOCK = [0x03, 0x00] as const;
/** zlib header: deflate, 32 KiB window, no preset dictionary, "fastest" level hint (CMF·FLG a multiple of 31). */
const ZLIB_HEADER = [0x78, 0x01] as const;
/** Output buffer per round trip to the threadpool: large, so a piece is a few trips, not hundreds. */
const CHUNK_SIZE = 1 << 20;

/** A piece of a zlib stream: raw deflate blocks ending on a sync flush, with the Adler-32 of its input. */
export interface DeflatePiece {
  /** Deflate blocks, none final, ending on a byte boundary (the sync marker). */
  readonly blocks: Uint8Array;
  /** Adler-32 of the uncompressed bytes. */
  readonly adler: number;
  /** Number of uncompressed bytes. */
  readonly length: number;
}

/** Adler-32 of `bytes`, continuing from `adler` (1 for a fresh sum). */
export function adler32(bytes: Uint8Array, adler = 1): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  let i = 0;
  while (i < bytes.length) {
    // 5552 bytes is the most that can be summed before b may pass 2^32 (zlib's NMAX).
    const end = Math.min(bytes.length, i + 5552);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** Adler-32 of A·B from adler32(A), adler32(B) and B's length (zlib's adler32_combine). */
export function adler32Combine(adlerA: number, adlerB: number, lengthB: number): number {
  const rem = lengthB % ADLER_BASE;
  let sum1 = adlerA & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (adlerB & 0xffff) + ADLER_BASE - 1;
  sum2 += (adlerA >>> 16) + (adlerB >>> 16) + ADLER_BASE - rem;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= ADLER_BASE * 2) sum2 -= ADLER_BASE * 2;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

const endsWith = (bytes: Uint8Array, end: number, tail: readonly number[]): boolean =>
  end >= tail.length && tail.every((b, i) => bytes[end - tail.length + i] === b);

/**
 * The piece inside a complete zlib stream that was sync-flushed before it was finished, or
 * undefined when the stream does not have exactly that layout.
 */
export function pieceOfFlushedStream(stream: Uint8Array, length: number): DeflatePiece | undefined {
  const trailer = stream.length - 4;
  const blocksEnd = trailer - FINAL_EMPTY_BLOCK.length;
  if (stream.length < 2 + SYNC_MARKER.length + FINAL_EMPTY_BLOCK.length + 4) return undefined;
  if ((stream[0]! & 0x0f) !== 8 || ((stream[0]! << 8) | stream[1]!) % 31 !== 0 || stream[1]! & 0x20) return undefined;
  if (!endsWith(stream, trailer, FINAL_EMPTY_BLOCK) || !endsWith(stream, blocksEnd, SYNC_MARKER)) return undefined;
  const adler =
    ((stream[trailer]! << 24) | (stream[trailer + 1]! << 16) | (stream[trailer + 2]! << 8) | stream[trailer + 3]!) >>>
    0;
  return { blocks: stream.subarray(2, blocksEnd), adler, length };
}

/** Input produced in chunks: each chunk may reuse the previous one's memory, so each is consumed before the next is asked for. */
export type ChunkSource = () => Iterable<Uint8Array>;

/** Writes every chunk of `source` to `stream`, each once zlib has consumed the one before. */
async function writeAll(stream: Deflate | DeflateRaw, source: ChunkSource): Promise<number> {
  let length = 0;
  for (const chunk of source()) {
    length += chunk.length;
    await new Promise<void>((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve())));
  }
  return length;
}

/** All the output of `stream` once it ends. */
function collect(stream: Deflate | DeflateRaw): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (part: Buffer) => parts.push(part));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(parts)));
  });
}

/** A complete zlib stream of `source`, sync-flushed before it is finished (the layout `pieceOfFlushedStream` reads). */
export async function flushedStream(
  source: ChunkSource,
  level: number,
): Promise<{ stream: Uint8Array; length: number }> {
  const deflate = createDeflate({ level, chunkSize: CHUNK_SIZE });
  const output = collect(deflate);
  // A failed write rejects `writeAll` too; the output's rejection is then not the one reported.
  output.catch(() => undefined);
  const length = await writeAll(deflate, source);
  // In sequence: a flush asked for while a write is still queued would be folded into the end.
  await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, resolve));
  deflate.end();
  return { stream: await output, length };
}

/** The piece deflated as raw deflate and summed on this thread: the way that does not depend on zlib's layout. */
export async function deflatePieceRaw(source: ChunkSource, level: number): Promise<DeflatePiece> {
  // Ended with a sync flush rather than a final block, so the piece can be followed by others.
  const deflate = createDeflateRaw({ level, chunkSize: CHUNK_SIZE, finishFlush: constants.Z_SYNC_FLUSH });
  const output = collect(deflate);
  output.catch(() => undefined);
  const length = await writeAll(deflate, source);
  deflate.end();
  let adler = 1;
  for (const chunk of source()) adler = adler32(chunk, adler);
  return { blocks: await output, adler, length };
}

/** The chunks of `source` deflated at `level` off the main thread, as a piece of a larger zlib stream. */
export async function deflatePiece(source: ChunkSource, level: number): Promise<DeflatePiece> {
  const { stream, length } = await flushedStream(source, level);
  return pieceOfFlushedStream(stream, length) ?? deflatePieceRaw(source, level);
}

/**
 * What turns the pieces, in order, into one zlib stream: the header before their blocks, and after
 * them an empty final block and the Adler-32 of everything.
 */
export function zlibFrame(pieces: readonly DeflatePiece[]): { head: Uint8Array; tail: Uint8Array } {
  let adler = 1;
  for (const p of pieces) adler = adler32Combine(adler, p.adler, p.length);
  const tail = Uint8Array.of(
    ...FINAL_EMPTY_BLOCK,
    adler >>> 24,
    (adler >>> 16) & 0xff,
    (adler >>> 8) & 0xff,
    adler & 0xff,
  );
  return { head: Uint8Array.from(ZLIB_HEADER), tail };
}
