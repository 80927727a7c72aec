/**
 * Traefik configuration files → imported routes. Each file is a dynamic configuration (the
 * file provider's `http:`, `tcp:`, `tls:`) or a static one (`entryPoints:`, `providers:`, …),
 * told apart by its top-level keys, so `traefik.yml` and `dynamic.yml` can be given together
 * in any order: the static file's entry points give the routers' ports. YAML is read with the
 * project loader's bounds (shared/format/located.ts); keys match without case, as Traefik's
 * configuration decoder matches them. TOML files (by their `.toml` name) are read by ./toml.ts
 * into the same tree.
 * https://doc.traefik.io/traefik/providers/file/, https://doc.traefik.io/traefik/routing/routers/.
 */
import {
  ALIAS_BUDGET,
  AliasLimitError,
  MAX_DEPTH,
  MAX_YAML_TOKENS,
  parseBounded,
  toLocated,
  type Located,
  type LocatedEntry,
} from '../../format/located';
import type { ImportNote, ImportProblem, SourcePos } from '../types';
import { MAX_FILE_BYTES } from './nginx-parse';
import { positionsOf, sortNotes } from './text';
import { parseToml } from './toml';
import {
  routesOf,
  type EntryPoint,
  type Named,
  type TraefikDynamic,
  type TraefikMiddleware,
  type TraefikRouter,
  type TraefikService,
} from './traefik-model';
import { priorityOf } from './traefik-priority';
import { entryPointsOf, type EntryPointSetting } from './traefik-static';
import type { ProxyImportOutcome } from './types';

export interface TraefikFile {
  readonly path: string;
  readonly text: string;
}

export interface TraefikImportOptions {
  /** Entry points known from elsewhere (Traefik's command line in compose); a static file given here adds to them. */
  readonly entryPoints?: ReadonlyMap<string, EntryPoint>;
}

interface Reader {
  readonly file: string;
  readonly text: string;
  readonly pos: (offset: number) => SourcePos;
  readonly notes: ImportNote[];
  readonly problems: ImportProblem[];
}

const entriesOf = (node: Located | undefined): readonly LocatedEntry[] => (node?.type === 'map' ? node.entries : []);
const find = (node: Located | undefined, key: string): LocatedEntry | undefined =>
  entriesOf(node).find((e) => e.key.toLowerCase() === key.toLowerCase());

function scalarText(node: Located | undefined): string | undefined {
  if (node?.type !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

/** A map where one is expected; anything else is a `wrong-type` error at the value. */
function expectMap(r: Reader, entry: LocatedEntry, what: string): Located | undefined {
  if (entry.value.type === 'map') return entry.value;
  if (entry.value.type === 'scalar' && entry.value.value === null) return undefined;
  r.problems.push({
    code: 'wrong-type',
    severity: 'error',
    message: `${what} must be a mapping`,
    at: r.pos(entry.value.offset),
  });
  return undefined;
}

function expectText(r: Reader, entry: LocatedEntry, what: string): string | undefined {
  const text = scalarText(entry.value);
  if (text === undefined) {
    r.problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `${what} must be a text`,
      at: r.pos(entry.value.offset),
    });
  }
  return text;
}

/** A list of names (`entryPoints`, `middlewares`); a single text counts as a list of one. */
function namesOf(r: Reader, entry: LocatedEntry, what: string): Named[] {
  const v = entry.value;
  const items = v.type === 'seq' ? v.items : [v];
  return items.flatMap((item) => {
    const name = scalarText(item);
    if (name !== undefined) return [{ name, at: r.pos(item.offset) }];
    r.problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `${what} must be a list of names`,
      at: r.pos(item.offset),
    });
    return [];
  });
}

const noteKey = (r: Reader, e: LocatedEntry, where: string) =>
  r.notes.push({
    kind: 'not-understood',
    text: `${where === '' ? '' : `${where}.`}${e.key}: not imported`,
    at: r.pos(e.keyOffset),
  });

/**
 * Where each character of a rule was written: exact when the scalar is written as its value
 * (plain, or quoted without escapes), else the scalar's start.
 */
function rulePositions(r: Reader, node: Located, value: string): (offset: number) => SourcePos {
  const quote = r.text[node.offset];
  const start = quote === '"' || quote === "'" ? node.offset + 1 : node.offset;
  const exact = r.text.slice(start, start + value.length) === value;
  return (offset) => r.pos(exact ? start + offset : node.offset);
}

