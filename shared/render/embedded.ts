/**
 * The project file a picture carries: SVG metadata, a PNG `iTXt` chunk, a PDF file attachment.
 * Opening or dropping a picture in the editor and `portolan validate|export|render picture.png`
 * read the project through here. The bytes may be anything a user has, so detection is by
 * signature only, every reader is bounded, and a damaged picture is a coded result.
 */
import { MAX_PROJECT_BYTES } from '../model/constraints';
import { pdfAttachment } from './pdf-attachment';
import { isPng, PngError, readPngText } from './png-text';
import { projectFromSvg } from './svg-embed';
import { decodeUtf8 } from './utf8-bytes';

export type PictureKind = 'svg' | 'png' | 'pdf';

/** The keyword of the PNG text chunk holding the project file. */
export const PNG_PROJECT_KEYWORD = 'portolan:project';
/** A PDF attachment holding a project file is named `<slug>.portolan.yaml`. */
export const PROJECT_ATTACHMENT_SUFFIX = '.portolan.yaml';
/** Largest picture read: a 500-component diagram is a few MB as PNG at 2×; this leaves room. */
export const MAX_PICTURE_BYTES = 64 * 1024 * 1024;

export type PictureErrorCode =
  /** A picture, but it holds no Portolan project. */
  | 'picture-no-project'
  /** The picture's structure or the embedded data is broken. */
  | 'picture-damaged'
  /** The embedded data is encoded in a way Portolan does not read. */
  | 'picture-unsupported'
  /** The picture, or the project inside it, is over the size limit. */
  | 'picture-too-large'
  /** The embedded project (or the SVG) is not UTF-8 text. */
  | 'picture-not-utf8';

export type PictureRead =
  | { readonly ok: true; readonly kind: PictureKind; readonly text: string }
  | { readonly ok: false; readonly kind: PictureKind; readonly code: PictureErrorCode; readonly message: string };

const KIND_NAME: Readonly<Record<PictureKind, string>> = { svg: 'SVG', png: 'PNG', pdf: 'PDF' };

/** How far into a file a PDF header may start (readers accept leading junk up to 1 KB). */
const PDF_HEADER_WINDOW = 1024;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_HEADER_WINDOW) - PDF_MAGIC.length;
  for (let at = 0; at <= end; at++) if (PDF_MAGIC.every((b, i) => bytes[at + i] === b)) return true;
  return false;
}

/**
 * Which picture `bytes` are, from their first bytes: the PNG signature, a `%PDF-` header, or XML
 * markup (`<` first, after a byte-order mark and white space — a project file never starts so).
 */
export function pictureKind(bytes: Uint8Array): PictureKind | undefined {
  if (isPng(bytes)) return 'png';
  if (hasPdfHeader(bytes)) return 'pdf';
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d))
    at++;
  return bytes[at] === 0x3c ? 'svg' : undefined;
}

const failure = (kind: PictureKind, code: PictureErrorCode, message: string): PictureRead => ({
  ok: false,
  kind,
  code,
  message,
});

const noProject = (kind: PictureKind): PictureRead =>
  failure(kind, 'picture-no-project', `this ${KIND_NAME[kind]} file holds no Portolan project`);

function readPng(bytes: Uint8Array): PictureRead {
  try {
    const text = readPngText(bytes, PNG_PROJECT_KEYWORD, { maxTextBytes: MAX_PROJECT_BYTES });
    return text === undefined ? noProject('png') : { ok: true, kind: 'png', text };
  } catch (error) {
    if (!(error instanceof PngError)) throw error;
    const code: PictureErrorCode =
      error.code === 'png-too-large'
        ? 'picture-too-large'
        : error.code === 'png-not-utf8'
          ? 'picture-not-utf8'
          : 'picture-damaged';
    return failure('png', code, `the PNG file is damaged or unreadable (${error.message})`);
  }
}

function readPdf(bytes: Uint8Array): PictureRead {
  const found = pdfAttachment(bytes, (name) => name.endsWith(PROJECT_ATTACHMENT_SUFFIX), MAX_PROJECT_BYTES);
  if (found === undefined) return noProject('pdf');
  if (!found.ok) {
    const code: PictureErrorCode =
      found.code === 'pdf-too-large'
        ? 'picture-too-large'
        : found.code === 'pdf-unsupported'
          ? 'picture-unsupported'
          : 'picture-damaged';
    return failure('pdf', code, `the PDF's project attachment cannot be read: ${found.message}`);
  }
  const text = decodeUtf8(found.bytes);
  if (text === undefined)
    return failure('pdf', 'picture-not-utf8', `the PDF's attachment ${JSON.stringify(found.name)} is not UTF-8 text`);
  return { ok: true, kind: 'pdf', text };
}

function readSvg(bytes: Uint8Array): PictureRead {
  const svg = decodeUtf8(bytes);
  if (svg === undefined) return failure('svg', 'picture-not-utf8', 'the SVG file is not UTF-8 text');
  const text = projectFromSvg(svg);
  return text === undefined ? noProject('svg') : { ok: true, kind: 'svg', text };
}

/**
 * The project inside a picture, or why there is none; undefined when `bytes` are not a picture
 * at all (a project file, say). Never throws on any input.
 */
export function readPicture(bytes: Uint8Array): PictureRead | undefined {
  const kind = pictureKind(bytes);
  if (kind === undefined) return undefined;
  if (bytes.length > MAX_PICTURE_BYTES)
    return failure(kind, 'picture-too-large', `the ${KIND_NAME[kind]} file is over ${MAX_PICTURE_BYTES} bytes`);
  if (kind === 'png') return readPng(bytes);
  if (kind === 'pdf') return readPdf(bytes);
  return readSvg(bytes);
}

/** The project file a picture carries, exactly as it was embedded; undefined when there is none. */
export function projectFromPicture(bytes: Uint8Array): { kind: PictureKind; text: string } | undefined {
  const read = readPicture(bytes);
  return read?.ok ? { kind: read.kind, text: read.text } : undefined;
}
