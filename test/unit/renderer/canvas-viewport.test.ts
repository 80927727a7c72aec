import { describe, expect, it } from 'vitest';
import {
  findFreeSpot,
  fitAvoiding,
  fitOptionsFor,
  minimapShownInitially,
  panToShow,
  screenToFlowBox,
  type ScreenRect,
  type Viewport,
} from '../../../renderer/src/canvas/viewport';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const grow = (b: Box, d: number): Box => ({ x: b.x - d, y: b.y - d, w: b.w + 2 * d, h: b.h + 2 * d });
const within = (b: Box, v: Box) => b.x >= v.x && b.y >= v.y && b.x + b.w <= v.x + v.w && b.y + b.h <= v.y + v.h;
/** The screen rect (canvas-relative) a flow box covers under a viewport. */
const onScreen = (b: Box, v: Viewport): Box => ({
  x: b.x * v.zoom + v.x,
  y: b.y * v.zoom + v.y,
  w: b.w * v.zoom,
  h: b.h * v.zoom,
});
const box = (r: ScreenRect): Box => ({ x: r.x, y: r.y, w: r.width, h: r.height });

describe('fitAvoiding: the whole drawing, as large as it can be, under no overlay', () => {
  const canvas = { width: 836, height: 630 };
  // The canvas's overlays as laid out: legend top left, toolbar top right, zoom controls
  // bottom left, attribution bottom right, and (optionally) the minimap above it.
  const legend: ScreenRect = { x: 15, y: 15, width: 210, height: 32 };
  const toolbar: ScreenRect = { x: 600, y: 15, width: 221, height: 32 };
  const controls: ScreenRect = { x: 15, y: 588, width: 106, height: 27 };
  const attribution: ScreenRect = { x: 770, y: 614, width: 66, height: 16 };
  const minimap: ScreenRect = { x: 645, y: 494, width: 176, height: 112 };
  const editing = fitOptionsFor(false);

  it('centres a small drawing at 100 % when nothing is in the way', () => {
    const v = fitAvoiding({ x: 100, y: 50, w: 300, h: 200 }, canvas, [], editing)!;
    expect(v.zoom).toBe(1);
    expect(v.x + 100 + 150).toBeCloseTo(canvas.width / 2);
    expect(v.y + 50 + 100).toBeCloseTo(canvas.height / 2);
  });

  it.each([
    ['a wide drawing', { x: 0, y: 0, w: 1400, h: 500 }],
    ['a tall drawing', { x: -200, y: 40, w: 500, h: 1500 }],
    ['a square drawing', { x: 0, y: 0, w: 900, h: 900 }],
    ['a small drawing', { x: 0, y: 0, w: 200, h: 120 }],
  ])('keeps %s clear of every overlay, with the gap', (_name, drawing) => {
    for (const overlays of [
      [legend, toolbar, controls, attribution],
      [legend, toolbar, controls, attribution, minimap],
    ]) {
      const v = fitAvoiding(drawing, canvas, overlays, editing)!;
      const drawn = onScreen(drawing, v);
      expect(v.zoom).toBeLessThanOrEqual(1);
      expect(within(drawn, { x: 0, y: 0, w: canvas.width, h: canvas.height })).toBe(true);
      for (const o of overlays)
        expect(overlaps(drawn, grow(box(o), editing.gap - 0.01)), JSON.stringify(o)).toBe(false);
    }
  });

  it('puts the minimap beside a tall drawing and under a wide one, whichever leaves the larger zoom', () => {
    const overlays = [legend, toolbar, controls, attribution, minimap];
    const wide = { x: 0, y: 0, w: 1600, h: 400 };
    const wideFit = fitAvoiding(wide, canvas, overlays, editing)!;
    // Width-bound: the drawing spans (almost) the whole width, the minimap is a band below it.
    expect(wideFit.zoom).toBeCloseTo((canvas.width - 2 * editing.margin) / wide.w, 5);
    const tall = { x: 0, y: 0, w: 300, h: 1600 };
    const tallFit = fitAvoiding(tall, canvas, overlays, editing)!;
    // Height-bound: the minimap (and more) moves to the side, so the height lost to bands is at
    // most the legend/toolbar above and the controls below — never the minimap's.
    const top = legend.y + legend.height + editing.gap;
    const bottom = canvas.height - controls.y + editing.gap;
    expect(tallFit.zoom).toBeGreaterThanOrEqual((canvas.height - top - bottom) / tall.h - 1e-9);
    expect(tallFit.zoom).toBeLessThanOrEqual((canvas.height - 2 * editing.margin) / tall.h + 1e-9);
  });

  it('never zooms past the maximum, and is null for nothing to fit', () => {
    expect(fitAvoiding({ x: 0, y: 0, w: 50, h: 50 }, canvas, [], fitOptionsFor(true))!.zoom).toBe(1.5);
    expect(fitAvoiding(null, canvas, [], editing)).toBeNull();
    expect(fitAvoiding({ x: 0, y: 0, w: 50, h: 50 }, { width: 0, height: 0 }, [], editing)).toBeNull();
  });

  it('ignores overlays that are not shown (zero size)', () => {
    const drawing = { x: 0, y: 0, w: 1000, h: 700 };
    const hidden = { ...minimap, width: 0, height: 0 };
    expect(fitAvoiding(drawing, canvas, [legend, hidden], editing)).toEqual(
      fitAvoiding(drawing, canvas, [legend], editing),
    );
  });
});

