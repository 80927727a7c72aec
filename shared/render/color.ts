/**
 * CSS `color-mix(in srgb, A p%, B)` for `#rrggbb` colours: each channel mixed in gamma-encoded
 * sRGB, as the browser does. The canvas mixes its colours in CSS; a picture needs the resulting
 * colours written out, because rasterisers and PDF writers know neither `color-mix` nor CSS
 * variables.
 */
const HEX = /^#[0-9a-f]{6}$/;

function channels(hex: string): [number, number, number] {
  if (!HEX.test(hex)) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

const hex2 = (n: number): string =>
  Math.round(Math.min(255, Math.max(0, n)))
    .toString(16)
    .padStart(2, '0');

/** `a` at `percent`, the rest `b` (both `#rrggbb`, lower case). */
export function mix(a: string, percent: number, b: string): string {
  const p = percent / 100;
  const x = channels(a);
  const y = channels(b);
  return `#${x.map((v, i) => hex2(v * p + y[i]! * (1 - p))).join('')}`;
}
