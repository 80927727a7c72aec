import { isDeployed } from '../../catalog/index';
import { isEntryPoint } from '../../model/constraints';
import { hasNetworkMode, networkMembership } from '../../model/networks';
import type { Component, ComponentId, Project } from '../../model/types';

/**
 * What the network rules (NA049–NA051) share: they apply to a project that declares its compose
 * networks (an import), where the export writes exactly those, so the drawing's connections
 * must hold on them. A drawing without declared networks is exported on Portolan's own, which
 * connect whatever is drawn.
 */

/** The memberships to check, or undefined for a project that does not declare networks. */
export function declaredMembership(project: Project): Map<ComponentId, readonly string[]> | undefined {
  return project.networks === undefined ? undefined : networkMembership(project);
}

/** A container of this export whose networks decide what it reaches (not one in a kept `network_mode`). */
export const onNetworks = (c: Component | undefined): c is Component =>
  c !== undefined && isDeployed(c) && !hasNetworkMode(c);

/** Whether the compose export publishes host ports of the component (plan.ts: entry points, custom containers, kept `ports`). */
export function publishesPorts(c: Component): boolean {
  const kept = c.passThrough?.ports;
  return (
    ((isEntryPoint(c) || c.kind === 'container') && c.publish.length > 0) || (Array.isArray(kept) && kept.length > 0)
  );
}

export const listNetworks = (names: readonly string[]): string =>
  names.length === 0 ? 'none' : names.map((n) => JSON.stringify(n).slice(1, -1).slice(0, 40)).join(', ');
