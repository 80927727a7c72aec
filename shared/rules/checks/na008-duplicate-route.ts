import type { Route } from '../../model/types';
import { componentRef, named, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA008: Rule = {
  id: 'NA008',
  name: 'duplicate-route',
  title: 'Two routes claim the same public URL',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'An entry point tells routes apart by host name and path only; two routes with the same pair cannot both be served.',
  *check(ctx) {
    for (const routes of ctx.routesByEntry.values()) {
      if (routes.length < 2) continue;
      const byPath = new Map<string, Route>();
      for (const route of routes) {
        const first = byPath.get(route.path);
        if (first === undefined) {
          byPath.set(route.path, route);
          continue;
        }
        const via = ctx.componentById.get(route.via);
        yield {
          message: `${routeUrl(route)} is served twice by ${named(via)}: to ${named(ctx.componentById.get(first.target))} and to ${named(ctx.componentById.get(route.target))}`,
          elements: [routeRef(route), routeRef(first), ...(via ? [componentRef(via)] : [])],
        };
      }
    }
  },
};
