import { replicaSpread, runsOnAHost } from '../../model/hosts';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * Issue 16: replicas are there to survive a failure, and a failure is usually a whole host's.
 * When the project declares two hosts or more, a component whose replicas all run on one of them
 * has replicas that fail together. Sentinels are NA056's (their spread is about quorum).
 */
export const NA055: Rule = {
  id: 'NA055',
  name: 'replicas-on-one-host',
  title: "A component's replicas all run on one host",
  severity: 'warning',
  docs: DOCS.deployment,
  why: 'Replicas on the same host stop together when that host fails, so they give no availability.',
  *check(ctx) {
    const project = ctx.project;
    if ((project.hosts?.length ?? 0) < 2) return;
    for (const c of project.components) {
      if (c.replicas < 2 || c.kind === 'redis-sentinel' || !runsOnAHost(c)) continue;
      const spread = replicaSpread(project, c);
      if (spread.length !== 1) continue;
      yield {
        message: `${named(c)} runs all ${c.replicas} replicas on host "${spread[0]!.host.name}"; let it run on more of the project's ${project.hosts!.length} hosts (Runs on) so a host failure leaves some running`,
        elements: [componentRef(c)],
      };
    }
  },
};
