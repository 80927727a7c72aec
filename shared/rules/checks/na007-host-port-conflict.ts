import type { Component } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA007: Rule = {
  id: 'NA007',
  name: 'host-port-conflict',
  title: 'Two containers publish the same host port',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'A host port can be bound by one container only; the second one fails to start.',
  *check(ctx) {
    // Components without a zone share the one default host.
    const claims = new Map<string, Component[]>();
    for (const c of ctx.project.components) {
      for (const p of c.publish) {
        const key = `${c.zone ?? ''}\u0000${p.hostPort}`;
        const list = claims.get(key);
        if (list) list.push(c);
        else claims.set(key, [c]);
        if (c.replicas > 1) {
          yield {
            message: `${named(c)} has ${c.replicas} replicas, but only one container can bind host port ${p.hostPort}`,
            elements: [componentRef(c)],
          };
        }
      }
    }
    for (const [key, owners] of claims) {
      if (owners.length < 2) continue;
      const hostPort = key.split('\u0000')[1];
      const distinct = [...new Set(owners.map((c) => named(c)))];
      const names =
        distinct.length <= 3
          ? distinct.join(' and ')
          : `${distinct.slice(0, 3).join(', ')} and ${distinct.length - 3} more`;
      yield {
        message: `host port ${hostPort} is published ${owners.length} times (${names}) on the same host`,
        elements: [...new Set(owners)].map(componentRef),
      };
    }
  },
};
