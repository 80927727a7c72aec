/**
 * Reading the `x-portolan` block (written by shared/export/portolan-extension.ts) from the located
 * compose tree. A block is validated as strictly as a part of a project file: every wrong type or
 * value is a coded problem at its FILE:LINE:COL. The block is a hint, not the deployment, so a
 * bad one does not stop the import: its problems are reported as warnings and the whole block is
 * ignored (half a block could pair names, zones and ids with the wrong elements); the import then
 * stands on recognition alone, as for a compose file Portolan did not write.
 */
import { flavoursOf, KINDS } from '../../catalog/index';
import { isIpAddress } from '../../model/ip-address';
import {
  CONTAINER_PORT_PROTOCOLS,
  ENV_NAME_PATTERN,
  PORT_NAME_PATTERN,
  ID_PATTERN,
  MAX_REPLICAS,
  PORT_RANGE,
  PROPERTY_KEY_PATTERN,
  RULE_ID_PATTERN,
  SECRET_LENGTH,
} from '../../model/constraints';
import type {
  ComponentKind,
  ContainerPort,
  EnvValue,
  Flavour,
  Position,
  PropertyValue,
  Publish,
  RouteScheme,
  RouteTls,
  TlsSettings,
  ZoneKind,
  CapacitySettings,
  Host,
  HostId,
} from '../../model/types';
import type { CEntry, CNode } from '../compose/tree';
import { BlockReader } from './portolan-extension-reader';
import { capacitySettings, hostsEntry, tlsSettings } from './portolan-extension-settings';
import type { ImportNote, ImportProblem, SourcePos } from '../types';

export const EXTENSION_KEY = 'x-portolan';
/** The block formats this build reads. */
export const EXTENSION_FORMAT = 1;

export interface ExtensionComponent {
  readonly id: string;
  readonly kind: ComponentKind;
  readonly name: string;
  readonly flavour?: Flavour;
  readonly zone?: string;
  readonly replicas?: number;
  readonly properties?: Readonly<Record<string, PropertyValue>>;
  readonly portOverrides?: Readonly<Record<string, number>>;
  readonly environment?: Readonly<Record<string, EnvValue>>;
  readonly publish?: readonly Publish[];
  /** A custom container's ports. */
  readonly ports?: readonly ContainerPort[];
  readonly position?: Position;
  readonly pinned?: boolean;
  /** An entry point's own expected peak of WebSocket clients. */
  readonly capacity?: CapacitySettings;
  /** The hosts its replicas are spread over (ids of the block's `hosts`). */
  readonly hosts?: readonly HostId[];
  readonly at: SourcePos;
}

export interface ExtensionLink {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly at: SourcePos;
}

export interface ExtensionRoute {
  readonly id: string;
  readonly via: string;
  readonly scheme: RouteScheme;
  readonly host: string;
  readonly publicPort?: number;
  readonly path: string;
  readonly target: string;
  readonly port: string;
  readonly tls: RouteTls;
  readonly at: SourcePos;
}

export interface PortolanExtension {
  readonly at: SourcePos;
  /**
   * The drawing declares its compose networks (the import keeps them). Absent in a block: the
   * networks are the ones Portolan's exporter chose, and the drawing is given back without them.
   */
  readonly declaredNetworks?: true;
  readonly meta?: { readonly name: string; readonly description: string };
  /** The project's TLS policy (absent: the default, intermediate). */
  readonly tls?: TlsSettings;
  /** The project's expected peak of WebSocket clients (absent: the default). */
  readonly capacity?: CapacitySettings;
  /** The machines containers run on (absent: one implicit host). */
  readonly hosts?: readonly (Host & { readonly at: SourcePos })[];
  readonly zones: readonly {
    readonly id: string;
    readonly name: string;
    readonly kind: ZoneKind;
    readonly at: SourcePos;
  }[];
  readonly components: readonly ExtensionComponent[];
  readonly links: readonly ExtensionLink[];
  readonly routes: readonly ExtensionRoute[];
  readonly suppressions: readonly {
    readonly rule: string;
    readonly element: string;
    readonly reason: string;
    readonly at: SourcePos;
  }[];
}

