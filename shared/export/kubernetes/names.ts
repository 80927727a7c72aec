import { renamedProject } from '../renamed-project';
import type { Project } from '../../model/types';

/**
 * Kubernetes names for a project's components. A Service is found by its name (DNS), and the
 * plan writes every connection URI, upstream and Sentinel `monitor` line with the component id
 * as host name — so the Kubernetes export plans a copy of the project whose ids *are* the
 * Service names, and every address the plan writes then resolves in the cluster unchanged.
 *
 * A Service name is an RFC 1035 label: lower-case letters, digits and `-`, starting with a letter,
 * at most 63 characters. Project ids also allow upper case, `_` and `.` and may start with a
 * digit, so some are changed (`MainDB` → `maindb`, `sql_1` → `sql-1`, `1st` → `c-1st`).
 */

/** Longest name given to a component: room for the `-public` Service beside it (63 in all). */
const MAX_BASE = 56;
const PUBLIC_SUFFIX = '-public';
/** Names of the export's own objects start with this; a component's never does. */
export const OWN_PREFIX = 'portolan-';

/** An RFC 1035 label from any text: lower case, runs of other characters become one `-`. */
export function dnsLabel(text: string, max = 63): string {
  let s = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(s)) s = s === '' ? 'c' : `c-${s}`;
  return s.slice(0, max).replace(/-+$/, '');
}

export interface KubernetesNames {
  /** The project with every component id replaced by its Kubernetes name (links, routes, suppressions too). */
  readonly project: Project;
  /** Kubernetes name → the component id in the project file, for comments an operator can trace back. */
  readonly originalId: ReadonlyMap<string, string>;
}

/** The name of the Service that publishes a component's ports outside the cluster. */
export const publicServiceName = (name: string): string => `${name}${PUBLIC_SUFFIX}`;

/**
 * Renames every component to a unique Kubernetes name, in project order. A name and its
 * `-public` companion are both reserved, so `a` and a component called `a-public` never clash;
 * a name taken already gets `-2`, `-3`, …
 */
export function kubernetesNames(project: Project): KubernetesNames {
  const taken = new Set<string>();
  const rename = new Map<string, string>();
  const originalId = new Map<string, string>();
  for (const c of project.components) {
    let base = dnsLabel(c.id, MAX_BASE);
    if (base.startsWith(OWN_PREFIX)) base = dnsLabel(`c-${base}`, MAX_BASE);
    let name = base;
    for (let n = 2; taken.has(name) || taken.has(publicServiceName(name)); n++) {
      const suffix = `-${n}`;
      name = `${base.slice(0, MAX_BASE - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    taken.add(name);
    taken.add(publicServiceName(name));
    rename.set(c.id, name);
    originalId.set(name, c.id);
  }
  return { project: renamedProject(project, rename), originalId };
}

/**
 * An RFC 1123 subdomain (what most object names must be) from a prefix and a host name: at most
 * 253 characters, lower case, dots kept. Host names are checked by the rules; anything else is
 * replaced, never written.
 */
export function subdomainWith(prefix: string, host: string): string {
  const s = host
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '');
  return `${prefix}${s}`.slice(0, 253).replace(/[.-]+$/, '');
}

/** The Secret holding a host's certificate and key (`kubectl create secret tls`). */
export const tlsSecretName = (host: string): string => subdomainWith('tls-', host);

/**
 * A port name Kubernetes accepts (IANA service name: at most 15 characters of lower-case letters,
 * digits and single `-`, with a letter), or `port-NUMBER` where the catalog's or a custom
 * container's port name is not one. Named ports must be unique in a pod, so `used` is updated.
 */
export function portName(name: string, number: number, used: Set<string>): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  let out = s.length > 0 && s.length <= 15 && /[a-z]/.test(s) ? s : `port-${number}`;
  for (let n = 2; used.has(out); n++) out = `p${n}-${number}`.slice(0, 15);
  used.add(out);
  return out;
}
