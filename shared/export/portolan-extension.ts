/**
 * The `x-portolan` block of docker-compose.yml: what the drawing holds and compose cannot say,
 * so that `portolan import` gives the drawing back (shared/import/project/portolan-extension.ts
 * reads it). The compose specification reserves top-level `x-` keys for tools; compose itself
 * ignores them.
 *
 * Only what the services, networks and proxy configuration cannot carry goes in: the project's
 * name and description, its hosts and where each component runs (when it declares hosts), its TLS policy when it is not the default and its expected WebSocket
 * capacity when set, the project's and each entry point's (the proxy configuration and compose
 * render them but cannot be read back as them), whether the compose networks are the drawing's own (`networks: declared`)
 * rather than the ones the exporter chose, its zones and each component's zone, name, position and pinned flag,
 * port overrides (nextAuth's images have no port setting, so nothing in compose states a moved
 * port), properties, the replicas of a kind compose runs once, the publishes the export leaves
 * out of compose (a nextauth drawn publishing a port), the components that are no
 * container of this export (clients, outside services, servers the customer runs, business
 * apps) with their links, the ids of links and routes, and suppressions. Never a secret: the
 * model holds none (a generated secret is a length, an operator input a prompt), and a literal
 * value that is a secret in clear text (literal-secrets.ts) is written as an operator input
 * without its value, as the exporter moves such literals out of the compose file.
 *
 * Versioned by `format`: a reader refuses a format it does not know rather than guess.
 */
import { getKind, isDeployed } from '../catalog/index';
import { isEntryPoint } from '../model/constraints';
import { literalSecret } from '../catalog/literal-secrets';
import type { Component, EnvValue, PassValue, Project } from '../model/types';
import { hostRecord, linkRecord, publishRecord, routeRecord } from '../format/records';
import { tlsRecord } from '../format/read-tls';
import { capacityRecord } from '../format/read-capacity';
import { passNode } from './pass-through';
import type { YamlNode } from './yaml';

export const PORTOLAN_EXTENSION_KEY = 'x-portolan';
export const PORTOLAN_EXTENSION_FORMAT = 1;

/** The comment above the block in docker-compose.yml, for the operator who reads the file. */
export const PORTOLAN_EXTENSION_NOTE =
  ' The drawing this file was exported from (zones, names, positions, the services outside this\n' +
  ' deployment): compose ignores x- keys; `portolan import` reads it to give the drawing back.';

type PassRecord = Record<string, PassValue>;

/** An outside component's variable as the block holds it: never a secret's value. */
function envEntry(c: Component, name: string, v: EnvValue): PassValue {
  if (v.type === 'secret') return { type: 'secret', length: v.length };
  if (v.type === 'input') return { type: 'input', prompt: v.prompt };
  if (v.value !== '' && literalSecret(c, name, v.value) !== undefined)
    return { type: 'input', prompt: `${name} (a secret: its value is not written into the compose file)` };
  return { type: 'literal', value: v.value };
}

function record<T>(entries: Readonly<Record<string, T>>, map: (key: string, value: T) => PassValue): PassRecord {
  const out = Object.create(null) as PassRecord;
  for (const key of Object.keys(entries)) out[key] = map(key, entries[key] as T);
  return out;
}

/** What the drawing says about a component beyond its service: all of it for one that is no service. */
function componentEntry(c: Component): PassRecord {
  const service = isDeployed(c);
  const out: PassRecord = { id: c.id, kind: c.kind, name: c.name };
  if (!service && c.flavour !== undefined) out.flavour = c.flavour;
  if (c.zone !== undefined) out.zone = c.zone;
  // A service's replicas are compose's (deploy.replicas), except on a kind compose runs once; 1 goes without saying.
  if (c.replicas !== 1 && (!service || !getKind(c.kind).scalable)) out.replicas = c.replicas;
  if (Object.keys(c.properties).length > 0) out.properties = record(c.properties, (_k, v) => v);
  if (Object.keys(c.portOverrides).length > 0) out.portOverrides = record(c.portOverrides, (_k, v) => v);
  // A custom container's ports: compose names none, and states only the ones it publishes.
  if (c.kind === 'container' && c.ports !== undefined && c.ports.length > 0)
    out.ports = c.ports.map((p) => ({ name: p.name, number: p.number, protocol: p.protocol }));
  if (!service && Object.keys(c.environment).length > 0)
    out.environment = record(c.environment, (k, v) => envEntry(c, k, v));
  // The export publishes the ports of entry points and custom containers only (plan.ts, ignoredPublish).
  const published = !service || (!isEntryPoint(c) && c.kind !== 'container');
  if (published && c.publish.length > 0) out.publish = c.publish.map((p): PassRecord => publishRecord(p));
  out.position = { x: c.position.x, y: c.position.y };
  if (c.pinned === true) out.pinned = true;
  // An entry point's own WebSocket capacity: compose holds only the limits derived from it.
  const capacity = capacityRecord(c.capacity);
  if (capacity !== undefined) out.capacity = capacity;
  // The hosts its replicas are spread over: one compose file states no placement.
  if (c.hosts !== undefined && c.hosts.length > 0) out.hosts = [...c.hosts];
  return out;
}

/** `tls`: the project's TLS policy, written as the project file writes it; nothing for the default. */
function tlsEntry(project: Project): PassRecord {
  const tls = tlsRecord(project.settings.tls);
  return tls === undefined ? {} : { tls: tls as PassRecord };
}

/** `capacity`: the project's expected peak of WebSocket clients, as the project file writes it; nothing when unset. */
function capacityEntry(project: Project): PassRecord {
  const capacity = capacityRecord(project.settings.capacity);
  return capacity === undefined ? {} : { capacity };
}

/** The block as plain data (before compose's `$` escaping). */
export function portolanExtension(project: Project): PassRecord {
  return {
    format: PORTOLAN_EXTENSION_FORMAT,
    meta: { name: project.meta.name, description: project.meta.description },
    ...tlsEntry(project),
    ...capacityEntry(project),
    // The machines containers run on, as the project file writes them (format 6); nothing without hosts.
    ...(project.hosts !== undefined && project.hosts.length > 0
      ? { hosts: project.hosts.map((h) => hostRecord(h) as PassRecord) }
      : {}),
    // Whether the networks are the drawing's own (declared) or the exporter's choice: compose cannot say.
    ...(project.networks !== undefined ? { networks: 'declared' } : {}),
    zones: project.zones.map((z) => ({ id: z.id, name: z.name, kind: z.kind })),
    components: project.components.map(componentEntry),
    links: project.links.map(linkRecord),
    // portmap's routes are written in no file of the export: the block is where they are.
    routes: project.routes.map((r) => routeRecord(r) as PassRecord),
    suppressions: project.suppressions.map((s) => ({ rule: s.rule, element: s.element, reason: s.reason })),
  };
}

/**
 * The block as the compose writer takes it: compose interpolates `$` in every value of the file,
 * extension fields included, so each `$` is written `$$` (as pass-through values are).
 */
export function portolanExtensionNode(project: Project): YamlNode {
  return passNode(portolanExtension(project));
}
