/**
 * Text chunks of a PNG file (RFC 2083 / PNG 3rd edition §11.3.3): reading `tEXt`, `zTXt` and
 * `iTXt`, and adding an `iTXt`. A picture exported by Portolan carries its project file in an
 * `iTXt` chunk; any PNG a user drops on the editor or passes to the CLI is read here, so every
 * length is checked against the bytes that are really there, decompression is bounded, and a
 * damaged file is an error with a code — never a hang, an out-of-range read or a partial text.
 */
import { MAX_PROJECT_BYTES } from '../model/constraints';
import { crc32 } from './crc32';
import { InflateError, unzlibBounded } from './inflate-bounded';
import { decodeUtf8, latin1, utf8Bytes } from './utf8-bytes';
import { zlibSync } from 'fflate';

export const PNG_SIGNATURE: Readonly<Uint8Array> = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);

export type PngErrorCode =
  /** The bytes do not start with the PNG signature. */
  | 'png-not-png'
  /** A chunk runs past the end of the bytes, or IEND never comes. */
  | 'png-truncated'
  /** A chunk's length or type is impossible, or IHDR is not the first chunk. */
  | 'png-bad-chunk'
  /** A chunk this module reads has a CRC that does not match its bytes. */
  | 'png-bad-crc'
  /** A text chunk is malformed: no keyword, an unknown compression, data that does not decompress. */
  | 'png-bad-text'
  /** An `iTXt` chunk's text is not UTF-8. */
  | 'png-not-utf8'
  /** A compressed text expands beyond the limit. */
  | 'png-too-large';

