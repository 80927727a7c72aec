/**
 * Where each edge starts and ends, before it is routed: its label box in the slot in front of
 * the port it names, the approach point before the label, the tail into the port, and the source
 * anchor on the sender's border (spread in the order of what the sender reaches). One home
 * for `diagramOf` and `dropDiagram`, so a drop places ends exactly as a full recompute does.
 *
 * An edge leaves its sender's right border; when its label's row lies above or below the
 * sender, it may leave the top or bottom border instead (a second anchor there, `side`), and the
 * router takes whichever gives the cheaper route. That is what keeps an edge from doubling back
 * around its own sender when its label starts behind it (a feeder column's labels reach back
 * over the column before, see layout.ts), or from detouring around what sits right of the sender.
 */
import type { ComponentId, Project } from '../model/types';
import type { EdgeSpec } from './edges';
import { LABEL_ARROW_GAP, LABEL_LEAD } from './layout';
import { LABEL_HEIGHT, NODE_HEADER } from './metrics';
import { labelSlots, slotY } from './slots';
import type { RouteRequest } from './route';
import type { Box, DiagramEdge, DiagramNode, Point } from './types';

/** Where an edge into a port row turns from its label's row to the port: just before the arrow. */
const JOG = 7;
/** Edges leave a node's right border spread over this inset from its top and bottom (and its top or bottom border from its sides). */
const SOURCE_INSET = 16;
/** Anchors on a top or bottom border at least this far apart (more than the router's nudging spacing). */
const ANCHOR_GAP = 8;
/** The router's stub (route.ts): an edge's first and last runs. */
const STUB = 12;
/** The router's clearance around obstacles (route.ts), kept from zone titles by anchors on a top border. */
const CLEARANCE = 8;
/**
 * The right end of a top border that anchors leave free: the TLS mark sits there on the border
 * (shared/render/draw-node.ts: 12 px from the right end, 42 px wide), and edges must not run
 * through it. A test keeps this in step with the mark's width.
 */
export const TOP_RIGHT_MARKS = 60;
/** A label row this far beyond a border (its half height, a stub, a little room) is reached by leaving that border. */
const ROW_BEYOND = LABEL_HEIGHT / 2 + STUB + 4;

/** A second anchor, on the top (north) or bottom (south) border, that the router may start from instead. */
export interface SideAnchor {
  readonly point: Point;
  readonly leave: 'north' | 'south';
}

/** An edge's ends: label box, source anchor, approach (where routing ends) and tail into the port. */
export interface EdgeEnds {
  readonly spec: EdgeSpec;
  readonly label: Box;
  readonly approach: Point;
  readonly tail: readonly Point[];
  /** Set once every edge of the source is known (anchors spread over all of them). */
  source?: Point;
  /** Set with `source` when the label's row lies beyond the top or bottom border and there is room for an anchor there. */
  side?: SideAnchor;
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
  titles: readonly Box[] = [],
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
    const lo = b.x + SOURCE_INSET;
    const hi = b.x + b.w - SOURCE_INSET;
    spreadAlong(
      list.filter((d) => d.approach.y < b.y - ROW_BEYOND),
      lo,
      Math.min(hi, b.x + box.w - TOP_RIGHT_MARKS),
      b.y,
      titles,
      docOrder,
    );
    spreadAlong(
      list.filter((d) => d.approach.y > outer.y + outer.h + ROW_BEYOND),
      lo,
      hi,
      outer.y + outer.h,
      [],
      docOrder,
    );
  }
  return out;
}

/** What the router is asked for an edge whose ends are placed: from its source anchor to its approach. */
export function routeRequest(d: EdgeEnds): RouteRequest {
  const r = {
    id: d.spec.id,
    source: d.source!,
    sourceNode: d.spec.source,
    target: d.approach,
    targetNode: d.spec.target,
  };
  return d.side ? { ...r, side: { source: d.side.point, leave: d.side.leave } } : r;
}

/** The anchors an edge of a diagram was routed from (see `rememberAnchors`). */
export interface EdgeAnchors {
  readonly source: Point;
  readonly side: SideAnchor | undefined;
}

/**
 * Per edge of a diagram, the anchors its route could start from: a drop that keeps a sender's
 * anchors (drop-ends.ts) routes its edges again from both, as the full diagram would. Kept beside
 * the edge rather than in it: the drawing needs only the route taken.
 */
const anchorsOfEdge = new WeakMap<DiagramEdge, EdgeAnchors>();

export function rememberAnchors(edge: DiagramEdge, ends: EdgeEnds): void {
  anchorsOfEdge.set(edge, { source: ends.source!, side: ends.side });
}

export function anchorsOf(edge: DiagramEdge): EdgeAnchors | undefined {
  return anchorsOfEdge.get(edge);
}

/**
 * Side anchors on a top or bottom border at height `y`, between `lo` and `hi`, for edges whose
 * labels lie beyond it: each as far right as lets it turn into its label's row moving right (a
 * stub before the label's approach), the edge to the farthest row leftmost, so that no edge
 * crosses the row of a nearer one. Anchors keep clear of zone titles just above a top border.
 * None are placed when the border has no room for them all.
 */
function spreadAlong(
  list: EdgeEnds[],
  lo: number,
  hi: number,
  y: number,
  titles: readonly Box[],
  docOrder: ReadonlyMap<string, number>,
): void {
  if (list.length === 0) return;
  for (const t of titles) {
    // A title whose clearance reaches the strip a stub above the border.
    if (t.y + t.h + CLEARANCE <= y - STUB - CLEARANCE || t.y - CLEARANCE >= y) continue;
    if (t.x - CLEARANCE >= hi || t.x + t.w + CLEARANCE <= lo) continue;
    // Titles sit at a zone's left: what is left of the border lies right of the title.
    lo = Math.max(lo, Math.ceil(t.x + t.w + CLEARANCE + 1));
  }
  const room = hi - lo;
  if (room < 0 || room < (list.length - 1) * ANCHOR_GAP) return;
  const far = (d: EdgeEnds) => Math.abs(d.approach.y - y);
  list.sort((a, c) => far(c) - far(a) || docOrder.get(a.spec.id)! - docOrder.get(c.spec.id)!);
  const xs = list.map((d) => Math.min(hi, Math.max(lo, Math.floor(d.approach.x - STUB - ANCHOR_GAP))));
  // Left to right, at least ANCHOR_GAP apart; then back from the right end, within `hi`.
  for (let i = 1; i < xs.length; i++) xs[i] = Math.max(xs[i]!, xs[i - 1]! + ANCHOR_GAP);
  for (let i = xs.length - 1; i >= 0; i--) xs[i] = Math.min(xs[i]!, i === xs.length - 1 ? hi : xs[i + 1]! - ANCHOR_GAP);
  list.forEach((d, i) => {
    d.side = { point: { x: Math.round(xs[i]!), y }, leave: d.approach.y < y ? 'north' : 'south' };
  });
}

/** Whether `ends` has the anchors `edge` was routed from (unknown anchors never match). */
export function sameAnchors(edge: DiagramEdge, ends: EdgeEnds): boolean {
  const was = anchorsOf(edge);
  if (!was || !ends.source) return false;
  const same = (a: Point, b: Point) => a.x === b.x && a.y === b.y;
  if (!same(was.source, ends.source)) return false;
  if (!was.side || !ends.side) return !was.side && !ends.side;
  return was.side.leave === ends.side.leave && same(was.side.point, ends.side.point);
}
