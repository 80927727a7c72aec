import { updateComponent, type ComponentId } from '../../model/index';
import { componentRef, isEntryPoint, named, publicPortOf, routeRef, routeUrl } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA030: Rule = {
  id: 'NA030',
  name: 'entry-port-not-published',
  title: 'Entry point does not publish the port of its URL',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'A public URL is only reachable when its entry point publishes that port on the host.',
  *check(ctx) {
    for (const route of ctx.project.routes) {
      const via = ctx.componentById.get(route.via);
      if (via === undefined || !isEntryPoint(via)) continue;
      const port = publicPortOf(route);
      if (via.publish.some((p) => p.hostPort === port)) continue;
      yield {
        message: `${named(via)} serves ${routeUrl(route)} but does not publish host port ${port}`,
        elements: [routeRef(route), componentRef(via)],
      };
    }
  },
  fix: {
    title: (d, project) => {
      const route = project.routes.find((r) => r.id === d.elements[0]?.id);
      return `Publish host port ${route ? publicPortOf(route) : ''}`.trim();
    },
    apply(project, d) {
      const route = project.routes.find((r) => r.id === d.elements[0]?.id);
      if (route === undefined) return project;
      const hostPort = publicPortOf(route);
      const port = route.scheme === 'https' || route.scheme === 'wss' ? 'https' : 'http';
      return updateComponent(project, route.via as ComponentId, (c) =>
        c.publish.some((p) => p.hostPort === hostPort) ? c : { ...c, publish: [...c.publish, { port, hostPort }] },
      );
    },
  },
};
