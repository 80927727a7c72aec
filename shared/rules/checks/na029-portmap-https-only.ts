import { updateRoute, type RouteId } from '../../model/index';
import { componentRef, named, publicPortOf, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA029: Rule = {
  id: 'NA029',
  name: 'portmap-https-only',
  title: 'portmap serves HTTPS and WSS on 443 only',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'portmap’s port 80 only redirects to HTTPS; every URL it serves is https:// or wss:// on 443, told apart by host name and path.',
  *check(ctx) {
    for (const portmap of ctx.ofKind('nextauth-portmap')) {
      for (const route of ctx.routesVia(portmap.id)) {
        const secure = route.scheme === 'https' || route.scheme === 'wss';
        if (secure && publicPortOf(route) === 443 && route.tls.terminate) continue;
        yield {
          message: `${named(portmap)} cannot serve ${routeUrl(route)}${route.tls.terminate ? '' : ' without terminating TLS'}; it serves https:// and wss:// on 443 only`,
          elements: [routeRef(route), componentRef(portmap)],
        };
      }
    }
  },
  fix: {
    title: () => 'Serve it over TLS on 443',
    apply: (project, d) =>
      updateRoute(project, d.elements[0]!.id as RouteId, (r) => {
        const { publicPort: _dropped, ...rest } = r;
        const scheme = r.scheme === 'ws' || r.scheme === 'wss' ? 'wss' : 'https';
        return { ...rest, scheme, tls: { ...r.tls, terminate: true } };
      }),
  },
};
