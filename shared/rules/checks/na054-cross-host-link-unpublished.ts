import { portNumber } from '../../catalog/index';
import { crossesHosts, replicaSpread } from '../../model/hosts';
import { isLoopback } from '../../model/publish-address';
import { componentRef, linkRef, named } from '../context';
import { DOCS } from '../docs';
import { updateComponent } from '../../model/ops';
import type { Component, Project } from '../../model/types';
import type { Diagnostic, Rule } from '../types';

/**
 * Issue 16: containers on different hosts share no compose network, so a link whose source runs
 * on a host where its target does not goes over the network between hosts — to a port the target
 * publishes on its host. Without that publish (or with one bound to loopback, which only the
 * target's own host reaches) the link cannot connect; the message names the port to publish and
 * where. A project without declared hosts is one host and never crosses (model/hosts.ts).
 */
export const NA054: Rule = {
  id: 'NA054',
  name: 'cross-host-link-unpublished',
  title: 'A link between hosts reaches a port its target does not publish',
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
      const published = to.publish.filter((p) => p.port === link.port);
      if (published.some((p) => !isLoopback(p.hostIp))) continue;
      const number = portNumber(to, link.port);
      const port = number === undefined ? `port ${link.port}` : `port ${link.port} (${number})`;
      const targetHosts = new Set(replicaSpread(project, to).map((s) => s.host.name));
      const quoted = (names: Iterable<string>) => [...names].map((n) => `"${n}"`).join(', ');
      const away = replicaSpread(project, from)
        .map((s) => s.host.name)
        .filter((n) => !targetHosts.has(n));
      const where = `host${targetHosts.size === 1 ? '' : 's'} ${quoted(targetHosts)}`;
      const problem =
        published.length > 0
          ? `publishes ${port} on loopback only, which no other host reaches; bind it to an address of ${where}`
          : `does not publish ${port}; publish ${number ?? link.port} on ${where}`;
      yield {
        message: `${named(from)} on host${away.length === 1 ? '' : 's'} ${quoted(away)} reaches ${named(to)} on ${where}, which ${problem}`,
        elements: [linkRef(link), componentRef(to)],
      };
    }
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

/**
 * The finding's link target and port, while the target still publishes nothing on that port — and
 * runs one instance per host at most: two on one host cannot both bind the port (NA007), which
 * takes spreading them first, not a publish.
 */
function unpublished(project: Project, d: Diagnostic): { to: Component; port: string } | undefined {
  const link = project.links.find((l) => l.id === d.elements[0]?.id);
  const to = link === undefined ? undefined : project.components.find((c) => c.id === link.to);
  if (link === undefined || to === undefined || to.publish.some((p) => p.port === link.port)) return undefined;
  if (replicaSpread(project, to).some((s) => s.instances > 1)) return undefined;
  return { to, port: link.port };
}
