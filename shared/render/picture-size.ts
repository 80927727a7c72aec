/**
 * A picture's size, and the PNG sizes it may be drawn at — one home for the limits the CLI's
 * rasteriser (electron/node/render-png.ts) and the editor's canvas (renderer/src/picture/raster.ts)
 * both keep, so a PNG the CLI writes is one the editor could draw too, and the other way round.
 */

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

/** Longest PNG side: Chromium's canvas limit, and more than any viewer needs. */
export const MAX_PNG_SIDE = 32_767;
/** Most PNG pixels in all: Chromium's canvas area limit (16,384²). */
export const MAX_PNG_PIXELS = 268_435_456;
/** Largest scale the CLI takes (the editor offers 1× and 2×). */
export const MAX_PNG_SCALE = 8;

export class PictureSizeError extends Error {
  override readonly name = 'PictureSizeError';
}

/** The root element's `width` and `height` (user units = CSS px), as the SVG writer sets them. */
export function svgSize(svg: string): PixelSize {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attr = (name: string): number => Number(new RegExp(`\\s${name}="([0-9.]+)(?:px)?"`).exec(root)?.[1] ?? NaN);
  const width = attr('width');
  const height = attr('height');
  if (!(width > 0 && height > 0)) throw new PictureSizeError('the picture has no width and height');
  return { width, height };
}

/** The PNG's size in pixels at `scale`, and whether it is within the limits. */
export function pngPixels(size: PixelSize, scale: number): PixelSize & { readonly fits: boolean } {
  const width = Math.ceil(size.width * scale);
  const height = Math.ceil(size.height * scale);
  const fits =
    scale > 0 &&
    scale <= MAX_PNG_SCALE &&
    width <= MAX_PNG_SIDE &&
    height <= MAX_PNG_SIDE &&
    width * height <= MAX_PNG_PIXELS;
  return { width, height, fits };
}
