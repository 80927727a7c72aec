/**
 * Which Traefik router gets a request: a router's `priority` (as written, else the length of its
 * rule), and the routes that priority leaves dead in the original, which the import leaves out.
 */
import type { ImportNote } from '../types';
import type { TraefikRouter } from './traefik-model';
import type { ImportedRoute } from './types';

/** A router's `priority` as Traefik reads it (a 32-bit integer), or undefined when it is not one. */
export function priorityOf(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?[0-9]{1,10}$/.test(t)) return undefined;
  const n = Number(t);
  return Math.abs(n) <= 2 ** 31 - 1 ? n : undefined;
}

/** An HTTP route as made, with what decides whether another router takes its requests first. */
export interface Made {
  readonly route: ImportedRoute;
  readonly router: TraefikRouter;
  /** The router's priority: as written, else the length of its rule (Traefik's default). */
  readonly priority: number;
  /** Matches every request of its host and port below its path: no further matcher, no exact Path. */
  readonly whole: boolean;
}

/**
 * Routes no request ever reaches. Traefik tries a host's routers by priority, highest first
 * (by default the length of the rule), not by the longest path as a route does; so where a
 * router with a shorter path prefix outranks one with a longer path, it takes every request of
 * the other, and the other route is dead in the original. Importing it would send those
 * requests elsewhere behind any other proxy: it is left out, with a note. Two routers on the
 * same path stay both (the drawing shows the conflict), with a note on which one Traefik picks.
 * Linear in the routes: each route looks up the prefixes of its own path.
 */
export function shadowedRoutes(made: readonly Made[], notes: ImportNote[]): Set<ImportedRoute> {
  const shadowed = new Set<ImportedRoute>();
  const groups = new Map<string, Made[]>();
  for (const m of made) {
    const key = `${m.route.scheme} ${m.route.host} ${m.route.publicPort ?? ''}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [m]);
    else group.push(m);
  }
  const how = (x: Made) => `priority ${x.priority}${x.router.priority === undefined ? ', the length of its rule' : ''}`;
  for (const group of groups.values()) {
    // Per path, the whole route of the highest priority (the first on a tie).
    const best = new Map<string, Made>();
    for (const m of group) {
      const seen = best.get(m.route.path);
      if (m.whole && (seen === undefined || m.priority > seen.priority)) best.set(m.route.path, m);
    }
    for (const m of group) {
      const where = `${m.route.host}${m.route.path}`;
      for (let end = m.route.path.length; end >= 1; end--) {
        const first = best.get(m.route.path.slice(0, end));
        if (first === undefined || first.router === m.router || first.priority <= m.priority) continue;
        if (end === m.route.path.length) {
          notes.push({
            kind: 'interpreted',
            text: `router ${m.router.name} (${how(m)}) and router ${first.router.name} (${how(first)}) both serve ${where}; Traefik picks ${first.router.name}`,
            at: m.route.at,
          });
          continue;
        }
        shadowed.add(m.route);
        notes.push({
          kind: 'interpreted',
          text: `router ${m.router.name} (${how(m)}) never gets ${where}: router ${first.router.name} (${how(first)}) takes those requests first; not imported`,
          at: m.route.at,
        });
        break;
      }
    }
  }
  return shadowed;
}
