/**
 * Auto-layout in the direction of traffic: columns from `trafficLayers` (clients, entry
 * points, nextAuth services, data stores and external services, left to right, and a feeder
 * column before a tier for what feeds it, such as mgmt before nextauth); each zone region is a
 * block that spans the columns of its members, and blocks sharing a column are stacked so
 * regions never overlap and contain exactly their members. A block starting in a feeder column
 * is also stacked against the column before, so the feeder column can start right where that
 * column ends: the public URL labels in front of mgmt then lie under the proxy instead of
 * widening the drawing by a column. Column x positions are then pushed right just enough for
 * every edge label to sit on its own edge, in front of the port it names, clear of nodes and
 * zone titles. Pure, synchronous and near-linear: 500 components lay out in tens of
 * milliseconds (both placements of feeder blocks, see `layoutPositions`), and the same project
 * always gives the same drawing.
 *
 * Why not ELK (used before): its layered algorithm cannot keep zones whole without compound
 * nodes, which it then lays out with hierarchy-crossing edges that made zones split and the
 * label space it reserves knows nothing of our port rows; it was also 1.6 MB and asynchronous.
 */
import type { ComponentId, Position, Project } from '../model/types';
import { edgeSpecs } from './edges';
import { LABEL_HEIGHT } from './metrics';
import { labelSlots, slotTop } from './slots';
import { outerBox } from './nodes';
import { trafficLayers } from './order';
import { ZONE_GUTTER, ZONE_PAD_BOTTOM, ZONE_PAD_TOP, ZONE_PAD_X, regionMembers, titleBox } from './zones';
import type { Box } from './types';

/** Vertical space between two members of a block in one column. */
const ROW_GAP = 14;
/** The least space between columns: both zone paddings, the gutter, and a channel for edges. */
const COLUMN_GAP = 2 * ZONE_PAD_X + ZONE_GUTTER + 24;
/** From the arrow tip (the port) back to the label's right end. */
export const LABEL_ARROW_GAP = 10;
/** Between two labels on one line, and between a label and an obstacle. */
export const LABEL_SPACING = 6;
/** The edge's straight run in front of its label (the router's approach point is where it starts). */
export const LABEL_LEAD = 16;
/**
 * Left of that run, room for the edge to come down to the label's row: the source's own stub
 * (12), a vertical channel, and space to spread parallel edges apart.
 */
const LABEL_CHANNEL = 16;
/** Label runs longer than this (public URLs, not port names) get the space left of their node cleared. */
const WIDE_RUN = 200;
/** An edge into the next column keeps this much horizontal run (it points to the right). */
const EDGE_GAP = 56;
/** An edge into a feeder column keeps this much horizontal run before its target's box. */
const FEEDER_GAP = 0;
/** Room for one edge running between two blocks (the router keeps parallel edges this far apart). */
const EDGE_TRACK = 8;
/** Nodes in different columns at nearly the same height still keep their columns apart. */
const ROW_CLEAR = 8;

interface Block {
  readonly key: string;
  /** The zone's name (its title's width matters to labels); empty without a zone. */
  readonly title: string;
  readonly zoned: boolean;
  readonly members: ComponentId[];
  c0: number;
  c1: number;
  /** Member top relative to the block's top. */
  readonly rel: Map<ComponentId, number>;
  height: number;
  y: number;
}

/** How much horizontal run each label row in front of a component needs (keyed `id\0row`). */
export function labelRuns(project: Project): Map<string, { row: number; run: number }[]> {
  const runs = new Map<string, { row: number; run: number }[]>();
  for (const [target, slots] of labelSlots(project, edgeSpecs(project)))
    runs.set(
      target,
      slots.map((s) => ({ row: s.row, run: LABEL_ARROW_GAP + s.w + LABEL_LEAD + LABEL_CHANNEL })),
    );
  return runs;
}

/**
 * The screen a drawing is laid out for: the canvas of a 1440×900 window with the side panels
 * folded, less the margins of a fit (renderer/src/editor/layout.ts) — where text must stay ≥ 11 px.
 */
const SCREEN = { w: 1312, h: 695 } as const;

/** What every placement of a project shares: columns, sizes, label runs and senders. */
interface LayoutInput {
  readonly column: Map<ComponentId, number>;
  readonly feeders: ReadonlySet<number>;
  readonly runs: Map<string, { row: number; run: number }[]>;
  /** Outer box sizes. */
  readonly width: Map<ComponentId, number>;
  readonly nodeH: Map<ComponentId, number>;
  /** Height in the column with the label rows above and below the node; `ext` of it above. */
  readonly height: Map<ComponentId, number>;
  readonly ext: Map<ComponentId, number>;
  readonly preds: Map<ComponentId, ComponentId[]>;
}

