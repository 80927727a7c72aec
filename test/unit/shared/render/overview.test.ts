/**
 * The overview's geometry (shared/render/overview.ts): the canvas's node positions with only
 * their headers, every link and route still drawn, each edge arriving at its target's left
 * border within the header, public URL labels in front of their node, and zone regions around
 * exactly the shrunk members.
 */
import { describe, expect, it } from 'vitest';
import { contains, intersects } from '../../../../shared/diagram/box';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { NODE_HEADER } from '../../../../shared/diagram/metrics';
import { overviewDiagram } from '../../../../shared/render/overview';
import { templateProjects } from '../../../support/diagram-projects';

describe.each(templateProjects())('the overview of $name', ({ project }) => {
  const full = diagramOf(project);
  const overview = overviewDiagram(project);

  it('keeps every node where the canvas has it, header only, without ports', () => {
    expect(overview.nodes.map((n) => n.id)).toEqual(full.nodes.map((n) => n.id));
    overview.nodes.forEach((n, i) => {
      expect({ x: n.box.x, y: n.box.y, w: n.box.w }).toEqual({
        x: full.nodes[i]!.box.x,
        y: full.nodes[i]!.box.y,
        w: full.nodes[i]!.box.w,
      });
      expect(n.box.h).toBe(NODE_HEADER);
      expect(n.ports).toEqual([]);
      expect(n.nameLines).toEqual(full.nodes[i]!.nameLines);
    });
  });

  it('draws every link and route, each ending on its target’s left border within the header', () => {
    expect(overview.edges.map((e) => e.id)).toEqual(full.edges.map((e) => e.id));
    const byId = new Map(overview.nodes.map((n) => [n.id as string, n]));
    for (const e of overview.edges) {
      const end = e.points[e.points.length - 1]!;
      const target = byId.get(e.target)!.box;
      expect(end.x).toBe(target.x);
      expect(end.y).toBeGreaterThan(target.y);
      expect(end.y).toBeLessThan(target.y + NODE_HEADER);
      // Orthogonal: every segment is horizontal or vertical.
      for (let i = 1; i < e.points.length; i++)
        expect(e.points[i]!.x === e.points[i - 1]!.x || e.points[i]!.y === e.points[i - 1]!.y).toBe(true);
    }
  });

  it('labels public URLs in front of their node and links not at all', () => {
    const byId = new Map(overview.nodes.map((n) => [n.id as string, n]));
    for (const e of overview.edges) {
      if (e.variant === 'link') {
        expect(e.label.text).toBe('');
        expect(e.label.box.w).toBe(0);
        continue;
      }
      expect(e.label.text).toMatch(/^(https|wss|http|ws):\/\//);
      const target = byId.get(e.target)!.box;
      expect(e.label.box.x + e.label.box.w).toBeLessThanOrEqual(target.x);
      for (const n of overview.nodes) expect(intersects(e.label.box, n.outer), `${e.id} over ${n.id}`).toBe(false);
    }
  });

  it('draws zone regions around exactly their members', () => {
    const byId = new Map(overview.nodes.map((n) => [n.id as string, n]));
    expect(overview.zones.length).toBeGreaterThan(0);
    for (const z of overview.zones) for (const m of z.members) expect(contains(z.box, byId.get(m)!.outer)).toBe(true);
    for (const n of overview.nodes) expect(contains(overview.bounds, n.outer)).toBe(true);
  });
});
