import { describe, expect, it } from 'vitest';
import { routeUrl } from '../../../shared/model/constraints';
import type { Project, Route } from '../../../shared/model/types';
import { checkProject, routeUrl as rulesRouteUrl } from '../../../shared/rules/index';
import { projectToFlow, routeEdgeId, type FlowGraph } from '../../../renderer/src/flow';
import { route, template } from '../../support/fixtures';

/**
 * The canvas, the inspector and the problems panel print a route with one function (routeUrl of
 * shared/model/constraints). The canvas once had its own copy, which dropped the trailing "/"
 * and kept a default port and the host's capitals — so the URL on the diagram was not the URL
 * in the problem beside it. These tests read the canvas's labels as the mapper builds them:
 * every route is one edge with one label of its own, whose text is its URL.
 */

const TEMPLATE_IDS = ['default', 'manual', 'ha'] as const;

/** What the canvas shows for one route: its edge's label text, tooltip and accessible name. */
function shown(g: FlowGraph, r: Route) {
  const id = routeEdgeId(r);
  const edges = g.edges.filter((e) => e.id === id);
  const labels = g.labels.filter((l) => l.id === id);
  expect(edges, id).toHaveLength(1);
  expect(labels, id).toHaveLength(1);
  return { edge: edges[0]!, label: labels[0]! };
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
    '%s: every route is one edge whose label shows exactly routeUrl(route)',
    (_name, project) => {
      expect(project.routes.length).toBeGreaterThan(0);
      const g = projectToFlow(project, checkProject(project));
      for (const r of project.routes) {
        const { edge, label } = shown(g, r);
        expect(edge.data!.routes).toEqual([r.id]);
        expect(label.text).toBe(routeUrl(r));
        expect(label.title.endsWith(`: ${routeUrl(r)}`), label.title).toBe(true);
        expect(edge.ariaLabel).toContain(`Public URL ${routeUrl(r)} through`);
      }
      // No other edge is a route edge.
      expect(g.edges.filter((e) => e.data!.variant === 'route')).toHaveLength(project.routes.length);
    },
  );

  it('prints the tricky routes as routeUrl does: lower-case host, no default port, the path', () => {
    const project = tricky();
    const g = projectToFlow(project);
    const texts = project.routes.map((r) => shown(g, r).label.text);
    expect(texts).toContain('https://mobile2.example.com:8443/app');
    expect(texts).toContain('wss://ws2.example.com/');
    expect(texts.some((t) => /[A-Z]|:443\//.test(t))).toBe(false);
  });

  it('a problem about a route names the URL the canvas shows for it', () => {
    const project = tricky();
    const odd = project.routes.find((r) => r.publicPort === 8443) as Route;
    // NA030: the proxy serves 8443 but publishes only 80 and 443.
    const problems = checkProject(project).filter((d) => d.elements.some((e) => e.type === 'route' && e.id === odd.id));
    const urlsInProblems = problems.flatMap((d) => d.message.match(/\b(?:https?|wss?):\/\/[^\s,;]+/g) ?? []);
    expect(urlsInProblems.length).toBeGreaterThan(0);
    const g = projectToFlow(project, checkProject(project));
    const onCanvas = shown(g, odd).label.text;
    expect(onCanvas).toBe('https://mobile2.example.com:8443/app');
    for (const url of urlsInProblems) expect(url).toBe(onCanvas);
  });
});
