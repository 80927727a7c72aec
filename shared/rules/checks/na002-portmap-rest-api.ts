import { componentRef, named, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { removeNamedRoutes } from './na001-rest-api-public';

export const NA002: Rule = {
  id: 'NA002',
  name: 'portmap-rest-api',
  title: 'portmap never publishes the REST API',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'nextauth-portmap does not expose the REST API, so a portmap route to port 8888 cannot work.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      for (const route of ctx.routesTo(nextauth.id, 'rest')) {
        const via = ctx.componentById.get(route.via);
        if (via?.kind !== 'nextauth-portmap') continue;
        yield {
          message: `${named(via)} is drawn publishing the REST API of ${named(nextauth)} at ${routeUrl(route)}, but portmap never publishes it`,
          elements: [routeRef(route), componentRef(via), componentRef(nextauth)],
        };
      }
    }
  },
  fix: {
    title: () => 'Remove the portmap route to the REST API',
    apply: (project, d) =>
      removeNamedRoutes(
        project,
        d.elements.filter((e) => e.type === 'route').map((e) => e.id),
      ),
  },
};
