import { memo } from 'react';
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { roundedPath } from '../../../shared/render/path';
import type { PortEdge as PortEdgeType } from '../flow';
import { useLivePath } from './live-paths';

/** The path drawing is shared with the exported picture (shared/render/path.ts). */
export { roundedPath };

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
