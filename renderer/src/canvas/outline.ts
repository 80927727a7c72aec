/**
 * The outline of a union of axis-aligned rectangles, as one SVG path with rounded corners:
 * a zone area is drawn as a single shape however many rectangles make it up. Holes come out
 * as loops of the opposite direction (draw with `fill-rule: evenodd`).
 */
import type { Box, Point } from './geometry';

function uniqueSorted(values: number[]): number[] {
  values.sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of values) if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
  return out;
}

function indexOf(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The closed loops (corner points, clockwise for outer boundaries) of the union of `rects`. */
export function unionLoops(rects: readonly Box[]): Point[][] {
  const boxes = rects.filter((r) => r.w > 0 && r.h > 0);
  if (boxes.length === 0) return [];
  const xs = uniqueSorted(boxes.flatMap((r) => [r.x, r.x + r.w]));
  const ys = uniqueSorted(boxes.flatMap((r) => [r.y, r.y + r.h]));
  const nx = xs.length - 1;
  const ny = ys.length - 1;
  // Coverage per cell, by a 2-D difference array and prefix sums.
  const diff = new Int32Array((nx + 1) * (ny + 1));
  for (const r of boxes) {
    const i0 = indexOf(xs, r.x);
    const i1 = indexOf(xs, r.x + r.w);
    const j0 = indexOf(ys, r.y);
    const j1 = indexOf(ys, r.y + r.h);
    diff[j0 * (nx + 1) + i0]! += 1;
    diff[j0 * (nx + 1) + i1]! -= 1;
    diff[j1 * (nx + 1) + i0]! -= 1;
    diff[j1 * (nx + 1) + i1]! += 1;
  }
  const covered = new Uint8Array(nx * ny);
  const row = new Int32Array(nx + 1);
  for (let j = 0; j < ny; j++) {
    let run = 0;
    for (let i = 0; i <= nx; i++) {
      run += diff[j * (nx + 1) + i]!;
      row[i]! += run;
      if (i < nx) covered[j * nx + i] = row[i]! > 0 ? 1 : 0;
    }
  }
  const at = (i: number, j: number) => i >= 0 && j >= 0 && i < nx && j < ny && covered[j * nx + i] === 1;

  // Boundary edges between covered and uncovered cells, clockwise around covered ones (y down).
  type Edge = { from: number; to: number; dir: number };
  const key = (i: number, j: number) => j * (nx + 1) + i;
  const outgoing = new Map<number, Edge[]>();
  const push = (e: Edge) => {
    const list = outgoing.get(e.from);
    if (list) list.push(e);
    else outgoing.set(e.from, [e]);
  };
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (!at(i, j)) continue;
      if (!at(i, j - 1)) push({ from: key(i, j), to: key(i + 1, j), dir: 0 }); // top, rightwards
      if (!at(i + 1, j)) push({ from: key(i + 1, j), to: key(i + 1, j + 1), dir: 1 }); // right, down
      if (!at(i, j + 1)) push({ from: key(i + 1, j + 1), to: key(i, j + 1), dir: 2 }); // bottom, leftwards
      if (!at(i - 1, j)) push({ from: key(i, j + 1), to: key(i, j), dir: 3 }); // left, up
    }
  }

  const point = (k: number): Point => ({ x: xs[k % (nx + 1)]!, y: ys[Math.floor(k / (nx + 1))]! });
  const used = new Set<Edge>();
  const loops: Point[][] = [];
  for (const list of outgoing.values()) {
    for (const start of list) {
      if (used.has(start)) continue;
      const corners: Point[] = [];
      let edge = start;
      let prevDir = -1;
      for (;;) {
        used.add(edge);
        if (edge.dir !== prevDir) corners.push(point(edge.from));
        prevDir = edge.dir;
        const next = (outgoing.get(edge.to) ?? []).filter((e) => !used.has(e) || e === start);
        if (next.length === 0) break;
        // At a pinch point prefer turning right (clockwise), which keeps loops simple.
        const choice =
          next.find((e) => e.dir === (edge.dir + 1) % 4) ?? next.find((e) => e.dir === edge.dir) ?? next[0]!;
        if (choice === start) break;
        edge = choice;
      }
      // The start may sit in the middle of a straight run: drop it then.
      if (corners.length > 2 && start.dir === prevDir) corners.shift();
      if (corners.length >= 4) loops.push(corners);
    }
  }
  return loops;
}

/** The union of `rects` as an SVG path relative to `origin`, corners rounded by up to `radius`. */
export function unionPath(rects: readonly Box[], origin: Point, radius: number): string {
  const parts: string[] = [];
  const r2 = (v: number) => Math.round(v * 100) / 100;
  for (const loop of unionLoops(rects)) {
    const n = loop.length;
    const pts = loop.map((p) => ({ x: p.x - origin.x, y: p.y - origin.y }));
    const seg = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);
    const spots = pts.map((p, i) => {
      const prev = pts[(i + n - 1) % n]!;
      const next = pts[(i + 1) % n]!;
      const r = Math.min(radius, seg(prev, p) / 2, seg(p, next) / 2);
      const inLen = seg(prev, p) || 1;
      const outLen = seg(p, next) || 1;
      return {
        a: { x: p.x - ((p.x - prev.x) / inLen) * r, y: p.y - ((p.y - prev.y) / inLen) * r },
        c: p,
        b: { x: p.x + ((next.x - p.x) / outLen) * r, y: p.y + ((next.y - p.y) / outLen) * r },
      };
    });
    let d = `M${r2(spots[0]!.b.x)},${r2(spots[0]!.b.y)}`;
    for (let i = 1; i <= n; i++) {
      const s = spots[i % n]!;
      d += ` L${r2(s.a.x)},${r2(s.a.y)} Q${r2(s.c.x)},${r2(s.c.y)} ${r2(s.b.x)},${r2(s.b.y)}`;
    }
    parts.push(`${d} Z`);
  }
  return parts.join(' ');
}
