import { memo } from 'react';
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import type { Point } from '../../../shared/diagram/types';
import type { PortEdge as PortEdgeType } from '../flow';
import { useLivePath } from './live-paths';

/** Corners of an orthogonal path are rounded by this much (less where a segment is shorter). */
const RADIUS = 6;

/** The SVG path of an orthogonal polyline with rounded corners. */
export function roundedPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const c = points[i + 1]!;
    const r = Math.min(RADIUS, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const inX = b.x - Math.sign(b.x - a.x) * r;
    const inY = b.y - Math.sign(b.y - a.y) * r;
    const outX = b.x + Math.sign(c.x - b.x) * r;
    const outY = b.y + Math.sign(c.y - b.y) * r;
    d += ` L${inX},${inY} Q${b.x},${b.y} ${outX},${outY}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L${last.x},${last.y}`;
}

/**
 * A connection (solid) or a public URL (dashed) along the path shared/diagram routed around the
 * nodes; its label is drawn by EdgeLabels in one layer above all edges. React Flow's handle
 * coordinates are not used: the path already ends at the port it names.
 */
export const PortEdgeView = memo(function PortEdgeView({
  id,
  data,
  markerEnd,
  interactionWidth,
}: EdgeProps<PortEdgeType>) {
  // During a drag, a moved edge's path comes from live-paths.ts (its props stay as they were).
  const live = useLivePath(id);
  return (
    <BaseEdge
      id={id}
      path={roundedPath(live ?? data?.points ?? [])}
      markerEnd={markerEnd}
      className={`pl-edge-path pl-edge-path--${data?.variant ?? 'link'}`}
      interactionWidth={interactionWidth}
    />
  );
});
