import { componentPort, getKind, portNamesOf } from '../catalog/index';
import {
  FORMAT_VERSION,
  type ComponentId,
  type Link,
  type LinkId,
  type Project,
  type Route,
  type RouteId,
  type RouteScheme,
  type Suppression,
  type Zone,
  type ZoneId,
  type ZoneKind,
} from '../model/types';
import { ID_PATTERN, passThroughTopKeyProblem, RULE_ID_PATTERN } from '../model/constraints';
import type { Located } from './located';
import { join, printable, type Reader, type LocatedMap } from './reader';
import { readComponent } from './read-component';
import { OLDEST_DIRECT_FORMAT } from './migrations';
import { readPassThrough } from './read-pass';
import { readProjectNetworks } from './read-networks';
import { readTlsSettings } from './read-tls';
import { readCapacity } from './read-capacity';
import { checkComponentHosts, readHosts } from './read-hosts';

/**
 * The readers of a project's elements, from the located tree the loader (load.ts) has checked:
 * the project's own sections, zones, links, routes and suppressions, and the references between
 * them. Components are read in read-component.ts.
 */

export const ZONE_KINDS: readonly ZoneKind[] = ['internet', 'dmz', 'internal', 'host'];
export const ROUTE_SCHEMES: readonly RouteScheme[] = ['https', 'wss', 'http', 'ws'];

const TOP_KEYS = [
  'format',
  'meta',
  'settings',
  'zones',
  'networks',
  'components',
  'links',
  'routes',
  'suppressions',
  'passThrough',
  'hosts',
] as const;
const SUPPRESSION_KEYS = ['rule', 'element', 'reason'] as const;
const META_KEYS = ['name', 'description'] as const;
const SETTINGS_KEYS = ['registry', 'tag', 'tls', 'capacity'] as const;
const ZONE_KEYS = ['id', 'name', 'kind'] as const;
const LINK_KEYS = ['id', 'from', 'to', 'port'] as const;
const ROUTE_KEYS = ['id', 'via', 'scheme', 'host', 'publicPort', 'path', 'target', 'port', 'tls'] as const;
const TLS_KEYS = ['terminate', 'reencrypt'] as const;

export const DEFAULT_SETTINGS = { registry: '', tag: 'latest' } as const;

