/**
 * The CLI's PDF: the shared composition (shared/render/pdf-compose.ts — page, fonts, fallback
 * runs, document information, project attachment; the editor runs the same) with PDFKit's Node
 * build and the font files from node_modules.
 */
import { composePdf, type PdfDocumentClass, type PdfPage, type SvgToPdf } from '../../shared/render/pdf-compose';
import type { PictureContent } from '../../shared/render/picture';
import { readWoffFile } from './render-fonts';

export { PAPERS, type Paper } from '../../shared/render/pdf-page';

/**
 * The one-page PDF of `svg`, carrying `content`'s project file. `onWarning` hears each construct
 * svg-to-pdfkit could not draw (none is expected from our SVG; the tests watch).
 */
export async function renderPdf(
  svg: string,
  content: PictureContent,
  page: PdfPage,
  onWarning?: (warning: string) => void,
): Promise<Uint8Array> {
  // Loaded on first use: PDFKit and its font library take a while to load and other commands never need them.
  const [{ default: PDFDocument }, { default: SVGtoPDF }] = await Promise.all([
    import('pdfkit'),
    import('svg-to-pdfkit'),
  ]);
  return composePdf(svg, content, page, {
    // @types/pdfkit types `font` as a name; PDFKit itself takes null for "no first font".
    PDFDocument: PDFDocument as unknown as PdfDocumentClass,
    // The types declare the class where the function takes a document instance.
    SVGtoPDF: SVGtoPDF as unknown as SvgToPdf,
    readWoff: readWoffFile,
    ...(onWarning !== undefined ? { onWarning } : {}),
  });
}
