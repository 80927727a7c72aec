/**
 * The diagram's readability promises as one checker over plain boxes: nothing overlaps a node,
 * labels keep clear of nodes, of each other and of zone titles, edges do not run through nodes,
 * every zone is one rectangle holding exactly its members (an internet zone may have two), and
 * links run left to right.
 *
 * The input is boxes and polylines, not `Diagram` objects, because the same checks run twice:
 * in unit tests on the geometry `diagramOf` computes, and in Chromium on boxes measured from
 * the rendered DOM — so a promise holds for the picture the user sees, not only for the model.
 * A `tolerance` (default 0.5 px) absorbs the DOM's sub-pixel rounding: boxes overlapping by less
 * than it in either direction do not count, and a box sticking out of its zone by less than it
 * is still inside.
 *
 * Every pairwise test goes through a uniform grid (`BoxGrid`), so a 2,000-node diagram with
 * 3,000 edges and labels checks in tens of milliseconds rather than comparing every pair.
 */
import { BoxGrid, contains, inflate } from './box';
import { crossesRect } from './route-box-index';
import type { Project } from '../model/types';
import { trafficTier } from './order';
import type { Box, Diagram, Point } from './types';

export interface CheckInput {
  /** Node outer boxes (including stacked replica cards). */
  readonly nodes: readonly { readonly id: string; readonly box: Box }[];
  /** Edge label boxes; `id` is the edge's id. */
  readonly labels: readonly { readonly id: string; readonly box: Box }[];
  /** Edge polylines; `link` is false for route edges (public URLs). */
  readonly edges: readonly {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly points: readonly Point[];
    readonly link: boolean;
  }[];
  /** Zone regions as drawn: `id` the region's id, `zone` the zone it belongs to. */
  readonly zones: readonly {
    readonly id: string;
    readonly zone: string;
    readonly box: Box;
    readonly title: Box;
    readonly members: readonly string[];
  }[];
  /** Zone id → member component ids, from the model (what each zone should contain). */
  readonly zoneMembers: ReadonlyMap<string, readonly string[]>;
  /** Zone ids that are internet zones (may have two regions). */
  readonly internetZones: ReadonlySet<string>;
  /** Traffic tier per node id (0 clients … 3 data and external services); links between tiers are counted apart. */
  readonly tiers?: ReadonlyMap<string, number>;
}

export type ViolationKind =
  /** Two node boxes overlap. */
  | 'node-node'
  /** A label overlaps a node. */
  | 'label-node'
  /** Two labels overlap. */
  | 'label-label'
  /** A label overlaps a zone's title. */
  | 'label-zone-title'
  /** An edge segment runs through a node (through the middle of its own source or target). */
  | 'edge-node'
  /** A zone with members has no region, or more regions than it may have. */
  | 'zone-split'
  /** A zone's regions list other members than the model puts in the zone. */
  | 'zone-members'
  /** A region's box does not contain one of its members' boxes. */
  | 'zone-contains'
  /** A region's box overlaps a node that is not its member. */
  | 'zone-foreign'
  /** Two regions overlap. */
  | 'zone-zone'
  /** An edge or region names a node the input has no box for. */
  | 'unknown-node';

export interface Violation {
  readonly kind: ViolationKind;
  /** The elements involved: node, edge (label) and region ids, in the order the detail names them. */
  readonly ids: readonly string[];
  readonly detail: string;
}

export interface DiagramReport {
  readonly violations: readonly Violation[];
  /** Edges with `link: true`. */
  readonly links: number;
  /** Links whose target box starts at or right of the source box's right border. */
  readonly leftToRight: number;
  /** leftToRight / links (1 when there are no links). */
  readonly leftToRightShare: number;
  /** Links from a lower traffic tier to a higher one (needs `tiers`), and how many of them point right. */
  readonly betweenTiers: number;
  readonly betweenTiersLeftToRight: number;
}

export interface CheckOptions {
  /** Overlaps smaller than this (px) in either direction do not count. Default 0.5. */
  readonly tolerance?: number;
}