export function readProject(r: Reader, root: LocatedMap, ids: IdRegistry): Project {
  r.keys(root, TOP_KEYS, '', 'the project');
  const formatNode = r.required(root, 'format', '', 'the project');
  // Formats from OLDEST_DIRECT_FORMAT on are read as they are (each later one only adds optional fields).
  if (formatNode !== undefined) r.integer(formatNode, 'format', 'format', OLDEST_DIRECT_FORMAT, FORMAT_VERSION);

  const metaNode = r.required(root, 'meta', '', 'the project');
  const metaMap = metaNode && r.map(metaNode, 'meta', 'meta');
  let meta = { name: '', description: '' };
  if (metaMap) {
    r.keys(metaMap, META_KEYS, 'meta', 'meta');
    const name = r.string(r.required(metaMap, 'name', 'meta', 'meta'), 'meta.name', 'meta.name');
    const description = r.string(r.entry(metaMap, 'description')?.value, 'meta.description', 'meta.description');
    meta = { name: name ?? '', description: description ?? '' };
  }

  let settings: Project['settings'] = DEFAULT_SETTINGS;
  const settingsNode = r.entry(root, 'settings')?.value;
  const settingsMap = settingsNode && r.map(settingsNode, 'settings', 'settings');
  if (settingsMap) {
    r.keys(settingsMap, SETTINGS_KEYS, 'settings', 'settings');
    settings = {
      registry:
        r.string(r.entry(settingsMap, 'registry')?.value, 'settings.registry', 'settings.registry') ??
        DEFAULT_SETTINGS.registry,
      tag: r.text(r.entry(settingsMap, 'tag')?.value, 'settings.tag', 'settings.tag') ?? DEFAULT_SETTINGS.tag,
    };
    const tls = readTlsSettings(r, r.entry(settingsMap, 'tls')?.value, 'settings.tls');
    if (tls !== undefined) settings = { ...settings, tls };
    const capacity = readCapacity(r, r.entry(settingsMap, 'capacity')?.value, 'settings.capacity', 'settings.capacity');
    if (capacity !== undefined) settings = { ...settings, capacity };
  }

  // Hosts before components: a host id is then declared when a component's list is checked.
  const hosts = readHosts(r, ids, r.entry(root, 'hosts')?.value);
  const zones = collect(r.seq(r.entry(root, 'zones')?.value, 'zones', 'zones'), (node, i) =>
    readZone(r, ids, node, join('zones', i)),
  );
  const networks = readProjectNetworks(r, r.entry(root, 'networks')?.value);
  const components = collect(r.seq(r.entry(root, 'components')?.value, 'components', 'components'), (node, i) =>
    readComponent(r, ids, node, join('components', i)),
  );
  const links = collect(r.seq(r.entry(root, 'links')?.value, 'links', 'links'), (node, i) =>
    readLink(r, ids, node, join('links', i)),
  );
  const routes = collect(r.seq(r.entry(root, 'routes')?.value, 'routes', 'routes'), (node, i) =>
    readRoute(r, ids, node, join('routes', i)),
  );

  const suppressions = collect(r.seq(r.entry(root, 'suppressions')?.value, 'suppressions', 'suppressions'), (node, i) =>
    readSuppression(r, node, join('suppressions', i)),
  );

  const passThrough = readPassThrough(
    r,
    r.entry(root, 'passThrough')?.value,
    'passThrough',
    'the project',
    passThroughTopKeyProblem,
  );

  // References are resolved after every element is read, so order in the file does not matter.
  const byId = new Map(components.map((c) => [c.value.id as string, c.value]));
  for (const { value: c, refs } of components) {
    if (c.zone !== undefined && !ids.declared.zone.has(c.zone)) {
      r.report(
        'dangling-reference',
        `component "${printable(c.name)}" is in zone "${c.zone}", which does not exist`,
        refs.at.zone ?? 0,
        refs.path,
      );
    }
  }
  checkComponentHosts(r, ids, components);
  const checkTarget = (id: string, port: string | undefined, refs: Refs, idKey: string, portKey: string) => {
    if (!ids.declared.component.has(id)) {
      r.report(
        'dangling-reference',
        `"${printable(id)}" is not a component of this project`,
        refs.at[idKey] ?? 0,
        join(refs.path, idKey),
      );
      return;
    }
    const target = byId.get(id);
    if (target !== undefined && port !== undefined && componentPort(target, port) === undefined) {
      r.report(
        'unknown-port',
        `${getKind(target.kind).label} "${printable(target.name)}" has no port "${port}" (ports: ${portNamesOf(target)})`,
        refs.at[portKey] ?? 0,
        join(refs.path, portKey),
      );
    }
  };
  for (const { value: l, refs } of links) {
    checkTarget(l.from, undefined, refs, 'from', 'port');
    checkTarget(l.to, l.port, refs, 'to', 'port');
  }
  for (const { value: rt, refs } of routes) {
    checkTarget(rt.via, undefined, refs, 'via', 'port');
    checkTarget(rt.target, rt.port, refs, 'target', 'port');
  }

  const declared = (id: string) => Object.values(ids.declared).some((set) => set.has(id));
  for (const { value: s, refs } of suppressions) {
    if (!declared(s.element)) {
      r.report(
        'dangling-reference',
        `suppression of ${s.rule} names "${printable(s.element)}", which is not an element of this project`,
        refs.at.element ?? 0,
        join(refs.path, 'element'),
      );
    }
  }

  return {
    format: FORMAT_VERSION,
    meta,
    settings,
    zones: zones.map((z) => z.value),
    components: components.map((c) => c.value),
    links: links.map((l) => l.value),
    routes: routes.map((rt) => rt.value),
    suppressions: suppressions.map((s) => s.value),
    ...(passThrough !== undefined && Object.keys(passThrough).length > 0 ? { passThrough } : {}),
    ...(networks !== undefined ? { networks } : {}),
    ...(hosts.length > 0 ? { hosts } : {}),
  };
}

