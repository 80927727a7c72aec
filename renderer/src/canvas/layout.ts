/**
 * Auto-layout with elkjs (layered, left → right) that keeps what the architect placed.
 *
 * A component counts as *placed* when its position is not (0, 0) and its box does not overlap
 * the box of a placed component before it in the document (so of two stacked copies, the
 * later one is moved). By default only the other components are laid out: ELK lays out the
 * whole graph for context, then each connected group of unplaced components keeps its ELK
 * arrangement and is moved next to the placed component it is most connected to (or nearest
 * to, in the ELK layout), and pushed down until it overlaps nothing. `{ all: true }` lays out
 * every component, keeping the drawing's top-left corner.
 *
 * elkjs is ~1.6 MB: it is imported on first use, so it never weighs on the editor's start.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { routeUrl } from '../../../shared/model/constraints';
import type { Component, ComponentId, Position, Project } from '../../../shared/model/types';
import { componentBox, portHandleId } from '../flow';
import {
  NODE_WIDTH,
  inflate,
  intersects,
  labelSize,
  nodeHeight,
  portRows,
  portY,
  snap,
  OUT_Y,
  type Box,
} from './geometry';

export interface AutoLayoutOptions {
  /** Lay out every component, not only the ones that are not placed. */
  readonly all?: boolean;
}

interface Elk {
  layout(graph: ElkNode): Promise<ElkNode>;
}

let elkInstance: Promise<Elk> | undefined;
function loadElk(): Promise<Elk> {
  elkInstance ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elkInstance;
}

/** Space kept free around a moved component. */
const CLEARANCE = 32;

const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.spacing.edgeLabel': '8',
  'elk.spacing.edgeNode': '24',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '64',
};

/** Ids of the components that count as placed (see the module comment). */
export function placedComponents(project: Project): Set<ComponentId> {
  const placed = new Set<ComponentId>();
  const boxes: Box[] = [];
  for (const c of project.components) {
    if (c.position.x === 0 && c.position.y === 0) continue;
    const box = componentBox(c);
    if (boxes.some((b) => intersects(b, box))) continue;
    placed.add(c.id);
    boxes.push(box);
  }
  return placed;
}

