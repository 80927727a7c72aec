/**
 * The overview's geometry: the diagram without port rows. Nodes keep their positions (the ones the
 * canvas shows) but only their header; public URLs keep their labels, links are drawn without
 * one; every edge ends on the node's left border. Built from the same pieces as `diagramOf`
 * (node boxes, zone regions around them, the orthogonal router), so it reads like the canvas.
 */
import { boundsOf, boxOfPoints } from '../diagram/box';
import { edgeSpecs, type EdgeSpec } from '../diagram/edges';
import { LABEL_ARROW_GAP, LABEL_LEAD } from '../diagram/layout';
import { BADGE_WIDTH, LABEL_HEIGHT, NODE_HEADER, PORT_ROW, STACK_OFFSET, labelSize } from '../diagram/metrics';
import { nodeGeometry } from '../diagram/nodes';
import { routeEdges, type RouteObstacle, type RouteRequest } from '../diagram/route';
import type { Box, Diagram, DiagramEdge, DiagramNode, Point } from '../diagram/types';
import { zoneRegions } from '../diagram/zones';
import type { ComponentId, Project } from '../model/types';

/** Where an edge whose row lies beyond the header turns to it, before the arrow (as in diagramOf). */
const JOG = 7;
/** Arrows stay this far inside the header's top and bottom. */
const ARROW_INSET = 6;
/** Edges leave a node's right border spread over this inset from its top and bottom. */
const SOURCE_INSET = 12;

function headerOnly(n: DiagramNode): DiagramNode {
  const box: Box = { ...n.box, h: NODE_HEADER };
  const stack = n.stack * STACK_OFFSET;
  return { ...n, box, ports: [], outer: { x: box.x, y: box.y, w: box.w + stack, h: box.h + stack } };
}

interface Draft {
  readonly spec: EdgeSpec;
  readonly label: Box;
  readonly approach: Point;
  readonly tail: readonly Point[];
}

/** The overview of `project`; `badges` widens route labels as in `diagramOf`. */
export function overviewDiagram(project: Project, badges: (edgeId: string) => number = () => 0): Diagram {
  const nodes = project.components.map((c) => headerOnly(nodeGeometry(c)));
  const byId = new Map<ComponentId, DiagramNode>(nodes.map((n) => [n.id, n]));
  const zones = zoneRegions(project, (id) => byId.get(id)?.outer);
  const specs = edgeSpecs(project);
  const docOrder = new Map(specs.map((e, i) => [e.id, i] as const));
  const centreY = (id: ComponentId) => byId.get(id)!.box.y + NODE_HEADER / 2;

  // Into each node: one row per edge, centred on the header, the edge from higher up first.
  const byTarget = new Map<ComponentId, EdgeSpec[]>();
  for (const s of specs) {
    const list = byTarget.get(s.target);
    if (list) list.push(s);
    else byTarget.set(s.target, [s]);
  }
  const drafts: Draft[] = [];
  for (const [target, list] of byTarget) {
    const node = byId.get(target)!.box;
    list.sort((a, b) => centreY(a.source) - centreY(b.source) || docOrder.get(a.id)! - docOrder.get(b.id)!);
    const own = Math.floor((list.length - 1) / 2);
    list.forEach((spec, i) => {
      const y = node.y + NODE_HEADER / 2 + (i - own) * PORT_ROW;
      const w = spec.variant === 'route' ? labelSize(spec.text).w + badges(spec.id) * BADGE_WIDTH : 0;
      const label: Box = { x: node.x - LABEL_ARROW_GAP - w, y: y - LABEL_HEIGHT / 2, w, h: w > 0 ? LABEL_HEIGHT : 0 };
      const end = Math.min(node.y + NODE_HEADER - ARROW_INSET, Math.max(node.y + ARROW_INSET, y));
      const arrow = { x: node.x, y: end };
      const tail = end === y ? [arrow] : [{ x: node.x - JOG, y }, { x: node.x - JOG, y: end }, arrow];
      drafts.push({ spec, label, approach: { x: label.x - LABEL_LEAD, y }, tail });
    });
  }

  // Out of each node: anchors spread down the right border of the header (and its cards).
  const bySource = new Map<ComponentId, Draft[]>();
  for (const d of drafts) {
    const list = bySource.get(d.spec.source);
    if (list) list.push(d);
    else bySource.set(d.spec.source, [d]);
  }
  const requests: RouteRequest[] = [];
  const tails = new Map<string, readonly Point[]>();
  for (const [source, list] of bySource) {
    const { box, outer } = byId.get(source)!;
    list.sort((a, c) => a.approach.y - c.approach.y || docOrder.get(a.spec.id)! - docOrder.get(c.spec.id)!);
    const span = box.h - 2 * SOURCE_INSET;
    list.forEach((d, i) => {
      const y = list.length === 1 ? box.y + box.h / 2 : box.y + SOURCE_INSET + (span * i) / (list.length - 1);
      requests.push({
        id: d.spec.id,
        source: { x: outer.x + outer.w, y: Math.round(y) },
        sourceNode: source,
        target: d.approach,
        targetNode: d.spec.target,
      });
      tails.set(d.spec.id, d.tail);
    });
  }
  requests.sort((a, b) => docOrder.get(a.id)! - docOrder.get(b.id)!);
  const obstacles: RouteObstacle[] = [
    ...nodes.map((n) => ({ id: n.id, box: n.outer })),
    ...zones.map((z) => ({ id: `title:${z.id}`, box: z.title })),
  ];
  const routed = requests.length > 0 ? routeEdges(obstacles, requests) : new Map<string, Point[]>();
  const labelOf = new Map(drafts.map((d) => [d.spec.id, d.label] as const));
  const edges: DiagramEdge[] = requests.map((r) => {
    const spec = specs[docOrder.get(r.id)!]!;
    return {
      id: spec.id,
      variant: spec.variant,
      source: spec.source,
      target: spec.target,
      port: spec.port,
      points: [...(routed.get(r.id) ?? [r.source, r.target]), ...tails.get(r.id)!],
      // Links carry no label in the overview: an empty one, which nothing draws or measures.
      label: { text: spec.variant === 'route' ? spec.text : '', box: labelOf.get(r.id)! },
    };
  });
  const bounds = boundsOf([
    ...nodes.map((n) => n.outer),
    ...zones.map((z) => z.box),
    ...edges.filter((e) => e.label.box.w > 0).map((e) => e.label.box),
    ...edges.map((e) => boxOfPoints(e.points)),
  ]) ?? { x: 0, y: 0, w: 0, h: 0 };
  return { nodes, zones, edges, bounds };
}
