import { monitoredRedis, sentinelMaster } from '../../connections/index';
import { updateComponent, type ComponentId } from '../../model/index';
import type { Component } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * Sentinel instances are counted like nextauth instances: once, over every component that
 * takes part. Sentinels watching the same Redis under the same master name find each other
 * through it and vote together, so three Sentinel components of one replica are as robust as
 * one component of three replicas. (The number of nextauth instances does not change what a
 * Sentinel group needs, so this rule does not ask `nextauthInstances`.)
 */
export const NA023: Rule = {
  id: 'NA023',
  name: 'sentinel-quorum',
  title: 'Fewer than three Redis Sentinels',
  severity: 'warning',
  docs: DOCS.sentinel,
  why: 'Sentinel needs at least three instances to agree on a failover without a single point of failure.',
  *check(ctx) {
    const groups = new Map<string, Component[]>();
    for (const sentinel of ctx.ofKind('redis-sentinel')) {
      const redis = monitoredRedis(ctx, sentinel);
      // A Sentinel that monitors nothing votes with no one.
      const key = redis === undefined ? `\u0000${sentinel.id}` : `${redis.id}\u0000${sentinelMaster(sentinel)}`;
      const group = groups.get(key);
      if (group) group.push(sentinel);
      else groups.set(key, [sentinel]);
    }
    for (const group of groups.values()) {
      const total = group.reduce((n, s) => n + s.replicas, 0);
      if (total >= 3) continue;
      const instances = `${total} instance${total === 1 ? '' : 's'}`;
      const who =
        group.length === 1
          ? `${named(group[0])} runs ${instances}`
          : `${group.map(named).join(' and ')} watch ${named(monitoredRedis(ctx, group[0]!))} together with ${instances}`;
      yield {
        message: `${who}; a robust Sentinel deployment needs at least 3`,
        elements: group.map(componentRef),
      };
    }
  },
  fix: {
    title: () => 'Run 3 Sentinel instances',
    apply(project, d) {
      const ids = new Set(d.elements.map((e) => e.id));
      const total = project.components.filter((c) => ids.has(c.id)).reduce((n, c) => n + c.replicas, 0);
      if (total >= 3) return project;
      return updateComponent(project, d.elements[0]!.id as ComponentId, (c) => ({
        ...c,
        replicas: c.replicas + 3 - total,
      }));
    },
  },
};
