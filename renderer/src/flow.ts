/**
 * Pure mapping from the document (`Project`, its diagnostics and the selection) to React Flow
 * nodes and edges:
 * - one `component` node per component, with one target handle per catalog port (left) and
 *   one source handle (right), and error/warning counts from the diagnostics;
 * - one `zone` background node per zone area (see canvas/zones.ts), below everything;
 * - one `port` edge per link, labelled with the port's protocol and number (once per port);
 * - one dashed `port` edge per entry point → target port, labelled with the public URL(s) as
 *   `routeUrl` (shared/model/constraints) prints them — the same text as the inspector, the
 *   problems panel and DEPLOYMENT.md.
 * Edge labels are placed along their curves so they cover no node and no other label.
 *
 * `createFlowMapper()` returns the same function with memory: node and edge objects that did
 * not change are returned again (same identity), so React Flow re-renders only what moved.
 */
import { MarkerType, type Edge, type Node, type NodeHandle, Position } from '@xyflow/react';
import { findFlavour, getKind } from '../../shared/catalog';
import type { KindCategory } from '../../shared/catalog/types';
import { routeUrl } from '../../shared/model/constraints';
import type { Component, ComponentId, Link, Project, Route, ZoneKind } from '../../shared/model/types';
import type { Diagnostic } from '../../shared/rules/types';
import {
  NODE_HEADER,
  NODE_WIDTH,
  OUT_HANDLE,
  OUT_Y,
  PORT_HANDLE,
  edgePoint,
  labelSize,
  nodeHeight,
  portRows,
  portY,
  type Box,
  type EdgeEnd,
  type Point,
  type PortRow,
  type Side,
} from './canvas/geometry';
import { LabelField, placeLabels, type LabelPlacement, type LabelRequest } from './canvas/labels';
import { ZoneDrag, zoneAreas, type ZoneArea } from './canvas/zones';
import { printable } from '../../shared/model/printable';
import { CATEGORY_LABELS } from './categories';
import type { Selection } from './store/editor';

export { NODE_WIDTH } from './canvas/geometry';
/** Height of a node without ports (the header); nodes with ports are taller (see `nodeHeight`). */
export const NODE_HEIGHT = NODE_HEADER;

export interface Badges {
  readonly errors: number;
  readonly warnings: number;
}

export interface ComponentNodeData extends Record<string, unknown>, Badges {
  readonly name: string;
  /** The catalog label of the kind, e.g. `Reverse proxy`. */
  readonly kindLabel: string;
  /** The line under the name: kind (and flavour), or the category when the name already says the kind. */
  readonly detail: string;
  readonly category: KindCategory;
  readonly replicas: number;
  readonly ports: readonly PortRow[];
}

export type ComponentNode = Node<ComponentNodeData, 'component'>;

export interface ZoneNodeData extends Record<string, unknown>, Badges {
  readonly name: string;
  readonly kind: ZoneKind;
  /** The area's outline (an SVG path) relative to the node's top-left. */
  readonly outline: string;
  /** The label's box relative to the node's top-left. */
  readonly label: Box;
}

export type ZoneNode = Node<ZoneNodeData, 'zone'>;
export type CanvasNode = ComponentNode | ZoneNode;

export interface PortEdgeData extends Record<string, unknown>, Badges {
  /** Label lines (empty: no label, unless there are badges). */
  readonly lines: readonly string[];
  /** Tooltip with the full text. */
  readonly title: string;
  readonly variant: 'link' | 'route';
  /** The edges the label speaks for (a route label lists the URLs of every edge of its pair). */
  readonly group: readonly string[];
  /** The document elements this edge draws (one link, or the routes of a group). */
  readonly links: readonly string[];
  readonly routes: readonly string[];
}

export type PortEdge = Edge<PortEdgeData, 'port'>;

/** An edge label as the canvas draws it (all labels live in one layer above the edges). */
export interface EdgeLabelData extends Badges {
  /** The edge id. */
  readonly id: string;
  /** The centre of the label and its size. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Its point on the curve: when the label had to move off the curve, a leader joins them. */
  readonly anchorX: number;
  readonly anchorY: number;
  readonly lines: readonly string[];
  readonly title: string;
  readonly variant: 'link' | 'route';
  readonly selected: boolean;
  /** The edges a click on the label selects. */
  readonly group: readonly string[];
}

export interface FlowGraph {
  readonly nodes: CanvasNode[];
  readonly edges: PortEdge[];
  readonly labels: EdgeLabelData[];
}

