import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { ZoneNode as ZoneNodeType } from '../flow';
import { DiagnosticBadges } from './DiagnosticBadges';

/**
 * A zone's area behind its components: one shape, the outline of the union of its rectangles.
 * Sized from the node's declared size: React Flow's own element for it stays 0×0 (see flow.ts).
 */
export const ZoneNodeView = memo(function ZoneNodeView({ id, data, width, height }: NodeProps<ZoneNodeType>) {
  return (
    <div
      className={`pl-zone-area pl-zone-area--${data.kind}`}
      style={{ width, height }}
      data-testid={`zone-${id}`}
      data-zone-kind={data.kind}
    >
      <svg className="pl-zone-area__shape" width={width} height={height} aria-hidden="true">
        <path d={data.outline} />
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