const ROUTER_KEYS = new Set(['rule', 'entrypoints', 'service', 'tls', 'middlewares', 'priority', 'rulesyntax']);

function readRouter(r: Reader, protocol: 'http' | 'tcp', e: LocatedEntry): TraefikRouter | undefined {
  const where = `${protocol}.routers.${e.key}`;
  const body = expectMap(r, e, where);
  if (body === undefined) return undefined;
  let rule: TraefikRouter['rule'];
  let entryPoints: Named[] | undefined;
  let service: Named | undefined;
  let tls: TraefikRouter['tls'];
  let middlewares: Named[] = [];
  let priority: number | undefined;
  for (const f of entriesOf(body)) {
    const key = f.key.toLowerCase();
    if (!ROUTER_KEYS.has(key)) noteKey(r, f, where);
    else if (key === 'rule') {
      const text = expectText(r, f, `${where}.rule`);
      if (text !== undefined) rule = { text, at: r.pos(f.value.offset), posAt: rulePositions(r, f.value, text) };
    } else if (key === 'entrypoints') entryPoints = namesOf(r, f, `${where}.entryPoints`);
    else if (key === 'middlewares') middlewares = namesOf(r, f, `${where}.middlewares`);
    else if (key === 'service') {
      const name = expectText(r, f, `${where}.service`);
      if (name !== undefined) service = { name, at: r.pos(f.value.offset) };
    } else if (key === 'tls') {
      // `tls: {}`, `tls: true` and `tls: { certResolver: … }` all end TLS; `passthrough` (TCP) does not.
      const passthrough = scalarText(find(f.value, 'passthrough')?.value) === 'true';
      const off = scalarText(f.value) === 'false';
      if (!off) tls = { passthrough, at: r.pos(f.keyOffset) };
      for (const t of entriesOf(f.value)) {
        if (t.key.toLowerCase() === 'passthrough') continue;
        r.notes.push({
          kind: 'interpreted',
          text: `${where}.tls.${t.key}: the router ends TLS; where its certificate comes from is not imported`,
          at: r.pos(t.keyOffset),
        });
      }
    } else if (key === 'priority') {
      const text = scalarText(f.value);
      priority = text === undefined ? undefined : priorityOf(text);
      if (priority === undefined) noteKey(r, f, where);
    } else if (key === 'rulesyntax' && scalarText(f.value) !== 'v3') {
      noteKey(r, f, where);
    }
  }
  return {
    protocol,
    name: e.key,
    at: r.pos(e.keyOffset),
    ...(rule ? { rule } : {}),
    ...(entryPoints ? { entryPoints } : {}),
    ...(tls ? { tls } : {}),
    ...(service ? { service } : {}),
    middlewares,
    ...(priority !== undefined ? { priority } : {}),
  };
}

function readService(r: Reader, protocol: 'http' | 'tcp', e: LocatedEntry): TraefikService | undefined {
  const where = `${protocol}.services.${e.key}`;
  const body = expectMap(r, e, where);
  if (body === undefined) return undefined;
  const base = { protocol, name: e.key, at: r.pos(e.keyOffset) };
  const lb = find(body, 'loadBalancer');
  for (const f of entriesOf(body)) if (f !== lb) noteKey(r, f, where);
  if (lb === undefined) {
    const other = entriesOf(body)[0]?.key;
    return { ...base, servers: [], ...(other !== undefined ? { kind: other } : {}) };
  }
  const lbMap = expectMap(r, lb, `${where}.loadBalancer`);
  const servers: TraefikService['servers'][number][] = [];
  let serversTransport: Named | undefined;
  for (const f of entriesOf(lbMap)) {
    const key = f.key.toLowerCase();
    if (key === 'servers' && f.value.type === 'seq') {
      for (const s of f.value.items) {
        const field = find(s, protocol === 'http' ? 'url' : 'address');
        const value = scalarText(field?.value);
        if (value !== undefined && field) servers.push({ value, at: r.pos(field.value.offset) });
        else
          r.problems.push({
            code: 'wrong-type',
            severity: 'error',
            message: `${where}.loadBalancer.servers: each server needs ${protocol === 'http' ? 'a url' : 'an address'}`,
            at: r.pos(s.offset),
          });
        for (const g of entriesOf(s)) if (g !== field) noteKey(r, g, `${where}.loadBalancer.servers[]`);
      }
    } else if (key === 'serverstransport') {
      const name = expectText(r, f, `${where}.loadBalancer.serversTransport`);
      if (name !== undefined) serversTransport = { name, at: r.pos(f.value.offset) };
    } else if (key !== 'passhostheader' || scalarText(f.value) !== 'true') {
      noteKey(r, f, `${where}.loadBalancer`);
    }
  }
  return { ...base, servers, ...(serversTransport ? { serversTransport } : {}) };
}

