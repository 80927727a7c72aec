/**
 * The fonts a PDF picture registers, for the CLI and the editor alike: the Latin subset of all
 * four faces, and Inter (regular and semibold) in each other subset the text needs, registered
 * as `Inter cyrillic`, `Inter latin-ext`, … for the fallback runs (pdf-runs.ts: svg-to-pdfkit
 * has no glyph fallback of its own, so without them a Polish, Cyrillic or Greek name prints as
 * boxes).
 *
 * TrueType, not WOFF: PDFKit's font library reads WOFF too, but inflates its tables again on
 * every access with a pure-JS inflater (over a second of a 500-component PDF went there), so
 * each file is unwrapped once here (woff.ts).
 */
import {
  FONT_FACES,
  inRanges,
  SUBSET_RANGES,
  subsetsFor,
  type FontFamily,
  type FontFile,
  type FontWeight,
  type WoffSource,
} from './font-subsets';
import { fallbackFamily } from './pdf-runs';
import { woffToSfnt } from './woff';

export interface PdfFont {
  /** The family name it is registered under in the PDF (`Inter`, or `Inter cyrillic` for a fallback subset). */
  readonly name: string;
  readonly family: FontFamily;
  readonly weight: FontWeight;
  /** TrueType bytes. */
  readonly bytes: Uint8Array;
}

export interface PdfFontSet {
  readonly fonts: readonly PdfFont[];
  /** Which registered fallback subset draws a code point the Latin faces lack (pdf-runs.ts). */
  readonly subsetOf: (codePoint: number) => string | undefined;
}

/** Where a character several subsets hold is taken from: the closest to Latin first. */
export const FALLBACK_ORDER: readonly string[] = [
  'latin-ext',
  'vietnamese',
  'cyrillic',
  'cyrillic-ext',
  'greek',
  'greek-ext',
];

export interface PdfFontPlan {
  /** The files to register, each with its name in the PDF, in registration order. */
  readonly files: readonly (FontFile & { readonly name: string })[];
  readonly subsetOf: PdfFontSet['subsetOf'];
}

/** Which files the PDF of `text` registers, and which fallback subset draws a code point. */
export function pdfFontPlan(text: string): PdfFontPlan {
  const ranges = SUBSET_RANGES.Inter;
  const needed = new Set(subsetsFor(text, ranges));
  const fallbacks = FALLBACK_ORDER.filter((subset) => needed.has(subset));
  const inter = FONT_FACES.filter((face) => face.family === 'Inter');
  return {
    files: [
      ...FONT_FACES.map((face) => ({ ...face, name: face.family as string, subset: 'latin' })),
      ...fallbacks.flatMap((subset) => inter.map((face) => ({ ...face, name: fallbackFamily(subset), subset }))),
    ],
    subsetOf: (cp) =>
      inRanges(cp, ranges.latin) ? undefined : fallbacks.find((subset) => inRanges(cp, ranges[subset])),
  };
}

/** The fonts for the PDF of `text`, their WOFF bytes read through `read` and unwrapped to TrueType. */
export async function loadPdfFonts(text: string, read: WoffSource): Promise<PdfFontSet> {
  const plan = pdfFontPlan(text);
  const fonts = await Promise.all(
    plan.files.map(async ({ subset, ...face }) => ({
      ...face,
      bytes: woffToSfnt(await read({ family: face.family, weight: face.weight, subset })),
    })),
  );
  return { fonts, subsetOf: plan.subsetOf };
}
