import { useShallow } from 'zustand/react/shallow';
import { fixFor, getRule, type Diagnostic, type ElementRef, type Severity } from '../../../shared/rules/index';
import { printable } from '../../../shared/model/printable';
import { useEditor, useEditorStore } from '../store/context';
import { docsHref } from './catalog';

const ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning', info: 'Info' };

/** The diagnostics about any of the elements (or, for `null`, about the project as a whole), worst first. */
export function issuesFor(diagnostics: readonly Diagnostic[], elements: readonly ElementRef[] | null): Diagnostic[] {
  const about = diagnostics.filter((d) =>
    elements === null
      ? d.elements.length === 0
      : d.elements.some((e) => elements.some((x) => x.type === e.type && x.id === e.id)),
  );
  return about.sort((a, b) => Number(!!a.suppressed) - Number(!!b.suppressed) || ORDER[a.severity] - ORDER[b.severity]);
}

/**
 * The checker's findings for the inspected element(s), with rule id, docs link and quick fix;
 * `null` lists the findings about the project as a whole (settings).
 */
export function IssueList({ elements }: { readonly elements: readonly ElementRef[] | null }) {
  const store = useEditorStore();
  const issues = useEditor(useShallow((s) => issuesFor(s.diagnostics, elements)));
  if (issues.length === 0) return null;
  const project = store.getState().project;
  return (
    <section className="pl-insp-issues" aria-label="Problems" data-testid="inspector-issues">
      <ul className="pl-insp-issues__list">
        {issues.map((d, i) => {
          const rule = getRule(d.rule);
          const fix = project === null ? undefined : fixFor(d, project);
          return (
            <li
              key={`${d.rule}-${i}`}
              className={`pl-insp-issue pl-insp-issue--${d.severity}${d.suppressed ? ' is-suppressed' : ''}`}
              data-testid={`inspector-issue-${d.rule}`}
            >
              <SeverityIcon severity={d.severity} />
              <div className="pl-insp-issue__body">
                <p className="pl-insp-issue__head">
                  <span className="pl-insp-sr">{SEVERITY_LABEL[d.severity]}: </span>
                  <span className="pl-insp-issue__rule">{d.rule}</span>
                  {rule ? <span className="pl-insp-issue__title">{rule.title}</span> : null}
                </p>
                <p className="pl-insp-issue__msg">{printable(d.message)}</p>
                {d.suppressed ? (
                  <p className="pl-insp-issue__supp">Accepted: {printable(d.suppressed.reason)}</p>
                ) : null}
                <div className="pl-insp-issue__actions">
                  {rule ? (
                    <a
                      href={docsHref(rule.docs.url, rule.docs.section)}
                      target="_blank"
                      rel="noreferrer"
                      title={rule.docs.section ?? rule.docs.url}
                      className="pl-insp-link"
                    >
                      Docs<span className="pl-insp-sr"> for {d.rule}</span>
                    </a>
                  ) : null}
                  {fix && project && !d.suppressed ? (
                    <button
                      type="button"
                      className="pl-insp-btn pl-insp-btn--small"
                      onClick={() => store.getState().fix(d)}
                      data-testid={`inspector-fix-${d.rule}`}
                    >
                      {printable(fix.title(d, project))}
                    </button>
                  ) : null}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function SeverityIcon({ severity }: { readonly severity: Severity }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" className="pl-insp-issue__icon">
      {severity === 'error' ? (
        <>
          <circle cx="8" cy="8" r="6.5" fill="currentColor" />
          <path d="m5.8 5.8 4.4 4.4m0-4.4-4.4 4.4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        </>
      ) : severity === 'warning' ? (
        <>
          <path d="M8 1.8 15 14H1Z" fill="currentColor" strokeLinejoin="round" />
          <path d="M8 6.3v3.6" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="11.8" r="0.9" fill="#fff" />
        </>
      ) : (
        <>
          <circle cx="8" cy="8" r="6.5" fill="currentColor" />
          <path d="M8 7.2v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="4.9" r="0.9" fill="#fff" />
        </>
      )}
    </svg>
  );
}
