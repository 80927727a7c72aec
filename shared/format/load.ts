import { findPort, flavoursOf, getKind, isComponentKind } from '../catalog/index';
import {
  FORMAT_VERSION,
  type Component,
  type ComponentId,
  type ComponentKind,
  type EnvValue,
  type Flavour,
  type Link,
  type LinkId,
  type Project,
  type PropertyValue,
  type Publish,
  type Route,
  type RouteId,
  type RouteScheme,
  type Suppression,
  type Zone,
  type ZoneId,
  type ZoneKind,
} from '../model/types';
import {
  ENV_NAME_PATTERN,
  ID_PATTERN,
  MAX_PROJECT_BYTES,
  MAX_REPLICAS,
  RULE_ID_PATTERN,
  SECRET_LENGTH,
} from '../model/constraints';
import {
  ALIAS_BUDGET,
  AliasLimitError,
  MAX_DEPTH,
  MAX_TOKENS,
  parseBounded,
  toLocated,
  type Located,
  type LocateOptions,
} from './located';
import { runMigrations, MIGRATIONS, type Migration } from './migrations';
import type { FormatProblem } from './problems';
import { join, printable, Reader, type LocatedMap } from './reader';
import { utf8Length } from './utf8';

/** Where each element's `id:` stands in the file, for tools that point at elements. */
export type ElementLocations = ReadonlyMap<string, { readonly line: number; readonly column: number }>;

export type LoadResult =
  | {
      readonly ok: true;
      readonly project: Project;
      readonly problems: readonly FormatProblem[];
      readonly locations: ElementLocations;
    }
  | { readonly ok: false; readonly problems: readonly FormatProblem[] };

export interface LoadOptions {
  /** Files larger than this are refused before parsing. */
  readonly maxBytes?: number;
  /** How many nodes alias expansion may produce before the file is refused. */
  readonly aliasBudget?: number;
  /** How deep collections may nest (MAX_DEPTH). */
  readonly maxDepth?: number;
  /** How many YAML tokens the file may hold (MAX_TOKENS). */
  readonly maxTokens?: number;
  /** Injected in tests; defaults to the shipped chain. */
  readonly migrations?: readonly Migration[];
}

export { ALIAS_BUDGET, MAX_DEPTH, MAX_TOKENS } from './located';

// The patterns and limits live in model/constraints. These four are re-exported for the importers
// that still read them from here (format/index for MAX_PROJECT_BYTES, the inspector's validate.ts
// for the others); new code imports them from model/constraints.
export { ENV_NAME_PATTERN, MAX_PROJECT_BYTES, MAX_REPLICAS, SECRET_LENGTH };

export const ZONE_KINDS: readonly ZoneKind[] = ['internet', 'dmz', 'internal', 'host'];
export const ROUTE_SCHEMES: readonly RouteScheme[] = ['https', 'wss', 'http', 'ws'];

const TOP_KEYS = ['format', 'meta', 'settings', 'zones', 'components', 'links', 'routes', 'suppressions'] as const;
const SUPPRESSION_KEYS = ['rule', 'element', 'reason'] as const;
const META_KEYS = ['name', 'description'] as const;
const SETTINGS_KEYS = ['registry', 'tag'] as const;
const ZONE_KEYS = ['id', 'name', 'kind'] as const;
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
] as const;
const LINK_KEYS = ['id', 'from', 'to', 'port'] as const;
const ROUTE_KEYS = ['id', 'via', 'scheme', 'host', 'publicPort', 'path', 'target', 'port', 'tls'] as const;
const TLS_KEYS = ['terminate', 'reencrypt'] as const;

export const DEFAULT_SETTINGS = { registry: '', tag: 'latest' } as const;

/**
 * Reads a `*.portolan.yaml` text into a Project. Never throws: every problem comes back
 * with a code and a 1-based line:column. Errors make the result `ok: false`; warnings
 * (unknown keys, YAML warnings) still yield a project.
 */
export function loadProject(text: string, options: LoadOptions = {}): LoadResult {
  try {
    return load(text, options);
  } catch (error) {
    // A bug in the loader must not take the caller down with it.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem('not-a-project', `could not read the file: ${message}`)] };
  }
}

function problem(code: FormatProblem['code'], message: string, line = 1, column = 1): FormatProblem {
  return { code, severity: 'error', message, line, column, path: '' };
}

