import { updateRoute, type RouteId } from '../../model/index';
import { componentRef, named, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA033: Rule = {
  id: 'NA033',
  name: 'tls-passthrough',
  title: 'A reverse proxy route passes TLS through',
  severity: 'error',
  docs: DOCS.manual,
  why: 'TLS termination always takes place on the reverse proxy; passing TLS through hides the host path from it and is not exported.',
  *check(ctx) {
    for (const route of ctx.project.routes) {
      if ((route.scheme !== 'https' && route.scheme !== 'wss') || route.tls.terminate) continue;
      const via = ctx.componentById.get(route.via);
      if (via?.kind !== 'reverse-proxy') continue; // portmap: NA029
      yield {
        message: `${named(via)} passes TLS for ${routeUrl(route)} through instead of terminating it; terminate it and re-encrypt to the backend if needed`,
        elements: [routeRef(route), componentRef(via)],
      };
    }
  },
  fix: {
    title: () => 'Terminate TLS at the proxy',
    apply: (project, d) =>
      updateRoute(project, d.elements[0]!.id as RouteId, (r) => ({ ...r, tls: { ...r.tls, terminate: true } })),
  },
};