const DEFAULT_TOLERANCE = 0.5;
/** How far a path may reach into its own source or target before it runs through the middle of it. */
const ENDPOINT_INSET = 2;

/** Whether two boxes overlap by more than `tolerance` in both directions (touching never counts). */
export function boxesOverlap(a: Box, b: Box, tolerance = 0): boolean {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > tolerance && h > tolerance;
}

/**
 * Whether the segment p→q runs through `box` shrunk by `inset` on every side; a segment along
 * the border is outside. Axis-parallel segments (every segment `diagramOf` draws) use the
 * router's own test; any other segment — a path measured from the DOM may have some — is
 * clipped to the box (Liang–Barsky) and counts when a part of positive length is inside.
 */
export function segmentCrossesBox(p: Point, q: Point, box: Box, inset = 0): boolean {
  const x0 = box.x + inset;
  const x1 = box.x + box.w - inset;
  const y0 = box.y + inset;
  const y1 = box.y + box.h - inset;
  if (x1 <= x0 || y1 <= y0) return false;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  if (dx === 0 || dy === 0) return crossesRect(p.x, p.y, q.x, q.y, x0, y0, x1, y1);
  let t0 = 0;
  let t1 = 1;
  // Clip against each border: the part inside satisfies a·t ≤ b.
  for (const [a, b] of [
    [-dx, p.x - x0],
    [dx, x1 - p.x],
    [-dy, p.y - y0],
    [dy, y1 - p.y],
  ] as const) {
    const t = b / a;
    if (a < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10);
const overlapText = (a: Box, b: Box): string => {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return `${fmt(w)}×${fmt(h)} px`;
};

/** A grid cell about twice the typical box, so most boxes fall into one to four cells. */
function cellFor(boxes: readonly Box[]): number {
  if (boxes.length === 0) return 256;
  let sum = 0;
  for (const b of boxes) sum += Math.max(b.w, b.h);
  return Math.max(32, (2 * sum) / boxes.length);
}

function gridOf(boxes: readonly Box[], cell = cellFor(boxes)): BoxGrid<number> {
  const grid = new BoxGrid<number>(cell);
  boxes.forEach((b, i) => grid.add(b, i));
  return grid;
}

/** Every pair i < j of `boxes` overlapping by more than the tolerance, once each, in index order. */
function overlappingPairs(boxes: readonly Box[], tolerance: number): [number, number][] {
  const grid = gridOf(boxes);
  const out: [number, number][] = [];
  boxes.forEach((box, i) => {
    const hits = grid
      .query(box)
      .map((e) => e.item)
      .filter((j) => j > i && boxesOverlap(box, boxes[j]!, tolerance))
      .sort((a, b) => a - b);
    for (const j of hits) out.push([i, j]);
  });
  return out;
}

/** Checks every readability promise of the diagram; see the module comment. */
export function checkDiagram(input: CheckInput, options: CheckOptions = {}): DiagramReport {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const violations: Violation[] = [];
  const add = (kind: ViolationKind, ids: readonly string[], detail: string) => violations.push({ kind, ids, detail });

  const nodeBoxes = input.nodes.map((n) => n.box);
  const nodeGrid = gridOf(nodeBoxes);
  const nodeIndex = new Map<string, number>();
  input.nodes.forEach((n, i) => nodeIndex.set(n.id, i));
  const nodeBox = (id: string): Box | undefined => {
    const i = nodeIndex.get(id);
    return i === undefined ? undefined : nodeBoxes[i];
  };
  /** Indices of the nodes overlapping `box` by more than the tolerance, in input order. */
  const nodesOver = (box: Box): number[] =>
    nodeGrid
      .query(box)
      .map((e) => e.item)
      .filter((i) => boxesOverlap(box, nodeBoxes[i]!, tol))
      .sort((a, b) => a - b);

  // Nodes.
  for (const [i, j] of overlappingPairs(nodeBoxes, tol)) {
    const [a, b] = [input.nodes[i]!, input.nodes[j]!];
    add('node-node', [a.id, b.id], `node ${a.id} overlaps node ${b.id} by ${overlapText(a.box, b.box)}`);
  }

  // Labels.
  for (const label of input.labels) {
    for (const i of nodesOver(label.box)) {
      const node = input.nodes[i]!;
      add(
        'label-node',
        [label.id, node.id],
        `label of ${label.id} overlaps node ${node.id} by ${overlapText(label.box, node.box)}`,
      );
    }
  }
  for (const [i, j] of overlappingPairs(
    input.labels.map((l) => l.box),
    tol,
  )) {
    const [a, b] = [input.labels[i]!, input.labels[j]!];
    add('label-label', [a.id, b.id], `label of ${a.id} overlaps label of ${b.id} by ${overlapText(a.box, b.box)}`);
  }
  const titleGrid = gridOf(input.zones.map((z) => z.title));
  for (const label of input.labels) {
    const hits = titleGrid
      .query(label.box)
      .map((e) => e.item)
      .filter((i) => boxesOverlap(label.box, input.zones[i]!.title, tol))
      .sort((a, b) => a - b);
    for (const i of hits) {
      const zone = input.zones[i]!;
      add(
        'label-zone-title',
        [label.id, zone.id],
        `label of ${label.id} overlaps the title of ${zone.id} by ${overlapText(label.box, zone.title)}`,
      );
    }
  }

  // Edges: through other nodes anywhere, through the middle of their own ends between the first
  // and the last segment (those start and end at a port on the border).
  let links = 0;
  let leftToRight = 0;
  let betweenTiers = 0;
  let betweenTiersLeftToRight = 0;
  for (const edge of input.edges) {
    const ends = [edge.source, edge.target];
    const missing = ends.filter((id) => !nodeIndex.has(id));
    for (const id of new Set(missing))
      add('unknown-node', [edge.id, id], `edge ${edge.id} names node ${id}, which has no box`);
    const crossed = new Set<number>();
    const last = edge.points.length - 2;
    for (let s = 0; s <= last; s++) {
      const p = edge.points[s]!;
      const q = edge.points[s + 1]!;
      const span = { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), w: Math.abs(q.x - p.x), h: Math.abs(q.y - p.y) };
      for (const { item: i } of nodeGrid.query(inflate(span, 1))) {
        if (crossed.has(i)) continue;
        const own = ends.includes(input.nodes[i]!.id);
        if (own && (s === 0 || s === last)) continue;
        if (segmentCrossesBox(p, q, nodeBoxes[i]!, own ? Math.max(ENDPOINT_INSET, tol) : tol)) crossed.add(i);
      }
    }
    for (const i of [...crossed].sort((a, b) => a - b)) {
      const node = input.nodes[i]!.id;
      const which = node === edge.source ? 'its source ' : node === edge.target ? 'its target ' : '';
      add('edge-node', [edge.id, node], `edge ${edge.id} runs through ${which}node ${node}`);
    }

    if (!edge.link) continue;
    links++;
    const from = nodeBox(edge.source);
    const to = nodeBox(edge.target);
    const right = from !== undefined && to !== undefined && to.x >= from.x + from.w - tol;
    if (right) leftToRight++;
    const ts = input.tiers?.get(edge.source);
    const tt = input.tiers?.get(edge.target);
    if (ts !== undefined && tt !== undefined && tt > ts) {
      betweenTiers++;
      if (right) betweenTiersLeftToRight++;
    }
  }

  checkZones(input, tol, nodeBox, nodesOver, add);

  return {
    violations,
    links,
    leftToRight,
    leftToRightShare: links === 0 ? 1 : leftToRight / links,
    betweenTiers,
    betweenTiersLeftToRight,
  };
}

function checkZones(
  input: CheckInput,
  tol: number,
  nodeBox: (id: string) => Box | undefined,
  nodesOver: (box: Box) => number[],
  add: (kind: ViolationKind, ids: readonly string[], detail: string) => void,
): void {
  const regionsOf = new Map<string, CheckInput['zones'][number][]>();
  for (const region of input.zones) {
    const list = regionsOf.get(region.zone);
    if (list) list.push(region);
    else regionsOf.set(region.zone, [region]);
  }

  // Regions per zone, and the members they list against the model's.
  const zoneIds = new Set([...input.zoneMembers.keys(), ...regionsOf.keys()]);
  for (const zone of zoneIds) {
    const expected = input.zoneMembers.get(zone) ?? [];
    const regions = regionsOf.get(zone) ?? [];
    const max = input.internetZones.has(zone) ? 2 : 1;
    if (regions.length === 0 && expected.length > 0)
      add('zone-split', [zone], `zone ${zone} has ${expected.length} members but no region`);
    if (regions.length > max)
      add(
        'zone-split',
        [zone, ...regions.map((r) => r.id)],
        `zone ${zone} is drawn as ${regions.length} regions (${regions.map((r) => r.id).join(', ')}); at most ${max} allowed`,
      );
    if (regions.length === 0) continue;
    const listed = new Set(regions.flatMap((r) => r.members));
    const want = new Set(expected);
    const missing = expected.filter((id) => !listed.has(id));
    const extra = [...listed].filter((id) => !want.has(id));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [
        ...(missing.length > 0 ? [`lacks ${missing.join(', ')}`] : []),
        ...(extra.length > 0 ? [`also lists ${extra.join(', ')}`] : []),
      ];
      add('zone-members', [zone, ...missing, ...extra], `zone ${zone} ${parts.join(' and ')}`);
    }
  }

  // Each region holds its members and nothing else.
  for (const region of input.zones) {
    const own = new Set(region.members);
    const inside = inflate(region.box, tol);
    for (const id of region.members) {
      const box = nodeBox(id);
      if (box === undefined)
        add('unknown-node', [region.id, id], `region ${region.id} lists node ${id}, which has no box`);
      else if (!contains(inside, box))
        add('zone-contains', [region.id, id], `region ${region.id} does not contain its member ${id}`);
    }
    for (const i of nodesOver(region.box)) {
      const id = input.nodes[i]!.id;
      if (!own.has(id)) add('zone-foreign', [region.id, id], `region ${region.id} overlaps node ${id}, not its member`);
    }
  }

  // Regions never overlap, whether of two zones or the two regions of one internet zone.
  for (const [i, j] of overlappingPairs(
    input.zones.map((z) => z.box),
    tol,
  )) {
    const [a, b] = [input.zones[i]!, input.zones[j]!];
    add('zone-zone', [a.id, b.id], `region ${a.id} overlaps region ${b.id} by ${overlapText(a.box, b.box)}`);
  }
}

