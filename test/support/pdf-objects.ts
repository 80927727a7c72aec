/**
 * A PDF as the list of its objects with every stream inflated — the form in which two PDFs
 * written by PDFKit's Node build (zlib) and its browser build (fflate) compare equal: the same
 * objects in the same order, the bytes of each stream the same once inflated; only the
 * compressed bytes, their /Length and the cross-reference offsets differ.
 */
import { unzlibSync } from 'fflate';

export interface PdfObjectText {
  readonly id: string;
  /** The object's dictionary (or value), with a stream's /Length left out. */
  readonly head: string;
  /** The stream, inflated when it is FlateDecode; absent for an object without one. */
  readonly stream?: string;
}

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

/** The objects of a PDFKit PDF (no object streams, no incremental updates), and its trailer. */
export function pdfObjects(pdf: Uint8Array): { objects: PdfObjectText[]; trailer: string } {
  const text = latin1(pdf);
  const objects: PdfObjectText[] = [];
  const header = /(\d+ \d+) obj\n/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text)) !== null) {
    const start = match.index + match[0].length;
    const streamAt = text.indexOf('\nstream\n', start);
    const endAt = text.indexOf('\nendobj', start);
    if (endAt < 0) throw new Error(`object ${match[1]} has no endobj`);
    if (streamAt < 0 || streamAt > endAt) {
      objects.push({ id: match[1]!, head: text.slice(start, endAt) });
      header.lastIndex = endAt;
      continue;
    }
    const dict = text.slice(start, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    if (!Number.isInteger(length)) throw new Error(`object ${match[1]}: a stream without a direct /Length`);
    const data = pdf.subarray(streamAt + 8, streamAt + 8 + length);
    const stream = /\/Filter \/FlateDecode/.test(dict) ? latin1(unzlibSync(data)) : latin1(data);
    objects.push({ id: match[1]!, head: dict.replace(/\/Length \d+\n?/, ''), stream });
    header.lastIndex = streamAt + 8 + length;
  }
  const trailer = text.slice(text.lastIndexOf('trailer'), text.lastIndexOf('startxref'));
  return { objects, trailer };
}
