import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type RefObject,
} from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStoreApi,
  type Connection,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
  type ReactFlowInstance,
  type ReactFlowState,
} from '@xyflow/react';
import { isComponentKind } from '../../../shared/catalog/index';
import type { ComponentId, Position, Project } from '../../../shared/model/types';
import type { ElementRef } from '../../../shared/rules/types';
import { createFlowMapper, NODE_HEIGHT, NODE_WIDTH, type CanvasNode, type FlowGraph, type PortEdge } from '../flow';
import { useEditor, useEditorStore } from '../store/context';
import { justOpened, type EditorStore, type Selection } from '../store/editor';
import { ComponentNodeView } from './ComponentNode';
import { connectedEdges, selectEdge } from './edge-selection';
import { EdgeLayer, type SelectEdge } from './EdgeLayer';
import { liveLabels, livePaths } from './live-paths';
import { EdgeMarkers } from './EdgeMarkers';
import { EdgeLabels } from './EdgeLabels';
import { GRID, snap } from './geometry';
import {
  arrange,
  DROP_MIME,
  elementsBounds,
  fitOptionsFor,
  MINIMAP_KEY,
  minimapShownInitially,
  panToShow,
  screenToFlowBox,
  useFitDrawing,
  useOverlaysCoverDrawing,
} from './viewport';
import { ZoneNodeView } from './ZoneNode';
import './canvas.css';
import './overlays.css';

const NODE_TYPES: NodeTypes = { component: ComponentNodeView, zone: ZoneNodeView };
// React Flow is handed no edges: EdgeLayer draws them (see there why), and the canvas selects them.
const NO_EDGES: PortEdge[] = [];
const EMPTY: FlowGraph = { nodes: [], edges: [], labels: [], bounds: { x: 0, y: 0, w: 0, h: 0 } };
const SNAP_GRID: [number, number] = [GRID, GRID];
// Delete and Backspace are the action registry's `delete` (shared/actions), run by the editor's
// keyboard handler: React Flow listens for no delete key of its own.
const DELETE_KEYS = null;
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

type FlowStore = { getState(): ReactFlowState; setState(partial: Partial<ReactFlowState>): void };

/** Hands the canvas React Flow's store (only its children can reach it). */
function FlowStoreRef({ storeRef }: { readonly storeRef: RefObject<FlowStore | null> }) {
  const api = useStoreApi();
  useEffect(() => {
    storeRef.current = api;
    return () => {
      storeRef.current = null;
    };
  }, [api, storeRef]);
  return null;
}

/** Whether the minimap shows: the user's last choice, else hidden (at every window width). */
function readMinimap(): boolean {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(MINIMAP_KEY);
  } catch {
    // Storage refused (privacy settings): the default for the window.
  }
  return minimapShownInitially(stored);
}

function storeMinimap(shown: boolean): void {
  try {
    window.localStorage.setItem(MINIMAP_KEY, shown ? 'shown' : 'hidden');
  } catch {
    // Not remembered; the choice still holds for this window.
  }
}

/**
 * The diagram: React Flow over the store's project. Everything shown is derived from the store
 * (`flow.ts`), and every change React Flow reports becomes a store action: drags move
 * components (one undo step per drag), connections add links, selection mirrors the store's
 * selection both ways, Delete deletes the store's selection, palette drops add components
 * where they are released. The view moves only when asked: a fit (opening a document, the
 * layout or Arrange changing, Shift+1) or a "go to" from the problems panel. Fits keep the
 * drawing clear of the overlays (legend, toolbar, zoom controls, minimap, attribution).
 */
