import { Document, isCollection, isSeq, Scalar, visit } from 'yaml';
import type { Component, ComposeNetwork, EnvValue, PassValue, Project, PropertyValue, Zone } from '../model/types';
import { OLDEST_DIRECT_FORMAT } from './migrations';
import { writePlainProject } from './plain-writer';
import { blankWithSpaces } from './plain-write-scalar';
import { capacityRecord } from './read-capacity';
import { tlsRecord } from './read-tls';
import { hostRecord, linkRecord, publishRecord, routeRecord, settingsRecord } from './records';

/** The format that added custom containers, pass-through keys, networks and publish addresses. */
const FORMAT_3 = 3;
/** The format that added the TLS policy. */
const FORMAT_4 = 4;
/** The format that added the expected WebSocket capacity. */
const FORMAT_5 = 5;

/**
 * Writes a Project as `*.portolan.yaml` text. Keys come in a fixed order and empty
 * collections are left out, so the same project always gives the same bytes and a change
 * to one element shows as a small diff in git.
 *
 * The plain writer (plain-writer.ts) writes it directly, about ten times faster; for the rare
 * project where it cannot be sure of `yaml`'s bytes, `yaml` writes it — the same bytes either way.
 */
export function saveProject(project: Project): string {
  return writePlainProject(project, formatNeeded(project)) ?? saveProjectWithYaml(project);
}

/**
 * The project written through a `yaml` Document: the definition of the file's bytes, which the
 * plain writer reproduces (test/unit/shared/format/plain-writer.test.ts compares the two).
 */
export function saveProjectWithYaml(project: Project): string {
  const doc: Record<string, unknown> = {
    format: formatNeeded(project),
    meta: { name: project.meta.name, ...(project.meta.description ? { description: project.meta.description } : {}) },
    settings: settingsRecord(project.settings),
  };
  if (project.hosts !== undefined && project.hosts.length > 0) doc.hosts = project.hosts.map(hostRecord);
  if (project.zones.length > 0) doc.zones = project.zones.map(zone);
  // Declared networks are written even when none are listed: the project still declares them.
  if (project.networks !== undefined) doc.networks = project.networks.map(network);
  if (project.components.length > 0) doc.components = project.components.map(component);
  if (project.links.length > 0) doc.links = project.links.map(linkRecord);
  if (project.routes.length > 0) doc.routes = project.routes.map(routeRecord);
  if (project.suppressions.length > 0) {
    doc.suppressions = project.suppressions.map((s) => ({ rule: s.rule, element: s.element, reason: s.reason }));
  }
  if (hasKeys(project.passThrough)) doc.passThrough = passRecord(project.passThrough);
  const yaml = new Document(doc, { aliasDuplicateObjects: false });
  // Small records read best on one line, and a one-line record is a one-line diff.
  const flow = (path: readonly (string | number)[]) => {
    const node = yaml.getIn(path, true);
    if (isCollection(node)) node.flow = true;
  };
  project.components.forEach((c, i) => {
    flow(['components', i, 'position']);
    c.publish.forEach((_, j) => flow(['components', i, 'publish', j]));
    c.ports?.forEach((_, j) => flow(['components', i, 'ports', j]));
    for (const [key, value] of Object.entries(c.environment)) {
      if (value.type !== 'literal') flow(['components', i, 'environment', key]);
    }
  });
  project.links.forEach((_, i) => flow(['links', i]));
  project.routes.forEach((_, i) => flow(['routes', i, 'tls']));
  project.suppressions.forEach((_, i) => flow(['suppressions', i]));
  project.components.forEach((c, i) => {
    if (hasKeys(c.passThrough)) plainStyle(yaml.getIn(['components', i, 'passThrough'], true));
    if (hasKeys(c.networkPassThrough)) plainStyle(yaml.getIn(['components', i, 'networkPassThrough'], true));
  });
  project.networks?.forEach((n, i) => {
    if (hasKeys(n.passThrough)) plainStyle(yaml.getIn(['networks', i, 'passThrough'], true));
  });
  if (hasKeys(project.passThrough)) plainStyle(yaml.getIn(['passThrough'], true));
  visit(yaml, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && blankWithSpaces(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return yaml.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}

const zone = (z: Zone) => ({ id: z.id, name: z.name, kind: z.kind });

const network = (n: ComposeNetwork) => ({
  name: n.name,
  ...(hasKeys(n.passThrough) ? { passThrough: passRecord(n.passThrough) } : {}),
});

function component(c: Component): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, kind: c.kind, name: c.name };
  if (c.flavour !== undefined) out.flavour = c.flavour;
  if (c.zone !== undefined) out.zone = c.zone;
  out.replicas = c.replicas;
  // The hosts its replicas are spread over (format 6), beside the replica count.
  if (c.hosts !== undefined && c.hosts.length > 0) out.hosts = [...c.hosts];
  if (Object.keys(c.properties).length > 0) out.properties = sorted(c.properties, property);
  if (Object.keys(c.environment).length > 0) out.environment = sorted(c.environment, env);
  if (Object.keys(c.portOverrides).length > 0) out.portOverrides = sorted(c.portOverrides, (v) => v);
  if (c.publish.length > 0) out.publish = c.publish.map(publishRecord);
  // An entry point's own WebSocket capacity (format 5), beside what it publishes.
  if (c.capacity !== undefined) out.capacity = capacityRecord(c.capacity);
  out.position = { x: round(c.position.x), y: round(c.position.y) };
  if (c.pinned === true) out.pinned = true;
  // A container's own image and ports are always written (an empty list too): the loader then
  // gives back exactly what was saved.
  if (c.kind === 'container') {
    out.image = c.image ?? '';
    out.ports = (c.ports ?? []).map((p) => ({ name: p.name, number: p.number, protocol: p.protocol }));
  } else if (c.image !== undefined) out.image = c.image; // another kind's override of the catalog image
  if (hasKeys(c.passThrough)) out.passThrough = passRecord(c.passThrough);
  if (c.networks !== undefined) out.networks = [...c.networks];
  if (hasKeys(c.networkPassThrough)) out.networkPassThrough = passRecord(c.networkPassThrough);
  return out;
}

