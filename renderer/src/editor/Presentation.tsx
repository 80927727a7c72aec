import { useEditor } from '../store/context';

/**
 * Presentation mode's only chrome: the deployment's name and the way out, floating over the
 * diagram so the customer sees the deployment and nothing of the editor.
 */
export function PresentationBar() {
  const name = useEditor((s) => s.project?.meta.name ?? '');
  const setPresenting = useEditor((s) => s.setPresenting);
  return (
    <div
      className="pl-present"
      role="toolbar"
      aria-label="Presentation"
      data-testid="presentation-bar"
      // The canvas fits the diagram clear of it, like the overlays inside React Flow.
      data-canvas-overlay
    >
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
