import { nextauthInstances } from '../../connections/index';
import type { Component, ComponentId, Link, Project, Route } from '../../model/types';
import { componentRef, isEntryPoint, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

const BALANCED_PORTS = [
  { port: 'ws', what: 'WebSocket' },
  { port: 'mobile', what: 'Mobile API' },
] as const;

export const NA024: Rule = {
  id: 'NA024',
  name: 'partial-upstream',
  title: 'Several nextauth servers, but a public route reaches only some',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'Every nextauth instance must be behind the same public URLs, or clients reach only part of the cluster.',
  /**
   * A route targets a component, and reaches every replica of it; with several nextauth
   * components each needs its own upstream behind the same URL. The count of instances is the
   * project's (`nextauthInstances`), the same one NA021 asks.
   */
  *check(ctx) {
    const servers = ctx.ofKind('nextauth');
    if (servers.length < 2) return;
    const instances = nextauthInstances(ctx.project);
    const count = (list: readonly Component[]) => list.reduce((n, s) => n + s.replicas, 0);
    for (const { port, what } of BALANCED_PORTS) {
      const routed = servers.filter((s) =>
        ctx.routesTo(s.id, port).some((r) => isEntryPoint(ctx.componentById.get(r.via))),
      );
      if (routed.length === 0 || routed.length === servers.length) continue;
      const missing = servers.filter((s) => !routed.includes(s));
      yield {
        message: `the public ${what} route reaches ${count(routed)} of ${instances} nextauth instances (${routed.map(named).join(', ')}), not ${missing.map(named).join(', ')}; run one nextauth with replicas behind one load-balanced route`,
        elements: [...missing.map(componentRef), ...routed.map(componentRef)],
      };
    }
  },
  fix: {
    title: () => 'Merge the nextauth servers into one with replicas',
    apply: (project) => mergeNextauth(project),
  },
};

/**
 * Folds every nextauth component into the first one: replicas add up, links and routes are
 * re-pointed at the survivor, and the duplicates that creates are dropped.
 */
export function mergeNextauth(project: Project): Project {
  const servers = project.components.filter((c) => c.kind === 'nextauth');
  const [keep, ...rest] = servers;
  if (keep === undefined || rest.length === 0) return project;
  const gone = new Set<string>(rest.map((c) => c.id));
  const to = (id: ComponentId): ComponentId => (gone.has(id) ? keep.id : id);
  const merged: Component = { ...keep, replicas: servers.reduce((n, c) => n + c.replicas, 0) };
  const uniqueBy = <T>(items: readonly T[], key: (t: T) => string): T[] => {
    const seen = new Set<string>();
    return items.filter((t) => !seen.has(key(t)) && (seen.add(key(t)), true));
  };
  const links = uniqueBy(
    project.links.map((l): Link => ({ ...l, from: to(l.from), to: to(l.to) })).filter((l) => l.from !== l.to),
    (l) => `${l.from}\u0000${l.to}\u0000${l.port}`,
  );
  const routes = uniqueBy(
    project.routes.map((r): Route => ({ ...r, target: to(r.target) })),
    (r) => `${r.via}\u0000${r.scheme}\u0000${r.host}\u0000${r.path}\u0000${r.target}\u0000${r.port}`,
  );
  const ids = new Set<string>([...project.zones, ...project.components, ...links, ...routes].map((e) => e.id));
  return {
    ...project,
    components: project.components.filter((c) => !gone.has(c.id)).map((c) => (c.id === keep.id ? merged : c)),
    links,
    routes,
    suppressions: project.suppressions.filter((s) => ids.has(s.element) && !gone.has(s.element)),
  };
}
