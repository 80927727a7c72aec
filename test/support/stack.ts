/**
 * Reads an exported stack the way the operator's tools will — docker-compose.yml interpolated
 * from .env, sentinel.conf, the proxy configurations — and says where it does not connect:
 * a connection URI naming no service (or the wrong one, port, scheme, account), a database or
 * Redis nothing reaches, a host port bound twice, a proxy upstream nothing listens on.
 *
 * Everything is judged from the files. The drawing is consulted only where no file states a
 * fact: which ports nextAuth's own images listen on (the catalog's `portNumber`), which hosts
 * are servers the customer runs (`properties.host` of an external component), and which
 * connections were drawn (links), for the "connects exactly as drawn" check.
 */
import { parse } from 'yaml';
import { getKind, portNumber } from '../../shared/catalog/index';
import type { Component, Project } from '../../shared/model/types';
import { interpolateTree, InterpolationError, parseDotenv } from './compose-env';

export interface StackFile {
  readonly path: string;
  readonly contents: string;
}

/** One finding: which check, what is wrong, and where (for an excerpt in the failure message). */
export interface Violation {
  readonly check: string;
  readonly message: string;
  readonly file?: string;
  /** 0-based line in `file`. */
  readonly line?: number;
}

export type Role =
  | 'mysql'
  | 'mariadb'
  | 'postgres'
  | 'redis'
  | 'sentinel'
  | 'nginx'
  | 'haproxy'
  | 'caddy'
  | 'traefik'
  | 'nextauth-image'
  | 'unknown';

export interface PortMapping {
  readonly host?: number;
  /** The host address bound (IPv6 without brackets); '' for every address. */
  readonly ip?: string;
  readonly container: number;
  readonly protocol: string;
  readonly raw: string;
}

/**
 * Whether two bindings of one host port take the same socket: either binds every address, or
 * they name the same address, or one is the wildcard of the other's family (`0.0.0.0` covers
 * every IPv4 address, `::` every IPv6 one — Docker binds them as two sockets, so `0.0.0.0:443`
 * beside `[::]:443` is one port on both families, not a clash).
 */
export function bindingsOverlap(a: string, b: string): boolean {
  if (a === '' || b === '' || a === b) return true;
  const v6 = (ip: string) => ip.includes(':');
  return (a === '0.0.0.0' && !v6(b)) || (b === '0.0.0.0' && !v6(a)) || (a === '::' && v6(b)) || (b === '::' && v6(a));
}

export interface Mount {
  readonly source: string;
  readonly target: string;
}

export interface StackService {
  readonly name: string;
  readonly image: string;
  readonly role: Role;
  /** Every word of `command`, shell strings split too (for flag scanning). */
  readonly command: readonly string[];
  readonly environment: ReadonlyMap<string, string>;
  readonly ports: readonly PortMapping[];
  readonly replicas: number;
  readonly networks: readonly string[];
  readonly mounts: readonly Mount[];
  /** Every word of the healthcheck test. */
  readonly healthcheck: readonly string[];
}

export interface Stack {
  readonly files: ReadonlyMap<string, string>;
  readonly env: ReadonlyMap<string, string>;
  readonly services: ReadonlyMap<string, StackService>;
  readonly networks: ReadonlyMap<string, { readonly internal: boolean }>;
  /** Problems reading the files themselves (missing variables, unreadable lines). */
  readonly problems: readonly Violation[];
}

export const COMPOSE = 'docker-compose.yml';

const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== '');

/** A shell-like split that keeps quoted parts together (enough for compose's string `command:`). */
function shellWords(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const tokensOf = (node: unknown): string[] =>
  typeof node === 'string'
    ? shellWords(node)
    : Array.isArray(node)
      ? node.flatMap((x) => (typeof x === 'string' ? shellWords(x) : typeof x === 'number' ? [String(x)] : []))
      : [];

/** `mysql:8.4` → mysql; `registry.example.com:5000/nextauth/nextauth:1.10` → nextauth. */
export function imageName(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  return last.split(':')[0]!.toLowerCase();
}

function roleOf(image: string, command: readonly string[]): Role {
  const name = imageName(image);
  switch (name) {
    case 'mysql':
    case 'mariadb':
    case 'postgres':
    case 'nginx':
    case 'haproxy':
    case 'caddy':
    case 'traefik':
      return name;
    case 'redis':
    case 'valkey':
      return command.some((w) => /(^|\/)redis-sentinel$/.test(w) || w === '--sentinel') ? 'sentinel' : 'redis';
    case 'nextauth':
    case 'nextauth-mgmt':
    case 'nextauth-portmap':
      return 'nextauth-image';
    default:
      return 'unknown';
  }
}

function portMappings(node: unknown): PortMapping[] {
  if (!Array.isArray(node)) return [];
  const out: PortMapping[] = [];
  for (const p of node) {
    if (typeof p === 'number') out.push({ container: p, protocol: 'tcp', raw: String(p) });
    else if (typeof p === 'string') {
      const [spec, protocol = 'tcp'] = p.split('/') as [string, string?];
      const parts = spec.split(':');
      const container = Number(parts[parts.length - 1]);
      const host = parts.length >= 2 ? parts[parts.length - 2]! : undefined;
      // `[::]:443:443`, `127.0.0.1:443:443`, `::1:443:443` (docker-compose 1.x prints IPv6 bare).
      const ip = parts
        .slice(0, -2)
        .join(':')
        .replace(/^\[(.*)\]$/, '$1');
      if (host !== undefined && host.includes('-')) {
        // A range `8000-8002:80` binds each host port of the range.
        const [lo, hi] = host.split('-').map(Number) as [number, number];
        for (let h = lo; h <= hi; h++) out.push({ host: h, ip, container, protocol, raw: p });
      } else {
        out.push({
          ...(host !== undefined && host !== '' ? { host: Number(host) } : {}),
          ip,
          container,
          protocol,
          raw: p,
        });
      }
    } else if (p !== null && typeof p === 'object') {
      const o = p as { target?: unknown; published?: unknown; protocol?: unknown; host_ip?: unknown };
      out.push({
        ...(o.published !== undefined ? { host: Number(o.published) } : {}),
        ip: typeof o.host_ip === 'string' ? o.host_ip : '',
        container: Number(o.target),
        protocol: typeof o.protocol === 'string' ? o.protocol : 'tcp',
        raw: JSON.stringify(p),
      });
    }
  }
  return out;
}

function environmentOf(node: unknown): Map<string, string> {
  const env = new Map<string, string>();
  if (Array.isArray(node)) {
    for (const item of node) {
      const s = String(item);
      const i = s.indexOf('=');
      if (i > 0) env.set(s.slice(0, i), s.slice(i + 1));
    }
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) env.set(k, v === null || v === undefined ? '' : String(v));
  }
  return env;
}

