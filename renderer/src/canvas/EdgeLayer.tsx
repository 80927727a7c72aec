import { memo, useCallback, useMemo, type KeyboardEvent, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { useStore, type ReactFlowState } from '@xyflow/react';
import type { PortEdge } from '../flow';
import type { EdgeGesture } from './edge-selection';
import { PortEdgeView } from './PortEdge';
import { inWindow, windowBounds, windowKey } from './view-window';

/** What the layer asks of the canvas when an edge is clicked or chosen from the keyboard. */
export type SelectEdge = (edgeId: string, gesture: EdgeGesture) => void;

interface Extent {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Each edge's extent, computed once per edge object (an edge object never changes). */
const extents = new WeakMap<PortEdge, Extent>();

function extentOf(edge: PortEdge): Extent {
  let box = extents.get(edge);
  if (box) return box;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of edge.data?.points ?? []) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  // An edge without points draws nothing: an empty box nowhere.
  box = x0 <= x1 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : { x: 0, y: 0, w: -1, h: -1 };
  extents.set(edge, box);
  return box;
}

const domNodeOf = (s: ReactFlowState) => s.domNode;
const rfIdOf = (s: ReactFlowState) => s.rfId;

/** React Flow's keys for selecting (Enter, Space) and deselecting (Escape) a focused element. */
const KEY_GESTURES: Readonly<Record<string, EdgeGesture>> = { Enter: 'select', ' ': 'select', Escape: 'unselect' };

/**
 * Every edge in one SVG, where React Flow draws its edges (its `.react-flow__edges` layer),
 * instead of one React Flow edge per link and route. React Flow's edge per element costs, on
 * every store update (each frame of a drag or pan), a visibility test of every edge of the
 * document and a position lookup per rendered edge, plus an SVG element of its own per edge;
 * here the canvas hands React Flow no edges, and this layer renders the edges near the view
 * (re-rendering only when the view crosses a step, view-window.ts), each a memoised element
 * that re-renders only when its own edge object changes. Clicks and keys are handled here for
 * all edges (by the element's `data-id`), and the canvas turns them into selections.
 *
 * During a drag `edges` stays the drawing's before it; the moved edges (`moving`, their ids one
 * per line: equal from frame to frame) move by live-paths.ts and are rendered even when they
 * were outside the view at the start.
 */
export const EdgeLayer = memo(function EdgeLayer({
  edges,
  moving = '',
  onSelect,
}: {
  readonly edges: readonly PortEdge[];
  readonly moving?: string;
  readonly onSelect: SelectEdge;
}) {
  const key = useStore(windowKey);
  const domNode = useStore(domNodeOf);
  const rfId = useStore(rfIdOf);
  const layer = useMemo(() => domNode?.querySelector<HTMLElement>('.react-flow__edges') ?? null, [domNode]);
  const visible = useMemo(() => {
    const bounds = windowBounds(key);
    const pinned = moving === '' ? null : new Set(moving.split('\n'));
    return edges.filter((e) => {
      const b = extentOf(e);
      return inWindow(bounds, b.x, b.y, b.w, b.h) || pinned?.has(e.id) === true;
    });
  }, [edges, key, moving]);

  const onClick = useCallback(
    (e: MouseEvent<SVGSVGElement>) => {
      const id = edgeIdAt(e.target);
      if (id !== null) onSelect(id, 'click');
    },
    [onSelect],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent<SVGSVGElement>) => {
      const gesture = KEY_GESTURES[e.key];
      const target = e.target as Element;
      // Only keys on the edge itself (focused), as React Flow's own edges listen.
      if (!gesture || !target.matches('.react-flow__edge')) return;
      const id = target.getAttribute('data-id');
      if (id === null) return;
      if (gesture === 'unselect') (target as SVGGElement).blur();
      onSelect(id, gesture);
    },
    [onSelect],
  );

  if (!layer) return null;
  const describedBy = `react-flow__edge-desc-${rfId}`;
  return createPortal(
    // z-index 0, as React Flow gives each edge's SVG: above the zones (-1), below the labels and components.
    <svg className="pl-edge-layer" style={EDGE_LAYER_STYLE} onClick={onClick} onKeyDown={onKeyDown}>
      {visible.map((edge) => (
        <PortEdgeView key={edge.id} edge={edge} describedBy={describedBy} />
      ))}
    </svg>,
    layer,
  );
});

const EDGE_LAYER_STYLE = { zIndex: 0 } as const;

/** The id of the edge an event happened on (its `g`), or null. */
function edgeIdAt(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  return target.closest('.react-flow__edge')?.getAttribute('data-id') ?? null;
}
