import { memo, useLayoutEffect, useRef } from 'react';
import type { EdgeProps } from '@xyflow/react';
import { roundedPath } from '../../../shared/render/path';
import type { PortEdge as PortEdgeType } from '../flow';
import { livePaths } from './live-paths';

/** The path drawing is shared with the exported picture (shared/render/path.ts). */
export { roundedPath };

/**
 * A connection (solid) or a public URL (dashed) along the path shared/diagram routed around the
 * nodes; its label is drawn by EdgeLabels in one layer above all edges. React Flow's handle
 * coordinates are not used: the path already ends at the port it names.
 *
 * The markup is React Flow's BaseEdge (the drawn path, and a wide transparent one that takes
 * the pointer), with the two elements held so a drag can move the path without a render.
 */
export const PortEdgeView = memo(function PortEdgeView({
  id,
  data,
  markerEnd,
  interactionWidth,
}: EdgeProps<PortEdgeType>) {
  const path = roundedPath(data?.points ?? []);
  const drawn = useRef<SVGPathElement>(null);
  const hit = useRef<SVGPathElement>(null);
  // During a drag a moved edge's path comes from live-paths.ts (its props stay as they were);
  // afterwards its own path goes back, before the drop's geometry is rendered.
  useLayoutEffect(
    () =>
      livePaths.attach(id, (points) => {
        const d = points ? roundedPath(points) : path;
        drawn.current?.setAttribute('d', d);
        hit.current?.setAttribute('d', d);
      }),
    [id, path],
  );
  return (
    <>
      <path
        ref={drawn}
        id={id}
        d={path}
        fill="none"
        className={`react-flow__edge-path pl-edge-path pl-edge-path--${data?.variant ?? 'link'}`}
        markerEnd={markerEnd}
      />
      {interactionWidth ? (
        <path
          ref={hit}
          d={path}
          fill="none"
          strokeOpacity={0}
          strokeWidth={interactionWidth}
          className="react-flow__edge-interaction"
        />
      ) : null}
    </>
  );
});