export interface FlowInput {
  readonly project: Project;
  readonly diagnostics?: readonly Diagnostic[];
  readonly selection?: Selection;
  /**
   * Where the components being dragged are now (the document still has them where the drag
   * began). Only what is near them is redone, approximately: their nodes, their zones' areas,
   * their edges and the labels they cover. Map once more without it when the drag ends.
   */
  readonly moves?: ReadonlyMap<string, Point>;
}

export interface KindInfo {
  readonly label: string;
  readonly category: KindCategory;
  readonly detail: string;
}

export function kindInfo(component: Component): KindInfo {
  // Loading rejects unknown kinds, so the fallback only guards against a catalog/document mismatch.
  const spec = getKind(component.kind) as ReturnType<typeof getKind> | undefined;
  if (!spec) return { label: component.kind, category: 'external', detail: component.kind };
  const flavour = component.flavour ? findFlavour(component.kind, component.flavour) : undefined;
  const kindText = flavour ? `${spec.label} · ${flavour.label}` : spec.label;
  const detail =
    component.name.trim().toLowerCase() === spec.label.toLowerCase() ? CATEGORY_LABELS[spec.category] : kindText;
  return { label: spec.label, category: spec.category, detail };
}

export const portHandleId = (port: string): string => `port:${port}`;
/** The visible, connectable source handle. */
export const OUT_HANDLE_ID = 'out';
/** Hidden handles used to draw edges that go backwards, and links to a port the kind lacks. */
export const OUT_LEFT_HANDLE_ID = 'out-left';
export const FALLBACK_HANDLE_ID = 'in';

export function routeEdgeId(route: Pick<Route, 'via' | 'target' | 'port'>): string {
  return `route:${route.via}:${route.target}:${route.port}`;
}

/** Handle boxes as React Flow measures them from canvas.css (declared so edges never wait for the DOM). */
function handlesFor(ports: readonly PortRow[]): NodeHandle[] {
  const handles: NodeHandle[] = ports.map((p, i) => ({
    id: portHandleId(p.name),
    type: 'target',
    position: Position.Left,
    x: -PORT_HANDLE / 2,
    y: portY(i) - PORT_HANDLE / 2,
    width: PORT_HANDLE,
    height: PORT_HANDLE,
  }));
  handles.push(
    {
      id: OUT_HANDLE_ID,
      type: 'source',
      position: Position.Right,
      x: NODE_WIDTH - OUT_HANDLE / 2,
      y: OUT_Y - OUT_HANDLE / 2,
      width: OUT_HANDLE,
      height: OUT_HANDLE,
    },
    { id: OUT_LEFT_HANDLE_ID, type: 'source', position: Position.Left, x: -1, y: OUT_Y - 1, width: 2, height: 2 },
    { id: FALLBACK_HANDLE_ID, type: 'target', position: Position.Left, x: -1, y: OUT_Y - 1, width: 2, height: 2 },
  );
  return handles;
}

/** Where an edge attaches, in flow coordinates (the same points React Flow computes from the handles). */
function sourceEnd(c: Component, side: Side): EdgeEnd {
  return side === 'right'
    ? { x: c.position.x + NODE_WIDTH + OUT_HANDLE / 2, y: c.position.y + OUT_Y, side }
    : { x: c.position.x - 1, y: c.position.y + OUT_Y, side };
}

function targetEnd(c: Component, portIndex: number): EdgeEnd {
  return portIndex < 0
    ? { x: c.position.x - 1, y: c.position.y + OUT_Y, side: 'left' }
    : { x: c.position.x - PORT_HANDLE / 2, y: c.position.y + portY(portIndex), side: 'left' };
}

/** Forward edges leave on the right; edges to a node that is not clearly to the right leave on the left. */
function sourceSide(from: Component, to: Component): Side {
  return to.position.x >= from.position.x + NODE_WIDTH + 32 ? 'right' : 'left';
}

const LINK_ARROW = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--edge-link)' } as const;
const ROUTE_ARROW = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--edge-route)' } as const;

const LINK_CANDIDATES = [0.7, 0.6, 0.8, 0.5, 0.4, 0.3, 0.86, 0.2];
const ROUTE_CANDIDATES = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
const MAX_URL_LINES = 4;

interface Counts {
  errors: number;
  warnings: number;
}

