/**
 * The readability promises of the diagram, on the geometry the canvas and a picture draw: after
 * "Arrange all", for the three templates and generated deployments of 30, 100 and 500
 * components — no overlaps (node–node, label–node, label–label, label–zone title), no edge
 * through a node it does not connect, each zone one region (an internet zone at most two)
 * holding exactly its members, regions pairwise disjoint; every link between traffic tiers
 * points right, and so do at least 90 % of all links (issue 12): a component feeding its own
 * tier (mgmt and a business application calling nextauth) has a column before it. The links
 * left (Sentinel → Redis, inside the last tier) run down their column — no link points
 * against the traffic.
 */
import { describe, expect, it } from 'vitest';
import { checkDiagram, diagramCheckInput } from '../../../../shared/diagram/check';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { arrange } from '../../../../shared/diagram/arrange';
import { trafficTier } from '../../../../shared/diagram/order';
import type { Project } from '../../../../shared/model/types';
import { diagramProject, templateProjects } from '../../../support/diagram-projects';

const componentOf = (p: Project, id: string) => p.components.find((c) => c.id === id)!;

function arranged(p: Project): Project {
  const moves = arrange(p, { all: true });
  return { ...p, components: p.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })) };
}

const cases: [string, () => Project][] = [
  ...templateProjects().map((t) => [t.name, () => t.project] as [string, () => Project]),
  ...[30, 100, 500].flatMap((n) =>
    [1, 2].map((seed) => [`${n} components, seed ${seed}`, () => diagramProject(n, seed)] as [string, () => Project]),
  ),
];

describe('the arranged diagram reads right at a glance', () => {
  it.each(cases)('%s', (_name, make) => {
    const project = arranged(make());
    const diagram = diagramOf(project);
    const report = checkDiagram(diagramCheckInput(diagram, project));
    expect(report.links).toBeGreaterThan(0);
    expect(report.violations.slice(0, 10)).toEqual([]);
    // Every link between traffic tiers points right; links inside a tier run down its column.
    expect(report.betweenTiers).toBeGreaterThan(0);
    expect(report.betweenTiersLeftToRight).toBe(report.betweenTiers);
    expect(report.leftToRightShare).toBeGreaterThanOrEqual(0.9);
    // Nothing is left to the feeder columns but the links inside the last tier.
    const feeding = project.links.filter((l) => {
      const [a, b] = [diagram.nodes.find((n) => n.id === l.from)!.box, diagram.nodes.find((n) => n.id === l.to)!.box];
      return b.x < a.x + a.w && trafficTier(componentOf(project, l.from)) < 3;
    });
    expect(feeding.map((l) => l.id)).toEqual([]);
    // No link points against the traffic: the rest (inside one tier) share their column.
    const box = new Map(diagram.nodes.map((n) => [n.id, n.box] as const));
    const tier = new Map(project.components.map((c) => [c.id, trafficTier(c)] as const));
    for (const l of project.links) {
      const [a, b] = [box.get(l.from)!, box.get(l.to)!];
      if (b.x >= a.x + a.w) continue;
      expect(tier.get(l.from), l.id).toBe(tier.get(l.to));
      expect(b.x, l.id).toBe(a.x);
    }
    // Every edge has its own label, on its path's last run, in front of its port.
    expect(diagram.edges.length).toBe(project.links.length + project.routes.length);
  });
});
