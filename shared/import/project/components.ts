/**
 * Services → components: kind and flavour from the recognised image, replicas, the environment
 * as the model holds it (secrets become generated secrets or operator inputs, never values),
 * published ports by port name, a custom container's own ports, and every key the model does
 * not hold kept as pass-through — including the port entries a `Publish` cannot say (a host
 * address, a host-port range, a protocol the port does not speak), so the export binds what
 * the original bound.
 */
import { escapeReferences } from '../../model/literal-text';
import { componentPorts, imageFor } from '../../catalog/index';
import { ID_PATTERN, isEntryPoint } from '../../model/constraints';
import type {
  Component,
  ComponentId,
  ContainerPort,
  EnvValue,
  PassValue,
  PortProtocol,
  ProjectSettings,
  Publish,
} from '../../model/types';
import type { PortSpec } from '../compose/ports';
import type { ClassifiedVariable } from '../recognize/environments';
import type { ImportNote } from '../types';
import { scrubKept } from './secret-scrub';
import type { ServiceFacts } from './service-facts';
import { NEXTAUTH_KINDS, sameImage, settingsImage, settingsOfImage } from './settings';

/** Component ids from service names: the name itself where the model allows it, else a clean, unique form. */
export function componentIds(names: readonly string[]): Map<string, ComponentId> {
  const taken = new Set<string>();
  const out = new Map<string, ComponentId>();
  for (const name of names) {
    let id = name;
    if (!ID_PATTERN.test(id) || taken.has(id)) {
      const slug =
        name
          .replace(/[^A-Za-z0-9_.-]+/g, '-')
          .replace(/^[^A-Za-z0-9]+/, '')
          .slice(0, 56) || 'service';
      id = slug;
      for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
    }
    taken.add(id);
    out.set(name, id as ComponentId);
  }
  return out;
}

/** A custom container's ports: every container port it publishes or exposes, named by protocol and number. */
export function containerPorts(facts: ServiceFacts): ContainerPort[] {
  const seen = new Set<string>();
  const out: ContainerPort[] = [];
  const add = (number: number, protocol: PortProtocol) => {
    const name = `${protocol}-${number}`;
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, number, protocol });
  };
  for (const p of facts.ports) if (p.protocol !== 'sctp') add(p.target, p.protocol);
  for (const n of facts.expose) add(n, 'tcp');
  return out.sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
}

/**
 * A port entry as kept when the model cannot say it: the short form wherever it can hold the
 * entry (docker-compose 1.x refuses `host_ip` in the long form), the long form for a name, an
 * application protocol or host mode.
 */
function keptPort(p: PortSpec): PassValue {
  if (p.name === undefined && p.appProtocol === undefined && p.mode === 'ingress') {
    const host = p.hostIp === undefined ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`;
    const published =
      p.published === undefined ? '' : `${p.published}${p.publishedEnd !== undefined ? `-${p.publishedEnd}` : ''}:`;
    const ip = published === '' && host !== '' ? `${host}:` : host;
    return `${ip}${published}${p.target}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
  }
  const out: Record<string, PassValue> = { target: p.target };
  if (p.published !== undefined)
    out.published = p.publishedEnd !== undefined ? `${p.published}-${p.publishedEnd}` : String(p.published);
  if (p.hostIp !== undefined) out.host_ip = p.hostIp;
  out.protocol = p.protocol;
  if (p.mode !== 'ingress') out.mode = p.mode;
  if (p.name !== undefined) out.name = p.name;
  if (p.appProtocol !== undefined) out.app_protocol = p.appProtocol;
  return out;
}

interface PortSplit {
  readonly publish: Publish[];
  /** Entries kept as written (long form). */
  readonly kept: PassValue[];
}

