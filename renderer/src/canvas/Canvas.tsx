import { memo, useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
  type ReactFlowInstance,
} from '@xyflow/react';
import { isComponentKind } from '../../../shared/catalog/index';
import type { ComponentId, Position } from '../../../shared/model/types';
import type { ElementRef } from '../../../shared/rules/types';
import {
  createFlowMapper,
  NODE_HEIGHT,
  NODE_WIDTH,
  routeEdgeId,
  type CanvasNode,
  type EdgeLabelData,
  type PortEdge,
} from '../flow';
import { useEditor, useEditorStore } from '../store/context';
import type { Editor, EditorStore, Selection } from '../store/editor';
import { ComponentNodeView } from './ComponentNode';
import { EdgeLabels } from './EdgeLabels';
import { GRID, snap } from './geometry';
import { applyAutoLayout } from './layout';
import { PortEdgeView } from './PortEdge';
import { DROP_MIME, elementsBounds } from './viewport';
import { ZoneNodeView } from './ZoneNode';
import './canvas.css';

const NODE_TYPES: NodeTypes = { component: ComponentNodeView, zone: ZoneNodeView };
const EDGE_TYPES: EdgeTypes = { port: PortEdgeView };
const EMPTY = { nodes: [] as CanvasNode[], edges: [] as PortEdge[], labels: [] as EdgeLabelData[] };
const SNAP_GRID: [number, number] = [GRID, GRID];
// Room at the top for the toolbar, so the drawing never starts under it.
const FIT_OPTIONS = { padding: { top: '56px', right: '24px', bottom: '24px', left: '24px' }, maxZoom: 1 } as const;
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PORT_PREFIX = 'port:';
// Module constants, not inline literals: the canvas re-renders on every drag frame, and new
// props would re-render the minimap (every node) and the controls each time.
const MINIMAP_STYLE = { width: 176, height: 112 } as const;
const miniMapClass = (n: CanvasNode): string =>
  n.type === 'zone' ? `pl-mini-zone pl-mini-zone--${n.data.kind}` : `pl-mini--${n.data.category}`;

/** The ids of a selection, for comparisons. */
function selectionIds(s: Selection): string[] {
  return [...s.components, ...s.links, ...s.routes];
}

/** The store elements a canvas edge id stands for: a link, or the routes of a route group. */
function edgeElements(state: Editor, edgeId: string): { links: string[]; routes: string[] } {
  if (!edgeId.startsWith('route:')) return { links: [edgeId], routes: [] };
  const routes = (state.project?.routes ?? []).filter((r) => routeEdgeId(r) === edgeId).map((r) => r.id);
  return { links: [], routes };
}

/**
 * The diagram: React Flow over the store's project. Everything shown is derived from the store
 * (`flow.ts`), and every change React Flow reports becomes a store action: drags move
 * components (one undo step per drag), connections add links, selection mirrors the store's
 * selection both ways, Delete deletes the store's selection, palette drops add components.
 */
