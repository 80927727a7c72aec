import { updateComponent, type ComponentId, type Project, type RouteId } from '../../model/index';
import { withoutSecret } from '../../catalog/literal-secrets';
import { componentRef, env, named, publicPortOf, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import type { Route } from '../../model/types';
import { DEFAULT_PORTS, parseUrl, type ParsedUrl } from './url';

export const WS_URL_VAR = 'NEXTAUTH_DEFAULT_WS_URL';

export const NA003: Rule = {
  id: 'NA003',
  name: 'ws-url-mismatch',
  title: 'NEXTAUTH_DEFAULT_WS_URL differs from the public WebSocket URL',
  severity: 'error',
  docs: DOCS.manual,
  why: 'nextauth hands NEXTAUTH_DEFAULT_WS_URL to the mobile apps; if it is not the URL the proxy really serves, they cannot connect.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      const routes = ctx.routesTo(nextauth.id, 'ws');
      if (routes.length === 0) continue; // NA010 reports the missing route
      const urls = routes.map(routeUrl);
      const value = env(nextauth, WS_URL_VAR);
      const elements = [componentRef(nextauth), ...routes.map(routeRef)];
      if (value === undefined || value.type !== 'literal' || value.value.trim() === '') {
        yield {
          message: `${named(nextauth)} does not set ${WS_URL_VAR}; set it to the public WebSocket URL ${urls[0]}`,
          elements,
        };
        continue;
      }
      const actual = parseUrl(value.value.trim());
      if (actual === undefined || !routes.some((r) => sameUrl(actual, r))) {
        yield {
          message: `${WS_URL_VAR} of ${named(nextauth)} is ${withoutSecret(nextauth, WS_URL_VAR, value.value)}, but the public WebSocket URL is ${urls.join(' or ')}`,
          elements,
        };
      }
    }
  },
  fix: {
    title: (d, project) => `Set ${WS_URL_VAR} to ${wsUrlFor(project, d.elements)}`,
    apply(project, d) {
      const url = wsUrlFor(project, d.elements);
      const target = d.elements.find((e) => e.type === 'component');
      if (url === undefined || target === undefined) return project;
      return updateComponent(project, target.id as ComponentId, (c) => ({
        ...c,
        environment: { ...c.environment, [WS_URL_VAR]: { type: 'literal', value: url } },
      }));
    },
  },
};

/** Field by field, so no URL strings are built for the comparison. */
function sameUrl(url: ParsedUrl, route: Route): boolean {
  return (
    url.scheme === route.scheme &&
    url.host === route.host.toLowerCase() &&
    (url.port ?? DEFAULT_PORTS[url.scheme]) === publicPortOf(route) &&
    url.path === route.path &&
    url.query === ''
  );
}

function wsUrlFor(project: Project, elements: readonly { type: string; id: string }[]): string | undefined {
  const routeId = elements.find((e) => e.type === 'route')?.id as RouteId | undefined;
  const route = project.routes.find((r) => r.id === routeId);
  return route ? routeUrl(route) : undefined;
}
