/** The SVG path of an orthogonal polyline with rounded corners: how the canvas and a picture draw an edge. */
import type { Point } from '../diagram/types';
import { num } from './xml';

/** Corners are rounded by this much (less where a segment is shorter). */
const RADIUS = 6;

export function roundedPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M${num(points[0]!.x)},${num(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const c = points[i + 1]!;
    const r = Math.min(RADIUS, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const inX = b.x - Math.sign(b.x - a.x) * r;
    const inY = b.y - Math.sign(b.y - a.y) * r;
    const outX = b.x + Math.sign(c.x - b.x) * r;
    const outY = b.y + Math.sign(c.y - b.y) * r;
    d += ` L${num(inX)},${num(inY)} Q${num(b.x)},${num(b.y)} ${num(outX)},${num(outY)}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L${num(last.x)},${num(last.y)}`;
}
