import { isDeployed } from '../../catalog/index';
import { connectionsOf, monitoredRedis } from '../../connections/index';
import type { Component } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * Every database, Redis and Sentinel the deployment runs must be reached by a connection of
 * nextauth (a Redis under Sentinel is reached through the Sentinel that monitors it). A data
 * service nothing connects to means the drawing and the running stack tell different stories:
 * usually a link was forgotten, and nextauth runs without the store the picture shows.
 */
export const NA039: Rule = {
  id: 'NA039',
  name: 'data-service-unused',
  title: 'A database, Redis or Sentinel that nextauth does not use',
  severity: 'error',
  docs: DOCS.outgoing,
  why: 'Only nextauth talks to the database and Redis; one it does not connect to is either a forgotten link or a container that serves nobody.',
  *check(ctx) {
    // Customer-run servers too: drawn but reached by nothing, they tell the customer a story the stack does not.
    const data = [...ctx.ofKind('database'), ...ctx.ofKind('redis'), ...ctx.ofKind('redis-sentinel')];
    if (data.length === 0) return;
    const reached = new Set<Component>();
    for (const nextauth of ctx.ofKind('nextauth')) {
      const { database, kv } = connectionsOf(ctx, nextauth);
      if (database) reached.add(database.target);
      if (kv) {
        reached.add(kv.target);
        if (kv.target.kind === 'redis-sentinel') {
          const redis = monitoredRedis(ctx, kv.target);
          if (redis) reached.add(redis);
        }
      }
    }
    for (const c of data) {
      if (reached.has(c)) continue;
      const how =
        c.kind === 'redis'
          ? 'connect nextauth to it, or to a Sentinel that monitors it'
          : c.kind === 'redis-sentinel'
            ? 'connect nextauth to it'
            : 'connect nextauth to it (one database per nextauth)';
      yield {
        message: `${named(c)} ${isDeployed(c) ? 'runs in the deployment' : 'is drawn (run by the customer)'}, but no nextauth connection uses it; ${how}, or remove it`,
        elements: [componentRef(c)],
      };
    }
  },
};
