import { describe, expect, it } from 'vitest';
import { routeUrl } from '../../../shared/model/constraints';
import type { Project, Route } from '../../../shared/model/types';
import { checkProject, routeUrl as rulesRouteUrl } from '../../../shared/rules/index';
import { projectToFlow, type FlowGraph } from '../../../renderer/src/flow';
import { route, template } from '../../support/fixtures';

/**
 * The canvas, the inspector and the problems panel print a route with one function (routeUrl of
 * shared/model/constraints). The canvas once had its own copy, which dropped the trailing "/"
 * and kept a default port and the host's capitals — so the URL on the diagram was not the URL
 * in the problem beside it. These tests read the canvas's labels as the mapper builds them.
 */

const TEMPLATE_IDS = ['default', 'manual', 'ha'] as const;

/**
 * What the canvas shows on each route edge (its tooltip lines and label lines), with the routes it
 * draws and the routes of its entry point → target pair (a pair shares one label).
 */
function routeEdges(g: FlowGraph, project: Project) {
  const byId = new Map(project.routes.map((r) => [r.id as string, r]));
  const edges = g.edges.filter((e) => e.data!.variant === 'route');
  return edges.map((e) => {
    const pair = edges.filter((o) => e.data!.group.includes(o.id)).flatMap((o) => o.data!.routes);
    return {
      id: e.id,
      texts: [...new Set([...e.data!.title.split('\n'), ...e.data!.lines])].filter((t) => !/^\+\d+ more$/.test(t)),
      own: e.data!.routes.map((id) => byId.get(id)!),
      pair: pair.map((id) => byId.get(id)!),
    };
  });
}

/** The manual template with routes whose URLs a careless printer gets wrong. */
function tricky(): Project {
  let p = template('manual');
  // Capitals in the host, a non-default public port and a path.
  p = route(p, {
    via: 'proxy',
    target: 'nextauth',
    port: 'mobile',
    scheme: 'https',
    host: 'Mobile2.Example.COM',
    path: '/app',
    publicPort: 8443,
  });
  // The scheme's default port named explicitly: printed without it.
  p = route(p, {
    via: 'proxy',
    target: 'nextauth',
    port: 'ws',
    scheme: 'wss',
    host: 'ws2.example.com',
    path: '/',
    publicPort: 443,
  });
  return p;
}

describe('one route URL for canvas, inspector and problems', () => {
  it('the rules, the inspector and the canvas import the same function', () => {
    // The rules' export (problems panel, DEPLOYMENT.md) is a re-export, not a copy.
    expect(rulesRouteUrl).toBe(routeUrl);
  });

  it.each([...TEMPLATE_IDS.map((id) => [id, template(id)] as const), ['manual with tricky routes', tricky()] as const])(
    '%s: every route edge shows exactly routeUrl(route)',
    (_name, project) => {
      expect(project.routes.length).toBeGreaterThan(0);
      const g = projectToFlow(project, checkProject(project));
      const edges = routeEdges(g, project);
      expect(edges.length).toBeGreaterThan(0);
      const drawn = new Set<string>();
      for (const e of edges) {
        // Its own routes are shown as routeUrl prints them ...
        for (const r of e.own) {
          expect(e.texts, e.id).toContain(routeUrl(r));
          drawn.add(r.id);
        }
        // ... and nothing else than the URLs of its pair is.
        const pairUrls = e.pair.map(routeUrl);
        for (const text of e.texts) expect(pairUrls, e.id).toContain(text);
      }
      expect([...drawn].sort()).toEqual(project.routes.map((r) => r.id as string).sort());
    },
  );

  it('a problem about a route names the URL the canvas shows for it', () => {
    const project = tricky();
    const odd = project.routes.find((r) => r.publicPort === 8443) as Route;
    // NA030: the proxy serves 8443 but publishes only 80 and 443.
    const problems = checkProject(project).filter((d) => d.elements.some((e) => e.type === 'route' && e.id === odd.id));
    const urlsInProblems = problems.flatMap((d) => d.message.match(/\b(?:https?|wss?):\/\/[^\s,;]+/g) ?? []);
    expect(urlsInProblems.length).toBeGreaterThan(0);
    const g = projectToFlow(project, checkProject(project));
    const edge = routeEdges(g, project).find((e) => e.own.includes(odd))!;
    const onCanvas = edge.texts.filter((t) => t.includes('mobile2'));
    expect(onCanvas).toEqual(['https://mobile2.example.com:8443/app']);
    for (const url of urlsInProblems) expect(onCanvas).toContain(url);
  });
});