function readMiddleware(r: Reader, e: LocatedEntry): TraefikMiddleware | undefined {
  const body = expectMap(r, e, `http.middlewares.${e.key}`);
  const kind = entriesOf(body)[0];
  if (kind === undefined) return undefined;
  const base = { name: e.key, at: r.pos(e.keyOffset), type: kind.key };
  if (kind.key.toLowerCase() !== 'redirectscheme') return base;
  const port = scalarText(find(kind.value, 'port')?.value);
  return {
    ...base,
    redirectScheme: {
      scheme: (scalarText(find(kind.value, 'scheme')?.value) ?? '').toLowerCase(),
      ...(port !== undefined && /^[0-9]+$/.test(port) ? { port: Number(port) } : {}),
    },
  };
}

interface Collected {
  readonly routers: TraefikRouter[];
  readonly services: Map<string, TraefikService>;
  readonly middlewares: Map<string, TraefikMiddleware>;
  readonly transports: Map<string, Named>;
  readonly settings: (EntryPointSetting & { name: string })[];
}

const DYNAMIC_KEYS = new Set(['http', 'tcp', 'udp', 'tls']);

function readDynamic(r: Reader, root: Located, into: Collected): void {
  for (const section of entriesOf(root)) {
    const key = section.key.toLowerCase();
    if (key === 'tls') {
      // Certificates are what TLS termination needs and the export writes per host; options and stores are noted.
      for (const f of entriesOf(section.value)) if (f.key.toLowerCase() !== 'certificates') noteKey(r, f, 'tls');
      continue;
    }
    if (key !== 'http' && key !== 'tcp') {
      noteKey(r, section, '');
      continue;
    }
    const protocol = key;
    for (const group of entriesOf(expectMap(r, section, key))) {
      const g = group.key.toLowerCase();
      const items = entriesOf(expectMap(r, group, `${key}.${group.key}`));
      if (g === 'routers') for (const e of items) pushDefined(into.routers, readRouter(r, protocol, e));
      else if (g === 'services')
        for (const e of items) {
          const s = readService(r, protocol, e);
          if (s) into.services.set(`${protocol} ${s.name}`, s);
        }
      else if (g === 'middlewares' && protocol === 'http')
        for (const e of items) {
          const m = readMiddleware(r, e);
          if (m) into.middlewares.set(m.name, m);
        }
      else if (g === 'serverstransports' && protocol === 'http')
        for (const e of items) {
          into.transports.set(e.key, { name: e.key, at: r.pos(e.keyOffset) });
          for (const f of entriesOf(e.value))
            if (f.key.toLowerCase() !== 'insecureskipverify') noteKey(r, f, `http.serversTransports.${e.key}`);
        }
      else noteKey(r, group, key);
    }
  }
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

/** Flattens `entryPoints.<name>` into `key = value` settings, as the command line gives them. */
function readStatic(r: Reader, root: Located, into: Collected): void {
  for (const section of entriesOf(root)) {
    const key = section.key.toLowerCase();
    if (key === 'providers') continue;
    if (key !== 'entrypoints') {
      noteKey(r, section, '');
      continue;
    }
    for (const ep of entriesOf(expectMap(r, section, 'entryPoints'))) {
      const flatten = (node: Located, prefix: string, at: number): void => {
        if (node.type === 'map' && node.entries.length > 0) {
          for (const e of node.entries) flatten(e.value, prefix === '' ? e.key : `${prefix}.${e.key}`, e.keyOffset);
        } else if (node.type === 'seq') {
          node.items.forEach((item, i) => flatten(item, `${prefix}.${i}`, item.offset));
        } else {
          // An empty map (`tls: {}`) switches the setting on, as a bare flag does.
          into.settings.push({ name: ep.key, key: prefix, value: scalarText(node) ?? 'true', at: r.pos(at) });
        }
      };
      flatten(ep.value, '', ep.keyOffset);
    }
  }
}

/** A static or a dynamic configuration, told apart by its top-level keys. */
function readRoot(r: Reader, root: Located, into: Collected): void {
  if (root.type === 'scalar' && root.value === null) return;
  if (root.type !== 'map') {
    r.problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `${r.file}: a Traefik configuration is a mapping`,
      at: r.pos(root.offset),
    });
    return;
  }
  const dynamic = root.entries.some((e) => DYNAMIC_KEYS.has(e.key.toLowerCase()));
  if (dynamic) readDynamic(r, root, into);
  else readStatic(r, root, into);
}