function readSuppression(r: Reader, node: Located, path: string): Read<Suppression> | undefined {
  const map = r.map(node, path, 'a suppression');
  if (!map) return undefined;
  r.keys(map, SUPPRESSION_KEYS, path, 'a suppression');
  const ruleNode = r.required(map, 'rule', path, 'a suppression');
  const rule = r.string(ruleNode, join(path, 'rule'), 'suppression rule');
  const element = r.reference(map, 'element', path, 'a suppression');
  const reasonNode = r.required(map, 'reason', path, 'a suppression');
  const reason = r.string(reasonNode, join(path, 'reason'), 'suppression reason');
  if (rule !== undefined && ruleNode !== undefined && !RULE_ID_PATTERN.test(rule)) {
    r.report(
      'invalid-value',
      `"${printable(rule)}" is not a rule id (like NA001)`,
      ruleNode.offset,
      join(path, 'rule'),
    );
    return undefined;
  }
  if (reason !== undefined && reasonNode !== undefined && reason.trim() === '') {
    r.report('invalid-value', 'a suppression needs a written reason', reasonNode.offset, join(path, 'reason'));
    return undefined;
  }
  if (rule === undefined || element === undefined || reason === undefined) return undefined;
  return { value: { rule, element: element.value, reason }, refs: { path, at: { element: element.offset } } };
}

/** Offsets of the reference-holding fields of an element, for problems found later. */
export interface Refs {
  readonly path: string;
  readonly at: Readonly<Record<string, number>>;
}
export interface Read<T> {
  readonly value: T;
  readonly refs: Refs;
}

function collect<T>(nodes: readonly Located[], read: (node: Located, i: number) => Read<T> | undefined): Read<T>[] {
  const out: Read<T>[] = [];
  nodes.forEach((node, i) => {
    const item = read(node, i);
    if (item) out.push(item);
  });
  return out;
}

/** Ids are unique across zones, components, links, routes and hosts: diagnostics name them alone. */
export class IdRegistry {
  private readonly seen = new Map<string, string>();
  readonly offsets = new Map<string, number>();
  /** Every well-formed id per section, even of elements with other problems: a reference to
   * them is not dangling, so one bad field does not cascade into a problem per reference. */
  readonly declared = {
    zone: new Set<string>(),
    component: new Set<string>(),
    link: new Set<string>(),
    route: new Set<string>(),
    host: new Set<string>(),
  };
  constructor(private readonly r: Reader) {}

  read(map: LocatedMap, path: string, what: keyof IdRegistry['declared']): string | undefined {
    const node = this.r.required(map, 'id', path, what);
    const id = this.r.string(node, join(path, 'id'), `${what} id`);
    if (id === undefined || node === undefined) return undefined;
    if (!ID_PATTERN.test(id)) {
      this.r.report(
        'invalid-value',
        `${what} id "${printable(id)}" must start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 64)`,
        node.offset,
        join(path, 'id'),
      );
      return undefined;
    }
    const first = this.seen.get(id);
    if (first !== undefined) {
      this.r.report('duplicate-id', `id "${id}" is already used by ${first}`, node.offset, join(path, 'id'));
      return undefined;
    }
    this.seen.set(id, path);
    this.offsets.set(id, node.offset);
    this.declared[what].add(id);
    return id;
  }
}

