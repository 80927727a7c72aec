/**
 * The editor's PDF: the shared composition the CLI runs too (shared/render/pdf-compose.ts — page,
 * fonts and their fallback subsets, document information, project attachment) with PDFKit's
 * browser build and the bundled font files. Loaded with the first PDF export only (compose.ts
 * imports it lazily), and each font file only when a PDF's text needs it (pdf-font-files.ts).
 */
import { composePdf, type PdfPage } from '../../../shared/render/pdf-compose';
import type { PictureContent } from '../../../shared/render/picture';
import { readBundledWoff } from './pdf-font-files';
import { PDFDocument, SVGtoPDF } from './pdf-libs';

/** The one-page PDF of `svg`, carrying `content`'s project file. */
export function renderPdf(svg: string, content: PictureContent, page: PdfPage): Promise<Uint8Array> {
  // Our SVG uses nothing svg-to-pdfkit cannot draw (test/unit/renderer/picture.test.ts listens for its warnings).
  return composePdf(svg, content, page, { PDFDocument, SVGtoPDF, readWoff: readBundledWoff });
}
