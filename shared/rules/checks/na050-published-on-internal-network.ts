import { isInternalNetwork, networkNamed } from '../../model/networks';
import type { ComponentId } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { declaredMembership, listNetworks, onNetworks, publishesPorts } from './networks';

/**
 * A container that publishes host ports but is only on `internal: true` networks: Docker does
 * not publish ports of a container without a route out, so the ports would silently stay closed.
 */
export const NA050: Rule = {
  id: 'NA050',
  name: 'published-on-internal-network',
  title: 'Published ports on internal networks only',
  severity: 'error',
  docs: DOCS.composeNetworks,
  why: 'Docker publishes no host port of a container whose only networks are internal, so nobody outside could reach it.',
  *check(ctx) {
    const membership = declaredMembership(ctx.project);
    if (membership === undefined) return;
    for (const c of ctx.project.components) {
      if (!onNetworks(c) || !publishesPorts(c)) continue;
      const networks = membership.get(c.id as ComponentId) ?? [];
      if (networks.length === 0 || !networks.every((n) => isInternalNetwork(networkNamed(ctx.project, n)))) continue;
      yield {
        message: `${named(c)} publishes host ports, but its only networks are internal (${listNetworks(networks)}), where Docker publishes none; put it on a network that is not internal too`,
        elements: [componentRef(c)],
      };
    }
  },
};
