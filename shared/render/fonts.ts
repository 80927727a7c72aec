/**
 * The picture's fonts, embedded: one `@font-face` per face with the WOFF2 file as a data: URI,
 * so the picture draws with the faces the geometry was measured with on any machine.
 */
import type { PictureFont } from './types';

/** Base64 only: nothing else may reach the style sheet (it sits inside XML, inside CSS). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The `@font-face` rules for `fonts`, one per family and weight (the first given wins), in a fixed order. */
export function fontFaces(fonts: readonly PictureFont[]): string {
  const seen = new Map<string, PictureFont>();
  for (const f of fonts) {
    if (f.family !== 'Inter' && f.family !== 'JetBrains Mono')
      throw new RangeError(`unknown font family: ${String(f.family)}`);
    if (f.weight !== 400 && f.weight !== 600) throw new RangeError(`unknown font weight: ${String(f.weight)}`);
    if (!BASE64.test(f.woff2Base64)) throw new RangeError(`the ${f.family} ${f.weight} font is not base64`);
    const key = `${f.family} ${f.weight}`;
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([, f]) =>
        `@font-face{font-family:'${f.family}';font-style:normal;font-weight:${f.weight};` +
        `src:url(data:font/woff2;base64,${f.woff2Base64}) format('woff2')}`,
    )
    .join('');
}
