import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { printable } from '../../../shared/model/printable';
import type { FixQuestion } from '../../../shared/rules/index';

/**
 * The inline form of a quick fix that needs a value from the architect (Fix.ask), e.g. the
 * nextAuth version NA052 pins: a labelled input, Apply (Enter) and Cancel (Esc). The question's
 * own validation runs on Apply and then on every keystroke, so the message follows the text
 * once shown; the input names it with aria-invalid and aria-describedby. `onApply` gets only an
 * answer the question accepts (the store's applyFix checks it again).
 */
export function AskFixForm({
  question,
  initial,
  fixTitle,
  onApply,
  onCancel,
}: {
  readonly question: FixQuestion;
  readonly initial: string;
  /** What the fix does, e.g. "Pin nextAuth's images to a version…": the form's accessible name. */
  readonly fixTitle: string;
  readonly onApply: (answer: string) => void;
  readonly onCancel: () => void;
}) {
  const [answer, setAnswer] = useState(initial);
  // Null until the first Apply: no error while the architect has not finished typing.
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const refused = question.validate(answer);
    if (refused !== undefined) {
      setProblem(refused);
      input.current?.focus();
      return;
    }
    onApply(answer);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Esc closes the form only, not the editor's selection or presentation.
    event.stopPropagation();
    onCancel();
  };

  return (
    <form
      className="pl-accept pl-askfix"
      aria-label={fixTitle.replace(/…$/, '')}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      data-testid="problem-fix-form"
      noValidate
    >
      <label className="pl-accept__label" htmlFor={inputId}>
        {question.label}
      </label>
      <div className="pl-accept__row">
        <input
          ref={input}
          id={inputId}
          className="pl-accept__input pl-askfix__input"
          type="text"
          value={answer}
          // The form opens on request: typing the answer is the next step.
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder={question.placeholder}
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? errorId : undefined}
          onChange={(e) => {
            setAnswer(e.target.value);
            if (problem !== null) setProblem(question.validate(e.target.value) ?? null);
          }}
          data-testid="problem-fix-answer"
        />
        <button type="submit" className="pl-prob__button pl-prob__button--primary" data-testid="problem-fix-apply">
          Apply
        </button>
        <button type="button" className="pl-prob__button" onClick={onCancel} data-testid="problem-fix-cancel">
          Cancel
        </button>
      </div>
      {problem !== null ? (
        <p id={errorId} className="pl-accept__error" role="alert" data-testid="problem-fix-error">
          {printable(problem)}
        </p>
      ) : null}
    </form>
  );
}
