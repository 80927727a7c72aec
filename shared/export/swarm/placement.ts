import { isEntryPoint } from '../../model/constraints';
import type { PlanService } from '../plan';
import type { YamlNode } from '../yaml';
import type { HostOf, SpreadLimit } from './types';

/**
 * `deploy.placement` of a service. Swarm reschedules a failed task on any node that fits, so:
 * - a service with a data volume (database, Redis) is pinned to the node labelled for its data:
 *   a local volume does not follow a task to another node, and a database that started on an
 *   empty volume elsewhere would look like lost data;
 * - an entry point publishes in `host` mode (ports.ts), so clients reach only the nodes it runs
 *   on: it is pinned to the nodes labelled as the edge, where DNS points;
 * - replicas spread over `node.labels.portolan.host` — the label each declared host's node
 *   carries; nodes without it count as one group, so without hosts the scheduler's own spread
 *   over nodes applies;
 * - with hosts (HostOf), a component's one host becomes a constraint on that same label (the
 *   spread over it would then be moot, so none is written); a component on several hosts keeps
 *   the spread and may get `max_replicas_per_node` (hosts.ts: spreadLimitOf).
 * The labels are the operator's to set (`docker node update --label-add`); README.md lists them.
 */

export const HOST_LABEL = 'portolan.host';

/** The node label and value a constraint requires, for README.md's `--label-add` lines. */
export interface NodeLabel {
  readonly key: string;
  readonly value: string;
  readonly why: string;
}

export const dataLabel = (stack: string, service: string): NodeLabel => ({
  key: `${stack}.data.${service}`,
  value: 'true',
  why: `the node that keeps the data volume of ${service}`,
});

export const edgeLabel = (stack: string): NodeLabel => ({
  key: `${stack}.edge`,
  value: 'true',
  why: 'the nodes that run the entry points and receive the public traffic (point DNS at them)',
});

/** The labels a service's placement requires (empty: it may run on any node). */
export function requiredLabels(service: PlanService, stack: string, hostOf?: HostOf): NodeLabel[] {
  const labels: NodeLabel[] = [];
  if (service.volumes.length > 0) labels.push(dataLabel(stack, service.name));
  if (isEntryPoint(service.component) && service.ports.length > 0) labels.push(edgeLabel(stack));
  const host = hostOf?.(service.component);
  if (host !== undefined) labels.push({ key: HOST_LABEL, value: host, why: `host ${host}` });
  return labels;
}

export function placementOf(
  service: PlanService,
  stack: string,
  hostOf?: HostOf,
  spreadLimit?: SpreadLimit,
): YamlNode | undefined {
  const pinned = hostOf?.(service.component) !== undefined;
  const constraints = requiredLabels(service, stack, hostOf).map((l) => `node.labels.${l.key} == ${l.value}`);
  const spread = service.replicas > 1 && !pinned ? [{ spread: `node.labels.${HOST_LABEL}` }] : [];
  const perNode = pinned ? undefined : spreadLimit?.(service);
  if (constraints.length === 0 && spread.length === 0) return undefined;
  return {
    ...(constraints.length > 0 ? { constraints } : {}),
    ...(spread.length > 0 ? { preferences: spread } : {}),
    ...(perNode !== undefined ? { max_replicas_per_node: perNode } : {}),
  };
}
