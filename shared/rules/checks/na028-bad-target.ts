import { componentPort, getKind } from '../../catalog/index';
import type { Component } from '../../model/types';
import { componentRef, isEntryPoint, linkRef, named, routeRef, type CheckContext } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/** Whether an entry point in `via`'s zone can forward to `target`. Components without a zone are on the compose network. */
function reachable(ctx: CheckContext, via: Component, target: Component): boolean {
  const zone = target.zone === undefined ? undefined : ctx.zoneById.get(target.zone);
  if (zone === undefined) return true;
  if (zone.kind === 'internet') return false;
  return zone.kind !== 'host' || zone.id === via.zone;
}

export const NA028: Rule = {
  id: 'NA028',
  name: 'bad-target',
  title: 'Route or connection to something that cannot receive it',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'A route or connection must end at a port the component really has, served by an entry point that can reach it.',
  *check(ctx) {
    for (const route of ctx.project.routes) {
      const via = ctx.componentById.get(route.via);
      const target = ctx.componentById.get(route.target);
      if (via === undefined || target === undefined) {
        yield { message: `route ${route.id} refers to a component that does not exist`, elements: [routeRef(route)] };
        continue;
      }
      if (!isEntryPoint(via)) {
        yield {
          message: `route ${route.id} is served by ${named(via)}, a ${getKind(via.kind).label}; only portmap or a reverse proxy serves public URLs`,
          elements: [routeRef(route), componentRef(via)],
        };
      }
      if (componentPort(target, route.port) === undefined) {
        yield {
          message: `route ${route.id} targets port "${route.port}" of ${named(target)}, which has no such port`,
          elements: [routeRef(route), componentRef(target)],
        };
      } else if (isEntryPoint(via) && !reachable(ctx, via, target)) {
        yield {
          message: `${named(via)} cannot reach ${named(target)} in zone "${ctx.zoneById.get(target.zone!)?.name}"`,
          elements: [routeRef(route), componentRef(target), componentRef(via)],
        };
      }
    }
    for (const link of ctx.project.links) {
      const from = ctx.componentById.get(link.from);
      const to = ctx.componentById.get(link.to);
      if (from === undefined || to === undefined) {
        yield { message: `connection ${link.id} refers to a component that does not exist`, elements: [linkRef(link)] };
      } else if (from === to) {
        yield { message: `${named(from)} is connected to itself`, elements: [linkRef(link), componentRef(from)] };
      } else if (componentPort(to, link.port) === undefined) {
        yield {
          message: `${named(from)} connects to port "${link.port}" of ${named(to)}, which has no such port`,
          elements: [linkRef(link), componentRef(to)],
        };
      }
    }
  },
};
