import { componentRef, linksToKinds, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA021: Rule = {
  id: 'NA021',
  name: 'replicas-without-redis',
  title: 'Several nextauth replicas without Redis',
  severity: 'error',
  docs: DOCS.outgoing,
  why: 'nextauth replicas share state through Redis (or Redis Sentinel); without it each replica works on its own.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      if (nextauth.replicas <= 1) continue;
      if (linksToKinds(ctx, nextauth.id, ['redis', 'redis-sentinel']).length > 0) continue;
      yield {
        message: `${named(nextauth)} runs ${nextauth.replicas} replicas but has no connection to Redis or Redis Sentinel`,
        elements: [componentRef(nextauth)],
      };
    }
  },
};
