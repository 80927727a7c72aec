import type { Component } from '../../model/types';
import type { ExportOptions } from '../types';

/**
 * Which Swarm node a component's tasks may run on. Hosts are not in the model yet (issue 16,
 * item 1): when they are, the hosts item passes a function that names each component's host, and
 * placement.ts turns it into a `node.labels.portolan.host == HOST` constraint. Until then every
 * component answers undefined and only the stack's own labels place tasks.
 */
export type HostOf = (component: Component) => string | undefined;

export interface SwarmOptions extends ExportOptions {
  /** The host each component runs on (see HostOf); none by default. */
  readonly hostOf?: HostOf;
}