/** Published ports the model holds as `Publish` (a port name and a host port on every address), and the rest kept. */
function splitPorts(
  facts: ServiceFacts,
  holder: Pick<Component, 'kind' | 'flavour' | 'ports'>,
  notes: ImportNote[],
): PortSplit {
  const ports = componentPorts(holder);
  const publish: Publish[] = [];
  const kept: PassValue[] = [];
  const seen = new Set<string>();
  const name = facts.service.name;
  for (const p of facts.ports) {
    const port = ports.find(
      (s) => s.number === p.target && (holder.kind === 'container' ? s.protocol === p.protocol : p.protocol === 'tcp'),
    );
    const plain =
      port !== undefined &&
      p.published !== undefined &&
      p.publishedEnd === undefined &&
      p.mode === 'ingress' &&
      p.name === undefined &&
      p.appProtocol === undefined;
    // The export publishes host ports only on entry points and custom containers (a data
    // service's publish in the drawing is listed, not written): on any other kind the entry
    // is kept as written, so the export still binds what the original bound.
    const exported = holder.kind === 'container' || isEntryPoint(holder);
    if (plain && !exported) {
      notes.push({
        kind: 'kept',
        text: `service ${name} publishes ${port.name} on host port ${p.published}: kept as written (the export publishes a drawn port only on entry points and custom containers)`,
        at: p.at,
      });
      kept.push(keptPort(p));
      continue;
    }
    const key = `${port?.name}:${p.hostIp ?? ''}:${p.published}`;
    if (plain && !seen.has(key)) {
      seen.add(key);
      // A host address (`127.0.0.1:8443:443`) is the publish's own: the drawing keeps it.
      publish.push(
        p.hostIp === undefined
          ? { port: port.name, hostPort: p.published! }
          : { port: port.name, hostPort: p.published!, hostIp: p.hostIp },
      );
      continue;
    }
    if (p.published === undefined && port !== undefined && p.hostIp === undefined) {
      // `- 8009`: the engine picks a host port. The drawing has no such publish; kept as written.
      notes.push({
        kind: 'interpreted',
        text: `service ${name} publishes container port ${p.target} on a host port the engine picks: kept as written`,
        at: p.at,
      });
    } else if (port === undefined) {
      notes.push({
        kind: 'interpreted',
        text: `service ${name} publishes container port ${p.target}/${p.protocol}, which its kind does not listen on: kept as written`,
        at: p.at,
      });
    }
    kept.push(keptPort(p));
  }
  return { publish, kept };
}

/** The model's value of one classified variable. */
export function envValueOf(v: ClassifiedVariable): EnvValue {
  const m = v.meaning;
  switch (m.kind) {
    case 'literal':
      // The value after compose's interpolation is plain text: a `${` in it was written `$${`.
      return { type: 'literal', value: escapeReferences(m.value) };
    case 'secret':
      return { type: 'secret', length: m.length };
    case 'input':
      return { type: 'input', prompt: m.prompt };
    case 'uri-with-secret':
      return { type: 'literal', value: m.uri };
  }
}

/**
 * The image a catalog component keeps as an override (Component.image): the service's own,
 * where the export would otherwise run another image — the catalog's for its kind and flavour
 * (an imported `bitnami/redis:7.4` is not the catalog's `redis:…-alpine`), or for nextAuth's
 * kinds the project's registry and tag (`settings`; without them, the ones this image alone
 * gives), which cannot say another repository name or a digest. Undefined: the export writes
 * the same image.
 */
export function imageOverride(
  facts: ServiceFacts,
  settings: ProjectSettings | undefined,
  notes: ImportNote[],
): string | undefined {
  const r = facts.recognition;
  if (r.kind === 'container') return undefined;
  const name = facts.service.name;
  if (NEXTAUTH_KINDS.has(r.kind)) {
    const target = settings ?? (r.image === null ? undefined : settingsOfImage(r.image));
    const exported = target === undefined ? undefined : settingsImage(r.kind, target);
    if (exported !== undefined && sameImage(facts.image, exported)) return undefined;
    notes.push({
      kind: 'interpreted',
      text: `service ${name} runs ${facts.image}, which the project's registry and tag for nextAuth images cannot say${exported === undefined ? '' : ` (they give ${exported})`}: kept as the component's image`,
      at: facts.service.at,
    });
    return facts.image;
  }
  const catalog = imageFor(r.kind, r.flavour);
  if (catalog !== undefined && sameImage(facts.image, catalog)) return undefined;
  notes.push({
    kind: 'interpreted',
    text: `service ${name} runs ${facts.image}, not the catalog's ${catalog ?? 'image'} for its kind: kept as the component's image`,
    at: facts.service.at,
  });
  return facts.image;
}

