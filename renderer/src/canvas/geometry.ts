/**
 * The canvas grid, and the node sizes it needs from shared/diagram (which owns every size:
 * the canvas and an exported picture draw the same geometry).
 */
import { nodeHeight } from '../../../shared/diagram/metrics';

export { nodeHeight };

/** Snaps to the canvas grid. */
export const GRID = 16;
export function snap(v: number): number {
  // `|| 0` turns -0 into 0: the file would say `-0` otherwise.
  return Math.round(v / GRID) * GRID || 0;
}