/** The ELK graph of the whole project: ports as on the canvas, edge labels sized as drawn. */
function elkGraph(project: Project): ElkNode {
  const ids = new Set(project.components.map((c) => c.id as string));
  const children: ElkNode[] = project.components.map((c) => {
    const ports = portRows(c);
    return {
      id: c.id,
      width: NODE_WIDTH,
      height: nodeHeight(ports.length),
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        ...ports.map((p, i) => ({
          id: `${c.id}\u0000${portHandleId(p.name)}`,
          x: 0,
          y: portY(i),
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'WEST' },
        })),
        {
          id: `${c.id}\u0000out`,
          x: NODE_WIDTH,
          y: OUT_Y,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'EAST' },
        },
      ],
    };
  });
  const edges: ElkExtendedEdge[] = [];
  const portOf = (c: Component | undefined, port: string) =>
    c && portRows(c).some((p) => p.name === port) ? `${c.id}\u0000${portHandleId(port)}` : c?.id;
  const byId = new Map(project.components.map((c) => [c.id as string, c]));
  for (const link of project.links) {
    if (!ids.has(link.from) || !ids.has(link.to) || link.from === link.to) continue;
    const label = labelSize([`${link.port} 00000`], 0);
    edges.push({
      id: `l\u0000${link.id}`,
      sources: [`${link.from}\u0000out`],
      targets: [portOf(byId.get(link.to), link.port)!],
      labels: [{ text: link.port, width: label.w, height: label.h }],
    });
  }
  const seen = new Set<string>();
  for (const route of project.routes) {
    if (!ids.has(route.via) || !ids.has(route.target) || route.via === route.target) continue;
    const key = `${route.via}\u0000${route.target}\u0000${route.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = labelSize([routeUrl(route)], 0);
    edges.push({
      id: `r\u0000${route.id}`,
      sources: [`${route.via}\u0000out`],
      targets: [portOf(byId.get(route.target), route.port)!],
      labels: [{ text: routeUrl(route), width: label.w, height: label.h }],
    });
  }
  return { id: 'root', layoutOptions: ELK_OPTIONS, children, edges };
}

/** Connected groups of `ids` (through links and routes between them), in document order. */
function groupsOf(project: Project, ids: ReadonlySet<ComponentId>): ComponentId[][] {
  const neighbours = new Map<ComponentId, ComponentId[]>();
  const connect = (a: ComponentId, b: ComponentId) => {
    if (!ids.has(a) || !ids.has(b)) return;
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  };
  for (const l of project.links) connect(l.from, l.to);
  for (const r of project.routes) connect(r.via, r.target);
  const seen = new Set<ComponentId>();
  const groups: ComponentId[][] = [];
  for (const c of project.components) {
    if (!ids.has(c.id) || seen.has(c.id)) continue;
    const group: ComponentId[] = [];
    const stack = [c.id];
    seen.add(c.id);
    while (stack.length > 0) {
      const id = stack.pop()!;
      group.push(id);
      for (const n of neighbours.get(id) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    groups.push(group);
  }
  return groups;
}

/**
 * New positions (top-left, snapped to the 16 px grid) for the components to lay out: the
 * ones not placed, or all with `{ all: true }`. Components that keep their place are absent.
 */
export async function autoLayout(
  project: Project,
  options: AutoLayoutOptions = {},
): Promise<Map<ComponentId, Position>> {
  const result = new Map<ComponentId, Position>();
  if (project.components.length === 0) return result;
  const placed = options.all ? new Set<ComponentId>() : placedComponents(project);
  const moving = new Set(project.components.filter((c) => !placed.has(c.id)).map((c) => c.id));
  if (moving.size === 0) return result;

  const elk = await loadElk();
  const laid = await elk.layout(elkGraph(project));
  const elkPos = new Map<string, Position>((laid.children ?? []).map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
  const byId = new Map(project.components.map((c) => [c.id, c]));

  if (placed.size === 0) {
    // Everything moves: keep the drawing's top-left corner (the origin for a new drawing).
    const current = project.components.filter((c) => c.position.x !== 0 || c.position.y !== 0);
    const originX = current.length ? Math.min(...current.map((c) => c.position.x)) : 0;
    const originY = current.length ? Math.min(...current.map((c) => c.position.y)) : 0;
    const minX = Math.min(...[...elkPos.values()].map((p) => p.x));
    const minY = Math.min(...[...elkPos.values()].map((p) => p.y));
    for (const c of project.components) {
      const p = elkPos.get(c.id) ?? { x: 0, y: 0 };
      result.set(c.id, { x: snap(originX + p.x - minX), y: snap(originY + p.y - minY) });
    }
    return result;
  }

  const occupied: Box[] = project.components.filter((c) => placed.has(c.id)).map(componentBox);
  const boxAt = (c: Component, p: Position): Box => ({ ...componentBox(c), x: p.x, y: p.y });
  const edgesBetween = (a: ComponentId, b: ComponentId) =>
    project.links.filter((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a)).length +
    project.routes.filter((r) => (r.via === a && r.target === b) || (r.via === b && r.target === a)).length;

  for (const group of groupsOf(project, moving)) {
    const centre = group
      .map((id) => elkPos.get(id)!)
      .reduce((acc, p) => ({ x: acc.x + p.x / group.length, y: acc.y + p.y / group.length }), { x: 0, y: 0 });
    // The anchor: the placed component most connected to the group, then the nearest in ELK's layout.
    let anchor: ComponentId | undefined;
    let bestLinks = -1;
    let bestDistance = Infinity;
    for (const id of placed) {
      const linksToGroup = group.reduce((n, g) => n + edgesBetween(id, g), 0);
      const p = elkPos.get(id)!;
      const distance = Math.hypot(p.x - centre.x, p.y - centre.y);
      if (linksToGroup > bestLinks || (linksToGroup === bestLinks && distance < bestDistance)) {
        anchor = id;
        bestLinks = linksToGroup;
        bestDistance = distance;
      }
    }
    const a = byId.get(anchor!)!;
    const ae = elkPos.get(anchor!)!;
    const dx = a.position.x - ae.x;
    let dy = a.position.y - ae.y;
    const positions = () =>
      group.map((id) => {
        const p = elkPos.get(id)!;
        return [id, { x: snap(p.x + dx), y: snap(p.y + dy) }] as const;
      });
    // Push the group down until none of its boxes comes near an occupied one.
    for (let i = 0; i < 500; i++) {
      let push = 0;
      for (const [id, p] of positions()) {
        const box = inflate(boxAt(byId.get(id)!, p), CLEARANCE);
        for (const o of occupied) if (intersects(o, box)) push = Math.max(push, o.y + o.h - box.y);
      }
      if (push === 0) break;
      dy += Math.max(push, 16);
    }
    for (const [id, p] of positions()) {
      result.set(id, p);
      occupied.push(boxAt(byId.get(id)!, p));
    }
  }
  return result;
}

/** Runs the layout and applies it as one undo step, unless the document changed meanwhile. */
export async function applyAutoLayout(
  store: {
    getState(): {
      project: Project | null;
      moveComponents(moves: ReadonlyMap<ComponentId, Position>, transaction?: string): void;
    };
  },
  options: AutoLayoutOptions = {},
): Promise<number> {
  const project = store.getState().project;
  if (project === null) return 0;
  const moves = await autoLayout(project, options);
  if (moves.size === 0 || store.getState().project !== project) return 0;
  store.getState().moveComponents(moves);
  return moves.size;
}
