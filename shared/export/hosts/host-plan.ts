import { portNumber } from '../../catalog/index';
import { lookupOf, monitoredRedis, type Connection } from '../../connections/index';
import { instancesOn, replicaSpread } from '../../model/hosts';
import type { Component, Host } from '../../model/types';
import { bindAddresses } from '../binds';
import type { DeploymentPlan, Location, PlanService, PlanVariable, ProxyPlan, RemoteServer, Site } from '../plan';
import { bindOf, dialOf, type Dial } from './names';
import type { SentinelPlacement } from '../sentinel';
import type { Crossing } from './reach';

/**
 * One host's share of the deployment plan (issue 16): the services it runs, each with the number
 * of instances on it, and every connection that leaves the host rewired to the port the target
 * publishes on its own host. The compose, `.env`, proxy and Sentinel exporters then format this
 * share exactly as they format a whole single-host plan — nothing about hosts is re-derived there.
 */

export interface HostsContext {
  readonly plan: DeploymentPlan;
  readonly hosts: readonly Host[];
  readonly slugs: ReadonlyMap<Host, string>;
  readonly crossings: readonly Crossing[];
}

/** What a host's share needs from `.env` beyond its services' own variables: host addresses. */
export interface HostShare {
  readonly host: Host;
  readonly slug: string;
  readonly plan: DeploymentPlan;
  /** `.env` variables holding a host's address that this host's compose file reads, by variable. */
  readonly addressInputs: ReadonlyMap<string, { readonly host: Host; readonly use: 'bind' | 'dial' }>;
}

const slugOf = (ctx: HostsContext, h: Host): string => ctx.slugs.get(h)!;
export const dialTo = (ctx: HostsContext, h: Host): Dial => dialOf(h, slugOf(ctx, h));

/** Whether a Sentinel's peers run on other hosts, so it publishes its port to them. */
const sentinelAcrossHosts = (ctx: HostsContext, c: Component): boolean =>
  c.kind === 'redis-sentinel' && replicaSpread(ctx.plan.project, c).length > 1;

/**
 * The compose value of a connection URI — derived, or the architect's override, which NA034 holds
 * to the same host and port — pointed at another host's address and published port: the
 * `host[:port]` right after `@` or `://` (derive.ts writes `@host:port/` and `://host:port`).
 */
function rehomed(conn: Connection, value: string, address: string, port: number): string {
  const host = conn.host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // An override may leave the port out where it is the scheme's default (NA034 accepts that).
  const at = new RegExp(`(@|://)${host}(?::${conn.port})?(?=[/?#]|$)`, 'i');
  return value.replace(at, (_m, lead: string) => `${lead}${address}:${port}`);
}

export function hostShare(ctx: HostsContext, host: Host): HostShare {
  const { plan } = ctx;
  const project = plan.project;
  const on = (c: Component) => instancesOn(project, c, host.id);
  const here = new Set(plan.services.filter((s) => on(s.component) > 0).map((s) => s.name));
  const leaving = ctx.crossings.filter((x) => x.fromHost === host && x.hostPort !== undefined);
  const arriving = ctx.crossings.filter((x) => x.toHost === host && x.hostPort !== undefined);
  const addressInputs = new Map<string, { host: Host; use: 'bind' | 'dial' }>();
  const bind = bindOf(host, slugOf(ctx, host));

  const aliasesFor = (c: Component): string[] => {
    const out = new Set<string>();
    // A Sentinel on its Redis's own host dials it by that host's address too (monitorCrossing).
    const monitored = c.kind === 'redis-sentinel' ? monitoredRedis(lookupOf(project), c) : undefined;
    const own = monitored === undefined ? undefined : monitorCrossing(ctx, c, monitored);
    for (const x of [...leaving, ...(own?.toHost === host ? [own] : [])]) {
      if (x.from !== c) continue;
      const alias = dialTo(ctx, x.toHost).alias;
      if (alias === undefined) continue;
      addressInputs.set(alias.variable, { host: x.toHost, use: 'dial' });
      out.add(`${alias.name}:\${${alias.variable}:?set ${alias.variable} in .env}`);
    }
    return [...out].sort();
  };

  const services: PlanService[] = [];
  for (const s of plan.services) {
    if (!here.has(s.name)) continue;
    const c = s.component;
    // Ports other hosts dial: the arriving crossings' (and a spread Sentinel's, for its peers).
    const wanted = new Set(arriving.filter((x) => x.to === c).map((x) => x.portName));
    if (sentinelAcrossHosts(ctx, c)) for (const p of c.publish) wanted.add(p.port);
    const ports = [...s.ports];
    for (const p of c.publish) {
      if (!wanted.has(p.port) || ports.some((q) => q.hostPort === p.hostPort)) continue;
      const explicit = p.hostIp !== undefined && p.hostIp !== '';
      if (!explicit && bind.variable !== undefined) addressInputs.set(bind.variable, { host, use: 'bind' });
      ports.push({
        hostPort: p.hostPort,
        ...(explicit ? { hostIp: p.hostIp } : {}),
        binds: explicit ? bindAddresses(c, p) : [bind.ip],
        containerPort: portNumber(c, p.port) ?? p.hostPort,
      });
    }
    const environment = s.environment.map((v): PlanVariable => {
      const conn = plan.connections.find((k) => k.source === c && k.variable === v.name);
      if (conn === undefined) return v;
      const x = leaving.find((k) => k.from === c && k.to === conn.target && k.portName === conn.link.port);
      if (x === undefined) return v;
      return { name: v.name, composeValue: rehomed(conn, v.composeValue, dialTo(ctx, x.toHost).address, x.hostPort!) };
    });
    const dials = leaving.some((x) => x.from === c);
    const extraHosts = aliasesFor(c);
    // Portolan's `backend` network is internal: a container there can neither publish a port nor reach another host.
    const needsEdge = plan.networks === undefined && s.networks.length > 0 && (dials || ports.length > 0);
    const networks = needsEdge && !s.networks.includes('edge') ? ['edge', ...s.networks] : s.networks;
    const command = announcedByCommand(ctx, host, s, ports);
    if (command !== undefined) addressInputs.set(command.variable, { host, use: 'bind' });
    const { extraHosts: _none, ...rest } = s;
    services.push({
      ...rest,
      replicas: Math.min(s.replicas, on(c)),
      networks,
      ports,
      environment,
      dependsOn: s.dependsOn.filter((d) => here.has(d.service)),
      ...(extraHosts.length > 0 ? { extraHosts } : {}),
      ...(command !== undefined ? { command: command.command } : {}),
    });
  }

  const proxies = plan.proxies.filter((p) => here.has(p.entry.id)).map((p) => proxyShare(ctx, host, p));
  const portmaps = plan.portmaps.filter((p) => here.has(p.entry.id));
  const tlsHosts = new Set([...proxies, ...portmaps].flatMap((p) => p.sites.filter((s) => s.tls).map((s) => s.host)));
  return {
    host,
    slug: slugOf(ctx, host),
    addressInputs,
    plan: {
      ...plan,
      services,
      proxies,
      portmaps,
      certificates: plan.certificates.filter((c) => tlsHosts.has(c.host)),
      connections: plan.connections.filter((k) => here.has(k.source.id)),
      whole: plan,
    },
  };
}

