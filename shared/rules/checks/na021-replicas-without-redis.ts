import { connectionsOf, monitoredRedis, nextauthInstances, type Connection } from '../../connections/index';
import type { Component } from '../../model/types';
import { componentRef, named, type CheckContext } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * Instances are counted once, over the whole project (`nextauthInstances`): three nextauth
 * components of one replica and one component of three replicas both run three instances, and
 * either way the instances share state only through the key-value store. So once the project
 * runs more than one instance, every nextauth component needs its key-value connection — a
 * link to Redis or Redis Sentinel, from which the export derives NEXTAUTH_KV_URI — and all of
 * them must reach the same store.
 */
export const NA021: Rule = {
  id: 'NA021',
  name: 'replicas-without-redis',
  title: 'Several nextauth instances without one shared Redis',
  severity: 'error',
  docs: DOCS.outgoing,
  why: 'nextauth instances share state through Redis (or Redis Sentinel); an instance without it, or with a store of its own, works alone, so clients lose their sessions when they reach another one.',
  *check(ctx) {
    const instances = nextauthInstances(ctx.project);
    if (instances <= 1) return;
    const servers = ctx.ofKind('nextauth');
    const across = `${instances} nextauth instances across ${servers.length} component${servers.length === 1 ? '' : 's'}`;
    const stores = new Map<string, { store: Component; servers: Component[] }>();
    for (const nextauth of servers) {
      const { kv, ambiguous } = connectionsOf(ctx, nextauth);
      // Links to several key-value stores are a connection too, just an ambiguous one (NA035 reports it).
      if (ambiguous.some((a) => a.role === 'kv')) continue;
      if (kv === undefined) {
        yield {
          message: `${across}; ${named(nextauth)} has no connection to Redis or Redis Sentinel, so instances share no state`,
          elements: [componentRef(nextauth)],
        };
        continue;
      }
      const store = storeOf(ctx, kv);
      const group = stores.get(store.id);
      if (group) group.servers.push(nextauth);
      else stores.set(store.id, { store, servers: [nextauth] });
    }
    if (stores.size < 2) return;
    const groups = [...stores.values()];
    // At most three groups are named: the message is one line in the problems panel and the CLI.
    const shown = groups
      .slice(0, 3)
      .map((g) => `${names(g.servers)} in ${named(g.store)}`)
      .join('; ');
    const more = groups.length > 3 ? `; and ${groups.length - 3} more` : '';
    yield {
      message: `${across}, but they keep their state in ${groups.length} separate stores (${shown}${more}); connect every nextauth to the same Redis or Redis Sentinel`,
      elements: groups.flatMap((g) => g.servers.map(componentRef)),
    };
  },
};

/**
 * The Redis that holds a connection's state: the Redis itself, or the one a Sentinel monitors
 * (a Sentinel that monitors nothing stands for itself).
 */
function storeOf(ctx: CheckContext, kv: Connection): Component {
  return kv.target.kind === 'redis-sentinel' ? (monitoredRedis(ctx, kv.target) ?? kv.target) : kv.target;
}

/** Up to three names, then a count. */
function names(servers: readonly Component[]): string {
  const shown = servers.slice(0, 3).map(named).join(', ');
  return servers.length > 3 ? `${shown} and ${servers.length - 3} more` : shown;
}
