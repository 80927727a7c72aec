/**
 * The mapper's exact diagram after a drop (flow.ts): `dropDiagram`, with its routing either done
 * at once or — when the caller routes it elsewhere (the canvas hands it to a worker, see
 * drop-routing.ts) — drawn provisionally (`provisionalDrop`) until the routes come back and
 * `settleDrop` finishes it. The finished diagram is the one `dropDiagram` computes: the same plan
 * completed with the same router's answer.
 */
import { finishDrop, planDrop, provisionalDrop, type DropPlan, type DropRouting } from '../../../shared/diagram/drop';
import { routeEdges } from '../../../shared/diagram/route';
import type { Diagram, Point } from '../../../shared/diagram/types';
import type { Project } from '../../../shared/model/types';

/** The routes of a drop's plan, handed back to the mapper (FlowInput.routedDrop). */
export interface RoutedDrop {
  readonly plan: DropPlan;
  readonly routes: ReadonlyMap<string, readonly Point[]>;
}

/** Whether the caller routes a drop's plan itself (else the mapper routes it before it returns). */
export type RoutesAway = (routing: DropRouting) => boolean;

/** The mapper's exact geometry: the diagram, and the drop it still waits for the routes of. */
export interface ExactDiagram {
  readonly diagram: Diagram;
  readonly pending?: DropPlan | undefined;
}

export function droppedDiagram(
  previous: Diagram,
  project: Project,
  badges: (edgeId: string) => number,
  routesAway: RoutesAway | undefined,
): ExactDiagram {
  const plan = planDrop(previous, project, { badges });
  if (!('routing' in plan)) return { diagram: plan };
  if (routesAway?.(plan.routing)) return { diagram: provisionalDrop(plan), pending: plan };
  const { obstacles, requests, rays } = plan.routing;
  return { diagram: finishDrop(plan, routeEdges(obstacles, requests, {}, rays)) };
}

/**
 * `exact` finished with `routed` when these are the routes of the drop it waits for; otherwise
 * (no answer yet, or an answer for a drop since replaced by another document) as it is.
 */
export function settleDrop<T extends ExactDiagram>(exact: T, routed: RoutedDrop | undefined): T {
  if (routed === undefined || exact.pending === undefined || routed.plan !== exact.pending) return exact;
  return { ...exact, diagram: finishDrop(routed.plan, routed.routes), pending: undefined };
}
