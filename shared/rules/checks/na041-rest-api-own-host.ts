import { isHostname, routeUrl } from '../../model/constraints';
import { updateRoute, type Project, type Route, type RouteId } from '../../model/index';
import { componentRef, named, routeRef } from '../context';
import { DOCS } from '../docs';
import type { Diagnostic, Rule } from '../types';

/** Prefixes tried, in order, for the REST API's own host name (`api.auth.example.com`). */
const PREFIXES = ['api', 'rest-api', 'nextauth-api'] as const;

/** The first `PREFIX.host` that is a valid host name no route uses yet, or undefined. */
function ownHostFor(project: Project, route: Route): string | undefined {
  const used = new Set(project.routes.map((r) => r.host.toLowerCase()));
  const host = route.host.toLowerCase();
  return PREFIXES.map((p) => `${p}.${host}`).find((h) => !used.has(h) && isHostname(h));
}

/**
 * Whether an environment value names the route's URL (a business application's API base URL,
 * say). Moving the host would leave that value pointing at nothing (NA036), so the fix is then
 * not offered: which values to rewrite is the architect's call.
 */
function namedInEnvironment(project: Project, route: Route): boolean {
  const prefix = routeUrl(route).replace(/\/$/, '').toLowerCase();
  return project.components.some((c) =>
    Object.values(c.environment).some((v) => v.type === 'literal' && v.value.toLowerCase().includes(prefix)),
  );
}

/** The host the fix moves the route to, when it can do so safely. */
const fixedHost = (project: Project, route: Route | undefined): string | undefined =>
  route === undefined || namedInEnvironment(project, route) ? undefined : ownHostFor(project, route);

const routeOf = (project: Project, d: Diagnostic): Route | undefined =>
  project.routes.find((r) => r.id === d.elements[0]?.id);

/**
 * Reference §4B.19, which holds in the old layout too: a REST API published despite NA001 (the
 * architect accepted that warning for a partner integration, say) goes on a host name of its
 * own — the seed's manual table gives it `https://<api-host>`, and the newer network page a
 * separate `ns-api.` subdomain. On its own host it has its own DNS record, certificate and proxy
 * server block, so it can be limited to the applications that call it (allow-list, client
 * certificates) without touching the WebSocket and the web interfaces the public uses.
 * Through portmap the route is an error of its own (NA002), so only reverse proxies count.
 */
export const NA041: Rule = {
  id: 'NA041',
  name: 'rest-api-own-host',
  title: 'A published REST API shares its host name with other public URLs',
  severity: 'warning',
  docs: DOCS.networkSetup,
  why: 'If the REST API is published at all, it belongs on a host name of its own, so that it can be limited to the applications that call it without affecting the URLs the public uses.',
  *check(ctx) {
    let byHost: Map<string, Route[]> | undefined;
    for (const nextauth of ctx.ofKind('nextauth')) {
      for (const route of ctx.routesTo(nextauth.id, 'rest')) {
        const via = ctx.componentById.get(route.via);
        if (via?.kind !== 'reverse-proxy') continue;
        if (byHost === undefined) {
          byHost = new Map();
          for (const r of ctx.project.routes) {
            const key = r.host.toLowerCase();
            const list = byHost.get(key);
            if (list) list.push(r);
            else byHost.set(key, [r]);
          }
        }
        // Other REST API routes may share the host: it is the REST API's own host then.
        const others = (byHost.get(route.host.toLowerCase()) ?? []).filter(
          (r) => r.port !== 'rest' || ctx.componentById.get(r.target)?.kind !== 'nextauth',
        );
        if (others.length === 0) continue;
        const shown = others.slice(0, 3).map(routeUrl).join(', ');
        const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
        yield {
          message: `the REST API of ${named(nextauth)} is published at ${routeUrl(route)}, on the same host name as ${shown}${more}; give it a host name of its own`,
          elements: [routeRef(route), componentRef(nextauth), ...others.map(routeRef)],
        };
      }
    }
  },
  fix: {
    applies: (d, project) => fixedHost(project, routeOf(project, d)) !== undefined,
    title: (d, project) => {
      const host = fixedHost(project, routeOf(project, d));
      return host === undefined ? 'Move the REST API to a host name of its own' : `Move the REST API to ${host}`;
    },
    apply(project, d) {
      const route = routeOf(project, d);
      const host = fixedHost(project, route);
      if (route === undefined || host === undefined) return project;
      return updateRoute(project, route.id as RouteId, (r) => ({ ...r, host }));
    },
  },
};
