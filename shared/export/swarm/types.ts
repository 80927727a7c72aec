import type { Component } from '../../model/types';
import type { PlanService } from '../plan';
import type { ExportOptions } from '../types';

/**
 * Which Swarm node a component's tasks may run on: the one host it is drawn on, which
 * placement.ts turns into a `node.labels.portolan.host == HOST` constraint; undefined for a
 * component on several hosts or none. The export derives it from the project's hosts (hosts.ts:
 * declaredHostOf); a caller may pass its own.
 */
export type HostOf = (component: Component) => string | undefined;

/** `max_replicas_per_node` of a service spread over several hosts, or undefined for none (hosts.ts: spreadLimitOf). */
export type SpreadLimit = (service: PlanService) => number | undefined;

export interface SwarmOptions extends ExportOptions {
  /** The host each component runs on (see HostOf); by default the one host the project draws it on. */
  readonly hostOf?: HostOf;
}
