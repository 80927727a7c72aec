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
import { diagramOf } from '../../shared/diagram/diagram';
import { NODE_HEADER, NODE_WIDTH } from '../../shared/diagram/metrics';
import type { Diagram, DiagramEdge, Point } from '../../shared/diagram/types';
import { printable } from '../../shared/model/printable';
import type { ComponentId, Position as At, Project } from '../../shared/model/types';
import type { Diagnostic } from '../../shared/rules/types';
import {
  badgeCount,
  componentNode,
  componentsOf,
  edgeLabel,
  edgeSelected,
  elementKey,
  NONE,
  portEdge,
  selectedSets,
  zoneNode,
  type Counts,
  type MapperCache,
} from './canvas/flow-elements';
import { droppedDiagram, settleDrop, type RoutedDrop, type RoutesAway } from './canvas/flow-drop';
import { patch } from './canvas/flow-frames';
import type { EdgeLabelData, FlowGraph, PortEdge } from './canvas/flow-types';
import { hostsFor } from './canvas/host-regions';
import type { Selection } from './store/editor';

export type * from './canvas/flow-types';
/** The kind line under a name: one home with the exported picture (shared/render/kinds.ts). */
export { kindInfo, type KindInfo } from '../../shared/render/kinds';
export { routeEdgeId } from '../../shared/diagram/edges';
export { NODE_WIDTH };
export {
  FALLBACK_HANDLE_ID,
  OUT_HANDLE,
  OUT_HANDLE_ID,
  OUT_Y,
  PORT_HANDLE,
  portHandleId,
} from './canvas/flow-elements';
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
  /**
   * Whether the caller routes a drop (canvas/flow-drop.ts): then the drop is drawn provisionally,
   * `FlowGraph.dropRoute` says what to route, and a later map given its routes (`routedDrop`)
   * draws it exactly. Without it (or when it says no), the drop is routed before the map returns.
   */
  readonly routeDrop?: RoutesAway;
  /** The routes of a `FlowGraph.dropRoute`; ignored unless the drawing still waits for them. */
  readonly routedDrop?: RoutedDrop;
}

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
    const exact =
      was?.key === key
        ? was
        : drop
          ? droppedDiagram(was.diagram, project, badges, input.routeDrop)
          : { diagram: diagramOf(project, { badges }) };
    cache.exact = { project, counts, key, diagram: exact.diagram, pending: exact.pending };
  }
  cache.exact = settleDrop(cache.exact, input.routedDrop);
  const dropRoute = cache.exact.pending;
  const moves = input.moves && input.moves.size > 0 ? (input.moves as ReadonlyMap<ComponentId, At>) : undefined;
  const selection = input.selection ?? NO_SELECTION;
  // Host regions follow the exact diagram only (they move on drop, not on drag frames).
  const hosts = hostsFor(project, cache.exact.diagram);
  if (!moves) {
    const graph = drawFrom(cache, project, cache.exact.diagram, counts, selection);
    cache.still = graph;
    const out = dropRoute ? { ...graph, dropRoute } : graph;
    return hosts ? { ...out, hosts } : out;
  }
  // A drag: the edges and labels drawn stay those of the drawing before it; the moved ones'
  // paths and label corners travel beside them (see canvas/live-paths.ts). Nodes and zones move.
  const before = cache.still ?? drawFrom(cache, project, cache.exact.diagram, counts, selection);
  const exact = cache.exact.diagram;
  const diagram = diagramOf(project, { badges, moves, previous: exact });
  const live = new Map<string, DiagramEdge['points']>();
  const liveLabels = new Map<string, Point>();
  for (let i = 0; i < diagram.edges.length; i++) {
    const e = diagram.edges[i]!;
    const was = exact.edges[i]!;
    if (e === was) continue;
    live.set(e.id, e.points);
    const { x, y } = e.label.box;
    if (x !== was.label.box.x || y !== was.label.box.y) liveLabels.set(e.id, { x, y });
  }
  const graph = drawFrom(cache, project, diagram, counts, selection);
  return {
    ...graph,
    edges: before.edges,
    labels: before.labels,
    live,
    liveLabels,
    ...(dropRoute ? { dropRoute } : {}),
    ...(hosts ? { hosts } : {}),
  };
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
