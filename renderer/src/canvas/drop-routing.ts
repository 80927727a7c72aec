/**
 * Where the canvas routes a drop: in a worker (route-worker.ts), so that a drop that reroutes
 * hundreds of long edges — at 2,000 components several hundred ms of search — leaves the
 * editor's thread free to draw; the mapper shows the drop provisionally meanwhile (flow-drop.ts).
 * Small drops are routed at once on this thread, where they cost less than a frame and no
 * provisional picture is shown. The worker is only ever a speed-up: where it cannot start or
 * fails, the routing is done here, with the same result.
 */
import type { DropRouting } from '../../../shared/diagram/drop';
import { routeEdges } from '../../../shared/diagram/route';
import type { Point } from '../../../shared/diagram/types';
import type { DropRouteAnswer, DropRouteWork } from './route-worker';

/**
 * Below this much work (rerouted edges × obstacles) a drop is routed at once: a few dozen edges
 * among a few hundred nodes take a few ms, less than showing a provisional picture costs.
 */
export const AWAY_WORK = 20_000;

/** Whether a drop's routing is worth handing to the worker (the mapper's `routeDrop`). */
export const routesAway = (routing: DropRouting): boolean =>
  routing.requests.length * routing.obstacles.length >= AWAY_WORK;

/** The part of a Worker the router uses (a stand-in in tests). */
export interface RouteWorker {
  postMessage(work: DropRouteWork): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DropRouteAnswer>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: () => void): void;
  terminate(): void;
}

export type RouteDrop = (routing: DropRouting) => Promise<Map<string, Point[]>>;

const routeHere = (routing: DropRouting): Map<string, Point[]> =>
  routeEdges(routing.obstacles, routing.requests, {}, routing.rays);

function startWorker(): RouteWorker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return new Worker(new URL('./route-worker.ts', import.meta.url), { type: 'module', name: 'portolan-drop-routes' });
}

/**
 * A router that sends each drop to one worker (started on the first drop) and answers with its
 * routes; when the worker cannot be started, reports an error or answers with one, that drop
 * and every later one is routed here instead.
 */
export function createDropRouter(start: () => RouteWorker | undefined = startWorker): RouteDrop {
  let worker: RouteWorker | undefined;
  let broken = false;
  let next = 0;
  const waiting = new Map<number, { routing: DropRouting; resolve: (routes: Map<string, Point[]>) => void }>();

  const giveUp = () => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    // Whatever the worker still had is routed here, in the order it was sent.
    for (const [id, job] of [...waiting]) {
      waiting.delete(id);
      job.resolve(routeHere(job.routing));
    }
  };

  const started = (): RouteWorker | undefined => {
    if (worker || broken) return worker;
    try {
      worker = start();
    } catch {
      worker = undefined;
    }
    if (!worker) {
      broken = true;
      return undefined;
    }
    worker.addEventListener('message', ({ data }) => {
      const job = waiting.get(data.id);
      if (!job) return;
      if ('error' in data) return giveUp();
      waiting.delete(data.id);
      job.resolve(data.routes);
    });
    worker.addEventListener('error', giveUp);
    worker.addEventListener('messageerror', giveUp);
    return worker;
  };

  return (routing) =>
    new Promise((resolve) => {
      const w = started();
      if (!w) {
        // Not in this call's stack: the caller gets its answer as it would from the worker.
        queueMicrotask(() => resolve(routeHere(routing)));
        return;
      }
      const id = next++;
      waiting.set(id, { routing, resolve });
      w.postMessage({ id, routing });
    });
}
