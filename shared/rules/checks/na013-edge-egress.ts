import { removeLinks, type LinkId } from '../../model/index';
import type { Component } from '../../model/types';
import { componentRef, linkRef, named, type CheckContext } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

const EXTERNAL_KINDS = new Set(['push-fcm', 'push-apns', 'license-server']);

/** Outside the deployment: an external service, a customer-run database, or anything on the internet. */
export function isOutside(ctx: CheckContext, c: Component): boolean {
  if (EXTERNAL_KINDS.has(c.kind) || c.properties.external === true) return true;
  const zone = c.zone === undefined ? undefined : ctx.zoneById.get(c.zone);
  return zone?.kind === 'internet';
}

export const NA013: Rule = {
  id: 'NA013',
  name: 'edge-egress',
  title: 'mgmt or portmap connects outside the deployment',
  severity: 'warning',
  docs: DOCS.outgoing,
  why: 'Only nextauth talks to the outside world; opening egress for mgmt or portmap widens the attack surface for nothing.',
  *check(ctx) {
    for (const c of [...ctx.ofKind('nextauth-mgmt'), ...ctx.ofKind('nextauth-portmap')]) {
      for (const link of ctx.linksFrom(c.id)) {
        const target = ctx.componentById.get(link.to);
        if (target === undefined || !isOutside(ctx, target)) continue;
        yield {
          message: `${named(c)} connects to ${named(target)} outside the deployment; only nextauth needs outgoing connections`,
          elements: [linkRef(link), componentRef(c), componentRef(target)],
        };
      }
    }
  },
  fix: {
    title: () => 'Remove the outgoing connection',
    apply: (project, d) =>
      removeLinks(project, new Set(d.elements.filter((e) => e.type === 'link').map((e) => e.id as LinkId))),
  },
};
