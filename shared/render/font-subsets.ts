/**
 * Which font files a picture's text needs, decided once for the CLI (electron/node/render-fonts.ts)
 * and the editor (renderer/src/picture/pdf-font-files.ts): the faces, the @fontsource subsets of
 * each family and the characters each subset covers. Each side only says where the bytes of a
 * file come from (Node reads node_modules, the editor imports bundled assets), so both pick the
 * same files for the same text and write the same PDF.
 */
import type { PictureFont } from './types';

export type FontFamily = PictureFont['family'];
export type FontWeight = PictureFont['weight'];

export interface FontFace {
  readonly family: FontFamily;
  readonly weight: FontWeight;
}

/** One @fontsource file: a face in one subset. */
export interface FontFile extends FontFace {
  readonly subset: string;
}

/** Where the WOFF (1.0) bytes of a font file come from: the one thing each side provides. */
export type WoffSource = (file: FontFile) => Promise<Uint8Array>;

/** Every face a picture may use, in the order the SVG writer declares them. */
export const FONT_FACES: readonly FontFace[] = [
  { family: 'Inter', weight: 400 },
  { family: 'Inter', weight: 600 },
  { family: 'JetBrains Mono', weight: 400 },
  { family: 'JetBrains Mono', weight: 600 },
];

/** `U+0000-00FF,U+0131` (a CSS unicode-range, as @fontsource's unicode.json lists them) as ranges. */
export function parseUnicodeRanges(value: string): [number, number][] {
  return value.split(',').flatMap((part) => {
    const match = /^\s*U\+([0-9A-Fa-f]{1,6})(?:-([0-9A-Fa-f]{1,6}))?\s*$/.exec(part);
    if (!match) return [];
    const from = parseInt(match[1]!, 16);
    return [[from, match[2] === undefined ? from : parseInt(match[2], 16)] as [number, number]];
  });
}

export type UnicodeRanges = readonly (readonly [number, number])[];
export type SubsetRanges = Readonly<Record<string, UnicodeRanges>>;

/** The subsets both families share, as @fontsource 5.3's unicode.json has them. */
const SHARED_SUBSETS: Readonly<Record<string, string>> = {
  'cyrillic-ext': 'U+0460-052F,U+1C80-1C8A,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F',
  cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
  greek: 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF',
  vietnamese:
    'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
};

/**
 * Each family's subsets and the code points they cover — @fontsource's `unicode.json` of the
 * installed packages (a unit test keeps them equal). Inter also has Greek Extended.
 */
export const UNICODE_SUBSETS: Readonly<Record<FontFamily, Readonly<Record<string, string>>>> = {
  Inter: { ...SHARED_SUBSETS, 'greek-ext': 'U+1F00-1FFF' },
  'JetBrains Mono': SHARED_SUBSETS,
};

const parsed = (subsets: Readonly<Record<string, string>>): SubsetRanges =>
  Object.fromEntries(Object.entries(subsets).map(([subset, value]) => [subset, parseUnicodeRanges(value)]));

export const SUBSET_RANGES: Readonly<Record<FontFamily, SubsetRanges>> = {
  Inter: parsed(UNICODE_SUBSETS.Inter),
  'JetBrains Mono': parsed(UNICODE_SUBSETS['JetBrains Mono']),
};

export const inRanges = (cp: number, list: UnicodeRanges | undefined): boolean =>
  (list ?? []).some(([a, b]) => cp >= a && cp <= b);

/**
 * The subsets a text needs: Latin always (the picture's own words are Latin), and each other
 * subset that holds a character of `text` Latin does not — Latin first (the first face of a
 * family is the one picked for text all faces can draw), then by name.
 */
export function subsetsFor(text: string, ranges: SubsetRanges): string[] {
  const wanted = new Set<string>(['latin']);
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x100 || seen.has(cp)) continue;
    seen.add(cp);
    if (inRanges(cp, ranges.latin)) continue;
    for (const [subset, list] of Object.entries(ranges)) if (inRanges(cp, list)) wanted.add(subset);
  }
  return [...wanted].sort((a, b) => (a === 'latin' ? -1 : b === 'latin' ? 1 : a < b ? -1 : 1));
}

/**
 * The files the rasteriser gets for `text`: every face in each subset its family needs, the
 * Latin files of every family first (so they are picked for plain text; the rasteriser falls
 * back to the others glyph by glyph). A Latin-only picture loads four files.
 */
export function rasterFiles(text: string): FontFile[] {
  const subsets = {
    Inter: subsetsFor(text, SUBSET_RANGES.Inter),
    'JetBrains Mono': subsetsFor(text, SUBSET_RANGES['JetBrains Mono']),
  };
  const files = FONT_FACES.flatMap((face) => subsets[face.family].map((subset) => ({ ...face, subset })));
  // A stable sort: Latin files keep the face order, the others their subset order per face.
  return files.sort((a, b) => Number(a.subset !== 'latin') - Number(b.subset !== 'latin'));
}