/**
 * A spread Sentinel on a host with no address: sentinel.conf cannot read `.env`, so the compose
 * command announces `.env`'s address (compose fills it in; `redis-sentinel FILE --sentinel
 * announce-ip IP` adds the line). A drawn address is written into sentinel.conf instead.
 */
function announcedByCommand(
  ctx: HostsContext,
  host: Host,
  s: PlanService,
  ports: PlanService['ports'],
): { command: string[]; variable: string } | undefined {
  const c = s.component;
  if (!sentinelAcrossHosts(ctx, c) || (host.address ?? '') !== '' || s.command === undefined) return undefined;
  if (!ports.some((p) => p.containerPort === portNumber(c, 'sentinel'))) return undefined;
  const { variable } = bindOf(host, slugOf(ctx, host));
  if (variable === undefined) return undefined;
  const [shell, flag, script] = s.command;
  if (shell !== 'sh' || flag !== '-c' || script === undefined) return undefined;
  return {
    command: [shell, flag, `${script} --sentinel announce-ip "\${${variable}:?set ${variable} in .env}"`],
    variable,
  };
}

/**
 * The crossing through which a Sentinel reaches the Redis it monitors from some host. Every
 * Sentinel of the component then monitors that address — the one on Redis's own host too: the
 * Sentinels compare the master's address in their hello messages, so they must all name it alike.
 */
function monitorCrossing(ctx: HostsContext, sentinel: Component, redis: Component): Crossing | undefined {
  return ctx.crossings.find(
    (k) => k.kind === 'link' && k.from === sentinel && k.to === redis && k.hostPort !== undefined,
  );
}

/** Where this host's Sentinels reach a Redis elsewhere, and what they announce to peers on other hosts. */
export function sentinelPlacement(ctx: HostsContext, share: HostShare): SentinelPlacement {
  const host = share.host;
  return {
    monitor: (sentinel, redis) => {
      const x = monitorCrossing(ctx, sentinel, redis);
      if (x === undefined) return undefined;
      const dial = dialTo(ctx, x.toHost);
      // sentinel.conf takes an IPv6 address bare.
      return { host: dial.address.replace(/^\[(.*)\]$/, '$1'), port: x.hostPort! };
    },
    announce: (sentinel) => {
      if (!sentinelAcrossHosts(ctx, sentinel)) return undefined;
      const service = share.plan.services.find((s) => s.component === sentinel);
      const port = service?.ports.find((p) => p.containerPort === portNumber(sentinel, 'sentinel'))?.hostPort;
      if (port === undefined) return undefined;
      const address = host.address ?? '';
      return address === '' ? { port } : { host: address, port };
    },
  };
}

/** A proxy on `host`: each upstream's local instances, and its instances elsewhere through their published ports. */
function proxyShare(ctx: HostsContext, host: Host, proxy: ProxyPlan): ProxyPlan {
  const project = ctx.plan.project;
  const routed = ctx.crossings.filter((x) => x.kind === 'route' && x.from === proxy.entry && x.fromHost === host);
  const location = (l: Location): Location => {
    const target = project.components.find((c) => c.id === l.upstream.service);
    if (target === undefined) return l;
    const remote: RemoteServer[] = routed
      .filter((x) => x.to === target && x.portName === l.upstream.portName && x.hostPort !== undefined)
      .map((x) => ({ host: x.toHost.name, address: dialTo(ctx, x.toHost).address, port: x.hostPort! }));
    const local = Math.min(l.upstream.replicas, instancesOn(project, target, host.id));
    if (remote.length === 0 && local === l.upstream.replicas) return l;
    return { ...l, upstream: { ...l.upstream, replicas: local, ...(remote.length > 0 ? { remote } : {}) } };
  };
  const sites = proxy.sites.map((s): Site => ({ ...s, locations: s.locations.map(location) }));
  return { ...proxy, sites };
}
