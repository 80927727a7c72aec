/**
 * Draws the diagram geometry (shared/diagram) with React Flow: one `component` node per node
 * box, one `zone` node per zone region (below everything), one `port` edge per link or route
 * along its routed path, and one label per edge in the label layer. Diagnostics become badges,
 * the selection becomes `selected`. Nothing here computes a position: the canvas and an
 * exported picture show the same geometry.
 *
 * `createFlowMapper()` returns the same function with memory: the geometry is recomputed only
 * when something it depends on changed, and node, edge and label objects that did not change
 * are returned again (same identity), so React Flow re-renders only what moved.
 */
import { MarkerType, Position, type NodeHandle } from '@xyflow/react';
import { diagramOf } from '../../shared/diagram/diagram';
import { dropDiagram } from '../../shared/diagram/drop';
import { NODE_HEADER, NODE_WIDTH, portY, type PortRow } from '../../shared/diagram/metrics';
import type { Box, Diagram, DiagramEdge, DiagramNode, DiagramZone } from '../../shared/diagram/types';
import { printable } from '../../shared/model/printable';
import type { Component, ComponentId, Position as At, Project } from '../../shared/model/types';
import type { Diagnostic } from '../../shared/rules/types';
import { kindInfo, kindLine } from '../../shared/render/kinds';
import type { ComponentNode, EdgeLabelData, FlowGraph, PortEdge, ZoneNode } from './canvas/flow-types';
import { measuredChars, nodeTextClips } from './canvas/text-fit';
import type { Selection } from './store/editor';

export type * from './canvas/flow-types';
/** The kind line under a name: one home with the exported picture (shared/render/kinds.ts). */
export { kindInfo, type KindInfo } from '../../shared/render/kinds';
export { routeEdgeId } from '../../shared/diagram/edges';
export { NODE_WIDTH };
/** Height of a node without ports (the header); nodes with ports are taller. */
export const NODE_HEIGHT = NODE_HEADER;

export interface FlowInput {
  readonly project: Project;
  readonly diagnostics?: readonly Diagnostic[];
  readonly selection?: Selection;
  /**
   * Where the components being dragged are now (the document still has them where the drag
   * began). Their edges are drawn unrouted until the drag ends; map once more without it then.
   */
  readonly moves?: ReadonlyMap<string, At>;
  /**
   * Set on the first map after a drag ended: the document the drop produced. When `project` is
   * that document and the last exact diagram is of the one before it, only what the moved
   * components affect is recomputed (shared/diagram/drop.ts) instead of the whole diagram.
   * Any other change (Arrange, undo/redo, an edit) finds another document and recomputes in full.
   */
  readonly dropped?: Project;
}

export const portHandleId = (port: string): string => `port:${port}`;
/** The visible, connectable source handle. */
export const OUT_HANDLE_ID = 'out';
/** A hidden target for links to a port the kind lacks. */
export const FALLBACK_HANDLE_ID = 'in';
/** The out handle's centre below the node's top. */
export const OUT_Y = NODE_HEADER / 2;
/** Handle diameters, as canvas.css draws them. */
export const PORT_HANDLE = 8;
export const OUT_HANDLE = 10;

/** Handle boxes as canvas.css draws them (declared so edges never wait for the DOM). */
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
    { id: FALLBACK_HANDLE_ID, type: 'target', position: Position.Left, x: -1, y: OUT_Y - 1, width: 2, height: 2 },
  );
  return handles;
}

const LINK_ARROW = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--edge-link)' } as const;
const ROUTE_ARROW = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--edge-route)' } as const;

interface Counts {
  errors: number;
  warnings: number;
}
const NONE: Counts = { errors: 0, warnings: 0 };
const NO_SELECTION: Selection = { components: [], links: [], routes: [] };

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

