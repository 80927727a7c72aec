import { updateComponent, type ComponentId } from '../../model/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA023: Rule = {
  id: 'NA023',
  name: 'sentinel-quorum',
  title: 'Fewer than three Redis Sentinels',
  severity: 'warning',
  docs: DOCS.sentinel,
  why: 'Sentinel needs at least three instances to agree on a failover without a single point of failure.',
  *check(ctx) {
    for (const sentinel of ctx.ofKind('redis-sentinel')) {
      if (sentinel.replicas >= 3) continue;
      yield {
        message: `${named(sentinel)} runs ${sentinel.replicas} instance${sentinel.replicas === 1 ? '' : 's'}; a robust Sentinel deployment needs at least 3`,
        elements: [componentRef(sentinel)],
      };
    }
  },
  fix: {
    title: () => 'Run 3 Sentinel instances',
    apply: (project, d) =>
      updateComponent(project, d.elements[0]!.id as ComponentId, (c) => ({ ...c, replicas: Math.max(3, c.replicas) })),
  },
};
