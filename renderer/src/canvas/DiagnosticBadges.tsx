/** Error (red) and warning (amber) counts with a shape per severity; nothing when both are zero. */
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
            <path d="M3 3l4 4M7 3l-4 4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          {errors}
        </span>
      ) : null}
      {warnings ? (
        <span className="pl-badge pl-badge--warning" data-testid="badge-warning">
          <svg viewBox="0 0 10 10" width="9" height="9" aria-hidden="true">
            <path d="M5 2.6v3M5 7.6v.1" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          {warnings}
        </span>
      ) : null}
    </span>
  );
}
