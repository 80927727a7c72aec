import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inWindow, windowBounds, windowKey } from '../../../../renderer/src/canvas/view-window';

const state = (x: number, y: number, zoom: number, width = 800, height = 600) => ({
  transform: [x, y, zoom] as [number, number, number],
  width,
  height,
});

describe('the window the edge and label layers render', () => {
  it('holds the whole view with a margin, at any pan and zoom (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0.1, max: 2, noNaN: true }),
        (tx, ty, zoom) => {
          const b = windowBounds(windowKey(state(tx, ty, zoom)));
          // The view in flow coordinates.
          const x = -tx / zoom;
          const y = -ty / zoom;
          const w = 800 / zoom;
          const h = 600 / zoom;
          // Floating-point slack, relative to the coordinates' size.
          const eps = 1e-9 * (Math.abs(x) + Math.abs(y) + w + h);
          expect(b.x0).toBeLessThanOrEqual(x + eps);
          expect(b.y0).toBeLessThanOrEqual(y + eps);
          expect(b.x1).toBeGreaterThanOrEqual(x + w - eps);
          expect(b.y1).toBeGreaterThanOrEqual(y + h - eps);
          // With a margin of at least one step (an eighth of the view) on every side.
          expect(x - b.x0).toBeGreaterThanOrEqual(w / 8 - eps);
          expect(b.x1 - (x + w)).toBeGreaterThanOrEqual(w / 8 - eps);
          expect(y - b.y0).toBeGreaterThanOrEqual(h / 8 - eps);
          expect(b.y1 - (y + h)).toBeGreaterThanOrEqual(h / 8 - eps);
        },
      ),
    );
  });

  it('changes only when the view crosses a step (an eighth of it)', () => {
    expect(windowKey(state(0, 0, 1))).toBe(windowKey(state(-50, -40, 1)));
    expect(windowKey(state(0, 0, 1))).not.toBe(windowKey(state(-120, 0, 1)));
    expect(windowKey(state(0, 0, 1))).not.toBe(windowKey(state(0, 0, 0.5)));
  });

  it('an unmeasured pane (0 × 0) shows nothing rather than everything', () => {
    const b = windowBounds(windowKey(state(0, 0, 1, 0, 0)));
    expect(inWindow(b, 0, 0, 10, 10)).toBe(false);
  });

  it('boxes that touch the window from outside are out, overlapping ones in', () => {
    const b = { x0: 0, y0: 0, x1: 100, y1: 100 };
    expect(inWindow(b, -10, 0, 10, 10)).toBe(false);
    expect(inWindow(b, 100, 0, 10, 10)).toBe(false);
    expect(inWindow(b, -10, 0, 11, 10)).toBe(true);
    expect(inWindow(b, 50, 50, 0, 0)).toBe(true);
  });
});
