import { componentPort, flavoursOf, getKind, isComponentKind, portNamesOf, type PortHolder } from '../catalog/index';
import { isIpAddress } from '../model/ip-address';
import type {
  Component,
  ComponentId,
  ComponentKind,
  ContainerPort,
  EnvValue,
  Flavour,
  PropertyValue,
  Publish,
  ZoneId,
} from '../model/types';
import {
  ENV_NAME_PATTERN,
  isEntryPoint,
  MAX_REPLICAS,
  passThroughServiceKeyProblem,
  passThroughValueProblem,
  SECRET_LENGTH,
} from '../model/constraints';
import type { Located } from './located';
import { readCapacity } from './read-capacity';
import { readComponentHosts } from './read-hosts';
import { readContainerPorts } from './read-container';
import { readComponentNetworks } from './read-networks';
import { readPassThrough } from './read-pass';
import { join, printable, type LocatedMap, type Reader } from './reader';
import type { IdRegistry, Read } from './read-project';

/** The reader of a component and of its nested fields (properties, environment, ports, position). */

const COMPONENT_KEYS = [
  'id',
  'kind',
  'name',
  'flavour',
  'zone',
  'replicas',
  'properties',
  'environment',
  'portOverrides',
  'publish',
  'position',
  'pinned',
  'image',
  'ports',
  'passThrough',
  'networks',
  'networkPassThrough',
  'capacity',
  'hosts',
] as const;

export function readComponent(r: Reader, ids: IdRegistry, node: Located, path: string): Read<Component> | undefined {
  const map = r.map(node, path, 'a component');
  if (!map) return undefined;
  r.keys(map, COMPONENT_KEYS, path, 'a component');
  const id = ids.read(map, path, 'component');
  const name = r.string(r.required(map, 'name', path, 'a component'), join(path, 'name'), 'component name');
  const kindNode = r.required(map, 'kind', path, 'a component');
  const kindText = r.string(kindNode, join(path, 'kind'), 'component kind');
  let kind: ComponentKind | undefined;
  if (kindText !== undefined && kindNode !== undefined) {
    if (isComponentKind(kindText)) kind = kindText;
    else
      r.report('unknown-kind', `unknown component kind "${printable(kindText)}"`, kindNode.offset, join(path, 'kind'));
  }

  const flavourEntry = r.entry(map, 'flavour');
  let flavour: Flavour | undefined;
  if (kind !== undefined) {
    const allowed = flavoursOf(kind);
    if (flavourEntry === undefined) {
      flavour = getKind(kind).defaultFlavour;
    } else if (allowed.length === 0) {
      r.report(
        'invalid-value',
        `a ${getKind(kind).label} has no flavours`,
        flavourEntry.keyOffset,
        join(path, 'flavour'),
      );
    } else {
      flavour = r.oneOf(
        flavourEntry.value,
        join(path, 'flavour'),
        `${getKind(kind).label} flavour`,
        allowed,
        'unknown-flavour',
      );
    }
  }

  const zoneNode = r.entry(map, 'zone')?.value;
  const zone = r.string(zoneNode, join(path, 'zone'), 'zone');
  const replicasNode = r.entry(map, 'replicas')?.value;
  const replicas = replicasNode ? r.integer(replicasNode, join(path, 'replicas'), 'replicas', 1, MAX_REPLICAS) : 1;
  const properties = readProperties(r, r.entry(map, 'properties')?.value, join(path, 'properties'));
  const environment = readEnvironment(r, r.entry(map, 'environment')?.value, join(path, 'environment'));
  const own = readOwnImageAndPorts(r, map, path, kind);
  const holder: PortHolder | undefined = kind === undefined ? undefined : { kind, flavour, ports: own?.ports };
  const portOverrides = readPortOverrides(r, r.entry(map, 'portOverrides')?.value, join(path, 'portOverrides'), holder);
  const publish = readPublish(r, r.entry(map, 'publish')?.value, join(path, 'publish'), holder);
  const position = readPosition(r, r.entry(map, 'position')?.value, join(path, 'position'));
  const pinnedNode = r.entry(map, 'pinned')?.value;
  const pinned = pinnedNode ? r.boolean(pinnedNode, join(path, 'pinned'), 'pinned') : undefined;
  const passThrough = readPassThrough(
    r,
    r.entry(map, 'passThrough')?.value,
    join(path, 'passThrough'),
    'a component',
    passThroughServiceKeyProblem,
    passThroughValueProblem,
  );
  const networks = readComponentNetworks(r, map, path);
  const capacity = readEntryCapacity(r, map, path, kind);
  const hosts = readComponentHosts(r, map, path, kind);

  // An element with a bad field is still returned (with a stand-in value) so that checks on
  // what refers to it run; the file as a whole is refused because of the reported error.
  if (id === undefined || kind === undefined) return undefined;
  const component: Component = {
    id: id as ComponentId,
    kind,
    name: name ?? '',
    ...(flavour !== undefined ? { flavour } : {}),
    ...(zone !== undefined ? { zone: zone as ZoneId } : {}),
    replicas: replicas ?? 1,
    properties,
    environment,
    portOverrides,
    publish,
    position,
    ...(pinned === true ? { pinned: true as const } : {}),
    ...(own?.image !== undefined ? { image: own.image } : {}),
    ...(own?.ports !== undefined ? { ports: own.ports } : {}),
    // An empty map is no kept key: the model leaves the field out, as save does.
    ...(passThrough !== undefined && Object.keys(passThrough).length > 0 ? { passThrough } : {}),
    ...networks,
    ...(capacity !== undefined ? { capacity } : {}),
    ...(hosts !== undefined ? { hosts: hosts.hosts } : {}),
  };
  // Where each listed host id stands, for read-hosts.ts's check of the ids once every host is read.
  return {
    value: component,
    refs: { path, at: { ...(zoneNode ? { zone: zoneNode.offset } : {}), ...(hosts?.at ?? {}) } },
  };
}

