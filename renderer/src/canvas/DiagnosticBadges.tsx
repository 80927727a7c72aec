import { BADGE_GLYPHS } from '../../../shared/render/icons';

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
            <path
              d={BADGE_GLYPHS.error.d}
              stroke="currentColor"
              strokeWidth={BADGE_GLYPHS.error.strokeWidth}
              strokeLinecap="round"
            />
          </svg>
          {errors}
        </span>
      ) : null}
      {warnings ? (
        <span className="pl-badge pl-badge--warning" data-testid="badge-warning">
          <svg viewBox="0 0 10 10" width="9" height="9" aria-hidden="true">
            <path
              d={BADGE_GLYPHS.warning.d}
              fill="none"
              stroke="currentColor"
              strokeWidth={BADGE_GLYPHS.warning.strokeWidth}
              strokeLinejoin="round"
            />
          </svg>
          {warnings}
        </span>
      ) : null}
    </span>
  );
}