function mountsOf(node: unknown): Mount[] {
  if (!Array.isArray(node)) return [];
  return node.flatMap((v): Mount[] => {
    if (typeof v === 'string') {
      const [source, target] = v.split(':');
      return target === undefined ? [] : [{ source: source!, target }];
    }
    if (v !== null && typeof v === 'object') {
      const o = v as { source?: unknown; target?: unknown };
      return typeof o.source === 'string' && typeof o.target === 'string'
        ? [{ source: o.source, target: o.target }]
        : [];
    }
    return [];
  });
}

/** The exported files, docker-compose.yml interpolated with .env as compose does it. */
export function readStack(files: readonly StackFile[]): Stack {
  const byPath = new Map(files.map((f) => [f.path, f.contents]));
  const problems: Violation[] = [];
  const dotenv = parseDotenv(byPath.get('.env') ?? '');
  for (const name of dotenv.duplicates)
    problems.push({ check: 'dotenv', message: `${name} is defined twice in .env`, file: '.env' });
  for (const line of dotenv.invalid)
    problems.push({
      check: 'dotenv',
      message: `compose cannot read the .env line ${JSON.stringify(line)}`,
      file: '.env',
    });
  const text = byPath.get(COMPOSE);
  if (text === undefined) {
    problems.push({ check: 'files', message: `no ${COMPOSE} among ${[...byPath.keys()].join(', ')}` });
    return { files: byPath, env: dotenv.vars, services: new Map(), networks: new Map(), problems };
  }
  const missing = new Set<string>();
  let doc: { services?: Record<string, Record<string, unknown>>; networks?: Record<string, unknown> };
  try {
    doc = interpolateTree(parse(text), dotenv.vars, missing) as typeof doc;
  } catch (error) {
    const message = error instanceof InterpolationError ? error.message : `cannot parse: ${String(error)}`;
    problems.push({ check: 'interpolation', message, file: COMPOSE });
    return { files: byPath, env: dotenv.vars, services: new Map(), networks: new Map(), problems };
  }
  for (const name of missing) {
    problems.push({
      check: 'interpolation',
      message: `\${${name}} is used in ${COMPOSE} but .env does not define it (compose substitutes an empty string)`,
      file: COMPOSE,
      ...lineOf(text, (l) => l.includes(`\${${name}`)),
    });
  }
  const services = new Map<string, StackService>();
  for (const [name, s] of Object.entries(doc.services ?? {})) {
    const image = typeof s.image === 'string' ? s.image : '';
    const command = tokensOf(s.command);
    const health = (s.healthcheck as { test?: unknown } | undefined)?.test;
    const deploy = s.deploy as { replicas?: unknown } | undefined;
    const nets = s.networks;
    services.set(name, {
      name,
      image,
      role: roleOf(image, command),
      command,
      environment: environmentOf(s.environment),
      ports: portMappings(s.ports),
      replicas: typeof deploy?.replicas === 'number' ? deploy.replicas : 1,
      networks: Array.isArray(nets)
        ? nets.map(String)
        : nets !== null && typeof nets === 'object'
          ? Object.keys(nets)
          : ['default'],
      mounts: mountsOf(s.volumes),
      healthcheck: tokensOf(health),
    });
  }
  const networks = new Map<string, { internal: boolean }>();
  for (const [name, n] of Object.entries(doc.networks ?? {})) {
    networks.set(name, { internal: (n as { internal?: unknown } | null)?.internal === true });
  }
  if (!networks.has('default')) networks.set('default', { internal: false });
  return { files: byPath, env: dotenv.vars, services, networks, problems };
}

// ---------------------------------------------------------------------------------------------
// Where a line is, for excerpts

export function lineOf(text: string, test: (line: string) => boolean, from = 0): { line?: number } {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (test(lines[i]!)) return { line: i };
  return {};
}

/** The line of `key:` inside service `service` of docker-compose.yml. */
export function composeLine(stack: Stack, service: string, key?: string): { line?: number } {
  const text = stack.files.get(COMPOSE) ?? '';
  const start = lineOf(text, (l) => l === `  ${service}:` || l === `  "${service}":`).line;
  if (start === undefined || key === undefined) return start === undefined ? {} : { line: start };
  const lines = text.split('\n');
  for (let i = start + 1; i < lines.length && !/^ {0,2}\S/.test(lines[i]!); i++) {
    if (lines[i]!.includes(key)) return { line: i };
  }
  return { line: start };
}

