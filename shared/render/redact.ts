/**
 * Redaction for the audience: a copy of the project with host names, IP addresses, the image
 * registry, literal environment values and the reasons of accepted exceptions replaced by stable
 * placeholders (`host-1.example`, `192.0.2.1`, `2001:db8::1`, `registry.example`, `value-1`,
 * `reason withheld`), so a picture can be shown to a customer, or sent on, without them. Host
 * names and addresses mentioned in free text — the project's name and description, zone and
 * component names, other string properties, the prompts of operator inputs, route paths — are
 * replaced with the same placeholders; the rest of that text stays.
 *
 * The same original gets the same placeholder everywhere in the project, so whatever the checker
 * compares still agrees: the WebSocket URL in NEXTAUTH_DEFAULT_WS_URL still equals the route's
 * URL (NA003), a connection URI still names the customer database's host and account (NA034).
 * Placeholders are numbered in the order originals are first met, walking the project as the
 * file lists it — except the registry, taken first, so its host reads `registry.example` wherever
 * it is mentioned. Secrets are never in a project (a `secret` value holds only its length), so
 * nothing here has to hide one; ids, kinds, ports, paths and flags stay as they are.
 */
import type { Component, EnvValue, Project, PropertyValue, Route } from '../model/types';
import { Placeholders, REASON_PLACEHOLDER } from './redact-placeholders';

export { REASON_PLACEHOLDER, REGISTRY_PLACEHOLDER } from './redact-placeholders';

/** The project with every host, address, registry, literal value and suppression reason replaced. */
export function redactProject(project: Project): Project {
  return run(project).project;
}

/**
 * Every original string redaction replaced, in order of first appearance: whole values, host
 * names and addresses as written, the registry, the reasons. For tests that prove none of them
 * reaches a picture.
 */
export function redactedStrings(project: Project): string[] {
  return run(project).replaced;
}

function run(project: Project): { project: Project; replaced: string[] } {
  // Component ids are compose service names: URIs name them as hosts, and the file holds them anyway.
  const keepHosts = new Set(project.components.map((c) => c.id.toLowerCase()));
  // A first pass learns which strings are originals, so that no placeholder can be one of them.
  const first = new Placeholders({ keepHosts });
  walk(project, first);
  const second = new Placeholders({ keepHosts, avoid: new Set([...first.replacedKeys, ...first.replaced]) });
  return { project: walk(project, second), replaced: second.replaced };
}

function walk(project: Project, p: Placeholders): Project {
  const registry = p.registry(project.settings.registry);
  return {
    format: project.format,
    meta: { name: p.text(project.meta.name), description: p.text(project.meta.description) },
    settings: {
      ...project.settings,
      registry,
      // The reason a weaker TLS profile is accepted is withheld like a suppression's.
      ...(project.settings.tls?.reason !== undefined
        ? { tls: { ...project.settings.tls, reason: reason(project.settings.tls.reason, p) } }
        : {}),
    },
    // Hosts (format 6): a name is free text, an address a host field; components name them by id.
    ...(project.hosts !== undefined && project.hosts.length > 0
      ? {
          hosts: project.hosts.map((h) => ({
            ...h,
            name: p.text(h.name),
            ...(h.address !== undefined ? { address: p.host(h.address) } : {}),
          })),
        }
      : {}),
    zones: project.zones.map((z) => ({ ...z, name: p.text(z.name) })),
    components: project.components.map((c) => component(c, p)),
    links: project.links,
    routes: project.routes.map((r): Route => ({ ...r, host: p.host(r.host), path: p.text(r.path) })),
    suppressions: project.suppressions.map((s) => ({ ...s, reason: reason(s.reason, p) })),
  };
}

function component(c: Component, p: Placeholders): Component {
  const name = p.text(c.name);
  // Properties and variables in the order the file writes them (code-point order of their keys).
  const properties = Object.create(null) as Record<string, PropertyValue>;
  for (const key of Object.keys(c.properties).sort()) {
    const v = c.properties[key]!;
    properties[key] = typeof v !== 'string' ? v : key === 'host' ? p.host(v) : p.text(v);
  }
  const environment = Object.create(null) as Record<string, EnvValue>;
  for (const key of Object.keys(c.environment).sort()) environment[key] = envValue(c.environment[key]!, p);
  return {
    ...c,
    name,
    properties: keepOrder(c.properties, properties),
    environment: keepOrder(c.environment, environment),
  };
}

function envValue(v: EnvValue, p: Placeholders): EnvValue {
  switch (v.type) {
    case 'literal':
      return { type: 'literal', value: p.value(v.value) };
    case 'input':
      return { type: 'input', prompt: p.text(v.prompt) };
    case 'secret':
      return v;
  }
}

function reason(text: string, p: Placeholders): string {
  if (text === REASON_PLACEHOLDER) return text;
  // Recorded like any other original: the reason as a whole is what is withheld.
  p.withheld(text);
  return REASON_PLACEHOLDER;
}

/**
 * The redacted record with the original's key order. Records built with a null prototype (the
 * loader's) stay that way, so a key such as `__proto__` stays an ordinary key.
 */
function keepOrder<T>(original: Readonly<Record<string, T>>, redacted: Readonly<Record<string, T>>): Record<string, T> {
  const out = Object.create(Object.getPrototypeOf(original) as object | null) as Record<string, T>;
  for (const key of Object.keys(original)) {
    Object.defineProperty(out, key, { value: redacted[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}