export function Canvas({ onStartFromTemplate }: { readonly onStartFromTemplate?: () => void } = {}) {
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
  // The document the last drag's drop produced: the mapper recomputes only what the drop
  // affects when it draws exactly that document next (see FlowInput.dropped).
  const [dropped, setDropped] = useState<Project | null>(null);
  const graph = useMemo(
    () =>
      project === null
        ? EMPTY
        : mapper({
            project,
            diagnostics,
            selection,
            ...(dragMoves ? { moves: dragMoves } : {}),
            ...(dropped ? { dropped } : {}),
          }),
    [mapper, project, diagnostics, selection, dragMoves, dropped],
  );
  // The moved edges' paths and labels during a drag, before the browser paints the frame.
  useLayoutEffect(() => {
    livePaths.set(graph.live);
    liveLabels.set(graph.liveLabels);
  }, [graph]);
  useEffect(
    () => () => {
      livePaths.set(undefined);
      liveLabels.set(undefined);
    },
    [],
  );
  // The moved labels' and edges' ids: the same strings on most frames of a drag, so the label
  // and edge layers render when the drag starts, when another edge starts moving, and when it ends.
  const movingLabels = useMemo(() => (graph.liveLabels ? [...graph.liveLabels.keys()].join('\n') : ''), [graph]);
  const movingEdges = useMemo(() => (graph.live ? [...graph.live.keys()].join('\n') : ''), [graph]);
  // The edges by id, for selecting them from their layer (per edges array: not per drag frame).
  const edgesById = useMemo(() => new Map(graph.edges.map((e) => [e.id, e] as const)), [graph.edges]);
  // The edges drawn now, for the selection handlers (which run after the render that drew them).
  const edgesNow = useRef({ list: graph.edges, byId: edgesById });
  useLayoutEffect(() => {
    edgesNow.current = { list: graph.edges, byId: edgesById };
  }, [graph.edges, edgesById]);
  const flowStore = useRef<FlowStore | null>(null);
  // The same moves, readable in event handlers without waiting for a render.
  const pendingMoves = useRef<Map<ComponentId, Position> | null>(null);
  const instance = useRef<ReactFlowInstance<CanvasNode, PortEdge> | null>(null);
  // Set while the canvas itself updates the store's selection, so it does not re-centre on it.
  const selecting = useRef(false);
  // The viewport is hidden until the first fit, so a document never shows unfitted for a frame.
  const [fitted, setFitted] = useState(false);
  const [minimap, setMinimap] = useState(readMinimap);
  const toggleMinimap = useCallback(() => {
    setMinimap((shown) => {
      storeMinimap(!shown);
      return !shown;
    });
  }, []);

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
    if (moves && moves.size > 0) {
      store.getState().moveComponents(moves);
      // Set in the same batch as the store's change, so the render after the drop sees both.
      setDropped(store.getState().project);
    }
  }, [store]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const state = store.getState();
      let moved = false;
      let dragEnded = false;
      let selectsOne = false;
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
          if (change.selected) selectsOne = true;
        }
      }
      if (dragEnded) commitMoves();
      else if (moved) setDragMoves(new Map(pendingMoves.current));
      if (components) {
        const current = store.getState().selection;
        const flow = flowStore.current?.getState();
        // What React Flow did to its own edges: a selection rectangle (from its pointer-down
        // on) selects the edges at the components it caught; selecting a component without
        // the multi-selection key deselects every edge.
        const edges = flow?.userSelectionRect
          ? connectedEdges(edgesNow.current.list, components)
          : selectsOne && !flow?.multiSelectionActive
            ? { links: [], routes: [] }
            : current;
        setSelection({ components: [...components], links: [...edges.links], routes: [...edges.routes] });
      }
    },
    [store, setSelection, commitMoves],
  );

  // A click on an edge or its label, or a key on a focused edge (EdgeLayer, EdgeLabels).
  const onSelectEdge = useCallback<SelectEdge>(
    (edgeId, gesture) => {
      const edge = edgesNow.current.byId.get(edgeId);
      if (!edge?.data) return;
      const flow = flowStore.current;
      if (gesture === 'click') flow?.setState({ nodesSelectionActive: false });
      const additive = flow?.getState().multiSelectionActive ?? false;
      setSelection(selectEdge(store.getState().selection, edge.data, gesture, additive));
    },
    [store, setSelection],
  );

  // A click on the empty pane: React Flow deselects the components (onNodesChange), the edges here.
  const onPaneClick = useCallback(() => {
    const current = store.getState().selection;
    if (current.links.length + current.routes.length > 0) setSelection({ ...current, links: [], routes: [] });
  }, [store, setSelection]);

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
      // Unsnapped: only the node's corner goes on the grid, or the two roundings add up.
      const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
      // The pointer holds the node by the middle of its header.
      store.getState().addComponent(kind, { x: snap(at.x - NODE_WIDTH / 2), y: snap(at.y - NODE_HEIGHT / 2) });
    },
    [store],
  );

  const empty = project !== null && project.components.length === 0;

  return (
    <section className={`pl-cv${fitted ? '' : ' pl-cv--fitting'}`} aria-label="Diagram" data-testid="canvas">
      <ReactFlow<CanvasNode, PortEdge>
        nodes={graph.nodes}
        edges={NO_EDGES}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onPaneClick={onPaneClick}
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
        attributionPosition="bottom-right"
        minZoom={0.1}
        maxZoom={2}
        connectionRadius={24}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.1} />
        <ZoomControls store={store} minimap={minimap} onToggleMinimap={toggleMinimap} />
        {minimap ? (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            ariaLabel="Overview"
            className="pl-minimap"
            style={MINIMAP_STYLE}
            nodeBorderRadius={4}
            nodeClassName={miniMapClass}
          />
        ) : null}
        <Toolbar store={store} />
        <FlowStoreRef storeRef={flowStore} />
        <EdgeMarkers />
        <EdgeLayer edges={graph.edges} moving={movingEdges} onSelect={onSelectEdge} />
        <EdgeLabels labels={graph.labels} moving={movingLabels} onSelect={onSelectEdge} />
        <ViewFit store={store} setFitted={setFitted} />
        <KeepMinimapClear minimap={minimap} store={store} />
        <RevealSelection store={store} selecting={selecting} />
      </ReactFlow>
      {empty ? <EmptyInvitation onStartFromTemplate={onStartFromTemplate} /> : null}
    </section>
  );
}

