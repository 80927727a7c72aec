import { updateRoute, type RouteId } from '../../model/index';
import { componentRef, named, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

const MGMT_PORTS = ['dashboard', 'accounts', 'idp'] as const;

export const NA017: Rule = {
  id: 'NA017',
  name: 'mgmt-without-tls',
  title: 'mgmt web interface public without TLS',
  severity: 'warning',
  docs: DOCS.incoming,
  why: 'The mgmt interfaces speak plain HTTP; published without TLS, logins and sessions cross the network in clear text.',
  *check(ctx) {
    for (const mgmt of ctx.ofKind('nextauth-mgmt')) {
      for (const port of MGMT_PORTS) {
        for (const route of ctx.routesTo(mgmt.id, port)) {
          if ((route.scheme === 'https' || route.scheme === 'wss') && route.tls.terminate) continue;
          if (ctx.componentById.get(route.via)?.kind === 'nextauth-portmap') continue; // NA029 reports it
          yield {
            message: `${named(mgmt)} is public at ${routeUrl(route)} without TLS termination; serve it over https://`,
            elements: [routeRef(route), componentRef(mgmt)],
          };
        }
      }
    }
  },
  fix: {
    title: () => 'Serve it over https:// with TLS terminated at the entry point',
    apply: (project, d) =>
      updateRoute(project, d.elements[0]!.id as RouteId, (r) => {
        const { publicPort: _dropped, ...rest } = r;
        return { ...rest, scheme: 'https', tls: { ...r.tls, terminate: true } };
      }),
  },
};
