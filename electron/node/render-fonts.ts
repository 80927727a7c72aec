/**
 * The picture fonts on Node, read from the @fontsource packages the editor bundles: Inter and
 * JetBrains Mono, regular (400) and semibold (600). Which files a text needs is decided in
 * shared/render/font-subsets.ts and pdf-fonts.ts, for the editor too; this file only reads them.
 *
 * - The SVG embeds the Latin subset as WOFF2, the same files the editor embeds
 *   (renderer/src/picture/fonts.ts), so CLI and editor write byte-identical SVG.
 * - The rasteriser reads TTF/OTF only: it gets the files `rasterFiles` picks, unwrapped from
 *   WOFF to TrueType.
 * - The PDF reads its files through `readWoffFile` (shared/render/pdf-compose.ts loads them).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { FONT_FACES, rasterFiles, type FontFile } from '../../shared/render/font-subsets';
import type { PictureFont } from '../../shared/render/types';
import { woffToSfnt } from '../../shared/render/woff';

const PACKAGE: Readonly<Record<FontFile['family'], string>> = { Inter: 'inter', 'JetBrains Mono': 'jetbrains-mono' };

const require = createRequire(import.meta.url);

/** The path of a @fontsource file, resolved like any dependency (the CLI bundle keeps them external). */
export function fontFilePath(file: FontFile, ext: 'woff' | 'woff2'): string {
  const pkg = PACKAGE[file.family];
  return require.resolve(`@fontsource/${pkg}/files/${pkg}-${file.subset}-${file.weight}-normal.${ext}`);
}

/** The WOFF bytes of a font file (the PDF's source of fonts); rejects for a file @fontsource has not. */
export async function readWoffFile(file: FontFile): Promise<Uint8Array> {
  return readFile(fontFilePath(file, 'woff'));
}

/** The fonts the SVG embeds (Latin, WOFF2, base64). */
export async function svgFonts(): Promise<PictureFont[]> {
  return Promise.all(
    FONT_FACES.map(async (face) => ({
      ...face,
      woff2Base64: (await readFile(fontFilePath({ ...face, subset: 'latin' }, 'woff2'))).toString('base64'),
    })),
  );
}

export interface SfntFont extends FontFile {
  /** TrueType bytes. */
  readonly bytes: Uint8Array;
}

/**
 * The faces as TrueType for the rasteriser, in the subsets `text` needs (Latin first). Loading
 * only those keeps a Latin-only picture to four fonts; a name in Cyrillic, Greek or Vietnamese
 * brings its subset in, and resvg falls back to it glyph by glyph.
 */
export async function rasterFonts(text = ''): Promise<SfntFont[]> {
  const files = rasterFiles(beyondLatin1(text));
  return Promise.all(files.map(async (file) => ({ ...file, bytes: woffToSfnt(await readWoffFile(file)) })));
}

/**
 * The distinct characters of `text` past U+00FF — all `rasterFiles` looks at (Latin is always
 * loaded). The text is a whole SVG, megabytes for a large picture with its fonts and project
 * embedded; one native regex pass finds the few characters that matter.
 */
function beyondLatin1(text: string): string {
  return [...new Set(text.match(/[\u0100-\u{10ffff}]/gu))].join('');
}