/** Everything the geometry depends on, as one string: equal strings, equal diagrams. */
function geometryKey(project: Project, counts: Map<string, Counts>): string {
  const parts: string[] = [];
  for (const c of project.components)
    parts.push(
      `${c.id}|${c.kind}|${c.flavour ?? ''}|${c.zone ?? ''}|${c.name}|${c.replicas}|${c.position.x},${c.position.y}|${JSON.stringify(c.portOverrides)}`,
    );
  for (const z of project.zones) parts.push(`z|${z.id}|${z.name}|${z.kind}`);
  for (const l of project.links)
    parts.push(`l|${l.id}|${l.from}|${l.to}|${l.port}|${badgeCount(counts, `link:${l.id}`)}`);
  for (const r of project.routes)
    parts.push(
      `r|${r.id}|${r.via}|${r.target}|${r.port}|${r.scheme}|${r.host}|${r.publicPort ?? ''}|${r.path}|${badgeCount(counts, `route:${r.id}`)}`,
    );
  return parts.join('\n');
}

function badgeCount(counts: Map<string, Counts>, key: string): number {
  const c = counts.get(key);
  return c ? (c.errors > 0 ? 1 : 0) + (c.warnings > 0 ? 1 : 0) : 0;
}

/** The element key of an edge's diagnostics: `link:<id>` or `route:<id>`. */
const elementKey = (e: Pick<DiagramEdge, 'id' | 'variant'>) => (e.variant === 'link' ? `link:${e.id}` : e.id);

interface MapperCache {
  exact?: {
    readonly project: Project;
    readonly counts: Map<string, Counts>;
    readonly key: string;
    readonly diagram: Diagram;
  };
  counts?: { readonly diagnostics: readonly Diagnostic[] | undefined; readonly counts: Map<string, Counts> };
  readonly components: Map<
    string,
    { component: Component; geometry: DiagramNode; selected: boolean; data: ComponentNode['data']; node: ComponentNode }
  >;
  readonly zones: Map<string, { zone: DiagramZone; key: string; node: ZoneNode }>;
  readonly edges: Map<
    string,
    {
      geometry: DiagramEdge;
      from: Component | undefined;
      to: Component | undefined;
      key: string;
      points: DiagramEdge['points'];
      edge: PortEdge;
    }
  >;
  readonly labels: Map<string, { geometry: DiagramEdge; key: string; label: EdgeLabelData }>;
  previous?: FlowGraph;
  /** The last graph drawn without a drag: its edges are what React Flow keeps during one. */
  still?: FlowGraph;
  /** What the last draw drew, and from what: a drag frame redoes only what differs from it. */
  drawn?: {
    readonly project: Project;
    readonly counts: Map<string, Counts>;
    readonly selection: Selection;
    readonly diagram: Diagram;
    readonly graph: FlowGraph;
  };
  /** The selection as sets, per selection object. */
  selected?: { readonly selection: Selection; readonly sets: SelectedSets };
  byId?: { readonly project: Project; readonly map: Map<ComponentId, Component> };
  /** The last drop's document, once its diagram was computed from the one before. */
  dropped?: Project;
}

function countsOf(cache: MapperCache, diagnostics: readonly Diagnostic[] | undefined): Map<string, Counts> {
  if (cache.counts?.diagnostics !== diagnostics || cache.counts === undefined)
    cache.counts = { diagnostics, counts: countDiagnostics(diagnostics ?? []) };
  return cache.counts.counts;
}

