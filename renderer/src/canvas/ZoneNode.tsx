import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { ZoneNode as ZoneNodeType } from '../flow';
import { DiagnosticBadges } from './DiagnosticBadges';

/** A zone's area behind its components: one shape, the outline of the union of its rectangles. */
export const ZoneNodeView = memo(function ZoneNodeView({ id, data, width, height }: NodeProps<ZoneNodeType>) {
  return (
    <div className={`pl-zone-area pl-zone-area--${data.kind}`} data-testid={`zone-${id}`} data-zone-kind={data.kind}>
      <svg className="pl-zone-area__shape" width={width} height={height} aria-hidden="true">
        <path
          d={data.outline}
          transform={data.shape.x || data.shape.y ? `translate(${data.shape.x} ${data.shape.y})` : undefined}
        />
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
