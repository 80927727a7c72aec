/**
 * The `x-portolan` block (read by portolan-extension-read.ts) applied to an imported project.
 * Recognition decides every service: its kind, flavour, image, environment, publishes and
 * replicas come from what compose says, and the block never overrides them. The block only adds
 * what compose cannot say — a service's name, zone, position, pinned flag, port overrides,
 * properties and the replicas of a kind compose runs once; the components that are no service
 * (clients, outside services, servers the customer runs) and their links; the ids of links and
 * routes; the zones, the project's name and description, and the suppressions. Whatever names an
 * element the compose files do not have is skipped with a note.
 */
import { componentPorts, getKind, isDeployed } from '../../catalog/index';
import type {
  Component,
  ComponentId,
  ContainerPort,
  Link,
  LinkId,
  Project,
  Route,
  RouteId,
  Suppression,
  Zone,
  ZoneId,
} from '../../model/types';
import { isEntryPoint, publicPortOf } from '../../model/constraints';
import { runsOnAHost } from '../../model/hosts';
import type { ImportNote } from '../types';
import type { ExtensionComponent, PortolanExtension } from './portolan-extension-read';

export { readPortolanExtension, type PortolanExtension } from './portolan-extension-read';

const entryOf = (ext: PortolanExtension, id: string): ExtensionComponent | undefined =>
  ext.components.find((c) => c.id === id);

/** A service with what the block says about it beyond compose (nothing when the kinds disagree). */
export function applyToServices(
  services: readonly Component[],
  ext: PortolanExtension,
  notes: ImportNote[],
): Component[] {
  return services.map((c) => {
    const e = entryOf(ext, c.id);
    if (e === undefined) return c;
    if (e.kind !== c.kind) {
      notes.push({
        kind: 'interpreted',
        text: `x-portolan says ${c.id} is a ${getKind(e.kind).label}, but its service runs a ${getKind(c.kind).label}: the service decides, the block's facts about it are not used`,
        at: e.at,
      });
      return c;
    }
    const own = containerPorts(c, e, notes);
    const portOverrides = Object.create(null) as Record<string, number>;
    if (c.kind !== 'container')
      for (const [name, number] of Object.entries(e.portOverrides ?? {})) {
        if (componentPorts(c).some((p) => p.name === name)) portOverrides[name] = number;
        else
          notes.push({
            kind: 'interpreted',
            text: `x-portolan moves port ${name} of ${c.id}, which a ${getKind(c.kind).label} does not have: not used`,
            at: e.at,
          });
      }
    // Publishes are compose's; the block's are the ones the export left out (compose has none).
    const publish =
      c.publish.length === 0 && e.publish !== undefined
        ? e.publish.filter((p) => componentPorts(c).some((x) => x.name === p.port))
        : c.publish.map((p) => ({ ...p, port: own?.renamed.get(p.port) ?? p.port }));
    // Replicas are compose's; the block's count is for a kind compose runs once (it says 1).
    const replicas =
      e.replicas !== undefined && c.replicas === 1 && !getKind(c.kind).scalable ? e.replicas : c.replicas;
    return {
      ...c,
      name: e.name,
      replicas,
      publish,
      ...(own !== undefined ? { ports: own.ports } : {}),
      properties: { ...c.properties, ...e.properties },
      portOverrides: { ...portOverrides, ...c.portOverrides },
      ...(e.position !== undefined ? { position: e.position } : {}),
      ...(e.pinned === true ? { pinned: true as const } : {}),
      // An entry point's own WebSocket capacity: compose states only the limits derived from it.
      ...(e.capacity !== undefined && isEntryPoint(c) ? { capacity: e.capacity } : {}),
      // The hosts its replicas are spread over: compose states no placement.
      ...(e.hosts !== undefined && runsOnAHost(c) ? { hosts: e.hosts } : {}),
    };
  });
}

const transport = (protocol: string): string => (protocol === 'udp' ? 'udp' : 'tcp');

/**
 * A custom container's ports as the block names them, where they agree with compose: every port
 * the service publishes or exposes is one of the block's (same number and transport), which
 * adds the names, the protocols and the ports compose does not state. Undefined otherwise.
 */
function containerPorts(
  c: Component,
  e: ExtensionComponent,
  notes: ImportNote[],
): { ports: ContainerPort[]; renamed: Map<string, string> } | undefined {
  if (c.kind !== 'container' || e.ports === undefined) return undefined;
  const renamed = new Map<string, string>();
  for (const p of c.ports ?? []) {
    const named = e.ports.find((x) => x.number === p.number && transport(x.protocol) === transport(p.protocol));
    if (named === undefined) {
      notes.push({
        kind: 'interpreted',
        text: `service ${c.id} listens on ${p.number}/${transport(p.protocol)}, which x-portolan does not list: its ports are the service's`,
        at: e.at,
      });
      return undefined;
    }
    renamed.set(p.name, named.name);
  }
  return { ports: e.ports.map((p) => ({ ...p })), renamed };
}