function map(cache: MapperCache, input: FlowInput): FlowGraph {
  const { project } = input;
  const counts = countsOf(cache, input.diagnostics);
  const badges = (edgeId: string) => badgeCount(counts, edgeId.startsWith('route:') ? edgeId : `link:${edgeId}`);
  // The key is recomputed only when the document or the diagnostics changed (not per drag frame).
  if (cache.exact?.project !== project || cache.exact.counts !== counts) {
    const key = geometryKey(project, counts);
    const was = cache.exact;
    // A drop is used once: the same document met again later (a redo) is drawn in full.
    const drop = input.dropped === project && cache.dropped !== project && was !== undefined;
    if (drop) cache.dropped = project;
    const diagram =
      was?.key === key
        ? was.diagram
        : drop
          ? dropDiagram(was.diagram, project, { badges })
          : diagramOf(project, { badges });
    cache.exact = { project, counts, key, diagram };
  }
  const moves = input.moves && input.moves.size > 0 ? (input.moves as ReadonlyMap<ComponentId, At>) : undefined;
  const selection = input.selection ?? NO_SELECTION;
  if (!moves) {
    const graph = drawFrom(cache, project, cache.exact.diagram, counts, selection);
    cache.still = graph;
    return graph;
  }
  // A drag: the edges React Flow gets stay those of the drawing before it; the moved ones'
  // paths travel beside them (see canvas/live-paths.ts). Labels, nodes and zones are ours.
  const before = cache.still ?? drawFrom(cache, project, cache.exact.diagram, counts, selection);
  const exact = cache.exact.diagram;
  const diagram = diagramOf(project, { badges, moves, previous: exact });
  const live = new Map<string, DiagramEdge['points']>();
  for (let i = 0; i < diagram.edges.length; i++)
    if (diagram.edges[i] !== exact.edges[i]) live.set(diagram.edges[i]!.id, diagram.edges[i]!.points);
  const graph = drawFrom(cache, project, diagram, counts, selection);
  return { ...graph, edges: before.edges, live };
}

/**
 * `draw`, or on a drag frame (same document, diagnostics and selection as the last draw, and a
 * diagram with the same elements) only what the frame changed: drag.ts keeps every untouched
 * node, zone and edge object, so the rest of the last graph stands as it is. A full draw walks
 * every node and edge of the document, which on every frame of a 500-component drag was the
 * larger part of the canvas's own work.
 */
function drawFrom(
  cache: MapperCache,
  project: Project,
  diagram: Diagram,
  counts: Map<string, Counts>,
  selection: Selection,
): FlowGraph {
  const graph = patch(cache, project, diagram, counts, selection) ?? draw(cache, project, diagram, counts, selection);
  cache.drawn = { project, counts, selection, diagram, graph };
  cache.previous = graph;
  return graph;
}

function patch(
  cache: MapperCache,
  project: Project,
  diagram: Diagram,
  counts: Map<string, Counts>,
  selection: Selection,
): FlowGraph | undefined {
  const last = cache.drawn;
  if (!last || last.project !== project || last.counts !== counts || last.selection !== selection) return undefined;
  const was = last.diagram;
  if (was === diagram) return last.graph;
  if (
    was.nodes.length !== diagram.nodes.length ||
    was.zones.length !== diagram.zones.length ||
    was.edges.length !== diagram.edges.length
  )
    return undefined;
  const countOf = (key: string) => counts.get(key) ?? NONE;
  const byId = componentsOf(cache, project);
  const selected = selectedSets(cache, selection);
  let { nodes, edges, labels } = last.graph;
  const zoneCount = diagram.zones.length;
  for (let i = 0; i < zoneCount; i++) {
    const z = diagram.zones[i]!;
    if (z === was.zones[i]) continue;
    // The same zone in the same place of the list, or this is no frame of the same drawing.
    if (z.id !== was.zones[i]!.id) return undefined;
    if (nodes === last.graph.nodes) nodes = [...nodes];
    nodes[i] = zoneNode(cache, z, countOf(`zone:${z.zone}`));
  }
  for (let i = 0; i < diagram.nodes.length; i++) {
    const n = diagram.nodes[i]!;
    if (n === was.nodes[i]) continue;
    if (n.id !== was.nodes[i]!.id) return undefined;
    if (nodes === last.graph.nodes) nodes = [...nodes];
    nodes[zoneCount + i] = componentNode(
      cache,
      byId.get(n.id)!,
      n,
      countOf(`component:${n.id}`),
      selected.components.has(n.id),
    );
  }
  for (let i = 0; i < diagram.edges.length; i++) {
    const e = diagram.edges[i]!;
    if (e === was.edges[i]) continue;
    if (e.id !== was.edges[i]!.id) return undefined;
    if (edges === last.graph.edges) edges = [...edges];
    if (labels === last.graph.labels) labels = [...labels];
    const isSelected = edgeSelected(selected, e);
    const c = countOf(elementKey(e));
    const from = printable(byId.get(e.source)!.name);
    const to = printable(byId.get(e.target)!.name);
    edges[i] = portEdge(cache, e, c, isSelected, from, to, byId);
    labels[i] = edgeLabel(cache, e, c, isSelected, from, to);
  }
  return { nodes, edges, labels, bounds: diagram.bounds };
}

