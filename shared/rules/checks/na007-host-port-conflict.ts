import type { Component } from '../../model/types';
import { declaresHosts, hostsOf, instancesOn } from '../../model/hosts';
import { componentRef, named } from '../context';
import { bindingsCollide, hostBindings, type HostBinding } from './host-bindings';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * A host port is bound by one container per host. The checker checks what the exporter writes:
 * each host (model/hosts.ts) runs its own compose project, so two containers collide only when
 * instances of both run on the same host — or one component runs two replicas there. A project
 * that declares no hosts is one host; zones are network segments on it, so two entry points in
 * different zones both publishing 443 still make the second bind fail.
 */
export const NA007: Rule = {
  id: 'NA007',
  name: 'host-port-conflict',
  title: 'Two containers publish the same host port',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'A host port can be bound by one container per host only; the second one on the same host fails to start.',
  *check(ctx) {
    const project = ctx.project;
    const hosts = hostsOf(project);
    const declared = declaresHosts(project);
    for (const host of hosts) {
      const on = declared ? `on host "${host.name}"` : 'on the one host the export runs';
      const claims = new Map<number, { component: Component; binding: HostBinding }[]>();
      for (const c of project.components) {
        const instances = instancesOn(project, c, host.id);
        if (instances === 0) continue;
        for (const binding of hostBindings(c)) {
          const list = claims.get(binding.hostPort);
          if (list) list.push({ component: c, binding });
          else claims.set(binding.hostPort, [{ component: c, binding }]);
          if (instances > 1) {
            const runs = declared
              ? `runs ${instances} of its replicas on host "${host.name}"`
              : `has ${c.replicas} replicas`;
            yield {
              message: `${named(c)} ${runs}, but only one container can bind host port ${binding.hostPort}${binding.kept ? ' (a ports entry kept from the import)' : ''}`,
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
        const segments =
          zones.size > 1
            ? ` (zones are network segments of ${declared ? 'hosts' : 'that host'}, not separate hosts)`
            : '';
        yield {
          message: `host port ${hostPort} is published ${owners.length} times (${names}) ${on}${segments}${kept}`,
          elements: [...new Set(owners.map((o) => o.component))].map(componentRef),
        };
      }
    }
  },
};