/** `file` lines around `line`, numbered, for a failure message. */
export function excerpt(stack: Stack, file: string, line: number | undefined, context = 3): string {
  const text = stack.files.get(file);
  if (text === undefined) return `(${file}: not exported)`;
  const lines = text.split('\n');
  const at = line ?? 0;
  const from = Math.max(0, at - context);
  const to = Math.min(lines.length, line === undefined ? 12 : at + context + 1);
  return lines
    .slice(from, to)
    .map((l, i) => `${from + i === line ? '>' : ' '}${String(from + i + 1).padStart(4)} | ${l}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Configuration files a service reads

/** Exported files a service mounts, by container path. */
function mountedFiles(stack: Stack, s: StackService): { path: string; target: string }[] {
  return s.mounts
    .filter((m) => m.source.startsWith('./') && stack.files.has(m.source.slice(2)))
    .map((m) => ({ path: m.source.slice(2), target: m.target }));
}

/** The exported config file the service's command names (redis-server FILE, redis-sentinel FILE, cp FILE …). */
function commandConfig(stack: Stack, s: StackService): string | undefined {
  return mountedFiles(stack, s).find((f) => s.command.includes(f.target))?.path;
}

interface RedisConf {
  readonly port?: number;
  readonly monitors: readonly { master: string; host: string; port: number; line: number }[];
  readonly resolveHostnames: boolean;
}

function readRedisConf(text: string): RedisConf {
  let port: number | undefined;
  const monitors: { master: string; host: string; port: number; line: number }[] = [];
  let resolveHostnames = false;
  text.split('\n').forEach((raw, line) => {
    const w = words(raw.replace(/#.*$/, ''));
    if (w[0] === 'port' && w[1] !== undefined) port = Number(w[1]);
    if (w[0] === 'sentinel' && w[1] === 'monitor' && w.length >= 6)
      monitors.push({ master: w[2]!, host: w[3]!.toLowerCase(), port: Number(w[4]), line });
    if (w[0] === 'sentinel' && w[1] === 'resolve-hostnames' && w[2] === 'yes') resolveHostnames = true;
  });
  return { ...(port !== undefined ? { port } : {}), monitors, resolveHostnames };
}

/** sentinel.conf of a Sentinel service (the file its command copies or reads), if any. */
export function sentinelConf(stack: Stack, s: StackService): { path: string; conf: RedisConf } | undefined {
  const path = commandConfig(stack, s);
  return path === undefined ? undefined : { path, conf: readRedisConf(stack.files.get(path)!) };
}

// ---------------------------------------------------------------------------------------------
// Listening ports

export interface Listening {
  readonly ports: readonly number[];
  /** Where the number comes from, for messages. */
  readonly how: string;
}

/** A numeric option of a command line: `--port=N`, `--port N`, `-p N`, `-pN`. */
function flag(tokens: readonly string[], long: readonly string[], short: readonly string[]): number | undefined {
  let found: number | undefined;
  tokens.forEach((t, i) => {
    for (const l of long) {
      if (t === l && tokens[i + 1] !== undefined) found = Number(tokens[i + 1]);
      else if (t.startsWith(`${l}=`)) found = Number(t.slice(l.length + 1));
    }
    for (const s of short) {
      if (t === s && tokens[i + 1] !== undefined) found = Number(tokens[i + 1]);
      else if (t.startsWith(s) && /^\d+$/.test(t.slice(s.length))) found = Number(t.slice(s.length));
    }
  });
  return found;
}

const IMAGE_DEFAULT: Partial<Record<Role, number>> = {
  mysql: 3306,
  mariadb: 3306,
  postgres: 5432,
  redis: 6379,
  sentinel: 26379,
};

const componentOf = (project: Project, service: string): Component | undefined =>
  project.components.find((c) => c.id === service);

/**
 * The ports a service's container listens on, from the files where they say it (command-line
 * flags, sentinel.conf / redis.conf, the proxy configuration), else the image's default; for
 * nextAuth's own images, which no file describes, the drawing's port numbers.
 */
export function listening(stack: Stack, s: StackService, project: Project): Listening {
  const t = s.command;
  switch (s.role) {
    case 'mysql':
    case 'mariadb': {
      const p = flag(t, ['--port'], ['-P']);
      return p !== undefined
        ? { ports: [p], how: `command --port ${p}` }
        : { ports: [3306], how: 'image default 3306' };
    }
    case 'postgres': {
      let p = flag(t, ['--port'], ['-p']);
      const c = t.findIndex((w, i) => (w === '-c' && /^port=\d+$/.test(t[i + 1] ?? '')) || /^-cport=\d+$/.test(w));
      if (c >= 0) p = Number((t[c] === '-c' ? t[c + 1]! : t[c]!).split('=')[1]);
      return p !== undefined ? { ports: [p], how: `command port ${p}` } : { ports: [5432], how: 'image default 5432' };
    }
    case 'redis':
    case 'sentinel': {
      const conf = commandConfig(stack, s);
      const fromConf = conf === undefined ? undefined : readRedisConf(stack.files.get(conf)!).port;
      const fromFlag = flag(t, ['--port'], []);
      if (fromFlag !== undefined) return { ports: [fromFlag], how: `command --port ${fromFlag}` };
      if (fromConf !== undefined) return { ports: [fromConf], how: `${conf} port ${fromConf}` };
      const d = IMAGE_DEFAULT[s.role]!;
      return { ports: [d], how: `image default ${d}` };
    }
    case 'nextauth-image': {
      const c = componentOf(project, s.name);
      if (c === undefined) return { ports: [], how: `no component "${s.name}" in the drawing` };
      const ports = getKind(c.kind)
        .ports.map((p) => portNumber(c, p.name))
        .filter((n): n is number => n !== undefined);
      return { ports, how: `the drawing's ports of ${c.kind} (${ports.join(', ')})` };
    }
    case 'nginx':
    case 'haproxy':
    case 'caddy':
    case 'traefik': {
      const ports = new Set<number>();
      for (const f of mountedFiles(stack, s))
        for (const l of proxyListens(s.role, f.path, stack.files.get(f.path)!)) ports.add(l);
      return { ports: [...ports].sort((a, b) => a - b), how: `its configuration (${[...ports].join(', ') || 'none'})` };
    }
    default:
      return { ports: [], how: `unknown image ${s.image}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Proxy configurations

export interface Upstream {
  readonly file: string;
  readonly line: number;
  readonly scheme?: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly text: string;
}

/** Strips a `#` comment that is not inside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** `http://host:port/path`, `host:port`, `[::1]:port` → scheme, host, port (default by scheme). */
function address(
  text: string,
  defaultPort?: number,
): { scheme?: string; host: string; port: number | undefined } | undefined {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^:/\s]+)(?::(\d+))?(?:\/.*)?$/i.exec(text);
  if (!m) return undefined;
  const scheme = m[1]?.toLowerCase();
  const port =
    m[3] !== undefined
      ? Number(m[3])
      : scheme === 'https'
        ? 443
        : scheme === 'http' || scheme === 'h2c'
          ? 80
          : defaultPort;
  return { ...(scheme !== undefined ? { scheme } : {}), host: m[2]!.toLowerCase(), port };
}

