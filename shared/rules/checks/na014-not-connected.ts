import { addLink, type ComponentId } from '../../model/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA014: Rule = {
  id: 'NA014',
  name: 'not-connected-to-nextauth',
  title: 'mgmt or portmap is not connected to nextauth',
  severity: 'error',
  docs: DOCS.outgoing,
  why: 'mgmt and portmap only work by connecting to the nextauth container(s).',
  *check(ctx) {
    const isNextauth = (id: string) => ctx.componentById.get(id)?.kind === 'nextauth';
    for (const mgmt of ctx.ofKind('nextauth-mgmt')) {
      if (ctx.linksFrom(mgmt.id).some((l) => isNextauth(l.to))) continue;
      yield { message: `${named(mgmt)} has no connection to nextauth`, elements: [componentRef(mgmt)] };
    }
    for (const portmap of ctx.ofKind('nextauth-portmap')) {
      const routed = ctx.routesVia(portmap.id).some((r) => isNextauth(r.target));
      if (routed || ctx.linksFrom(portmap.id).some((l) => isNextauth(l.to))) continue;
      yield {
        message: `${named(portmap)} maps no public URL to nextauth; add its routes (wss → 8009, Mobile API)`,
        elements: [componentRef(portmap)],
      };
    }
  },
  fix: {
    applies: (d, project) =>
      project.components.find((c) => c.id === d.elements[0]?.id)?.kind === 'nextauth-mgmt' &&
      project.components.some((c) => c.kind === 'nextauth'),
    title: () => 'Connect it to the REST API of nextauth',
    apply(project, d) {
      const source = project.components.find((c) => c.id === d.elements[0]?.id);
      const nextauth = project.components.find((c) => c.kind === 'nextauth');
      if (source?.kind !== 'nextauth-mgmt' || nextauth === undefined) return project;
      return addLink(project, { from: source.id as ComponentId, to: nextauth.id, port: 'rest' }).project;
    },
  },
};
