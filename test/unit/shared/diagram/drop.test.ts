import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../../shared/diagram/arrange';
import { inflate } from '../../../../shared/diagram/box';
import { checkDiagram, diagramCheckInput, segmentCrossesBox } from '../../../../shared/diagram/check';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { dropDiagram, finishDrop, planDrop, provisionalDrop } from '../../../../shared/diagram/drop';
import { sideRerouted } from '../../../../shared/diagram/drop-ends';
import { routeEdges } from '../../../../shared/diagram/route';
import type { Diagram } from '../../../../shared/diagram/types';
import type { ComponentId, Position, Project } from '../../../../shared/model/types';
import { diagramProject, templateProjects } from '../../../support/diagram-projects';

/** The project after Arrange, as a user would have it before dragging. */
function arranged(project: Project): Project {
  const at = arrange(project);
  return { ...project, components: project.components.map((c) => ({ ...c, position: at.get(c.id) ?? c.position })) };
}

function moved(project: Project, moves: ReadonlyMap<ComponentId, Position>): Project {
  return { ...project, components: project.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })) };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const violations = (d: Diagram, p: Project) => checkDiagram(diagramCheckInput(d, p)).violations;

const projects: { name: string; project: Project }[] = [
  ...templateProjects().map((t) => ({ name: t.name, project: arranged(t.project) })),
  { name: 'generated 30', project: arranged(diagramProject(30, 3)) },
  { name: 'generated 100', project: arranged(diagramProject(100, 7)) },
];

/** One to three components moved by up to ±400 px (snapped to whole px, as a drag commits them). */
const drags = (project: Project) =>
  fc
    .uniqueArray(
      fc.record({
        index: fc.nat({ max: project.components.length - 1 }),
        dx: fc.integer({ min: -400, max: 400 }),
        dy: fc.integer({ min: -400, max: 400 }),
      }),
      { minLength: 1, maxLength: 3, selector: (m) => m.index },
    )
    .map(
      (list) =>
        new Map(
          list.map(({ index, dx, dy }) => {
            const c = project.components[index]!;
            return [c.id, { x: c.position.x + dx, y: c.position.y + dy }] as const;
          }),
        ),
    );

/** Whether the path runs within `near` px of `box`. */
const near = (points: Diagram['edges'][number]['points'], box: Diagram['nodes'][number]['outer'], by: number) =>
  points.some((p, i) => i > 0 && segmentCrossesBox(points[i - 1]!, p, inflate(box, by)));