/** What an empty canvas says: the first step, not a verdict on a deployment that is not there. */
function EmptyInvitation({ onStartFromTemplate }: { readonly onStartFromTemplate: (() => void) | undefined }) {
  return (
    <div className="pl-cv__empty" data-testid="canvas-empty">
      <p className="pl-cv__empty-title">Start your deployment</p>
      <p>Drag a component from the palette, or start from a template.</p>
      {onStartFromTemplate ? (
        <button
          type="button"
          className="pl-button pl-cv__empty-action"
          onClick={onStartFromTemplate}
          data-testid="empty-templates"
        >
          Choose a template
        </button>
      ) : null}
    </div>
  );
}

/** Zoom in and out, fit (clear of the overlays, like every fit), and the minimap's switch. */
const ZoomControls = memo(function ZoomControls({
  store,
  minimap,
  onToggleMinimap,
}: {
  readonly store: EditorStore;
  readonly minimap: boolean;
  readonly onToggleMinimap: () => void;
}) {
  const onFitView = useCallback(() => store.getState().requestFit(), [store]);
  return (
    <Controls
      position="bottom-left"
      orientation="horizontal"
      showInteractive={false}
      onFitView={onFitView}
      aria-label="Zoom controls"
    >
      <ControlButton
        onClick={onToggleMinimap}
        className="pl-minimap-toggle"
        title={minimap ? 'Hide the overview map' : 'Show the overview map'}
        aria-label={minimap ? 'Hide the overview map' : 'Show the overview map'}
        aria-pressed={minimap}
        data-testid="minimap-toggle"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="10" rx="1.5" strokeWidth="1.4" />
          <rect x="4" y="5.5" width="5" height="4" rx="0.5" className="pl-minimap-toggle__view" />
        </svg>
      </ControlButton>
    </Controls>
  );
});

/** The auto-layout buttons, top right. */
const Toolbar = memo(function Toolbar({ store }: { readonly store: EditorStore }) {
  return (
    <>
      <Panel position="top-left" className="pl-cv-legend-panel">
        <Legend />
      </Panel>
      <Panel position="top-right" className="pl-canvas-toolbar">
        <LayoutButtons store={store} />
      </Panel>
    </>
  );
});

