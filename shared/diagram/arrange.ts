/**
 * "Arrange": applies the traffic-order layout (layout.ts) to a drawing. Everything moves, except
 * pinned components (`all`); or only what is not placed yet, fitted in around what is.
 */
import type { ComponentId, Position, Project } from '../model/types';
import { inflate, intersects } from './box';
import { edgeSpecs } from './edges';
import { layoutPositions } from './layout';
import { outerBox } from './nodes';
import type { Box } from './types';

export interface ArrangeOptions {
  /** Lay out every component that is not pinned (default: only the ones not placed yet). */
  readonly all?: boolean;
}

/** Space kept free around a component moved next to placed ones. */
const CLEARANCE = 32;

/** Ids of the components that count as placed: not at (0, 0), and not on top of a placed one before it. */
export function placedComponents(project: Project): Set<ComponentId> {
  const placed = new Set<ComponentId>();
  const boxes: Box[] = [];
  for (const c of project.components) {
    if (c.position.x === 0 && c.position.y === 0) continue;
    const box = outerBox(c);
    if (boxes.some((b) => intersects(b, box))) continue;
    placed.add(c.id);
    boxes.push(box);
  }
  return placed;
}

/**
 * New positions for the components to lay out: every component not pinned (`all`), or only
 * those not placed yet. When some keep their place, the others keep the layout's arrangement
 * around the kept component they are most connected to, pushed down until they overlap nothing.
 * With nothing kept, the drawing keeps its top-left corner (the origin for a new drawing).
 */
export function arrange(project: Project, options: ArrangeOptions = {}): Map<ComponentId, Position> {
  const result = new Map<ComponentId, Position>();
  if (project.components.length === 0) return result;
  const pinned = project.components.filter((c) => c.pinned === true).map((c) => c.id);
  const kept = options.all ? new Set(pinned) : new Set([...placedComponents(project), ...pinned]);
  const moving = project.components.filter((c) => !kept.has(c.id));
  if (moving.length === 0) return result;
  const laid = layoutPositions(project);
  if (kept.size === 0) {
    // The drawing keeps its top-left corner (a new one starts at the origin).
    const current = project.components.filter((c) => c.position.x !== 0 || c.position.y !== 0);
    const laidX = Math.min(...[...laid.values()].map((p) => p.x));
    const laidY = Math.min(...[...laid.values()].map((p) => p.y));
    const dx = current.length ? Math.min(...current.map((c) => c.position.x)) - laidX : 0;
    const dy = current.length ? Math.min(...current.map((c) => c.position.y)) - laidY : 0;
    for (const c of project.components) {
      const p = laid.get(c.id)!;
      result.set(c.id, { x: p.x + dx, y: p.y + dy });
    }
    return result;
  }
  return arrangeAround(project, kept, laid);
}

function arrangeAround(
  project: Project,
  kept: ReadonlySet<ComponentId>,
  laid: Map<ComponentId, Position>,
): Map<ComponentId, Position> {
  const result = new Map<ComponentId, Position>();
  const byId = new Map(project.components.map((c) => [c.id, c] as const));
  const occupied: Box[] = project.components.filter((c) => kept.has(c.id)).map((c) => outerBox(c));
  const weight = new Map<string, number>();
  for (const e of edgeSpecs(project)) {
    for (const key of [`${e.source}\u0000${e.target}`, `${e.target}\u0000${e.source}`])
      weight.set(key, (weight.get(key) ?? 0) + 1);
  }
  for (const group of groupsOf(project, kept)) {
    const centre = group
      .map((id) => laid.get(id)!)
      .reduce((acc, p) => ({ x: acc.x + p.x / group.length, y: acc.y + p.y / group.length }), { x: 0, y: 0 });
    let anchor: ComponentId | undefined;
    let bestLinks = -1;
    let bestDistance = Infinity;
    for (const id of kept) {
      const links = group.reduce((n, g) => n + (weight.get(`${id}\u0000${g}`) ?? 0), 0);
      const p = laid.get(id)!;
      const distance = Math.hypot(p.x - centre.x, p.y - centre.y);
      if (links > bestLinks || (links === bestLinks && distance < bestDistance)) {
        anchor = id;
        bestLinks = links;
        bestDistance = distance;
      }
    }
    const a = byId.get(anchor!)!;
    const dx = a.position.x - laid.get(anchor!)!.x;
    let dy = a.position.y - laid.get(anchor!)!.y;
    const positions = () => group.map((id) => [id, { x: laid.get(id)!.x + dx, y: laid.get(id)!.y + dy }] as const);
    for (let i = 0; i < 1000; i++) {
      let push = 0;
      for (const [id, p] of positions()) {
        const box = inflate(outerBox(byId.get(id)!, p), CLEARANCE);
        for (const o of occupied) if (intersects(o, box)) push = Math.max(push, o.y + o.h - box.y);
      }
      if (push === 0) break;
      dy += Math.max(push, 16);
    }
    for (const [id, p] of positions()) {
      result.set(id, p);
      occupied.push(outerBox(byId.get(id)!, p));
    }
  }
  return result;
}

/** Connected groups of the components not kept (linked among themselves), in document order. */
function groupsOf(project: Project, kept: ReadonlySet<ComponentId>): ComponentId[][] {
  const parent = new Map<ComponentId, ComponentId>();
  const find = (a: ComponentId): ComponentId => {
    let r = a;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(a, r);
    return r;
  };
  for (const c of project.components) if (!kept.has(c.id)) parent.set(c.id, c.id);
  for (const e of edgeSpecs(project))
    if (parent.has(e.source) && parent.has(e.target)) parent.set(find(e.source), find(e.target));
  const groups = new Map<ComponentId, ComponentId[]>();
  for (const c of project.components) {
    if (kept.has(c.id)) continue;
    const r = find(c.id);
    const g = groups.get(r);
    if (g) g.push(c.id);
    else groups.set(r, [c.id]);
  }
  return [...groups.values()];
}
