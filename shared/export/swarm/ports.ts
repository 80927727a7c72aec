import { isEntryPoint } from '../../model/constraints';
import type { PlanService } from '../plan';
import type { YamlNode } from '../yaml';

/**
 * Published ports in the long syntax, each with its mode, and the comment that says why:
 * - an entry point (reverse proxy, portmap) publishes in `host` mode: the routing mesh
 *   (`ingress`) would hand its connections over from whichever node received them with the
 *   node's own address as source, so the proxy, nextAuth's logs and any rate limit would see
 *   the mesh instead of the client; in host mode only the nodes running the proxy listen, and
 *   placement.ts pins it to the edge nodes DNS points at (Swarm never puts two of its tasks on
 *   one node, as they would take the same port);
 * - any other container that publishes (a custom container) uses `ingress`: reachable on every
 *   node whichever node runs it, which is what a port published by compose on the one host meant.
 * Swarm binds every address of a node: a compose bind address has no Swarm equivalent. A port the
 * compose export binds to one address only (loopback for a proxy's non-public port, an address
 * the architect chose) is therefore not published at all — publishing it on every address would
 * open what the drawing keeps closed — and README.md names it.
 */

export type PublishMode = 'host' | 'ingress';

export const publishMode = (s: PlanService): PublishMode => (isEntryPoint(s.component) ? 'host' : 'ingress');

export const PORTS_NOTE: Readonly<Record<PublishMode, string>> = {
  host: ' host mode: clients reach the nodes running this entry point directly and keep their own source address\n (the ingress mesh would replace it); the edge node label places it where DNS points.',
  ingress: ' ingress mode: published on every node through the routing mesh, whichever node runs the task.',
};

const WILDCARDS = new Set(['0.0.0.0', '::']);

/** Whether compose binds the port on every address (the plan's IPv4/IPv6 pair), as Swarm does. */
const everyAddress = (p: PlanService['ports'][number]): boolean => p.binds.every((b) => WILDCARDS.has(b));

/**
 * One entry per published port bound on every address: the plan's IPv4/IPv6 pair, or two
 * publishes of one port on `0.0.0.0` and `::`, are one Swarm entry (the schema refuses repeats).
 */
export function publishedPorts(s: PlanService): YamlNode[] {
  const mode = publishMode(s);
  const seen = new Set<string>();
  const out: YamlNode[] = [];
  for (const p of s.ports.filter(everyAddress)) {
    const protocol = p.protocol ?? 'tcp';
    const key = `${p.hostPort}/${protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ target: p.containerPort, published: p.hostPort, protocol, mode });
  }
  return out;
}

/** Ports compose binds to one address only, left unpublished here (README.md names them). */
export function unpublishedPorts(s: PlanService): { readonly hostPort: number; readonly binds: readonly string[] }[] {
  return s.ports.filter((p) => !everyAddress(p)).map((p) => ({ hostPort: p.hostPort, binds: p.binds }));
}
