// PDFKit (its browser build: no Node built-ins) and svg-to-pdfkit, re-exported through a plain JS
// module so TypeScript reads pdf-libs.d.ts — the structural types of shared/render/pdf-compose.ts —
// instead of the packages' own types, which pull Node's type definitions (Buffer, streams) into
// the browser layer. Imported by pdf.ts only, which loads with the first PDF export.
export { default as PDFDocument } from 'pdfkit';
export { default as SVGtoPDF } from 'svg-to-pdfkit';
