import { useRef } from 'react';
import { ConfirmCard } from './ConfirmCard';

export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

/** A pending "unsaved changes" question: what would be lost, and where the answer goes. */
export interface UnsavedQuestion {
  /** The document's name as the title bar shows it. */
  readonly name: string;
  /** What the user is about to do, e.g. "open another file". */
  readonly action: string;
  readonly answer: (answer: UnsavedAnswer) => void;
}

/**
 * Asks before unsaved work is replaced: Save (the default, so Enter never loses work), Don't
 * save, or Cancel (also Escape). An alert dialog: focus moves into it and stays until answered.
 */
export function UnsavedDialog({ question }: { readonly question: UnsavedQuestion }) {
  const save = useRef<HTMLButtonElement>(null);
  return (
    <ConfirmCard
      role="alertdialog"
      title={`Save changes to “${question.name}”?`}
      body={`Your changes will be lost if you ${question.action} without saving them.`}
      initial={save}
      onCancel={() => question.answer('cancel')}
      testId="unsaved-dialog"
    >
      <button
        type="button"
        className="pl-button pl-button--quiet"
        onClick={() => question.answer('discard')}
        data-testid="unsaved-discard"
      >
        Don’t save
      </button>
      <span className="pl-confirm__spacer" />
      <button
        type="button"
        className="pl-button"
        onClick={() => question.answer('cancel')}
        data-testid="unsaved-cancel"
      >
        Cancel
      </button>
      <button
        type="button"
        className="pl-button pl-button--primary"
        onClick={() => question.answer('save')}
        data-testid="unsaved-save"
        ref={save}
      >
        Save
      </button>
    </ConfirmCard>
  );
}
