/**
 * The two shortcuts that make a drop cheap must give exactly what a full computation gives:
 * the edge ends placed only where the drop can change them (drop-ends.ts) and the router's
 * obstacle rays recomputed only where a moved obstacle can change them (drop-rays.ts), and the
 * edge extents and bounds built from the previous drop's (drop-extents.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../../shared/diagram/arrange';
import { boundsOf, boxOfPoints } from '../../../../shared/diagram/box';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { dropDiagram } from '../../../../shared/diagram/drop';
import { dropEnds } from '../../../../shared/diagram/drop-ends';
import { edgeExtents, foldBounds } from '../../../../shared/diagram/drop-extents';
import { dropRays } from '../../../../shared/diagram/drop-rays';
import { anchorsOf, edgeEnds } from '../../../../shared/diagram/edge-ends';
import { edgeSpecs } from '../../../../shared/diagram/edges';
import { nodeGeometry } from '../../../../shared/diagram/nodes';
import { obstacleIndex, obstacleRays, type RouteObstacle } from '../../../../shared/diagram/route';
import type { Box, DiagramNode } from '../../../../shared/diagram/types';
import { zoneRegions } from '../../../../shared/diagram/zones';
import type { ComponentId, Project } from '../../../../shared/model/types';
import { diagramProject, templateProjects } from '../../../support/diagram-projects';

function arranged(project: Project): Project {
  const at = arrange(project);
  return { ...project, components: project.components.map((c) => ({ ...c, position: at.get(c.id) ?? c.position })) };
}

const projects = [
  ...templateProjects().map((t) => arranged(t.project)),
  arranged(diagramProject(40, 5)),
  arranged(diagramProject(120, 11)),
];

/** Up to three components moved by up to ±400 px, or onto another component's position. */
const moves = (p: Project) =>
  fc.array(
    fc.record({
      index: fc.nat({ max: p.components.length - 1 }),
      onto: fc.option(fc.nat({ max: p.components.length - 1 })),
      dx: fc.integer({ min: -400, max: 400 }),
      dy: fc.integer({ min: -400, max: 400 }),
    }),
    { minLength: 1, maxLength: 3 },
  );

function apply(p: Project, list: { index: number; onto: number | null; dx: number; dy: number }[]): Project {
  const components = [...p.components];
  for (const { index, onto, dx, dy } of list) {
    const c = components[index]!;
    const to = onto === null ? { x: c.position.x + dx, y: c.position.y + dy } : components[onto]!.position;
    components[index] = { ...c, position: to };
  }
  return { ...p, components };
}

const obstaclesOf = (d: ReturnType<typeof diagramOf>): RouteObstacle[] => [
  ...d.nodes.map((n) => ({ id: n.id, box: n.outer })),
  ...d.zones.map((z) => ({ id: `title:${z.id}`, box: z.title })),
];

