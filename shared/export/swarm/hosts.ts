import { componentHostIds, declaresHosts, hostsOf, instancesOn } from '../../model/hosts';
import type { Component, Host, Project } from '../../model/types';
import type { PlanService } from '../plan';
import { HOST_LABEL, type NodeLabel } from './placement';
import { startsFirst } from './service';
import type { HostOf, SpreadLimit } from './types';

/**
 * The drawing's hosts as Swarm placement, from model/hosts.ts (the one placement home): a host is
 * the node (or nodes) labelled `portolan.host=ID`. A component on exactly one host is constrained
 * to it; one spread over several gets no constraint — Swarm constraints are all ANDed, there is
 * no "host a or host b" — but a spread preference over the label (placement.ts) and, where it
 * cannot block the deployment, a per-node cap that keeps the drawn round robin (spreadLimitOf).
 * A project without declared hosts gets neither hook, so its stack is what it was before hosts.
 */

/** The one host a component is pinned to; undefined when it is spread over several or the project declares none. */
export function declaredHostOf(project: Project): HostOf | undefined {
  if (!declaresHosts(project)) return undefined;
  return (c: Component) => {
    const ids = componentHostIds(project, c);
    return ids.length === 1 ? ids[0] : undefined;
  };
}

/**
 * `max_replicas_per_node` for a component spread over several hosts: the most instances the
 * drawing puts on one host (round robin: ceil(replicas / hosts)). With one node per host, as
 * README.md asks, the cap admits every replica. A rolling update that starts the new task first
 * needs one slot more than the replicas; when the hosts divide the replicas evenly every slot is
 * taken and the update would wait forever for a free node, so such a service gets no cap (the
 * spread preference alone places it). A service that stops the old task first never needs it.
 */
export function spreadLimitOf(project: Project): SpreadLimit | undefined {
  if (!declaresHosts(project)) return undefined;
  return (s: PlanService) => {
    const c = s.component;
    const ids = componentHostIds(project, c);
    if (ids.length < 2 || s.replicas < 2) return undefined;
    const most = Math.max(...ids.map((id) => instancesOn(project, c, id)));
    if (startsFirst(s) && most * ids.length <= s.replicas) return undefined;
    return most;
  };
}

/** What README.md says to find a host's node by: its address, or that the drawing has none. */
const nodeHint = (h: Host): string =>
  h.address !== undefined ? `the node at ${h.address}` : 'its node (the drawing gives no address)';

/** "runs lb, mgmt" — the services with at least one instance on the host. */
function runningOn(project: Project, services: readonly PlanService[], h: Host): string {
  const names = services.filter((s) => instancesOn(project, s.component, h.id) > 0).map((s) => s.name);
  return names.length > 0 ? `runs ${names.join(', ')}` : 'no instance yet; replicas may move there';
}

/**
 * One `portolan.host=ID` label per declared host that runs a service of the stack, in the
 * project's host order, with the host's name and address so the operator finds the node.
 */
export function hostLabels(project: Project, services: readonly PlanService[]): NodeLabel[] {
  if (!declaresHosts(project)) return [];
  const used = new Set(services.flatMap((s) => componentHostIds(project, s.component)));
  return hostsOf(project)
    .filter((h) => used.has(h.id))
    .map((h) => ({
      key: HOST_LABEL,
      value: h.id,
      why: `${nodeHint(h)}, host ${JSON.stringify(h.name)} of the drawing (${runningOn(project, services, h)})`,
    }));
}
