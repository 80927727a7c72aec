import { useReactFlow } from '@xyflow/react';
import { memo, useEffect } from 'react';
import { useEditor, useEditorStore } from '../store/context';
import type { EditorStore } from '../store/editor';
import { fitOptionsFor } from './layout';

/**
 * Presentation mode's only chrome: the deployment's name and the way out, floating over the
 * diagram so the customer sees the deployment and nothing of the editor.
 */
export function PresentationBar() {
  const name = useEditor((s) => s.project?.meta.name ?? '');
  const setPresenting = useEditor((s) => s.setPresenting);
  return (
    <div className="pl-present" role="toolbar" aria-label="Presentation" data-testid="presentation-bar">
      <span className="pl-present__name">{name}</span>
      <button
        type="button"
        className="pl-button pl-button--quiet"
        onClick={() => setPresenting(false)}
        aria-keyshortcuts="Escape"
        data-testid="exit-presentation"
        autoFocus
      >
        Exit presentation <kbd className="pl-kbd">Esc</kbd>
      </button>
    </div>
  );
}

/**
 * Fits the diagram to the canvas whenever a panel folds or opens or presentation starts or
 * ends (the canvas changed size, and the architect folded the panel to see more of the
 * diagram), and whenever a fit is asked for (menu, command palette).
 */
export const FitOnLayoutChange = memo(function FitOnLayoutChange() {
  const store: EditorStore = useEditorStore();
  const rf = useReactFlow();
  useEffect(() => {
    let frame = 0;
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.layout === prev.layout && state.fitRequests === prev.fitRequests) return;
      cancelAnimationFrame(frame);
      // Two frames: the grid reflows first, then React Flow measures its new size.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => void rf.fitView(fitOptionsFor(store.getState().layout.presenting)));
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, rf]);
  return null;
});
