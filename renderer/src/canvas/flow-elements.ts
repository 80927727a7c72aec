/**
 * The React Flow elements the canvas draws, each built from its diagram geometry and kept while
 * it is unchanged (flow.ts's mapper holds the cache): component and zone nodes with their
 * handles, port edges and edge labels, and the lookups they are built with.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import { NODE_HEADER, NODE_WIDTH, portY, type PortRow } from '../../../shared/diagram/metrics';
import type { Box, Diagram, DiagramEdge, DiagramNode, DiagramZone } from '../../../shared/diagram/types';
import { printable } from '../../../shared/model/printable';
import type { Component, ComponentId, Project } from '../../../shared/model/types';
import type { Diagnostic } from '../../../shared/rules/types';
import { kindInfo, kindLine } from '../../../shared/render/kinds';
import type { Selection } from '../store/editor';
import type { ExactDiagram } from './flow-drop';
import type { ComponentNode, EdgeLabelData, FlowGraph, PortEdge, ZoneNode } from './flow-types';
import { LINK_MARKER_ID, ROUTE_MARKER_ID } from './markers';
import { measuredChars, nodeTextClips } from './text-fit';

export interface Counts {
  errors: number;
  warnings: number;
}
export const NONE: Counts = { errors: 0, warnings: 0 };

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

export function badgeCount(counts: Map<string, Counts>, key: string): number {
  const c = counts.get(key);
  return c ? (c.errors > 0 ? 1 : 0) + (c.warnings > 0 ? 1 : 0) : 0;
}

/** The element key of an edge's diagnostics: `link:<id>` or `route:<id>`. */
export const elementKey = (e: Pick<DiagramEdge, 'id' | 'variant'>) => (e.variant === 'link' ? `link:${e.id}` : e.id);

export interface MapperCache {
  exact?: ExactDiagram & {
    readonly project: Project;
    readonly counts: Map<string, Counts>;
    readonly key: string;
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

export interface SelectedSets {
  readonly components: ReadonlySet<string>;
  readonly links: ReadonlySet<string>;
  readonly routes: ReadonlySet<string>;
}

export function selectedSets(cache: MapperCache, selection: Selection): SelectedSets {
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

export const edgeSelected = (s: SelectedSets, e: DiagramEdge): boolean =>
  e.variant === 'link' ? s.links.has(e.id) : s.routes.has(e.id.slice('route:'.length));

export function componentNode(
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
            kind: c.kind,
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

export function zoneNode(cache: MapperCache, z: DiagramZone, badges: Counts): ZoneNode {
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
export function componentsOf(cache: MapperCache, project: Project): Map<ComponentId, Component> {
  if (cache.byId?.project !== project)
    cache.byId = { project, map: new Map(project.components.map((c) => [c.id, c] as const)) };
  return cache.byId.map;
}

export function portEdge(
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
    markerEnd: e.variant === 'route' ? ROUTE_MARKER_ID : LINK_MARKER_ID,
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

export function edgeLabel(
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

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}
