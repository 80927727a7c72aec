import { describe, expect, it } from 'vitest';
import { contains } from '../../../../shared/diagram/box';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { dragDiagram } from '../../../../shared/diagram/drag';
import type { ComponentId } from '../../../../shared/model/types';
import { templateProjects } from '../../../support/diagram-projects';

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
});
