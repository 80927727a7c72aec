/**
 * The PDF picture's page: paper sizes, where the picture goes on the page, which embedded face a
 * CSS font family maps to, the document information and the project attachment — the values
 * the one PDF composition (pdf-compose.ts, run by the CLI and the editor alike) hands PDFKit,
 * and the editor's export dialog describes.
 */
import type { TitleBlock } from './types';

export const PAPERS = ['a4', 'a3', 'letter', 'fit'] as const;
export type Paper = (typeof PAPERS)[number];

/** Portrait sizes in points (1/72 in). */
export const PAPER_SIZE: Readonly<Record<Exclude<Paper, 'fit'>, readonly [number, number]>> = {
  a4: [595.28, 841.89],
  a3: [841.89, 1190.55],
  letter: [612, 792],
};
/** 10 mm: inside what office printers cannot print on. */
export const PAGE_MARGIN = 28.35;
/** SVG user units are CSS pixels, 96 per inch. */
export const PT_PER_PX = 72 / 96;

export interface PageLayout {
  /** Page width and height in points. */
  readonly page: [number, number];
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The page size in points and where the picture goes on it, scaled to fit inside the margins. */
export function pageLayout(
  picture: { readonly width: number; readonly height: number },
  paper: Paper,
  landscape: boolean,
): PageLayout {
  const w = picture.width * PT_PER_PX;
  const h = picture.height * PT_PER_PX;
  if (paper === 'fit') {
    return { page: [w + 2 * PAGE_MARGIN, h + 2 * PAGE_MARGIN], x: PAGE_MARGIN, y: PAGE_MARGIN, width: w, height: h };
  }
  const [short, long] = PAPER_SIZE[paper];
  const page: [number, number] = landscape ? [long, short] : [short, long];
  const scale = Math.min((page[0] - 2 * PAGE_MARGIN) / w, (page[1] - 2 * PAGE_MARGIN) / h);
  const width = w * scale;
  const height = h * scale;
  return { page, x: (page[0] - width) / 2, y: (page[1] - height) / 2, width, height };
}

/** PDFKit's name for a face: the family, `-Bold` for the semibold (svg-to-pdfkit maps 600 to bold). */
export const faceName = (family: string, bold: boolean): string => (bold ? `${family}-Bold` : family);

/** The first family of a CSS `font-family` list that is registered; Inter otherwise. */
export function pdfFontFor(families: string, bold: boolean, registered: ReadonlySet<string>): string {
  for (const raw of families.split(',')) {
    const family = raw.trim().replace(/^['"]|['"]$/g, '');
    if (registered.has(family)) return faceName(family, bold);
    if (family === 'monospace') return faceName('JetBrains Mono', bold);
  }
  return faceName('Inter', bold);
}

/** Midnight UTC of a YYYY-MM-DD date: the PDF's creation and modification date. */
export function pdfDate(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const value = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (value === undefined || Number.isNaN(value.getTime())) throw new Error(`"${date}" is not a YYYY-MM-DD date`);
  return value;
}

/** PDFKit's `info` for a picture: the title block's name and description, dated by the title block. */
export function pdfInfo(title: TitleBlock): Record<string, string | Date> {
  const date = pdfDate(title.date);
  return {
    Title: title.name,
    ...(title.description !== '' ? { Subject: title.description } : {}),
    Creator: 'Portolan',
    Producer: 'Portolan (PDFKit)',
    CreationDate: date,
    ModDate: date,
  };
}

/** PDFKit's options for the project attachment (`doc.file(bytes, options)`). */
export function projectAttachment(name: string, date: string) {
  const when = pdfDate(date);
  return {
    name,
    type: 'application/yaml',
    description: 'Portolan project file (open this PDF in Portolan to edit the deployment)',
    creationDate: when,
    modifiedDate: when,
    relationship: 'Source',
  } as const;
}