describe('findFreeSpot: where a keyboard-added component goes', () => {
  const view: Box = { x: 0, y: 0, w: 1000, h: 600 };
  const size = { w: 232, h: 90 };
  const clearance = 24;
  const free = (at: { x: number; y: number }, obstacles: readonly Box[]) =>
    obstacles.every((o) => !overlaps(grow({ ...at, ...size }, clearance), o));

  it('takes the middle of an empty view, on the grid', () => {
    const at = findFreeSpot(view, size, []);
    expect(Math.abs(at.x % 16)).toBe(0);
    expect(Math.abs(at.y % 16)).toBe(0);
    expect(Math.abs(at.x + size.w / 2 - 500)).toBeLessThanOrEqual(16);
    expect(Math.abs(at.y + size.h / 2 - 300)).toBeLessThanOrEqual(16);
  });

  it('keeps 24 px clear of every obstacle, nearest the centre', () => {
    const centre: Box = { x: 384, y: 240, w: 232, h: 120 };
    const at = findFreeSpot(view, size, [centre]);
    expect(free(at, [centre])).toBe(true);
    expect(within({ ...at, ...size }, view)).toBe(true);
    // Right beside the obstacle (above or below it: the short way), not somewhere far.
    const d = Math.hypot(at.x + size.w / 2 - 500, at.y + size.h / 2 - 300);
    expect(d).toBeLessThan(centre.h / 2 + clearance + size.h / 2 + 16 + 1);
  });

  it('adds three in a row without any two overlapping, all in view', () => {
    const placed: Box[] = [{ x: 400, y: 250, w: 232, h: 150 }];
    for (let i = 0; i < 3; i++) {
      const at = findFreeSpot(view, size, placed);
      expect(free(at, placed)).toBe(true);
      expect(within({ ...at, ...size }, view)).toBe(true);
      placed.push({ ...at, ...size });
    }
  });

  it('goes just outside a full view, the least pan away', () => {
    const full: Box[] = [{ x: -10, y: -10, w: 1020, h: 620 }];
    const at = findFreeSpot(view, size, full);
    expect(free(at, full)).toBe(true);
    const shift = panToShow(view, { ...at, ...size });
    // Beyond the nearest edge (top or bottom: 600 high, so either is ~ size.h + clearance + 10 away).
    expect(Math.hypot(shift.x, shift.y)).toBeLessThanOrEqual(size.h + clearance + 10 + 16);
    const moved = { ...view, x: view.x + shift.x, y: view.y + shift.y };
    expect(within({ ...at, ...size }, moved)).toBe(true);
  });

  it('stays fast and on the grid when zoomed far out', () => {
    const huge: Box = { x: -20000, y: -12000, w: 40000, h: 24000 };
    const started = performance.now();
    const at = findFreeSpot(huge, size, [{ x: -200, y: -200, w: 400, h: 400 }]);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(Math.abs(at.x % 16)).toBe(0);
    expect(within({ ...at, ...size }, huge)).toBe(true);
  });
});

describe('panToShow and screenToFlowBox', () => {
  it('moves the view as little as shows the box', () => {
    const view = { x: 0, y: 0, w: 800, h: 600 };
    expect(panToShow(view, { x: 10, y: 10, w: 100, h: 100 })).toEqual({ x: 0, y: 0 });
    expect(panToShow(view, { x: 750, y: 10, w: 100, h: 100 })).toEqual({ x: 50, y: 0 });
    expect(panToShow(view, { x: -30, y: 580, w: 100, h: 100 })).toEqual({ x: -30, y: 80 });
  });

  it('maps a screen rect to flow units under pan and zoom', () => {
    expect(screenToFlowBox({ x: 100, y: 60, width: 200, height: 100 }, { x: 50, y: 10, zoom: 0.5 })).toEqual({
      x: 100,
      y: 100,
      w: 400,
      h: 200,
    });
  });
});

describe('the minimap switch', () => {
  it('starts hidden unless the user showed it', () => {
    expect(minimapShownInitially(null)).toBe(false);
    expect(minimapShownInitially('shown')).toBe(true);
    expect(minimapShownInitially('hidden')).toBe(false);
    expect(minimapShownInitially('garbage')).toBe(false);
  });
});
