/**
 * The benchmark's baseline: a plain React Flow — default nodes and edges, nothing else (no
 * custom node or edge types, no MiniMap, Controls or Background) — with
 * `onlyRenderVisibleElements` on, as the editor has it. The benchmark writes the graph next to
 * the built page (`?graph=<file>`): one default node per component, at the editor's node size,
 * labelled with its name; as many edges as the editor draws, each with a label; and the
 * editor's pane box and viewport, so both pages show the same part of the drawing at the same
 * zoom. No JSX, so the project's tsconfig checks it.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node, type Viewport } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

export interface BareGraph {
  /** Where the editor's React Flow element sits in the window, in CSS px. */
  readonly pane: { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
  /** The editor's viewport once it showed the project. */
  readonly view: Viewport;
  readonly nodes: Node[];
  readonly edges: Edge[];
}

/** React Flow's default zoom limits, widened only as far as the editor's view needs. */
const MIN_ZOOM = 0.5;
const MAX_ZOOM = 2;

function Bare({ graph }: { readonly graph: BareGraph }) {
  const [nodes, , onNodesChange] = useNodesState(graph.nodes);
  const [edges, , onEdgesChange] = useEdgesState(graph.edges);
  return createElement(ReactFlow, {
    nodes,
    edges,
    onNodesChange,
    onEdgesChange,
    defaultViewport: graph.view,
    minZoom: Math.min(MIN_ZOOM, graph.view.zoom),
    maxZoom: Math.max(MAX_ZOOM, graph.view.zoom),
    onlyRenderVisibleElements: true,
  });
}

async function main(): Promise<void> {
  const file = new URLSearchParams(location.search).get('graph') ?? 'graph.json';
  const response = await fetch(`./${encodeURIComponent(file)}`);
  const graph = (await response.json()) as BareGraph;
  const root = document.getElementById('root')!;
  const { left, top, width, height } = graph.pane;
  Object.assign(root.style, { left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px` });
  createRoot(root).render(createElement(Bare, { graph }));
}

void main();
