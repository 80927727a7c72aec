export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
  readonly primary?: boolean;
}

export interface NoticeState {
  readonly kind: 'error' | 'info';
  readonly text: string;
  readonly actions?: readonly NoticeAction[];
}

/**
 * A strip under the title bar for what the user must know now: a file that could not be
 * saved, a file changed by another program. Errors are announced at once (role="alert").
 */
export function Notice({ notice, onDismiss }: { readonly notice: NoticeState; readonly onDismiss: () => void }) {
  return (
    <div
      className={`pl-notice pl-notice--${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span className="pl-notice__text">{notice.text}</span>
      {notice.actions?.map((action) => (
        <button
          key={action.label}
          type="button"
          className={`pl-button${action.primary ? ' pl-button--primary' : ''}`}
          onClick={() => {
            onDismiss();
            action.run();
          }}
        >
          {action.label}
        </button>
      ))}
      <button type="button" className="pl-button pl-button--quiet" onClick={onDismiss} data-testid="notice-dismiss">
        Dismiss
      </button>
    </div>
  );
}