export function nginxUpstreams(file: string, text: string): Upstream[] {
  const lines = text.split('\n').map(stripComment);
  const vars = new Map<string, string[]>();
  const upstreamBlocks = new Map<string, { text: string; line: number }[]>();
  let block: string | undefined;
  let depth = 0;
  lines.forEach((l, line) => {
    const set = /^\s*set\s+\$(\w+)\s+("?)([^";]+)\2\s*;/.exec(l);
    if (set) vars.set(set[1]!, [...(vars.get(set[1]!) ?? []), set[3]!]);
    const up = /^\s*upstream\s+(\S+)\s*\{/.exec(l);
    if (up) {
      block = up[1]!;
      depth = 0;
    }
    if (block !== undefined) {
      const server = /^\s*server\s+(\S+?)\s*(?:\s[^;]*)?;/.exec(l);
      if (server) upstreamBlocks.set(block, [...(upstreamBlocks.get(block) ?? []), { text: server[1]!, line }]);
      depth += (l.match(/\{/g) ?? []).length - (l.match(/\}/g) ?? []).length;
      if (depth <= 0 && !up) block = undefined;
    }
  });
  const out: Upstream[] = [];
  lines.forEach((l, line) => {
    const pass = /^\s*(?:proxy_pass|grpc_pass)\s+(\S+?)\s*;/.exec(l);
    if (!pass) return;
    const targets = pass[1]!.startsWith('$') ? (vars.get(pass[1]!.slice(1)) ?? [pass[1]!]) : [pass[1]!];
    for (const t of targets) {
      const a = address(t);
      if (a === undefined) {
        out.push({ file, line, host: t, port: undefined, text: t });
        continue;
      }
      const servers = upstreamBlocks.get(a.host);
      if (servers) {
        for (const s of servers) {
          const b = address(s.text, 80);
          out.push({ file, line: s.line, host: b?.host ?? s.text, port: b?.port, text: s.text });
        }
      } else out.push({ file, line, ...a, text: t });
    }
  });
  return out;
}

export function haproxyUpstreams(file: string, text: string): Upstream[] {
  const out: Upstream[] = [];
  text.split('\n').forEach((raw, line) => {
    const w = words(stripComment(raw));
    const addr = w[0] === 'server' ? w[2] : w[0] === 'server-template' ? w[3] : undefined;
    if (addr === undefined) return;
    const a = address(addr);
    out.push({ file, line, host: a?.host ?? addr, port: a?.port, text: addr });
  });
  return out;
}

