import { componentRef, isEntryPoint, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

const NEEDED = [
  { port: 'ws', what: 'WebSocket (8009)' },
  { port: 'mobile', what: 'Mobile API' },
] as const;

export const NA010: Rule = {
  id: 'NA010',
  name: 'mobile-routes-missing',
  title: 'The mobile app cannot reach the WebSocket or the Mobile API',
  severity: 'error',
  docs: DOCS.manual,
  why: 'The mobile app talks to nextauth over the WebSocket and the Mobile API; both need a public route.',
  *check(ctx) {
    const apps = ctx.ofKind('mobile-app');
    if (apps.length === 0) return;
    for (const nextauth of ctx.ofKind('nextauth')) {
      for (const { port, what } of NEEDED) {
        const routed = ctx.routesTo(nextauth.id, port).some((r) => isEntryPoint(ctx.componentById.get(r.via)));
        if (routed) continue;
        yield {
          message: `${named(apps[0])} has no public route to the ${what} of ${named(nextauth)}`,
          elements: [...apps.map(componentRef), componentRef(nextauth)],
        };
      }
    }
  },
};
