/**
 * Problem badges: error and warning counts per element, as the canvas counts them (infos get no
 * badge there, so none here either).
 */
import type { PictureProblem } from './types';

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
}

export const NO_PROBLEMS: Counts = { errors: 0, warnings: 0 };

/** Counts by element id (component, link, route or zone id). */
export function countProblems(problems: readonly PictureProblem[]): Map<string, Counts> {
  const out = new Map<string, { errors: number; warnings: number }>();
  for (const p of problems) {
    if (p.severity !== 'error' && p.severity !== 'warning') continue;
    let c = out.get(p.element);
    if (!c) out.set(p.element, (c = { errors: 0, warnings: 0 }));
    if (p.severity === 'error') c.errors++;
    else c.warnings++;
  }
  return out;
}

/** The element id of a diagram edge: the link id, or the route id behind `route:<id>`. */
export const edgeElement = (edgeId: string): string =>
  edgeId.startsWith('route:') ? edgeId.slice('route:'.length) : edgeId;

/** Badges an edge's label holds (one per severity present): they widen the label. */
export function badgeCount(c: Counts | undefined): number {
  return c ? (c.errors > 0 ? 1 : 0) + (c.warnings > 0 ? 1 : 0) : 0;
}