/** The components the block holds that are no service: those a compose file cannot run. */
export function outsideComponents(
  ext: PortolanExtension,
  services: ReadonlySet<string>,
  notes: ImportNote[],
): Component[] {
  const out: Component[] = [];
  for (const e of ext.components) {
    if (services.has(e.id)) continue;
    const properties = { ...e.properties };
    if (isDeployed({ kind: e.kind, properties })) {
      notes.push({
        kind: 'interpreted',
        text: `x-portolan names ${e.id}, a ${getKind(e.kind).label}, but no active service of the compose files runs it: not added`,
        at: e.at,
      });
      continue;
    }
    out.push({
      id: e.id as ComponentId,
      kind: e.kind,
      name: e.name,
      ...(e.flavour !== undefined ? { flavour: e.flavour } : {}),
      replicas: e.replicas ?? 1,
      properties,
      environment: { ...e.environment },
      portOverrides: { ...e.portOverrides },
      publish: [...(e.publish ?? [])],
      position: e.position ?? { x: 0, y: 0 },
      ...(e.pinned === true ? { pinned: true as const } : {}),
    });
  }
  return out;
}

/**
 * The links: every recognised one (with the block's id where the block has it), then the block's
 * links that touch a component no compose file runs, and the block's links between two services
 * whose port compose cannot say (a `depends_on` on a service with several ports) — only where
 * `dependsOn` shows compose still connects them. A link whose ends or port are missing is skipped
 * with a note.
 */
export function restoreLinks(
  recognised: readonly Link[],
  ext: PortolanExtension,
  byId: ReadonlyMap<string, Component>,
  dependsOn: (from: string, to: string) => boolean,
  notes: ImportNote[],
): Link[] {
  const key = (l: { from: string; to: string; port: string }) => `${l.from}\u0000${l.to}\u0000${l.port}`;
  const fromBlock = new Map(ext.links.map((l) => [key(l), l]));
  const out: Link[] = [];
  const have = new Set<string>();
  for (const l of recognised) {
    const e = fromBlock.get(key(l));
    out.push(e !== undefined ? { ...l, id: e.id as LinkId } : l);
    have.add(key(l));
  }
  for (const e of ext.links) {
    if (have.has(key(e))) continue;
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    const skip = (why: string) =>
      notes.push({
        kind: 'interpreted',
        text: `x-portolan link ${e.id} (${e.from} → ${e.to}): ${why}: not drawn`,
        at: e.at,
      });
    if (from === undefined || to === undefined) {
      skip(`${from === undefined ? e.from : e.to} is not in the project`);
      continue;
    }
    if (!componentPorts(to).some((p) => p.name === e.port)) {
      skip(`${e.to} has no port ${e.port}`);
      continue;
    }
    if (isDeployed(from) && isDeployed(to) && !dependsOn(e.from, e.to)) {
      skip(`compose no longer connects the two services`);
      continue;
    }
    out.push({ id: e.id as LinkId, from: from.id, to: to.id, port: e.port });
    have.add(key(e));
  }
  return withFreshIds(
    out,
    new Set([...ext.components.map((c) => c.id), ...ext.zones.map((z) => z.id), ...ext.routes.map((r) => r.id)]),
  );
}

/** Ids the import made up that the block gives to other elements get a suffix. */
function withFreshIds<T extends { readonly id: string }>(items: readonly T[], reserved: ReadonlySet<string>): T[] {
  const taken = new Set<string>(reserved);
  const mine = new Map<string, number>();
  for (const item of items) mine.set(item.id, (mine.get(item.id) ?? 0) + 1);
  return items.map((item) => {
    if (!taken.has(item.id) && mine.get(item.id) === 1) {
      taken.add(item.id);
      return item;
    }
    let id = item.id;
    for (let n = 2; taken.has(id) || (id !== item.id && mine.has(id)); n++) id = `${item.id}-${n}`;
    taken.add(id);
    return { ...item, id };
  });
}

const secure = (scheme: string): boolean => scheme === 'https' || scheme === 'wss';

/**
 * Routes with the block's ids, and its WebSocket schemes where the configuration cannot say
 * (HAProxy and Traefik forward upgrades on every route): a route matches the block's when it
 * has the same entry point, host, public port, path, target and port, and is as secure.
 */
