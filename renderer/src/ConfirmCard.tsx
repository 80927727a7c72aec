import { useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useModal } from './modal';

/**
 * A small modal question: title, one sentence, a row of buttons. Escape cancels; focus goes to
 * `initial` (the safe default) and stays inside until answered. The unsaved-changes question
 * and the open-file prompt are both one of these.
 */
export function ConfirmCard({
  role = 'dialog',
  title,
  body,
  initial,
  onCancel,
  testId,
  children,
}: {
  readonly role?: 'dialog' | 'alertdialog';
  readonly title: ReactNode;
  readonly body: ReactNode;
  readonly initial: RefObject<HTMLButtonElement | null>;
  readonly onCancel: () => void;
  readonly testId: string;
  /** The buttons, left to right. */
  readonly children: ReactNode;
}) {
  const root = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const onKeyDown = useModal(root, onCancel, initial);
  return createPortal(
    <div className="pl-overlay pl-overlay--center">
      <div
        ref={root}
        className="pl-confirm"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <h2 id={titleId} className="pl-confirm__title">
          {title}
        </h2>
        <p id={bodyId} className="pl-confirm__body">
          {body}
        </p>
        <div className="pl-confirm__actions">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