export class PngError extends Error {
  constructor(
    readonly code: PngErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface PngChunk {
  /** Four ASCII letters, e.g. `IHDR`. */
  readonly type: string;
  /** Offset of the chunk's length field; the chunk occupies `[offset, offset + 12 + length)`. */
  readonly offset: number;
  readonly length: number;
}

export type PngTextKind = 'tEXt' | 'zTXt' | 'iTXt';
const TEXT_KINDS: ReadonlySet<string> = new Set<PngTextKind>(['tEXt', 'zTXt', 'iTXt']);

export interface PngText {
  readonly kind: PngTextKind;
  readonly keyword: string;
  readonly text: string;
}

const MAX_CHUNK_LENGTH = 0x7fffffff;

const u32 = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

function putU32(b: Uint8Array, at: number, value: number): void {
  b[at] = value >>> 24;
  b[at + 1] = (value >>> 16) & 0xff;
  b[at + 2] = (value >>> 8) & 0xff;
  b[at + 3] = value & 0xff;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Whether `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * The chunks up to and including IEND, in order. Checks the signature, that IHDR comes first
 * with its 13 bytes, that every length fits in the bytes left and every type is four letters.
 * CRCs are checked only where the bytes are interpreted (IHDR and text chunks): checking every
 * image-data chunk would cost a pass over megabytes of pixels that are passed through untouched.
 */
export function pngChunks(png: Uint8Array): PngChunk[] {
  if (!isPng(png)) throw new PngError('png-not-png', 'not a PNG file (the signature is missing)');
  const chunks: PngChunk[] = [];
  let at = PNG_SIGNATURE.length;
  for (;;) {
    // Each step advances at least 12 bytes, so the loop ends within png.length / 12 steps.
    if (at + 12 > png.length)
      throw new PngError('png-truncated', `the file ends at byte ${png.length} before the IEND chunk`);
    const length = u32(png, at);
    if (length > MAX_CHUNK_LENGTH)
      throw new PngError('png-bad-chunk', `the chunk at byte ${at} claims ${length} bytes, over PNG's limit`);
    if (length > png.length - at - 12)
      throw new PngError('png-truncated', `the chunk at byte ${at} claims ${length} bytes; the file ends first`);
    const typeBytes = png.subarray(at + 4, at + 8);
    if (!typeBytes.every(isLetter))
      throw new PngError('png-bad-chunk', `the chunk at byte ${at} has no valid type (four ASCII letters)`);
    const type = latin1(typeBytes);
    if (chunks.length === 0 && (type !== 'IHDR' || length !== 13))
      throw new PngError('png-bad-chunk', 'the first chunk is not a 13-byte IHDR');
    chunks.push({ type, offset: at, length });
    at += 12 + length;
    if (type === 'IEND') return chunks;
  }
}

function checkCrc(png: Uint8Array, chunk: PngChunk): void {
  const end = chunk.offset + 8 + chunk.length;
  if (crc32(png, chunk.offset + 4, end) !== u32(png, end))
    throw new PngError('png-bad-crc', `the ${chunk.type} chunk at byte ${chunk.offset} is damaged (CRC mismatch)`);
}

/** Width and height in pixels, from IHDR. */
export function pngSize(png: Uint8Array): { readonly width: number; readonly height: number } {
  const ihdr = pngChunks(png)[0]!;
  checkCrc(png, ihdr);
  return { width: u32(png, ihdr.offset + 8), height: u32(png, ihdr.offset + 12) };
}

/** A keyword PNG allows: 1–79 printable Latin-1 characters, no leading, trailing or double spaces. */
export function isPngKeyword(keyword: string): boolean {
  return (
    keyword.length >= 1 &&
    keyword.length <= 79 &&
    /^[\x20-\x7e\xa1-\xff]+$/.test(keyword) &&
    !/^ | $| {2}/.test(keyword)
  );
}

function inflateText(data: Uint8Array, maxBytes: number, where: string): Uint8Array {
  try {
    return unzlibBounded(data, maxBytes);
  } catch (error) {
    if (error instanceof InflateError && error.code === 'inflate-too-large')
      throw new PngError('png-too-large', `${where} expands to more than ${maxBytes} bytes`);
    throw new PngError('png-bad-text', `${where} does not decompress (${(error as Error).message})`);
  }
}

/** The keyword of a text chunk's data: the bytes before the first NUL. */
function keywordOf(data: Uint8Array): { keyword: string; rest: number } | undefined {
  const nul = data.subarray(0, 80).indexOf(0);
  if (nul < 1) return undefined;
  return { keyword: latin1(data.subarray(0, nul)), rest: nul + 1 };
}

function decodeText(kind: PngTextKind, data: Uint8Array, maxBytes: number, where: string): PngText {
  const head = keywordOf(data);
  if (!head) throw new PngError('png-bad-text', `${where} has no keyword`);
  const { keyword } = head;
  let at = head.rest;
  if (kind === 'tEXt') {
    if (data.length - at > maxBytes) throw new PngError('png-too-large', `${where} holds more than ${maxBytes} bytes`);
    return { kind, keyword, text: latin1(data.subarray(at)) };
  }
  if (kind === 'zTXt') {
    if (data[at] !== 0) throw new PngError('png-bad-text', `${where} uses an unknown compression method`);
    return { kind, keyword, text: latin1(inflateText(data.subarray(at + 1), maxBytes, where)) };
  }
  // iTXt: compression flag, method, language tag NUL, translated keyword NUL, text.
  const flag = data[at];
  const method = data[at + 1];
  if ((flag !== 0 && flag !== 1) || method !== 0)
    throw new PngError('png-bad-text', `${where} has an invalid compression flag or method`);
  at += 2;
  for (let field = 0; field < 2; field++) {
    const nul = data.indexOf(0, at);
    if (nul < 0) throw new PngError('png-bad-text', `${where} ends inside its header`);
    at = nul + 1;
  }
  const raw = data.subarray(at);
  if (flag === 0 && raw.length > maxBytes)
    throw new PngError('png-too-large', `${where} holds more than ${maxBytes} bytes`);
  const bytes = flag === 1 ? inflateText(raw, maxBytes, where) : raw;
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new PngError('png-not-utf8', `${where} is not UTF-8 text`);
  return { kind, keyword, text };
}

export interface ReadTextOptions {
  /** Largest text (after decompression) accepted; default the project file's limit. */
  readonly maxTextBytes?: number;
}

/**
 * Every text chunk, decoded; with `keyword`, only the chunks with that keyword are decoded (an
 * unrelated damaged chunk does not stop the one asked for from being read).
 */
export function readPngTexts(png: Uint8Array, keyword?: string, options: ReadTextOptions = {}): PngText[] {
  const maxBytes = options.maxTextBytes ?? MAX_PROJECT_BYTES;
  const texts: PngText[] = [];
  for (const chunk of pngChunks(png)) {
    if (!TEXT_KINDS.has(chunk.type)) continue;
    const data = png.subarray(chunk.offset + 8, chunk.offset + 8 + chunk.length);
    if (keyword !== undefined && keywordOf(data)?.keyword !== keyword) continue;
    checkCrc(png, chunk);
    texts.push(
      decodeText(chunk.type as PngTextKind, data, maxBytes, `the ${chunk.type} chunk at byte ${chunk.offset}`),
    );
  }
  return texts;
}

/** The text of the first text chunk with `keyword`, or undefined when there is none. */
export function readPngText(png: Uint8Array, keyword: string, options: ReadTextOptions = {}): string | undefined {
  return readPngTexts(png, keyword, options)[0]?.text;
}

function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  putU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  putU32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** An `iTXt` chunk's data: UTF-8 text, zlib-compressed when `compress`; no language tag. */
function iTxtData(keyword: string, text: string, compress: boolean): Uint8Array {
  const body = compress ? zlibSync(utf8Bytes(text), { level: 9 }) : utf8Bytes(text);
  const head = Uint8Array.from([...keyword].map((c) => c.charCodeAt(0)));
  const data = new Uint8Array(head.length + 5 + body.length);
  data.set(head, 0);
  // NUL after the keyword, the compression flag and method, then empty language tag and translated keyword.
  data.set([0, compress ? 1 : 0, 0, 0, 0], head.length);
  data.set(body, head.length + 5);
  return data;
}

export interface AddTextOptions {
  /** zlib-compress the text (default true: a project file shrinks to about a fifth). */
  readonly compress?: boolean;
}

/**
 * A copy of `png` with an `iTXt` chunk holding `text` under `keyword`, placed right after IHDR
 * (readers find it without walking the image data). Text chunks already there with the same
 * keyword are dropped, so the file holds one value per keyword. Byte-stable for the same input.
 */
export function addPngText(png: Uint8Array, keyword: string, text: string, options: AddTextOptions = {}): Uint8Array {
  if (!isPngKeyword(keyword)) throw new PngError('png-bad-text', `"${keyword}" is not a valid PNG keyword`);
  const chunks = pngChunks(png);
  const added = chunkBytes('iTXt', iTxtData(keyword, text, options.compress ?? true));
  const kept = chunks.filter((c) => {
    if (!TEXT_KINDS.has(c.type)) return true;
    return keywordOf(png.subarray(c.offset + 8, c.offset + 8 + c.length))?.keyword !== keyword;
  });
  const size = kept.reduce((n, c) => n + 12 + c.length, PNG_SIGNATURE.length + added.length);
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const c of kept) {
    out.set(png.subarray(c.offset, c.offset + 12 + c.length), at);
    at += 12 + c.length;
    if (c.type === 'IHDR') {
      out.set(added, at);
      at += added.length;
    }
  }
  // Bytes after IEND are not part of the image (pngChunks stops there): they are not carried over.
  return out;
}
