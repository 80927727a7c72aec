import { isMap, isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import { findPort, flavoursOf, getKind, isComponentKind } from '../catalog/index';
import { connectionsOf, DB_URI_VAR, KV_URI_VAR, parseConnectionUri, type ConnectionLookup } from '../connections/index';
import { ENV_NAME_PATTERN, ID_PATTERN, PORT_RANGE, SECRET_LENGTH } from '../model/constraints';
import type { Component, ComponentId, EnvValue, Flavour, Link, LinkId, PropertyValue } from '../model/types';
import { ALIAS_BUDGET, AliasLimitError, toLocated, type Located } from './located';
import type { Migration } from './migrations';
import { Reader, type LocatedMap } from './reader';

/**
 * Format 1 → 2: connection settings are derived from the drawing.
 *
 * In format 1 the architect typed NEXTAUTH_DB_URI and NEXTAUTH_KV_URI into nextauth's environment.
 * In format 2 a link from nextauth to a database, Redis or Sentinel *is* the connection, and a
 * literal value of those variables is an override the checker compares with the drawing. The
 * migration deletes each literal that says exactly what the drawing derives (so the file follows
 * the drawing from now on) and keeps every other one as an override — including the ones it
 * cannot judge because part of the document is malformed: those the loader reports anyway, and
 * the checker checks what is kept. It changes nothing else.
 */
export const DERIVED_CONNECTIONS: Migration = {
  from: 1,
  description: 'NEXTAUTH_DB_URI and NEXTAUTH_KV_URI that match the drawing become derived connections',
  migrate: deriveConnections,
};

const VARIABLES = [
  ['database', DB_URI_VAR],
  ['kv', KV_URI_VAR],
] as const;

/**
 * Two connection URIs are the same connection when every part nextauth's driver reads is the same
 * after parsing: scheme and host (both case-insensitive, so lower-cased by the parser), user and
 * password as written, port as written (a URI that leaves the port to the scheme's default is not
 * judged equal to one that names it), path and query.
 */
export function sameConnection(literal: string, derived: string): boolean {
  const a = parseConnectionUri(literal);
  const b = parseConnectionUri(derived);
  return (
    a !== undefined &&
    b !== undefined &&
    a.scheme === b.scheme &&
    a.user === b.user &&
    a.password === b.password &&
    a.host === b.host &&
    a.port === b.port &&
    a.path === b.path &&
    a.query === b.query
  );
}

function deriveConnections(doc: Document): void {
  let root: Located;
  try {
    root = toLocated(doc, ALIAS_BUDGET);
  } catch (error) {
    // An alias bomb: the loader refuses the file right after the migrations.
    if (error instanceof AliasLimitError) return;
    throw error;
  }
  if (root.type !== 'map') return;
  const drawing = readDrawing(root);
  if (drawing === undefined) return;

  // Looked up once: finding a key in the top-level map walks its entries, and a wide file has many.
  const components = doc.get('components', true);
  for (const { component, index } of drawing.components) {
    if (component.kind !== 'nextauth' || drawing.uncertain(component.id)) continue;
    const connections = connectionsOf(drawing.lookup, component);
    for (const [role, variable] of VARIABLES) {
      const uri = connections[role]?.uri;
      const value = Object.hasOwn(component.environment, variable) ? component.environment[variable] : undefined;
      if (uri === undefined || value?.type !== 'literal' || !sameConnection(value.value, uri)) continue;
      editableEnvironment(components, index, variable)?.delete(variable);
    }
  }
}

/**
 * The environment of component `index` when its entry `variable` is written out in place: no
 * alias on the way (an alias cannot be edited through, and its target belongs to another place
 * too) and no anchor on the component, its environment or the value (another place may refer to
 * them, and would lose the value too).
 */
function editableEnvironment(components: unknown, index: number, variable: string): YAMLMap | undefined {
  if (!isSeq(components)) return undefined;
  const component = components.get(index, true);
  if (!isMap(component) || component.anchor !== undefined) return undefined;
  const environment = component.get('environment', true);
  if (!isMap(environment) || environment.anchor !== undefined) return undefined;
  const value = environment.get(variable, true);
  return isScalar(value) && value.anchor === undefined && typeof value.value === 'string' ? environment : undefined;
}

// ---------------------------------------------------------------------------------------------
// A tolerant reading of a format 1 drawing: the components and links the derivation reads. It is
// frozen with the format it reads (the loader reads the current format); anything malformed is
// skipped, and a nextauth component whose links cannot all be read is left alone.

interface Drawing {
  readonly components: readonly { readonly component: Component; readonly index: number }[];
  readonly lookup: ConnectionLookup;
  /** A nextauth component whose links could not all be read: its connections are not known. */
  readonly uncertain: (id: string) => boolean;
}

/** A Reader whose problems are counted, not reported: the loader reports them after the migration. */
const quiet = (): Reader => new Reader(() => ({ line: 1, column: 1 }));

function readDrawing(root: LocatedMap): Drawing | undefined {
  const r = quiet();
  const entry = (key: string) => r.entry(root, key)?.value;
  const componentsNode = entry('components');
  if (componentsNode?.type !== 'seq') return undefined;

  const read = componentsNode.items.map((node, index) => ({ component: readComponent(node), index }));
  const count = new Map<string, number>();
  for (const { component } of read) if (component) count.set(component.id, (count.get(component.id) ?? 0) + 1);
  // A duplicated id makes every reference to it ambiguous: neither copy is used.
  const components = read.flatMap(({ component, index }) =>
    component !== undefined && count.get(component.id) === 1 ? [{ component, index }] : [],
  );
  const byId = new Map<string, Component>(components.map(({ component }) => [component.id, component]));

  const tainted = new Set<string>();
  let allTainted = false;
  const linksFrom = new Map<string, Link[]>();
  const linksNode = entry('links');
  if (linksNode !== undefined && !(linksNode.type === 'scalar' && linksNode.value === null)) {
    if (linksNode.type !== 'seq') allTainted = true;
    else {
      for (const node of linksNode.items) {
        const link = readLink(node, byId);
        if (link === 'unknown-source') allTainted = true;
        else if ('broken' in link) tainted.add(link.broken);
        else {
          const list = linksFrom.get(link.from);
          if (list) list.push(link);
          else linksFrom.set(link.from, [link]);
        }
      }
    }
  }
  return {
    components,
    lookup: { componentById: byId, linksFrom: (id) => linksFrom.get(id) ?? [] },
    uncertain: (id) => allTainted || tainted.has(id),
  };
}

function readLink(node: Located, byId: ReadonlyMap<string, Component>): Link | { broken: string } | 'unknown-source' {
  const r = quiet();
  const map = r.map(node, '', '');
  if (map === undefined) return 'unknown-source';
  const field = (key: string) => r.string(r.entry(map, key)?.value, '', '');
  const from = field('from');
  if (from === undefined) return 'unknown-source';
  const to = field('to');
  const port = field('port');
  const target = to === undefined ? undefined : byId.get(to);
  if (
    r.problems.length > 0 ||
    to === undefined ||
    port === undefined ||
    target === undefined ||
    findPort(target.kind, port, target.flavour) === undefined
  ) {
    return { broken: from };
  }
  return { id: '' as LinkId, from: from as ComponentId, to: to as ComponentId, port };
}

/** A component with every field the derivation reads well-formed, or undefined. */
function readComponent(node: Located): Component | undefined {
  const r = quiet();
  const map = r.map(node, '', '');
  if (map === undefined) return undefined;
  const field = (key: string) => r.entry(map, key)?.value;
  const id = r.string(field('id'), '', '');
  const kind = r.string(field('kind'), '', '');
  if (id === undefined || !ID_PATTERN.test(id) || kind === undefined || !isComponentKind(kind)) return undefined;

  let flavour: Flavour | undefined = getKind(kind).defaultFlavour;
  const flavourNode = field('flavour');
  if (flavourNode !== undefined) {
    flavour = r.oneOf(flavourNode, '', '', flavoursOf(kind));
    if (flavour === undefined) return undefined;
  }
  const properties = record<PropertyValue>(r, field('properties'), (v) => r.property(v, '', ''));
  const environment = record<EnvValue>(r, field('environment'), (v, name) =>
    ENV_NAME_PATTERN.test(name) ? envValue(r, v) : undefined,
  );
  const portOverrides = record<number>(r, field('portOverrides'), (v, name) =>
    findPort(kind, name, flavour) === undefined ? undefined : r.integer(v, '', '', PORT_RANGE.min, PORT_RANGE.max),
  );
  if (r.problems.length > 0 || properties === undefined || environment === undefined || portOverrides === undefined) {
    return undefined;
  }
  return {
    id: id as ComponentId,
    kind,
    name: '',
    ...(flavour !== undefined ? { flavour } : {}),
    replicas: 1,
    properties,
    environment,
    portOverrides,
    publish: [],
    position: { x: 0, y: 0 },
  };
}

/** A map of names to values, each read by `value`; undefined when any part is malformed. */
function record<T>(
  r: Reader,
  node: Located | undefined,
  value: (node: Located, name: string) => T | undefined,
): Record<string, T> | undefined {
  const out = Object.create(null) as Record<string, T>;
  if (node === undefined) return out;
  const map = r.map(node, '', '');
  if (map === undefined) return undefined;
  for (const e of r.named(map, '', '')) {
    const v = value(e.value, e.key);
    if (v === undefined) return undefined;
    out[e.key] = v;
  }
  return r.problems.length > 0 ? undefined : out;
}

function envValue(r: Reader, node: Located): EnvValue | undefined {
  if (node.type !== 'map') {
    const value = r.text(node, '', '');
    return value === undefined ? undefined : { type: 'literal', value };
  }
  const only = node.entries.length === 1 ? node.entries[0] : undefined;
  if (only?.key === 'secret') {
    const length = r.integer(only.value, '', '', SECRET_LENGTH.min, SECRET_LENGTH.max);
    return length === undefined ? undefined : { type: 'secret', length };
  }
  if (only?.key === 'input') {
    const prompt = r.string(only.value, '', '');
    return prompt === undefined ? undefined : { type: 'input', prompt };
  }
  return undefined;
}
