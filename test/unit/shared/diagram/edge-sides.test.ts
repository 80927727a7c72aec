/**
 * Side anchors (edge-ends.ts): an edge whose label's row lies above or below its sender may
 * leave the top or bottom border, and the router starts from whichever anchor gives the cheaper
 * route — so no edge doubles back around its own sender to reach a label behind it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../../shared/diagram/arrange';
import { diagramOf, diagramParts } from '../../../../shared/diagram/diagram';
import { anchorsOf, TOP_RIGHT_MARKS } from '../../../../shared/diagram/edge-ends';
import { obstacleIndex, searchRoutes, type RouteRequest } from '../../../../shared/diagram/route';
import type { Point } from '../../../../shared/diagram/types';
import type { Project } from '../../../../shared/model/types';
import { tlsMarkWidth } from '../../../../shared/render/marks';
import { diagramProject, templateProjects } from '../../../support/diagram-projects';

const arranged = (project: Project): Project => {
  const at = arrange(project);
  return { ...project, components: project.components.map((c) => ({ ...c, position: at.get(c.id) ?? c.position })) };
};

/** Length plus 24 px per bend: what the router minimises. */
function cost(points: readonly Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++)
    n += Math.abs(points[i]!.x - points[i - 1]!.x) + Math.abs(points[i]!.y - points[i - 1]!.y);
  return n + 24 * Math.max(0, points.length - 2);
}

/** How far a route runs to the left in all. */
function westward(points: readonly Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) n += Math.max(0, points[i - 1]!.x - points[i]!.x);
  return n;
}

describe('side anchors', () => {
  for (const { name, project } of templateProjects()) {
    it(`${name}: routes to labels behind their sender leave its top or bottom border and barely run back`, () => {
      const d = diagramOf(project);
      const byId = new Map(d.nodes.map((n) => [n.id, n] as const));
      let sides = 0;
      for (const e of d.edges) {
        const source = byId.get(e.source)!.box;
        const [a, b] = [e.points[0]!, e.points[1]!];
        if (a.x === b.x) {
          sides++;
          expect(anchorsOf(e)?.side?.point, e.id).toEqual(a);
          expect([source.y, byId.get(e.source)!.outer.y + byId.get(e.source)!.outer.h]).toContain(a.y);
        }
        // From the right border alone, the routes into mgmt ran some 250 px back around the
        // proxy; from its top (ha: right of the DMZ title) they run back at most ~190.
        expect(westward(e.points), e.id).toBeLessThanOrEqual(200);
      }
      expect(sides, 'routes that leave a top or bottom border').toBeGreaterThanOrEqual(3);
    });

    it(`${name}: side anchors on a top border keep clear of zone titles and of the TLS mark`, () => {
      const d = diagramOf(project);
      const byId = new Map(d.nodes.map((n) => [n.id, n] as const));
      for (const e of d.edges) {
        const side = anchorsOf(e)?.side;
        if (side?.leave !== 'north') continue;
        const box = byId.get(e.source)!.box;
        expect(side.point.x, e.id).toBeLessThanOrEqual(box.x + box.w - TOP_RIGHT_MARKS);
        for (const z of d.zones) {
          const t = z.title;
          const overBorder = t.y + t.h + 8 > box.y - 28 && t.y - 8 < box.y;
          if (overBorder)
            expect(side.point.x < t.x - 8 || side.point.x > t.x + t.w + 8, `${e.id} / ${z.id}`).toBe(true);
        }
      }
    });
  }

  it('leaves the TLS mark (12 px from the right end of the top border) free', () => {
    expect(12 + tlsMarkWidth() + 4).toBeLessThanOrEqual(TOP_RIGHT_MARKS);
  });

  it('never makes a route dearer than the one from the right border alone (generated projects)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 60 }), fc.nat({ max: 1000 }), (size, seed) => {
        const parts = diagramParts(arranged(diagramProject(size, seed)));
        const index = obstacleIndex(parts.obstacles);
        const both = searchRoutes(parts.obstacles, parts.requests, {}, undefined, index);
        const east = searchRoutes(
          parts.obstacles,
          parts.requests.map(({ side: _side, ...r }): RouteRequest => r),
          {},
          undefined,
          index,
        );
        parts.requests.forEach((r, i) => {
          // The first searches are weighted (route.ts HARD: within 5 % of the cheapest).
          expect(cost(both[i]!), r.id).toBeLessThanOrEqual(cost(east[i]!) * 1.06 + 1e-6);
        });
      }),
      { numRuns: 20 },
    );
  });
});
