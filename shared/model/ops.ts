import type {
  Component,
  ComponentId,
  ComponentKind,
  Link,
  LinkId,
  Position,
  Project,
  Route,
  RouteId,
  Suppression,
  TlsSettings,
  ZoneId,
} from './types';
import { FORMAT_VERSION } from './types';

/**
 * Pure operations on a Project. Each returns a new Project and leaves its input untouched,
 * so the editor's undo history can keep old projects as they are.
 */

export function emptyProject(name: string): Project {
  return {
    format: FORMAT_VERSION,
    meta: { name, description: '' },
    settings: { registry: '', tag: 'latest' },
    zones: [],
    components: [],
    links: [],
    routes: [],
    suppressions: [],
  };
}

/** Intermediate with no opt-in and no reason: what an absent `settings.tls` means. */
export const isDefaultTls = (tls: TlsSettings): boolean =>
  tls.profile === 'intermediate' &&
  tls.hsts?.includeSubDomains !== true &&
  tls.hsts?.preload !== true &&
  (tls.reason === undefined || tls.reason.trim() === '');

/**
 * The project with this TLS policy. The default policy is stored as no policy at all, so a project
 * that only looked at the setting keeps its file bytes (and its older format).
 */
export function setTls(project: Project, tls: TlsSettings): Project {
  const { tls: _old, ...rest } = project.settings;
  const reason = tls.reason?.trim() === '' ? undefined : tls.reason;
  const hsts = tls.hsts?.includeSubDomains === true || tls.hsts?.preload === true ? tls.hsts : undefined;
  const next: TlsSettings = {
    profile: tls.profile,
    ...(hsts !== undefined ? { hsts } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
  return { ...project, settings: isDefaultTls(next) ? rest : { ...rest, tls: next } };
}

/** Every id in use, across element types and hosts (ids are unique project-wide). */
export function usedIds(project: Project): Set<string> {
  const ids = new Set<string>();
  for (const list of [project.zones, project.components, project.links, project.routes, project.hosts ?? []]) {
    for (const item of list) ids.add(item.id);
  }
  return ids;
}

/** `base`, or `base-2`, `base-3`, … : the first id not yet used in the project. */
export function uniqueId(project: Project, base: string): string {
  const slug =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 56) || 'item';
  const used = usedIds(project);
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

export interface NewComponent {
  readonly kind: ComponentKind;
  readonly name: string;
  readonly position: Position;
  readonly id?: string;
  readonly zone?: ZoneId;
  readonly flavour?: Component['flavour'];
  /** A custom container's image (empty until the architect names one; NA047 asks for it). */
  readonly image?: string;
  readonly ports?: Component['ports'];
}

export function addComponent(project: Project, spec: NewComponent): { project: Project; id: ComponentId } {
  const id = (spec.id ?? uniqueId(project, spec.name || spec.kind)) as ComponentId;
  if (usedIds(project).has(id)) throw new Error(`id "${id}" is already used`);
  const component: Component = {
    id,
    kind: spec.kind,
    name: spec.name,
    ...(spec.flavour !== undefined ? { flavour: spec.flavour } : {}),
    ...(spec.zone !== undefined ? { zone: spec.zone } : {}),
    replicas: 1,
    properties: {},
    environment: {},
    portOverrides: {},
    publish: [],
    position: spec.position,
    // A custom container always has its own image and port list (the catalog has none for it).
    ...(spec.kind === 'container' ? { image: spec.image ?? '', ports: spec.ports ?? [] } : {}),
  };
  return { project: { ...project, components: [...project.components, component] }, id };
}

export function updateComponent(
  project: Project,
  id: ComponentId,
  change: (component: Component) => Component,
): Project {
  let found = false;
  const components = project.components.map((c) => {
    if (c.id !== id) return c;
    found = true;
    const next = change(c);
    if (next.id !== c.id) throw new Error('updateComponent must not change the id');
    return next;
  });
  return found ? { ...project, components } : project;
}

export function moveComponents(project: Project, moves: ReadonlyMap<ComponentId, Position>): Project {
  if (moves.size === 0) return project;
  return {
    ...project,
    components: project.components.map((c) => {
      const to = moves.get(c.id);
      return to ? { ...c, position: to } : c;
    }),
  };
}

/** Removes components and everything that refers to them: their links and routes. */
export function removeComponents(project: Project, ids: ReadonlySet<ComponentId>): Project {
  if (ids.size === 0) return project;
  return {
    ...project,
    components: project.components.filter((c) => !ids.has(c.id)),
    links: project.links.filter((l) => !ids.has(l.from) && !ids.has(l.to)),
    routes: project.routes.filter((r) => !ids.has(r.via) && !ids.has(r.target)),
  };
}

export function addLink(project: Project, link: Omit<Link, 'id'> & { id?: string }): { project: Project; id: LinkId } {
  const id = (link.id ?? uniqueId(project, `${link.from}-to-${link.to}`)) as LinkId;
  return { project: { ...project, links: [...project.links, { ...link, id }] }, id };
}

export function removeLinks(project: Project, ids: ReadonlySet<LinkId>): Project {
  return ids.size === 0 ? project : { ...project, links: project.links.filter((l) => !ids.has(l.id)) };
}

export function addRoute(
  project: Project,
  route: Omit<Route, 'id'> & { id?: string },
): { project: Project; id: RouteId } {
  const id = (route.id ?? uniqueId(project, `route-${route.host}`)) as RouteId;
  return { project: { ...project, routes: [...project.routes, { ...route, id }] }, id };
}

export function updateRoute(project: Project, id: RouteId, change: (route: Route) => Route): Project {
  return { ...project, routes: project.routes.map((r) => (r.id === id ? { ...change(r), id } : r)) };
}

export function removeRoutes(project: Project, ids: ReadonlySet<RouteId>): Project {
  return ids.size === 0 ? project : { ...project, routes: project.routes.filter((r) => !ids.has(r.id)) };
}

/** Accepts a diagnostic on one element; replaces an earlier reason for the same pair. */
export function suppress(project: Project, suppression: Suppression): Project {
  const others = project.suppressions.filter((s) => s.rule !== suppression.rule || s.element !== suppression.element);
  return { ...project, suppressions: [...others, suppression] };
}

export function unsuppress(project: Project, rule: string, element: string): Project {
  return { ...project, suppressions: project.suppressions.filter((s) => s.rule !== rule || s.element !== element) };
}

export function findComponent(project: Project, id: ComponentId): Component | undefined {
  return project.components.find((c) => c.id === id);
}
