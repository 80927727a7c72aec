/**
 * The diagram's fonts as pictures embed them: Inter and JetBrains Mono, regular and semibold,
 * Latin subset — the same @fontsource files the editor's stylesheet loads and the CLI reads from
 * node_modules, so editor and CLI embed byte-identical fonts and draw identical SVG.
 *
 * Imported only by the picture code, which the editor loads on first use (export, copy, print):
 * the ~120 KB of base64 never weighs on the editor's first paint.
 */
import interRegular from '@fontsource/inter/files/inter-latin-400-normal.woff2?inline';
import interSemibold from '@fontsource/inter/files/inter-latin-600-normal.woff2?inline';
import monoRegular from '@fontsource/jetbrains-mono/files/jetbrains-mono-latin-400-normal.woff2?inline';
import monoSemibold from '@fontsource/jetbrains-mono/files/jetbrains-mono-latin-600-normal.woff2?inline';
import type { PictureFont } from '../../../shared/render/types';

/** The base64 payload of a `data:…;base64,` URL (Vite's `?inline` always encodes fonts so). */
export function base64OfDataUrl(url: string): string {
  const match = /^data:[^,]*;base64,/.exec(url);
  if (match === null) throw new Error('expected a base64 data: URL for a bundled font');
  return url.slice(match[0].length);
}

/** Every font a picture may use, in the order the SVG writer declares them. */
export const PICTURE_FONTS: readonly PictureFont[] = [
  { family: 'Inter', weight: 400, woff2Base64: base64OfDataUrl(interRegular) },
  { family: 'Inter', weight: 600, woff2Base64: base64OfDataUrl(interSemibold) },
  { family: 'JetBrains Mono', weight: 400, woff2Base64: base64OfDataUrl(monoRegular) },
  { family: 'JetBrains Mono', weight: 600, woff2Base64: base64OfDataUrl(monoSemibold) },
];
