import { formatPos, type ImportProblem } from '../../../shared/import/types';
import { StrokeIcon } from '../StrokeIcon';
import { missingFileOf, plural } from './report-summary';

/**
 * Why the import stopped, as a compiler says it: one line per problem, FILE:LINE:COL, code and
 * message. Nothing was opened. A file the compose files name that was not added gets a hint.
 */
export function ImportProblemsView({
  problems,
  hostError,
  canAddReferenced,
}: {
  readonly problems: readonly ImportProblem[];
  /** The host failed (a file vanished, a refused request) rather than the import. */
  readonly hostError: string | null;
  /** Referenced files are added by hand here (the browser edition). */
  readonly canAddReferenced: boolean;
}) {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const missing = canAddReferenced
    ? [...new Set(errors.map(missingFileOf).filter((f): f is string => f !== null))]
    : [];
  return (
    <div className="pl-import__body pl-import__body--single" data-testid="import-problems">
      <div className="pl-banner pl-banner--error pl-import__banner" role="alert">
        <StrokeIcon className="pl-banner__icon" d="M8 5v4M8 11.5v.01M8 1.5l6.5 12h-13z" />
        <div className="pl-banner__body">
          <strong>
            {hostError !== null
              ? 'The import could not run.'
              : `The import stopped at ${plural(errors.length, 'error')}. Nothing was opened.`}
          </strong>{' '}
          {hostError ?? 'Fix the files and import again.'}
          {missing.length > 0 ? (
            <p className="pl-import__missing" data-testid="import-missing">
              Add {missing.join(', ')} under <em>Referenced files</em>: the browser can read only the files you add.
            </p>
          ) : null}
        </div>
      </div>
      {problems.length > 0 ? (
        <ol className="pl-import__problems" aria-label="Problems">
          {[...errors, ...warnings].map((p, index) => (
            <li key={index} className={`pl-import__problem is-${p.severity}`} data-testid="import-problem">
              <span className="pl-import__pos">{formatPos(p.at)}</span>{' '}
              <span className="pl-import__code">{p.code}</span>{' '}
              <span className="pl-import__message">
                {p.severity === 'warning' ? <span className="pl-import__severity">warning: </span> : null}
                {p.message}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