export function restoreRoutes(
  routes: readonly Route[],
  ext: PortolanExtension,
  byId: ReadonlyMap<string, Component>,
  notes: ImportNote[],
): Route[] {
  const used = new Set<string>();
  const out = routes.map((r) => {
    const e = ext.routes.find(
      (x) =>
        !used.has(x.id) &&
        x.via === r.via &&
        x.host.toLowerCase() === r.host.toLowerCase() &&
        publicPortOf(x) === publicPortOf(r) &&
        x.path === r.path &&
        x.target === r.target &&
        x.port === r.port &&
        secure(x.scheme) === secure(r.scheme),
    );
    if (e === undefined) return r;
    used.add(e.id);
    return { ...r, id: e.id as RouteId, scheme: e.scheme, host: e.host };
  });
  // portmap's URLs are configured in nextAuth itself, in no file of a compose deployment: the
  // block's routes through a portmap service are the only statement of them.
  for (const e of ext.routes) {
    if (used.has(e.id) || byId.get(e.via)?.kind !== 'nextauth-portmap') continue;
    const target = byId.get(e.target);
    if (target === undefined || !componentPorts(target).some((p) => p.name === e.port)) {
      notes.push({
        kind: 'interpreted',
        text: `x-portolan route ${e.id} goes to ${e.target} port ${e.port}, which the project does not have: not drawn`,
        at: e.at,
      });
      continue;
    }
    used.add(e.id);
    out.push({
      id: e.id as RouteId,
      via: e.via as ComponentId,
      scheme: e.scheme,
      host: e.host,
      ...(e.publicPort !== undefined ? { publicPort: e.publicPort } : {}),
      path: e.path,
      target: target.id,
      port: e.port,
      tls: e.tls,
    });
  }
  return withFreshIds(
    out,
    new Set([
      ...ext.components.map((c) => c.id),
      ...ext.zones.map((z) => z.id),
      ...ext.links.map((l) => l.id),
      ...[...ext.routes.map((r) => r.id)].filter((id) => !used.has(id)),
    ]),
  );
}

/**
 * The block's zones, each component in the zone the block gives it; a service the block does
 * not name keeps the zone its networks gave it (`inferred`), which is added when used.
 */
export function restoreZones(
  components: readonly Component[],
  ext: PortolanExtension,
  inferred: { readonly zones: readonly Zone[]; readonly zoneOf: ReadonlyMap<ComponentId, ZoneId> },
  notes: ImportNote[],
): { zones: Zone[]; components: Component[] } {
  const zones: Zone[] = ext.zones.map((z) => ({ id: z.id as ZoneId, name: z.name, kind: z.kind }));
  const ids = new Set<string>(zones.map((z) => z.id));
  const placed = components.map((c) => {
    const { zone: _inferred, ...rest } = c;
    const e = entryOf(ext, c.id);
    if (e !== undefined) {
      if (e.zone === undefined) return rest;
      if (ids.has(e.zone)) return { ...rest, zone: e.zone as ZoneId };
      notes.push({
        kind: 'interpreted',
        text: `x-portolan puts ${c.id} in zone ${e.zone}, which it does not define: no zone`,
        at: e.at,
      });
      return rest;
    }
    const zone = inferred.zoneOf.get(c.id);
    const z = zone !== undefined ? inferred.zones.find((x) => x.id === zone) : undefined;
    if (z === undefined) return rest;
    if (!ids.has(z.id)) {
      zones.push(z);
      ids.add(z.id);
    }
    return { ...rest, zone: z.id };
  });
  return { zones, components: placed };
}

/** The block's suppressions whose element is in the project. */
export function restoreSuppressions(project: Project, ext: PortolanExtension, notes: ImportNote[]): Suppression[] {
  const ids = new Set<string>([
    ...project.zones.map((z) => z.id),
    ...project.components.map((c) => c.id),
    ...project.links.map((l) => l.id),
    ...project.routes.map((r) => r.id),
  ]);
  return ext.suppressions.flatMap((s) => {
    if (ids.has(s.element)) return [{ rule: s.rule, element: s.element, reason: s.reason }];
    notes.push({
      kind: 'interpreted',
      text: `x-portolan suppresses ${s.rule} on ${s.element}, which is not in the project: dropped`,
      at: s.at,
    });
    return [];
  });
}

/** True when the block places every component: the import keeps the drawing as it was. */
export function placesAll(components: readonly Component[], ext: PortolanExtension): boolean {
  return components.every((c) => entryOf(ext, c.id)?.position !== undefined);
}