/** What the two line styles mean. It holds no control and lets every pointer through. */
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
    void arrange(store, all).finally(() => setBusy(false));
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

/**
 * Fits the drawing to the canvas, clear of the overlays: when the canvas mounts, when another
 * document is opened, when a panel folds or opens or presentation starts or ends (the canvas
 * changed size), and whenever a fit is asked for (Arrange, Shift+1, menu, command palette).
 * Nothing else moves the view.
 */
const ViewFit = memo(function ViewFit({
  store,
  setFitted,
}: {
  readonly store: EditorStore;
  /** False from a document's opening until its first fit: the canvas hides the drawing meanwhile. */
  readonly setFitted: (fitted: boolean) => void;
}) {
  const fit = useFitDrawing();
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      // Two frames: the grid reflows first, then React Flow measures its size and the nodes.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          fit(fitOptionsFor(store.getState().layout.presenting));
          setFitted(true);
        });
      });
    };
    schedule();
    const unsubscribe = store.subscribe((state, prev) => {
      const opened = justOpened(state, prev);
      if (opened) setFitted(false);
      if (opened || state.layout !== prev.layout || state.fitRequests !== prev.fitRequests) schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, fit, setFitted]);
  return null;
});

/** When the minimap is switched on over the drawing, the drawing is fitted clear of it. */
const KeepMinimapClear = memo(function KeepMinimapClear({
  minimap,
  store,
}: {
  readonly minimap: boolean;
  readonly store: EditorStore;
}) {
  const covered = useOverlaysCoverDrawing();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!minimap) return;
    const frame = requestAnimationFrame(() => {
      if (covered()) store.getState().requestFit();
    });
    return () => cancelAnimationFrame(frame);
  }, [minimap, covered, store]);
  return null;
});

/**
 * Brings elements into view when asked from outside the canvas. A "go to" from the problems
 * panel (`revealRequest`) centres on the elements. Selecting existing elements elsewhere (a
 * peer in the inspector) pans as little as shows them, only when they are not in view. New
 * components (a drop, a keyboard add, a paste) never move the view: a drop lands where it was
 * released, and a keyboard add finds its own room in view.
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
        if (state.project === null) return;
        const { width, height, transform } = api.getState();
        const [tx, ty, zoom] = transform;
        if (state.revealRequest !== prev.revealRequest && state.revealRequest !== null) {
          const box = elementsBounds(state.project, state.revealRequest.refs);
          if (!box) return;
          const target = Math.min(Math.max(zoom, 1), 1.25);
          if (box.w * target > width * 0.8 || box.h * target > height * 0.8) {
            void rf.fitBounds({ x: box.x, y: box.y, width: box.w, height: box.h }, { padding: 0.2, duration: 300 });
          } else {
            void rf.setCenter(box.x + box.w / 2, box.y + box.h / 2, { zoom: target, duration: 300 });
          }
          return;
        }
        // Only a selection made elsewhere, of elements that already were there.
        if (state.selection === prev.selection || selecting.current || state.project !== prev.project) return;
        const before = new Set(selectionIds(prev.selection));
        const added = selectionIds(state.selection).filter((id) => !before.has(id));
        if (added.length === 0) return;
        const refs: ElementRef[] = [
          ...state.selection.components.map((id) => ({ type: 'component' as const, id })),
          ...state.selection.links.map((id) => ({ type: 'link' as const, id })),
          ...state.selection.routes.map((id) => ({ type: 'route' as const, id })),
        ].filter((r) => added.includes(r.id));
        const box = elementsBounds(state.project, refs);
        if (!box) return;
        const view = screenToFlowBox({ x: 24, y: 24, width: width - 48, height: height - 48 }, { x: tx, y: ty, zoom });
        const shift = panToShow(view, box);
        if (shift.x === 0 && shift.y === 0) return;
        void rf.setViewport({ x: tx - shift.x * zoom, y: ty - shift.y * zoom, zoom }, { duration: 200 });
      }),
    [store, rf, api, selecting],
  );
  return null;
});