/** Error/warning counts per element id (suppressed diagnostics do not count). */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): Map<string, Counts> {
  const counts = new Map<string, Counts>();
  for (const d of diagnostics) {
    if (d.suppressed || (d.severity !== 'error' && d.severity !== 'warning')) continue;
    const seen = new Set<string>();
    for (const el of d.elements) {
      const key = `${el.type}:${el.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(key) ?? { errors: 0, warnings: 0 };
      if (d.severity === 'error') c.errors++;
      else c.warnings++;
      counts.set(key, c);
    }
  }
  return counts;
}

const NONE: Counts = { errors: 0, warnings: 0 };
const NO_SELECTION: Selection = { components: [], links: [], routes: [] };

interface ComponentGeometry {
  readonly component: Component;
  readonly ports: PortRow[];
  readonly portIndex: Map<string, number>;
  readonly box: Box;
}

interface EdgeDraft {
  readonly id: string;
  readonly variant: 'link' | 'route';
  readonly from: ComponentGeometry;
  readonly to: ComponentGeometry;
  readonly port: string;
  readonly lines: readonly string[];
  readonly title: string;
  readonly ariaLabel: string;
  readonly links: readonly string[];
  readonly routes: readonly string[];
  /** The element counts of this edge (stroke colour). */
  readonly counts: Counts;
  /** The counts its label shows (a route label speaks for its whole pair). */
  readonly labelCounts: Counts;
  readonly group: readonly string[];
  readonly selected: boolean;
}

/** The last exact mapping, and what it was computed from. */
interface PreviousMap {
  readonly project: Project;
  readonly diagnostics: readonly Diagnostic[] | undefined;
  readonly selection: Selection;
  readonly drafts: ReadonlyMap<string, EdgeDraft>;
  readonly placements: ReadonlyMap<string, LabelPlacement>;
  readonly nodes: CanvasNode[];
  readonly edges: PortEdge[];
  readonly labels: EdgeLabelData[];
  readonly labelsById: ReadonlyMap<string, EdgeLabelData>;
  readonly areas: readonly ZoneArea[];
  /** The label requests the placements answer (see labelRequestKey). */
  readonly requestKey: string;
}

interface MapperCache {
  previous?: PreviousMap;
  readonly components: Map<
    string,
    { component: Component; errors: number; warnings: number; selected: boolean; node: ComponentNode }
  >;
  readonly geometry: WeakMap<Component, ComponentGeometry>;
  readonly edges: Map<string, { key: string; edge: PortEdge }>;
  readonly zones: Map<string, { key: string; area: ZoneArea; node: ZoneNode }>;
  /** The drag in progress, if any (see mapDrag). */
  drag?: DragSession;
  /** The badge counts of the last diagnostics (they change on edits, not on drag frames). */
  counts?: { readonly diagnostics: readonly Diagnostic[] | undefined; readonly counts: Map<string, Counts> };
}

function countsOf(cache: MapperCache, diagnostics: readonly Diagnostic[] | undefined): Map<string, Counts> {
  if (cache.counts?.diagnostics !== diagnostics || cache.counts === undefined)
    cache.counts = { diagnostics, counts: countDiagnostics(diagnostics ?? []) };
  return cache.counts.counts;
}

function newCache(): MapperCache {
  return { components: new Map(), geometry: new WeakMap(), edges: new Map(), zones: new Map() };
}

function geometryOf(cache: MapperCache, c: Component): ComponentGeometry {
  let g = cache.geometry.get(c);
  if (!g) {
    const ports = portRows(c);
    g = {
      component: c,
      ports,
      portIndex: new Map(ports.map((p, i) => [p.name, i])),
      box: { x: c.position.x, y: c.position.y, w: NODE_WIDTH, h: nodeHeight(ports.length) },
    };
    cache.geometry.set(c, g);
  }
  return g;
}

function map(cache: MapperCache, input: FlowInput): FlowGraph {
  if (input.moves && input.moves.size > 0) return mapDrag(cache, input, input.moves);
  cache.drag = undefined;
  return mapExact(cache, input);
}

function mapExact(cache: MapperCache, input: FlowInput): FlowGraph {
  const { project } = input;
  const selection = input.selection ?? NO_SELECTION;
  const counts = countsOf(cache, input.diagnostics);
  const countOf = (type: string, id: string) => counts.get(`${type}:${id}`) ?? NONE;
  const selectedComponents = new Set(selection.components);
  const selectedLinks = new Set(selection.links);
  const selectedRoutes = new Set(selection.routes);

  const geometry = new Map<ComponentId, ComponentGeometry>();
  for (const c of project.components) geometry.set(c.id, geometryOf(cache, c));

  // Component nodes: reused while the component, its badges and its selection are unchanged.
  const componentNodes: ComponentNode[] = [];
  const liveComponents = new Set<string>();
  for (const c of project.components) {
    const g = geometry.get(c.id)!;
    const { errors, warnings } = countOf('component', c.id);
    const selected = selectedComponents.has(c.id);
    const cached = cache.components.get(c.id);
    liveComponents.add(c.id);
    if (
      cached &&
      cached.component === c &&
      cached.errors === errors &&
      cached.warnings === warnings &&
      cached.selected === selected
    ) {
      componentNodes.push(cached.node);
      continue;
    }
    const info = kindInfo(c);
    const height = g.box.h;
    // Moved only: keep the data object, so the node's content does not re-render in a drag.
    const sameData =
      cached !== undefined &&
      cached.errors === errors &&
      cached.warnings === warnings &&
      onlyPositionDiffers(cached.component, c);
    const node: ComponentNode = {
      id: c.id,
      type: 'component',
      position: { x: c.position.x, y: c.position.y },
      width: NODE_WIDTH,
      height,
      measured: { width: NODE_WIDTH, height },
      handles: handlesFor(g.ports),
      selected,
      data: sameData
        ? cached.node.data
        : {
            // Names are shown as one line: a line break, control or bidi override is shown escaped.
            name: printable(c.name),
            kindLabel: info.label,
            detail: info.detail,
            category: info.category,
            replicas: c.replicas,
            ports: g.ports,
            errors,
            warnings,
          },
      ariaLabel: `${printable(c.name)}, ${info.label}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
    };
    cache.components.set(c.id, { component: c, errors, warnings, selected, node });
    componentNodes.push(node);
  }
  for (const id of cache.components.keys()) if (!liveComponents.has(id)) cache.components.delete(id);

  const prev = cache.previous;
  // Zone areas, below everything.
  // Nothing moved or resized (a selection, an edit in the inspector): the areas and, unless
  // the labels themselves changed, their places stay as they are.
  const sameGeometry = prev !== undefined && geometryUnchanged(cache, prev.project, project);
  const boxOf = (c: Component) => geometry.get(c.id)!.box;
  const areas = prev && sameGeometry ? prev.areas : zoneAreas(project, boxOf);
  const zoneNodes = areas.map((area) => zoneNode(cache, area, countOf('zone', area.zone)));
  const liveZones = new Set(areas.map((a) => a.id));
  for (const id of cache.zones.keys()) if (!liveZones.has(id)) cache.zones.delete(id);

  const nodes = sameItems(prev?.nodes, [...zoneNodes, ...componentNodes]);
  const hard = [...geometry.values()].map((g) => g.box);
  const soft = areas.map((a) => a.label);

  const draftList = edgeDrafts(project, geometry, countOf, selectedLinks, selectedRoutes);
  const requestKey = labelRequestKey(draftList);
  const placements =
    prev && sameGeometry && prev.requestKey === requestKey
      ? prev.placements
      : placeLabels(labelRequests(draftList), hard, soft);
  const liveEdges = new Set<string>();
  const edges = sameItems(
    prev?.edges,
    draftList.map((d) => {
      liveEdges.add(d.id);
      return edgeFor(cache, d);
    }),
  );
  for (const id of cache.edges.keys()) if (!liveEdges.has(id)) cache.edges.delete(id);
  const labelsById = new Map<string, EdgeLabelData>();
  for (const d of draftList) {
    const label = labelFor(d, placements.get(d.id));
    const before = prev?.labelsById.get(d.id);
    // An unchanged label keeps its object, so the label layer re-renders only what changed.
    if (label) labelsById.set(d.id, before && sameLabel(before, label) ? before : label);
  }
  const labels = sameItems(
    prev?.labels,
    edges.flatMap((e) => labelsById.get(e.id) ?? []),
  );
  cache.previous = {
    project,
    diagnostics: input.diagnostics,
    selection,
    drafts: new Map(draftList.map((d) => [d.id, d])),
    placements,
    nodes,
    edges,
    labels,
    labelsById,
    areas,
    requestKey,
  };
  return { nodes, edges, labels };
}

