/**
 * SVG picture → PNG through resvg (@resvg/resvg-js: a real SVG renderer, native and prebuilt per
 * platform, no browser needed). The fonts are given explicitly and system fonts are off, so the
 * pixels do not depend on what the machine has installed; the project file goes into an `iTXt`
 * chunk (shared/render/png-text.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG_PROJECT_KEYWORD } from '../../shared/render/embedded';
import {
  MAX_PNG_PIXELS,
  MAX_PNG_SCALE,
  MAX_PNG_SIDE,
  PictureSizeError,
  pngPixels,
  svgSize,
  type PixelSize,
} from '../../shared/render/picture-size';
import { addPngText } from '../../shared/render/png-text';
import type { SfntFont } from './render-fonts';

export class PngRenderError extends Error {
  constructor(
    readonly code: 'png-too-large' | 'png-render-failed',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface PngOptions {
  /** Multiplies the picture's size in pixels (1 = one pixel per SVG unit). */
  readonly scale: number;
  /** The project file the PNG carries. */
  readonly embeddedText: string;
  /** TrueType fonts, in the order they should be preferred. */
  readonly fonts: readonly SfntFont[];
}

/** The PNG's size at `scale`, refused beyond the limits the editor keeps too (shared/render/picture-size.ts). */
export function pngPixelSize(svg: string, scale: number): { width: number; height: number } {
  if (!(scale > 0 && scale <= MAX_PNG_SCALE))
    throw new PngRenderError('png-too-large', `the scale must be more than 0 and at most ${MAX_PNG_SCALE}`);
  let size: PixelSize;
  try {
    size = svgSize(svg);
  } catch (error) {
    if (!(error instanceof PictureSizeError)) throw error;
    throw new PngRenderError('png-render-failed', `the SVG has no width and height`);
  }
  const { width, height, fits } = pngPixels(size, scale);
  if (!fits)
    throw new PngRenderError(
      'png-too-large',
      `at ${scale}x the picture would be ${width} x ${height} pixels, over the limit of ${MAX_PNG_SIDE} px a side and ${MAX_PNG_PIXELS} px in all; use a smaller scale, SVG or PDF`,
    );
  return { width, height };
}

/**
 * The PNG of `svg`. resvg reads fonts from files only, so they are written to a private
 * temporary folder (mode 0700) for the call and removed after. Rendering runs off the main
 * thread (`renderAsync`), so the desktop app stays responsive while a large picture is drawn.
 */
export async function renderPng(svg: string, options: PngOptions): Promise<Uint8Array> {
  const { width } = pngPixelSize(svg, options.scale);
  // Loaded on first use: `validate` and `export` never pay for (or depend on) the native module.
  const { renderAsync } = await import('@resvg/resvg-js');
  const dir = await mkdtemp(join(tmpdir(), 'portolan-fonts-'));
  try {
    const fontFiles = await Promise.all(
      options.fonts.map(async (font, i) => {
        const path = join(dir, `${String(i).padStart(2, '0')}.ttf`);
        await writeFile(path, font.bytes);
        return path;
      }),
    );
    let png: Uint8Array;
    try {
      const image = await renderAsync(svg, {
        font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Inter', monospaceFamily: 'JetBrains Mono' },
        fitTo: { mode: 'width', value: width },
        // Font fallback between subsets is expected (a Cyrillic name in Inter): not worth a warning.
        logLevel: 'error',
      });
      png = image.asPng();
    } catch (error) {
      throw new PngRenderError('png-render-failed', `the rasteriser failed: ${(error as Error).message}`);
    }
    return addPngText(png, PNG_PROJECT_KEYWORD, options.embeddedText);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
