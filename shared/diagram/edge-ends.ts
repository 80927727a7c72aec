/**
 * Where each edge starts and ends, before it is routed: its label box in the slot in front of
 * the port it names, the approach point before the label, the tail into the port, and the source
 * anchor on the sender's right border (spread in the order of what the sender reaches). One home
 * for `diagramOf` and `dropDiagram`, so a drop places ends exactly as a full recompute does.
 */
import type { ComponentId, Project } from '../model/types';
import type { EdgeSpec } from './edges';
import { LABEL_ARROW_GAP, LABEL_LEAD } from './layout';
import { LABEL_HEIGHT, NODE_HEADER } from './metrics';
import { labelSlots, slotY } from './slots';
import type { RouteRequest } from './route';
import type { Box, DiagramNode, Point } from './types';

/** Where an edge into a port row turns from its label's row to the port: just before the arrow. */
const JOG = 7;
/** Edges leave a node's right border spread over this inset from its top and bottom. */
const SOURCE_INSET = 16;

/** An edge's ends: label box, source anchor, approach (where routing ends) and tail into the port. */
export interface EdgeEnds {
  readonly spec: EdgeSpec;
  readonly label: Box;
  readonly approach: Point;
  readonly tail: readonly Point[];
  /** Set once every edge of the source is known (anchors spread over all of them). */
  source?: Point;
}

/**
 * Every edge's label, approach, tail and source anchor, placed as `diagramOf` places them
 * (label slots ranked by source height, anchors spread in the order of what they reach).
 */
export function edgeEnds(
  project: Project,
  specs: readonly EdgeSpec[],
  byId: ReadonlyMap<ComponentId, DiagramNode>,
  badges: (edgeId: string) => number = () => 0,
): Map<string, EdgeEnds> {
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
  const out = new Map<string, EdgeEnds>();
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
      out.set(spec.id, { spec, label, approach: { x: label.x - LABEL_LEAD, y }, tail });
    }
  }
  const sources = new Map<ComponentId, EdgeEnds[]>();
  for (const d of out.values()) {
    const list = sources.get(d.spec.source);
    if (list) list.push(d);
    else sources.set(d.spec.source, [d]);
  }
  for (const [source, list] of sources) {
    const { box, outer } = byId.get(source)!;
    const b = { ...box, w: outer.w };
    list.sort((a, c) => a.approach.y - c.approach.y || docOrder.get(a.spec.id)! - docOrder.get(c.spec.id)!);
    const span = b.h - 2 * SOURCE_INSET;
    list.forEach((d, i) => {
      const y =
        list.length === 1
          ? b.y + Math.min(NODE_HEADER / 2, b.h / 2)
          : b.y + SOURCE_INSET + (span * i) / (list.length - 1);
      d.source = { x: b.x + b.w, y: Math.round(y) };
    });
  }
  return out;
}

/** What the router is asked for an edge whose ends are placed: from its source anchor to its approach. */
export function routeRequest(d: EdgeEnds): RouteRequest {
  return { id: d.spec.id, source: d.source!, sourceNode: d.spec.source, target: d.approach, targetNode: d.spec.target };
}
