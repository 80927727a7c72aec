/**
 * Reads a file attachment (an embedded-file stream named by a file specification, ISO 32000-1
 * §7.11.3–7.11.4) out of a PDF's bytes. Portolan's PDFs carry the project file this way, so a
 * PDF sent on to a customer can be opened again as the project. The reader does not trust the
 * cross-reference table (a damaged or hand-edited file's offsets are often wrong): it scans the
 * file for `N G obj` headers, as repairing readers do, skipping stream data by its /Length so
 * compressed bytes are never taken for objects; object streams (PDF 1.5) are unpacked too.
 * Decompression is bounded and every failure is a coded result, never an exception or a hang.
 */
import { InflateError, unzlibBounded } from './inflate-bounded';
import {
  isDict,
  isName,
  isRef,
  isString,
  PdfParser,
  PdfSyntaxError,
  pdfText,
  type PdfDict,
  type PdfValue,
} from './pdf-objects';
import { latin1 } from './utf8-bytes';

export type PdfAttachmentFailure = {
  readonly ok: false;
  readonly code: 'pdf-damaged' | 'pdf-unsupported' | 'pdf-too-large';
  readonly message: string;
};
export type PdfAttachmentResult =
  { readonly ok: true; readonly name: string; readonly bytes: Uint8Array } | PdfAttachmentFailure;

interface PdfObject {
  readonly value: PdfValue;
  /** Where the stream's data starts, and where it ends as far as the scan could tell. */
  readonly stream?: { readonly start: number; readonly end: number };
}

const HEADER = /(\d{1,10})[\0\t\n\f\r ]+(\d{1,5})[\0\t\n\f\r ]+obj(?![A-Za-z])/g;
/** What all object streams of one file may expand to together. */
const MAX_OBJECT_STREAM_BYTES = 16 * 1024 * 1024;
const MAX_OBJECT_STREAMS = 1_000;

const fail = (code: PdfAttachmentFailure['code'], message: string): PdfAttachmentFailure => ({
  ok: false,
  code,
  message,
});

/** Where a stream's data begins: after `stream` and its end of line (CRLF or LF; a lone CR is tolerated). */
function streamStart(src: string, afterKeyword: number): number {
  if (src.startsWith('\r\n', afterKeyword)) return afterKeyword + 2;
  if (src[afterKeyword] === '\n' || src[afterKeyword] === '\r') return afterKeyword + 1;
  return afterKeyword;
}

/** The end of a stream's data when its direct /Length is right (followed by `endstream`). */
function streamEndByLength(src: string, start: number, dict: PdfDict): number | undefined {
  const length = dict.get('Length');
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > src.length - start)
    return undefined;
  const after = new PdfParser(src, start + length);
  return after.peekWord() === 'endstream' ? start + length : undefined;
}

/** Every object in file order; a later definition of a number replaces an earlier one (incremental updates). */
function scanObjects(src: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  let at = 0;
  for (;;) {
    HEADER.lastIndex = at;
    const header = HEADER.exec(src);
    if (!header) return objects;
    const parser = new PdfParser(src, HEADER.lastIndex);
    let value: PdfValue;
    try {
      value = parser.value();
    } catch (error) {
      if (!(error instanceof PdfSyntaxError)) throw error;
      // Past everything the failed parse looked at: each byte is scanned by at most one failure.
      at = Math.max(parser.reach, HEADER.lastIndex);
      continue;
    }
    let object: PdfObject = { value };
    if (isDict(value) && parser.peekWord() === 'stream') {
      const start = streamStart(src, parser.at + 'stream'.length);
      const byLength = streamEndByLength(src, start, value);
      const marker = byLength ?? src.indexOf('endstream', start);
      const end = byLength ?? (marker < 0 ? src.length : marker);
      object = { value, stream: { start, end } };
      parser.at = marker < 0 ? src.length : marker + 'endstream'.length;
    }
    objects.set(Number(header[1]), object);
    // Always forward: a header whose value parsed to nothing still moves past itself.
    at = Math.max(parser.at, HEADER.lastIndex);
  }
}

function resolve(objects: ReadonlyMap<number, PdfObject>, value: PdfValue | undefined): PdfValue | undefined {
  let v = value;
  for (let hops = 0; hops < 8 && isRef(v); hops++) v = objects.get(v.ref)?.value;
  return isRef(v) ? undefined : v;
}

type Bytes = { ok: true; bytes: Uint8Array } | PdfAttachmentFailure;