function load(text: string, options: LoadOptions): LoadResult {
  const maxBytes = options.maxBytes ?? MAX_PROJECT_BYTES;
  const size = utf8Length(text, maxBytes + 1);
  if (size > maxBytes) {
    return {
      ok: false,
      problems: [problem('file-too-large', `the file is larger than ${formatBytes(maxBytes)}; refusing to read it`)],
    };
  }

  const aliasBudget = options.aliasBudget ?? ALIAS_BUDGET;
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const maxTokens = options.maxTokens ?? MAX_TOKENS;
  const parsed = parseBounded(text, { maxDepth, maxTokens });
  const { lineCounter } = parsed;
  const positionOf = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  const r = new Reader(positionOf);

  if (!parsed.ok) {
    if (parsed.limit === 'too-deep') {
      r.report('too-deep', tooDeep(maxDepth), parsed.offset, '');
    } else {
      r.report(
        'too-many-tokens',
        `the file holds more than ${maxTokens.toLocaleString('en-US')} YAML tokens (keys, values, punctuation, line breaks), the most a project file may have; refusing to read the rest`,
        parsed.offset,
        '',
      );
    }
    return { ok: false, problems: r.problems };
  }
  const { doc } = parsed;

  // One pass over the document finds repeated keys (YAML's own check compares each key with every
  // earlier one of its map) and the alias bounds, before a migration edits anything: a migration
  // must not act on one of two copies of a key.
  const duplicates: number[] = [];
  const locate = (onDuplicateKey?: (offset: number) => void): Located | AliasLimitError => {
    const locateOptions: LocateOptions = onDuplicateKey ? { maxDepth, onDuplicateKey } : { maxDepth };
    try {
      return toLocated(doc, aliasBudget, locateOptions);
    } catch (error) {
      if (error instanceof AliasLimitError) return error;
      throw error;
    }
  };
  let root = locate((offset) => duplicates.push(offset));

  const errors = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: yamlMessage(e) })),
    // The code and message YAML's check gave, so nothing changes for a reader of the problems.
    ...duplicates.map((offset) => ({ offset, message: 'Map keys must be unique' })),
  ].sort((a, b) => a.offset - b.offset);
  for (const e of errors) r.report('yaml-syntax', e.message, e.offset, '');
  for (const w of doc.warnings) r.report('yaml-warning', yamlMessage(w), w.pos[0], '', 'warning');
  if (errors.length > 0) return { ok: false, problems: r.problems };

  // The format version decides which migrations run, before anything else is read.
  const formatNode = doc.get('format', true) as { range?: [number, number, number] } | undefined;
  const version: unknown = doc.get('format');
  if (typeof version === 'number' && Number.isInteger(version) && version !== FORMAT_VERSION) {
    const at = formatNode?.range?.[0] ?? 0;
    if (version > FORMAT_VERSION) {
      r.report(
        'unsupported-format',
        `this file has format ${version}, written by a newer Portolan; this version reads format ${FORMAT_VERSION} and older`,
        at,
        'format',
      );
      return { ok: false, problems: r.problems };
    }
    const outcome = runMigrations(doc, version, FORMAT_VERSION, options.migrations ?? MIGRATIONS);
    if (!outcome.ok) {
      r.report('unsupported-format', `format ${outcome.missingFrom} is not a Portolan project format`, at, 'format');
      return { ok: false, problems: r.problems };
    }
    // Migrations edit the document in place (keeping source positions): read it again. They only
    // remove plain entries, so a file over an alias bound stays over it.
    if (!(root instanceof AliasLimitError)) root = locate();
  }

  if (root instanceof AliasLimitError) {
    r.report(
      root.bound === 'depth' ? 'too-deep' : 'alias-limit',
      root.bound === 'depth'
        ? tooDeep(maxDepth)
        : `YAML aliases expand to more than ${aliasBudget} nodes; refusing the file (possible alias bomb)`,
      root.offset,
      '',
    );
    return { ok: false, problems: r.problems };
  }

  if (root.type !== 'map') {
    r.report(
      'not-a-project',
      `a Portolan project file must be a YAML mapping with "format: ${FORMAT_VERSION}" at the top`,
      root.offset,
      '',
    );
    return { ok: false, problems: r.problems };
  }

  const ids = new IdRegistry(r);
  const project = readProject(r, root, ids);
  if (r.problems.some((p) => p.severity === 'error')) return { ok: false, problems: r.problems };
  const locations = new Map([...ids.offsets].map(([id, offset]) => [id, positionOf(offset)]));
  return { ok: true, project, problems: r.problems, locations };
}