/**
 * Positions of a whole-project layout, the drawing's top-left corner (zone paddings included)
 * at the origin. With feeder columns there are two ways to place their zones: under the column
 * before (the drawing is narrower, as trafficLayers intends) or beside it (shorter); the one
 * whose drawing shows larger on the screen it is laid out for wins — a few components come out
 * narrow, hundreds (far too tall for any screen) short, with their public URLs less long.
 */
export function layoutPositions(project: Project): Map<ComponentId, Position> {
  const input = layoutInput(project);
  const under = placeAll(project, input, true);
  if (input.feeders.size === 0) return under;
  const beside = placeAll(project, input, false);
  return screenZoom(beside, input) > screenZoom(under, input) + 1e-9 ? beside : under;
}

function layoutInput(project: Project): LayoutInput {
  const { column, feeders } = trafficLayers(project);
  const runs = labelRuns(project);
  const nodeH = new Map(project.components.map((c) => [c.id, outerBox(c, { x: 0, y: 0 }).h] as const));
  // Labels stacked in rows above or below their node (many edges into one port) make the node
  // take that much more room in its column.
  const ext = new Map<ComponentId, number>();
  const height = new Map<ComponentId, number>();
  for (const c of project.components) {
    const rows = (runs.get(c.id) ?? []).map((r) => r.row);
    const h = nodeH.get(c.id)!;
    const above = rows.length ? Math.max(0, LABEL_SPACING - slotTop(Math.min(...rows))) : 0;
    const below = rows.length ? Math.max(0, slotTop(Math.max(...rows)) + LABEL_HEIGHT + LABEL_SPACING - h) : 0;
    ext.set(c.id, above);
    height.set(c.id, above + h + below);
  }
  const width = new Map(project.components.map((c) => [c.id, outerBox(c, { x: 0, y: 0 }).w] as const));
  const preds = new Map<ComponentId, ComponentId[]>();
  for (const e of edgeSpecs(project)) {
    const list = preds.get(e.target);
    if (list) list.push(e.source);
    else preds.set(e.target, [e.source]);
  }
  return { column, feeders, runs, width, nodeH, height, ext, preds };
}

/** The zoom at which the drawing (members' boxes with their zone paddings) fits SCREEN. */
function screenZoom(positions: Map<ComponentId, Position>, input: LayoutInput): number {
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [id, p] of positions) {
    x1 = Math.max(x1, p.x + input.width.get(id)! + ZONE_PAD_X);
    y1 = Math.max(y1, p.y + input.nodeH.get(id)! + ZONE_PAD_BOTTOM);
  }
  // The positions start at the origin with the paddings included (placeAll).
  return Math.min(SCREEN.w / x1, SCREEN.h / y1);
}