/**
 * A drag in progress: the exact mapping of the document as the drag began, plus indexes that
 * let a frame touch only what the dragged components affect.
 */
interface DragSession {
  readonly base: PreviousMap;
  readonly moved: ReadonlySet<string>;
  /** Each dragged component: its index in `base.nodes`, its component and geometry there. */
  readonly components: ReadonlyMap<string, { readonly at: number; readonly geometry: ComponentGeometry }>;
  /** The edges with a dragged end. */
  readonly incident: readonly string[];
  readonly edgeAt: ReadonlyMap<string, number>;
  readonly labelAt: ReadonlyMap<string, number>;
  readonly zones: ZoneDrag;
  readonly field: LabelField;
  /** The current edges and labels: a frame replaces what it redoes, keeping the rest. */
  edges: PortEdge[];
  labels: EdgeLabelData[];
}

function startDrag(cache: MapperCache, base: PreviousMap, moved: ReadonlySet<string>): DragSession {
  const components = new Map<string, { at: number; geometry: ComponentGeometry }>();
  const byId = new Map(base.project.components.map((c) => [c.id as string, c]));
  base.nodes.forEach((node, at) => {
    const c = moved.has(node.id) && node.type === 'component' ? byId.get(node.id) : undefined;
    if (c) components.set(node.id, { at, geometry: geometryOf(cache, c) });
  });
  const incident: string[] = [];
  for (const [id, d] of base.drafts)
    if (moved.has(d.from.component.id) || moved.has(d.to.component.id)) incident.push(id);
  const boxes = new Map(base.project.components.map((c) => [c.id as string, geometryOf(cache, c).box]));
  return {
    base,
    moved,
    components,
    incident,
    edgeAt: new Map(base.edges.map((e, i) => [e.id, i])),
    labelAt: new Map(base.labels.map((l, i) => [l.id, i])),
    zones: new ZoneDrag(base.areas, base.project, (c) => boxes.get(c.id)!, moved),
    field: new LabelField(
      boxes,
      base.areas.map((a) => a.label),
      base.placements,
      moved,
    ),
    edges: base.edges,
    labels: base.labels,
  };
}

