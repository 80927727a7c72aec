/**
 * Implied links (recognize/links.ts: connection URIs, host/port variables, depends_on, shared
 * networks) → the model's links, which name the target's port. A URI or a host/port variable
 * names the port the target really listens on (a moved port included); depends_on and a shared
 * network name the port the source's kind connects to, by the catalog's number, whatever number
 * the target listens on. A link whose port the target does not have is not drawn: the note says
 * so (a custom container gains the port when it publishes or exposes it).
 */
import { componentPorts, portNumber } from '../../catalog/index';
import type { Component, ComponentId, Link, LinkId } from '../../model/types';
import type { ImpliedLink } from '../recognize/links';
import type { ImportNote } from '../types';

const KEY_VALUE: ReadonlySet<string> = new Set(['redis', 'redis-sentinel']);

/** The target's port an implied link reaches, by the kind of evidence it has. */
function portOf(l: ImpliedLink, target: Component) {
  const ports = componentPorts(target);
  if (l.evidence === 'uri' || l.evidence === 'host-port')
    return ports.find((p) => portNumber(target, p.name) === l.port);
  return ports.find((p) => p.number === l.port);
}

export function modelLinks(
  implied: readonly ImpliedLink[],
  idOf: ReadonlyMap<string, ComponentId>,
  byId: ReadonlyMap<ComponentId, Component>,
  notes: ImportNote[],
): Link[] {
  const out: Link[] = [];
  const seen = new Set<string>();
  // nextauth reads one key-value store, Redis or a Sentinel in front of it: a source a URI,
  // host/port variable or depends_on links to one of them does not also use the other because
  // it shares a network with it (a Sentinel tells it where the Redis master is).
  const kindOf = (l: ImpliedLink) => {
    const id = idOf.get(l.to);
    return id === undefined ? undefined : byId.get(id)?.kind;
  };
  const kvFrom = new Set(
    implied.filter((l) => l.evidence !== 'network' && KEY_VALUE.has(kindOf(l) ?? '')).map((l) => l.from),
  );
  for (const l of implied) {
    const from = idOf.get(l.from);
    const to = idOf.get(l.to);
    const target = to !== undefined ? byId.get(to) : undefined;
    if (from === undefined || to === undefined || target === undefined) continue;
    if (l.evidence === 'network' && KEY_VALUE.has(target.kind) && kvFrom.has(l.from)) {
      notes.push({
        kind: 'interpreted',
        text: `${l.from} shares a network with ${l.to}, but its key-value store is linked otherwise: no link of its own`,
        at: l.at,
      });
      continue;
    }
    const port = portOf(l, target);
    if (port === undefined) {
      notes.push({
        kind: 'interpreted',
        text: `${l.from} connects to ${l.to} on port ${l.port}, which ${l.to} does not listen on: no link drawn`,
        at: l.at,
      });
      continue;
    }
    const key = `${from}\u0000${to}\u0000${port.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      id: `${from}-to-${to}${out.some((x) => x.from === from && x.to === to) ? `-${port.name}` : ''}` as LinkId,
      from,
      to,
      port: port.name,
    });
  }
  return out;
}
