import { memo } from 'react';
import { BaseEdge, Position, type EdgeProps } from '@xyflow/react';
import type { PortEdge as PortEdgeType } from '../flow';
import { edgeGeometry, type Side } from './geometry';

const side = (p: Position): Side => (p === Position.Right ? 'right' : 'left');

/**
 * A connection (solid) or the public routes of an entry point to one port (dashed). The curve
 * comes from canvas/geometry, the same math `flow.ts` used to place the edge's label, which
 * EdgeLabels draws in one layer above all edges.
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
  const { path } = edgeGeometry(
    { x: sourceX, y: sourceY, side: side(sourcePosition) },
    { x: targetX, y: targetY, side: side(targetPosition) },
  );
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      className={`pl-edge-path pl-edge-path--${data?.variant ?? 'link'}`}
      interactionWidth={interactionWidth}
    />
  );
});