/**
 * One frame of a drag: the dragged nodes at their new places, their zones' areas, their edges,
 * and the labels of those edges and of any edge whose label they now cover, placed again among
 * the labels that stay. Everything else is the drag's start, unchanged (same objects).
 */
function mapDrag(cache: MapperCache, input: FlowInput, moves: ReadonlyMap<string, Point>): FlowGraph {
  const selection = input.selection ?? NO_SELECTION;
  let session = cache.drag;
  const base = session?.base;
  const sameDocument =
    base !== undefined &&
    base.project === input.project &&
    base.diagnostics === input.diagnostics &&
    base.selection === selection;
  if (
    !session ||
    !sameDocument ||
    moves.size !== session.moved.size ||
    [...moves.keys()].some((id) => !session!.moved.has(id))
  ) {
    const prev = cache.previous;
    const exact =
      prev && prev.project === input.project && prev.diagnostics === input.diagnostics && prev.selection === selection
        ? prev
        : (mapExact(cache, { project: input.project, diagnostics: input.diagnostics, selection }), cache.previous!);
    session = startDrag(cache, exact, new Set(moves.keys()));
    cache.drag = session;
  }
  const { components, field } = session;

  // The dragged components where they are now.
  const nodes = [...session.base.nodes];
  const geometry = new Map<string, ComponentGeometry>();
  const boxes = new Map<string, Box>();
  for (const [id, { at, geometry: g }] of components) {
    const to = moves.get(id)!;
    const moved: ComponentGeometry = {
      ...g,
      component: { ...g.component, position: to },
      box: { ...g.box, x: to.x, y: to.y },
    };
    geometry.set(id, moved);
    boxes.set(id, moved.box);
    nodes[at] = { ...(nodes[at] as ComponentNode), position: { x: to.x, y: to.y } };
    field.moveNode(id, moved.box);
  }

  // Their zones' areas: zone nodes come first, one per area, in the same order.
  const counts = countsOf(cache, input.diagnostics);
  const areas = session.zones.areasAt(boxes);
  areas.forEach((area, i) => {
    if (area !== session.base.areas[i]) {
      nodes[i] = zoneNode(cache, area, counts.get(`zone:${area.zone}`) ?? NONE);
    }
  });

  // Their edges, and the labels to place again: theirs and those they cover now.
  const affected = new Set(session.incident);
  for (const box of boxes.values()) field.labelsIn(box, affected);
  const drafts: EdgeDraft[] = [];
  for (const id of affected) {
    const d = session.base.drafts.get(id);
    if (!d) continue;
    const from = geometry.get(d.from.component.id) ?? d.from;
    const to = geometry.get(d.to.component.id) ?? d.to;
    drafts.push(from === d.from && to === d.to ? d : { ...d, from, to });
  }
  const placements = field.place(labelRequests(drafts));
  let edges = session.edges;
  let labels = session.labels;
  for (const d of drafts) {
    const edgeAt = session.edgeAt.get(d.id);
    if (edgeAt !== undefined) {
      const edge = edgeFor(cache, d);
      if (edge !== edges[edgeAt]) {
        if (edges === session.edges) edges = [...edges];
        edges[edgeAt] = edge;
      }
    }
    const labelAt = session.labelAt.get(d.id);
    const placement = placements.get(d.id);
    if (labelAt !== undefined && placement) {
      const label = labelFor(d, placement);
      if (label) {
        if (labels === session.labels) labels = [...labels];
        labels[labelAt] = label;
      }
    }
  }
  session.edges = edges;
  session.labels = labels;
  return { nodes, edges, labels };
}

