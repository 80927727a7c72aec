/**
 * The benchmark's baseline: a bare React Flow page (default node type, MiniMap, Controls,
 * Background) showing the same components and links as the editor, read from graph.json which
 * the benchmark writes next to the built page. No JSX, so the project's tsconfig checks it.
 */
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useEdgesState,
  useNodesState,
  type Edge,
  type Node,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';

interface Graph {
  readonly nodes: Node[];
  readonly edges: Edge[];
}

const FIT_OPTIONS = { padding: 0.05, maxZoom: 1 } as const;

function Bare({ graph }: { readonly graph: Graph }) {
  const [nodes, , onNodesChange] = useNodesState(graph.nodes);
  const [edges, , onEdgesChange] = useEdgesState(graph.edges);
  return createElement(
    'div',
    { style: { width: '100%', height: '100%' }, 'data-testid': 'canvas' },
    createElement(
      ReactFlow,
      { nodes, edges, onNodesChange, onEdgesChange, fitView: true, fitViewOptions: FIT_OPTIONS, minZoom: 0.1 },
      createElement(Background),
      createElement(Controls),
      createElement(MiniMap),
    ),
  );
}

async function main(): Promise<void> {
  const response = await fetch('./graph.json');
  const graph = (await response.json()) as Graph;
  createRoot(document.getElementById('root')!).render(createElement(StrictMode, null, createElement(Bare, { graph })));
}

void main();