export function Canvas() {
  const store = useEditorStore();
  const project = useEditor((s) => s.project);
  const diagnostics = useEditor((s) => s.diagnostics);
  const selection = useEditor((s) => s.selection);
  const [mapper] = useState(createFlowMapper);
  // The positions of the components being dragged, while the gesture lasts. The document (and
  // everything else that reads the store) changes once, when the drag ends — one undo step —
  // rather than on every frame; meanwhile only the canvas redraws, and the mapper redoes only
  // what is near the moved nodes. The end of the drag maps once more, exactly.
  const [dragMoves, setDragMoves] = useState<ReadonlyMap<ComponentId, Position> | null>(null);
  const graph = useMemo(
    () =>
      project === null
        ? EMPTY
        : mapper({ project, diagnostics, selection, ...(dragMoves ? { moves: dragMoves } : {}) }),
    [mapper, project, diagnostics, selection, dragMoves],
  );
  // The same moves, readable in event handlers without waiting for a render.
  const pendingMoves = useRef<Map<ComponentId, Position> | null>(null);
  const instance = useRef<ReactFlowInstance<CanvasNode, PortEdge> | null>(null);
  // Set while the canvas itself updates the store's selection, so it does not re-centre on it.
  const selecting = useRef(false);

  const setSelection = useCallback(
    (next: Selection) => {
      selecting.current = true;
      try {
        store.getState().select(next);
      } finally {
        selecting.current = false;
      }
    },
    [store],
  );

  // Writes the dragged positions to the document as one change (one undo step); the local
  // positions go in the same render, so the nodes do not flicker back.
  const commitMoves = useCallback(() => {
    const moves = pendingMoves.current;
    pendingMoves.current = null;
    setDragMoves(null);
    if (moves && moves.size > 0) store.getState().moveComponents(moves);
  }, [store]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const state = store.getState();
      let moved = false;
      let dragEnded = false;
      let components: Set<string> | undefined;
      for (const change of changes) {
        if (change.type === 'add' || change.id.startsWith('zone:')) continue;
        if (change.type === 'position' && change.position) {
          pendingMoves.current ??= new Map();
          pendingMoves.current.set(change.id as ComponentId, {
            x: Math.round(change.position.x),
            y: Math.round(change.position.y),
          });
          moved = true;
          // A drag's last change, or a move that is no drag at all (arrow keys).
          if (!change.dragging) dragEnded = true;
        } else if (change.type === 'select') {
          components ??= new Set(state.selection.components);
          if (change.selected) components.add(change.id);
          else components.delete(change.id);
        }
      }
      if (dragEnded) commitMoves();
      else if (moved) setDragMoves(new Map(pendingMoves.current));
      if (components) {
        const current = store.getState().selection;
        setSelection({ ...current, components: [...components] });
      }
    },
    [store, setSelection, commitMoves],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<PortEdge>[]) => {
      const state = store.getState();
      let links: Set<string> | undefined;
      let routes: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        links ??= new Set(state.selection.links);
        routes ??= new Set(state.selection.routes);
        const elements = edgeElements(state, change.id);
        for (const id of elements.links) {
          if (change.selected) links.add(id);
          else links.delete(id);
        }
        for (const id of elements.routes) {
          if (change.selected) routes.add(id);
          else routes.delete(id);
        }
      }
      if (links && routes) {
        const current = store.getState().selection;
        setSelection({ ...current, links: [...links], routes: [...routes] });
      }
    },
    [store, setSelection],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.targetHandle?.startsWith(PORT_PREFIX)) return;
      store.getState().connect(c.source, c.target, c.targetHandle.slice(PORT_PREFIX.length));
    },
    [store],
  );

  const isValidConnection = useCallback<IsValidConnection<PortEdge>>(
    (c) => c.source !== c.target && !!c.targetHandle?.startsWith(PORT_PREFIX),
    [],
  );

  // React Flow reports the final positions (a change without `dragging`) before this; a drag
  // that ends without one (aborted) still lands where it was last drawn.
  const onDragStop = commitMoves;

  // React Flow asks before deleting: the store deletes its selection (with links and routes
  // of deleted components) as one undo step, and React Flow deletes nothing itself.
  const onBeforeDelete = useCallback(async () => {
    store.getState().deleteSelection();
    return false;
  }, [store]);

  const onInit = useCallback((rf: ReactFlowInstance<CanvasNode, PortEdge>) => {
    instance.current = rf;
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DROP_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(DROP_MIME);
      const rf = instance.current;
      if (!isComponentKind(kind) || !rf) return;
      e.preventDefault();
      const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // The pointer holds the node by the middle of its header.
      store.getState().addComponent(kind, { x: snap(at.x - NODE_WIDTH / 2), y: snap(at.y - NODE_HEIGHT / 2) });
    },
    [store],
  );

  const empty = project !== null && project.components.length === 0;

  return (
    <section className="pl-cv" aria-label="Diagram" data-testid="canvas">
      <ReactFlow<CanvasNode, PortEdge>
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStop={onDragStop}
        onSelectionDragStop={onDragStop}
        onBeforeDelete={onBeforeDelete}
        onInit={onInit}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        selectionMode={SelectionMode.Partial}
        snapToGrid
        snapGrid={SNAP_GRID}
        onlyRenderVisibleElements
        elevateNodesOnSelect={false}
        colorMode="system"
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.1}
        maxZoom={2}
        connectionRadius={24}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.1} />
        <Controls position="bottom-right" showInteractive={false} aria-label="Zoom controls" />
        <MiniMap
          position="bottom-left"
          pannable
          zoomable
          ariaLabel="Overview"
          className="pl-minimap"
          style={MINIMAP_STYLE}
          nodeBorderRadius={4}
          nodeClassName={miniMapClass}
        />
        <Toolbar store={store} />
        <EdgeLabels labels={graph.labels} />
        <FitOnOpen store={store} />
        <RevealSelection store={store} selecting={selecting} />
      </ReactFlow>
      {empty ? (
        <div className="pl-cv__empty" data-testid="canvas-empty">
          <p className="pl-cv__empty-title">An empty deployment</p>
          <p>Drag components here from the palette, or select one there and press Enter.</p>
        </div>
      ) : null}
    </section>
  );
}

