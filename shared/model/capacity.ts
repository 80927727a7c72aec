import { isEntryPoint } from './constraints';
import type { CapacitySettings, Component, ComponentId, Project } from './types';

/**
 * The expected peak of concurrent WebSocket clients: the project's figure, an entry point's own
 * override, the default when neither is set, and the bounds every reader and field applies.
 * shared/export/capacity.ts turns the figure into each flavour's limits.
 */

/**
 * What an absent figure means. 10,000 clients gives limits close to what operators commonly hand-tune a
 * single proxy host to (nginx about 25,000 connections per worker, HAProxy maxconn 12,500, ~26,000 open
 * files), well above the stock 1,024 that the issue found, and well below any kernel limit.
 */
export const DEFAULT_WEBSOCKET_CLIENTS = 10_000;

/**
 * The figures a file or field may hold. The upper bound is what one proxy process can serve on a
 * stock Linux kernel: each proxied WebSocket costs two file descriptors plus HTTP headroom
 * (export/capacity.ts), and 400,000 clients need about 1,000,000 — just under `fs.nr_open`'s
 * default of 1,048,576, the most any process may be allowed. More than that is a cluster of entry
 * points, each drawn with its share.
 */
export const WEBSOCKET_CLIENTS = { min: 1, max: 400_000 } as const;

/** Whether a number is a figure a project may hold (a whole number within WEBSOCKET_CLIENTS). */
export const isWebsocketClients = (n: number): boolean =>
  Number.isSafeInteger(n) && n >= WEBSOCKET_CLIENTS.min && n <= WEBSOCKET_CLIENTS.max;

/** The figure an entry point is built for: its own override, else the project's, else the default. */
export function websocketClientsOf(project: Project, entry: Component): number {
  return entry.capacity?.websocketClients ?? project.settings.capacity?.websocketClients ?? DEFAULT_WEBSOCKET_CLIENTS;
}

function checked(clients: number | undefined): CapacitySettings | undefined {
  if (clients === undefined) return undefined;
  if (!isWebsocketClients(clients)) throw new RangeError(`not a WebSocket client count: ${clients}`);
  return { websocketClients: clients };
}

/** The project with this expected peak; undefined removes it (the default applies, and the file keeps its older format). */
export function setProjectCapacity(project: Project, clients: number | undefined): Project {
  const { capacity: _old, ...rest } = project.settings;
  const capacity = checked(clients);
  return { ...project, settings: capacity === undefined ? rest : { ...rest, capacity } };
}

/**
 * The project with entry point `id`'s own figure set (or removed: the project's applies). Only
 * entry points hold one; any other component is left as it is.
 */
export function setEntryCapacity(project: Project, id: ComponentId, clients: number | undefined): Project {
  const capacity = checked(clients);
  return {
    ...project,
    components: project.components.map((c) => {
      if (c.id !== id || !isEntryPoint(c)) return c;
      const { capacity: _old, ...rest } = c;
      return capacity === undefined ? rest : { ...rest, capacity };
    }),
  };
}
