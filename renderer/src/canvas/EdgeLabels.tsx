import { memo, useCallback, useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { EdgeLabelData } from '../flow';
import { DiagnosticBadges } from './DiagnosticBadges';
import { liveLabels } from './live-paths';

/**
 * The window labels are rendered for: the view plus a margin, moved in steps (not every frame).
 * An eighth of the view: the layer holds little more than what is in view (every label drawn
 * costs every frame's paint, compositing and hit tests, in view or not), and a pan re-renders
 * it only a few times.
 */
const STEP = 0.125;

function windowOf(s: ReactFlowState): string {
  const [tx, ty, zoom] = s.transform;
  const w = s.width / zoom;
  const h = s.height / zoom;
  const x = -tx / zoom;
  const y = -ty / zoom;
  // Quantised to a step of the view, so panning re-renders the layer only when it crosses one.
  const qx = Math.floor(x / (w * STEP));
  const qy = Math.floor(y / (h * STEP));
  return `${qx},${qy},${Math.round(w)},${Math.round(h)}`;
}

const domNodeOf = (s: ReactFlowState) => s.domNode;

/**
 * Every edge label, one per link or route, in one layer above the edges. One portal for all labels (instead of one
 * per edge) keeps React Flow's per-update work constant; labels outside the view are skipped.
 * The portal's target is looked up once per canvas, not on every store update as React Flow's
 * EdgeLabelRenderer does (a querySelector over the whole canvas on every drag and pan frame).
 *
 * During a drag `labels` stays the drawing's before it, and the moved labels (`moving`, their
 * edge ids one per line: equal from frame to frame) are placed from live-paths.ts; they are
 * rendered even when they were outside the view at the start.
 */
export const EdgeLabels = memo(function EdgeLabels({
  labels,
  moving = '',
}: {
  readonly labels: readonly EdgeLabelData[];
  readonly moving?: string;
}) {
  const window = useStore(windowOf);
  const domNode = useStore(domNodeOf);
  const layer = useMemo(
    () => domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null,
    [domNode],
  );
  const api = useStoreApi();
  const visible = useMemo(() => {
    const [qx, qy, w, h] = window.split(',').map(Number) as [number, number, number, number];
    const x0 = (qx - 1) * w * STEP;
    const y0 = (qy - 1) * h * STEP;
    const x1 = x0 + w * (1 + 3 * STEP);
    const y1 = y0 + h * (1 + 3 * STEP);
    const pinned = moving === '' ? null : new Set(moving.split('\n'));
    return labels.filter(
      (l) => (l.x + l.w > x0 && l.x < x1 && l.y + l.h > y0 && l.y < y1) || pinned?.has(l.id) === true,
    );
  }, [labels, window, moving]);

  // Selecting through React Flow (as a click on the path does) keeps one path into the store.
  // Stable (the edge id comes from the element), so a label re-renders only when it changes.
  const onClick = useCallback(
    (e: MouseEvent<HTMLElement>) => {
      const id = e.currentTarget.dataset.edge;
      if (!id) return;
      e.stopPropagation();
      const rf = api.getState();
      const edge = rf.edgeLookup.get(id);
      if (!edge) return;
      if (rf.multiSelectionActive && edge.selected) rf.unselectNodesAndEdges({ nodes: [], edges: [edge] });
      else rf.addSelectedEdges([id]);
    },
    [api],
  );

  if (!layer) return null;
  return createPortal(
    visible.map((label) => <EdgeLabel key={label.id} label={label} onClick={onClick} />),
    layer,
  );
});

const EdgeLabel = memo(function EdgeLabel({
  label,
  onClick,
}: {
  readonly label: EdgeLabelData;
  readonly onClick: (e: MouseEvent<HTMLElement>) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  // A drag moves the label by its margins, without a render; afterwards its props place it again.
  useLayoutEffect(
    () =>
      liveLabels.attach(label.id, (at) => {
        const style = element.current?.style;
        if (!style) return;
        style.marginLeft = `${(at ?? label).x}px`;
        style.marginTop = `${(at ?? label).y}px`;
      }),
    [label],
  );
  return (
    <div
      ref={element}
      className={`pl-clabel pl-clabel--${label.variant}${label.selected ? ' is-selected' : ''}${label.clip ? ' pl-clabel--clip' : ''} nodrag nopan`}
      // The box shared/diagram placed it in: the label never grows past what the geometry reserved.
      // Placed by its margins in the layer's grid (canvas.css), not by a transform or left/top:
      // a transform gives every label a paint property node, a position a paint layer, and
      // hundreds of either made each frame's compositing and hit tests several times the bare
      // React Flow page's (bench/canvas).
      style={{ marginLeft: label.x, marginTop: label.y, width: label.w, height: label.h }}
      data-testid={`edge-label-${label.id}`}
      data-edge={label.id}
      title={label.title}
      onClick={onClick}
    >
      <DiagnosticBadges errors={label.errors} warnings={label.warnings} />
      <span className="pl-clabel__text">{label.text}</span>
    </div>
  );
});