const Toolbar = memo(function Toolbar({ store }: { readonly store: EditorStore }) {
  return (
    <Panel position="top-right" className="pl-canvas-toolbar">
      <Legend />
      <LayoutButtons store={store} />
    </Panel>
  );
});

function Legend() {
  return (
    <div className="pl-cv-legend" aria-label="Legend" role="group">
      <span className="pl-cv-legend__item">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="28" y2="4" className="pl-cv-legend__link" />
        </svg>
        Connection
      </span>
      <span className="pl-cv-legend__item">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="28" y2="4" className="pl-cv-legend__route" />
        </svg>
        Public URL
      </span>
    </div>
  );
}

/** Auto-layout: the components that are not placed yet, or all of them. */
function LayoutButtons({ store }: { readonly store: EditorStore }) {
  const [busy, setBusy] = useState(false);
  const run = (all: boolean) => {
    setBusy(true);
    void applyAutoLayout(store, { all }).finally(() => setBusy(false));
  };
  return (
    <div className="pl-canvas-layout" role="group" aria-label="Auto-layout">
      <button
        type="button"
        className="pl-canvas-layout__button"
        onClick={() => run(false)}
        disabled={busy}
        title="Arrange the components that are not placed yet (new, or on top of another)"
        data-testid="layout-new"
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <rect x="1.5" y="2" width="5" height="4" rx="1" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <rect x="9.5" y="10" width="5" height="4" rx="1" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M6.5 4h2.5v8h0.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
        </svg>
        Arrange new
      </button>
      <button
        type="button"
        className="pl-canvas-layout__button"
        onClick={() => run(true)}
        disabled={busy}
        title="Lay out every component again, left to right"
        data-testid="layout-all"
      >
        Arrange all
      </button>
    </div>
  );
}

/** Fits the view whenever another document is opened in the store (the first fit is React Flow's). */
const FitOnOpen = memo(function FitOnOpen({ store }: { readonly store: EditorStore }) {
  const rf = useReactFlow();
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        const opened =
          state.project !== null &&
          state.project !== prev.project &&
          state.history.past.length === 0 &&
          state.history.future.length === 0 &&
          state.history.open === undefined;
        if (opened) requestAnimationFrame(() => void rf.fitView(FIT_OPTIONS));
      }),
    [store, rf],
  );
  return null;
});

/**
 * Centres the view on the selection when it is set from outside the canvas (the problems
 * panel, the inspector, paste): selecting in the store is all another panel has to do.
 * New components (a drop, a keyboard add) are only revealed when they are out of view.
 */
const RevealSelection = memo(function RevealSelection({
  store,
  selecting,
}: {
  readonly store: EditorStore;
  readonly selecting: RefObject<boolean>;
}) {
  const rf = useReactFlow();
  const api = useStoreApi();
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.selection === prev.selection || selecting.current || state.project === null) return;
        const ids = selectionIds(state.selection);
        if (ids.length === 0) return;
        const before = new Set(selectionIds(prev.selection));
        if (ids.every((id) => before.has(id))) return; // narrowed (deleted, undone): stay put
        const refs: ElementRef[] = [
          ...state.selection.components.map((id) => ({ type: 'component' as const, id })),
          ...state.selection.links.map((id) => ({ type: 'link' as const, id })),
          ...state.selection.routes.map((id) => ({ type: 'route' as const, id })),
        ];
        const box = elementsBounds(state.project, refs);
        if (!box) return;
        const { width, height, transform } = api.getState();
        const [tx, ty, zoom] = transform;
        const visible =
          box.x * zoom + tx >= 0 &&
          box.y * zoom + ty >= 0 &&
          (box.x + box.w) * zoom + tx <= width &&
          (box.y + box.h) * zoom + ty <= height;
        const existed = new Set(prev.project?.components.map((c) => c.id));
        const added = state.selection.components.some((id) => !existed.has(id as ComponentId));
        if (added && visible) return;
        const target = Math.min(Math.max(zoom, 1), 1.25);
        if (box.w * target > width * 0.8 || box.h * target > height * 0.8) {
          void rf.fitBounds({ x: box.x, y: box.y, width: box.w, height: box.h }, { padding: 0.2, duration: 300 });
        } else {
          void rf.setCenter(box.x + box.w / 2, box.y + box.h / 2, { zoom: target, duration: 300 });
        }
      }),
    [store, rf, api, selecting],
  );
  return null;
});