export function caddyUpstreams(file: string, text: string): Upstream[] {
  const out: Upstream[] = [];
  const lines = text.split('\n').map(stripComment);
  let dynamic: { line: number; name?: string; port?: number } | undefined;
  let inProxy = 0;
  lines.forEach((l, line) => {
    const w = words(l);
    if (dynamic) {
      if (w[0] === 'name') dynamic.name = w[1];
      if (w[0] === 'port') dynamic.port = Number(w[1]);
      if (w[0] === '}') {
        out.push({
          file,
          line: dynamic.line,
          host: (dynamic.name ?? '').toLowerCase(),
          port: dynamic.port,
          text: `dynamic a ${dynamic.name}:${dynamic.port}`,
        });
        dynamic = undefined;
      }
      return;
    }
    if (w[0] === 'dynamic' && w[1] === 'a') {
      if (w[2] === '{') dynamic = { line };
      else out.push({ file, line, host: (w[2] ?? '').toLowerCase(), port: Number(w[3]), text: l.trim() });
      return;
    }
    if (w[0] === 'reverse_proxy') {
      for (const t of w.slice(1)) {
        if (t === '{') {
          inProxy = 1;
          break;
        }
        if (/^[@/*]/.test(t)) continue;
        const a = address(t, 80);
        out.push({ file, line, ...(a ?? { host: t, port: undefined }), text: t });
      }
      return;
    }
    if (inProxy > 0) {
      if (w[0] === 'to') {
        for (const t of w.slice(1)) {
          const a = address(t, 80);
          out.push({ file, line, ...(a ?? { host: t, port: undefined }), text: t });
        }
      }
      inProxy += (l.match(/\{/g) ?? []).length - (l.match(/\}/g) ?? []).length;
    }
  });
  return out;
}

export function traefikUpstreams(file: string, text: string): Upstream[] {
  const doc = parse(text) as {
    http?: { services?: Record<string, { loadBalancer?: { servers?: { url?: string }[] } }> };
    tcp?: { services?: Record<string, { loadBalancer?: { servers?: { address?: string }[] } }> };
  } | null;
  const out: Upstream[] = [];
  const lines = text.split('\n');
  const at = (needle: string) =>
    Math.max(
      0,
      lines.findIndex((l) => l.includes(needle)),
    );
  for (const svc of Object.values(doc?.http?.services ?? {}))
    for (const s of svc.loadBalancer?.servers ?? []) {
      const a = s.url === undefined ? undefined : address(s.url);
      out.push({
        file,
        line: at(s.url ?? ''),
        ...(a ?? { host: String(s.url), port: undefined }),
        text: String(s.url),
      });
    }
  for (const svc of Object.values(doc?.tcp?.services ?? {}))
    for (const s of svc.loadBalancer?.servers ?? []) {
      const a = s.address === undefined ? undefined : address(s.address);
      out.push({
        file,
        line: at(s.address ?? ''),
        ...(a ?? { host: String(s.address), port: undefined }),
        text: String(s.address),
      });
    }
  return out;
}

export function proxyUpstreams(role: Role, file: string, text: string): Upstream[] {
  switch (role) {
    case 'nginx':
      return nginxUpstreams(file, text);
    case 'haproxy':
      return haproxyUpstreams(file, text);
    case 'caddy':
      return caddyUpstreams(file, text);
    case 'traefik':
      return traefikUpstreams(file, text);
    default:
      return [];
  }
}

/** The ports a proxy configuration listens on inside its container. */
export function proxyListens(role: Role, _file: string, text: string): number[] {
  const ports: number[] = [];
  const lines = text.split('\n').map(stripComment);
  switch (role) {
    case 'nginx':
      for (const l of lines) {
        const m = /^\s*listen\s+(\S+?)[\s;]/.exec(l);
        if (m && !m[1]!.startsWith('unix:')) ports.push(Number(m[1]!.split(':').pop()));
      }
      break;
    case 'haproxy':
      for (const l of lines) {
        const w = words(l);
        if (w[0] === 'bind' && w[1] !== undefined) ports.push(Number(w[1].split(':').pop()));
      }
      break;
    case 'caddy': {
      let http = 80;
      let https = 443;
      let depth = 0;
      const sites: string[] = [];
      for (const l of lines) {
        const w = words(l);
        if (depth === 1 && w[0] === 'http_port') http = Number(w[1]);
        if (depth === 1 && w[0] === 'https_port') https = Number(w[1]);
        if (depth === 0 && w.length > 0 && w[w.length - 1] === '{' && w.length > 1) sites.push(...w.slice(0, -1));
        depth += (l.match(/\{/g) ?? []).length - (l.match(/\}/g) ?? []).length;
      }
      for (const site of sites.flatMap((s) => s.split(',')).filter((s) => s !== '')) {
        const m = /^(?:(https?):\/\/)?[^:/]*(?::(\d+))?/.exec(site)!;
        ports.push(m[2] !== undefined ? Number(m[2]) : m[1] === 'http' ? http : https);
      }
      break;
    }
    case 'traefik': {
      const doc = parse(text) as { entryPoints?: Record<string, { address?: string }> } | null;
      for (const e of Object.values(doc?.entryPoints ?? {}))
        if (typeof e.address === 'string') ports.push(Number(e.address.split(':').pop()!.split('/')[0]));
      break;
    }
    default:
      break;
  }
  return ports.filter((p) => Number.isInteger(p) && p > 0);
}

// ---------------------------------------------------------------------------------------------
// Connection URIs

export const URI_SCHEMES = ['mysql', 'postgres', 'postgresql', 'redis', 'rediss', 'redis-sentinel'] as const;
const SCHEME_PORT: Readonly<Record<string, number>> = {
  mysql: 3306,
  postgres: 5432,
  postgresql: 5432,
  redis: 6379,
  rediss: 6379,
  'redis-sentinel': 26379,
};
const SCHEME_ROLES: Readonly<Record<string, readonly Role[]>> = {
  mysql: ['mysql', 'mariadb'],
  postgres: ['postgres'],
  postgresql: ['postgres'],
  redis: ['redis'],
  rediss: ['redis'],
  'redis-sentinel': ['sentinel'],
};

/** Looks like a connection to a database or Redis (including misspelt schemes, which are reported). */
const CONNECTION_LIKE = /^\s*([a-z][a-z0-9+.-]*):\/\//i;
const isConnectionScheme = (scheme: string) => /sql|redis|postgres|maria/i.test(scheme);

export interface ParsedUri {
  readonly scheme: string;
  readonly user?: string;
  readonly password?: string;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly query: string;
}

export function parseUri(value: string): ParsedUri | undefined {
  const m =
    /^([a-z][a-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]+\]|[^:/?#@]+)(?::(\d{1,5}))?(?:\/([^?#]*))?(?:\?([^#]*))?$/i.exec(
      value,
    );
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const port = m[5] !== undefined ? Number(m[5]) : SCHEME_PORT[scheme];
  if (port === undefined) return undefined;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return {
    scheme,
    ...(m[2] !== undefined ? { user: decode(m[2]) } : {}),
    ...(m[3] !== undefined ? { password: decode(m[3]) } : {}),
    host: m[4]!.toLowerCase(),
    port,
    path: decode(m[6] ?? ''),
    query: m[7] ?? '',
  };
}

export interface FoundUri {
  readonly service: string;
  readonly variable: string;
  readonly value: string;
  readonly uri?: ParsedUri;
}

export function connectionUris(stack: Stack): FoundUri[] {
  const out: FoundUri[] = [];
  for (const s of stack.services.values())
    for (const [variable, value] of s.environment) {
      const m = CONNECTION_LIKE.exec(value);
      if (!m || !isConnectionScheme(m[1]!)) continue;
      const uri = parseUri(value);
      out.push({ service: s.name, variable, value, ...(uri ? { uri } : {}) });
    }
  return out;
}

/** The database account variables of an image (MariaDB also reads the MYSQL_ names). */
function accountOf(target: StackService): { user?: string; password?: string; database?: string; root?: string } {
  const get = (suffix: string): string | undefined => {
    const names =
      target.role === 'mariadb'
        ? [`MARIADB_${suffix}`, `MYSQL_${suffix}`]
        : target.role === 'mysql'
          ? [`MYSQL_${suffix}`]
          : [];
    for (const n of names) if (target.environment.has(n)) return target.environment.get(n);
    return undefined;
  };
  if (target.role === 'postgres') {
    const env = target.environment;
    const user = env.get('POSTGRES_USER') || 'postgres';
    return {
      user,
      ...(env.has('POSTGRES_PASSWORD') ? { password: env.get('POSTGRES_PASSWORD')! } : {}),
      database: env.get('POSTGRES_DB') || user,
    };
  }
  const user = get('USER');
  const password = get('PASSWORD');
  const database = get('DATABASE');
  const root = get('ROOT_PASSWORD');
  return {
    ...(user ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(database ? { database } : {}),
    ...(root !== undefined ? { root } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The checks

const externalHosts = (project: Project): Map<string, Component> =>
  new Map(
    project.components
      .filter((c) => c.properties.external === true && typeof c.properties.host === 'string')
      .map((c) => [String(c.properties.host).toLowerCase(), c]),
  );

/** The port name of an external component a scheme reaches. */
const EXTERNAL_PORT: Readonly<Record<string, { kind: Component['kind']; port: string; flavours?: readonly string[] }>> =
  {
    mysql: { kind: 'database', port: 'db', flavours: ['mysql', 'mariadb'] },
    postgres: { kind: 'database', port: 'db', flavours: ['postgres'] },
    postgresql: { kind: 'database', port: 'db', flavours: ['postgres'] },
    redis: { kind: 'redis', port: 'redis' },
    rediss: { kind: 'redis', port: 'redis' },
    'redis-sentinel': { kind: 'redis-sentinel', port: 'sentinel' },
  };

const shareNetwork = (a: StackService, b: StackService) => a.networks.some((n) => b.networks.includes(n));

/**
 * Everything in the exported stack that does not connect. Empty means: every connection URI
 * reaches a service (or declared external host) on a port it listens on with the right account,
 * every database and Redis is reached, no host port is bound twice, every proxy upstream is a
 * service on a port it listens on — and the connections are the ones drawn.
 */
export function coherenceViolations(stack: Stack, project: Project, tally?: Map<string, number>): Violation[] {
  const out: Violation[] = [...stack.problems];
  /** What was checked and found in order, so a caller can tell a pass from a check that saw nothing. */
  const count = (what: string) => tally?.set(what, (tally.get(what) ?? 0) + 1);
  const service = (host: string) => [...stack.services.values()].find((s) => s.name.toLowerCase() === host);
  const externals = externalHosts(project);
  const listen = new Map<string, Listening>();
  const listeningOf = (s: StackService) => {
    let l = listen.get(s.name);
    if (l === undefined) listen.set(s.name, (l = listening(stack, s, project)));
    return l;
  };

  // 1. Connection URIs.
  /** Services a URI (or a Sentinel monitor line behind one) really reaches. */
  const reached = new Set<string>();
  const reachedExternal = new Set<string>();
  const reachedSentinels: { sentinel: StackService; master: string }[] = [];
  const resolved = new Map<FoundUri, string>();
  for (const found of connectionUris(stack)) {
    const where = { file: COMPOSE, ...composeLine(stack, found.service, `${found.variable}:`) };
    const source = stack.services.get(found.service)!;
    const say = (message: string) =>
      out.push({
        check: 'uri',
        message: `${found.variable} of ${found.service} = ${found.value}: ${message}`,
        ...where,
      });
    const uri = found.uri;
    if (uri === undefined) {
      say('not a connection URI this checker (or a driver) can read');
      continue;
    }
    if (!(URI_SCHEMES as readonly string[]).includes(uri.scheme)) {
      say(`the scheme ${uri.scheme}:// is none of ${URI_SCHEMES.join(', ')}`);
      continue;
    }
    const target = service(uri.host);
    const external = externals.get(uri.host);
    if (target === undefined && external === undefined) {
      say(`the host "${uri.host}" is no compose service and no declared external host`);
      continue;
    }
    if (target !== undefined) {
      const roles = SCHEME_ROLES[uri.scheme]!;
      if (!roles.includes(target.role)) {
        say(
          `${uri.scheme}:// names ${target.name}, which runs ${target.image} (${target.role}), not ${roles.join(' or ')}`,
        );
        continue;
      }
      const l = listeningOf(target);
      if (!l.ports.includes(uri.port)) {
        say(`port ${uri.port}, but ${target.name} listens on ${l.how}`);
        continue;
      }
      if (uri.scheme === 'rediss' && !target.command.some((w) => w.startsWith('--tls-port'))) {
        say(`rediss:// (TLS), but ${target.name} serves no TLS (no --tls-port)`);
        continue;
      }
      if (!shareNetwork(source, target)) {
        say(
          `${found.service} (${source.networks.join(', ')}) and ${target.name} (${target.networks.join(', ')}) share no network`,
        );
        continue;
      }
      if (target.role === 'mysql' || target.role === 'mariadb' || target.role === 'postgres') {
        const account = accountOf(target);
        const user = uri.user ?? '';
        const root = user === 'root' && target.role !== 'postgres';
        const password = root ? account.root : account.password;
        const which = root ? 'root password' : 'password';
        if (!root && account.user === undefined) say(`${target.name} creates no account (no user variable)`);
        else if (!root && user !== account.user) say(`user "${user}", but ${target.name} creates "${account.user}"`);
        else if (password === undefined) say(`${target.name} sets no ${which} variable`);
        else if ((uri.password ?? '') !== password)
          say(`the password in the URI is not the ${which} of ${target.name} (after .env interpolation)`);
        else if (account.database === undefined) say(`${target.name} creates no database (no database variable)`);
        else if (uri.path !== account.database)
          say(`database "${uri.path}", but ${target.name} creates "${account.database}"`);
        else {
          reached.add(target.name);
          count(`account:${target.role}`);
        }
      } else reached.add(target.name);
      count(`uri:${uri.scheme}`);
      if (l.ports.some((p) => p !== IMAGE_DEFAULT[target.role])) count('uri:moved-port');
      if (target.role === 'sentinel') reachedSentinels.push({ sentinel: target, master: uri.path.split('/')[0]! });
      resolved.set(found, target.name);
    } else if (external !== undefined) {
      const spec = EXTERNAL_PORT[uri.scheme]!;
      const flavourOk = spec.flavours === undefined || spec.flavours.includes(external.flavour ?? 'mysql');
      if (external.kind !== spec.kind || !flavourOk) {
        say(
          `${uri.scheme}:// names ${uri.host}, the declared host of ${external.id} (${external.kind} ${external.flavour ?? ''})`,
        );
        continue;
      }
      const port = portNumber(external, spec.port);
      if (port !== uri.port) {
        say(`port ${uri.port}, but the customer's server ${external.id} is drawn listening on ${port}`);
        continue;
      }
      if (!source.networks.some((n) => stack.networks.get(n)?.internal !== true)) {
        say(
          `${found.service} is on internal networks only (${source.networks.join(', ')}) and cannot reach ${uri.host}`,
        );
        continue;
      }
      reachedExternal.add(external.id);
      count('uri:external');
      resolved.set(found, `external:${external.id}`);
    }
  }

  // 2. Sentinel: the monitor lines, the master names in URIs, the Redis behind a reached Sentinel.
  for (const s of stack.services.values()) {
    if (s.role !== 'sentinel') continue;
    const found = sentinelConf(stack, s);
    if (found === undefined) {
      out.push({
        check: 'sentinel',
        message: `${s.name} runs redis-sentinel, but its command reads no exported sentinel.conf`,
        file: COMPOSE,
        ...composeLine(stack, s.name, 'command'),
      });
      continue;
    }
    for (const m of found.conf.monitors) {
      const where = { file: found.path, line: m.line };
      const redis = service(m.host);
      const isIp = /^[\d.]+$|:/.test(m.host);
      const customer = redis === undefined ? externals.get(m.host) : undefined;
      if (customer !== undefined) {
        // A Redis the customer runs: monitored by its declared host, on its drawn port, from a network with a way out.
        const port = portNumber(customer, 'redis');
        if (customer.kind !== 'redis' || port !== m.port) {
          out.push({
            check: 'sentinel',
            message: `${s.name} monitors ${m.host}:${m.port}, but the customer's server ${customer.id} is a ${customer.kind} drawn on ${port ?? 'no redis port'}`,
            ...where,
          });
        } else if (!s.networks.some((n) => stack.networks.get(n)?.internal !== true)) {
          out.push({
            check: 'sentinel',
            message: `${s.name} is on internal networks only (${s.networks.join(', ')}) and cannot reach ${m.host}`,
            ...where,
          });
        } else {
          count('sentinel:monitor-external');
          if (reachedSentinels.some((r) => r.sentinel === s && r.master === m.master)) reachedExternal.add(customer.id);
        }
        continue;
      }
      if (redis === undefined || redis.role !== 'redis') {
        out.push({
          check: 'sentinel',
          message: `${s.name} monitors ${m.host}:${m.port}, which is no Redis service`,
          ...where,
        });
        continue;
      }
      const l = listeningOf(redis);
      if (!l.ports.includes(m.port)) {
        out.push({
          check: 'sentinel',
          message: `${s.name} monitors ${m.host}:${m.port}, but ${redis.name} listens on ${l.how}`,
          ...where,
        });
        continue;
      }
      if (!isIp && !found.conf.resolveHostnames) {
        out.push({
          check: 'sentinel',
          message: `${s.name} monitors the host name ${m.host} without "sentinel resolve-hostnames yes"`,
          ...where,
        });
        continue;
      }
      if (!shareNetwork(s, redis)) {
        out.push({ check: 'sentinel', message: `${s.name} and ${redis.name} share no network`, ...where });
        continue;
      }
      count('sentinel:monitor');
      if (reachedSentinels.some((r) => r.sentinel === s && r.master === m.master)) reached.add(redis.name);
    }
    for (const r of reachedSentinels) {
      if (r.sentinel !== s || found.conf.monitors.some((m) => m.master === r.master)) continue;
      out.push({
        check: 'sentinel',
        message: `a Sentinel URI asks ${s.name} for the master "${r.master}", which its sentinel.conf does not monitor (${found.conf.monitors.map((m) => m.master).join(', ') || 'none'})`,
        file: found.path,
      });
    }
  }

  // 3. Every database and Redis is reached.
  for (const s of stack.services.values()) {
    if (!['mysql', 'mariadb', 'postgres', 'redis'].includes(s.role) || reached.has(s.name)) continue;
    out.push({
      check: 'reached',
      message: `${s.name} (${s.image}) is in the stack, but no connection URI (nor a Sentinel behind one) reaches it`,
      file: COMPOSE,
      ...composeLine(stack, s.name),
    });
  }
  for (const c of externals.values()) {
    if ((c.kind !== 'database' && c.kind !== 'redis') || reachedExternal.has(c.id)) continue;
    out.push({
      check: 'reached',
      message: `the customer's server ${c.id} (${String(c.properties.host)}) is drawn, but no connection URI reaches it`,
      file: COMPOSE,
    });
  }

  // 4. The connections are the ones drawn.
  const uris = connectionUris(stack);
  for (const c of project.components) {
    if (c.kind !== 'nextauth' || !stack.services.has(c.id)) continue;
    const to = (kinds: readonly string[], port: string) =>
      project.links
        .filter((l) => l.from === c.id && l.port === port)
        .map((l) => project.components.find((x) => x.id === l.to))
        .filter((x): x is Component => x !== undefined && kinds.includes(x.kind));
    const expect = (variable: string, drawn: Component | undefined) => {
      const found = uris.find((u) => u.service === c.id && u.variable === variable);
      const where = { file: COMPOSE, ...composeLine(stack, c.id, `${variable}:`) };
      const key =
        drawn === undefined ? undefined : drawn.properties.external === true ? `external:${drawn.id}` : drawn.id;
      if (drawn === undefined && found !== undefined) {
        out.push({
          check: 'as-drawn',
          message: `${c.id} sets ${variable} = ${found.value}, but the drawing connects it to nothing of that kind`,
          ...where,
        });
      } else if (drawn !== undefined && found === undefined) {
        const raw = stack.services.get(c.id)!.environment.get(variable);
        out.push({
          check: 'as-drawn',
          message: `${c.id} is drawn connected to ${drawn.id}, but its ${variable} is ${raw === undefined ? 'not set' : JSON.stringify(raw)}`,
          ...where,
        });
      } else if (
        found !== undefined &&
        resolved.has(found) &&
        resolved.get(found)!.toLowerCase() !== key!.toLowerCase()
      ) {
        out.push({
          check: 'as-drawn',
          message: `${c.id} is drawn connected to ${drawn!.id}, but ${variable} reaches ${resolved.get(found)}`,
          ...where,
        });
      }
    };
    const dbs = to(['database'], 'db');
    if (dbs.length <= 1) expect('NEXTAUTH_DB_URI', dbs[0]);
    const sentinels = to(['redis-sentinel'], 'sentinel');
    const kv = sentinels.length > 0 ? sentinels : to(['redis'], 'redis');
    if (kv.length <= 1) expect('NEXTAUTH_KV_URI', kv[0]);
  }

  // 5. Host ports bound once (per address: `0.0.0.0` and `::` are one port on both families).
  const bound = new Map<string, { owner: string; ip: string }[]>();
  for (const s of stack.services.values())
    for (const p of s.ports) {
      if (p.host === undefined) continue;
      const key = `${p.host}/${p.protocol}`;
      count('host-port');
      for (let i = 0; i < s.replicas; i++)
        bound.set(key, [
          ...(bound.get(key) ?? []),
          { owner: `${s.name}${s.replicas > 1 ? `#${i + 1}` : ''}`, ip: p.ip ?? '' },
        ]);
    }
  for (const [key, bindings] of bound) {
    const owners = bindings
      .filter((b, i) => bindings.some((o, j) => j !== i && bindingsOverlap(b.ip, o.ip)))
      .map((b) => b.owner);
    if (owners.length < 2) continue;
    const first = owners[0]!.split('#')[0]!;
    out.push({
      check: 'host-port',
      message: `host port ${key} is bound ${owners.length} times: ${owners.join(', ')}`,
      file: COMPOSE,
      ...composeLine(stack, first, `${key.split('/')[0]}:`),
    });
  }

  // 6. Proxy upstreams, and the ports the entry points listen on.
  const proxyFiles = new Set<string>();
  for (const s of stack.services.values()) {
    if (!['nginx', 'haproxy', 'caddy', 'traefik'].includes(s.role)) continue;
    for (const f of mountedFiles(stack, s)) {
      proxyFiles.add(f.path);
      for (const u of proxyUpstreams(s.role, f.path, stack.files.get(f.path)!)) {
        const where = { file: u.file, line: u.line };
        const target = service(u.host);
        if (target === undefined) {
          out.push({
            check: 'upstream',
            message: `${s.name} forwards to ${u.text}: "${u.host}" is no compose service`,
            ...where,
          });
          continue;
        }
        const l = listeningOf(target);
        if (u.port === undefined || !l.ports.includes(u.port)) {
          out.push({
            check: 'upstream',
            message: `${s.name} forwards to ${u.text}, but ${target.name} listens on ${l.how}`,
            ...where,
          });
          continue;
        }
        if (!shareNetwork(s, target))
          out.push({
            check: 'upstream',
            message: `${s.name} forwards to ${target.name}, but they share no network`,
            ...where,
          });
        else count(`upstream:${s.role}`);
      }
    }
  }
  // An entry point in use whose configuration listens on a port compose does not publish, while a port
  // compose publishes reaches nothing it listens on: the published port and the listener were meant to be
  // one (e.g. the HTTP→HTTPS redirect published on 8080 but listening on 80). A published port that merely
  // serves no URL is the drawing's choice and is left alone.
  for (const s of stack.services.values()) {
    const entry =
      ['nginx', 'haproxy', 'caddy', 'traefik'].includes(s.role) ||
      componentOf(project, s.name)?.kind === 'nextauth-portmap';
    if (!entry) continue;
    const l = listeningOf(s);
    const unpublished = l.ports.filter((port) => !s.ports.some((p) => p.container === port));
    // An entry point none of whose published ports is listened on serves no URL at all (no routes): left alone.
    const serving = s.ports.some((p) => l.ports.includes(p.container));
    if (unpublished.length === 0 || !serving) continue;
    for (const p of s.ports) {
      if (l.ports.includes(p.container)) continue;
      out.push({
        check: 'entry-listen',
        message: `${s.name} (${s.image}) publishes ${p.raw}, but inside the container it listens on ${l.how}: ${unpublished.join(', ')} unpublished`,
        file: COMPOSE,
        ...composeLine(stack, s.name, p.raw),
      });
    }
  }
  // Any proxy configuration exported but read by no container is a configuration nobody runs.
  for (const path of stack.files.keys()) {
    if (!/(^|\/)(nginx\.conf|haproxy\.cfg|Caddyfile|dynamic\.yml|traefik\.yml)$/.test(path) || proxyFiles.has(path))
      continue;
    out.push({ check: 'upstream', message: `${path} is exported, but no proxy service mounts it`, file: path });
  }

  // 7. One port, one listener: nextAuth's own containers listen where the drawing says, so two of their
  // ports on one number would be two servers on one socket.
  for (const s of stack.services.values()) {
    if (s.role !== 'nextauth-image') continue;
    const c = componentOf(project, s.name);
    if (c === undefined) {
      out.push({
        check: 'listen',
        message: `${s.name} runs a nextAuth image, but no component of the drawing is called so`,
        file: COMPOSE,
        ...composeLine(stack, s.name),
      });
      continue;
    }
    const seen = new Map<number, string>();
    for (const p of getKind(c.kind).ports) {
      const n = portNumber(c, p.name);
      if (n === undefined) continue;
      const other = seen.get(n);
      if (other !== undefined)
        out.push({
          check: 'listen',
          message: `${s.name} would listen on ${n} for both ${other} and ${p.name}`,
          file: COMPOSE,
          ...composeLine(stack, s.name),
        });
      seen.set(n, p.name);
    }
  }

  // 8. Health checks probe the port the container listens on (a failing one holds back every depends_on).
  for (const s of stack.services.values()) {
    const t = s.healthcheck;
    let probe: { port: number | undefined; tool: string } | undefined;
    const h = t.findIndex((w) => w === '-h' || w === '--host');
    const host = h >= 0 ? t[h + 1] : t.find((w) => w.startsWith('--host='))?.slice('--host='.length);
    const local = host === undefined || ['127.0.0.1', 'localhost', '::1'].includes(host);
    if (t.includes('redis-cli')) probe = { tool: 'redis-cli', port: flag(t, [], ['-p']) ?? 6379 };
    else if (t.includes('pg_isready')) probe = { tool: 'pg_isready', port: flag(t, ['--port'], ['-p']) ?? 5432 };
    else if ((t.includes('mysqladmin') || t.includes('mariadb-admin')) && t.includes('-h'))
      probe = { tool: 'mysqladmin', port: flag(t, ['--port'], ['-P']) ?? 3306 };
    if (probe === undefined || !local) continue;
    const l = listeningOf(s);
    if (probe.port !== undefined && l.ports.includes(probe.port)) {
      count(`healthcheck:${probe.tool}`);
      continue;
    }
    out.push({
      check: 'healthcheck',
      message: `the healthcheck of ${s.name} probes port ${probe.port} with ${probe.tool}, but the container listens on ${l.how}`,
      file: COMPOSE,
      ...composeLine(stack, s.name, 'healthcheck:'),
    });
  }
  return out;
}