export interface BuiltComponent {
  readonly component: Component;
  readonly facts: ServiceFacts;
}

/**
 * One component from its service's facts and classified variables (in the service's order).
 * `settings`: the project's registry and tag for nextAuth images (settingsFrom), which decide
 * whether a nextAuth image needs an override (imageOverride).
 */
export function buildComponent(
  facts: ServiceFacts,
  id: ComponentId,
  variables: readonly ClassifiedVariable[],
  secrets: readonly [string, string][],
  notes: ImportNote[],
  settings?: ProjectSettings,
): Component {
  const r = facts.recognition;
  const isContainer = r.kind === 'container';
  const ports = isContainer ? containerPorts(facts) : undefined;
  const holder = {
    kind: r.kind,
    ...(r.flavour !== undefined ? { flavour: r.flavour } : {}),
    ...(ports ? { ports } : {}),
  };
  const split = splitPorts(facts, holder, notes);
  const override = imageOverride(facts, settings, notes);

  const environment: Record<string, EnvValue> = Object.create(null) as Record<string, EnvValue>;
  for (const v of variables) {
    // The same secret as an earlier variable (mgmt's NEXTAUTH_ROOT_APIKEY = nextauth's root API
    // key): a reference to that variable, so the export writes one value for both.
    const same = v.sameAs !== undefined && (v.meaning.kind === 'secret' || v.meaning.kind === 'input');
    environment[v.name] = same ? { type: 'literal', value: `\${${v.sameAs!.variable}}` } : envValueOf(v);
    if (same)
      notes.push({
        kind: 'interpreted',
        text: `${v.name} of ${facts.service.name} holds the same secret as ${v.sameAs!.variable} of ${v.sameAs!.service}: it references \${${v.sameAs!.variable}}`,
        at: v.at,
      });
    const m = v.meaning;
    // A password moved out of a URI into its own variable, which no other service holds: the
    // operator fills it in, on this component (the URI references it).
    if (m.kind === 'uri-with-secret' && m.sharedWith === undefined && !Object.hasOwn(environment, m.secretName))
      environment[m.secretName] = { type: 'input', prompt: `Password inside ${v.name}` };
  }
  for (const e of facts.environment)
    if (e.value === undefined)
      notes.push({
        kind: 'interpreted',
        text: `${e.name} of ${facts.service.name} is not set anywhere (compose leaves it out of the container): left out`,
        at: e.at,
      });

  const passThrough: Record<string, PassValue> = Object.create(null) as Record<string, PassValue>;
  for (const k of facts.kept) {
    passThrough[k.key] = scrubKept(k.key, `service ${facts.service.name}`, k.value, k.at, secrets, notes);
    notes.push({ kind: 'kept', text: `\`${k.key}\` of service ${facts.service.name}`, at: k.at });
  }
  if (split.kept.length > 0) passThrough.ports = split.kept;

  return {
    id,
    kind: r.kind,
    name: facts.service.name,
    ...(r.flavour !== undefined ? { flavour: r.flavour } : {}),
    replicas: facts.replicas,
    properties: {},
    environment,
    portOverrides: {},
    publish: split.publish,
    position: { x: 0, y: 0 },
    ...(isContainer ? { image: facts.image, ports: ports! } : {}),
    ...(override !== undefined ? { image: override } : {}),
    ...(Object.keys(passThrough).length > 0 ? { passThrough } : {}),
  };
}
