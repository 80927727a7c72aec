/**
 * A service's `ports:` as docker compose v2 reads it, one entry per container port.
 *
 * Short form (a string, or an integer read as its decimal text): compose-go
 * `types.ParsePortConfig` (github.com/compose-spec/compose-go v2, e70e961c3a3a), which hands the
 * text to `nat.ParsePortSpec` (github.com/docker/go-connections, 9c9e2db76493):
 * - `[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, split at every `:`; with more than three
 *   parts everything before the last two is the host IP, so `::1:8080:80` is `::1`, and
 *   `[::1]:8080:80` loses its brackets; the IP must be a plain IPv4 or IPv6 address (no zone);
 * - a port is 0–65535, a range `A-B` with A <= B (`8000-8000` is one port); HOST_PORT may be empty
 *   (`127.0.0.1::80`, `:80`): the engine picks one;
 * - a container range needs a host range of the same length, mapped pairwise; a host range with a
 *   single container port lets the engine pick a host port from the range (`publishedEnd`);
 * - the protocol is tcp, udp or sctp, in any case, tcp when absent or empty;
 * - the ports of one range come out sorted as compose-go sorts them, by their text (`100`,
 *   `101`, `98`, `99`); docker-compose 1.29 sorts them by number instead.
 * Long form (a map): compose-go `types.ServicePortConfig` and the compose-spec schema: `target`
 * (required here: there is nothing to publish without it; an integer or its text), `published`
 * (integer or text, may be a range), `host_ip`, `protocol`, `mode` (`ingress` by default, or
 * `host`), `name`, `app_protocol`, and `x-` extensions (ignored); any other key is an error.
 */
import { isIpAddress } from '../../model/ip-address';
import type { ImportOutcome, ImportProblem, SourcePos } from '../types';
import type { CMap, CNode } from './tree';

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export interface PortSpec {
  /** The port inside the container. */
  readonly target: number;
  /** The host port; absent when the engine picks one. */
  readonly published?: number;
  /** With `published`: the engine picks a host port in `published..publishedEnd` (`8000-8010:80`). */
  readonly publishedEnd?: number;
  /** The host address to bind (IPv6 without brackets); absent for all addresses. */
  readonly hostIp?: string;
  readonly protocol: PortProtocol;
  readonly mode: 'ingress' | 'host';
  readonly name?: string;
  readonly appProtocol?: string;
  /** Where the entry is written (every port of a range shares it). */
  readonly at: SourcePos;
}

/** Ranges in one `ports:` list expand to at most this many ports (every port of every protocol): beyond it the input is hostile. */
export const MAX_EXPANDED_PORTS = 3 * 65_536;

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const bad = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** go-connections `parsePortNumber`: decimal (`strconv.ParseInt`, so a sign is allowed), 0–65535. */
function portNumber(text: string): Parsed<number> {
  if (text === '') return bad('value is empty');
  if (!/^[+-]?[0-9]+$/.test(text)) return bad(`invalid syntax ${JSON.stringify(text)}`);
  const n = Number(text);
  if (n < 0 || n > 65_535) return bad(`value ${text} out of range (0–65535)`);
  return { ok: true, value: n };
}

/** go-connections `parsePortRange`: `N` or `A-B` (cut at the first `-`), A <= B. */
function portRange(text: string): Parsed<readonly [number, number]> {
  if (text === '') return bad('empty string specified for ports');
  const dash = text.indexOf('-');
  const start = portNumber(dash < 0 ? text : text.slice(0, dash));
  if (!start.ok) return bad(`invalid start port: ${start.message}`);
  const endText = dash < 0 ? undefined : text.slice(dash + 1);
  if (endText === undefined || endText === text.slice(0, dash)) return { ok: true, value: [start.value, start.value] };
  const end = portNumber(endText);
  if (!end.ok) return bad(`invalid end port: ${end.message}`);
  if (end.value < start.value) return bad(`invalid port range: ${text}`);
  return { ok: true, value: [start.value, end.value] };
}

/** A host IP as written in the short form (brackets stripped, as go-connections does). */
function hostAddress(written: string): Parsed<string> {
  let ip = written;
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']') || ip.indexOf(']') !== ip.length - 1 || ip.lastIndexOf('[') !== 0)
      return bad(`invalid IP address ${written}`);
    ip = ip.slice(1, -1);
  }
  return isIpAddress(ip) ? { ok: true, value: ip } : bad(`invalid IP address: ${written}`);
}