interface SelectedSets {
  readonly components: ReadonlySet<string>;
  readonly links: ReadonlySet<string>;
  readonly routes: ReadonlySet<string>;
}

function selectedSets(cache: MapperCache, selection: Selection): SelectedSets {
  if (cache.selected?.selection !== selection)
    cache.selected = {
      selection,
      sets: {
        components: new Set(selection.components),
        links: new Set(selection.links),
        routes: new Set(selection.routes),
      },
    };
  return cache.selected.sets;
}

const edgeSelected = (s: SelectedSets, e: DiagramEdge): boolean =>
  e.variant === 'link' ? s.links.has(e.id) : s.routes.has(e.id.slice('route:'.length));

function draw(
  cache: MapperCache,
  project: Project,
  diagram: Diagram,
  counts: Map<string, Counts>,
  selection: Selection,
): FlowGraph {
  const countOf = (key: string) => counts.get(key) ?? NONE;
  const selectedIds = selectedSets(cache, selection);
  const byId = componentsOf(cache, project);

  const zoneNodes = diagram.zones.map((z) => zoneNode(cache, z, countOf(`zone:${z.zone}`)));
  const componentNodes = diagram.nodes.map((n) =>
    componentNode(cache, byId.get(n.id)!, n, countOf(`component:${n.id}`), selectedIds.components.has(n.id)),
  );
  const edges: PortEdge[] = [];
  const labels: EdgeLabelData[] = [];
  for (const e of diagram.edges) {
    const selected = edgeSelected(selectedIds, e);
    const c = countOf(elementKey(e));
    // The same geometry, selection and badges (most edges on most frames of a drag): as before.
    const hit = cache.edges.get(e.id);
    const hitLabel = cache.labels.get(e.id);
    if (
      hit?.geometry === e &&
      hitLabel?.geometry === e &&
      hit.edge.selected === selected &&
      hit.edge.data!.errors === c.errors &&
      hit.edge.data!.warnings === c.warnings &&
      hit.from === byId.get(e.source) &&
      hit.to === byId.get(e.target)
    ) {
      edges.push(hit.edge);
      labels.push(hitLabel.label);
      continue;
    }
    const from = printable(byId.get(e.source)!.name);
    const to = printable(byId.get(e.target)!.name);
    edges.push(portEdge(cache, e, c, selected, from, to, byId));
    labels.push(edgeLabel(cache, e, c, selected, from, to));
  }
  prune(cache.components, componentNodes);
  prune(cache.zones, zoneNodes);
  prune(cache.edges, edges);
  prune(cache.labels, labels);
  const prev = cache.previous;
  return {
    nodes: sameItems(prev?.nodes, [...zoneNodes, ...componentNodes]),
    edges: sameItems(prev?.edges, edges),
    labels: sameItems(prev?.labels, labels),
    bounds: diagram.bounds,
  };
}

function prune(map: Map<string, unknown>, live: readonly { id: string }[]): void {
  if (map.size <= live.length) return;
  const ids = new Set(live.map((x) => x.id));
  for (const id of map.keys()) if (!ids.has(id)) map.delete(id);
}

