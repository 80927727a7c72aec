/**
 * The canvas's drop router (drop-routing.ts): a worker's answer when it gives one, the same
 * routes computed here when it cannot start or fails — never a drop left unanswered. The worker
 * is a stand-in here (the built editor runs the real one, test/e2e/canvas-drop-routing.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../../shared/diagram/arrange';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { planDrop, type DropRouting } from '../../../../shared/diagram/drop';
import { routeEdges } from '../../../../shared/diagram/route';
import type { Project } from '../../../../shared/model/types';
import {
  AWAY_WORK,
  createDropRouter,
  routesAway,
  type RouteWorker,
} from '../../../../renderer/src/canvas/drop-routing';
import type { DropRouteAnswer, DropRouteWork } from '../../../../renderer/src/canvas/route-worker';
import { diagramProject } from '../../../support/diagram-projects';

/** A drop of the first component by (300, 200) in an arranged generated project: its plan's routing. */
function routing(): DropRouting {
  const raw = diagramProject(40, 5);
  const at = arrange(raw);
  const project: Project = { ...raw, components: raw.components.map((c) => ({ ...c, position: at.get(c.id)! })) };
  const first = project.components[0]!;
  const after: Project = {
    ...project,
    components: project.components.map((c) =>
      c === first ? { ...c, position: { x: c.position.x + 300, y: c.position.y + 200 } } : c,
    ),
  };
  const plan = planDrop(diagramOf(project), after);
  if (!('routing' in plan)) throw new Error('the drop reroutes nothing');
  return plan.routing;
}

const here = (r: DropRouting) => routeEdges(r.obstacles, r.requests, {}, r.rays);

/** A worker stand-in: it keeps what it is sent and answers when told to. */
function standIn() {
  const listeners = new Map<string, ((event: { data: DropRouteAnswer }) => void)[]>();
  const sent: DropRouteWork[] = [];
  let terminated = false;
  const worker: RouteWorker = {
    postMessage: (work: DropRouteWork) => sent.push(work),
    addEventListener: (type: string, listener: (event: { data: DropRouteAnswer }) => void) =>
      listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    terminate: () => {
      terminated = true;
    },
  } as unknown as RouteWorker;
  const emit = (type: string, data?: DropRouteAnswer) => {
    for (const l of listeners.get(type) ?? []) l({ data: data! });
  };
  return { worker, sent, emit, terminated: () => terminated };
}

describe('the drop router', () => {
  const r = routing();

  it('answers with the worker’s routes for each drop it sent', async () => {
    const w = standIn();
    const route = createDropRouter(() => w.worker);
    const a = route(r);
    const b = route(r);
    expect(w.sent.map((s) => s.id)).toEqual([0, 1]);
    expect(w.sent[0]!.routing).toBe(r);
    const answer = new Map([['x', [{ x: 1, y: 2 }]]]);
    // Answers may come in any order, and one for no drop it sent is ignored.
    w.emit('message', { id: 7, routes: new Map() });
    w.emit('message', { id: 1, routes: answer });
    w.emit('message', { id: 0, routes: here(r) });
    expect(await b).toBe(answer);
    expect(await a).toEqual(here(r));
  });

  it('routes here, with the same result, when no worker can be started', async () => {
    expect(await createDropRouter(() => undefined)(r)).toEqual(here(r));
    const throwing = createDropRouter(() => {
      throw new Error('blocked by the content security policy');
    });
    expect(await throwing(r)).toEqual(here(r));
  });

  it('routes here what a failing worker had, and every later drop', async () => {
    for (const failure of ['error', 'messageerror', 'answer'] as const) {
      const w = standIn();
      let starts = 0;
      const route = createDropRouter(() => (starts++, w.worker));
      const pending = route(r);
      if (failure === 'answer') w.emit('message', { id: 0, error: 'out of memory' });
      else w.emit(failure);
      expect(await pending, failure).toEqual(here(r));
      expect(w.terminated()).toBe(true);
      expect(await route(r)).toEqual(here(r));
      expect(starts).toBe(1);
      expect(w.sent).toHaveLength(1);
    }
  });

  it('hands a drop to the worker only when it is a lot of work', () => {
    expect(routesAway(r)).toBe(r.requests.length * r.obstacles.length >= AWAY_WORK);
    const one = { ...r, requests: r.requests.slice(0, 1) };
    expect(routesAway(one)).toBe(false);
    const many = {
      ...r,
      requests: Array.from({ length: Math.ceil(AWAY_WORK / r.obstacles.length) }, () => r.requests[0]!),
    };
    expect(routesAway(many)).toBe(true);
  });
});
