import { portNumber } from '../../catalog/index';
import { crossesHosts, instancesOn, replicaSpread } from '../../model/hosts';
import { isLoopback } from '../../model/publish-address';
import { componentRef, linkRef, named, routeRef } from '../context';
import { DOCS } from '../docs';
import { updateComponent } from '../../model/ops';
import type { Component, Project, Route } from '../../model/types';
import type { Diagnostic, Finding, Rule } from '../types';

/**
 * Issue 16: containers on different hosts share no compose network, so a link whose source runs
 * on a host where its target does not goes over the network between hosts — to a port the target
 * publishes on its host. Without that publish (or with one bound to loopback, which only the
 * target's own host reaches) the link cannot connect; the message names the port to publish and
 * where. The same holds for a route: an entry point on a host where the routed target runs no
 * instance can forward only to the target's published port on another host — unpublished, that
 * entry point has no upstream at all (the per-host export lists it under "Not connected"). An
 * entry point with a local instance still forwards; the remote ones it skips are NA054's concern
 * only through their links. A project without declared hosts is one host and never crosses
 * (model/hosts.ts).
 */
export const NA054: Rule = {
  id: 'NA054',
  name: 'cross-host-link-unpublished',
  title: 'A link or route between hosts reaches a port its target does not publish',
  severity: 'error',
  docs: DOCS.composePorts,
  why: 'Containers on different hosts reach each other only through a port published on the target host; an unpublished port is unreachable from another host.',
  *check(ctx) {
    const project = ctx.project;
    if ((project.hosts?.length ?? 0) < 2) return;
    for (const link of project.links) {
      const from = ctx.componentById.get(link.from);
      const to = ctx.componentById.get(link.to);
      if (from === undefined || to === undefined || !crossesHosts(project, from, to)) continue;
      const targetHosts = new Set(replicaSpread(project, to).map((s) => s.host.name));
      const where = `${hostsWord(targetHosts.size)} ${quoted(targetHosts)}`;
      const problem = publishProblem(to, link.port, where);
      if (problem === undefined) continue;
      const away = replicaSpread(project, from)
        .map((s) => s.host.name)
        .filter((n) => !targetHosts.has(n));
      yield {
        message: `${named(from)} on ${hostsWord(away.length)} ${quoted(away)} reaches ${named(to)} on ${where}, which ${problem}`,
        elements: [linkRef(link), componentRef(to)],
      };
    }
    yield* strandedRoutes(project, ctx.componentById);
  },
  fix: {
    // A loopback bind is the operator's choice to rebind, not one to add beside it.
    applies: (d, project) => !d.message.includes('on loopback only') && unpublished(project, d) !== undefined,
    title: (d, project) => {
      const found = unpublished(project, d);
      return found === undefined ? 'Publish the port' : `Publish ${found.port} of ${named(found.to)} on its host`;
    },
    apply(project, d) {
      const found = unpublished(project, d);
      if (found === undefined) return project;
      const hostPort = portNumber(found.to, found.port);
      if (hostPort === undefined) return project;
      return updateComponent(project, found.to.id, (c) => ({
        ...c,
        publish: [...c.publish, { port: found.port, hostPort }],
      }));
    },
  },
};

const quoted = (names: Iterable<string>): string => [...names].map((n) => `"${n}"`).join(', ');
const hostsWord = (n: number): string => (n === 1 ? 'host' : 'hosts');

/** What a target that other hosts must reach on `portName` lacks: no publish, or only on loopback. */
function publishProblem(to: Component, portName: string, where: string): string | undefined {
  const published = to.publish.filter((p) => p.port === portName);
  if (published.some((p) => !isLoopback(p.hostIp))) return undefined;
  const number = portNumber(to, portName);
  const port = number === undefined ? `port ${portName}` : `port ${portName} (${number})`;
  return published.length > 0
    ? `publishes ${port} on loopback only, which no other host reaches; bind it to an address of ${where}`
    : `does not publish ${port}; publish ${number ?? portName} on ${where}`;
}

/**
 * Routes an entry point cannot forward from some of its hosts: the target runs no instance there
 * and publishes the routed port nowhere other hosts reach. One finding per entry point, target
 * and port (several routes to one port share it), naming every route.
 */
function* strandedRoutes(project: Project, byId: ReadonlyMap<string, Component>): Generator<Finding> {
  const groups = new Map<string, Route[]>();
  for (const r of project.routes) {
    const key = [r.via, r.target, r.port].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const routes of groups.values()) {
    const first = routes[0]!;
    const via = byId.get(first.via);
    const to = byId.get(first.target);
    if (via === undefined || to === undefined) continue;
    const targetShares = replicaSpread(project, to);
    if (targetShares.length === 0) continue;
    const stranded = replicaSpread(project, via).filter((s) => instancesOn(project, to, s.host.id) === 0);
    if (stranded.length === 0) continue;
    const where = `${hostsWord(targetShares.length)} ${quoted(targetShares.map((s) => s.host.name))}`;
    const problem = publishProblem(to, first.port, where);
    if (problem === undefined) continue;
    const which = routes.length === 1 ? 'its route' : `its ${routes.length} routes`;
    yield {
      message: `${named(via)} on ${hostsWord(stranded.length)} ${quoted(stranded.map((s) => s.host.name))} forwards ${which} to ${named(to)}, which runs only on ${where} and ${problem}`,
      elements: [routeRef(first), componentRef(to), ...routes.slice(1).map(routeRef)],
    };
  }
}

/**
 * The finding's link target and port, while the target still publishes nothing on that port — and
 * runs one instance per host at most: two on one host cannot both bind the port (NA007), which
 * takes spreading them first, not a publish.
 */
function unpublished(project: Project, d: Diagnostic): { to: Component; port: string } | undefined {
  const first = d.elements[0];
  const link = first?.type === 'link' ? project.links.find((l) => l.id === first.id) : undefined;
  const route = first?.type === 'route' ? project.routes.find((r) => r.id === first.id) : undefined;
  const target = link?.to ?? route?.target;
  const port = link?.port ?? route?.port;
  const to = target === undefined ? undefined : project.components.find((c) => c.id === target);
  if (port === undefined || to === undefined || to.publish.some((p) => p.port === port)) return undefined;
  if (replicaSpread(project, to).some((s) => s.instances > 1)) return undefined;
  return { to, port };
}
