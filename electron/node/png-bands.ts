/**
 * Where a large picture is cut into horizontal bands that resvg draws at the same time, one
 * `renderAsync` each on libuv's threadpool (resvg itself draws on one thread).
 *
 * A band is the same SVG with the root's `height` and `viewBox` narrowed to a strip of rows
 * (png-band-svg.ts). For the bands to join without a seam, each must be drawn with the very
 * transform the whole picture would get, shifted by a whole number of pixel rows. resvg computes
 * that transform in f32 (`fitTo` width: scale = pixels ÷ SVG width, then the rounded size ÷ the
 * SVG size, then the viewBox translation), so the plan repeats that arithmetic with Math.fround
 * and only cuts where it is exact — or not at all: any picture, scale or size for which no exact
 * cut exists is drawn whole, as before.
 *
 * The cut is a pure function of the picture and the scale (never of the machine's cores), so a
 * picture's bytes do not depend on where it is rendered.
 */
const f32 = Math.fround;

/**
 * resvg's size and vertical scale for `fitTo: { mode: 'width', value: pixelWidth }` of an SVG of
 * `width` × `height` user units (resvg-js `FitToDef::fit_to`: f32 throughout, sizes rounded half
 * away from zero).
 */
export function resvgFit(
  width: number,
  height: number,
  pixelWidth: number,
): { scale: number; pixelWidth: number; pixelHeight: number; scaleY: number } {
  const w = f32(width);
  const h = f32(height);
  const scale = f32(f32(pixelWidth) / w);
  const pw = Math.round(f32(w * scale));
  const ph = Math.round(f32(h * scale));
  return { scale, pixelWidth: pw, pixelHeight: ph, scaleY: f32(ph / h) };
}

/** A horizontal strip of the picture, in SVG user units and in pixel rows. */
export interface Band {
  /** First user-unit row of the strip (the viewBox's y). */
  readonly top: number;
  /** Height in user units (the band's `height` and viewBox height). */
  readonly height: number;
  /** First pixel row in the whole picture. */
  readonly pixelTop: number;
  /** Pixel rows resvg draws for the band. */
  readonly rows: number;
}

/** Below this many pixels a picture is drawn in one piece: splitting would save less than it costs. */
export const MIN_BANDED_PIXELS = 4_000_000;
/**
 * About this many pixels per band. Each band parses the picture's shapes again (only text is
 * left out), so fewer, larger bands cost less in all: on a 48-Mpx diagram 4 bands took less CPU
 * than 6 or 8 and as little time on two cores.
 */
const PIXELS_PER_BAND = 12_000_000;
/**
 * tiny-skia splits a pixmap taller than this into tiles, re-transforming every path for each: there
 * are at least as many bands as such tiles (balancing may still make one band taller).
 */
const TILE_ROWS = 8191;
const MAX_BANDS = 64;
/** No band thinner than this: each costs a parse of the picture's non-text elements. */
const MIN_BAND_ROWS = 64;
/** How far from the balanced row a cut may move to land where the arithmetic is exact. */
const SEARCH_ROWS = 64;

/** How many bands a picture of `pixelWidth` × `pixelHeight` is drawn in. */
export function bandCount(pixelWidth: number, pixelHeight: number): number {
  const pixels = pixelWidth * pixelHeight;
  if (pixels < MIN_BANDED_PIXELS) return 1;
  const wanted = Math.max(2, Math.ceil(pixelHeight / TILE_ROWS), Math.round(pixels / PIXELS_PER_BAND));
  return Math.max(1, Math.min(MAX_BANDS, wanted, Math.floor(pixelHeight / MIN_BAND_ROWS)));
}

/** Work that is not spread evenly over the rows, for balancing the bands (e.g. text to lay out). */
export interface RowCost {
  /** User-unit row where the work is. */
  readonly y: number;
  /** Its cost, in pixels' worth of drawing. */
  readonly cost: number;
}

/** The pixel rows where the cumulative cost (every pixel 1, plus `extra`) reaches each k/`count` of the total. */
function balancedRows(
  pixelWidth: number,
  pixelHeight: number,
  scaleY: number,
  extra: readonly RowCost[],
  count: number,
): number[] {
  const sorted = extra.map((e) => ({ row: e.y * scaleY, cost: e.cost })).sort((a, b) => a.row - b.row);
  const prefix = [0];
  for (const e of sorted) prefix.push(prefix[prefix.length - 1]! + e.cost);
  const extraBefore = (row: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.row < row) lo = mid + 1;
      else hi = mid;
    }
    return prefix[lo]!;
  };
  const total = pixelWidth * pixelHeight + prefix[prefix.length - 1]!;
  const rows: number[] = [];
  for (let k = 1; k < count; k++) {
    const target = (total * k) / count;
    let lo = 0;
    let hi = pixelHeight;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mid * pixelWidth + extraBefore(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    rows.push(lo);
  }
  return rows;
}

/** A user-unit row near `row / scaleY` whose first pixel row resvg computes exactly, or undefined. */
function exactCut(row: number, scaleY: number, after: number, before: number): number | undefined {
  const near = Math.round(row / scaleY);
  for (let d = 0; d <= SEARCH_ROWS; d++) {
    for (const y of d === 0 ? [near] : [near + d, near - d]) {
      if (y <= after || y >= before) continue;
      const pixel = f32(scaleY * y);
      if (Number.isInteger(pixel)) return y;
    }
  }
  return undefined;
}

/**
 * The bands of an SVG of `width` × `height` user units drawn `pixelWidth` pixels wide, top to
 * bottom and covering every row once; one band (the whole picture) when it is small or when no
 * seamless cut exists.
 */
export function planBands(width: number, height: number, pixelWidth: number, extra: readonly RowCost[] = []): Band[] {
  const fit = resvgFit(width, height, pixelWidth);
  const whole: Band[] = [{ top: 0, height, pixelTop: 0, rows: fit.pixelHeight }];
  const count = bandCount(fit.pixelWidth, fit.pixelHeight);
  if (count <= 1) return whole;
  const cuts = [0];
  for (const row of balancedRows(fit.pixelWidth, fit.pixelHeight, fit.scaleY, extra, count)) {
    const y = exactCut(row, fit.scaleY, cuts[cuts.length - 1]!, height);
    if (y !== undefined) cuts.push(y);
  }
  if (cuts.length < 2) return whole;
  const bands: Band[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const top = cuts[i]!;
    const bandHeight = i + 1 < cuts.length ? cuts[i + 1]! - top : height - top;
    const pixelTop = f32(fit.scaleY * top);
    // What resvg will make of the band: its own fit must give the whole picture's vertical scale
    // and exactly the rows up to the next band's first, or the bands would not line up.
    const own = resvgFit(width, bandHeight, pixelWidth);
    const next = i + 1 < cuts.length ? f32(fit.scaleY * cuts[i + 1]!) : fit.pixelHeight;
    if (own.scaleY !== fit.scaleY || own.pixelWidth !== fit.pixelWidth || pixelTop + own.pixelHeight !== next)
      return whole;
    bands.push({ top, height: bandHeight, pixelTop, rows: own.pixelHeight });
  }
  return bands;
}