function protocolOf(written: string): Parsed<PortProtocol> {
  const p = written.toLowerCase();
  return p === 'tcp' || p === 'udp' || p === 'sctp' ? { ok: true, value: p } : bad(`invalid proto: ${written}`);
}

/**
 * One short-form entry (`"127.0.0.1:8080-8081:80-81/udp"`) as the ports it publishes, in
 * compose-go's order, or why compose refuses it.
 */
export function parseShortPort(text: string, at: SourcePos): Parsed<readonly PortSpec[]> {
  // nat.splitParts
  const parts = text.split(':');
  const n = parts.length;
  const ipText = n <= 2 ? '' : parts.slice(0, n - 2).join(':');
  const hostText = n === 1 ? '' : parts[n - 2]!;
  const [containerText, protoText] = splitOnce(parts[n - 1]!, '/');
  // nat.SplitProtoPort
  if (containerText === '') return bad(`no port specified: ${text}<empty>`);
  const protocol = protocolOf(protoText === undefined || protoText === '' ? 'tcp' : protoText);
  if (!protocol.ok) return protocol;
  let hostIp: string | undefined;
  if (ipText !== '') {
    const ip = hostAddress(ipText);
    if (!ip.ok) return ip;
    hostIp = ip.value;
  }
  const container = portRange(containerText);
  if (!container.ok) return bad(`invalid containerPort: ${containerText} (${container.message})`);
  const [start, end] = container.value;
  let host: readonly [number, number] | undefined;
  if (hostText !== '') {
    const parsed = portRange(hostText);
    if (!parsed.ok) return bad(`invalid hostPort: ${hostText} (${parsed.message})`);
    host = parsed.value;
    if (end - start !== host[1] - host[0] && end !== start)
      return bad(`invalid ranges specified for container and host Ports: ${containerText} and ${hostText}`);
  }
  const count = end - start + 1;
  const specs: PortSpec[] = [];
  for (let i = 0; i < count; i++) {
    const published = host === undefined ? undefined : host[0] + i;
    const publishedEnd = host !== undefined && count === 1 && host[0] !== host[1] ? host[1] : undefined;
    specs.push({
      target: start + i,
      ...(published !== undefined ? { published } : {}),
      ...(publishedEnd !== undefined ? { publishedEnd } : {}),
      ...(hostIp !== undefined ? { hostIp } : {}),
      protocol: protocol.value,
      mode: 'ingress',
      at,
    });
  }
  // compose-go ParsePortConfig sorts the ports by their text ("8080/tcp"); sort is stable.
  if (count > 1) specs.sort((a, b) => compareText(String(a.target), String(b.target)));
  return { ok: true, value: specs };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const i = text.indexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + sep.length)];
}

const LONG_KEYS = new Set(['target', 'published', 'host_ip', 'protocol', 'mode', 'name', 'app_protocol']);

/** A scalar's text when it is a string, or an integer's decimal text. */
function scalarText(node: CNode): string | undefined {
  if (node.kind !== 'scalar') return undefined;
  if (typeof node.value === 'string') return node.value;
  // An integer; YAML's `80.0` is a float, which compose-go refuses ("invalid type float64 for port").
  if (typeof node.value === 'number' && Number.isInteger(node.value) && !/[.eE]/.test(node.source ?? ''))
    return String(node.value);
  return undefined;
}

class PortError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

function fail(code: 'invalid-value' | 'wrong-type', at: SourcePos, message: string): never {
  throw new PortError({ code, severity: 'error', message, at });
}

function stringField(map: CMap, key: string): { text: string; at: SourcePos } | undefined {
  const entry = map.entries.find((e) => e.key === key);
  if (entry === undefined || (entry.value.kind === 'scalar' && entry.value.value === null)) return undefined;
  if (entry.value.kind !== 'scalar' || typeof entry.value.value !== 'string')
    fail('wrong-type', entry.value.at, `ports.${key} must be a string`);
  return { text: entry.value.value, at: entry.value.at };
}

