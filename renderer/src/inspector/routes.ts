import { componentPorts, getKind, portNumber, type PortHolder } from '../../../shared/catalog/index';
import type { PortSpec } from '../../../shared/catalog/types';
import type { Component, ComponentId, Project, Route, RouteScheme } from '../../../shared/model/types';
import { isEntryPoint } from '../../../shared/model/constraints';

/*
 * Pure helpers for editing routes: which components a route may point at, which port fits a
 * scheme, and what a new route row starts with.
 */

export const SCHEMES: readonly RouteScheme[] = ['https', 'wss', 'http', 'ws'];

type Target = Pick<Component, 'id' | 'kind' | 'name' | 'flavour' | 'portOverrides' | 'ports'>;

/** Components a route can forward to: services with ports, never clients or the entry point itself. */
export function routeTargets<T extends Target>(components: readonly T[], via: string): T[] {
  return components.filter((c) => {
    const spec = getKind(c.kind);
    return c.id !== via && componentPorts(c).length > 0 && spec.category !== 'client' && spec.category !== 'external';
  });
}

export function entryPoints<T extends Pick<Component, 'kind'>>(components: readonly T[]): T[] {
  return components.filter((c) => isEntryPoint(c));
}

/**
 * The port of a target that suits a scheme: a WebSocket port for ws/wss, an HTTP one otherwise.
 * Server-side ports (the REST API) come last: publishing them is what NA001 warns about.
 */
export function portForScheme(target: PortHolder, scheme: RouteScheme): string | undefined {
  const all = componentPorts(target);
  const ports = [
    ...all.filter((p) => p.exposure !== 'server-side'),
    ...all.filter((p) => p.exposure === 'server-side'),
  ];
  const ws = scheme === 'ws' || scheme === 'wss';
  const fits = (p: PortSpec) => (ws ? p.protocol === 'ws' || p.protocol === 'wss' : p.protocol.startsWith('http'));
  return (ports.find(fits) ?? ports[0])?.name;
}

/** "8009 · WebSockets": a port as a select option names it, number first so a narrow select still shows it. */
export function portLabel(target: Target, port: PortSpec): string {
  return `${portNumber(target, port.name) ?? port.number} · ${port.label}`;
}

/** The documented public mappings, in the order a new route row offers them. */
const PREFERRED: ReadonlyArray<{ kind: Component['kind']; port: string; scheme: RouteScheme; sub: string }> = [
  { kind: 'nextauth', port: 'ws', scheme: 'wss', sub: '' },
  { kind: 'nextauth', port: 'mobile', scheme: 'https', sub: 'mobile.' },
  { kind: 'nextauth-mgmt', port: 'dashboard', scheme: 'https', sub: 'dashboard.' },
  { kind: 'nextauth-mgmt', port: 'accounts', scheme: 'https', sub: 'accounts.' },
  { kind: 'nextauth-mgmt', port: 'idp', scheme: 'https', sub: 'idp.' },
];

/**
 * What "Add route" on an entry point starts with: the first documented mapping no route
 * serves yet (the wss:// URL first), on a host derived from the project's other routes.
 * Undefined when there is nothing to route to.
 */
export function suggestRoute(project: Project, via: ComponentId): Omit<Route, 'id'> | undefined {
  const targets = routeTargets(project.components, via);
  if (targets.length === 0) return undefined;
  const wsHost = project.routes.find((r) => r.port === 'ws')?.host;
  const base =
    wsHost ?? project.routes[0]?.host.replace(/^(mobile|dashboard|accounts|idp)\./, '') ?? 'auth.example.com';
  const routed = (target: string, port: string) => project.routes.some((r) => r.target === target && r.port === port);
  const tls = { terminate: true, reencrypt: false };
  for (const want of PREFERRED) {
    const target = targets.find((c) => c.kind === want.kind && !routed(c.id, want.port));
    if (target) {
      return {
        via,
        scheme: want.scheme,
        host: `${want.sub}${base}`,
        path: '/',
        target: target.id,
        port: want.port,
        tls,
      };
    }
  }
  // Every documented mapping is served: a new host of its own, so the row shadows no other route.
  const target = targets[0]!;
  const port = portForScheme(target, 'https') ?? '';
  const hosts = new Set(project.routes.map((r) => r.host.toLowerCase()));
  // Ids may hold "_" and ".", which a DNS label may not.
  const label =
    target.id
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'service';
  let host = `${label}.${base}`;
  for (let n = 2; hosts.has(host); n++) host = `${label}-${n}.${base}`;
  return { via, scheme: 'https', host, path: '/', target: target.id, port, tls };
}
