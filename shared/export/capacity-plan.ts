import { websocketClientsOf } from '../model/capacity';
import type { Component, ProxyFlavour } from '../model/types';
import { capacityLimits, upstreamNofile, WIDE_PORT_RANGE, type CapacityLimits } from './capacity';
import type { DeploymentPlan, Site } from './plan';

/**
 * The capacity of a whole deployment: each entry point's limits (capacity.ts) and, for the compose
 * file, the open-file limit and network sysctls of every service that holds many sockets — the
 * entry points (reverse proxies, portmap) and the services their WebSockets reach (nextauth).
 */

export interface EntryCapacityPlan {
  readonly entry: Component;
  /** Set for a reverse proxy; portmap is configured in nextAuth, not by a file of this export. */
  readonly flavour?: ProxyFlavour;
  readonly limits: CapacityLimits;
  /** Whether the figure is the entry point's own override rather than the project's (or the default). */
  readonly own: boolean;
}

export interface ServiceLimits {
  /** `ulimits.nofile` (soft and hard alike: Go programs and nginx's master raise the soft limit only up to the hard one). */
  readonly nofile: number;
  /** Network-namespace sysctls: they apply inside the container, so the compose file sets them, not the host. */
  readonly sysctls?: Readonly<Record<string, number | string>>;
}

export interface CapacityPlan {
  readonly entries: readonly EntryCapacityPlan[];
  /** By compose service name. */
  readonly services: ReadonlyMap<string, ServiceLimits>;
}

const websocketUpstreams = (sites: readonly Site[]): Set<string> =>
  new Set(sites.flatMap((s) => s.locations.filter((l) => l.upstream.websocket).map((l) => l.upstream.service)));

/**
 * Plans already worked out, per deployment plan (immutable): the compose file, DEPLOYMENT.md and
 * the Swarm stack all ask for the same one during one export.
 */
const planned = new WeakMap<DeploymentPlan, CapacityPlan>();

/** The capacity plan of a deployment plan: pure, and the same for every flavour. */
export function capacityPlan(plan: DeploymentPlan): CapacityPlan {
  let known = planned.get(plan);
  if (known === undefined) planned.set(plan, (known = workOut(plan)));
  return known;
}

function workOut(plan: DeploymentPlan): CapacityPlan {
  const entryPlans = [
    ...plan.proxies.map((p) => ({ entry: p.entry, flavour: p.flavour as ProxyFlavour | undefined, sites: p.sites })),
    ...plan.portmaps.map((p) => ({ entry: p.entry, flavour: undefined, sites: p.sites })),
  ];
  const deployed = new Set(plan.services.map((s) => s.name));
  const entries: EntryCapacityPlan[] = [];
  const services = new Map<string, ServiceLimits>();
  const upstreamTotals = new Map<string, number>();
  for (const { entry, flavour, sites } of entryPlans) {
    const limits = entryLimits(plan, entry);
    entries.push({
      entry,
      ...(flavour !== undefined ? { flavour } : {}),
      limits,
      own: entry.capacity !== undefined,
    });
    if (deployed.has(entry.id)) {
      services.set(entry.id, {
        nofile: limits.nofile,
        sysctls: {
          // Explicit, so the backlog does not depend on the host's kernel (128 before Linux 5.4).
          'net.core.somaxconn': limits.backlog,
          ...(limits.widePortRange ? { 'net.ipv4.ip_local_port_range': WIDE_PORT_RANGE } : {}),
        },
      });
    }
    // A service behind several entry points holds the far end of the WebSockets of each.
    for (const service of websocketUpstreams(sites)) {
      upstreamTotals.set(service, (upstreamTotals.get(service) ?? 0) + limits.upstreamConnections);
    }
  }
  for (const [service, connections] of upstreamTotals) {
    if (!deployed.has(service) || services.has(service)) continue;
    services.set(service, { nofile: upstreamNofile(connections) });
  }
  return { entries, services };
}

/** The limits of one entry point of the plan (what its proxy configuration renders). */
export const entryLimits = (plan: DeploymentPlan, entry: Component): CapacityLimits =>
  capacityLimits(websocketClientsOf(plan.project, entry));
