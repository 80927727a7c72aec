/**
 * The font files a PDF may register, bundled with the editor: Inter (regular and semibold) in
 * every subset @fontsource has — Latin, and the fallbacks a Polish, Vietnamese, Cyrillic or
 * Greek name needs — and JetBrains Mono in Latin, as WOFF (shared/render/pdf-fonts.ts unwraps
 * them to TrueType, as the CLI does). Which of them a PDF takes is decided in shared/render
 * (font-subsets.ts, pdf-fonts.ts); this file only says where each one's bytes are.
 *
 * Each file is its own lazily imported `?inline` module: a Latin-only PDF loads four small
 * chunks, and none of them weighs on the editor's first paint.
 */
import type { FontFile } from '../../../shared/render/font-subsets';
import { base64OfDataUrl } from './fonts';

type Loader = () => Promise<{ readonly default: string }>;

/* Vite needs each import spelled out to bundle it; `fontFileKey` names them. */
const FILES: Readonly<Record<string, Loader>> = {
  'Inter 400 latin': () => import('@fontsource/inter/files/inter-latin-400-normal.woff?inline'),
  'Inter 600 latin': () => import('@fontsource/inter/files/inter-latin-600-normal.woff?inline'),
  'Inter 400 latin-ext': () => import('@fontsource/inter/files/inter-latin-ext-400-normal.woff?inline'),
  'Inter 600 latin-ext': () => import('@fontsource/inter/files/inter-latin-ext-600-normal.woff?inline'),
  'Inter 400 vietnamese': () => import('@fontsource/inter/files/inter-vietnamese-400-normal.woff?inline'),
  'Inter 600 vietnamese': () => import('@fontsource/inter/files/inter-vietnamese-600-normal.woff?inline'),
  'Inter 400 cyrillic': () => import('@fontsource/inter/files/inter-cyrillic-400-normal.woff?inline'),
  'Inter 600 cyrillic': () => import('@fontsource/inter/files/inter-cyrillic-600-normal.woff?inline'),
  'Inter 400 cyrillic-ext': () => import('@fontsource/inter/files/inter-cyrillic-ext-400-normal.woff?inline'),
  'Inter 600 cyrillic-ext': () => import('@fontsource/inter/files/inter-cyrillic-ext-600-normal.woff?inline'),
  'Inter 400 greek': () => import('@fontsource/inter/files/inter-greek-400-normal.woff?inline'),
  'Inter 600 greek': () => import('@fontsource/inter/files/inter-greek-600-normal.woff?inline'),
  'Inter 400 greek-ext': () => import('@fontsource/inter/files/inter-greek-ext-400-normal.woff?inline'),
  'Inter 600 greek-ext': () => import('@fontsource/inter/files/inter-greek-ext-600-normal.woff?inline'),
  'JetBrains Mono 400 latin': () =>
    import('@fontsource/jetbrains-mono/files/jetbrains-mono-latin-400-normal.woff?inline'),
  'JetBrains Mono 600 latin': () =>
    import('@fontsource/jetbrains-mono/files/jetbrains-mono-latin-600-normal.woff?inline'),
};

/** The key of a font file in the table above: `Inter 600 cyrillic`. */
export const fontFileKey = (file: FontFile): string => `${file.family} ${file.weight} ${file.subset}`;

/** Whether the editor bundles this font file. */
export const hasBundledWoff = (file: FontFile): boolean => Object.hasOwn(FILES, fontFileKey(file));

function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The WOFF bytes of a bundled font file; rejects for a file the editor does not bundle. */
export async function readBundledWoff(file: FontFile): Promise<Uint8Array> {
  const key = fontFileKey(file);
  if (!hasBundledWoff(file)) throw new Error(`the editor bundles no font file ${key}`);
  return bytesOfBase64(base64OfDataUrl((await FILES[key]!()).default));
}
