import { isDeployed } from '../../catalog/index';
import { DEFAULT_NETWORK, isEntryPoint } from '../../model/constraints';
import { isInternalNetwork, networkNamed } from '../../model/networks';
import type { DeploymentPlan } from '../plan';
import type { YamlNode } from '../yaml';

/**
 * The stack's overlay networks, in the compose export's design: Portolan's `edge` faces the entry
 * points and has a way out; `backend` is `internal: true`, so the database and Redis have no route
 * to or from anything but the stack's own services, and only what joins `edge` too (nextauth)
 * reaches outside. A project that declares networks runs on exactly those, each an overlay,
 * internal where the project says so, external ones left as they are.
 * - Encrypted (IPsec between nodes): the traffic carries database passwords and session data
 *   from node to node, which the host network would otherwise see in clear.
 * - Attachable only where a caller outside the stack must join to reach a service (the business
 *   application calling the REST API, as DEPLOYMENT.md's firewall table says): Swarm lets a plain
 *   container onto an overlay network only when it is attachable.
 */

const OVERLAY = { driver: 'overlay', driver_opts: { encrypted: 'true' } } as const;

/** The network an outside caller joins to reach a service on `on` (deployment-network.ts's choice). */
function callerNetwork(plan: DeploymentPlan, on: readonly string[]): string | undefined {
  if (plan.networks === undefined) return on.includes('edge') ? 'edge' : on[0];
  return on.find((n) => !isInternalNetwork(networkNamed(plan.project, n))) ?? on[0];
}

/** Networks outside callers attach to. */
export function attachableNetworks(plan: DeploymentPlan): Set<string> {
  const byId = new Map(plan.project.components.map((c) => [c.id as string, c]));
  const networksOf = new Map(plan.services.map((s) => [s.name, s.networks]));
  const out = new Set<string>();
  for (const l of plan.project.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (!from || !to || isDeployed(from) || !isDeployed(to) || isEntryPoint(to)) continue;
    const n = callerNetwork(plan, networksOf.get(to.id) ?? []);
    if (n !== undefined) out.add(n);
  }
  return out;
}

export function stackNetworks(plan: DeploymentPlan): Record<string, YamlNode> {
  const attachable = attachableNetworks(plan);
  const extra = (name: string): Record<string, YamlNode> => (attachable.has(name) ? { attachable: true } : {});
  const out = Object.create(null) as Record<string, YamlNode>;
  const used = new Set(plan.services.flatMap((s) => s.networks));
  if (plan.networks === undefined) {
    if (used.has('edge')) out.edge = { ...OVERLAY, ...extra('edge') };
    if (used.has('backend')) out.backend = { ...OVERLAY, internal: true, ...extra('backend') };
    return out;
  }
  for (const n of plan.networks) {
    const kept = n.passThrough ?? {};
    if (kept.external === true) {
      // The operator's own network: it must exist as an attachable overlay before the deploy (README.md).
      out[n.name] = { external: true, ...(typeof kept.name === 'string' ? { name: kept.name } : {}) };
      continue;
    }
    out[n.name] = {
      ...OVERLAY,
      ...(isInternalNetwork(n) ? { internal: true } : {}),
      ...extra(n.name),
    };
  }
  // Compose's `default` network, when a service joins it without a declaration: an overlay too.
  if (used.has(DEFAULT_NETWORK) && !(DEFAULT_NETWORK in out))
    out[DEFAULT_NETWORK] = { ...OVERLAY, ...extra(DEFAULT_NETWORK) };
  return out;
}
