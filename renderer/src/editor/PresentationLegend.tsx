import { useMemo } from 'react';
import type { TrafficFlow } from '../../../shared/diagram/flows';
import type { Project } from '../../../shared/model/types';
import type { PictureProblem } from '../../../shared/render/types';
import { presentationLegend, type PresentationLegendItem } from './presentation-legend';
import { LockIcon } from './PresentationOverlay';

/**
 * The presentation's legend, bottom left: the entries an exported picture's legend would have
 * (presentation-legend.ts), drawn in the canvas's own colours.
 */
export function PresentationLegend({
  project,
  flows,
  problems,
}: {
  readonly project: Project;
  readonly flows: readonly TrafficFlow[];
  /** The badges shown; undefined when they are hidden. */
  readonly problems: readonly PictureProblem[] | undefined;
}) {
  const items = useMemo(() => presentationLegend(project, flows, problems), [project, flows, problems]);
  if (items.length === 0) return null;
  return (
    <section className="pl-present-legend" aria-label="Legend" data-canvas-overlay data-testid="presentation-legend">
      {items.map((entry) => (
        <span key={keyOf(entry)} className="pl-present-legend__item">
          <Symbol entry={entry} />
          {entry.text}
        </span>
      ))}
    </section>
  );
}

const keyOf = ({ item }: PresentationLegendItem) => (item.kind === 'zone' ? `zone-${item.zone}` : item.kind);

function Line({ variant }: { readonly variant: 'link' | 'route' | 'highlight' }) {
  return (
    <svg width="26" height="10" viewBox="0 0 26 10" aria-hidden="true">
      <line x1="1" y1="5" x2="25" y2="5" className={`pl-present-legend__line pl-present-legend__line--${variant}`} />
    </svg>
  );
}

function Symbol({ entry }: { readonly entry: PresentationLegendItem }) {
  const { item } = entry;
  switch (item.kind) {
    case 'link':
    case 'route':
    case 'highlight':
      return <Line variant={item.kind} />;
    case 'zone':
      return (
        <span className={`pl-present-legend__swatch pl-present-legend__swatch--${item.zone}`} aria-hidden="true" />
      );
    case 'host':
      // A host region as the canvas draws it (canvas.css .pl-host__region), in the first host's colour.
      return (
        <svg width="26" height="14" viewBox="0 0 26 14" aria-hidden="true">
          <rect
            x="1"
            y="1"
            width="24"
            height="12"
            rx="4"
            fill="var(--host-0)"
            fillOpacity="0.08"
            stroke="var(--host-0)"
            strokeWidth="1.75"
          />
        </svg>
      );
    case 'replicas':
      return <span className="pl-present-legend__stack" aria-hidden="true" />;
    case 'tls':
      return (
        <span className="pl-present-legend__lock">
          <LockIcon />
        </span>
      );
    case 'error':
    case 'warning':
      return <span className={`pl-present-legend__badge pl-present-legend__badge--${item.kind}`} aria-hidden="true" />;
  }
}
