import { monitoredRedis, sentinelMaster } from '../../connections/index';
import { declaresHosts, replicaSpread } from '../../model/hosts';
import type { Component } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * Issue 16: Sentinel's documentation asks for at least three instances "placed into computers or
 * virtual machines that are believed to fail in an independent way". NA023 counts the instances;
 * this rule counts the distinct hosts they run on, per group (the Sentinels watching the same
 * Redis under the same master name vote together, as in NA023). It speaks only when the project
 * declares hosts: before that, where containers run is not drawn.
 */
export const NA056: Rule = {
  id: 'NA056',
  name: 'sentinel-hosts',
  title: 'Redis Sentinels run on fewer than three hosts',
  severity: 'warning',
  docs: DOCS.sentinel,
  why: 'Sentinels keep a quorum through a failure only when they run on at least three hosts that fail independently.',
  *check(ctx) {
    const project = ctx.project;
    if (!declaresHosts(project)) return;
    const groups = new Map<string, Component[]>();
    for (const sentinel of ctx.ofKind('redis-sentinel')) {
      if (replicaSpread(project, sentinel).length === 0) continue;
      const redis = monitoredRedis(ctx, sentinel);
      const key = redis === undefined ? `\u0000${sentinel.id}` : `${redis.id}\u0000${sentinelMaster(sentinel)}`;
      const group = groups.get(key);
      if (group) group.push(sentinel);
      else groups.set(key, [sentinel]);
    }
    const declared = project.hosts!.length;
    for (const group of groups.values()) {
      const hosts = [...new Set(group.flatMap((s) => replicaSpread(project, s).map((share) => share.host.name)))];
      if (hosts.length >= 3) continue;
      const instances = group.reduce((n, s) => n + s.replicas, 0);
      const who = group.length === 1 ? named(group[0]) : group.map(named).join(' and ');
      const advice =
        declared < 3
          ? `declare ${3 - declared} more host${3 - declared === 1 ? '' : 's'} and spread them`
          : 'spread them over three of the hosts (Runs on)';
      yield {
        message: `${who} run${group.length === 1 ? 's' : ''} ${instances} Sentinel instance${instances === 1 ? '' : 's'} on ${hosts.length} host${hosts.length === 1 ? '' : 's'} (${hosts.map((h) => `"${h}"`).join(', ')}); a quorum that survives a host failure needs three, so ${advice}`,
        elements: group.map(componentRef),
      };
    }
  },
};
