/**
 * SVG picture → PNG through resvg (@resvg/resvg-js: a real SVG renderer, native and prebuilt per
 * platform, no browser needed). The fonts are given explicitly and system fonts are off, so the
 * pixels do not depend on what the machine has installed; the project file goes into an `iTXt`
 * chunk (shared/render/png-text.ts).
 *
 * resvg draws on one thread and its own PNG encoder is slow (a third of the time of a large
 * picture), so a large picture is drawn in horizontal bands at once (png-bands.ts plans them,
 * png-band-svg.ts writes each band's SVG) and encoded here (png-encode.ts, png-zlib.ts), each
 * band deflated on the threadpool as soon as it is drawn. Small pictures are drawn whole; the
 * pixels are resvg's either way.
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
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { bandSvg, outlineSvg } from './png-band-svg';
import { MIN_BANDED_PIXELS, planBands, type Band } from './png-bands';
import { assemblePng, deflateBand, type PixelBand } from './png-encode';
import type { DeflatePiece } from './png-zlib';
import type { SfntFont } from './render-fonts';

/**
 * What one text costs to lay out and draw, in pixels' worth of drawing, for balancing the bands.
 * Measured on a 500-component diagram: about 0.1 ms of parsing a text and a little more drawing
 * it against 25 ns a pixel; rows dense with text are dense with boxes and lines too.
 */
const TEXT_COST = 10_000;

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
 * Bands drawn at once: libuv's four threads. More threads than cores still pays on a busy
 * machine (each thread gets its share of the cores); the bands and so the bytes do not change.
 */
const CONCURRENT_BANDS = 4;

/**
 * `task` for each of `items`, at most `limit` at a time, in order of index; the first failure
 * rejects (and no further item is started).
 */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>) {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        await task(items[i]!, i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * resvg-js 2.6 ends every render by cropping the pixmap to `crop` — by default the whole picture,
 * which copies all of it once more (for 48 Mpx, 190 MB and a fifth of a second of page faults).
 * An empty crop rectangle is no rectangle to it (`IntRect::from_ltrb` gives none), so nothing is
 * copied. If a later version took it literally, the picture would come back another size, and is
 * then drawn again without it (test/unit/electron/render-png.test.ts watches this).
 */
export const NO_CROP_COPY = { left: 0, top: 0, right: 0 } as const;

/**
 * The PNG of `svg`. resvg reads fonts from files only, so they are written to a private
 * temporary folder (mode 0700) for the call and removed after. Rendering runs off the main
 * thread (`renderAsync`), so the desktop app stays responsive while a large picture is drawn.
 *
 * A large picture is drawn in horizontal bands at the same time (png-bands.ts, png-band-svg.ts),
 * and each band's pixels are deflated on the threadpool as soon as it is drawn (png-encode.ts):
 * resvg draws on one thread, so a single render left all but one core idle.
 */
export async function renderPng(svg: string, options: PngOptions): Promise<Uint8Array> {
  const { width, height: roughHeight } = pngPixelSize(svg, options.scale);
  // Loaded on first use: `validate` and `export` never pay for (or depend on) the native module.
  const { renderAsync } = await import('@resvg/resvg-js');
  // A small picture is drawn whole without reading it first.
  const outline = width * roughHeight >= MIN_BANDED_PIXELS ? outlineSvg(svg) : undefined;
  const bands: readonly Band[] = outline
    ? planBands(
        outline.width,
        outline.height,
        width,
        outline.texts.map((t) => ({ y: (t.top + t.bottom) / 2, cost: TEXT_COST })),
      )
    : [];
  const dir = await mkdtemp(join(tmpdir(), 'portolan-fonts-'));
  try {
    const fontFiles = await Promise.all(
      options.fonts.map(async (font, i) => {
        const path = join(dir, `${String(i).padStart(2, '0')}.ttf`);
        await writeFile(path, font.bytes);
        return path;
      }),
    );
    const renderOptions: ResvgRenderOptions = {
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Inter', monospaceFamily: 'JetBrains Mono' },
      fitTo: { mode: 'width', value: width },
      // Font fallback between subsets is expected (a Cyrillic name in Inter): not worth a warning.
      logLevel: 'error',
    };
    /** The pixels of `source`, checked against the plan (`rows` undefined: the whole picture, any height). */
    const draw = async (source: string, rows: number | undefined): Promise<PixelBand> => {
      try {
        let image = await renderAsync(source, { ...renderOptions, crop: NO_CROP_COPY }).catch(() => undefined);
        if (image?.width !== width) image = await renderAsync(source, renderOptions);
        if (image.width !== width || (rows !== undefined && image.height !== rows))
          throw new Error(`a band came out ${image.width} x ${image.height} px, not ${width} x ${rows} px`);
        return { pixels: image.pixels, rows: image.height };
      } catch (error) {
        throw new PngRenderError('png-render-failed', `the rasteriser failed: ${(error as Error).message}`);
      }
    };
    let pieces: Promise<DeflatePiece>[];
    let height: number;
    if (outline && bands.length > 1) {
      pieces = new Array<Promise<DeflatePiece>>(bands.length);
      // A band's slot is free as soon as it is drawn: its deflate runs beside the next drawings.
      await eachLimited(bands, CONCURRENT_BANDS, async (band, i) => {
        const pixels = await draw(bandSvg(svg, outline, band.top, band.height), band.rows);
        pieces[i] = deflateBand(pixels, width);
        // Awaited below with the others; a failure is reported there, not as unhandled here.
        pieces[i].catch(() => undefined);
      });
      height = bands.reduce((n, b) => n + b.rows, 0);
    } else {
      const whole = await draw(svg, undefined);
      pieces = [deflateBand(whole, width)];
      height = whole.rows;
    }
    const png = assemblePng(width, height, await Promise.all(pieces));
    return addPngText(png, PNG_PROJECT_KEYWORD, options.embeddedText);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
