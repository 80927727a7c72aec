import type { FormatProblem } from '../../shared/format';

/** Shown instead of the editor when a project file cannot be loaded. */
export function LoadProblemsView({
  title,
  problems,
  onBack,
  backLabel = 'Back to templates',
}: {
  title: string;
  problems: readonly FormatProblem[];
  onBack: () => void;
  /** Where Back leads: the templates, or the project that was open before (nothing was replaced). */
  backLabel?: string;
}) {
  return (
    <main className="pl-problems" data-testid="load-problems" aria-live="polite">
      <div className="pl-problems__inner">
        <h1 className="pl-welcome__title">{title} could not be opened</h1>
        <p className="pl-welcome__lead">The project file has problems Portolan cannot repair automatically:</p>
        <ol className="pl-problems__list">
          {problems.map((p, i) => (
            <li key={i} className={`pl-problem pl-problem--${p.severity}`}>
              <span className="pl-problem__where">
                {p.line}:{p.column}
              </span>
              <span className="pl-problem__code">{p.code}</span>
              <span className="pl-problem__msg">{p.message}</span>
            </li>
          ))}
        </ol>
        <button type="button" className="pl-button" onClick={onBack} data-testid="load-problems-back">
          {backLabel}
        </button>
      </div>
    </main>
  );
}
