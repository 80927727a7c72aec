/**
 * PDFKit's browser build and svg-to-pdfkit as the shared composition uses them
 * (shared/render/pdf-compose.ts declares that part; see pdf-libs.js for why these are declared
 * here rather than taken from @types/pdfkit).
 */
import type { PdfDocumentClass, SvgToPdf } from '../../../shared/render/pdf-compose';

export const PDFDocument: PdfDocumentClass;
export const SVGtoPDF: SvgToPdf;
