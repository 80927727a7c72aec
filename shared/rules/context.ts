import { publicPortOf } from '../model/constraints';
import type { Component, ComponentKind, EnvValue, Link, Project, Route, Zone } from '../model/types';
import type { ElementRef } from './types';

/**
 * Indexes over a project, built once per check so that every rule is a linear pass (or
 * better) instead of a nested search. Rules read the project only through this.
 */
export interface CheckContext {
  readonly project: Project;
  readonly componentById: ReadonlyMap<string, Component>;
  readonly zoneById: ReadonlyMap<string, Zone>;
  /** Components of a kind, in project order; empty when there are none. */
  readonly ofKind: (kind: ComponentKind) => readonly Component[];
  readonly linksFrom: (id: string) => readonly Link[];
  readonly linksTo: (id: string) => readonly Link[];
  /** Routes forwarded to `port` of component `id`. */
  readonly routesTo: (id: string, port: string) => readonly Route[];
  /** Routes served by the entry point `id`. */
  readonly routesVia: (id: string) => readonly Route[];
  /** Routes grouped by entry point, public port and host (case-insensitive). */
  readonly routesByEntry: ReadonlyMap<string, readonly Route[]>;
  readonly componentsInZone: (zoneId: string) => readonly Component[];
  /** Every environment variable of every component, flattened once for the rules that scan them all. */
  readonly environment: readonly EnvEntry[];
}

export interface EnvEntry {
  readonly component: Component;
  readonly name: string;
  readonly value: EnvValue;
}

const EMPTY: readonly never[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// The route-URL function, public ports and entry-point kinds live in shared/model/constraints
// (one home per fact: the canvas, the inspector and DEPLOYMENT.md print routes with the same
// function). Re-exported so that rule files keep importing their helpers from here.
export { DEFAULT_PORT, isEntryPoint, publicPortOf, routeUrl } from '../model/constraints';

export const entryKey = (route: Route): string => `${route.via}|${publicPortOf(route)}|${route.host.toLowerCase()}`;

/** Builds an index the first time a rule asks for it: a check pays only for what its rules use. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

export function buildContext(project: Project): CheckContext {
  const componentById = new Map<string, Component>();
  for (const c of project.components) componentById.set(c.id, c);
  const byKind = lazy(() => {
    const map = new Map<ComponentKind, Component[]>();
    for (const c of project.components) push(map, c.kind, c);
    return map;
  });
  const byZone = lazy(() => {
    const map = new Map<string, Component[]>();
    for (const c of project.components) if (c.zone !== undefined) push(map, c.zone, c);
    return map;
  });
  const links = lazy(() => {
    const from = new Map<string, Link[]>();
    const to = new Map<string, Link[]>();
    for (const l of project.links) {
      push(from, l.from, l);
      push(to, l.to, l);
    }
    return { from, to };
  });
  // Target, then port: two lookups and no key strings to build on every query.
  const toPort = lazy(() => {
    const map = new Map<string, Map<string, Route[]>>();
    for (const r of project.routes) {
      let ports = map.get(r.target);
      if (ports === undefined) map.set(r.target, (ports = new Map()));
      push(ports, r.port, r);
    }
    return map;
  });
  const via = lazy(() => {
    const map = new Map<string, Route[]>();
    for (const r of project.routes) push(map, r.via, r);
    return map;
  });
  const byEntry = lazy(() => {
    const map = new Map<string, Route[]>();
    for (const r of project.routes) push(map, entryKey(r), r);
    return map;
  });
  const zones = lazy(() => new Map(project.zones.map((z) => [z.id as string, z])));
  const environment = lazy(() => {
    const list: EnvEntry[] = [];
    for (const component of project.components) {
      for (const name in component.environment) list.push({ component, name, value: component.environment[name]! });
    }
    return list;
  });
  return {
    project,
    componentById,
    get zoneById() {
      return zones();
    },
    ofKind: (kind) => byKind().get(kind) ?? EMPTY,
    linksFrom: (id) => links().from.get(id) ?? EMPTY,
    linksTo: (id) => links().to.get(id) ?? EMPTY,
    routesTo: (id, port) => toPort().get(id)?.get(port) ?? EMPTY,
    routesVia: (id) => via().get(id) ?? EMPTY,
    get routesByEntry() {
      return byEntry();
    },
    componentsInZone: (zoneId) => byZone().get(zoneId) ?? EMPTY,
    get environment() {
      return environment();
    },
  };
}

// Small helpers every rule uses.

export const componentRef = (c: { readonly id: string }): ElementRef => ({ type: 'component', id: c.id });
export const linkRef = (l: { readonly id: string }): ElementRef => ({ type: 'link', id: l.id });
export const routeRef = (r: { readonly id: string }): ElementRef => ({ type: 'route', id: r.id });
export const zoneRef = (z: { readonly id: string }): ElementRef => ({ type: 'zone', id: z.id });

/** A component's display name, quoted for messages. */
export const named = (c: Component | undefined): string => (c ? `"${c.name || c.id}"` : '(missing)');

export function env(c: Component, name: string): EnvValue | undefined {
  return Object.hasOwn(c.environment, name) ? c.environment[name] : undefined;
}

/** The literal value of a variable, or undefined when it is unset, a secret or an input. */
export function literal(c: Component, name: string): string | undefined {
  const v = env(c, name);
  return v?.type === 'literal' ? v.value : undefined;
}

/** True when `link` goes from `fromId` to a component of one of `kinds`. */
export function linksToKinds(ctx: CheckContext, fromId: string, kinds: readonly ComponentKind[]): Link[] {
  return ctx.linksFrom(fromId).filter((l) => {
    const target = ctx.componentById.get(l.to);
    return target !== undefined && kinds.includes(target.kind);
  });
}
