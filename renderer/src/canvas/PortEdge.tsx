import { memo } from 'react';
import { BaseEdge, Position, type EdgeProps } from '@xyflow/react';
import type { PortEdge as PortEdgeType } from '../flow';
import { edgeGeometry, type Side } from './geometry';

const side = (p: Position): Side => (p === Position.Right ? 'right' : 'left');

/**
 * A connection (solid) or the public routes of an entry point to one port (dashed). The curve
 * comes from canvas/geometry, the same math `flow.ts` used to place the label (drawn by
 * EdgeLabels, in one layer above all edges). A label that had to move off its curve is tied
 * to it by a short leader line.
 */
export const PortEdgeView = memo(function PortEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  markerEnd,
  interactionWidth,
}: EdgeProps<PortEdgeType>) {
  const spot = data?.label ?? null;
  const { path, label: anchor } = edgeGeometry(
    { x: sourceX, y: sourceY, side: side(sourcePosition) },
    { x: targetX, y: targetY, side: side(targetPosition) },
    spot?.t ?? 0.5,
  );
  const variant = data?.variant ?? 'link';
  let leader: string | null = null;
  if (spot) {
    const x = Math.min(Math.max(anchor.x, spot.x - spot.w / 2), spot.x + spot.w / 2);
    const y = Math.min(Math.max(anchor.y, spot.y - spot.h / 2), spot.y + spot.h / 2);
    if (Math.hypot(x - anchor.x, y - anchor.y) > 4) leader = `M${anchor.x},${anchor.y} L${x},${y}`;
  }
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`pl-edge-path pl-edge-path--${variant}`}
        interactionWidth={interactionWidth}
      />
      {leader ? (
        <>
          <path d={leader} className={`pl-leader pl-leader--${variant}`} />
          <circle cx={anchor.x} cy={anchor.y} r={2.5} className={`pl-leader-dot pl-leader--${variant}`} />
        </>
      ) : null}
    </>
  );
});
