/**
 * What the canvas shows over the drawing: the empty canvas's invitation, the zoom controls with
 * the minimap's switch, the legend and the auto-layout buttons. None of them captures pointer
 * events over nodes (overlays.css), and every fit keeps the drawing clear of them (viewport.ts).
 */
import { memo, useCallback, useState } from 'react';
import { ControlButton, Controls, Panel } from '@xyflow/react';
import type { EditorStore } from '../store/editor';
import { arrange } from './viewport';

/** What an empty canvas says: the first step, not a verdict on a deployment that is not there. */
export function EmptyInvitation({ onStartFromTemplate }: { readonly onStartFromTemplate: (() => void) | undefined }) {
  return (
    <div className="pl-cv__empty" data-testid="canvas-empty">
      <p className="pl-cv__empty-title">Start your deployment</p>
      <p>Drag a component from the palette, or start from a template.</p>
      {onStartFromTemplate ? (
        <button
          type="button"
          className="pl-button pl-cv__empty-action"
          onClick={onStartFromTemplate}
          data-testid="empty-templates"
        >
          Choose a template
        </button>
      ) : null}
    </div>
  );
}

/** Zoom in and out, fit (clear of the overlays, like every fit), and the minimap's switch. */
export const ZoomControls = memo(function ZoomControls({
  store,
  minimap,
  onToggleMinimap,
}: {
  readonly store: EditorStore;
  readonly minimap: boolean;
  readonly onToggleMinimap: () => void;
}) {
  const onFitView = useCallback(() => store.getState().requestFit(), [store]);
  return (
    <Controls
      position="bottom-left"
      orientation="horizontal"
      showInteractive={false}
      onFitView={onFitView}
      aria-label="Zoom controls"
    >
      <ControlButton
        onClick={onToggleMinimap}
        className="pl-minimap-toggle"
        title={minimap ? 'Hide the overview map' : 'Show the overview map'}
        aria-label={minimap ? 'Hide the overview map' : 'Show the overview map'}
        aria-pressed={minimap}
        data-testid="minimap-toggle"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="10" rx="1.5" strokeWidth="1.4" />
          <rect x="4" y="5.5" width="5" height="4" rx="0.5" className="pl-minimap-toggle__view" />
        </svg>
      </ControlButton>
    </Controls>
  );
});

/** The auto-layout buttons, top right. */
export const Toolbar = memo(function Toolbar({ store }: { readonly store: EditorStore }) {
  return (
    <>
      <Panel position="top-left" className="pl-cv-legend-panel">
        <Legend />
      </Panel>
      <Panel position="top-right" className="pl-canvas-toolbar">
        <LayoutButtons store={store} />
      </Panel>
    </>
  );
});

/** What the two line styles mean. It holds no control and lets every pointer through. */
function Legend() {
  return (
    <div className="pl-cv-legend" aria-label="Legend" role="group">
      <span className="pl-cv-legend__item">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="28" y2="4" className="pl-cv-legend__link" />
        </svg>
        Connection
      </span>
      <span className="pl-cv-legend__item">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="28" y2="4" className="pl-cv-legend__route" />
        </svg>
        Public URL
      </span>
    </div>
  );
}

/** Auto-layout: the components that are not placed yet, or all of them. */
export function LayoutButtons({ store }: { readonly store: EditorStore }) {
  const [busy, setBusy] = useState(false);
  const run = (all: boolean) => {
    setBusy(true);
    void arrange(store, all).finally(() => setBusy(false));
  };
  return (
    <div className="pl-canvas-layout" role="group" aria-label="Auto-layout">
      <button
        type="button"
        className="pl-canvas-layout__button"
        onClick={() => run(false)}
        disabled={busy}
        title="Arrange the components that are not placed yet (new, or on top of another)"
        data-testid="layout-new"
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <rect x="1.5" y="2" width="5" height="4" rx="1" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <rect x="9.5" y="10" width="5" height="4" rx="1" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M6.5 4h2.5v8h0.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
        </svg>
        Arrange new
      </button>
      <button
        type="button"
        className="pl-canvas-layout__button"
        onClick={() => run(true)}
        disabled={busy}
        title="Lay out every component again, left to right"
        data-testid="layout-all"
      >
        Arrange all
      </button>
    </div>
  );
}
