import type { Component, Position, Project } from './types';

export interface Size {
  readonly w: number;
  readonly h: number;
}

/**
 * Room a component takes on the canvas when the caller knows nothing better: the canvas draws
 * nodes 232 wide, and 180 covers the tallest (header and five port rows).
 */
export const FOOTPRINT: Size = { w: 232, h: 180 };

export interface PlacementOptions {
  /** Size of the component being placed. */
  readonly size?: Size;
  /** Size of each existing component (the canvas knows exact node heights). */
  readonly sizeOf?: (component: Component) => Size;
  /** Space kept clear around every component. */
  readonly margin?: number;
}

/** Vertical search step: fine, so a new node lands right under its neighbour. */
const STEP_Y = 48;
const COLUMNS = 3;
const ROWS = 8;

/**
 * The free spot nearest to `preferred` where a new component overlaps no existing one. Offsets
 * are tried nearest first, a step sideways counting more than one down, so new components stack
 * in columns; when nothing near is free, the spot below everything. Pure and deterministic: the
 * palette's keyboard add and the quick fixes that add a component place it the same way in
 * the editor, the CLI and the tests.
 */
export function freePosition(project: Project, preferred: Position, options: PlacementOptions = {}): Position {
  const size = options.size ?? FOOTPRINT;
  const margin = options.margin ?? 16;
  const sizeOf = options.sizeOf ?? (() => FOOTPRINT);
  const taken = project.components.map((c) => ({ ...c.position, ...sizeOf(c) }));
  const free = (p: Position) =>
    !taken.some(
      (b) =>
        p.x < b.x + b.w + margin &&
        b.x < p.x + size.w + margin &&
        p.y < b.y + b.h + margin &&
        b.y < p.y + size.h + margin,
    );

  const offsets: Position[] = [];
  for (let i = -COLUMNS; i <= COLUMNS; i++) {
    for (let j = -ROWS; j <= ROWS; j++) offsets.push({ x: i * (size.w + 3 * margin), y: j * STEP_Y });
  }
  offsets.sort((a, b) => Math.hypot(a.x * 1.5, a.y) - Math.hypot(b.x * 1.5, b.y) || a.y - b.y || a.x - b.x);
  for (const o of offsets) {
    const spot = { x: preferred.x + o.x, y: preferred.y + o.y };
    if (free(spot)) return spot;
  }
  const bottom = Math.max(...taken.map((b) => b.y + b.h));
  return { x: preferred.x, y: bottom + 2 * margin };
}
