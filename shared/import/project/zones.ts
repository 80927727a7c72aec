/**
 * Networks → zones. A compose network is a segment; the drawing's zones are regions, one per
 * component. The entry points' networks are the edge: an entry point joins the zone of its
 * first network (a DMZ); every other container joins the zone of its first network that is not
 * an edge network — so nextauth on `edge` and `backend` lands in `backend`, with its data, and
 * the proxy alone in `edge`. Services on compose's implicit default network share one zone.
 * Clients and outside services (added by extras.ts) are the internet zone's.
 */
import { isEntryPoint } from '../../model/constraints';
import type { Component, ComponentId, Zone, ZoneId, ZoneKind } from '../../model/types';
import type { ServiceFacts } from './service-facts';

const DEFAULT_NETWORK = 'default';
/** Not a compose network name (those cannot contain spaces): the shared zone of entry points. */
const EDGE = 'edge zone';

export interface Zoning {
  readonly zones: Zone[];
  readonly zoneOf: Map<ComponentId, ZoneId>;
}

export function zonesFromNetworks(
  components: readonly Component[],
  facts: ReadonlyMap<ComponentId, ServiceFacts>,
  internalNetworks: ReadonlySet<string>,
): Zoning {
  const networksOf = (id: ComponentId): string[] => facts.get(id)?.networks?.map((n) => n.name) ?? [DEFAULT_NETWORK];
  const edge = new Set<string>();
  for (const c of components) if (isEntryPoint(c)) for (const n of networksOf(c.id)) edge.add(n);
  const chosen = new Map<ComponentId, string>();
  for (const c of components) {
    if (!facts.has(c.id) || isEntryPoint(c)) continue;
    const nets = networksOf(c.id);
    const net = nets.find((n) => !edge.has(n)) ?? nets[0];
    if (net !== undefined) chosen.set(c.id, net);
  }
  // An entry point is the edge whatever network it shares: its first network's zone when no
  // other container chose that network, else one "Edge (DMZ)" zone for the entry points.
  const inner = new Set(chosen.values());
  for (const c of components) {
    if (!facts.has(c.id) || !isEntryPoint(c)) continue;
    const first = networksOf(c.id)[0] ?? DEFAULT_NETWORK;
    chosen.set(c.id, inner.has(first) ? EDGE : first);
  }
  const zones: Zone[] = [];
  const ids = new Map<string, ZoneId>();
  const zoneOf = new Map<ComponentId, ZoneId>();
  for (const c of components) {
    const net = chosen.get(c.id);
    if (net === undefined) continue;
    let id = ids.get(net);
    if (id === undefined) {
      const entryOnly = components.every((o) => chosen.get(o.id) !== net || isEntryPoint(o));
      const kind: ZoneKind = net === EDGE || (entryOnly && !internalNetworks.has(net)) ? 'dmz' : 'internal';
      id = (net === EDGE ? 'zone-edge-dmz' : `zone-${net}`).replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 64) as ZoneId;
      const name =
        net === EDGE
          ? 'Edge (DMZ)'
          : net === DEFAULT_NETWORK
            ? 'Compose network'
            : entryOnly
              ? `Edge (${net})`
              : `Network ${net}`;
      ids.set(net, id);
      zones.push({ id, name, kind });
    }
    zoneOf.set(c.id, id);
  }
  return { zones, zoneOf };
}