/** An entry point's own expected peak of WebSocket clients (read-capacity.ts); no other kind holds one. */
function readEntryCapacity(r: Reader, map: LocatedMap, path: string, kind: ComponentKind | undefined) {
  const entry = r.entry(map, 'capacity');
  if (entry === undefined) return undefined;
  if (kind !== undefined && !isEntryPoint({ kind })) {
    r.report(
      'invalid-value',
      `a ${getKind(kind).label} is no entry point, so it has no WebSocket capacity of its own (only reverse proxies and portmap)`,
      entry.keyOffset,
      join(path, 'capacity'),
    );
    return undefined;
  }
  return readCapacity(r, entry.value, join(path, 'capacity'), "a component's capacity");
}

function readProperties(r: Reader, node: Located | undefined, path: string): Record<string, PropertyValue> {
  const out = emptyRecord<PropertyValue>();
  if (node === undefined) return out;
  const map = r.map(node, path, 'properties');
  if (!map) return out;
  for (const e of r.named(map, path, 'properties')) {
    const value = r.property(e.value, join(path, e.key), `property "${printable(e.key)}"`);
    if (value !== undefined) out[e.key] = value;
  }
  return out;
}

function readEnvironment(r: Reader, node: Located | undefined, path: string): Record<string, EnvValue> {
  const out = emptyRecord<EnvValue>();
  if (node === undefined) return out;
  const map = r.map(node, path, 'environment');
  if (!map) return out;
  for (const e of r.named(map, path, 'environment')) {
    const at = join(path, e.key);
    if (!ENV_NAME_PATTERN.test(e.key)) {
      r.report(
        'invalid-value',
        `"${printable(e.key)}" is not a valid environment variable name (letters, digits and "_", not starting with a digit)`,
        e.keyOffset,
        at,
      );
      continue;
    }
    if (e.value.type === 'map') {
      const what = `environment variable ${e.key}`;
      const secret = r.entry(e.value, 'secret');
      const input = r.entry(e.value, 'input');
      if (e.value.entries.length !== 1 || (secret === undefined && input === undefined)) {
        r.report('invalid-value', `${what} must be text, { secret: LENGTH } or { input: PROMPT }`, e.value.offset, at);
      } else if (secret !== undefined) {
        const length = r.integer(
          secret.value,
          join(at, 'secret'),
          'secret length',
          SECRET_LENGTH.min,
          SECRET_LENGTH.max,
        );
        if (length !== undefined) out[e.key] = { type: 'secret', length };
      } else if (input !== undefined) {
        const prompt = r.string(input.value, join(at, 'input'), 'input prompt');
        if (prompt !== undefined) out[e.key] = { type: 'input', prompt };
      }
      continue;
    }
    const value = r.text(e.value, at, `environment variable ${e.key}`);
    if (value !== undefined) out[e.key] = { type: 'literal', value };
  }
  return out;
}

/**
 * A custom container's `image` and `ports` (read-container.ts). Any other deployable kind may
 * hold an `image` (an override of the catalog's image, e.g. from an import) but not `ports`,
 * which come from the catalog; a kind that is not deployed has no image to override.
 */
