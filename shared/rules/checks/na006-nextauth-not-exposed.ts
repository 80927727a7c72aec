import { componentRef, isEntryPoint, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

const PUBLIC_PORTS = ['ws', 'mobile', 'rest'] as const;

export const NA006: Rule = {
  id: 'NA006',
  name: 'nextauth-not-exposed',
  title: 'Neither portmap nor a reverse proxy exposes nextauth',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'nextauth publishes no ports itself: without portmap or a reverse proxy mapping to it, nothing can reach it.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      const exposed = PUBLIC_PORTS.some((port) =>
        ctx.routesTo(nextauth.id, port).some((r) => isEntryPoint(ctx.componentById.get(r.via))),
      );
      if (exposed) continue;
      yield {
        message: `no portmap or reverse proxy route leads to ${named(nextauth)}; add nextauth-portmap, or a reverse proxy with the manual mappings`,
        elements: [componentRef(nextauth)],
      };
    }
  },
};