/**
 * The oldest format that holds the project: format 3 only adds the custom container, image
 * overrides, pass-through keys and compose networks, so a project without them is written as format 2 — it opens in builds that
 * read format 2, and its bytes do not change with this build. One that uses them is written as
 * format 3, which older builds refuse ("written by a newer Portolan") instead of dropping what
 * they do not know on their next save.
 */
export function formatNeeded(project: Project): number {
  // Format 6 adds hosts, format 5 the expected WebSocket capacity, format 4 the TLS policy: a project
  // that sets one is refused by builds that would drop it, and one that sets none keeps its older format.
  if (project.hosts !== undefined && project.hosts.length > 0) return project.format;
  if (project.settings.capacity !== undefined || project.components.some((c) => c.capacity !== undefined))
    return Math.min(project.format, FORMAT_5);
  if (tlsRecord(project.settings.tls) !== undefined) return Math.min(project.format, FORMAT_4);
  const newer =
    hasKeys(project.passThrough) ||
    project.networks !== undefined ||
    project.components.some(
      (c) =>
        c.kind === 'container' ||
        c.image !== undefined ||
        hasKeys(c.passThrough) ||
        c.networks !== undefined ||
        hasKeys(c.networkPassThrough) ||
        c.publish.some((p) => p.hostIp !== undefined),
    );
  return newer ? Math.min(project.format, FORMAT_3) : Math.min(project.format, OLDEST_DIRECT_FORMAT);
}

/**
 * Kept values in the style the plain reader reads (plain-reader.ts), so that a project with them
 * loads on the fast path and under its higher bound: a list inside a list in brackets on one line
 * (block style would write `- - a`), and text with a line break double-quoted on one line (a block
 * scalar would need an indentation or chomping header the plain style does not use, or sit in a list).
 */
function plainStyle(node: unknown): void {
  if (!isCollection(node)) return;
  visit(node, {
    Seq(_, seq, path) {
      if (isSeq(path[path.length - 1])) seq.flow = true;
    },
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && /[\n\r]/.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

const hasKeys = (record: Readonly<Record<string, unknown>> | undefined): record is Readonly<Record<string, unknown>> =>
  record !== undefined && Object.keys(record).length > 0;

/**
 * Kept values as data for the YAML document: keys in their own order (they came from a compose
 * file; sorting them would reorder what the exporter writes back), -0 as 0 (see `property`), and
 * records without a prototype so that a key such as `__proto__` is written as a key.
 */
function passRecord(record: Readonly<Record<string, PassValue>>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(record)) out[key] = passData(record[key] as PassValue);
  return out;
}

function passData(v: PassValue): unknown {
  if (Array.isArray(v)) return (v as readonly PassValue[]).map(passData);
  if (v !== null && typeof v === 'object') return passRecord(v as Readonly<Record<string, PassValue>>);
  return typeof v === 'number' && Object.is(v, -0) ? 0 : v;
}

/**
 * YAML writes the number -0 as `-0`, which reads back as the text "-0" (the loader keeps a number
 * only when it prints as written), so it is saved as the 0 it equals.
 */
const property = (v: PropertyValue): PropertyValue => (Object.is(v, -0) ? 0 : v);

function env(v: EnvValue): unknown {
  switch (v.type) {
    case 'literal':
      return v.value;
    case 'secret':
      return { secret: v.length };
    case 'input':
      return { input: v.prompt };
  }
}

/** Map keys in code-point order: insertion order would make diffs depend on edit history. */
function sorted<T>(record: Readonly<Record<string, T>>, map: (v: T) => unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) out[key] = map(record[key] as T);
  return out;
}

/** Canvas positions are kept to two decimals: sub-pixel noise is not worth a diff line. */
const round = (n: number): number => Math.round(n * 100) / 100;
