import { Document, isCollection } from 'yaml';
import type { Component, EnvValue, Link, Project, PropertyValue, Route, Zone } from '../model/types';

/**
 * Writes a Project as `*.portolan.yaml` text. Keys come in a fixed order and empty
 * collections are left out, so the same project always gives the same bytes and a change
 * to one element shows as a small diff in git.
 */
export function saveProject(project: Project): string {
  const doc: Record<string, unknown> = {
    format: project.format,
    meta: { name: project.meta.name, ...(project.meta.description ? { description: project.meta.description } : {}) },
    settings: { registry: project.settings.registry, tag: project.settings.tag },
  };
  if (project.zones.length > 0) doc.zones = project.zones.map(zone);
  if (project.components.length > 0) doc.components = project.components.map(component);
  if (project.links.length > 0) doc.links = project.links.map(link);
  if (project.routes.length > 0) doc.routes = project.routes.map(route);
  if (project.suppressions.length > 0) {
    doc.suppressions = project.suppressions.map((s) => ({ rule: s.rule, element: s.element, reason: s.reason }));
  }
  const yaml = new Document(doc, { aliasDuplicateObjects: false });
  // Small records read best on one line, and a one-line record is a one-line diff.
  const flow = (path: readonly (string | number)[]) => {
    const node = yaml.getIn(path, true);
    if (isCollection(node)) node.flow = true;
  };
  project.components.forEach((c, i) => {
    flow(['components', i, 'position']);
    c.publish.forEach((_, j) => flow(['components', i, 'publish', j]));
    for (const [key, value] of Object.entries(c.environment)) {
      if (value.type !== 'literal') flow(['components', i, 'environment', key]);
    }
  });
  project.links.forEach((_, i) => flow(['links', i]));
  project.routes.forEach((_, i) => flow(['routes', i, 'tls']));
  project.suppressions.forEach((_, i) => flow(['suppressions', i]));
  return yaml.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}

const zone = (z: Zone) => ({ id: z.id, name: z.name, kind: z.kind });

function component(c: Component): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, kind: c.kind, name: c.name };
  if (c.flavour !== undefined) out.flavour = c.flavour;
  if (c.zone !== undefined) out.zone = c.zone;
  out.replicas = c.replicas;
  if (Object.keys(c.properties).length > 0) out.properties = sorted(c.properties, property);
  if (Object.keys(c.environment).length > 0) out.environment = sorted(c.environment, env);
  if (Object.keys(c.portOverrides).length > 0) out.portOverrides = sorted(c.portOverrides, (v) => v);
  if (c.publish.length > 0) out.publish = c.publish.map((p) => ({ port: p.port, hostPort: p.hostPort }));
  out.position = { x: round(c.position.x), y: round(c.position.y) };
  if (c.pinned === true) out.pinned = true;
  return out;
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

const link = (l: Link) => ({ id: l.id, from: l.from, to: l.to, port: l.port });

function route(r: Route): Record<string, unknown> {
  return {
    id: r.id,
    via: r.via,
    scheme: r.scheme,
    host: r.host,
    ...(r.publicPort !== undefined ? { publicPort: r.publicPort } : {}),
    path: r.path,
    target: r.target,
    port: r.port,
    tls: { terminate: r.tls.terminate, reencrypt: r.tls.reencrypt },
  };
}

/** Map keys in code-point order: insertion order would make diffs depend on edit history. */
function sorted<T>(record: Readonly<Record<string, T>>, map: (v: T) => unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) out[key] = map(record[key] as T);
  return out;
}

/** Canvas positions are kept to two decimals: sub-pixel noise is not worth a diff line. */
const round = (n: number): number => Math.round(n * 100) / 100;
