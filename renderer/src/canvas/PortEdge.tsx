import { memo, useLayoutEffect, useRef } from 'react';
import { roundedPath } from '../../../shared/render/path';
import type { PortEdge as PortEdgeType } from '../flow';
import { livePaths } from './live-paths';

/** The path drawing is shared with the exported picture (shared/render/path.ts). */
export { roundedPath };

/**
 * A connection (solid) or a public URL (dashed) along the path shared/diagram routed around the
 * nodes; its label is drawn by EdgeLabels in one layer above all edges. Drawn by EdgeLayer in
 * its one SVG, with React Flow's markup for an edge (the `g` with its classes, data and ARIA
 * attributes, the drawn path and a wide transparent one that takes the pointer), so React
 * Flow's edge styles, the canvas's and the tests' selectors apply unchanged. Pointer and
 * keyboard events are handled by the layer, for all edges at once.
 *
 * The two paths are held so a drag can move them without a render (live-paths.ts).
 */
export const PortEdgeView = memo(function PortEdgeView({
  edge,
  describedBy,
}: {
  readonly edge: PortEdgeType;
  /** The id of React Flow's description of edges for assistive technology. */
  readonly describedBy: string;
}) {
  const { id, data } = edge;
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
  const marker = typeof edge.markerEnd === 'string' ? `url('#${edge.markerEnd}')` : undefined;
  return (
    <g
      className={`react-flow__edge react-flow__edge-port ${edge.className ?? ''} nopan${edge.selected ? ' selected' : ''} selectable`}
      tabIndex={0}
      role="group"
      aria-roledescription="edge"
      aria-label={edge.ariaLabel ?? undefined}
      aria-describedby={describedBy}
      data-id={id}
      data-testid={`rf__edge-${id}`}
    >
      <path
        ref={drawn}
        id={id}
        d={path}
        fill="none"
        className={`react-flow__edge-path pl-edge-path pl-edge-path--${data?.variant ?? 'link'}`}
        markerEnd={marker}
      />
      {edge.interactionWidth ? (
        <path
          ref={hit}
          d={path}
          fill="none"
          strokeOpacity={0}
          strokeWidth={edge.interactionWidth}
          className="react-flow__edge-interaction"
        />
      ) : null}
    </g>
  );
});
