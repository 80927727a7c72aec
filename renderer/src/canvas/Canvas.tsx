import {
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
  MiniMap,
  ReactFlow,
  SelectionMode,
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
import { createFlowMapper, NODE_HEIGHT, NODE_WIDTH, type CanvasNode, type FlowGraph, type PortEdge } from '../flow';
import { useEditor, useEditorStore } from '../store/context';
import type { Selection } from '../store/editor';
import { ComponentNodeView } from './ComponentNode';
import { connectedEdges, selectEdge } from './edge-selection';
import { EdgeLayer, type SelectEdge } from './EdgeLayer';
import { HostLayer } from './HostLayer';
import { createDropRouter, routesAway } from './drop-routing';
import type { RoutedDrop } from './flow-drop';
import { liveLabels, livePaths } from './live-paths';
import { EdgeMarkers } from './EdgeMarkers';
import { EdgeLabels } from './EdgeLabels';
import { GRID, snap } from './geometry';
import { DROP_MIME, MINIMAP_KEY, minimapShownInitially } from './viewport';
import { ZoneNodeView } from './ZoneNode';
import { EmptyInvitation, Toolbar, ZoomControls } from './CanvasOverlays';
import { KeepMinimapClear, RevealSelection, ViewFit } from './ViewSync';
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
  // A large drop is routed in a worker (drop-routing.ts): meanwhile the mapper draws it
  // provisionally and names its plan (`graph.dropRoute`); the answer comes back through here.
  const [routeDrop] = useState(createDropRouter);
  const [routedDrop, setRoutedDrop] = useState<RoutedDrop | null>(null);
  const graph = useMemo(
    () =>
      project === null
        ? EMPTY
        : mapper({
            project,
            diagnostics,
            selection,
            routeDrop: routesAway,
            ...(dragMoves ? { moves: dragMoves } : {}),
            ...(dropped ? { dropped } : {}),
            ...(routedDrop ? { routedDrop } : {}),
          }),
    [mapper, project, diagnostics, selection, dragMoves, dropped, routedDrop],
  );
  const dropRoute = graph.dropRoute;
  useEffect(() => {
    if (!dropRoute) return;
    // An answer for a drop another document (undo, an edit, the next drop) replaced is dropped.
    let wanted = true;
    void routeDrop(dropRoute.routing).then((routes) => {
      if (wanted) setRoutedDrop({ plan: dropRoute, routes });
    });
    return () => {
      wanted = false;
    };
  }, [routeDrop, dropRoute]);
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

  // While the view moves (pan, zoom, a fit), the viewport is its own compositor layer, so a pan
  // frame moves pixels already drawn instead of painting every node, edge and label again. Only
  // while it moves: a layer rasterised at one zoom would stay blurred at the next.
  const section = useRef<HTMLElement | null>(null);
  const onMoveStart = useCallback(() => section.current?.classList.add('pl-cv--moving'), []);
  const onMoveEnd = useCallback(() => section.current?.classList.remove('pl-cv--moving'), []);

  return (
    <section
      ref={section}
      className={`pl-cv${fitted ? '' : ' pl-cv--fitting'}`}
      aria-label="Diagram"
      // Busy while a drop's routes are being found: the picture is provisional until they come.
      aria-busy={dropRoute ? true : undefined}
      data-testid="canvas"
    >
      <ReactFlow<CanvasNode, PortEdge>
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
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
        <HostLayer hosts={graph.hosts} />
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