/** One long-form entry (compose-go ServicePortConfig). */
function longPort(map: CMap): PortSpec {
  for (const e of map.entries)
    if (!LONG_KEYS.has(e.key) && !e.key.startsWith('x-'))
      fail(
        'invalid-value',
        e.keyAt,
        `ports has no option ${JSON.stringify(e.key)} (target, published, host_ip, protocol, mode, name, app_protocol)`,
      );
  const targetEntry = map.entries.find((e) => e.key === 'target');
  if (targetEntry === undefined) return fail('invalid-value', map.at, 'a port in the long form needs a target');
  const targetText = scalarText(targetEntry.value);
  if (targetText === undefined) return fail('wrong-type', targetEntry.value.at, 'ports.target must be an integer');
  const target = portNumber(targetText);
  if (!target.ok) return fail('invalid-value', targetEntry.value.at, `invalid target port: ${target.message}`);

  const spec: { -readonly [K in keyof PortSpec]: PortSpec[K] } = {
    target: target.value,
    protocol: 'tcp',
    mode: 'ingress',
    at: map.at,
  };
  const publishedEntry = map.entries.find((e) => e.key === 'published');
  if (
    publishedEntry !== undefined &&
    !(publishedEntry.value.kind === 'scalar' && publishedEntry.value.value === null)
  ) {
    const text = scalarText(publishedEntry.value);
    if (text === undefined)
      return fail('wrong-type', publishedEntry.value.at, 'ports.published must be an integer or a string');
    if (text !== '') {
      const range = portRange(text);
      if (!range.ok) return fail('invalid-value', publishedEntry.value.at, `invalid published port: ${range.message}`);
      spec.published = range.value[0];
      if (range.value[1] !== range.value[0]) spec.publishedEnd = range.value[1];
    }
  }
  const hostIp = stringField(map, 'host_ip');
  if (hostIp !== undefined && hostIp.text !== '') {
    const ip = hostAddress(hostIp.text);
    if (!ip.ok) return fail('invalid-value', hostIp.at, ip.message);
    spec.hostIp = ip.value;
  }
  const protocol = stringField(map, 'protocol');
  if (protocol !== undefined && protocol.text !== '') {
    const p = protocolOf(protocol.text);
    if (!p.ok) return fail('invalid-value', protocol.at, `${p.message} (tcp, udp or sctp)`);
    spec.protocol = p.value;
  }
  const mode = stringField(map, 'mode');
  if (mode !== undefined && mode.text !== '') {
    if (mode.text !== 'ingress' && mode.text !== 'host')
      return fail('invalid-value', mode.at, `invalid port mode ${JSON.stringify(mode.text)} (ingress or host)`);
    spec.mode = mode.text;
  }
  const name = stringField(map, 'name');
  if (name !== undefined) spec.name = name.text;
  const appProtocol = stringField(map, 'app_protocol');
  if (appProtocol !== undefined) spec.appProtocol = appProtocol.text;
  return spec;
}

/**
 * A service's `ports:` (the node under the key, or undefined when there is none) as the ports it
 * publishes, one per container port, in order. An entry compose refuses is an `invalid-value`
 * (or `wrong-type`) error at that entry.
 */
export function parsePorts(node: CNode | undefined): ImportOutcome<readonly PortSpec[]> {
  if (node === undefined || (node.kind === 'scalar' && node.value === null))
    return { ok: true, value: [], warnings: [] };
  try {
    if (node.kind !== 'seq') fail('wrong-type', node.at, 'ports must be a list');
    const out: PortSpec[] = [];
    for (const item of node.items) {
      if (item.kind === 'map') out.push(longPort(item));
      else {
        const text = scalarText(item);
        if (text === undefined)
          fail('wrong-type', item.at, 'a port must be an integer, a string such as "8080:80", or a map');
        const parsed = parseShortPort(text, item.at);
        if (!parsed.ok) fail('invalid-value', item.at, `invalid port ${JSON.stringify(text)}: ${parsed.message}`);
        for (const spec of parsed.value) out.push(spec);
      }
      if (out.length > MAX_EXPANDED_PORTS)
        fail('invalid-value', item.at, `the port ranges expand to more than ${MAX_EXPANDED_PORTS} ports`);
    }
    return { ok: true, value: out, warnings: [] };
  } catch (error) {
    if (error instanceof PortError) return { ok: false, problems: [error.problem] };
    throw error;
  }
}