/** A stream's decoded bytes: stored as is, or FlateDecode without a predictor (what PDF writers use for files). */
function streamBytes(
  pdf: Uint8Array,
  objects: ReadonlyMap<number, PdfObject>,
  object: PdfObject,
  maxBytes: number,
): Bytes {
  const dict = object.value as PdfDict;
  const stream = object.stream!;
  let end = stream.end;
  const length = resolve(objects, dict.get('Length'));
  if (isRef(dict.get('Length')) && typeof length === 'number' && length >= 0 && stream.start + length <= pdf.length)
    end = stream.start + length;
  const data = pdf.subarray(stream.start, end);
  const filter = resolve(objects, dict.get('Filter'));
  const filters = Array.isArray(filter) ? filter : filter === undefined || filter === null ? [] : [filter];
  if (filters.length === 0) {
    if (data.length > maxBytes) return fail('pdf-too-large', `the stream holds more than ${maxBytes} bytes`);
    return { ok: true, bytes: data };
  }
  const parms = resolve(objects, dict.get('DecodeParms'));
  const predictor = isDict(parms) ? parms.get('Predictor') : undefined;
  if (filters.length !== 1 || !isName(filters[0]) || filters[0].name !== 'FlateDecode' || (predictor ?? 1) !== 1)
    return fail('pdf-unsupported', 'the stream is encoded in a way this reader does not decode');
  try {
    return { ok: true, bytes: unzlibBounded(data, maxBytes) };
  } catch (error) {
    if (error instanceof InflateError && error.code === 'inflate-too-large')
      return fail('pdf-too-large', `the stream expands to more than ${maxBytes} bytes`);
    return fail('pdf-damaged', `the stream does not decompress (${(error as Error).message})`);
  }
}

/** Adds the objects held in object streams (`/Type /ObjStm`) that are not defined outside one. */
function unpackObjectStreams(pdf: Uint8Array, objects: Map<number, PdfObject>): void {
  let budget = MAX_OBJECT_STREAM_BYTES;
  let count = 0;
  for (const object of [...objects.values()]) {
    const dict = object.value;
    if (!object.stream || !isDict(dict)) continue;
    const type = dict.get('Type');
    if (!isName(type) || type.name !== 'ObjStm') continue;
    if (++count > MAX_OBJECT_STREAMS || budget <= 0) return;
    const decoded = streamBytes(pdf, objects, object, budget);
    if (!decoded.ok) continue;
    budget -= decoded.bytes.length;
    const src = latin1(decoded.bytes);
    const n = dict.get('N');
    const first = dict.get('First');
    if (typeof n !== 'number' || typeof first !== 'number' || n < 0 || first < 0 || first > src.length) continue;
    try {
      const header = new PdfParser(src, 0);
      const pairs: [number, number][] = [];
      for (let i = 0; i < Math.min(n, 100_000); i++) pairs.push([header.value() as number, header.value() as number]);
      for (const [num, offset] of pairs) {
        if (typeof num !== 'number' || typeof offset !== 'number' || objects.has(num)) continue;
        objects.set(num, { value: new PdfParser(src, first + offset).value() });
      }
    } catch (error) {
      if (!(error instanceof PdfSyntaxError)) throw error;
    }
  }
}

/** File specifications (dictionaries with /EF) anywhere in `value`, in the order they appear. */
function collectFileSpecs(value: PdfValue, into: PdfDict[], depth = 0): void {
  if (depth > 32) return;
  if (isDict(value)) {
    if (value.has('EF')) into.push(value);
    for (const v of value.values()) collectFileSpecs(v, into, depth + 1);
  } else if (Array.isArray(value)) for (const v of value) collectFileSpecs(v, into, depth + 1);
}

/**
 * The first attachment whose file name `accept`s, decoded (at most `maxBytes`); undefined when the
 * PDF has none. The name is the specification's /UF (Unicode) or else /F.
 */
export function pdfAttachment(
  pdf: Uint8Array,
  accept: (name: string) => boolean,
  maxBytes: number,
): PdfAttachmentResult | undefined {
  const src = latin1(pdf);
  const objects = scanObjects(src);
  const specs: PdfDict[] = [];
  for (const object of objects.values()) collectFileSpecs(object.value, specs);
  if (specs.length === 0 && src.includes('/ObjStm')) {
    unpackObjectStreams(pdf, objects);
    for (const object of objects.values()) collectFileSpecs(object.value, specs);
  }
  for (const spec of specs) {
    const nameValue = resolve(objects, spec.get('UF')) ?? resolve(objects, spec.get('F'));
    const name = isString(nameValue) ? pdfText(nameValue) : undefined;
    if (name === undefined || !accept(name)) continue;
    const ef = resolve(objects, spec.get('EF'));
    const fileRef = isDict(ef) ? (ef.get('UF') ?? ef.get('F')) : undefined;
    const file = isRef(fileRef) ? objects.get(fileRef.ref) : undefined;
    if (!file?.stream) return fail('pdf-damaged', `the attachment ${JSON.stringify(name)} has no embedded file stream`);
    const bytes = streamBytes(pdf, objects, file, maxBytes);
    return bytes.ok ? { ok: true, name, bytes: bytes.bytes } : bytes;
  }
  return undefined;
}
