import { isDeployed } from '../../catalog/index';
import { DEFAULT_NETWORK } from '../../model/constraints';
import { isInternalNetwork, networkNamed, setComponentNetworks } from '../../model/networks';
import type { ComponentId, Project } from '../../model/types';
import { componentRef, linkRef, named, routeRef } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { declaredMembership, listNetworks, onNetworks } from './networks';

/**
 * A connection the compose networks do not carry: a link or a route between two containers that
 * share no network (Docker resolves and routes a service name only on a shared network), or a
 * link from a container to a server outside this deployment (an external service, a database
 * the customer runs) when all the container's networks are internal (no route out). Only where
 * the project declares its networks; Portolan's own networks carry whatever is drawn.
 */
export const NA049: Rule = {
  id: 'NA049',
  name: 'no-shared-network',
  title: 'A connection the compose networks do not carry',
  severity: 'error',
  docs: DOCS.composeNetworks,
  why: 'Containers reach each other only over a compose network they are both on, and the outside world only over one that is not internal; otherwise the connection fails in the running stack.',
  *check(ctx) {
    const membership = declaredMembership(ctx.project);
    if (membership === undefined) return;
    const of = (id: string) => membership.get(id as ComponentId) ?? [];
    const shares = (a: string, b: string) => {
      const theirs = new Set(of(b));
      return of(a).some((n) => theirs.has(n));
    };
    const internalOnly = (id: string) => of(id).every((n) => isInternalNetwork(networkNamed(ctx.project, n)));
    for (const l of ctx.project.links) {
      const from = ctx.componentById.get(l.from);
      const to = ctx.componentById.get(l.to);
      if (!onNetworks(from) || to === undefined || from === to) continue;
      if (!isDeployed(to)) {
        if (!internalOnly(from.id)) continue;
        yield {
          message: `${named(from)} connects to ${named(to)}:${l.port} outside this deployment, but its only networks are internal (${listNetworks(of(from.id))}), with no route out; put it on a network that is not internal too`,
          elements: [linkRef(l), componentRef(from), componentRef(to)],
        };
        continue;
      }
      if (!onNetworks(to) || shares(from.id, to.id)) continue;
      yield {
        message: `${named(from)} connects to ${named(to)}:${l.port}, but they share no compose network (${named(from)}: ${listNetworks(of(from.id))}; ${named(to)}: ${listNetworks(of(to.id))}); put both on one network`,
        elements: [linkRef(l), componentRef(from), componentRef(to)],
      };
    }
    for (const r of ctx.project.routes) {
      const via = ctx.componentById.get(r.via);
      const target = ctx.componentById.get(r.target);
      if (!onNetworks(via) || !onNetworks(target) || via === target || shares(via.id, target.id)) continue;
      yield {
        message: `${named(via)} forwards ${r.host}${r.path} to ${named(target)}:${r.port}, but they share no compose network (${named(via)}: ${listNetworks(of(via.id))}; ${named(target)}: ${listNetworks(of(target.id))}); put both on one network`,
        elements: [routeRef(r), componentRef(via), componentRef(target)],
      };
    }
  },
  fix: {
    applies: (d, project) => joining(project, d) !== undefined,
    title: (d, project) => {
      const j = joining(project, d);
      return j === undefined ? '' : `Put ${named(j.source)} on network ${j.network} too`;
    },
    apply(project, d) {
      const j = joining(project, d);
      if (j === undefined) return project;
      return setComponentNetworks(project, j.source.id, [...j.current, j.network]);
    },
  },
};

/**
 * The fix: the calling side (the link's source, or the entry point) joins the first network of
 * the other side, or — to reach outside the deployment — the first declared network that is not
 * internal (compose's `default` when none is declared otherwise).
 */
function joining(project: Project, d: { readonly elements: readonly { readonly id: string }[] }) {
  const source = project.components.find((c) => c.id === d.elements[1]?.id);
  const target = project.components.find((c) => c.id === d.elements[2]?.id);
  const membership = declaredMembership(project);
  if (source === undefined || target === undefined || membership === undefined) return undefined;
  const current = membership.get(source.id) ?? [];
  const open = [...(project.networks ?? []).map((n) => n.name), DEFAULT_NETWORK].find(
    (n) => !current.includes(n) && !isInternalNetwork(networkNamed(project, n)),
  );
  const network = isDeployed(target) ? membership.get(target.id)?.[0] : open;
  if (network === undefined || current.includes(network)) return undefined;
  return { source, network, current };
}
