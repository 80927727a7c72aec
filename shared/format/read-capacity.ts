import { WEBSOCKET_CLIENTS } from '../model/capacity';
import type { CapacitySettings } from '../model/types';
import type { Located } from './located';
import { join, type Reader } from './reader';

/**
 * `settings.capacity` and an entry point's `capacity` (format 5): the expected peak of concurrent
 * WebSocket clients, `{ websocketClients: N }`. Absent means the project's figure (on an entry
 * point) or DEFAULT_WEBSOCKET_CLIENTS (on the project). A figure that is not a whole number within
 * WEBSOCKET_CLIENTS — text, a fraction, zero, a negative or an absurdly large number — is refused
 * with its line and column: every limit of the export is derived from it.
 */

export const CAPACITY_KEYS = ['websocketClients'] as const;

/** `what` names the place in messages: `settings.capacity` or `a component's capacity`. */
export function readCapacity(
  r: Reader,
  node: Located | undefined,
  path: string,
  what: string,
): CapacitySettings | undefined {
  if (node === undefined) return undefined;
  const map = r.map(node, path, what);
  if (!map) return undefined;
  r.keys(map, CAPACITY_KEYS, path, what);
  const clients = r.integer(
    r.required(map, 'websocketClients', path, what),
    join(path, 'websocketClients'),
    'the expected peak of WebSocket clients',
    WEBSOCKET_CLIENTS.min,
    WEBSOCKET_CLIENTS.max,
  );
  return clients === undefined ? undefined : { websocketClients: clients };
}

/** The written record (both writers and the compose file's x-portolan block use it); undefined when unset. */
export function capacityRecord(capacity: CapacitySettings | undefined): { websocketClients: number } | undefined {
  return capacity === undefined ? undefined : { websocketClients: capacity.websocketClients };
}