function readZone(r: Reader, ids: IdRegistry, node: Located, path: string): Read<Zone> | undefined {
  const map = r.map(node, path, 'a zone');
  if (!map) return undefined;
  r.keys(map, ZONE_KEYS, path, 'a zone');
  const id = ids.read(map, path, 'zone');
  const name = r.string(r.required(map, 'name', path, 'a zone'), join(path, 'name'), 'zone name');
  const kind = r.oneOf(r.required(map, 'kind', path, 'a zone'), join(path, 'kind'), 'zone kind', ZONE_KINDS);
  if (id === undefined || name === undefined || kind === undefined) return undefined;
  return { value: { id: id as ZoneId, name, kind }, refs: { path, at: {} } };
}

function readLink(r: Reader, ids: IdRegistry, node: Located, path: string): Read<Link> | undefined {
  const map = r.map(node, path, 'a link');
  if (!map) return undefined;
  r.keys(map, LINK_KEYS, path, 'a link');
  const id = ids.read(map, path, 'link');
  const from = r.reference(map, 'from', path, 'a link');
  const to = r.reference(map, 'to', path, 'a link');
  const port = r.reference(map, 'port', path, 'a link');
  if (id === undefined || from === undefined || to === undefined || port === undefined) return undefined;
  return {
    value: { id: id as LinkId, from: from.value as ComponentId, to: to.value as ComponentId, port: port.value },
    refs: { path, at: { from: from.offset, to: to.offset, port: port.offset } },
  };
}

function readRoute(r: Reader, ids: IdRegistry, node: Located, path: string): Read<Route> | undefined {
  const map = r.map(node, path, 'a route');
  if (!map) return undefined;
  r.keys(map, ROUTE_KEYS, path, 'a route');
  const id = ids.read(map, path, 'route');
  const via = r.reference(map, 'via', path, 'a route');
  const scheme = r.oneOf(
    r.required(map, 'scheme', path, 'a route'),
    join(path, 'scheme'),
    'route scheme',
    ROUTE_SCHEMES,
  );
  const host = r.string(r.required(map, 'host', path, 'a route'), join(path, 'host'), 'route host');
  const publicPortNode = r.entry(map, 'publicPort')?.value;
  const publicPort = publicPortNode
    ? r.integer(publicPortNode, join(path, 'publicPort'), 'publicPort', 1, 65535)
    : undefined;
  const routePath = r.string(r.required(map, 'path', path, 'a route'), join(path, 'path'), 'route path');
  const target = r.reference(map, 'target', path, 'a route');
  const port = r.reference(map, 'port', path, 'a route');

  const secure = scheme === 'https' || scheme === 'wss';
  let tls = { terminate: secure, reencrypt: false };
  const tlsNode = r.entry(map, 'tls')?.value;
  const tlsMap = tlsNode && r.map(tlsNode, join(path, 'tls'), 'route tls');
  if (tlsMap) {
    r.keys(tlsMap, TLS_KEYS, join(path, 'tls'), 'route tls');
    const terminateNode = r.entry(tlsMap, 'terminate')?.value;
    const reencryptNode = r.entry(tlsMap, 'reencrypt')?.value;
    tls = {
      terminate: terminateNode
        ? (r.boolean(terminateNode, join(path, 'tls.terminate'), 'tls.terminate') ?? secure)
        : secure,
      reencrypt: reencryptNode
        ? (r.boolean(reencryptNode, join(path, 'tls.reencrypt'), 'tls.reencrypt') ?? false)
        : false,
    };
  }

  if (
    id === undefined ||
    via === undefined ||
    scheme === undefined ||
    host === undefined ||
    routePath === undefined ||
    target === undefined ||
    port === undefined
  ) {
    return undefined;
  }
  return {
    value: {
      id: id as RouteId,
      via: via.value as ComponentId,
      scheme,
      host,
      ...(publicPort !== undefined ? { publicPort } : {}),
      path: routePath,
      target: target.value as ComponentId,
      port: port.value,
      tls,
    },
    refs: { path, at: { via: via.offset, target: target.offset, port: port.offset } },
  };
}
