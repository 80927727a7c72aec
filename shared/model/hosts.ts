import { isDeployed } from '../catalog/index';
import { hasControlCharacters, isHostname, MAX_NAME_LENGTH } from './constraints';
import { isIpAddress } from './ip-address';
import type { Component, Host, HostId, Project } from './types';

/**
 * Where containers run: the one home for "which host runs replica i of component c" and "how
 * many instances of c run on each host". Every rule (NA007, NA054–NA057), the inspector's
 * "Runs on" field, and — next — the compose export per host (one folder per host), the canvas's
 * host regions and Swarm/Kubernetes placement call these functions and nothing else:
 *
 * - the compose export per host: `hostsOf` for the folders, `instancesOn(project, c, host)` for
 *   each host's `deploy.replicas` (or whether the service is in that host's file at all), and
 *   `crossesHosts` for the links that go through a published port and the operator's address;
 * - the canvas: `hostsOf` and `componentHostIds` to draw each host's region around its components;
 * - Swarm placement: shared/export/swarm/types.ts's `HostOf` hook takes one host per component —
 *   `componentHostIds(project, c)` when it has exactly one (a `node.labels.portolan.host == ID`
 *   constraint); a component spread over several cannot be one constraint (Swarm has no "or"), so
 *   it gets none and a `spread` preference over the label, with `replicaSpread` for the README;
 * - Kubernetes: the same one-host case as a nodeSelector, several hosts as node affinity `In`.
 *
 * A project that declares no hosts has one implicit host (IMPLICIT_HOST), so callers never
 * branch on "hosts or not"; `declaresHosts` says which case it is for messages and rules that
 * only make sense with declared hosts.
 */

/**
 * The host of a project that declares none. Its id is empty, which no declared host can have
 * (ids follow ID_PATTERN), so it never collides with one.
 */
export const IMPLICIT_HOST: Host = { id: '' as HostId, name: 'the one host' };

/** Whether the project declares hosts (format 6); absent or empty is the implicit one. */
export const declaresHosts = (project: Pick<Project, 'hosts'>): boolean => (project.hosts?.length ?? 0) > 0;

/** The project's hosts, in order: the declared ones, or the implicit one. Never empty. */
export function hostsOf(project: Pick<Project, 'hosts'>): readonly Host[] {
  return declaresHosts(project) ? project.hosts! : [IMPLICIT_HOST];
}

/**
 * Whether a component runs as a container on a host: the catalog's deployable kinds (nextAuth's
 * servers, proxies, in-cluster data services, custom containers) unless marked external. Clients
 * and internet services run nowhere the project places.
 */
export const runsOnAHost = (c: Pick<Component, 'kind' | 'properties'>): boolean => isDeployed(c);

/**
 * The hosts a component's replicas are spread over, in order: its own list without ids the project
 * does not declare, or the project's first host when that leaves nothing. Empty for a component
 * that runs on no host.
 */
export function componentHostIds(project: Pick<Project, 'hosts'>, c: Component): readonly HostId[] {
  if (!runsOnAHost(c)) return [];
  const hosts = hostsOf(project);
  if (c.hosts !== undefined && c.hosts.length > 0 && declaresHosts(project)) {
    const known = new Set(hosts.map((h) => h.id));
    const own = [...new Set(c.hosts)].filter((id) => known.has(id));
    if (own.length > 0) return own;
  }
  return [hosts[0]!.id];
}

/** The host with this id, the implicit one for its empty id. */
export function findHost(project: Pick<Project, 'hosts'>, id: HostId): Host | undefined {
  return hostsOf(project).find((h) => h.id === id);
}

/** The host replica `i` (0-based) of `c` runs on: hosts[i % n], round robin. Undefined when `c` runs on no host. */
export function replicaHost(project: Pick<Project, 'hosts'>, c: Component, i: number): Host | undefined {
  const ids = componentHostIds(project, c);
  if (ids.length === 0 || !Number.isInteger(i) || i < 0) return undefined;
  return findHost(project, ids[i % ids.length]!);
}

/** How many of `c`'s replicas one host runs (round robin: the first `replicas % n` hosts take one more). */
export function instancesOn(project: Pick<Project, 'hosts'>, c: Component, host: HostId): number {
  const ids = componentHostIds(project, c);
  const at = ids.indexOf(host);
  if (at < 0) return 0;
  const n = ids.length;
  return Math.floor(c.replicas / n) + (at < c.replicas % n ? 1 : 0);
}

export interface HostShare {
  readonly host: Host;
  /** Replicas of the component on it, at least 1. */
  readonly instances: number;
}

/**
 * The component's instances per host, in its hosts' order, hosts without one left out (three
 * hosts and two replicas: two shares). Empty for a component that runs on no host.
 */
export function replicaSpread(project: Pick<Project, 'hosts'>, c: Component): readonly HostShare[] {
  const out: HostShare[] = [];
  for (const id of componentHostIds(project, c)) {
    const instances = instancesOn(project, c, id);
    const host = findHost(project, id);
    if (instances > 0 && host !== undefined) out.push({ host, instances });
  }
  return out;
}

/** "3 replicas: host-a ×2, host-b ×1" — the spread in words, as the inspector shows it. */
export function spreadText(project: Pick<Project, 'hosts'>, c: Component): string {
  const shares = replicaSpread(project, c);
  const count = `${c.replicas} replica${c.replicas === 1 ? '' : 's'}`;
  if (shares.length === 0) return `${count}: on no host`;
  return `${count}: ${shares.map((s) => `${s.host.name} ×${s.instances}`).join(', ')}`;
}

/**
 * Whether a link from `from` to `to` leaves a host: some host running `from` runs no instance of
 * `to`, so at least one replica reaches it over the network between hosts (through a published
 * port on the target's host). False when either end runs on no host.
 */
export function crossesHosts(project: Pick<Project, 'hosts'>, from: Component, to: Component): boolean {
  const targets = new Set(replicaSpread(project, to).map((s) => s.host.id));
  if (targets.size === 0) return false;
  return replicaSpread(project, from).some((s) => !targets.has(s.host.id));
}

/** Why a host name cannot be used, or undefined: not empty, one line, at most MAX_NAME_LENGTH, unique case-insensitively. */
export function hostNameProblem(name: string, project: Pick<Project, 'hosts'>, self?: HostId): string | undefined {
  const t = name.trim();
  if (t === '') return 'a host needs a name';
  if (t !== name) return 'a host name has no leading or trailing spaces';
  if (hasControlCharacters(name)) return 'a host name is one line of printable characters';
  if (name.length > MAX_NAME_LENGTH) return `a host name has at most ${MAX_NAME_LENGTH} characters`;
  const other = (project.hosts ?? []).find((h) => h.id !== self && h.name.toLowerCase() === name.toLowerCase());
  return other === undefined ? undefined : `another host is already called "${other.name}"`;
}

/**
 * Why an address cannot be used, or undefined: an RFC 1123 host name or an IP address (IPv4 or
 * IPv6 without brackets, as Docker reads them) — what other hosts dial and the export writes.
 */
export function hostAddressProblem(address: string): string | undefined {
  if (address === '') return 'an empty address; leave it out to have the export ask for it';
  if (isIpAddress(address)) return undefined;
  // All-digit labels (10.0.0.256, 1.2.3) pass RFC 1123 but are a mistyped IP address, not a name.
  if (isHostname(address) && !/^[0-9.]+$/.test(address)) return undefined;
  return `${JSON.stringify(address.slice(0, 80))} is neither a DNS name (like node-1.example.com) nor an IP address (like 10.0.0.5)`;
}
