/**
 * The arrowheads edges end in, by id. React Flow builds marker definitions from marker objects
 * by walking every edge and naming each marker from its sorted keys whenever the edges change
 * (each drop, at 2,000 components tens of milliseconds); edges that name a marker by a string
 * skip that, and EdgeMarkers.tsx defines the two once.
 */
export const LINK_MARKER_ID = 'pl-arrow-link';
export const ROUTE_MARKER_ID = 'pl-arrow-route';

/** Each arrowhead's id and colour (what React Flow drew for `{ type: 'arrowclosed', width: 16, height: 16, color }`). */
export const EDGE_MARKERS = [
  { id: LINK_MARKER_ID, color: 'var(--edge-link)' },
  { id: ROUTE_MARKER_ID, color: 'var(--edge-route)' },
] as const;