describe('the diagram after a drop', () => {
  for (const { name, project } of projects) {
    const before = diagramOf(project);

    it(`${name}: is exact where it matters and keeps every edge the drop does not affect`, () => {
      fc.assert(
        fc.property(drags(project), (moves) => {
          const after = moved(project, moves);
          const drop = dropDiagram(before, after);
          const full = diagramOf(after);
          // Nodes, regions and labels are the full diagram's; so are every edge's two ends.
          expect(drop.nodes).toEqual(full.nodes);
          expect(drop.zones).toEqual(full.zones);
          expect(drop.edges.map((e) => e.label)).toEqual(full.edges.map((e) => e.label));
          drop.edges.forEach((e, i) => {
            const f = full.edges[i]!;
            expect(e.points[0]).toEqual(f.points[0]);
            expect(e.points.at(-1)).toEqual(f.points.at(-1));
          });
          // The checker's promises hold whenever the full diagram keeps them.
          const fullViolations = violations(full, after);
          const dropViolations = violations(drop, after);
          if (fullViolations.length === 0) expect(dropViolations).toEqual([]);
          expect(dropViolations.filter((v) => v.kind !== 'edge-node')).toEqual(
            fullViolations.filter((v) => v.kind !== 'edge-node'),
          );
          // Edges of moved components are new; edges far from everything that moved (nodes and
          // labels) are the previous objects, unchanged.
          const really = (id: ComponentId) => {
            const at = moves.get(id);
            const was = project.components.find((c) => c.id === id)!.position;
            return at !== undefined && (at.x !== was.x || at.y !== was.y);
          };
          const movedBoxes = [
            ...drop.nodes.filter((n) => really(n.id)).map((n) => n.outer),
            ...drop.edges.filter((e, i) => !sameJson(e.label, before.edges[i]!.label)).map((e) => e.label.box),
          ];
          // An edge with a side anchor is routed again when something moved (or a title changed)
          // within its search window: which anchor it starts from is the router's choice.
          const changed = [
            ...drop.nodes.filter((n) => really(n.id)).map((n) => n.outer),
            ...before.nodes.filter((n) => really(n.id)).map((n) => n.outer),
            ...drop.zones.filter((z) => !before.zones.includes(z)).map((z) => z.title),
            ...before.zones.filter((z) => !drop.zones.includes(z)).map((z) => z.title),
          ];
          const choosing = new Set(sideRerouted(before, changed));
          drop.edges.forEach((e, i) => {
            const was = before.edges[i]!;
            if (really(e.source) || really(e.target)) {
              expect(e).not.toBe(was);
              return;
            }
            const untouched =
              e.points[0]!.x === was.points[0]!.x &&
              e.points[0]!.y === was.points[0]!.y &&
              sameJson(e.label, was.label) &&
              movedBoxes.every((b) => !near(was.points, b, 8)) &&
              !choosing.has(i) &&
              drop.zones.every((z) => before.zones.includes(z));
            if (untouched) expect(e).toBe(was);
            // A kept path never runs through (or beside) a node or label that moved into its way.
            if (e === was) for (const b of movedBoxes) expect(near(e.points, b, 6)).toBe(false);
            if (e === was) expect(JSON.stringify(e)).toBe(JSON.stringify(before.edges[i]));
          });
        }),
        { numRuns: name.startsWith('generated 100') ? 8 : 15 },
      );
    });
  }

  it('is as good after a second drop, from the first drop', () => {
    const { project } = projects.find((p) => p.name === 'generated 30')!;
    fc.assert(
      fc.property(drags(project), drags(project), (first, second) => {
        const once = moved(project, first);
        const twice = moved(once, second);
        const drop = dropDiagram(dropDiagram(diagramOf(project), once), twice);
        const full = diagramOf(twice);
        expect(drop.nodes).toEqual(full.nodes);
        expect(drop.zones).toEqual(full.zones);
        expect(drop.edges.map((e) => e.label)).toEqual(full.edges.map((e) => e.label));
        if (violations(full, twice).length === 0) expect(violations(drop, twice)).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });

  it('planned, routed and finished apart, is the drop `dropDiagram` computes', () => {
    const { project } = projects.find((p) => p.name === 'generated 30')!;
    const before = diagramOf(project);
    fc.assert(
      fc.property(drags(project), (moves) => {
        const after = moved(project, moves);
        const plan = planDrop(before, after);
        const drop = dropDiagram(before, after);
        if (!('routing' in plan)) return expect(plan).toBe(drop);
        const { obstacles, requests, rays } = plan.routing;
        // What a worker is sent and answers survives a structured clone (Maps and plain data only).
        const routes = structuredClone(routeEdges(obstacles, requests, {}, structuredClone(rays)));
        expect(sameJson(finishDrop(plan, routes), drop)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('drawn provisionally, has the drop’s nodes, regions, labels and ports; a drop from it routes what it left unrouted', () => {
    const { project } = projects.find((p) => p.name === 'generated 30')!;
    const before = diagramOf(project);
    fc.assert(
      fc.property(drags(project), (moves) => {
        const after = moved(project, moves);
        const plan = planDrop(before, after);
        if (!('routing' in plan)) return;
        const drop = dropDiagram(before, after);
        const provisional = provisionalDrop(plan);
        expect(provisional.nodes).toEqual(drop.nodes);
        expect(provisional.zones).toEqual(drop.zones);
        expect(provisional.edges.map((e) => e.label)).toEqual(drop.edges.map((e) => e.label));
        provisional.edges.forEach((e, i) => expect(e.points.at(-1)).toEqual(drop.edges[i]!.points.at(-1)));
        // Only the edges the plan reroutes are drawn differently from before.
        const rerouted = new Set(plan.affected);
        provisional.edges.forEach((e, i) => {
          if (!rerouted.has(i)) expect(e).toBe(before.edges[i]);
        });
        // The same document dropped again from the provisional diagram: exactly the drop.
        const again = planDrop(provisional, after);
        expect('routing' in again).toBe(true);
        if (!('routing' in again)) return;
        expect(new Set(again.affected)).toEqual(rerouted);
        const { obstacles, requests, rays } = again.routing;
        expect(sameJson(finishDrop(again, routeEdges(obstacles, requests, {}, rays)), drop)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('is as good after a second drop from a provisional first one, and leaves nothing unrouted', () => {
    const { project } = projects.find((p) => p.name === 'generated 30')!;
    fc.assert(
      fc.property(drags(project), drags(project), (first, second) => {
        const once = moved(project, first);
        const twice = moved(once, second);
        const plan = planDrop(diagramOf(project), once);
        if (!('routing' in plan)) return;
        const provisional = provisionalDrop(plan);
        const drop = dropDiagram(provisional, twice);
        const full = diagramOf(twice);
        expect(drop.nodes).toEqual(full.nodes);
        expect(drop.zones).toEqual(full.zones);
        expect(drop.edges.map((e) => e.label)).toEqual(full.edges.map((e) => e.label));
        if (violations(full, twice).length === 0) expect(violations(drop, twice)).toEqual([]);
        // Every edge the first drop left unrouted has been routed by the second.
        for (const i of plan.affected) expect(drop.edges[i]).not.toBe(provisional.edges[i]);
      }),
      { numRuns: 10 },
    );
  });

  it('reads the labels again when a component changed in more than its position (after a drop)', () => {
    const { project } = projects.find((p) => p.name === 'manual')!;
    const link = project.links[0]!;
    const first = project.components[0]!;
    // A drop first, so the specs of a moved-only project are at hand.
    const once = moved(project, new Map([[first.id, { x: first.position.x + 40, y: first.position.y }]]));
    const drop = dropDiagram(diagramOf(project), once);
    // The link's target now listens on another number: its label says so.
    const renumbered: Project = {
      ...once,
      components: once.components.map((c) =>
        c.id === link.to ? { ...c, portOverrides: { ...c.portOverrides, [link.port]: 54321 } } : c,
      ),
    };
    const full = diagramOf(renumbered);
    expect(full.edges.find((e) => e.id === link.id)!.label.text).toContain('54321');
    expect(dropDiagram(drop, renumbered)).toEqual(full);
  });

  it('is the previous diagram when nothing moved', () => {
    const { project } = projects[0]!;
    const before = diagramOf(project);
    expect(dropDiagram(before, { ...project })).toBe(before);
  });

  it('computes the diagram in full when the previous one is of another document', () => {
    const [a, b] = [projects[0]!.project, projects[1]!.project];
    expect(dropDiagram(diagramOf(a), b)).toEqual(diagramOf(b));
    const fewer = { ...a, links: a.links.slice(1) };
    expect(dropDiagram(diagramOf(a), fewer)).toEqual(diagramOf(fewer));
  });
});
