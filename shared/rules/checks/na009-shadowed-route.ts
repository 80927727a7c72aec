import { named, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * `/ws` also matches `/wsadmin` in proxies that compare raw prefixes, so which route serves
 * `/wsadmin` depends on rule order. A prefix that ends at a segment boundary (`/ws/`, or a
 * longer path continuing with `/`) is unambiguous under longest-prefix matching.
 */
const shadows = (shorter: string, longer: string): boolean =>
  longer.length > shorter.length &&
  longer.startsWith(shorter) &&
  !shorter.endsWith('/') &&
  longer[shorter.length] !== '/';

export const NA009: Rule = {
  id: 'NA009',
  name: 'shadowed-route',
  title: 'A route path is a raw prefix of another',
  severity: 'warning',
  docs: DOCS.incoming,
  why: 'When one path prefix is also the start of another path on the same host, requests can reach the wrong service depending on the proxy.',
  *check(ctx) {
    for (const routes of ctx.routesByEntry.values()) {
      for (const a of routes) {
        for (const b of routes) {
          if (a === b || !shadows(a.path, b.path)) continue;
          yield {
            message: `${routeUrl(a)} also matches requests meant for ${routeUrl(b)} (to ${named(ctx.componentById.get(b.target))}); end the shorter prefix with "/"`,
            elements: [routeRef(b), routeRef(a)],
          };
        }
      }
    }
  },
};
