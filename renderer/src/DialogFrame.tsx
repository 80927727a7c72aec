import { useId, useRef, type DragEventHandler, type ReactNode, type RefObject } from 'react';
import { useModal } from './modal';
import './export/export.css';

export interface DialogFrameProps {
  readonly title: ReactNode;
  readonly subtitle?: ReactNode;
  /** Added to `pl-export` (the frame's size and surface): e.g. `pl-picture`, `pl-import`. */
  readonly className?: string;
  readonly testId: string;
  /** The close button's accessible name (`Close export`). */
  readonly closeLabel: string;
  readonly closeTestId?: string;
  readonly onClose: () => void;
  /** What takes focus on open; by default the dialog itself. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  /** Files dragged over or dropped anywhere on the dialog (the import dialog takes them). */
  readonly onDragOver?: DragEventHandler<HTMLDivElement>;
  readonly onDragLeave?: DragEventHandler<HTMLDivElement>;
  readonly onDrop?: DragEventHandler<HTMLDivElement>;
  /** The body and the footer. */
  readonly children: ReactNode;
}

/**
 * The frame every large dialog of the editor shares (export, export diagram, import): the dimmed
 * backdrop (a click on it closes), the modal surface with its keyboard rules (modal.ts), and the
 * header with title, subtitle and close button. The body and footer are the dialog's own.
 */
export function DialogFrame({
  title,
  subtitle,
  className,
  testId,
  closeLabel,
  closeTestId,
  onClose,
  initialFocus,
  onDragOver,
  onDragLeave,
  onDrop,
  children,
}: DialogFrameProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const onKeyDown = useModal(dialog, onClose, initialFocus);
  return (
    <div
      className="pl-export-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={dialog}
        className={className === undefined ? 'pl-export' : `pl-export ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={onKeyDown}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        <div className="pl-export__header">
          <div>
            <h2 id={titleId} className="pl-export__title">
              {title}
            </h2>
            {subtitle === undefined ? null : <p className="pl-export__subtitle">{subtitle}</p>}
          </div>
          <button
            type="button"
            className="pl-export__close"
            aria-label={closeLabel}
            onClick={onClose}
            {...(closeTestId === undefined ? {} : { 'data-testid': closeTestId })}
          >
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <path d="m4 4 8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" fill="none" />
            </svg>
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
