/**
 * "Arrange": the traffic-order layout of shared/diagram applied to the document as one undo
 * step. `{ all: true }` lays out every component that is not pinned; otherwise only the ones
 * not placed yet, around the ones that are.
 */
import { arrange, type ArrangeOptions } from '../../../shared/diagram/arrange';
import type { ComponentId, Position, Project } from '../../../shared/model/types';

export type AutoLayoutOptions = ArrangeOptions;

/** New positions for the components to lay out (the others are absent). */
export function autoLayout(project: Project, options: AutoLayoutOptions = {}): Map<ComponentId, Position> {
  return arrange(project, options);
}

/** Runs the layout and applies it as one undo step; returns how many components moved. */
export async function applyAutoLayout(
  store: {
    getState(): {
      project: Project | null;
      moveComponents(moves: ReadonlyMap<ComponentId, Position>, transaction?: string): void;
    };
  },
  options: AutoLayoutOptions = {},
): Promise<number> {
  const project = store.getState().project;
  if (project === null) return 0;
  const moves = autoLayout(project, options);
  // Only real moves: an arranged drawing arranged again is no undo step.
  const byId = new Map(project.components.map((c) => [c.id, c] as const));
  for (const [id, p] of moves) {
    const c = byId.get(id);
    if (c && c.position.x === p.x && c.position.y === p.y) moves.delete(id);
  }
  if (moves.size === 0) return 0;
  store.getState().moveComponents(moves);
  return moves.size;
}
