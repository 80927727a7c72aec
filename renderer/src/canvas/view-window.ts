/**
 * The part of the flow the edge and label layers render: the view plus a margin, moved in
 * steps rather than on every frame. A pan re-renders a layer only when the view crosses a step,
 * and the layer holds little more than what is in view (every element drawn costs every frame's
 * paint, compositing and hit tests, in view or not).
 */
import type { ReactFlowState } from '@xyflow/react';

/** A step is an eighth of the view. */
const STEP = 0.125;

/** The view's step, as a string: equal strings, equal windows (a store selector that re-renders only on a step). */
export function windowKey(s: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): string {
  const [tx, ty, zoom] = s.transform;
  const w = s.width / zoom;
  const h = s.height / zoom;
  const x = -tx / zoom;
  const y = -ty / zoom;
  const qx = Math.floor(x / (w * STEP));
  const qy = Math.floor(y / (h * STEP));
  // The view's size unrounded: the steps are counted in it, and a rounded size misplaced the
  // window by a fraction of a unit per step, more than its margin far from the origin.
  return `${qx},${qy},${w},${h}`;
}

/** Flow-coordinate bounds of a window key: its step and one more around it. */
export interface WindowBounds {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function windowBounds(key: string): WindowBounds {
  const [qx, qy, w, h] = key.split(',').map(Number) as [number, number, number, number];
  const x0 = (qx - 1) * w * STEP;
  const y0 = (qy - 1) * h * STEP;
  return { x0, y0, x1: x0 + w * (1 + 3 * STEP), y1: y0 + h * (1 + 3 * STEP) };
}

/** Whether a box (flow coordinates) reaches into the window. */
export const inWindow = (b: WindowBounds, x: number, y: number, w: number, h: number): boolean =>
  x + w > b.x0 && x < b.x1 && y + h > b.y0 && y < b.y1;
