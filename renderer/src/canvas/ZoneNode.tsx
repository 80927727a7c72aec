import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { ZoneNode as ZoneNodeType } from '../flow';
import { DiagnosticBadges } from './DiagnosticBadges';

/**
 * A zone's region behind its members: one rectangle (shared/diagram/zones), titled at its
 * top-left. Sized from the node's declared size: React Flow's own element stays 0×0 (flow.ts).
 */
export const ZoneNodeView = memo(function ZoneNodeView({ id, data, width, height }: NodeProps<ZoneNodeType>) {
  return (
    <div
      className={`pl-zone-area pl-zone-area--${data.kind}`}
      style={{ width, height }}
      data-testid={`zone-${id}`}
      data-zone-kind={data.kind}
      data-zone-part={data.part}
    >
      <span
        className="pl-zone-area__label"
        style={{ left: data.title.x, top: data.title.y, height: data.title.h, maxWidth: data.title.w }}
        data-testid="zone-label"
      >
        {data.name}
        <DiagnosticBadges errors={data.errors} warnings={data.warnings} />
      </span>
    </div>
  );
}, sameRegion);

/** Whether a region draws the same: its position is React Flow's to place, not the content's. */
function sameRegion(a: NodeProps<ZoneNodeType>, b: NodeProps<ZoneNodeType>): boolean {
  return a.id === b.id && a.data === b.data && a.width === b.width && a.height === b.height;
}
