/**
 * Error (red, `!`) and warning (amber, triangle) counts — a shape per severity, not only a
 * colour; nothing when both are zero.
 */
export function DiagnosticBadges({
  errors,
  warnings,
  className = '',
}: {
  readonly errors: number;
  readonly warnings: number;
  readonly className?: string;
}) {
  if (errors === 0 && warnings === 0) return null;
  const text = [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <span className={`pl-badges ${className}`} title={text} role="img" aria-label={text}>
      {errors ? (
        <span className="pl-badge pl-badge--error" data-testid="badge-error">
          <svg viewBox="0 0 10 10" width="9" height="9" aria-hidden="true">
            <path d="M5 2.2v3.6M5 7.7v.1" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          {errors}
        </span>
      ) : null}
      {warnings ? (
        <span className="pl-badge pl-badge--warning" data-testid="badge-warning">
          <svg viewBox="0 0 10 10" width="9" height="9" aria-hidden="true">
            <path d="M5 1.6 9 8.6H1Z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
          </svg>
          {warnings}
        </span>
      ) : null}
    </span>
  );
}