const ZONE_KINDS: readonly ZoneKind[] = ['internet', 'dmz', 'internal', 'host'];
const SCHEMES: readonly RouteScheme[] = ['https', 'wss', 'http', 'ws'];
const KIND_IDS: readonly ComponentKind[] = KINDS.map((k) => k.kind);

const COMPONENT_KEYS = [
  'id',
  'kind',
  'name',
  'flavour',
  'zone',
  'replicas',
  'properties',
  'portOverrides',
  'environment',
  'publish',
  'ports',
  'position',
  'pinned',
  'capacity',
  'hosts',
];

function envValue(r: BlockReader, node: CNode, what: string): EnvValue | undefined {
  const map = r.map(node, what);
  if (map === undefined) return undefined;
  const type = r.oneOf(r.required(map, 'type', what), `${what}.type`, ['literal', 'secret', 'input'] as const);
  switch (type) {
    case 'literal': {
      r.keys(map, ['type', 'value'], what);
      const value = r.text(r.required(map, 'value', what), `${what}.value`);
      return value === undefined ? undefined : { type, value };
    }
    case 'secret': {
      r.keys(map, ['type', 'length'], what);
      const length = r.integer(r.required(map, 'length', what), `${what}.length`, SECRET_LENGTH.min, SECRET_LENGTH.max);
      return length === undefined ? undefined : { type, length };
    }
    case 'input': {
      r.keys(map, ['type', 'prompt'], what);
      const prompt = r.text(r.required(map, 'prompt', what), `${what}.prompt`);
      return prompt === undefined ? undefined : { type, prompt };
    }
    default:
      return undefined;
  }
}

