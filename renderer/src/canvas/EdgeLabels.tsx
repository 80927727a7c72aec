import { memo, useCallback, useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { useStore, type ReactFlowState } from '@xyflow/react';
import type { EdgeLabelData } from '../flow';
import { DiagnosticBadges } from './DiagnosticBadges';
import type { SelectEdge } from './EdgeLayer';
import { liveLabels } from './live-paths';
import { inWindow, windowBounds, windowKey } from './view-window';

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
  onSelect,
}: {
  readonly labels: readonly EdgeLabelData[];
  readonly moving?: string;
  /** A click on a label selects its edge, as a click on the edge does. */
  readonly onSelect: SelectEdge;
}) {
  const key = useStore(windowKey);
  const domNode = useStore(domNodeOf);
  const layer = useMemo(
    () => domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null,
    [domNode],
  );
  const visible = useMemo(() => {
    const bounds = windowBounds(key);
    const pinned = moving === '' ? null : new Set(moving.split('\n'));
    return labels.filter((l) => inWindow(bounds, l.x, l.y, l.w, l.h) || pinned?.has(l.id) === true);
  }, [labels, key, moving]);

  // The same selection as a click on the edge's path. Stable (the edge id comes from the
  // element), so a label re-renders only when it changes.
  const onClick = useCallback(
    (e: MouseEvent<HTMLElement>) => {
      const id = e.currentTarget.dataset.edge;
      if (!id) return;
      e.stopPropagation();
      onSelect(id, 'click');
    },
    [onSelect],
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
  // A drag moves the label by a transform from where its props place it, without a render:
  // no layout, and the label is a paint layer of its own while it moves, so the layer of all
  // labels is not painted again on every frame (as moving it by its margins did). Only the few
  // moved labels carry a transform, and only during the drag; afterwards its props place it.
  useLayoutEffect(
    () =>
      liveLabels.attach(label.id, (at) => {
        const style = element.current?.style;
        if (!style) return;
        style.transform = at ? `translate(${at.x - label.x}px, ${at.y - label.y}px)` : '';
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
