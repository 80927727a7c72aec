import { getKind, isDeployed, portNumber } from '../../catalog/index';
import { instancesOn, replicaSpread } from '../../model/hosts';
import { isLoopback } from '../../model/publish-address';
import type { Component, Host, Project } from '../../model/types';

/**
 * Which connections leave a host (issue 16): every drawn link and every route whose client runs
 * on a host where its target runs no instance, plus — for a proxy — every instance of a routed
 * target on another host, which the proxy balances over too. Containers on different hosts share
 * no compose network, so each goes through a port the target publishes on its own host (rule
 * NA054 asks for it). The per-host compose files, the proxy upstreams, the Sentinel configuration
 * and DEPLOYMENT.md's host-to-host firewall table all read this one list.
 */
export interface Crossing {
  /** A drawn link (one dialled target host), or a route an entry point forwards (every target host). */
  readonly kind: 'link' | 'route';
  readonly from: Component;
  readonly fromHost: Host;
  readonly to: Component;
  readonly toHost: Host;
  /** The target's port name (catalog) and the number it listens on in its container. */
  readonly portName: string;
  readonly containerPort: number;
  /** The port published on `toHost` (not on loopback); undefined when none is: unreachable. */
  readonly hostPort?: number;
}

/** The port `to` publishes for other hosts on `portName`: the first not bound to loopback. */
export function publishedFor(to: Component, portName: string): number | undefined {
  return to.publish.find((p) => p.port === portName && !isLoopback(p.hostIp))?.hostPort;
}

/** Every crossing of the project, links first (project order), then routes. */
export function crossingsOf(project: Project): Crossing[] {
  const byId = new Map(project.components.map((c) => [c.id as string, c]));
  const out: Crossing[] = [];
  const add = (kind: Crossing['kind'], from: Component, fromHost: Host, to: Component, toHost: Host, port: string) => {
    const containerPort = portNumber(to, port);
    if (containerPort === undefined) return;
    const hostPort = publishedFor(to, port);
    out.push({
      kind,
      from,
      fromHost,
      to,
      toHost,
      portName: port,
      containerPort,
      ...(hostPort !== undefined ? { hostPort } : {}),
    });
  };
  for (const l of project.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (from === undefined || to === undefined || !isDeployed(from) || !isDeployed(to)) continue;
    const targets = replicaSpread(project, to);
    if (targets.length === 0) continue;
    for (const share of replicaSpread(project, from))
      // One URI per client: it dials the target's first host (model/hosts.ts orders them).
      if (instancesOn(project, to, share.host.id) === 0) add('link', from, share.host, to, targets[0]!.host, l.port);
  }
  for (const r of project.routes) {
    const via = byId.get(r.via);
    const to = byId.get(r.target);
    if (via === undefined || to === undefined || !isDeployed(via) || !isDeployed(to)) continue;
    for (const share of replicaSpread(project, via))
      for (const target of replicaSpread(project, to))
        if (target.host.id !== share.host.id) add('route', via, share.host, to, target.host, r.port);
  }
  return dedupe(out);
}

/** One crossing per client, client host, target, target host and port (several routes share one). */
function dedupe(list: readonly Crossing[]): Crossing[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = [c.kind, c.from.id, c.fromHost.id, c.to.id, c.toHost.id, c.portName].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Instances a component runs in compose terms: its replicas when scalable, else one. */
export const composeReplicas = (c: Component): number => (getKind(c.kind).scalable ? c.replicas : 1);
