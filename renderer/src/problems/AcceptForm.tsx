import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

/**
 * "Accept…" under a finding: the reason an architect accepts it on purpose (it goes into the
 * project file's suppressions with it). An empty reason is refused inline; Esc cancels.
 */
export function AcceptForm({
  rule,
  onAccept,
  onCancel,
}: {
  readonly rule: string;
  readonly onAccept: (reason: string) => void;
  readonly onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setRefused(true);
      input.current?.focus();
      return;
    }
    onAccept(reason.trim());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onCancel();
  };

  return (
    <form className="pl-accept" onSubmit={submit} onKeyDown={onKeyDown} data-testid="problem-accept-form" noValidate>
      <label className="pl-accept__label" htmlFor={inputId}>
        Why is {rule} acceptable here?
      </label>
      <div className="pl-accept__row">
        <input
          ref={input}
          id={inputId}
          className="pl-accept__input"
          type="text"
          value={reason}
          // The form opens on request: typing the reason is the next step.
          autoFocus
          placeholder="e.g. The customer's firewall handles this outside the deployment"
          aria-invalid={refused}
          aria-describedby={refused ? errorId : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim() !== '') setRefused(false);
          }}
          data-testid="problem-accept-reason"
        />
        <button type="submit" className="pl-prob__button pl-prob__button--primary" data-testid="problem-accept-submit">
          Accept
        </button>
        <button type="button" className="pl-prob__button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {refused ? (
        <p id={errorId} className="pl-accept__error" role="alert">
          Write a reason: an accepted problem stays in the project file with it, for the next reader.
        </p>
      ) : null}
    </form>
  );
}
