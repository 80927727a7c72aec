import { useRef } from 'react';
import { ConfirmCard } from './ConfirmCard';

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
  const choose = useRef<HTMLButtonElement>(null);
  return (
    <ConfirmCard
      title="Open a project file"
      body="Choose a Portolan project (*.portolan.yaml) from your computer."
      initial={choose}
      onCancel={onCancel}
      testId="open-file-prompt"
    >
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
    </ConfirmCard>
  );
}
