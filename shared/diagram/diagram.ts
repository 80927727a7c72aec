/**
 * `diagramOf`: the whole picture from the model — node boxes, zone regions, every edge's
 * orthogonal path and its label — in one pure function. The canvas draws exactly this, and so
 * will an exported picture, so the two cannot disagree.
 */
import type { ComponentId, Position, Project } from '../model/types';
import { boundsOf, boxOfPoints } from './box';
import { edgeSpecs, type EdgeSpec } from './edges';
import { LABEL_ARROW_GAP, LABEL_LEAD } from './layout';
import { LABEL_HEIGHT, NODE_HEADER } from './metrics';
import { dragDiagram } from './drag';
import { nodeGeometry } from './nodes';
import { routeEdges, type RouteObstacle, type RouteRequest } from './route';
import { labelSlots, slotY } from './slots';
import type { Box, Diagram, DiagramEdge, DiagramNode, Point } from './types';
import { zoneRegions } from './zones';

export interface DiagramOptions {
  /** Positions that differ from the model's (a drag in progress). */
  readonly moves?: ReadonlyMap<ComponentId, Position>;
  /**
   * The diagram before the moves: with it, only what the moved components touch is redone
   * (see drag.ts) — cheap enough for every frame of a drag. The diagram after the drag is
   * computed in full.
   */
  readonly previous?: Diagram;
  /** Diagnostics badges drawn inside a label, by edge id (they widen it). */
  readonly badges?: (edgeId: string) => number;
}

/** Where an edge into a port row turns from its label's row to the port: just before the arrow. */
const JOG = 7;
/** Edges leave a node's right border spread over this inset from its top and bottom. */
const SOURCE_INSET = 16;

export function diagramOf(project: Project, options: DiagramOptions = {}): Diagram {
  if (options.moves && options.previous) return dragDiagram(options.previous, project, options.moves);
  const moves = options.moves;
  const nodes = project.components.map((c) => nodeGeometry(c, moves?.get(c.id) ?? c.position));
  const byId = new Map<ComponentId, DiagramNode>(nodes.map((n) => [n.id, n]));
  const zones = zoneRegions(project, (id) => byId.get(id)?.outer);
  const specs = edgeSpecs(project);
  const centreY = (id: ComponentId) => {
    const b = byId.get(id)!.box;
    return b.y + b.h / 2;
  };
  const docOrder = new Map(specs.map((e, i) => [e.id, i] as const));
  const slots = labelSlots(
    project,
    specs,
    (a, b) => centreY(a.source) - centreY(b.source) || docOrder.get(a.id)! - docOrder.get(b.id)!,
  );
  const badges = options.badges ?? (() => 0);

  // Each edge's label and its approach: the label's row, right-aligned before the arrow.
  interface Draft {
    readonly spec: EdgeSpec;
    readonly label: Box;
    readonly approach: Point;
    readonly tail: Point[];
  }
  const drafts = new Map<string, Draft>();
  for (const [target, list] of slots) {
    const node = byId.get(target)!;
    for (const s of list) {
      const spec = specs[docOrder.get(s.edge)!]!;
      const w = s.w + badges(spec.id) * 26;
      const y = node.box.y + slotY(s.row);
      const label: Box = { x: node.box.x - LABEL_ARROW_GAP - w, y: y - LABEL_HEIGHT / 2, w, h: LABEL_HEIGHT };
      const port = s.port >= 0 ? node.ports[s.port]!.anchor : { x: node.box.x, y: node.box.y + NODE_HEADER / 2 };
      const tail: Point[] =
        Math.abs(port.y - y) < 0.5 ? [port] : [{ x: port.x - JOG, y }, { x: port.x - JOG, y: port.y }, port];
      drafts.set(spec.id, { spec, label, approach: { x: label.x - LABEL_LEAD, y }, tail });
    }
  }

  // Source anchors spread down the right border, in the order of what they reach.
  const sources = new Map<ComponentId, Draft[]>();
  for (const d of drafts.values()) {
    const list = sources.get(d.spec.source);
    if (list) list.push(d);
    else sources.set(d.spec.source, [d]);
  }
  const anchor = new Map<string, Point>();
  for (const [source, list] of sources) {
    // From the outermost card: edges of a replicated node leave the whole stack.
    const { box, outer } = byId.get(source)!;
    const b = { ...box, w: outer.w };
    list.sort((a, c) => a.approach.y - c.approach.y || docOrder.get(a.spec.id)! - docOrder.get(c.spec.id)!);
    const span = b.h - 2 * SOURCE_INSET;
    list.forEach((d, i) => {
      const y =
        list.length === 1
          ? b.y + Math.min(NODE_HEADER / 2, b.h / 2)
          : b.y + SOURCE_INSET + (span * i) / (list.length - 1);
      anchor.set(d.spec.id, { x: b.x + b.w, y: Math.round(y) });
    });
  }

  const paths = new Map<string, readonly Point[]>();
  const requests: RouteRequest[] = [];
  for (const d of drafts.values()) {
    const source = anchor.get(d.spec.id)!;
    requests.push({ id: d.spec.id, source, sourceNode: d.spec.source, target: d.approach, targetNode: d.spec.target });
  }
  if (requests.length > 0) {
    const obstacles: RouteObstacle[] = [
      ...nodes.map((n) => ({ id: n.id, box: n.outer })),
      ...zones.map((z) => ({ id: `title:${z.id}`, box: z.title })),
    ];
    const routed = routeEdges(obstacles, requests);
    for (const r of requests)
      paths.set(r.id, [...(routed.get(r.id) ?? [r.source, r.target]), ...drafts.get(r.id)!.tail]);
  }

  const edges: DiagramEdge[] = specs
    .filter((s) => drafts.has(s.id))
    .map((s) => {
      const d = drafts.get(s.id)!;
      return {
        id: s.id,
        variant: s.variant,
        source: s.source,
        target: s.target,
        port: s.port,
        points: paths.get(s.id)!,
        label: { text: s.text, box: d.label },
      };
    });
  const bounds = boundsOf([
    ...nodes.map((n) => n.outer),
    ...zones.map((z) => z.box),
    ...edges.map((e) => e.label.box),
    ...edges.map((e) => boxOfPoints(e.points)),
  ]) ?? { x: 0, y: 0, w: 0, h: 0 };
  return { nodes, zones, edges, bounds };
}