/** Blocks placed top to bottom and left to right; `under`: feeder blocks reach under the column before. */
function placeAll(project: Project, input: LayoutInput, under: boolean): Map<ComponentId, Position> {
  const { column, feeders, runs, width, nodeH, height, ext, preds } = input;
  // Blocks: one per zone region, one per component without a zone.
  const blocks: Block[] = [];
  const inZone = new Set<ComponentId>();
  for (const [key, region] of regionMembers(project)) {
    for (const m of region.members) inZone.add(m);
    blocks.push(newBlock(key, region.zone.name, region.members, column));
  }
  for (const c of project.components)
    if (!inZone.has(c.id)) blocks.push(newBlock(`free:${c.id}`, undefined, [c.id], column));
  const docIndex = new Map(project.components.map((c, i) => [c.id, i] as const));
  const firstIndex = (b: Block) => Math.min(...b.members.map((m) => docIndex.get(m)!));
  blocks.sort((a, b) => a.c0 - b.c0 || firstIndex(a) - firstIndex(b));

  const centreY = new Map<ComponentId, number>();
  const occupied = new Map<number, [number, number][]>();
  // Blocks left to right; each goes as near as it can to the components that send it traffic.
  const pending = [...blocks];
  const placedBlocks: Block[] = [];
  while (pending.length > 0) {
    // Of the blocks starting in the leftmost column, first the one whose senders are highest.
    const c0 = pending[0]!.c0;
    let best = 0;
    let bestKey = Infinity;
    for (let i = 0; i < pending.length && pending[i]!.c0 === c0; i++) {
      const k = senderY(pending[i]!, preds, centreY);
      if (k < bestKey - 1e-9) {
        best = i;
        bestKey = k;
      }
    }
    const block = pending.splice(best, 1)[0]!;
    arrangeBlock(block, column, height, preds, centreY, runs, ext);
    // A block that starts with a feeder column reaches back under (or over) the column before
    // it, and keeps a track free between the two for each edge that turns back into it.
    const reach = under && feeders.has(block.c0) ? reachBack(block, column, preds) : undefined;
    block.y = nearestFree(block, occupied, desiredTop(block, height, preds, centreY), reach);
    for (let c = block.c0; c <= block.c1; c++) {
      const list = occupied.get(c) ?? [];
      list.push([block.y - ZONE_GUTTER, block.y + block.height + ZONE_GUTTER]);
      occupied.set(c, list);
    }
    for (const m of block.members) centreY.set(m, block.y + block.rel.get(m)! + height.get(m)! / 2);
    placedBlocks.push(block);
  }

  const top = (id: ComponentId, b: Block) => b.y + b.rel.get(id)! + ext.get(id)!;
  const xs = columnXs(project, placedBlocks, column, feeders, width, nodeH, top);
  const out = new Map<ComponentId, Position>();
  for (const b of placedBlocks)
    for (const m of b.members) out.set(m, { x: xs[column.get(m)!]!, y: Math.round(top(m, b)) });
  // The drawing's top-left (zone paddings included) at the origin: no component lands on
  // (0, 0), which means "not placed yet" (placedComponents), so an arranged drawing stays put.
  const minX = Math.min(...[...out.values()].map((p) => p.x)) - ZONE_PAD_X;
  const minY = Math.min(...[...out.values()].map((p) => p.y)) - ZONE_PAD_TOP;
  for (const [id, p] of out) out.set(id, { x: p.x - minX, y: p.y - minY });
  return out;
}

function newBlock(
  key: string,
  zoneName: string | undefined,
  members: ComponentId[],
  column: Map<ComponentId, number>,
): Block {
  const cols = members.map((m) => column.get(m)!);
  return {
    key,
    title: zoneName ?? '',
    zoned: zoneName !== undefined,
    members,
    c0: Math.min(...cols),
    c1: Math.max(...cols),
    rel: new Map(),
    height: 0,
    y: 0,
  };
}

