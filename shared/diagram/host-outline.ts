/**
 * The outline of a union of axis-aligned rectangles, as closed rectilinear loops (the outer
 * border and any holes). A host region is its members' padded boxes; drawing each box's border
 * would show seams where they overlap, so the picture strokes this outline instead.
 *
 * Cheap for the few boxes of one host group: the coordinates are compressed to a grid of at most
 * (2n)² cells, the covered cells marked, and the cell sides between covered and uncovered cells
 * chained into loops — O(n²) for n boxes.
 */
import type { Box, Point } from './types';

const key = (p: Point): string => `${p.x},${p.y}`;

function sortedUnique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Drop the middle point of three on one line (the loop stays closed: last → first). */
function simplify(loop: Point[]): Point[] {
  const out: Point[] = [];
  const n = loop.length;
  for (let i = 0; i < n; i++) {
    const a = loop[(i + n - 1) % n]!;
    const b = loop[i]!;
    const c = loop[(i + 1) % n]!;
    const straight = (a.x === b.x && b.x === c.x) || (a.y === b.y && b.y === c.y);
    if (!straight) out.push(b);
  }
  return out;
}

/**
 * Closed loops around the union of `boxes` (each loop's first point is not repeated at its end).
 * The covered area is on the right of each loop's direction (clockwise on screen, y down).
 */
export function unionOutline(boxes: readonly Box[]): Point[][] {
  const real = boxes.filter((b) => b.w > 0 && b.h > 0);
  if (real.length === 0) return [];
  const xs = sortedUnique(real.flatMap((b) => [b.x, b.x + b.w]));
  const ys = sortedUnique(real.flatMap((b) => [b.y, b.y + b.h]));
  const xi = new Map(xs.map((x, i) => [x, i] as const));
  const yi = new Map(ys.map((y, i) => [y, i] as const));
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  const covered = new Uint8Array(cols * rows);
  for (const b of real) {
    const x0 = xi.get(b.x)!;
    const x1 = xi.get(b.x + b.w)!;
    const y0 = yi.get(b.y)!;
    const y1 = yi.get(b.y + b.h)!;
    for (let r = y0; r < y1; r++) for (let c = x0; c < x1; c++) covered[r * cols + c] = 1;
  }
  const on = (c: number, r: number): boolean => c >= 0 && r >= 0 && c < cols && r < rows && covered[r * cols + c] === 1;

  // Directed sides with the covered cell on their right (screen coordinates, y down).
  const next = new Map<string, Point[]>();
  const add = (a: Point, b: Point): void => {
    const list = next.get(key(a));
    if (list) list.push(b);
    else next.set(key(a), [b]);
  };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (!on(c, r)) continue;
      const [l, t, rt, bt] = [xs[c]!, ys[r]!, xs[c + 1]!, ys[r + 1]!];
      if (!on(c, r - 1)) add({ x: l, y: t }, { x: rt, y: t });
      if (!on(c + 1, r)) add({ x: rt, y: t }, { x: rt, y: bt });
      if (!on(c, r + 1)) add({ x: rt, y: bt }, { x: l, y: bt });
      if (!on(c - 1, r)) add({ x: l, y: bt }, { x: l, y: t });
    }

  const loops: Point[][] = [];
  for (const [start] of next) {
    while ((next.get(start)?.length ?? 0) > 0) {
      const loop: Point[] = [];
      let at = start;
      let from: Point | undefined;
      for (;;) {
        const list = next.get(at);
        if (!list || list.length === 0) break;
        // Where two cells meet only at a corner, two sides leave the same point: take the one
        // turning right of the way we came, so each loop hugs its own cell and loops stay simple.
        let pick = 0;
        if (list.length > 1 && from) {
          const here = parsePoint(at);
          const dx = here.x - from.x;
          const dy = here.y - from.y;
          const right = list.findIndex(
            (p) => Math.sign(p.x - here.x) === -Math.sign(dy) && Math.sign(p.y - here.y) === Math.sign(dx),
          );
          if (right >= 0) pick = right;
        }
        const to = list.splice(pick, 1)[0]!;
        const here = parsePoint(at);
        loop.push(here);
        from = here;
        at = key(to);
        if (at === start && (next.get(start)?.length ?? 0) === 0) break;
        if (at === start) break;
      }
      if (loop.length >= 4) loops.push(simplify(loop));
    }
  }
  return loops;
}

function parsePoint(k: string): Point {
  const [x, y] = k.split(',').map(Number);
  return { x: x!, y: y! };
}
