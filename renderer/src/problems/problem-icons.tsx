import type { Severity } from '../../../shared/rules/index';
import { StrokeIcon } from '../StrokeIcon';

/** A group of the panel: a severity, or the accepted findings. */
export type GroupId = Severity | 'accepted';

/** The problems panel's icons: one per severity group, the fold chevron, docs and fix marks. */
export function SeverityIcon({ group }: { readonly group: GroupId }) {
  return (
    <svg
      className={`pl-sev-icon pl-sev-icon--${group}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      {group === 'error' ? (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path
            d="m5.6 5.6 4.8 4.8m0-4.8-4.8 4.8"
            className="pl-sev-icon__ink"
            strokeWidth="1.6"
            strokeLinecap="round"
          />
        </>
      ) : group === 'warning' ? (
        <>
          <path d="M8 1.2 15.2 14H.8Z" fill="currentColor" strokeLinejoin="round" />
          <path d="M8 5.8v3.9" className="pl-sev-icon__ink" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="11.9" r="0.95" className="pl-sev-icon__dot" />
        </>
      ) : group === 'info' ? (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 7.2v4" className="pl-sev-icon__ink" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="4.9" r="0.95" className="pl-sev-icon__dot" />
        </>
      ) : (
        <>
          <circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path
            d="m5.2 8.1 1.9 1.9 3.8-3.9"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
    </svg>
  );
}

export function Chevron({ open }: { readonly open: boolean }) {
  return <StrokeIcon className={`pl-chevron${open ? ' is-open' : ''}`} d="m6 3.5 4.5 4.5L6 12.5" size={12} />;
}

export function ExternalIcon() {
  return <StrokeIcon d="M6.5 3H3v10h10V9.5M9 3h4v4M13 3 7.5 8.5" size={11} strokeWidth={1.5} />;
}

export function WandIcon() {
  return (
    <StrokeIcon d="m2.5 13.5 7.5-7.5m-1.5-1.5 3 3M11 1.8v2M14.2 5h-2M13.3 2.7l-1.4 1.4" size={13} strokeWidth={1.5} />
  );
}
