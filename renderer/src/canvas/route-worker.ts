/**
 * A dedicated worker that routes a drop's edges (shared/diagram/drop.ts `DropRouting`) off the
 * editor's thread: the same `routeEdges` call `dropDiagram` makes, so the same routes.
 */
import type { DropRouting } from '../../../shared/diagram/drop';
import { routeEdges } from '../../../shared/diagram/route';
import type { Point } from '../../../shared/diagram/types';

export interface DropRouteWork {
  readonly id: number;
  readonly routing: DropRouting;
}

export type DropRouteAnswer =
  { readonly id: number; readonly routes: Map<string, Point[]> } | { readonly id: number; readonly error: string };

/** The worker's global scope, as far as it is used (the renderer's types are the window's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DropRouteWork>) => void) | null;
  postMessage(answer: DropRouteAnswer): void;
};

scope.onmessage = ({ data: { id, routing } }) => {
  try {
    scope.postMessage({ id, routes: routeEdges(routing.obstacles, routing.requests, {}, routing.rays) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