function componentNode(
  cache: MapperCache,
  c: Component,
  n: DiagramNode,
  badges: Counts,
  selected: boolean,
): ComponentNode {
  const cached = cache.components.get(c.id);
  if (
    cached &&
    cached.component === c &&
    (cached.geometry === n || sameBox(cached.geometry.outer, n.outer)) &&
    cached.selected === selected &&
    cached.data.errors === badges.errors &&
    cached.data.warnings === badges.warnings
  )
    return cached.node;
  // Moved only: keep the data object, so the node's content does not re-render in a drag.
  const data: ComponentNode['data'] =
    cached && cached.component === c && cached.data.errors === badges.errors && cached.data.warnings === badges.warnings
      ? cached.data
      : (() => {
          const info = kindInfo(c);
          // Names are shown escaped: a line break, control or bidi override cannot reshape the node.
          const nameLines = n.nameLines.map(printable);
          const detail = kindLine(c, info);
          return {
            name: printable(c.name),
            nameLines,
            kindLabel: info.label,
            detail,
            category: info.category,
            replicas: c.replicas,
            stack: n.stack,
            ports: n.ports,
            clips: nodeTextClips(nameLines, detail, n.ports),
            errors: badges.errors,
            warnings: badges.warnings,
          };
        })();
  const info = data.kindLabel;
  const node: ComponentNode = {
    id: c.id,
    type: 'component',
    position: { x: n.box.x, y: n.box.y },
    width: n.box.w,
    height: n.box.h,
    measured: { width: n.box.w, height: n.box.h },
    handles: handlesFor(n.ports),
    selected,
    data,
    ariaLabel: `${data.name}, ${info}${c.replicas > 1 ? `, ${c.replicas} replicas` : ''}${badges.errors ? `, ${badges.errors} error${badges.errors === 1 ? '' : 's'}` : ''}${badges.warnings ? `, ${badges.warnings} warning${badges.warnings === 1 ? '' : 's'}` : ''}`,
  };
  cache.components.set(c.id, { component: c, geometry: n, selected, data, node });
  return node;
}

/**
 * Zone nodes tell React Flow their size (`measured`) but keep a 0×0 element, drawing their
 * region outside it: React Flow measures every node whose element resizes (a ResizeObserver,
 * then a pass over all nodes), and a dragged member resizes its region on every frame.
 * Nothing about a zone needs measuring — it takes no pointer events and has no handles.
 */
const ZONE_ELEMENT_STYLE = { width: 0, height: 0 } as const;

function zoneNode(cache: MapperCache, z: DiagramZone, badges: Counts): ZoneNode {
  const cached = cache.zones.get(z.id);
  if (
    cached &&
    cached.zone === z &&
    cached.node.data.errors === badges.errors &&
    cached.node.data.warnings === badges.warnings
  )
    return cached.node;
  const key = JSON.stringify([z.box, z.title, z.name, z.kind, z.part, badges.errors, badges.warnings]);
  if (cached && cached.key === key) {
    cache.zones.set(z.id, { ...cached, zone: z });
    return cached.node;
  }
  const node: ZoneNode = {
    id: z.id,
    type: 'zone',
    position: { x: z.box.x, y: z.box.y },
    measured: { width: z.box.w, height: z.box.h },
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
      name: printable(z.name),
      kind: z.kind,
      part: z.part,
      title: { x: z.title.x - z.box.x, y: z.title.y - z.box.y, w: z.title.w, h: z.title.h },
      errors: badges.errors,
      warnings: badges.warnings,
    },
  };
  cache.zones.set(z.id, { zone: z, key, node });
  return node;
}

/** The components by id, once per document (not per drag frame). */
function componentsOf(cache: MapperCache, project: Project): Map<ComponentId, Component> {
  if (cache.byId?.project !== project)
    cache.byId = { project, map: new Map(project.components.map((c) => [c.id, c] as const)) };
  return cache.byId.map;
}

