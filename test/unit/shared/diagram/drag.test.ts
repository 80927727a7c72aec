import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../../shared/diagram/arrange';
import { boundsOf, boxOfPoints, contains, union } from '../../../../shared/diagram/box';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { dragDiagram } from '../../../../shared/diagram/drag';
import type { Box } from '../../../../shared/diagram/types';
import { regionBox, titleBox } from '../../../../shared/diagram/zones';
import type { ComponentId, Position, Project } from '../../../../shared/model/types';
import { diagramProject, templateProjects } from '../../../support/diagram-projects';

const manual = templateProjects().find((t) => t.name === 'manual')!.project;
const id = 'redis' as ComponentId;

describe('the diagram during a drag', () => {
  const before = diagramOf(manual);
  const redis = manual.components.find((c) => c.id === id)!;
  const zoneOf = (d: typeof before) => d.zones.find((z) => z.members.includes(id))!;

  it('keeps every object the moved component does not touch', () => {
    const frame = dragDiagram(before, manual, new Map([[id, { x: redis.position.x + 4, y: redis.position.y + 2 }]]));
    for (const [i, n] of frame.nodes.entries()) if (n.id !== id) expect(n).toBe(before.nodes[i]);
    for (const [i, e] of frame.edges.entries())
      if (e.source !== id && e.target !== id) expect(e).toBe(before.edges[i]);
      else expect(e).not.toBe(before.edges[i]);
  });

  it('leaves a region as it is while its member moves inside it, and grows it when the member leaves', () => {
    const inside = dragDiagram(before, manual, new Map([[id, { x: redis.position.x, y: redis.position.y - 4 }]]));
    expect(zoneOf(inside)).toBe(zoneOf(before));
    const far = { x: redis.position.x + 600, y: redis.position.y + 400 };
    const outside = dragDiagram(before, manual, new Map([[id, far]]));
    const node = outside.nodes.find((n) => n.id === id)!;
    expect(contains(zoneOf(outside).box, node.outer)).toBe(true);
    expect(contains(zoneOf(outside).box, zoneOf(before).box)).toBe(true);
    expect(outside.zones.filter((z) => z.members.includes(id))).toHaveLength(1);
  });

  it('is the diagram before it when nothing moved', () => {
    expect(dragDiagram(before, manual, new Map([[id, redis.position]]))).toBe(before);
  });

  it('grows regions and bounds as measuring every member and every edge again would (property)', () => {
    const raw = diagramProject(60, 11);
    const at = arrange(raw);
    const project: Project = { ...raw, components: raw.components.map((c) => ({ ...c, position: at.get(c.id)! })) };
    const full = diagramOf(project);
    const moves = fc
      .uniqueArray(
        fc.record({
          index: fc.nat({ max: project.components.length - 1 }),
          dx: fc.integer({ min: -600, max: 600 }),
          dy: fc.integer({ min: -600, max: 600 }),
        }),
        { minLength: 1, maxLength: 3, selector: (m) => m.index },
      )
      .map(
        (list) =>
          new Map<ComponentId, Position>(
            list.map(({ index, dx, dy }) => {
              const c = project.components[index]!;
              return [c.id, { x: c.position.x + dx, y: c.position.y + dy }];
            }),
          ),
      );
    fc.assert(
      fc.property(moves, (m) => {
        const frame = dragDiagram(full, project, m);
        if (frame === full) return;
        // Every region: the old one grown around all its members where they are now.
        frame.zones.forEach((z, i) => {
          const was = full.zones[i]!;
          const box = union(was.box, regionBox(was.members.map((id) => frame.nodes.find((n) => n.id === id)!.outer)));
          const same = box.x === was.box.x && box.y === was.box.y && box.w === was.box.w && box.h === was.box.h;
          expect(z).toEqual(same ? was : { ...was, box, title: titleBox(box, was.name) });
          if (same) expect(z).toBe(was);
        });
        // The bounds: the old ones grown around everything that changed.
        const changed: Box[] = [full.bounds];
        frame.nodes.forEach((n, i) => n !== full.nodes[i] && changed.push(n.outer));
        frame.edges.forEach((e, i) => e !== full.edges[i] && changed.push(e.label.box, boxOfPoints(e.points)));
        frame.zones.forEach((z, i) => z !== full.zones[i] && changed.push(z.box));
        expect(frame.bounds).toEqual(boundsOf(changed));
        // Exactly the moved components' edges are redrawn.
        const moved = (id: ComponentId) => frame.nodes.find((n) => n.id === id) !== full.nodes.find((n) => n.id === id);
        frame.edges.forEach((e, i) => expect(e !== full.edges[i]).toBe(moved(e.source) || moved(e.target)));
      }),
      { numRuns: 40 },
    );
  });
});
