import { componentPort } from '../../catalog/index';
import { updateRoute, type RouteId } from '../../model/index';
import { componentRef, named, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { servesTls, tlsPair } from './tls';

export const NA016: Rule = {
  id: 'NA016',
  name: 'reencrypt-mismatch',
  title: 'Re-encryption does not match the TLS setting of the target port',
  severity: 'error',
  docs: DOCS.manual,
  why: 'The proxy must speak TLS to a port exactly when that port has TLS turned on, or every request fails.',
  *check(ctx) {
    for (const route of ctx.project.routes) {
      const target = ctx.componentById.get(route.target);
      if (target === undefined) continue;
      const port = componentPort(target, route.port);
      if (port === undefined) continue;
      const pair = tlsPair(target, route.port);
      const tls = servesTls(target, route.port);
      let message: string | undefined;
      if (route.tls.reencrypt && pair === undefined && port.tls === 'none') {
        message = `${routeUrl(route)} re-encrypts to ${port.label} of ${named(target)}, which speaks plain HTTP only`;
      } else if (route.tls.reencrypt && pair !== undefined && !tls) {
        message = `${routeUrl(route)} re-encrypts to ${port.label} of ${named(target)}, but ${pair.cert}/${pair.key} are not set there`;
      } else if (!route.tls.reencrypt && tls) {
        message = `${named(target)} serves ${port.label} over TLS (${pair!.cert}), but ${routeUrl(route)} forwards plain traffic to it`;
      }
      if (message) yield { message, elements: [routeRef(route), componentRef(target)] };
    }
  },
  fix: {
    title: () => 'Match re-encryption to the target port',
    apply(project, d) {
      const routeId = d.elements.find((e) => e.type === 'route')?.id as RouteId | undefined;
      const route = project.routes.find((r) => r.id === routeId);
      const target = project.components.find((c) => c.id === route?.target);
      if (route === undefined || target === undefined) return project;
      const reencrypt = servesTls(target, route.port);
      return updateRoute(project, route.id, (r) => ({ ...r, tls: { ...r.tls, reencrypt } }));
    },
  },
};
