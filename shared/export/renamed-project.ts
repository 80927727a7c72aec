import type { Component, ComponentId, EnvValue, Project } from '../model/types';

/**
 * The project with its components renamed (`rename`: id → new id, for the Kubernetes and Swarm
 * exports, whose names must be valid Service / service names): ids in links, routes and
 * suppressions follow, and so do connection values the architect typed — a URI's host that names
 * a renamed component (`mysql://u:p@sql_1:3306/db`, the hosts of a Sentinel list) is rewritten to
 * its new name, so what the checker accepted (NA034 holds a typed URI to the drawn target) still
 * reaches it in the cluster or stack.
 */
export function renamedProject(project: Project, rename: ReadonlyMap<string, string>): Project {
  const to = (id: ComponentId): ComponentId => (rename.get(id) ?? id) as ComponentId;
  const moved = [...rename].filter(([from, name]) => from !== name);
  const value = (v: EnvValue): EnvValue =>
    v.type === 'literal' && moved.length > 0 ? { type: 'literal', value: rehosted(v.value, moved) } : v;
  return {
    ...project,
    components: project.components.map((c): Component => ({
      ...c,
      id: to(c.id),
      environment: Object.fromEntries(Object.entries(c.environment).map(([k, v]) => [k, value(v)])),
    })),
    links: project.links.map((l) => ({ ...l, from: to(l.from), to: to(l.to) })),
    routes: project.routes.map((r) => ({ ...r, via: to(r.via), target: to(r.target) })),
    suppressions: project.suppressions.map((s) => ({ ...s, element: rename.get(s.element) ?? s.element })),
  };
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with every URI host (after `@`, `://` or a `,` of a host list, before a port, path,
 * query, fragment, another host or the end) that is a renamed id put under its new name.
 */
function rehosted(text: string, moved: readonly (readonly [string, string])[]): string {
  let out = text;
  for (const [from, name] of moved) {
    const host = new RegExp(`(@|://|,)${escaped(from)}(?=[:/?#,]|$)`, 'g');
    out = out.replace(host, (_m, lead: string) => `${lead}${name}`);
  }
  return out;
}
