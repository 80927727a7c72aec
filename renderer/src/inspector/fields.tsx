import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useEditorStore } from '../store/context';
import type { Validation } from './validate';

/*
 * The inspector's form controls. A text field shows the document's value; what the user types
 * is validated on every keystroke and written only when valid (the caller passes one
 * transaction key per field, so a burst of typing is one undo step). Invalid text stays in
 * the field with the reason next to it and never reaches the store; Escape puts the
 * document's value back. Leaving a field ends its transaction (`commit`).
 */

interface TextFieldProps<T> {
  readonly label: string;
  /** The label is for assistive technology only (rows whose column header says it). */
  readonly hideLabel?: boolean;
  /** The document's value, as text. */
  readonly value: string;
  readonly parse: (text: string) => Validation<T>;
  /** Called with each valid value; writes to the store with the field's transaction key. */
  readonly onValue: (value: T) => void;
  readonly multiline?: boolean;
  readonly mono?: boolean;
  /** Masks the value (a password field) with a reveal toggle. */
  readonly masked?: boolean;
  readonly placeholder?: string;
  readonly hint?: ReactNode;
  readonly inputMode?: 'text' | 'numeric';
  readonly autoFocus?: boolean;
  readonly className?: string;
  readonly testId?: string;
}

export function TextField<T>(props: TextFieldProps<T>) {
  const { label, hideLabel, value, parse, onValue, multiline, mono, masked, placeholder, hint, inputMode } = props;
  const store = useEditorStore();
  const id = useId();
  const [draft, setDraft] = useState<{ readonly text: string; readonly error: string } | null>(null);
  const [revealed, setRevealed] = useState(false);
  // A new document value (undo, another row shifting into this one) replaces a refused draft.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(null);
  }
  const text = draft?.text ?? value;
  const error = draft?.error;
  // The reason replaces the hint while the text is refused: one message under the field, not two.
  const showHint = hint !== undefined && !error;
  const describedBy = error ? `${id}-error` : showHint ? `${id}-hint` : undefined;

  const onChange = (next: string) => {
    const result = parse(next);
    if (result.ok) {
      setDraft(null);
      onValue(result.value);
    } else {
      setDraft({ text: next, error: result.error });
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
    }
  };
  const common = {
    id,
    value: text,
    placeholder,
    spellCheck: false,
    autoComplete: 'off',
    autoFocus: props.autoFocus,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-label': hideLabel ? label : undefined,
    onBlur: () => store.getState().commit(),
    onKeyDown,
    'data-testid': props.testId,
    className: `pl-insp-input${mono ? ' pl-insp-input--mono' : ''}${error ? ' is-invalid' : ''}`,
  } as const;

  return (
    <div className={`pl-insp-field${props.className ? ` ${props.className}` : ''}`}>
      {hideLabel ? null : (
        <label htmlFor={id} className="pl-insp-field__label">
          {label}
        </label>
      )}
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : masked ? (
        <div className="pl-insp-masked">
          <input
            {...common}
            type={revealed ? 'text' : 'password'}
            inputMode={inputMode}
            onChange={(e) => onChange(e.target.value)}
          />
          <button
            type="button"
            className="pl-insp-iconbtn pl-insp-masked__toggle"
            aria-pressed={revealed}
            aria-label={`Show ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
            title={revealed ? 'Hide value' : 'Show value'}
            onClick={() => setRevealed((r) => !r)}
            data-testid={props.testId ? `${props.testId}-reveal` : undefined}
          >
            <EyeIcon open={!revealed} />
          </button>
        </div>
      ) : (
        <input {...common} type="text" inputMode={inputMode} onChange={(e) => onChange(e.target.value)} />
      )}
      {error ? (
        <p
          id={`${id}-error`}
          className="pl-insp-field__error"
          data-testid={props.testId ? `${props.testId}-error` : undefined}
        >
          <ErrorIcon />
          {error}
        </p>
      ) : null}
      {showHint ? (
        <div id={`${id}-hint`} className="pl-insp-field__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

interface SelectFieldProps {
  readonly label: string;
  readonly hideLabel?: boolean;
  readonly value: string;
  readonly options: readonly Option[];
  readonly onValue: (value: string) => void;
  readonly className?: string;
  readonly testId?: string;
  readonly disabled?: boolean;
  /** A short note under the select (styled like a text field's hint). */
  readonly hint?: ReactNode;
}

/** A select: each choice is one undo step of its own. */
export function SelectField({
  label,
  hideLabel,
  value,
  options,
  onValue,
  className,
  testId,
  disabled,
  hint,
}: SelectFieldProps) {
  const id = useId();
  const known = options.some((o) => o.value === value);
  return (
    <div className={`pl-insp-field${className ? ` ${className}` : ''}`}>
      {hideLabel ? null : (
        <label htmlFor={id} className="pl-insp-field__label">
          {label}
        </label>
      )}
      <select
        id={id}
        className="pl-insp-input pl-insp-select"
        value={value}
        aria-label={hideLabel ? label : undefined}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
        onChange={(e) => onValue(e.target.value)}
        disabled={disabled}
        data-testid={testId}
      >
        {/* A value the document holds but the options do not offer (e.g. a deleted target) stays visible. */}
        {known ? null : <option value={value}>{value === '' ? '—' : `${value} (missing)`}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint === undefined ? null : (
        <div id={`${id}-hint`} className="pl-insp-field__hint" data-testid={testId ? `${testId}-hint` : undefined}>
          {hint}
        </div>
      )}
    </div>
  );
}

interface CheckboxProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onValue: (checked: boolean) => void;
  readonly hint?: string;
  /** An accessible name when the visible label does not say what is checked. */
  readonly ariaLabel?: string;
  readonly testId?: string;
}

export function Checkbox({ label, checked, onValue, hint, ariaLabel, testId }: CheckboxProps) {
  return (
    <label className="pl-insp-check" title={hint}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onValue(e.target.checked)}
        aria-label={ariaLabel}
        data-testid={testId}
      />
      <span>{label}</span>
    </label>
  );
}

/** A section of the inspector with a heading, an optional count and header actions. */
export function Section({
  title,
  count,
  actions,
  children,
  testId,
}: {
  readonly title: string;
  readonly count?: number;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  const id = useId();
  return (
    <section className="pl-insp-section" aria-labelledby={id} data-testid={testId}>
      <div className="pl-insp-section__head">
        <h3 id={id} className="pl-insp-section__title">
          {title}
          {count !== undefined ? <span className="pl-insp-section__count">{count}</span> : null}
        </h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function EyeIcon({ open }: { readonly open: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
      <path
        d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
      <circle cx="8" cy="8" r="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
      {open ? null : <path d="m2.5 2.5 11 11" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />}
    </svg>
  );
}

export function ErrorIcon() {
  return (
    <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true" className="pl-insp-erricon">
      <circle cx="8" cy="8" r="6.5" fill="currentColor" />
      <path d="M8 4.6v4.2" stroke="var(--bg-raised)" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="11.2" r="0.95" fill="var(--bg-raised)" />
    </svg>
  );
}

export function TrashIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        d="M2.8 4.2h10.4M6.3 4.2V2.8h3.4v1.4M4.2 4.2l.6 9h6.4l.6-9M6.8 6.6v4.4M9.2 6.6v4.4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function PlusIcon() {
  return (
    <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