function portEdge(
  cache: MapperCache,
  e: DiagramEdge,
  c: Counts,
  selected: boolean,
  from: string,
  to: string,
  byId: Map<ComponentId, Component>,
): PortEdge {
  const key = `${selected}|${c.errors}|${c.warnings}`;
  const cached = cache.edges.get(e.id);
  if (cached && cached.key === key && (cached.points === e.points || samePoints(cached.points, e.points)))
    return cached.edge;
  const severity = c.errors ? ' has-errors' : c.warnings ? ' has-warnings' : '';
  const edge: PortEdge = {
    id: e.id,
    type: 'port',
    source: e.source,
    target: e.target,
    sourceHandle: OUT_HANDLE_ID,
    targetHandle: FALLBACK_HANDLE_ID,
    selected,
    markerEnd: e.variant === 'route' ? ROUTE_ARROW : LINK_ARROW,
    className: `pl-edge pl-edge--${e.variant}${severity}`,
    ariaLabel:
      e.variant === 'route'
        ? `Public URL ${e.label.text} through ${from} to ${to}`
        : `${from} to ${to} on ${e.label.text}`,
    interactionWidth: 16,
    data: {
      points: e.points,
      variant: e.variant,
      errors: c.errors,
      warnings: c.warnings,
      links: e.variant === 'link' ? [e.id] : [],
      routes: e.variant === 'route' ? [e.id.slice('route:'.length)] : [],
    },
  };
  // The end components: an edge object speaks their names (tooltip, accessible name).
  cache.edges.set(e.id, { geometry: e, from: byId.get(e.source), to: byId.get(e.target), key, points: e.points, edge });
  return edge;
}

function samePoints(a: DiagramEdge['points'], b: DiagramEdge['points']): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.x !== b[i]!.x || a[i]!.y !== b[i]!.y) return false;
  return true;
}

function edgeLabel(
  cache: MapperCache,
  e: DiagramEdge,
  c: Counts,
  selected: boolean,
  from: string,
  to: string,
): EdgeLabelData {
  const b = e.label.box;
  const key = `${b.x},${b.y},${b.w}|${e.label.text}|${selected}|${c.errors}|${c.warnings}|${from}|${to}`;
  const cached = cache.labels.get(e.id);
  if (cached && cached.key === key) {
    cache.labels.set(e.id, { ...cached, geometry: e });
    return cached.label;
  }
  const label: EdgeLabelData = {
    id: e.id,
    x: b.x,
    y: b.y,
    w: b.w,
    h: b.h,
    text: e.label.text,
    title: `${from} → ${to}: ${e.label.text}`,
    variant: e.variant,
    selected,
    // The box was sized from this text (and no badges): it fits unless a character is unmeasured.
    clip: c.errors > 0 || c.warnings > 0 || !measuredChars(e.label.text),
    errors: c.errors,
    warnings: c.warnings,
  };
  cache.labels.set(e.id, { geometry: e, key, label });
  return label;
}

/** `next` itself, or `previous` when every item is the same object (so React sees no change). */
function sameItems<T>(previous: T[] | undefined, next: T[]): T[] {
  if (!previous || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

function newCache(): MapperCache {
  return { components: new Map(), zones: new Map(), edges: new Map(), labels: new Map() };
}

/** The mapping without memory (tests, one-off renders). */
export function projectToFlow(
  project: Project,
  diagnostics: readonly Diagnostic[] = [],
  selection: Selection = NO_SELECTION,
): FlowGraph {
  return map(newCache(), { project, diagnostics, selection });
}

/** The mapping with memory: unchanged nodes, edges and labels keep their identity. */
export function createFlowMapper(): (input: FlowInput) => FlowGraph {
  const cache = newCache();
  return (input) => map(cache, input);
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}
