/**
 * A drag frame (or a drop) drawn from the frame before it: when the document (up to the
 * positions of moved components), diagnostics and selection are the last draw's and the diagram
 * has the same elements in the same order (drag.ts and drop.ts keep every untouched node, zone
 * and edge object), only the elements whose geometry object changed are rebuilt and the rest of
 * the last graph stands as it is.
 */
import { movedOnly } from '../../../shared/diagram/drop';
import type { Diagram } from '../../../shared/diagram/types';
import { printable } from '../../../shared/model/printable';
import type { Project } from '../../../shared/model/types';
import type { Selection } from '../store/editor';
import {
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
} from './flow-elements';
import type { FlowGraph } from './flow-types';

/**
 * Whether `next` is `last`, or `last` with components moved and nothing else changed (a drop):
 * every element drawn from an unmoved component is then drawn as before. (Moved components
 * have new node geometry and their edges new paths, so the patch draws them again.)
 */
function positionsOnly(last: Project, next: Project): boolean {
  if (last === next) return true;
  if (last.components.length !== next.components.length) return false;
  return next.components.every((c, i) => movedOnly(last.components[i]!, c));
}

/** The graph of `diagram` patched from the last draw's, or undefined when it must be drawn in full. */
export function patch(
  cache: MapperCache,
  project: Project,
  diagram: Diagram,
  counts: Map<string, Counts>,
  selection: Selection,
): FlowGraph | undefined {
  const last = cache.drawn;
  if (!last || last.counts !== counts || last.selection !== selection || !positionsOnly(last.project, project))
    return undefined;
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
