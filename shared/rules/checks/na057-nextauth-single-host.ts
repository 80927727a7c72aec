import { declaresHosts, replicaSpread } from '../../model/hosts';
import { componentRef } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * Issue 16: when the project declares hosts and every nextauth instance runs on the same one,
 * that host is a single point of failure for every sign-in. An info, not a warning: a small
 * deployment on one host is a legitimate choice (the templates are one), and the architect who
 * declared hosts should see what it means.
 */
export const NA057: Rule = {
  id: 'NA057',
  name: 'nextauth-single-host',
  title: 'Every nextauth instance runs on one host',
  severity: 'info',
  docs: DOCS.deployment,
  why: 'When the one host running every nextauth instance fails, no user can authenticate until it is back.',
  *check(ctx) {
    const project = ctx.project;
    if (!declaresHosts(project)) return;
    const servers = ctx.ofKind('nextauth').filter((c) => replicaSpread(project, c).length > 0);
    if (servers.length === 0) return;
    const hosts = new Set(servers.flatMap((c) => replicaSpread(project, c).map((s) => s.host.name)));
    if (hosts.size !== 1) return;
    const instances = servers.reduce((n, c) => n + c.replicas, 0);
    const [host] = hosts;
    yield {
      message: `every nextauth instance (${instances}) runs on host "${host}", a single point of failure for every sign-in; run nextauth on a second host as well`,
      elements: servers.map(componentRef),
    };
  },
};
