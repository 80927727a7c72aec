import { memo } from 'react';
import { EDGE_MARKERS } from './markers';

/**
 * The arrowhead definitions the edges refer to (markers.ts): React Flow's closed arrow, 16 × 16
 * in stroke widths, markup for markup, in an SVG that takes no room.
 */
export const EdgeMarkers = memo(function EdgeMarkers() {
  return (
    <svg className="react-flow__marker pl-edge-markers" aria-hidden="true">
      <defs>
        {EDGE_MARKERS.map(({ id, color }) => (
          <marker
            key={id}
            className="react-flow__arrowhead"
            id={id}
            markerWidth="16"
            markerHeight="16"
            viewBox="-10 -10 20 20"
            markerUnits="strokeWidth"
            orient="auto-start-reverse"
            refX="0"
            refY="0"
          >
            <polyline
              className="arrowclosed"
              style={{ strokeWidth: 1, stroke: color, fill: color }}
              strokeLinecap="round"
              strokeLinejoin="round"
              points="-5,-4 0,0 -5,4 -5,-4"
            />
          </marker>
        ))}
      </defs>
    </svg>
  );
});
