import { updateComponent, updateRoute } from '../../model/index';
import { componentRef, literal, named, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { WS_URL_VAR } from './na003-ws-url-mismatch';
import { normalizeUrl } from './url';

export const NA004: Rule = {
  id: 'NA004',
  name: 'ws-without-tls',
  title: 'Public WebSocket URL without TLS',
  severity: 'warning',
  docs: DOCS.manual,
  why: 'TLS always terminates at the reverse proxy, so the public WebSocket URL should be wss://.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      for (const route of ctx.routesTo(nextauth.id, 'ws')) {
        // Through portmap the route is wrong in more ways than TLS: NA029 reports it.
        if (route.scheme !== 'ws' || ctx.componentById.get(route.via)?.kind === 'nextauth-portmap') continue;
        yield {
          message: `the WebSocket of ${named(nextauth)} is public at ${routeUrl(route)} without TLS; use wss://`,
          elements: [routeRef(route), componentRef(nextauth)],
        };
      }
    }
  },
  fix: {
    title: () => 'Serve it as wss:// with TLS terminated at the entry point',
    apply(project, d) {
      const before = project.routes.find((r) => r.id === d.elements[0]?.id);
      if (before === undefined) return project;
      let next = updateRoute(project, before.id, (r) => {
        const { publicPort: _dropped, ...rest } = r;
        return { ...rest, scheme: 'wss', tls: { ...r.tls, terminate: true } };
      });
      // Keep NEXTAUTH_DEFAULT_WS_URL pointing at the route when it did before (NA003).
      const after = next.routes.find((r) => r.id === before.id)!;
      const old = normalizeUrl(routeUrl(before));
      next = updateComponent(next, before.target, (c) => {
        const current = literal(c, WS_URL_VAR);
        if (current === undefined || normalizeUrl(current) !== old) return c;
        return { ...c, environment: { ...c.environment, [WS_URL_VAR]: { type: 'literal', value: routeUrl(after) } } };
      });
      return next;
    },
  },
};
