/**
 * SVG to PNG in the browser: the picture's SVG (fonts embedded as data: URLs, so they load
 * inside an <img>) drawn into a canvas at the chosen scale. The same SVG the CLI rasterises
 * with resvg; the browser's rasteriser differs in antialiasing only.
 */
import { pngPixels, svgSize, type PixelSize } from '../../../shared/render/picture-size';

/**
 * The PNG's size in pixels at `scale`, or why the browser cannot draw one that large (the limits
 * are Chromium's canvas limits, which the CLI keeps too: shared/render/picture-size.ts).
 */
export function canvasPixels(size: PixelSize, scale: number): PixelSize | { readonly tooLarge: string } {
  const { width, height, fits } = pngPixels(size, scale);
  if (!fits)
    return {
      tooLarge: `At ${scale}× the picture would be ${width} × ${height} pixels, more than the browser can draw. Choose 1×, SVG or PDF.`,
    };
  return { width, height };
}

/** A `data:` URL of the SVG: the page's Content-Security-Policy allows data: images, not blob: ones. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, Math.min(at + 0x8000, bytes.length)));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Loads the SVG as an image, fonts and all (decode() resolves once it can be drawn). */
export async function svgImage(svg: string, doc: Document = document): Promise<HTMLImageElement> {
  const image = doc.createElement('img');
  image.decoding = 'sync';
  image.src = svgDataUrl(svg);
  await image.decode();
  return image;
}

/** The PNG bytes of the SVG drawn at `scale`, on a transparent background as the SVG has one. */
export async function rasterise(svg: string, scale: number, doc: Document = document): Promise<Uint8Array> {
  const pixels = canvasPixels(svgSize(svg), scale);
  if ('tooLarge' in pixels) throw new Error(pixels.tooLarge);
  const image = await svgImage(svg, doc);
  const canvas = doc.createElement('canvas');
  canvas.width = pixels.width;
  canvas.height = pixels.height;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('the browser gave no 2D canvas to draw the picture');
  context.drawImage(image, 0, 0, pixels.width, pixels.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('the browser could not encode the picture as PNG');
  return new Uint8Array(await blob.arrayBuffer());
}
