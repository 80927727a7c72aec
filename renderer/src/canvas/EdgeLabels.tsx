import { memo, useCallback, useMemo, type MouseEvent } from 'react';
import { EdgeLabelRenderer, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { EdgeLabelData } from '../flow';
import { DiagnosticBadges } from './DiagnosticBadges';

const GROUP_SEPARATOR = '\u0001';

/** The window labels are rendered for: the view plus a margin, moved in steps (not every frame). */
const STEP = 0.5;

function windowOf(s: ReactFlowState): string {
  const [tx, ty, zoom] = s.transform;
  const w = s.width / zoom;
  const h = s.height / zoom;
  const x = -tx / zoom;
  const y = -ty / zoom;
  // Quantised to half a view, so panning re-renders the layer only when it crosses a step.
  const qx = Math.floor(x / (w * STEP));
  const qy = Math.floor(y / (h * STEP));
  return `${qx},${qy},${Math.round(w)},${Math.round(h)}`;
}

/**
 * Every edge label, in one layer above the edges. One portal for all labels (instead of one
 * per edge) keeps React Flow's per-update work constant; labels outside the view are skipped.
 */
export const EdgeLabels = memo(function EdgeLabels({ labels }: { readonly labels: readonly EdgeLabelData[] }) {
  const window = useStore(windowOf);
  const api = useStoreApi();
  const visible = useMemo(() => {
    const [qx, qy, w, h] = window.split(',').map(Number) as [number, number, number, number];
    const x0 = (qx - 1) * w * STEP;
    const y0 = (qy - 1) * h * STEP;
    const x1 = x0 + w * (1 + 3 * STEP);
    const y1 = y0 + h * (1 + 3 * STEP);
    return labels.filter((l) => l.x > x0 - 300 && l.x < x1 + 300 && l.y > y0 - 100 && l.y < y1 + 100);
  }, [labels, window]);

  // Selecting through React Flow (as a click on the path does) keeps one path into the store.
  // Stable (the group comes from the element), so a label re-renders only when it changes.
  const onClick = useCallback(
    (e: MouseEvent<HTMLElement>) => {
      const group = e.currentTarget.dataset.group?.split(GROUP_SEPARATOR).filter(Boolean) ?? [];
      if (group.length === 0) return;
      e.stopPropagation();
      const rf = api.getState();
      const edges = group.map((g) => rf.edgeLookup.get(g)).filter((edge) => edge !== undefined);
      if (rf.multiSelectionActive && edges.some((edge) => edge.selected))
        rf.unselectNodesAndEdges({ nodes: [], edges });
      else rf.addSelectedEdges(group);
    },
    [api],
  );

  return (
    <EdgeLabelRenderer>
      <svg className="pl-leaders" width="1" height="1" aria-hidden="true">
        {visible.map((label) => (
          <Leader key={label.id} label={label} />
        ))}
      </svg>
      {visible.map((label) => (
        <EdgeLabel key={label.id} label={label} onClick={onClick} />
      ))}
    </EdgeLabelRenderer>
  );
});

/** A label that had to move off its curve (no room on it) is tied to it by a leader line. */
const Leader = memo(function Leader({ label }: { readonly label: EdgeLabelData }) {
  const x = Math.min(Math.max(label.anchorX, label.x - label.w / 2), label.x + label.w / 2);
  const y = Math.min(Math.max(label.anchorY, label.y - label.h / 2), label.y + label.h / 2);
  if (Math.hypot(x - label.anchorX, y - label.anchorY) <= 4) return null;
  return (
    <g className={`pl-leader pl-leader--${label.variant}`}>
      <path d={`M${label.anchorX},${label.anchorY} L${x},${y}`} />
      <circle cx={label.anchorX} cy={label.anchorY} r={2.5} />
    </g>
  );
});

const EdgeLabel = memo(function EdgeLabel({
  label,
  onClick,
}: {
  readonly label: EdgeLabelData;
  readonly onClick: (e: MouseEvent<HTMLElement>) => void;
}) {
  return (
    <div
      className={`pl-clabel pl-clabel--${label.variant}${label.selected ? ' is-selected' : ''} nodrag nopan`}
      style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
      data-testid={`edge-label-${label.id}`}
      data-edge={label.id}
      data-group={label.group.join(GROUP_SEPARATOR)}
      title={label.title}
      onClick={onClick}
    >
      <DiagnosticBadges errors={label.errors} warnings={label.warnings} />
      {label.lines.length > 0 ? (
        <span className="pl-clabel__lines">
          {label.lines.map((line) => (
            <span key={line} className="pl-clabel__line">
              {line}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
});
