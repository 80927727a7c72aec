/**
 * How pointer and keyboard select edges. The canvas draws its edges itself (EdgeLayer.tsx), not
 * through React Flow, so it also does what React Flow did for its own edges, in the store's
 * terms (a selection of components, links and routes): a click selects the edge alone, or with
 * the multi-selection key adds it or takes it away; Enter and Space select it, Escape
 * deselects it; selecting a component alone deselects the edges; a selection rectangle selects
 * every edge at a component it caught.
 */
import type { Selection } from '../store/editor';

/** The document elements an edge draws: one link, or one route. */
export interface EdgeElements {
  readonly links: readonly string[];
  readonly routes: readonly string[];
}

/** An edge with its ends, as the selection rectangle needs it. */
export interface ConnectedEdge {
  readonly source: string;
  readonly target: string;
  readonly data?: EdgeElements;
}

export type EdgeGesture = 'click' | 'select' | 'unselect';

const includesAll = (list: readonly string[], items: readonly string[]): boolean =>
  items.every((id) => list.includes(id));

/** Whether the selection holds every element of the edge (and it has one). */
export function edgeIsSelected(selection: Selection, edge: EdgeElements): boolean {
  if (edge.links.length + edge.routes.length === 0) return false;
  return includesAll(selection.links, edge.links) && includesAll(selection.routes, edge.routes);
}

const without = (list: readonly string[], items: readonly string[]): string[] =>
  list.filter((id) => !items.includes(id));
const withAll = (list: readonly string[], items: readonly string[]): string[] => [
  ...list,
  ...items.filter((id) => !list.includes(id)),
];

/**
 * The selection after a gesture on an edge. `additive`: the multi-selection key is held.
 * A click on a selected edge with the key held, and Escape, take the edge away; otherwise the
 * edge is added (key held) or becomes the whole selection.
 */
export function selectEdge(current: Selection, edge: EdgeElements, gesture: EdgeGesture, additive: boolean): Selection {
  const selected = edgeIsSelected(current, edge);
  if (gesture === 'unselect' || (gesture === 'click' && additive && selected))
    return { ...current, links: without(current.links, edge.links), routes: without(current.routes, edge.routes) };
  if (additive)
    return { ...current, links: withAll(current.links, edge.links), routes: withAll(current.routes, edge.routes) };
  return { components: [], links: [...edge.links], routes: [...edge.routes] };
}

/** The links and routes of every edge with an end among `components` (what a selection rectangle selects). */
export function connectedEdges(edges: readonly ConnectedEdge[], components: ReadonlySet<string>): EdgeElements {
  const links = new Set<string>();
  const routes = new Set<string>();
  for (const e of edges) {
    if (!e.data || (!components.has(e.source) && !components.has(e.target))) continue;
    for (const id of e.data.links) links.add(id);
    for (const id of e.data.routes) routes.add(id);
  }
  return { links: [...links], routes: [...routes] };
}