function readProject(r: Reader, root: LocatedMap, ids: IdRegistry): Project {
  r.keys(root, TOP_KEYS, '', 'the project');
  const formatNode = r.required(root, 'format', '', 'the project');
  if (formatNode !== undefined) r.integer(formatNode, 'format', 'format', FORMAT_VERSION, FORMAT_VERSION);

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
  }

  const zones = collect(r.seq(r.entry(root, 'zones')?.value, 'zones', 'zones'), (node, i) =>
    readZone(r, ids, node, join('zones', i)),
  );
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
    if (target !== undefined && port !== undefined && findPort(target.kind, port, target.flavour) === undefined) {
      r.report(
        'unknown-port',
        `${getKind(target.kind).label} "${printable(target.name)}" has no port "${port}" (ports: ${portNames(target.kind)})`,
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
interface Refs {
  readonly path: string;
  readonly at: Readonly<Record<string, number>>;
}
interface Read<T> {
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

/** Ids are unique across zones, components, links and routes: diagnostics name them alone. */
class IdRegistry {
  private readonly seen = new Map<string, string>();
  readonly offsets = new Map<string, number>();
  /** Every well-formed id per section, even of elements with other problems: a reference to
   * them is not dangling, so one bad field does not cascade into a problem per reference. */
  readonly declared = {
    zone: new Set<string>(),
    component: new Set<string>(),
    link: new Set<string>(),
    route: new Set<string>(),
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

function readComponent(r: Reader, ids: IdRegistry, node: Located, path: string): Read<Component> | undefined {
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
  const portOverrides = readPortOverrides(
    r,
    r.entry(map, 'portOverrides')?.value,
    join(path, 'portOverrides'),
    kind,
    flavour,
  );
  const publish = readPublish(r, r.entry(map, 'publish')?.value, join(path, 'publish'), kind, flavour);
  const position = readPosition(r, r.entry(map, 'position')?.value, join(path, 'position'));

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
  };
  return { value: component, refs: { path, at: zoneNode ? { zone: zoneNode.offset } : {} } };
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

function readPortOverrides(
  r: Reader,
  node: Located | undefined,
  path: string,
  kind: ComponentKind | undefined,
  flavour: Flavour | undefined,
): Record<string, number> {
  const out = emptyRecord<number>();
  if (node === undefined) return out;
  const map = r.map(node, path, 'portOverrides');
  if (!map) return out;
  for (const e of r.named(map, path, 'portOverrides')) {
    const at = join(path, e.key);
    if (kind !== undefined && findPort(kind, e.key, flavour) === undefined) {
      r.report(
        'unknown-port',
        `a ${getKind(kind).label} has no port "${e.key}" (ports: ${portNames(kind)})`,
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

function readPublish(
  r: Reader,
  node: Located | undefined,
  path: string,
  kind: ComponentKind | undefined,
  flavour: Flavour | undefined,
): Publish[] {
  const out: Publish[] = [];
  r.seq(node, path, 'publish').forEach((item, i) => {
    const at = join(path, i);
    const map = r.map(item, at, 'a published port');
    if (!map) return;
    r.keys(map, ['port', 'hostPort'], at, 'a published port');
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
      kind !== undefined &&
      findPort(kind, port, flavour) === undefined
    ) {
      r.report(
        'unknown-port',
        `a ${getKind(kind).label} has no port "${port}" (ports: ${portNames(kind)})`,
        portNode.offset,
        join(at, 'port'),
      );
      return;
    }
    if (port !== undefined && hostPort !== undefined) out.push({ port, hostPort });
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

/** A prototype-less record: a key such as `__proto__` in the file stays an ordinary key. */
function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function portNames(kind: ComponentKind): string {
  const names = getKind(kind).ports.map((p) => p.name);
  return names.length > 0 ? names.join(', ') : 'none';
}

/** The parser's message without its own position suffix (the problem carries line:column). */
function yamlMessage(e: { code: string; message: string }): string {
  if (e.code === 'MULTIPLE_DOCS') return 'a project file holds one YAML document, but a second one starts here (---)';
  const first = e.message.split('\n', 1)[0] ?? e.message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

function tooDeep(maxDepth: number): string {
  return `mappings and lists nest more than ${maxDepth} deep here (a project file nests 5 deep); refusing the file`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(0)} MB` : `${n} bytes`;
}
