import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { ZoneNode as ZoneNodeType } from '../flow';
import { DiagnosticBadges } from './DiagnosticBadges';

const RADIUS = 12;

/**
 * A zone's area behind its components: the union of its rectangles. Every rectangle is stroked
 * first and then filled with an opaque tint on top, so the inner halves of the strokes (where
 * rectangles overlap) disappear and only the outline of the union remains.
 */
export const ZoneNodeView = memo(function ZoneNodeView({ id, data, width, height }: NodeProps<ZoneNodeType>) {
  return (
    <div className={`pl-zone-area pl-zone-area--${data.kind}`} data-testid={`zone-${id}`} data-zone-kind={data.kind}>
      <svg className="pl-zone-area__shape" width={width} height={height} aria-hidden="true">
        <g className="pl-zone-area__outline">
          {data.rects.map((r, i) => (
            <rect key={i} x={r.x} y={r.y} width={r.w} height={r.h} rx={RADIUS} />
          ))}
        </g>
        <g className="pl-zone-area__fill">
          {data.rects.map((r, i) => (
            <rect key={i} x={r.x} y={r.y} width={r.w} height={r.h} rx={RADIUS} />
          ))}
        </g>
      </svg>
      <span
        className="pl-zone-area__label"
        style={{ left: data.label.x, top: data.label.y, height: data.label.h }}
        data-testid="zone-label"
      >
        {data.name}
        <DiagnosticBadges errors={data.errors} warnings={data.warnings} />
      </span>
    </div>
  );
});
