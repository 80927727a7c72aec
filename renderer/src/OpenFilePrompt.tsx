import { useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useModal } from './modal';

/**
 * Browsers open a file chooser only in answer to a user gesture, and Ctrl+O does not count
 * (it is the browser's own shortcut). When Open comes from it, this one-button dialog turns
 * the next click or Enter into that gesture.
 */
export function OpenFilePrompt({
  onChoose,
  onCancel,
}: {
  readonly onChoose: () => void;
  readonly onCancel: () => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const choose = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const onKeyDown = useModal(root, onCancel, choose);
  return createPortal(
    <div className="pl-overlay pl-overlay--center">
      <div
        ref={root}
        className="pl-confirm"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="open-file-prompt"
      >
        <h2 id={titleId} className="pl-confirm__title">
          Open a project file
        </h2>
        <p className="pl-confirm__body">Choose a Portolan project (*.portolan.yaml) from your computer.</p>
        <div className="pl-confirm__actions">
          <span className="pl-confirm__spacer" />
          <button type="button" className="pl-button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            ref={choose}
            className="pl-button pl-button--primary"
            onClick={onChoose}
            data-testid="open-file-choose"
          >
            Choose file…
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
