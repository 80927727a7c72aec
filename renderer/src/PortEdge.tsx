import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, Position, type EdgeProps } from '@xyflow/react';
import type { PortEdge as PortEdgeType } from './flow';

const CURVATURE = 0.25;

/** Same control-point rule as React Flow's bezier edges, so the label sits on the drawn curve. */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
}

function control(pos: Position, x1: number, y1: number, x2: number, y2: number): [number, number] {
  switch (pos) {
    case Position.Left:
      return [x1 - controlOffset(x1 - x2), y1];
    case Position.Right:
      return [x1 + controlOffset(x2 - x1), y1];
    case Position.Top:
      return [x1, y1 - controlOffset(y1 - y2)];
    case Position.Bottom:
      return [x1, y1 + controlOffset(y2 - y1)];
  }
}

/** The point at `t` (0 = source, 1 = target) on React Flow's bezier between two handles. */
export function bezierPointAt(
  t: number,
  s: { x: number; y: number; pos: Position },
  d: { x: number; y: number; pos: Position },
): { x: number; y: number } {
  const [c1x, c1y] = control(s.pos, s.x, s.y, d.x, d.y);
  const [c2x, c2y] = control(d.pos, d.x, d.y, s.x, s.y);
  const u = 1 - t;
  const x = u * u * u * s.x + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * d.x;
  const y = u * u * u * s.y + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * d.y;
  return { x, y };
}

type End = { x: number; y: number; pos: Position };

/** The point `distance` canvas pixels (measured along the curve) before the target. */
export function bezierPointBeforeTarget(distance: number, s: End, d: End): { x: number; y: number } {
  const steps = 64;
  let prev = bezierPointAt(1, s, d);
  let travelled = 0;
  for (let i = steps - 1; i >= 0; i--) {
    const p = bezierPointAt(i / steps, s, d);
    const seg = Math.hypot(p.x - prev.x, p.y - prev.y);
    if (travelled + seg >= distance) {
      const k = seg === 0 ? 0 : (distance - travelled) / seg;
      return { x: prev.x + (p.x - prev.x) * k, y: prev.y + (p.y - prev.y) * k };
    }
    travelled += seg;
    prev = p;
  }
  // Shorter than `distance`: the middle of the curve.
  return bezierPointAt(0.5, s, d);
}

/**
 * A connection or a public route. Its label is placed along the curve where it belongs: a link's
 * port name near the target (the port is on that side), a route's URL near the entry point.
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
  style,
}: EdgeProps<PortEdgeType>) {
  const [path] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    curvature: CURVATURE,
  });
  const source = { x: sourceX, y: sourceY, pos: sourcePosition };
  const target = { x: targetX, y: targetY, pos: targetPosition };
  const at = data?.labelAt ?? { fraction: 0.5 };
  const point =
    'fromTarget' in at
      ? bezierPointBeforeTarget(at.fromTarget, source, target)
      : bezierPointAt(at.fraction, source, target);
  const variant = data?.variant ?? 'link';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={style}
        className={`pl-edge-path pl-edge-path--${variant}`}
      />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div
            className={`pl-edge-label pl-edge-label--${variant}`}
            style={{ transform: `translate(-50%, -50%) translate(${point.x}px, ${point.y}px)` }}
            data-testid={`edge-label-${id}`}
            title={data.title}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
