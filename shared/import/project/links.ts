/**
 * Implied links (recognize/links.ts: connection URIs, host/port variables, depends_on, shared
 * networks) → the model's links, which name the target's port. A link whose port the target
 * does not listen on is not drawn: the note says so (a custom container gains the port when it
 * publishes or exposes it).
 */
import { componentPorts } from '../../catalog/index';
import type { Component, ComponentId, Link, LinkId } from '../../model/types';
import type { ImpliedLink } from '../recognize/links';
import type { ImportNote } from '../types';

export function modelLinks(
  implied: readonly ImpliedLink[],
  idOf: ReadonlyMap<string, ComponentId>,
  byId: ReadonlyMap<ComponentId, Component>,
  notes: ImportNote[],
): Link[] {
  const out: Link[] = [];
  const seen = new Set<string>();
  for (const l of implied) {
    const from = idOf.get(l.from);
    const to = idOf.get(l.to);
    const target = to !== undefined ? byId.get(to) : undefined;
    if (from === undefined || to === undefined || target === undefined) continue;
    const port = componentPorts(target).find((p) => p.number === l.port);
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
