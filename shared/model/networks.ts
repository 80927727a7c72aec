import { DEFAULT_NETWORK } from './constraints';
import type { Component, ComponentId, ComposeNetwork, PassMap, Project } from './types';

/**
 * Compose networks as a modelled fact (Project.networks, Component.networks): which services
 * share a network, as docker sees it. A project without `networks` is drawn in Portolan and the
 * export puts its services on its own networks (shared/export/plan.ts); one with them runs on
 * exactly those. The exporter, the rules and the inspector all read memberships from here, so
 * the compose file, the checker and the screen can never disagree about who reaches whom.
 */

/** Whether the project declares its compose networks (an import does; a drawing does not). */
export const declaresNetworks = (project: Project): boolean => project.networks !== undefined;

/** `internal: true`: no route out, and Docker publishes no port of a container on it. */
export const isInternalNetwork = (network: ComposeNetwork | undefined): boolean =>
  network?.passThrough?.internal === true;

/**
 * A kept `network_mode` (host, none, `service:x`, `container:x`) puts the container in another
 * network namespace: compose refuses `networks` beside it, and what it reaches is not a network's.
 */
export const hasNetworkMode = (c: Pick<Component, 'passThrough'>): boolean =>
  c.passThrough !== undefined && Object.hasOwn(c.passThrough, 'network_mode');

/**
 * The networks of every component, in a project that declares networks. A component's own
 * `networks` when it has them (an empty list is compose's `default`, as docker reads it); none
 * with a kept `network_mode`. A component without them (one
 * added in the editor after the import) joins, by rule, every network of the components it is
 * drawn with — those it links to or is linked from, the targets of its routes and the entry
 * points routing to it — where those have networks of their own; with none of those, compose's
 * `default`, as docker puts a service that names no network. Names come in the order the project
 * declares them.
 */
export function networkMembership(project: Project): Map<ComponentId, readonly string[]> {
  const own = new Map<ComponentId, readonly string[]>();
  for (const c of project.components)
    if (hasNetworkMode(c)) own.set(c.id, []);
    // An empty list is no list: docker puts a service that names no network on `default`.
    else if (c.networks !== undefined) own.set(c.id, c.networks.length > 0 ? c.networks : [DEFAULT_NETWORK]);
  const neighbours = new Map<ComponentId, ComponentId[]>();
  const pair = (a: ComponentId, b: ComponentId) => {
    if (own.has(a)) return;
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const l of project.links) {
    pair(l.from, l.to);
    pair(l.to, l.from);
  }
  for (const r of project.routes) {
    pair(r.via, r.target);
    pair(r.target, r.via);
  }
  const order = new Map((project.networks ?? []).map((n, i) => [n.name, i]));
  const rank = (name: string) => order.get(name) ?? order.size;
  const out = new Map<ComponentId, readonly string[]>();
  for (const c of project.components) {
    const mine = own.get(c.id);
    if (mine !== undefined) {
      out.set(c.id, mine);
      continue;
    }
    const joined = new Set<string>();
    for (const n of neighbours.get(c.id) ?? []) for (const name of own.get(n) ?? []) joined.add(name);
    // A stable sort: networks the project does not declare keep the order they were met in.
    out.set(c.id, joined.size > 0 ? [...joined].sort((a, b) => rank(a) - rank(b)) : [DEFAULT_NETWORK]);
  }
  return out;
}

/** The project's declaration of a network (`default` may be undeclared: compose creates it). */
export const networkNamed = (project: Project, name: string): ComposeNetwork | undefined =>
  project.networks?.find((n) => n.name === name);

/**
 * Sets the networks a component joins (the inspector's checkboxes); kept per-network settings of
 * the networks it leaves go with them.
 */
export function setComponentNetworks(project: Project, id: ComponentId, names: readonly string[]): Project {
  return {
    ...project,
    components: project.components.map((c) => {
      if (c.id !== id) return c;
      const { networks: _networks, networkPassThrough: kept, ...rest } = c;
      const settings = Object.create(null) as Record<string, PassMap>;
      for (const name of names) if (kept !== undefined && Object.hasOwn(kept, name)) settings[name] = kept[name]!;
      return {
        ...rest,
        networks: [...names],
        ...(Object.keys(settings).length > 0 ? { networkPassThrough: settings } : {}),
      };
    }),
  };
}

/** Adds a declared network without settings (the inspector's "Add network"); the name must be new. */
export function addNetwork(project: Project, name: string): Project {
  if (project.networks?.some((n) => n.name === name)) return project;
  return { ...project, networks: [...(project.networks ?? []), { name }] };
}

/**
 * Removes a declared network (the inspector's remove button): every component leaves it, with its
 * kept settings there; one left on no network is on compose's `default`, as docker reads it.
 */
export function removeNetwork(project: Project, name: string): Project {
  if (project.networks === undefined) return project;
  return {
    ...project,
    networks: project.networks.filter((n) => n.name !== name),
    components: project.components.map((c) => {
      if (c.networks?.includes(name) !== true) return c;
      const { networks, networkPassThrough: kept, ...rest } = c;
      const settings = Object.create(null) as Record<string, PassMap>;
      for (const [key, value] of Object.entries(kept ?? {})) if (key !== name) settings[key] = value;
      return {
        ...rest,
        networks: networks.filter((n) => n !== name),
        ...(Object.keys(settings).length > 0 ? { networkPassThrough: settings } : {}),
      };
    }),
  };
}