/**
 * `next`, or `previous` when it holds the same objects: React Flow rebuilds its lookups
 * whenever the nodes or edges array changes, even if every element is the same.
 */
function sameItems<T>(previous: T[] | undefined, next: T[]): T[] {
  if (!previous || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

function sameLabel(a: EdgeLabelData, b: EdgeLabelData): boolean {
  return (
    a.x === b.x &&
    a.y === b.y &&
    a.w === b.w &&
    a.h === b.h &&
    a.anchorX === b.anchorX &&
    a.anchorY === b.anchorY &&
    a.title === b.title &&
    a.variant === b.variant &&
    a.selected === b.selected &&
    a.errors === b.errors &&
    a.warnings === b.warnings &&
    sameList(a.lines, b.lines) &&
    sameList(a.group, b.group)
  );
}

/** Whether every component keeps its box and zone (and the zones are the same). */
function geometryUnchanged(cache: MapperCache, a: Project, b: Project): boolean {
  if (a.zones !== b.zones || a.components.length !== b.components.length) return false;
  for (let i = 0; i < a.components.length; i++) {
    const p = a.components[i]!;
    const c = b.components[i]!;
    if (p === c) continue;
    if (p.id !== c.id || p.zone !== c.zone || p.position.x !== c.position.x || p.position.y !== c.position.y) {
      return false;
    }
    if (geometryOf(cache, p).box.h !== geometryOf(cache, c).box.h) return false;
  }
  return true;
}

/** What label placement depends on besides the boxes: each label's edge, text and badges. */
function labelRequestKey(drafts: readonly EdgeDraft[]): string {
  return drafts
    .map(
      (d) =>
        `${d.id}\u0001${d.from.component.id}\u0001${d.to.component.id}\u0001${d.port}\u0001${d.lines.join('\n')}\u0001${d.labelCounts.errors > 0}${d.labelCounts.warnings > 0}`,
    )
    .join('\u0002');
}

/** Whether two versions of a component differ in nothing but their position. */
function onlyPositionDiffers(a: Component, b: Component): boolean {
  if (a.id !== b.id) return false;
  const keys = Object.keys(b) as (keyof Component)[];
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((key) => key === 'position' || a[key] === b[key]);
}

/** The label requests of `drafts`, in placing order: routes first (longer, and what the customer reads), then links. */
function labelRequests(drafts: Iterable<EdgeDraft>): LabelRequest[] {
  const requests: LabelRequest[] = [];
  for (const d of drafts) {
    const badges = (d.labelCounts.errors ? 1 : 0) + (d.labelCounts.warnings ? 1 : 0);
    if (d.lines.length === 0 && badges === 0) continue;
    const [s, t] = edgeEnds(d);
    const size = labelSize(d.lines, badges);
    requests.push({
      id: d.id,
      w: size.w + 8,
      h: size.h + 4,
      candidates: d.variant === 'route' ? ROUTE_CANDIDATES : LINK_CANDIDATES,
      at: (at) => edgePoint(s, t, at),
    });
  }
  requests.sort((a, b) => {
    const va = a.id.startsWith('route:') ? 0 : 1;
    const vb = b.id.startsWith('route:') ? 0 : 1;
    return va - vb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  return requests;
}

function edgeEnds(d: EdgeDraft): [EdgeEnd, EdgeEnd] {
  const side = sourceSide(d.from.component, d.to.component);
  return [sourceEnd(d.from.component, side), targetEnd(d.to.component, d.to.portIndex.get(d.port) ?? -1)];
}

/** The edge object for a draft, reusing the cached one when nothing about it changed. */
function edgeFor(cache: MapperCache, d: EdgeDraft): PortEdge {
  const [s] = edgeEnds(d);
  const edge = buildEdge(d, s.side);
  const key = edgeKey(edge);
  const cached = cache.edges.get(d.id);
  if (cached && cached.key === key) return cached.edge;
  cache.edges.set(d.id, { key, edge });
  return edge;
}

/** The label of an edge where it was placed, or null for an edge without one. */
function labelFor(d: EdgeDraft, placement: LabelPlacement | undefined): EdgeLabelData | null {
  const badges = (d.labelCounts.errors ? 1 : 0) + (d.labelCounts.warnings ? 1 : 0);
  if (!placement || (d.lines.length === 0 && badges === 0)) return null;
  const [s, t] = edgeEnds(d);
  const anchor = edgePoint(s, t, placement.t);
  const size = labelSize(d.lines, badges);
  return {
    id: d.id,
    x: placement.box.x + placement.box.w / 2,
    y: placement.box.y + placement.box.h / 2,
    w: size.w,
    h: size.h,
    anchorX: anchor.x,
    anchorY: anchor.y,
    lines: d.lines,
    title: d.title,
    variant: d.variant,
    selected: d.selected,
    group: d.group,
    errors: d.labelCounts.errors,
    warnings: d.labelCounts.warnings,
  };
}

/**
 * Zone nodes tell React Flow their size (`measured`) but keep a 0×0 element, drawing their
 * area outside it: React Flow measures every node whose element resizes (a ResizeObserver,
 * then a pass over all nodes and another store update), and a dragged member reshapes its
 * area on every frame. Nothing about a zone needs measuring — it takes no pointer events and
 * has no handles — so the size it declares is the one React Flow uses (culling, minimap, fit).
 */
const ZONE_ELEMENT_STYLE = { width: 0, height: 0 } as const;

function zoneNode(cache: MapperCache, area: ZoneArea, badges: Counts): ZoneNode {
  const cached = cache.zones.get(area.id);
  if (
    cached &&
    cached.area === area &&
    cached.node.data.errors === badges.errors &&
    cached.node.data.warnings === badges.warnings
  ) {
    return cached.node;
  }
  const { bounds } = area;
  const key = `${JSON.stringify([area.name, area.kind, area.outline, area.bounds, area.label])}|${badges.errors}|${badges.warnings}`;
  if (cached && cached.key === key) {
    cache.zones.set(area.id, { ...cached, area });
    return cached.node;
  }
  const rel = (b: Box): Box => ({ x: b.x - bounds.x, y: b.y - bounds.y, w: b.w, h: b.h });
  const node: ZoneNode = {
    id: area.id,
    type: 'zone',
    position: { x: bounds.x, y: bounds.y },
    measured: { width: bounds.w, height: bounds.h },
    style: ZONE_ELEMENT_STYLE,
    handles: [],
    zIndex: -1,
    selectable: false,
    draggable: false,
    connectable: false,
    deletable: false,
    focusable: false,
    className: 'pl-zone-node',
    data: {
      name: printable(area.name),
      kind: area.kind,
      outline: area.outline,
      label: rel(area.label),
      errors: badges.errors,
      warnings: badges.warnings,
    },
  };
  cache.zones.set(area.id, { key, area, node });
  return node;
}

function edgeDrafts(
  project: Project,
  geometry: ReadonlyMap<ComponentId, ComponentGeometry>,
  countOf: (type: string, id: string) => Counts,
  selectedLinks: ReadonlySet<string>,
  selectedRoutes: ReadonlySet<string>,
): EdgeDraft[] {
  const drafts: EdgeDraft[] = [];
  // A link's label names the target port, so links entering the same port share one label.
  const labelled = new Set<string>();
  for (const link of project.links) {
    const from = geometry.get(link.from);
    const to = geometry.get(link.to);
    if (!from || !to) continue;
    const key = `${link.to}\u0000${link.port}`;
    const showLabel = !labelled.has(key);
    labelled.add(key);
    const text = linkLabel(link, to);
    drafts.push({
      id: link.id,
      variant: 'link',
      from,
      to,
      port: link.port,
      lines: showLabel ? [text] : [],
      title: `${printable(from.component.name)} → ${printable(to.component.name)}: ${text}`,
      ariaLabel: `${printable(from.component.name)} to ${printable(to.component.name)} on ${text}`,
      links: [link.id],
      routes: [],
      counts: countOf('link', link.id),
      labelCounts: countOf('link', link.id),
      group: [link.id],
      selected: selectedLinks.has(link.id),
    });
  }

  // Routes to the same port of the same target share one edge; the routes of one entry point →
  // target pair share one label listing their URLs (in the order of the ports), drawn on the
  // middle edge of the pair.
  const pairs = new Map<string, Map<string, Route[]>>();
  for (const route of project.routes) {
    const pair = `${route.via}\u0000${route.target}`;
    const byPort = pairs.get(pair) ?? new Map<string, Route[]>();
    pairs.set(pair, byPort);
    const list = byPort.get(route.port);
    if (list) list.push(route);
    else byPort.set(route.port, [route]);
  }
  for (const byPort of pairs.values()) {
    const first = byPort.values().next().value![0]!;
    const via = geometry.get(first.via);
    const target = geometry.get(first.target);
    if (!via || !target) continue;
    const ports = [...byPort.keys()].sort(
      (a, b) => (target.portIndex.get(a) ?? Infinity) - (target.portIndex.get(b) ?? Infinity),
    );
    const urls = ports.flatMap((port) => byPort.get(port)!.map(routeUrl));
    const lines =
      urls.length <= MAX_URL_LINES
        ? urls
        : [...urls.slice(0, MAX_URL_LINES - 1), `+${urls.length - MAX_URL_LINES + 1} more`];
    const sum = (routes: readonly Route[]) =>
      routes.reduce<Counts>(
        (acc, r) => {
          const c = countOf('route', r.id);
          return { errors: acc.errors + c.errors, warnings: acc.warnings + c.warnings };
        },
        { errors: 0, warnings: 0 },
      );
    const labelCounts = sum([...byPort.values()].flat());
    const group = ports.map((port) => routeEdgeId({ via: first.via, target: first.target, port }));
    const labelled = Math.floor((ports.length - 1) / 2);
    ports.forEach((port, i) => {
      const routes = byPort.get(port)!;
      const row = target.ports[target.portIndex.get(port) ?? -1];
      const portText = row ? `${row.number} ${row.protocol}` : port;
      const own = routes.map(routeUrl);
      drafts.push({
        id: group[i]!,
        variant: 'route',
        from: via,
        to: target,
        port,
        lines: i === labelled ? lines : [],
        title: i === labelled ? urls.join('\n') : own.join('\n'),
        ariaLabel: `Public URL${own.length === 1 ? '' : 's'} ${own.join(', ')} through ${printable(via.component.name)} to ${printable(target.component.name)} port ${portText}`,
        links: [],
        routes: routes.map((r) => r.id),
        counts: sum(routes),
        labelCounts: i === labelled ? labelCounts : NONE,
        group,
        selected: routes.some((r) => selectedRoutes.has(r.id)),
      });
    });
  }
  return drafts;
}

/** `https 443`: the protocol and number of the target port (the port name when the kind lacks it). */
function linkLabel(link: Link, to: ComponentGeometry): string {
  const port = to.ports[to.portIndex.get(link.port) ?? -1];
  return port ? `${port.protocol} ${port.number}` : link.port;
}

function buildEdge(d: EdgeDraft, side: Side): PortEdge {
  const hasPort = d.to.portIndex.has(d.port);
  const severity = d.counts.errors ? ' has-errors' : d.counts.warnings ? ' has-warnings' : '';
  return {
    id: d.id,
    type: 'port',
    source: d.from.component.id,
    target: d.to.component.id,
    sourceHandle: side === 'right' ? OUT_HANDLE_ID : OUT_LEFT_HANDLE_ID,
    targetHandle: hasPort ? portHandleId(d.port) : FALLBACK_HANDLE_ID,
    selected: d.selected,
    markerEnd: d.variant === 'route' ? ROUTE_ARROW : LINK_ARROW,
    className: `pl-edge pl-edge--${d.variant}${severity}`,
    ariaLabel: d.ariaLabel,
    interactionWidth: 16,
    data: {
      lines: d.lines,
      title: d.title,
      variant: d.variant,
      errors: d.labelCounts.errors,
      warnings: d.labelCounts.warnings,
      links: d.links,
      routes: d.routes,
      group: d.group,
    },
  };
}

function edgeKey(e: PortEdge): string {
  const d = e.data!;
  return [
    e.source,
    e.target,
    e.sourceHandle,
    e.targetHandle,
    e.selected ? 1 : 0,
    e.className,
    e.ariaLabel,
    d.lines.join('\n'),
    d.title,
    d.errors,
    d.warnings,
    d.routes.join(','),
  ].join('\u0001');
}

/** The mapping without memory (tests, one-off renders). */
export function projectToFlow(
  project: Project,
  diagnostics: readonly Diagnostic[] = [],
  selection: Selection = NO_SELECTION,
): FlowGraph {
  return map(newCache(), { project, diagnostics, selection });
}

/**
 * The mapping with memory: unchanged nodes and edges keep their identity between calls, so a
 * drag re-renders the dragged node, its edges, and the labels and zones it displaces.
 */
export function createFlowMapper(): (input: FlowInput) => FlowGraph {
  const cache = newCache();
  return (input) => map(cache, input);
}

/** The box a component occupies on the canvas. */
export function componentBox(component: Component): Box {
  const ports = portRows(component).length;
  return { x: component.position.x, y: component.position.y, w: NODE_WIDTH, h: nodeHeight(ports) };
}
