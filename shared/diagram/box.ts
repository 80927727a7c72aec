/** Axis-aligned boxes and points: the few operations every part of the geometry needs. */
import type { Box, Point } from './types';

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The area two boxes share (0 when they only touch). */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function inflate(b: Box, dx: number, dy = dx): Box {
  return { x: b.x - dx, y: b.y - dy, w: b.w + 2 * dx, h: b.h + 2 * dy };
}

export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/** The smallest box around `boxes` (undefined for none). */
export function boundsOf(boxes: Iterable<Box>): Box | undefined {
  let out: Box | undefined;
  for (const b of boxes) out = out ? union(out, b) : b;
  return out;
}

export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  );
}

export function boxOfPoints(points: readonly Point[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * A uniform grid over boxes: each query looks only at the cells it touches, so placing n labels
 * among n nodes stays near-linear instead of n².
 */
export class BoxGrid<T> {
  private readonly cells = new Map<string, { box: Box; item: T }[]>();
  constructor(private readonly cell = 256) {}

  private keys(b: Box): string[] {
    const out: string[] = [];
    const x0 = Math.floor(b.x / this.cell);
    const x1 = Math.floor((b.x + b.w) / this.cell);
    const y0 = Math.floor(b.y / this.cell);
    const y1 = Math.floor((b.y + b.h) / this.cell);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(`${x},${y}`);
    return out;
  }

  add(box: Box, item: T): void {
    const entry = { box, item };
    for (const k of this.keys(box)) {
      const list = this.cells.get(k);
      if (list) list.push(entry);
      else this.cells.set(k, [entry]);
    }
  }

  /** Every entry whose box intersects `box` (each once). */
  query(box: Box): { box: Box; item: T }[] {
    const seen = new Set<{ box: Box; item: T }>();
    const out: { box: Box; item: T }[] = [];
    for (const k of this.keys(box))
      for (const e of this.cells.get(k) ?? [])
        if (!seen.has(e) && intersects(e.box, box)) {
          seen.add(e);
          out.push(e);
        }
    return out;
  }
}