function readOwnImageAndPorts(
  r: Reader,
  map: LocatedMap,
  path: string,
  kind: ComponentKind | undefined,
): { image?: string; ports?: ContainerPort[] } | undefined {
  const imageEntry = r.entry(map, 'image');
  const portsEntry = r.entry(map, 'ports');
  if (kind === undefined) return undefined;
  if (kind !== 'container') {
    const label = getKind(kind).label;
    if (portsEntry !== undefined)
      r.report(
        'invalid-value',
        `only a custom container has its own ports; a ${label} takes them from the catalog`,
        portsEntry.keyOffset,
        join(path, 'ports'),
      );
    if (imageEntry === undefined) return undefined;
    if (!getKind(kind).deployable) {
      r.report(
        'invalid-value',
        `a ${label} is not a container of the deployment, so it has no image`,
        imageEntry.keyOffset,
        join(path, 'image'),
      );
      return undefined;
    }
    // Any text, as for a container: NA047 checks it is an image reference.
    const image = r.string(imageEntry.value, join(path, 'image'), 'image');
    return image === undefined ? undefined : { image };
  }
  const image = r.string(r.required(map, 'image', path, 'a custom container'), join(path, 'image'), 'image');
  const ports = readContainerPorts(r, portsEntry?.value, join(path, 'ports'));
  return { image: image ?? '', ports };
}

function readPortOverrides(
  r: Reader,
  node: Located | undefined,
  path: string,
  holder: PortHolder | undefined,
): Record<string, number> {
  const out = emptyRecord<number>();
  if (node === undefined) return out;
  const map = r.map(node, path, 'portOverrides');
  if (!map) return out;
  for (const e of r.named(map, path, 'portOverrides')) {
    const at = join(path, e.key);
    if (holder?.kind === 'container') {
      r.report(
        'invalid-value',
        'a custom container sets the number on each of its ports; it has no port overrides',
        e.keyOffset,
        at,
      );
      continue;
    }
    if (holder !== undefined && componentPort(holder, e.key) === undefined) {
      r.report(
        'unknown-port',
        `a ${getKind(holder.kind).label} has no port "${e.key}" (ports: ${portNamesOf(holder)})`,
        e.keyOffset,
        at,
      );
      continue;
    }
    const n = r.integer(e.value, at, `port ${e.key}`, 1, 65535);
    if (n !== undefined) out[e.key] = n;
  }
  return out;
}

function readPublish(r: Reader, node: Located | undefined, path: string, holder: PortHolder | undefined): Publish[] {
  const out: Publish[] = [];
  r.seq(node, path, 'publish').forEach((item, i) => {
    const at = join(path, i);
    const map = r.map(item, at, 'a published port');
    if (!map) return;
    r.keys(map, ['port', 'hostPort', 'hostIp'], at, 'a published port');
    const portNode = r.required(map, 'port', at, 'a published port');
    const port = r.string(portNode, join(at, 'port'), 'port name');
    const hostPort = r.integer(
      r.required(map, 'hostPort', at, 'a published port'),
      join(at, 'hostPort'),
      'hostPort',
      1,
      65535,
    );
    if (
      port !== undefined &&
      portNode !== undefined &&
      holder !== undefined &&
      componentPort(holder, port) === undefined
    ) {
      r.report(
        'unknown-port',
        `a ${getKind(holder.kind).label} has no port "${port}" (ports: ${portNamesOf(holder)})`,
        portNode.offset,
        join(at, 'port'),
      );
      return;
    }
    const ipNode = r.entry(map, 'hostIp')?.value;
    const hostIp = ipNode === undefined ? undefined : r.string(ipNode, join(at, 'hostIp'), 'hostIp');
    if (ipNode !== undefined && hostIp !== undefined && !isIpAddress(hostIp)) {
      r.report(
        'invalid-value',
        `hostIp "${printable(hostIp)}" is not an IP address (IPv4 such as 127.0.0.1, or IPv6 without brackets such as ::1)`,
        ipNode.offset,
        join(at, 'hostIp'),
      );
      return;
    }
    if (port !== undefined && hostPort !== undefined)
      out.push(hostIp === undefined ? { port, hostPort } : { port, hostPort, hostIp });
  });
  return out;
}

function readPosition(r: Reader, node: Located | undefined, path: string): { x: number; y: number } {
  if (node === undefined) return { x: 0, y: 0 };
  const map = r.map(node, path, 'position');
  if (!map) return { x: 0, y: 0 };
  r.keys(map, ['x', 'y'], path, 'position');
  const x = r.number(r.required(map, 'x', path, 'position'), join(path, 'x'), 'position x');
  const y = r.number(r.required(map, 'y', path, 'position'), join(path, 'y'), 'position y');
  return { x: x ?? 0, y: y ?? 0 };
}

/** A prototype-less record: a key such as `__proto__` in the file stays an ordinary key. */
function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
