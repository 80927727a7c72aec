/**
 * SVG picture → vector PDF, composed once for the CLI (electron/node/render-pdf.ts) and the
 * editor (renderer/src/picture/pdf.ts): PDFKit draws the page, svg-to-pdfkit the picture on it —
 * shapes stay shapes and text stays text (selectable, searchable, sharp at any zoom) in the
 * embedded Inter and JetBrains Mono with fallback subsets (pdf-fonts.ts) — fitted to the paper
 * with a margin (pdf-page.ts), and the project file rides along as a file attachment
 * (`<slug>.portolan.yaml`; embedded.ts reads it back).
 *
 * The two libraries and the font bytes are handed in: the CLI gives PDFKit's Node build and
 * reads the fonts from node_modules, the editor gives PDFKit's browser build and its bundled
 * font assets. So shared/ needs neither library's types (PDFKit's pull in Node's), only the
 * structural part of them declared here.
 *
 * Byte-stable for the same input: the dates are the title block's date (not the clock), PDFKit
 * derives the document ID from the document info (an MD5 of it), and the font subset tags come
 * from the font's resource name. (fontkit's one `Math.random` is the CFF charstring `random`
 * operator; the fonts here are TrueType, so it never runs.) The two PDFKit builds differ only in
 * their deflate (Node's zlib, fflate in the browser): the same objects, compressed differently.
 */
import { projectFileName } from '../model/file-name';
import { concatBytes } from './bytes';
import type { WoffSource } from './font-subsets';
import { loadPdfFonts } from './pdf-fonts';
import { faceName, pageLayout, pdfFontFor, pdfInfo, projectAttachment, type Paper } from './pdf-page';
import { markFallbackRuns } from './pdf-runs';
import type { PictureContent } from './picture';
import { svgSize } from './picture-size';
import { utf8Bytes } from './utf8-bytes';

/** The options the composition gives PDFKit's document. */
export interface PdfDocumentOptions {
  readonly size: [number, number];
  readonly margin: number;
  readonly pdfVersion: '1.7';
  readonly info: Record<string, string | Date>;
  readonly displayTitle: boolean;
  /**
   * The document's first font; null: none. Every text is set in the registered faces
   * (`fontCallback`), so no standard font is needed — and PDFKit's browser build has none.
   */
  readonly font: null;
}

/** The part of a PDFKit document the composition uses. */
export interface PdfDocument {
  registerFont(name: string, src: Uint8Array): this;
  file(src: Uint8Array, options: ReturnType<typeof projectAttachment>): this;
  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'error', listener: (error: unknown) => void): this;
  end(): void;
}

export type PdfDocumentClass = new (options: PdfDocumentOptions) => PdfDocument;

export interface SvgToPdfOptions {
  readonly width: number;
  readonly height: number;
  readonly preserveAspectRatio: string;
  readonly fontCallback: (family: string, bold: boolean, italic: boolean) => string;
  readonly warningCallback: (warning: string) => void;
}

/** svg-to-pdfkit's one function. */
export type SvgToPdf = (doc: PdfDocument, svg: string, x: number, y: number, options: SvgToPdfOptions) => void;

/** What each side hands the composition. */
export interface PdfSources {
  readonly PDFDocument: PdfDocumentClass;
  readonly SVGtoPDF: SvgToPdf;
  /** The WOFF bytes of a font file (font-subsets.ts says which files exist). */
  readonly readWoff: WoffSource;
  /** Called with each construct svg-to-pdfkit could not draw (none is expected from our SVG). */
  readonly onWarning?: (warning: string) => void;
}

export interface PdfPage {
  readonly paper: Paper;
  /** Turn the sheet (ignored for `fit`, whose page has the picture's own proportions). */
  readonly landscape: boolean;
}

/**
 * The one-page PDF of `svg` (a picture of shared/render/svg.ts, whose root has its width and
 * height in pixels), carrying `content`'s project file, titled by its title block.
 */
export async function composePdf(
  svg: string,
  content: PictureContent,
  page: PdfPage,
  sources: PdfSources,
): Promise<Uint8Array> {
  const fonts = await loadPdfFonts(svg, sources.readWoff);
  const layout = pageLayout(svgSize(svg), page.paper, page.landscape);
  const doc = new sources.PDFDocument({
    size: layout.page,
    margin: 0,
    pdfVersion: '1.7',
    info: pdfInfo(content.title),
    displayTitle: true,
    font: null,
  });
  const registered = new Set<string>();
  for (const font of fonts.fonts) {
    doc.registerFont(faceName(font.name, font.weight === 600), font.bytes);
    registered.add(font.name);
  }
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  sources.SVGtoPDF(doc, markFallbackRuns(svg, fonts.subsetOf), layout.x, layout.y, {
    width: layout.width,
    height: layout.height,
    preserveAspectRatio: 'xMidYMid meet',
    fontCallback: (family, bold) => pdfFontFor(family, bold, registered),
    warningCallback: (warning) => sources.onWarning?.(warning),
  });
  doc.file(
    utf8Bytes(content.embeddedText),
    projectAttachment(projectFileName(content.project.meta.name), content.title.date),
  );
  doc.end();
  await ended;
  return concatBytes(chunks);
}