function mean(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The mean height of the placed components that send traffic into the block (Infinity: none). */
function senderY(block: Block, preds: Map<ComponentId, ComponentId[]>, centreY: Map<ComponentId, number>): number {
  const ys: number[] = [];
  for (const m of block.members) for (const p of preds.get(m) ?? []) if (centreY.has(p)) ys.push(centreY.get(p)!);
  return mean(ys) ?? Infinity;
}

/**
 * Members' places inside the block: column by column, each member as near the height of its
 * senders as the members above it allow (senders inside the block count at their place in it).
 */
function arrangeBlock(
  block: Block,
  column: Map<ComponentId, number>,
  height: Map<ComponentId, number>,
  preds: Map<ComponentId, ComponentId[]>,
  centreY: Map<ComponentId, number>,
  runs: Map<string, { row: number; run: number }[]>,
  ext: Map<ComponentId, number>,
): void {
  const pad = block.zoned ? ZONE_PAD_TOP : 0;
  const inner = new Map<ComponentId, number>();
  // Outside senders' heights, relative to the first outside sender's mean: keeps their spread.
  const outside = block.members.flatMap((m) => (preds.get(m) ?? []).filter((p) => centreY.has(p)));
  const base = mean(outside.map((p) => centreY.get(p)!)) ?? 0;
  let bottom = 0;
  for (let c = block.c0; c <= block.c1; c++) {
    const members = block.members.filter((m) => column.get(m) === c);
    const wanted = members.map((m, i) => {
      const ys = (preds.get(m) ?? []).flatMap((p) =>
        inner.has(p) ? [inner.get(p)! + height.get(p)! / 2] : centreY.has(p) ? [centreY.get(p)! - base] : [],
      );
      const y = mean(ys);
      return { m, i, want: y === undefined ? undefined : y - height.get(m)! / 2 };
    });
    // Members with senders in their order of height; the others after them, in document order.
    wanted.sort((a, b) => (a.want ?? Infinity) - (b.want ?? Infinity) || a.i - b.i);
    let next = -Infinity;
    for (const w of wanted) {
      const y = Math.max(w.want ?? next, next);
      inner.set(w.m, Number.isFinite(y) ? y : 0);
      next = inner.get(w.m)! + height.get(w.m)! + ROW_GAP;
    }
  }
  clearLabelRows(block, inner, column, height, runs, ext);
  const minY = Math.min(...inner.values());
  for (const [m, y] of inner) {
    block.rel.set(m, pad + y - minY);
    bottom = Math.max(bottom, y - minY + height.get(m)!);
  }
  block.height = pad + bottom + (block.zoned ? ZONE_PAD_BOTTOM : 0);
}

/**
 * Long labels (public URLs) in front of a member need the space left of it: members of the
 * same block in earlier columns that sit at those heights move down below them, so the labels
 * lie over the free part of the earlier column instead of widening the gap between columns.
 */
function clearLabelRows(
  block: Block,
  inner: Map<ComponentId, number>,
  column: Map<ComponentId, number>,
  height: Map<ComponentId, number>,
  runs: Map<string, { row: number; run: number }[]>,
  ext: Map<ComponentId, number>,
): void {
  for (let c = block.c0 + 1; c <= block.c1; c++) {
    for (const n of block.members.filter((m) => column.get(m) === c)) {
      const wide = (runs.get(n) ?? []).filter((r) => r.run > WIDE_RUN);
      if (wide.length === 0) continue;
      const nodeTop = inner.get(n)! + ext.get(n)!;
      const y0 = nodeTop + Math.min(...wide.map((r) => slotTop(r.row))) - LABEL_SPACING;
      const y1 = nodeTop + Math.max(...wide.map((r) => slotTop(r.row))) + LABEL_HEIGHT + LABEL_SPACING;
      for (let e = block.c0; e < c; e++) {
        const list = block.members.filter((m) => column.get(m) === e).sort((a, b) => inner.get(a)! - inner.get(b)!);
        let floor = -Infinity;
        for (const m of list) {
          let y = Math.max(inner.get(m)!, floor);
          if (y < y1 && y + height.get(m)! > y0) y = y1;
          inner.set(m, y);
          floor = y + height.get(m)! + ROW_GAP;
        }
      }
    }
  }
}

/** Where the block's top should go: its members level with their senders. */
function desiredTop(
  block: Block,
  height: Map<ComponentId, number>,
  preds: Map<ComponentId, ComponentId[]>,
  centreY: Map<ComponentId, number>,
): number {
  const tops: number[] = [];
  for (const m of block.members) {
    const ys = (preds.get(m) ?? []).filter((p) => centreY.has(p)).map((p) => centreY.get(p)!);
    const y = mean(ys);
    if (y !== undefined) tops.push(y - block.rel.get(m)! - height.get(m)! / 2);
  }
  return mean(tops) ?? 0;
}

/** The free top nearest `want` in every column the block spans. */
function nearestFree(
  block: Block,
  occupied: Map<number, [number, number][]>,
  want: number,
  reach?: { readonly column: number; readonly clearance: number },
): number {
  const intervals: [number, number][] = [];
  for (let c = block.c0; c <= block.c1; c++) intervals.push(...(occupied.get(c) ?? []));
  if (reach)
    for (const [s, e] of occupied.get(reach.column) ?? []) intervals.push([s - reach.clearance, e + reach.clearance]);
  const free = (y: number) => intervals.every(([s, e]) => y + block.height <= s || y >= e);
  if (free(want)) return want;
  let best = Infinity;
  let bestDistance = Infinity;
  for (const [s, e] of intervals)
    for (const y of [e, s - block.height])
      if (Math.abs(y - want) < bestDistance && free(y)) {
        best = y;
        bestDistance = Math.abs(y - want);
      }
  return best;
}

/**
 * A feeder block reaching back over the column before it: that column, and the room its edges
 * into the block need to turn back (one track each, between the two blocks).
 */
function reachBack(
  block: Block,
  column: Map<ComponentId, number>,
  preds: Map<ComponentId, ComponentId[]>,
): { column: number; clearance: number } {
  const before = block.c0 - 1;
  let edges = 0;
  for (const m of block.members) for (const p of preds.get(m) ?? []) if (column.get(p) === before) edges++;
  return { column: before, clearance: edges * EDGE_TRACK };
}

/**
 * The x of each column: right of everything before it that shares its height, with room for
 * zone paddings and gutters, for the labels in front of its ports, and for every edge into it
 * to point to the right.
 */
function columnXs(
  project: Project,
  blocks: Block[],
  column: Map<ComponentId, number>,
  feeders: ReadonlySet<number>,
  width: Map<ComponentId, number>,
  height: Map<ComponentId, number>,
  top: (id: ComponentId, b: Block) => number,
): number[] {
  const columns = Math.max(-1, ...column.values()) + 1;
  const xs: number[] = new Array<number>(columns).fill(0);
  const runs = labelRuns(project);
  const blockOf = new Map<ComponentId, Block>();
  for (const b of blocks) for (const m of b.members) blockOf.set(m, b);
  const byColumn = new Map<number, ComponentId[]>();
  for (const c of project.components) {
    const col = column.get(c.id)!;
    const list = byColumn.get(col);
    if (list) list.push(c.id);
    else byColumn.set(col, [c.id]);
  }
  // Each edge into a column: its label lies between its own source and its port, so the edge
  // never doubles back around its source to reach the start of its label.
  const runOf = new Map<string, number>();
  for (const slots of labelSlots(project, edgeSpecs(project)).values())
    for (const s of slots) runOf.set(s.edge, LABEL_ARROW_GAP + s.w + LABEL_LEAD + LABEL_CHANNEL);
  const sources = new Map<number, { source: ComponentId; run: number }[]>();
  for (const e of edgeSpecs(project)) {
    const t = column.get(e.target)!;
    if (column.get(e.source)! >= t) continue;
    // Into a feeder column the edge only has to point right: its label may reach back under
    // the column before, where that is free at the label's height (the label runs below make
    // sure of that), which is what makes a feeder column cheap.
    const run = feeders.has(t) ? FEEDER_GAP : Math.max(EDGE_GAP, (runOf.get(e.id) ?? 0) + LABEL_SPACING);
    const entry = { source: e.source, run };
    const list = sources.get(t);
    if (list) list.push(entry);
    else sources.set(t, [entry]);
  }
  // What lies left of the column being placed: node boxes, zone regions' right sides, titles.
  const nodes: Box[] = [];
  const regions: Box[] = [];
  const titles: Box[] = [];
  const over = (y0: number, y1: number, b: Box) => y0 < b.y + b.h && b.y < y1;
  const rightOf = (list: Box[], y0: number, y1: number) => {
    let r = -Infinity;
    for (const b of list) if (over(y0, y1, b)) r = Math.max(r, b.x + b.w);
    return r;
  };
  for (let c = 0; c < columns; c++) {
    let x = c === 0 ? 0 : xs[c - 1]!;
    for (const { source, run } of sources.get(c) ?? [])
      x = Math.max(x, xs[column.get(source)!]! + width.get(source)! + run);
    const here = byColumn.get(c) ?? [];
    for (const id of here) {
      const b = blockOf.get(id)!;
      const y = top(id, b);
      const h = height.get(id)!;
      x = Math.max(x, rightOf(nodes, y - ROW_CLEAR, y + h + ROW_CLEAR) + COLUMN_GAP);
      if (b.zoned && b.c0 === c) {
        x = Math.max(x, rightOf(regions, b.y, b.y + b.height) + ZONE_GUTTER + ZONE_PAD_X);
        x = Math.max(x, rightOf(nodes, b.y, b.y + b.height) + ZONE_GUTTER + ZONE_PAD_X);
      } else if (!b.zoned) x = Math.max(x, rightOf(regions, y, y + h) + ZONE_GUTTER);
      for (const { row, run } of runs.get(id) ?? []) {
        const l0 = y + slotTop(row) - LABEL_SPACING;
        const l1 = l0 + LABEL_HEIGHT + 2 * LABEL_SPACING;
        const obstacle = Math.max(rightOf(nodes, l0, l1), rightOf(titles, l0, l1));
        x = Math.max(x, obstacle + LABEL_SPACING + run);
      }
    }
    xs[c] = Math.ceil(x);
    for (const id of here) {
      const b = blockOf.get(id)!;
      nodes.push({ x: xs[c]!, y: top(id, b), w: width.get(id)!, h: height.get(id)! });
    }
    for (const b of blocks) {
      if (!b.zoned) continue;
      if (b.c1 === c) {
        const right = Math.max(...b.members.map((m) => xs[column.get(m)!]! + width.get(m)!));
        regions.push({ x: right, y: b.y, w: ZONE_PAD_X, h: b.height });
      }
      if (b.c0 === c) titles.push(titleBox({ x: xs[c]! - ZONE_PAD_X, y: b.y, w: 10_000, h: b.height }, b.title));
    }
  }
  return xs;
}
