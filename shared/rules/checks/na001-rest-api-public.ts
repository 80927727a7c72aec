import { removeRoutes, type RouteId } from '../../model/index';
import { componentRef, named, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/** Removes the routes a diagnostic names: the fix for a route that must not exist. */
export const removeNamedRoutes = (project: Parameters<typeof removeRoutes>[0], ids: readonly string[]) =>
  removeRoutes(project, new Set(ids as RouteId[]));

export const NA001: Rule = {
  id: 'NA001',
  name: 'rest-api-public',
  title: 'REST API published through a reverse proxy',
  severity: 'warning',
  docs: DOCS.manual,
  why: 'The REST API is meant for server-side applications only; opening it to the internet is a security risk.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      for (const route of ctx.routesTo(nextauth.id, 'rest')) {
        const via = ctx.componentById.get(route.via);
        if (via?.kind !== 'reverse-proxy') continue;
        yield {
          message: `the REST API of ${named(nextauth)} is public at ${routeUrl(route)} through ${named(via)}; keep it on the internal network for server-side callers`,
          elements: [routeRef(route), componentRef(nextauth), componentRef(via)],
        };
      }
    }
  },
  fix: {
    title: () => 'Remove the public REST API route',
    apply: (project, d) =>
      removeNamedRoutes(
        project,
        d.elements.filter((e) => e.type === 'route').map((e) => e.id),
      ),
  },
};
