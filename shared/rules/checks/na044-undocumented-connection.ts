import { getKind } from '../../catalog/index';
import { removeLinks, type LinkId } from '../../model/index';
import type { ComponentKind } from '../../model/types';
import { componentRef, linkRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { isOutside } from './na013-edge-egress';

/** The nextAuth images, whose every connection the networking page lists (reference §2A). */
const NEXTAUTH_IMAGES: readonly ComponentKind[] = ['nextauth', 'nextauth-mgmt', 'nextauth-portmap'];

/** Per image, the kinds it is documented to connect to (the catalog's egress, any port: S1 names no ports for mgmt). */
const DOCUMENTED = new Map<ComponentKind, ReadonlySet<ComponentKind>>(
  NEXTAUTH_IMAGES.map((kind) => [kind, new Set(getKind(kind).egress.map((e) => e.to))]),
);

/**
 * Reference §2A: nextauth connects to the license server, the push services, its database and
 * Redis (or Sentinel); nextauth-mgmt and nextauth-portmap connect to the nextauth container(s)
 * (and portmap to mgmt, whose interfaces it maps). A drawn connection outside that list — mgmt
 * to the database, portmap to Redis, nextauth to mgmt — is nothing the images do, and the
 * export writes no configuration, firewall row or variable for it, so the picture shows a
 * connection the running stack does not have. Connections from mgmt or portmap to something
 * outside the deployment are NA013's (a warning: they widen the attack surface).
 */
export const NA044: Rule = {
  id: 'NA044',
  name: 'undocumented-connection',
  title: 'A nextAuth container connects to something the docs do not list',
  severity: 'info',
  docs: DOCS.outgoing,
  why: 'The networking page lists every connection the nextAuth containers open; one outside that list is not made by the running stack, and Portolan exports nothing for it.',
  *check(ctx) {
    for (const kind of NEXTAUTH_IMAGES) {
      const documented = DOCUMENTED.get(kind)!;
      for (const from of ctx.ofKind(kind)) {
        for (const link of ctx.linksFrom(from.id)) {
          const to = ctx.componentById.get(link.to);
          if (to === undefined || to === from || documented.has(to.kind)) continue; // NA028 reports broken links
          if (kind !== 'nextauth' && isOutside(ctx, to)) continue; // NA013
          yield {
            message: `${named(from)} connects to ${named(to)} (${getKind(to.kind).label}), which the networking page does not list for ${kind}; the export configures nothing for this connection`,
            elements: [linkRef(link), componentRef(from), componentRef(to)],
          };
        }
      }
    }
  },
  fix: {
    title: () => 'Remove the connection',
    apply: (project, d) =>
      removeLinks(project, new Set(d.elements.filter((e) => e.type === 'link').map((e) => e.id as LinkId))),
  },
};