/**
 * The checker's input for a computed diagram: node outer boxes, edge labels and paths, regions,
 * and from the model what each zone should contain. (In Chromium, build the same input from
 * measured DOM boxes instead.)
 */
export function diagramCheckInput(diagram: Diagram, project: Project): CheckInput {
  const zoneMembers = new Map<string, string[]>();
  const zones = new Set<string>(project.zones.map((z) => z.id));
  for (const c of project.components) {
    if (c.zone === undefined || !zones.has(c.zone)) continue;
    const list = zoneMembers.get(c.zone);
    if (list) list.push(c.id);
    else zoneMembers.set(c.zone, [c.id]);
  }
  return {
    nodes: diagram.nodes.map((n) => ({ id: n.id, box: n.outer })),
    labels: diagram.edges.map((e) => ({ id: e.id, box: e.label.box })),
    edges: diagram.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      points: e.points,
      link: e.variant === 'link',
    })),
    zones: diagram.zones.map((z) => ({ id: z.id, zone: z.zone, box: z.box, title: z.title, members: z.members })),
    zoneMembers,
    internetZones: new Set(project.zones.filter((z) => z.kind === 'internet').map((z) => z.id)),
    tiers: new Map(project.components.map((c) => [c.id, trafficTier(c)] as const)),
  };
}
