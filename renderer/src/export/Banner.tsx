import type { ReactNode } from 'react';
import type { Diagnostic } from '../../../shared/rules/index';
import { DoneIcon, WarningIcon } from './icons';

/** A message inside the export dialog: refused, failed, checker errors, saved, replace question. */
export function Banner({
  tone,
  title,
  testId,
  role,
  children,
}: {
  readonly tone: 'error' | 'warning' | 'success';
  readonly title: string;
  readonly testId: string;
  /** Defaults to `alert` for errors and `note` otherwise. */
  readonly role?: 'alert' | 'status' | 'note';
  readonly children?: ReactNode;
}) {
  return (
    <div
      className={`pl-banner pl-banner--${tone}`}
      role={role ?? (tone === 'error' ? 'alert' : 'note')}
      data-testid={testId}
    >
      {tone === 'success' ? <DoneIcon /> : <WarningIcon />}
      <div className="pl-banner__body">
        <p className="pl-banner__title">{title}</p>
        {children}
      </div>
    </div>
  );
}

const LISTED = 4;

/** The first few diagnostics; the Problems panel has the rest. */
export function DiagnosticList({ diagnostics }: { readonly diagnostics: readonly Diagnostic[] }) {
  const more = diagnostics.length - LISTED;
  return (
    <ul className="pl-banner__list">
      {diagnostics.slice(0, LISTED).map((d, i) => (
        <li key={i}>
          <span className="pl-banner__rule">{d.rule}</span> {d.message}
        </li>
      ))}
      {more > 0 ? <li className="pl-banner__more">and {more} more in the Problems panel</li> : null}
    </ul>
  );
}
