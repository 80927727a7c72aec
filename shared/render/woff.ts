/**
 * WOFF 1.0 (W3C, 2012) to the SFNT font it wraps (TrueType/OpenType). The rasteriser's font
 * database reads TTF/OTF only, and the fonts Portolan ships come from @fontsource as WOFF and
 * WOFF2. WOFF 1 is a table directory with each table zlib-compressed on its own, so unwrapping it
 * is a bounded copy-and-inflate per table — no font library needed (WOFF2's Brotli and glyph
 * transforms would be). Every offset and length is checked against the bytes that are there.
 */
import { InflateError, unzlibBounded } from './inflate-bounded';

export class WoffError extends Error {
  constructor(message: string) {
    super(`woff: ${message}`);
  }
}

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const HEADER = 44;
const DIR_ENTRY = 20;
const SFNT_ENTRY = 16;
/** Larger than any font a diagram needs (Inter's full set is ~800 KB as TTF). */
export const MAX_SFNT_BYTES = 32 * 1024 * 1024;

const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}
function put32(b: Uint8Array, at: number, v: number): void {
  put16(b, at, v >>> 16);
  put16(b, at + 2, v & 0xffff);
}

/** n rounded up to a multiple of 4 (not with `& ~3`: a length read from the file may be 2³¹ or more). */
const pad4 = (n: number): number => n + ((4 - (n % 4)) % 4);

export const isWoff = (bytes: Uint8Array): boolean => bytes.length >= 4 && u32(bytes, 0) === WOFF_SIGNATURE;

interface TableEntry {
  readonly tag: number;
  readonly offset: number;
  readonly compLength: number;
  readonly origLength: number;
  readonly checksum: number;
}

/** The SFNT font inside a WOFF 1.0 file, table order and checksums as the original had them. */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  if (woff.length < HEADER || !isWoff(woff)) throw new WoffError('not a WOFF 1.0 file');
  const flavor = u32(woff, 4);
  const numTables = u16(woff, 12);
  if (numTables === 0) throw new WoffError('the font has no tables');
  if (HEADER + numTables * DIR_ENTRY > woff.length) throw new WoffError('the table directory runs past the file');

  const entries: TableEntry[] = [];
  let sfntSize = 12 + numTables * SFNT_ENTRY;
  for (let i = 0; i < numTables; i++) {
    const at = HEADER + i * DIR_ENTRY;
    const entry: TableEntry = {
      tag: u32(woff, at),
      offset: u32(woff, at + 4),
      compLength: u32(woff, at + 8),
      origLength: u32(woff, at + 12),
      checksum: u32(woff, at + 16),
    };
    if (entry.offset > woff.length || entry.compLength > woff.length - entry.offset)
      throw new WoffError(`table ${i} runs past the file`);
    if (entry.compLength > entry.origLength) throw new WoffError(`table ${i} is larger compressed than uncompressed`);
    sfntSize += pad4(entry.origLength);
    if (sfntSize > MAX_SFNT_BYTES) throw new WoffError(`the font would be over ${MAX_SFNT_BYTES} bytes`);
    entries.push(entry);
  }

  const out = new Uint8Array(sfntSize);
  // Offset table: searchRange etc. are derived from the table count, as the SFNT spec defines them.
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  put32(out, 0, flavor);
  put16(out, 4, numTables);
  put16(out, 6, searchRange);
  put16(out, 8, entrySelector);
  put16(out, 10, numTables * 16 - searchRange);

  // Directory records stay in tag order (as WOFF and SFNT both require); the table data goes in
  // the order of the WOFF offsets, which keep the original font's physical order.
  const physical = entries.map((_, i) => i).sort((a, b) => entries[a]!.offset - entries[b]!.offset);
  let dataAt = 12 + numTables * SFNT_ENTRY;
  physical.forEach((i) => {
    const entry = entries[i]!;
    const record = 12 + i * SFNT_ENTRY;
    put32(out, record, entry.tag);
    put32(out, record + 4, entry.checksum);
    put32(out, record + 8, dataAt);
    put32(out, record + 12, entry.origLength);
    const stored = woff.subarray(entry.offset, entry.offset + entry.compLength);
    let table = stored;
    if (entry.compLength < entry.origLength) {
      try {
        table = unzlibBounded(stored, entry.origLength);
      } catch (error) {
        const why = error instanceof InflateError ? error.message : String(error);
        throw new WoffError(`table ${i} does not decompress: ${why}`);
      }
    }
    if (table.length !== entry.origLength) throw new WoffError(`table ${i} has the wrong length after decompression`);
    out.set(table, dataAt);
    dataAt += pad4(entry.origLength);
  });
  return out;
}
