import type { Component, EnvValue, Project, PropertyValue, Route } from '../model/types';
import { blockMap, FlowRecord, KeptRecord, type Style } from './plain-collections';
import { NotPlain } from './plain-write-scalar';
import { capacityRecord } from './read-capacity';
import { hostRecord, publishRecord, routeRecord, settingsRecord } from './records';

/**
 * The plain writer: a project file written straight from the model, byte for byte what save.ts's
 * `yaml` document gives (saveProjectWithYaml) — the same key order, quoting, flow records and
 * kept-value style — in an eighth of the time or less: building and stringifying a `yaml` Document costs
 * 0.2–0.5 ms a component with kept keys (an imported compose project), the largest single cost
 * of `portolan import`.
 *
 * Returns undefined where it cannot be sure of yaml's bytes (a key over 1,024 characters, a value
 * that is not JSON-like data…); saveProject then lets `yaml` write the whole project, so the
 * output never depends on which path wrote it. test/unit/shared/format/plain-writer.test.ts
 * compares both paths on generated, hostile and real-sized projects.
 */
export function writePlainProject(project: Project, format: number): string | undefined {
  try {
    return `${blockMap(projectRecord(project, format), '', FIXED)}\n`;
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}

const FIXED: Style = { kept: false };

/**
 * The project as the data save.ts gives its `yaml` document, in the same key order, with its
 * flow records marked (this repeats save.ts's record builders on purpose: the yaml path stays the
 * untouched reference the writer is tested against). Kept values are not copied: they are written
 * from the model as they are.
 */
function projectRecord(project: Project, format: number): Record<string, unknown> {
  const meta = project.meta;
  const out: Record<string, unknown> = {
    format,
    meta: meta.description ? { name: meta.name, description: meta.description } : { name: meta.name },
    settings: settingsRecord(project.settings),
  };
  if (project.hosts !== undefined && project.hosts.length > 0) out.hosts = project.hosts.map(hostRecord);
  if (project.zones.length > 0) out.zones = project.zones.map((z) => ({ id: z.id, name: z.name, kind: z.kind }));
  if (project.networks !== undefined) {
    out.networks = project.networks.map((n) =>
      hasKeys(n.passThrough) ? { name: n.name, passThrough: new KeptRecord(n.passThrough) } : { name: n.name },
    );
  }
  if (project.components.length > 0) out.components = project.components.map(component);
  if (project.links.length > 0) {
    out.links = project.links.map((l) => new FlowRecord({ id: l.id, from: l.from, to: l.to, port: l.port }));
  }
  if (project.routes.length > 0) out.routes = project.routes.map(route);
  if (project.suppressions.length > 0) {
    out.suppressions = project.suppressions.map(
      (s) => new FlowRecord({ rule: s.rule, element: s.element, reason: s.reason }),
    );
  }
  if (hasKeys(project.passThrough)) out.passThrough = new KeptRecord(project.passThrough);
  return out;
}

function component(c: Component): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, kind: c.kind, name: c.name };
  if (c.flavour !== undefined) out.flavour = c.flavour;
  if (c.zone !== undefined) out.zone = c.zone;
  out.replicas = c.replicas;
  // The hosts its replicas are spread over (format 6), beside the replica count.
  if (c.hosts !== undefined && c.hosts.length > 0) out.hosts = [...c.hosts];
  if (hasKeys(c.properties)) out.properties = sorted(c.properties, property);
  if (hasKeys(c.environment)) out.environment = sorted(c.environment, env);
  if (hasKeys(c.portOverrides)) out.portOverrides = sorted(c.portOverrides, (v) => v);
  if (c.publish.length > 0) out.publish = c.publish.map((p) => new FlowRecord(publishRecord(p)));
  // An entry point's own WebSocket capacity (format 5), beside what it publishes.
  if (c.capacity !== undefined) out.capacity = capacityRecord(c.capacity);
  out.position = new FlowRecord({ x: round(c.position.x), y: round(c.position.y) });
  if (c.pinned === true) out.pinned = true;
  if (c.kind === 'container') {
    out.image = c.image ?? '';
    out.ports = (c.ports ?? []).map((p) => new FlowRecord({ name: p.name, number: p.number, protocol: p.protocol }));
  } else if (c.image !== undefined) out.image = c.image;
  if (hasKeys(c.passThrough)) out.passThrough = new KeptRecord(c.passThrough);
  if (c.networks !== undefined) out.networks = [...c.networks];
  if (hasKeys(c.networkPassThrough)) out.networkPassThrough = new KeptRecord(c.networkPassThrough);
  return out;
}

const hasKeys = (record: Readonly<Record<string, unknown>> | undefined): record is Readonly<Record<string, unknown>> =>
  record !== undefined && Object.keys(record).length > 0;

/** save.ts's `property`: -0 is saved as the 0 it equals. */
const property = (v: PropertyValue): PropertyValue => (Object.is(v, -0) ? 0 : v);

function env(v: EnvValue): unknown {
  switch (v.type) {
    case 'literal':
      return v.value;
    case 'secret':
      return new FlowRecord({ secret: v.length });
    case 'input':
      return new FlowRecord({ input: v.prompt });
  }
}

/** records.ts's route record, its `tls` on one line (replacing a key keeps its place). */
function route(r: Route): Record<string, unknown> {
  const record = routeRecord(r);
  return { ...record, tls: new FlowRecord(record.tls as Record<string, unknown>) };
}

function sorted<T>(record: Readonly<Record<string, T>>, map: (v: T) => unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) out[key] = map(record[key] as T);
  return out;
}

const round = (n: number): number => Math.round(n * 100) / 100;