function readToml(file: TraefikFile, into: Collected, notes: ImportNote[], problems: ImportProblem[]): void {
  const pos = positionsOf(file.text, file.path);
  const parsed = parseToml(file.text);
  if (!parsed.ok) {
    problems.push({ code: parsed.code, severity: 'error', message: parsed.message, at: pos(parsed.offset) });
    return;
  }
  readRoot({ file: file.path, text: file.text, pos, notes, problems }, parsed.root, into);
}

function readYaml(file: TraefikFile, into: Collected, notes: ImportNote[], problems: ImportProblem[]): void {
  const pos = positionsOf(file.text, file.path);
  const r: Reader = { file: file.path, text: file.text, pos, notes, problems };
  const parsed = parseBounded(file.text, { maxDepth: MAX_DEPTH, maxTokens: MAX_YAML_TOKENS });
  if (!parsed.ok) {
    problems.push({
      code: parsed.limit,
      severity: 'error',
      message:
        parsed.limit === 'too-deep'
          ? `${file.path} nests deeper than ${MAX_DEPTH} levels`
          : `${file.path} has too many YAML tokens`,
      at: pos(parsed.offset),
    });
    return;
  }
  const first = parsed.doc.errors[0];
  if (first !== undefined) {
    problems.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: first.message.split('\n')[0]!,
      at: pos(first.pos[0]),
    });
    return;
  }
  let root: Located;
  try {
    root = toLocated(parsed.doc, ALIAS_BUDGET);
  } catch (e) {
    if (!(e instanceof AliasLimitError)) throw e;
    problems.push({
      code: e.bound === 'nodes' ? 'alias-limit' : 'too-deep',
      severity: 'error',
      message: e.bound === 'nodes' ? `aliases expand to more than ${ALIAS_BUDGET} nodes` : 'aliases nest too deep',
      at: pos(e.offset),
    });
    return;
  }
  readRoot(r, root, into);
}

/** Reads Traefik's files (static and dynamic, any order) into routes, redirects and notes. */
export function importTraefikFiles(
  files: readonly TraefikFile[],
  options: TraefikImportOptions = {},
): ProxyImportOutcome {
  const notes: ImportNote[] = [];
  const problems: ImportProblem[] = [];
  const into: Collected = {
    routers: [],
    services: new Map(),
    middlewares: new Map(),
    transports: new Map(),
    settings: [],
  };
  for (const file of files) {
    const at = { file: file.path, line: 1, column: 1 };
    if (file.text.length > MAX_FILE_BYTES) {
      problems.push({ code: 'file-too-large', severity: 'error', message: `${file.path} is larger than 5 MB`, at });
    } else if (/\.toml$/i.test(file.path)) readToml(file, into, notes, problems);
    else readYaml(file, into, notes, problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  const fromFiles = entryPointsOf(into.settings, notes);
  const known = new Map([...(options.entryPoints ?? []), ...fromFiles]);
  const dynamic: TraefikDynamic = into;
  const result = routesOf(dynamic, known.size > 0 ? known : undefined);
  if (result.problems.length > 0) return { ok: false, problems: result.problems };
  return {
    ok: true,
    value: { routes: result.routes, redirects: result.redirects, notes: sortNotes([...notes, ...result.notes]) },
    warnings: [],
  };
}

/** One Traefik file; see importTraefikFiles. */
export const importTraefikFile = (text: string, file: string, options: TraefikImportOptions = {}): ProxyImportOutcome =>
  importTraefikFiles([{ path: file, text }], options);
