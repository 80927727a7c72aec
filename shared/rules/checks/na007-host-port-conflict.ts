import { isDeployed } from '../../catalog/index';
import type { Component } from '../../model/types';
import { componentRef, named } from '../context';
import { bindingsCollide, hostBindings, type HostBinding } from './host-bindings';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/** Whether the export runs the component as a container (clients and internet services publish nothing). */
const runsHere: (c: Component) => boolean = isDeployed;

/**
 * The checker checks what the exporter writes: one compose project, which is one host. Zones
 * are network segments on that host (until hosts exist), so a host port is claimed once across
 * the whole project, whatever zone its component is drawn in — two entry points in different
 * zones both publishing 443 would make the second bind fail.
 */
export const NA007: Rule = {
  id: 'NA007',
  name: 'host-port-conflict',
  title: 'Two containers publish the same host port',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'The export runs every container on one host, where a host port can be bound by one container only; the second one fails to start.',
  *check(ctx) {
    const claims = new Map<number, { component: Component; binding: HostBinding }[]>();
    for (const c of ctx.project.components) {
      if (!runsHere(c)) continue;
      const bindings = hostBindings(c);
      for (const binding of bindings) {
        const list = claims.get(binding.hostPort);
        if (list) list.push({ component: c, binding });
        else claims.set(binding.hostPort, [{ component: c, binding }]);
        if (c.replicas > 1) {
          yield {
            message: `${named(c)} has ${c.replicas} replicas, but only one container can bind host port ${binding.hostPort}${binding.kept ? ' (a ports entry kept from the import)' : ''}`,
            elements: [componentRef(c)],
          };
        }
      }
    }
    for (const [hostPort, all] of claims) {
      if (all.length < 2) continue;
      // Only the binds that collide with another: 514/udp next to 514/tcp, or two host addresses, do not.
      const owners = all.filter((a) => all.some((b) => b !== a && bindingsCollide(a.binding, b.binding)));
      if (owners.length < 2) continue;
      const distinct = [...new Set(owners.map((o) => named(o.component)))];
      const names =
        distinct.length <= 3
          ? distinct.join(' and ')
          : `${distinct.slice(0, 3).join(', ')} and ${distinct.length - 3} more`;
      const zones = new Set(owners.map((o) => o.component.zone ?? ''));
      const kept = owners.some((o) => o.binding.kept) ? '; kept ports entries from the import count too' : '';
      yield {
        message: `host port ${hostPort} is published ${owners.length} times (${names}) on the one host the export runs${zones.size > 1 ? ' (zones are network segments of that host, not separate hosts)' : ''}${kept}`,
        elements: [...new Set(owners.map((o) => o.component))].map(componentRef),
      };
    }
  },
};
