import { Unzlib } from 'fflate';

/** Why compressed bytes could not be turned back into what they held. */
export class InflateError extends Error {
  constructor(
    readonly code: 'inflate-too-large' | 'inflate-corrupt',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Input is pushed in slices this small: fflate inflates everything pushed in one call before it
 * reports any output, so a 1 MB deflate bomb pushed whole would allocate a gigabyte before the
 * limit could be checked. A 16 KiB slice expands to at most ~17 MB (deflate's ratio tops out near
 * 1032:1) before the callback sees it.
 */
const SLICE = 16 * 1024;

/**
 * Inflates a zlib stream (RFC 1950: PNG zTXt/iTXt, PDF FlateDecode, WOFF tables), refusing to
 * produce more than `maxBytes`: hostile input costs bounded memory and time, and a truncated or
 * corrupt stream is an error, never a hang or a partial result.
 */
export function unzlibBounded(data: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const stream = new Unzlib((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes)
      throw new InflateError('inflate-too-large', `compressed data expands to more than ${maxBytes} bytes`);
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    if (data.length === 0) throw new Error('no data');
    for (let at = 0; at < data.length; at += SLICE) {
      const end = Math.min(at + SLICE, data.length);
      stream.push(data.subarray(at, end), end === data.length);
    }
  } catch (error) {
    if (error instanceof InflateError) throw error;
    throw new InflateError('inflate-corrupt', `compressed data is corrupt (${(error as Error).message})`);
  }
  if (!finished) throw new InflateError('inflate-corrupt', 'compressed data ends early');
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