describe('drop shortcuts', () => {
  projects.forEach((project, k) => {
    it(`rays after a move equal rays computed in full (project ${k})`, () => {
      fc.assert(
        fc.property(moves(project), moves(project), (first, second) => {
          const one = apply(project, first);
          const two = apply(one, second);
          const o0 = obstaclesOf(diagramOf(project));
          const o1 = obstaclesOf(diagramOf(one));
          const o2 = obstaclesOf(diagramOf(two));
          const r1 = dropRays(o1, { obstacles: o0, rays: obstacleRays(obstacleIndex(o0)) });
          expect(r1).toEqual(obstacleRays(obstacleIndex(o1)));
          // Chained, as drop after drop reuses the last drop's rays.
          expect(dropRays(o2, { obstacles: o1, rays: r1 })).toEqual(obstacleRays(obstacleIndex(o2)));
        }),
        { numRuns: 25 },
      );
    });

    it(`edge ends placed only where a move changes them equal a full placing (project ${k})`, () => {
      fc.assert(
        fc.property(moves(project), fc.option(fc.nat({ max: 2 })), (list, badgeSeed) => {
          const before = diagramOf(project);
          const after = apply(project, list);
          const badges =
            badgeSeed === null ? undefined : (id: string) => ((id.length + badgeSeed) % 3 === 0 ? badgeSeed : 0);
          const specs = edgeSpecs(after);
          const movedIds = new Set<ComponentId>();
          const nodes = after.components.map((c, i): DiagramNode => {
            const was = before.nodes[i]!;
            if (was.box.x === c.position.x && was.box.y === c.position.y) return was;
            movedIds.add(c.id);
            return nodeGeometry(c);
          });
          const byId = new Map(nodes.map((n) => [n.id, n] as const));
          const zones = zoneRegions(after, (id) => byId.get(id)?.outer);
          const full = edgeEnds(
            after,
            specs,
            byId,
            badges,
            zones.map((z) => z.title),
          );
          const ends = dropEnds(before, after, specs, byId, movedIds, badges, zones);
          specs.forEach((s, i) => {
            const want = full.get(s.id)!;
            const got = ends.endOf(i);
            expect({ ...got, spec: got.spec.id }).toEqual({ ...want, spec: want.spec.id });
            if (!ends.placed.has(i)) {
              // Not placed again: the previous diagram's label and anchors are already exact.
              expect(before.edges[i]!.label.box).toEqual(want.label);
              expect(anchorsOf(before.edges[i]!)).toEqual({ source: want.source, side: want.side });
            }
          });
        }),
        { numRuns: 20 },
      );
    });
  });

  it('computes every ray again when the obstacles are not the same ones', () => {
    const box = (x: number, y: number): Box => ({ x, y, w: 40, h: 30 });
    const a = [
      { id: 'a', box: box(0, 0) },
      { id: 'b', box: box(100, 0) },
    ];
    const before = { obstacles: a, rays: { vertical: [1, 2, 3], horizontal: [4, 5, 6] } };
    const swapped = [a[1]!, a[0]!];
    expect(dropRays(swapped, before)).toEqual(obstacleRays(obstacleIndex(swapped)));
    const more = [...a, { id: 'c', box: box(0, 100) }];
    expect(dropRays(more, before)).toEqual(obstacleRays(obstacleIndex(more)));
  });

  it('recomputes a ray that ended at a box that moved away, and one a box moved into', () => {
    // Three boxes in a row: b blocks the ray east from a; then b moves out and c's becomes the end.
    const box = (x: number, y: number): Box => ({ x, y, w: 40, h: 30 });
    const o0 = [
      { id: 'a', box: box(0, 0) },
      { id: 'b', box: box(100, 0) },
      { id: 'c', box: box(300, 0) },
    ];
    const rays0 = obstacleRays(obstacleIndex(o0));
    const o1 = [o0[0]!, { id: 'b', box: box(100, 400) }, o0[2]!];
    const r1 = dropRays(o1, { obstacles: o0, rays: rays0 });
    expect(r1).toEqual(obstacleRays(obstacleIndex(o1)));
    expect(r1).not.toEqual(rays0);
    // And back: the box moves into the rays again, exactly touching where the old end was.
    expect(dropRays(o0, { obstacles: o1, rays: r1 })).toEqual(rays0);
    // Nothing moved: the same rays object.
    expect(dropRays(o1, { obstacles: o1, rays: r1 })).toBe(r1);
  });
});

describe('drop extents', () => {
  const boxArb = fc.record({
    x: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    y: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    w: fc.double({ min: 0, max: 1e3, noNaN: true }),
    h: fc.double({ min: 0, max: 1e3, noNaN: true }),
  });

  it('folds bounds exactly as boundsOf does, floating point included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(boxArb, { maxLength: 8 }), { maxLength: 4 }), (lists) => {
        expect(foldBounds(lists)).toEqual(boundsOf(lists.flat()));
      }),
      { numRuns: 300 },
    );
  });

  it('carries kept edges’ extents and measures the others again', () => {
    const project = projects[3]!;
    const before = diagramOf(project);
    const after = dropDiagram(before, apply(project, [{ index: 0, onto: null, dx: 90, dy: 40 }]));
    const old = edgeExtents(before.edges);
    const next = edgeExtents(after.edges, before.edges);
    after.edges.forEach((e, i) => {
      expect(next.boxes[i]).toEqual(boxOfPoints(e.points));
      if (e === before.edges[i]) expect(next.boxes[i]).toBe(old.boxes[i]);
      const xs = e.points.map((p) => p.x);
      const ys = e.points.map((p) => p.y);
      expect([next.x0[i], next.y0[i], next.x1[i], next.y1[i]]).toEqual([
        Math.min(...xs),
        Math.min(...ys),
        Math.max(...xs),
        Math.max(...ys),
      ]);
    });
    expect(after.edges.some((e, i) => e !== before.edges[i])).toBe(true);
  });
});