function component(r: BlockReader, node: CNode, i: number): ExtensionComponent | undefined {
  const what = `components[${i}]`;
  const map = r.map(node, what);
  if (map === undefined) return undefined;
  r.keys(map, COMPONENT_KEYS, what);
  const id = r.text(r.required(map, 'id', what), `${what}.id`, ID_PATTERN);
  const kind = r.oneOf(r.required(map, 'kind', what), `${what}.kind`, KIND_IDS);
  const name = r.text(r.required(map, 'name', what), `${what}.name`);
  const flavourNode = r.entry(map, 'flavour');
  const flavour =
    flavourNode !== undefined && kind !== undefined
      ? r.oneOf(flavourNode, `${what}.flavour`, flavoursOf(kind))
      : undefined;
  const zone = r.text(r.entry(map, 'zone'), `${what}.zone`, ID_PATTERN);
  const replicas = r.integer(r.entry(map, 'replicas'), `${what}.replicas`, 1, MAX_REPLICAS);
  const properties = r.record(r.entry(map, 'properties'), `${what}.properties`, PROPERTY_KEY_PATTERN, (n, w) =>
    n.kind === 'scalar' && n.value !== null
      ? n.value
      : r.report('wrong-type', `${w} must be text, a number or true/false`, n.at),
  );
  const portOverrides = r.record(r.entry(map, 'portOverrides'), `${what}.portOverrides`, PORT_NAME_PATTERN, (n, w) =>
    r.integer(n, w, PORT_RANGE.min, PORT_RANGE.max),
  );
  const environment = r.record(r.entry(map, 'environment'), `${what}.environment`, ENV_NAME_PATTERN, (n, w) =>
    envValue(r, n, w),
  );
  const publish = r.list(r.entry(map, 'publish'), `${what}.publish`).flatMap((p, k) => {
    const w = `${what}.publish[${k}]`;
    const m = r.map(p, w);
    if (m === undefined) return [];
    r.keys(m, ['port', 'hostPort', 'hostIp'], w);
    const port = r.text(r.required(m, 'port', w), `${w}.port`);
    const hostPort = r.integer(r.required(m, 'hostPort', w), `${w}.hostPort`, PORT_RANGE.min, PORT_RANGE.max);
    const ipNode = r.entry(m, 'hostIp');
    const hostIp = ipNode === undefined ? undefined : r.text(ipNode, `${w}.hostIp`);
    if (ipNode !== undefined && hostIp !== undefined && !isIpAddress(hostIp)) {
      r.report('invalid-value', `${w}.hostIp must be an IP address`, ipNode.at);
      return [];
    }
    if (port === undefined || hostPort === undefined) return [];
    return [hostIp === undefined ? { port, hostPort } : { port, hostPort, hostIp }];
  });
  const portsNode = r.entry(map, 'ports');
  const ports = r.list(portsNode, `${what}.ports`).flatMap((p, k) => {
    const w = `${what}.ports[${k}]`;
    const m = r.map(p, w);
    if (m === undefined) return [];
    r.keys(m, ['name', 'number', 'protocol'], w);
    const name = r.text(r.required(m, 'name', w), `${w}.name`, PORT_NAME_PATTERN);
    const number = r.integer(r.required(m, 'number', w), `${w}.number`, PORT_RANGE.min, PORT_RANGE.max);
    const protocol = r.oneOf(r.required(m, 'protocol', w), `${w}.protocol`, CONTAINER_PORT_PROTOCOLS);
    return name !== undefined && number !== undefined && protocol !== undefined ? [{ name, number, protocol }] : [];
  });
  const positionMap = r.map(r.entry(map, 'position'), `${what}.position`);
  let position: Position | undefined;
  if (positionMap !== undefined) {
    r.keys(positionMap, ['x', 'y'], `${what}.position`);
    const x = r.number(r.required(positionMap, 'x', `${what}.position`), `${what}.position.x`);
    const y = r.number(r.required(positionMap, 'y', `${what}.position`), `${what}.position.y`);
    if (x !== undefined && y !== undefined) position = { x, y };
  }
  const pinned = r.boolean(r.entry(map, 'pinned'), `${what}.pinned`);
  const capacity = capacitySettings(r, r.entry(map, 'capacity'), `${what}.capacity`);
  const hostsNode = r.entry(map, 'hosts');
  const hosts = r.list(hostsNode, `${what}.hosts`).flatMap((n, k) => {
    const hostId = r.text(n, `${what}.hosts[${k}]`, ID_PATTERN);
    return hostId === undefined ? [] : [hostId as HostId];
  });
  if (id === undefined || kind === undefined || name === undefined) return undefined;
  return {
    id,
    kind,
    name,
    ...(flavour !== undefined ? { flavour } : {}),
    ...(zone !== undefined ? { zone } : {}),
    ...(replicas !== undefined ? { replicas } : {}),
    ...(properties !== undefined ? { properties } : {}),
    ...(portOverrides !== undefined ? { portOverrides } : {}),
    ...(environment !== undefined ? { environment } : {}),
    ...(publish.length > 0 ? { publish } : {}),
    ...(portsNode !== undefined ? { ports } : {}),
    ...(position !== undefined ? { position } : {}),
    ...(pinned !== undefined ? { pinned } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...(hosts.length > 0 ? { hosts } : {}),
    at: node.at,
  };
}

function link(r: BlockReader, node: CNode, i: number): ExtensionLink | undefined {
  const what = `links[${i}]`;
  const map = r.map(node, what);
  if (map === undefined) return undefined;
  r.keys(map, ['id', 'from', 'to', 'port'], what);
  const id = r.text(r.required(map, 'id', what), `${what}.id`, ID_PATTERN);
  const from = r.text(r.required(map, 'from', what), `${what}.from`, ID_PATTERN);
  const to = r.text(r.required(map, 'to', what), `${what}.to`, ID_PATTERN);
  const port = r.text(r.required(map, 'port', what), `${what}.port`);
  if (id === undefined || from === undefined || to === undefined || port === undefined) return undefined;
  return { id, from, to, port, at: node.at };
}

function route(r: BlockReader, node: CNode, i: number): ExtensionRoute | undefined {
  const what = `routes[${i}]`;
  const map = r.map(node, what);
  if (map === undefined) return undefined;
  r.keys(map, ['id', 'via', 'scheme', 'host', 'publicPort', 'path', 'target', 'port', 'tls'], what);
  const id = r.text(r.required(map, 'id', what), `${what}.id`, ID_PATTERN);
  const via = r.text(r.required(map, 'via', what), `${what}.via`, ID_PATTERN);
  const scheme = r.oneOf(r.required(map, 'scheme', what), `${what}.scheme`, SCHEMES);
  const host = r.text(r.required(map, 'host', what), `${what}.host`);
  const publicPortNode = r.entry(map, 'publicPort');
  const publicPort = r.integer(publicPortNode, `${what}.publicPort`, PORT_RANGE.min, PORT_RANGE.max);
  const path = r.text(r.required(map, 'path', what), `${what}.path`);
  const target = r.text(r.required(map, 'target', what), `${what}.target`, ID_PATTERN);
  const port = r.text(r.required(map, 'port', what), `${what}.port`);
  const tlsMap = r.map(r.required(map, 'tls', what), `${what}.tls`);
  let tls: RouteTls | undefined;
  if (tlsMap !== undefined) {
    r.keys(tlsMap, ['terminate', 'reencrypt'], `${what}.tls`);
    const terminate = r.boolean(r.required(tlsMap, 'terminate', `${what}.tls`), `${what}.tls.terminate`);
    const reencrypt = r.boolean(r.required(tlsMap, 'reencrypt', `${what}.tls`), `${what}.tls.reencrypt`);
    if (terminate !== undefined && reencrypt !== undefined) tls = { terminate, reencrypt };
  }
  if ([id, via, scheme, host, path, target, port, tls].includes(undefined)) return undefined;
  if (publicPortNode !== undefined && publicPort === undefined) return undefined;
  return {
    id: id!,
    via: via!,
    scheme: scheme!,
    host: host!,
    ...(publicPort !== undefined ? { publicPort } : {}),
    path: path!,
    target: target!,
    port: port!,
    tls: tls!,
    at: node.at,
  };
}

/** Ids must be unique across the block, as in a project file. */
function checkUniqueIds(r: BlockReader, ext: PortolanExtension): void {
  const seen = new Set<string>();
  for (const e of [...(ext.hosts ?? []), ...ext.zones, ...ext.components, ...ext.links, ...ext.routes]) {
    if (seen.has(e.id)) r.report('invalid-value', `the id "${e.id}" is used twice`, e.at);
    seen.add(e.id);
  }
}

/**
 * The block of the merged compose files, or undefined when there is none or it is ignored (each
 * reason in `warnings` and `notes`). The block is consumed: it is not kept as pass-through.
 */
export function readPortolanExtension(
  extensions: readonly CEntry[],
  notes: ImportNote[],
  warnings: ImportProblem[],
): PortolanExtension | undefined {
  const entry = extensions.find((e) => e.key === EXTENSION_KEY);
  if (entry === undefined) return undefined;
  const r = new BlockReader();
  const ignored = (why: string): undefined => {
    warnings.push(...r.problems);
    notes.push({
      kind: 'interpreted',
      text: `the x-portolan block is ignored (${why}): the project stands on what compose says`,
      at: entry.keyAt,
    });
    return undefined;
  };
  const root = r.map(entry.value, 'the block');
  if (root === undefined) return ignored('it is not a mapping');
  r.keys(
    root,
    [
      'format',
      'meta',
      'tls',
      'capacity',
      'hosts',
      'networks',
      'zones',
      'components',
      'links',
      'routes',
      'suppressions',
    ],
    'the block',
  );
  const formatNode = r.required(root, 'format', 'the block');
  const format = formatNode?.kind === 'scalar' ? formatNode.value : undefined;
  if (format !== EXTENSION_FORMAT) {
    if (formatNode !== undefined)
      r.report(
        'invalid-value',
        `format ${String(format).slice(0, 20)} is not one this Portolan reads (${EXTENSION_FORMAT})`,
        formatNode.at,
      );
    return ignored('unknown format');
  }
  const metaMap = r.map(r.entry(root, 'meta'), 'meta');
  let meta: PortolanExtension['meta'];
  if (metaMap !== undefined) {
    r.keys(metaMap, ['name', 'description'], 'meta');
    const name = r.text(r.required(metaMap, 'name', 'meta'), 'meta.name');
    const description = r.text(r.entry(metaMap, 'description'), 'meta.description') ?? '';
    if (name !== undefined) meta = { name, description };
  }
  const tls = tlsSettings(r, r.entry(root, 'tls'));
  const capacity = capacitySettings(r, r.entry(root, 'capacity'), 'capacity');
  const hosts = hostsEntry(r, r.entry(root, 'hosts'));
  // `networks: declared`: the drawing declares the compose networks (keep them); absent: Portolan's own.
  const networksNode = r.entry(root, 'networks');
  const declaredNetworks = networksNode !== undefined && r.oneOf(networksNode, 'networks', ['declared']) === 'declared';
  const zones = r.list(r.entry(root, 'zones'), 'zones').flatMap((node, i) => {
    const what = `zones[${i}]`;
    const map = r.map(node, what);
    if (map === undefined) return [];
    r.keys(map, ['id', 'name', 'kind'], what);
    const id = r.text(r.required(map, 'id', what), `${what}.id`, ID_PATTERN);
    const name = r.text(r.required(map, 'name', what), `${what}.name`);
    const kind = r.oneOf(r.required(map, 'kind', what), `${what}.kind`, ZONE_KINDS);
    return id !== undefined && name !== undefined && kind !== undefined ? [{ id, name, kind, at: node.at }] : [];
  });
  const components = r.list(r.entry(root, 'components'), 'components').flatMap((n, i) => component(r, n, i) ?? []);
  const links = r.list(r.entry(root, 'links'), 'links').flatMap((n, i) => link(r, n, i) ?? []);
  const routes = r.list(r.entry(root, 'routes'), 'routes').flatMap((n, i) => route(r, n, i) ?? []);
  const suppressions = r.list(r.entry(root, 'suppressions'), 'suppressions').flatMap((node, i) => {
    const what = `suppressions[${i}]`;
    const map = r.map(node, what);
    if (map === undefined) return [];
    r.keys(map, ['rule', 'element', 'reason'], what);
    const rule = r.text(r.required(map, 'rule', what), `${what}.rule`, RULE_ID_PATTERN);
    const element = r.text(r.required(map, 'element', what), `${what}.element`, ID_PATTERN);
    const reason = r.text(r.required(map, 'reason', what), `${what}.reason`);
    return rule !== undefined && element !== undefined && reason !== undefined
      ? [{ rule, element, reason, at: node.at }]
      : [];
  });
  const ext: PortolanExtension = {
    at: entry.keyAt,
    ...(meta !== undefined ? { meta } : {}),
    ...(tls !== undefined ? { tls } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...(hosts.length > 0 ? { hosts } : {}),
    ...(declaredNetworks ? { declaredNetworks: true as const } : {}),
    zones,
    components,
    links,
    routes,
    suppressions,
  };
  checkUniqueIds(r, ext);
  checkComponentHosts(r, ext);
  if (r.problems.length > 0) return ignored(`${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`);
  return ext;
}

/** Each host a component lists is one the block declares (a project file refuses the same). */
function checkComponentHosts(r: BlockReader, ext: PortolanExtension): void {
  const declared = new Set((ext.hosts ?? []).map((h) => h.id as string));
  for (const c of ext.components) {
    for (const id of c.hosts ?? []) {
      if (!declared.has(id))
        r.report('invalid-value', `component "${c.id}" runs on host "${id}", which the block does not declare`, c.at);
    }
    if (c.hosts !== undefined && new Set(c.hosts).size !== c.hosts.length)
      r.report('invalid-value', `component "${c.id}" lists a host twice`, c.at);
  }
}
