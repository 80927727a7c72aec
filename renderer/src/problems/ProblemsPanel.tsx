import {
  memo,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import { printable } from '../../../shared/model/printable';
import type { Project } from '../../../shared/model/types';
import {
  fixFor,
  getRule,
  sameFinding,
  type Diagnostic,
  type DocsLink,
  type FixQuestion,
  type Severity,
} from '../../../shared/rules/index';
import { PanelFold } from '../editor/PanelFold';
import { AskFixForm } from './AskFixForm';
import { useEditor, useEditorStore } from '../store/context';
import './problems.css';
import { StrokeIcon } from '../StrokeIcon';

type GroupId = Severity | 'accepted';

interface Entry {
  readonly key: string;
  readonly diagnostic: Diagnostic;
  /** The quick fix's label, when the rule has a fix that applies here. */
  readonly fixTitle?: string;
  /** What the quick fix asks before it applies (Fix.ask), when it needs a value. */
  readonly ask?: FixQuestion;
  readonly ruleTitle?: string;
  readonly docs?: DocsLink;
}

interface Group {
  readonly id: GroupId;
  readonly entries: readonly Entry[];
}

const GROUP_ORDER: readonly GroupId[] = ['error', 'warning', 'info', 'accepted'];
const GROUP_TITLE: Readonly<Record<GroupId, string>> = {
  error: 'Errors',
  warning: 'Warnings',
  info: 'Info',
  accepted: 'Accepted',
};
const SEVERITY_LABEL: Readonly<Record<GroupId, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
  accepted: 'Accepted',
};

const EMPTY_MESSAGE = 'No problems — this deployment follows every documented rule.';
/** An empty project follows every rule only vacuously: say what happens next instead. */
const NOTHING_YET = 'Nothing to check yet — add a component and the documented rules are checked as you draw.';

/**
 * The checker's live output, grouped by severity, with accepted (suppressed) findings apart.
 * Clicking a problem selects its elements (the canvas centres on them); Fix applies the rule's
 * quick fix, or opens its question inline when it needs a value (AskFixForm); Accept…
 * suppresses it with a written reason; opening either form closes the other. The store recomputes diagnostics
 * synchronously on every edit, so the panel is current on the next render.
 */
export function ProblemsPanel({
  open: panelOpen = true,
  onToggle,
}: {
  readonly open?: boolean;
  readonly onToggle?: () => void;
}) {
  const store = useEditorStore();
  const diagnostics = useEditor((s) => s.diagnostics);
  const nothingDrawn = useEditor((s) => s.project !== null && s.project.components.length === 0);
  const { selectElements, fix, askFix, suppress } = useEditor(
    useShallow((s) => ({ selectElements: s.selectElements, fix: s.fix, askFix: s.askFix, suppress: s.suppress })),
  );
  // Subscribing to diagnostics only (not the project): a drag changes positions on every frame,
  // but no rule reads positions, so the store keeps the same diagnostics and the panel stays idle.
  const groups = useMemo(() => groupDiagnostics(diagnostics, store.getState().project), [diagnostics, store]);
  // The open question of a fix lives in the store: the inspector's Fix button opens it here too.
  const fixQuestion = useEditor((s) => s.fixQuestion);
  const asking = useMemo(
    () => (fixQuestion === null ? undefined : findEntry(groups, fixQuestion)),
    [fixQuestion, groups],
  );
  const [collapsed, setCollapsed] = useState<ReadonlySet<GroupId>>(() => new Set(['accepted']));
  const [accepting, setAccepting] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const headingId = useId();

  const counts = Object.fromEntries(groups.map((g) => [g.id, g.entries.length])) as Partial<Record<GroupId, number>>;
  const open = (counts.error ?? 0) + (counts.warning ?? 0) + (counts.info ?? 0);

  const toggle = (id: GroupId) => {
    const folding = !collapsed.has(id) || asking?.group === id;
    // Folding the group of the open question closes the question (it would be hidden, not gone).
    if (folding && asking?.group === id) askFix(null);
    setCollapsed((current) => {
      const next = new Set(current);
      if (folding) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  // Stable handlers taking the entry, so a recheck re-renders only the rows whose entry changed.
  const onSelect = useCallback(
    (entry: Entry) => {
      setActive(entry.key);
      selectElements(entry.diagnostic.elements);
    },
    [selectElements],
  );
  // The row goes away after a fix or an acceptance: keep keyboard focus in the panel. A fix that
  // asks toggles its question instead, like Accept… its form, and closes the reason form.
  const onFix = useCallback(
    (entry: Entry) => {
      if (entry.ask !== undefined) {
        const current = store.getState().fixQuestion;
        setAccepting(null);
        askFix(current !== null && isEntryOf(entry, current) ? null : entry.diagnostic);
        return;
      }
      fix(entry.diagnostic);
      list.current?.focus();
    },
    [fix, askFix, store],
  );
  // A refused answer never gets here (the form validates); the store closes the question when the finding goes.
  const onAnswered = useCallback(
    (entry: Entry, answer: string) => {
      fix(entry.diagnostic, answer);
      list.current?.focus();
    },
    [fix],
  );
  const onAskCancel = useCallback(() => askFix(null), [askFix]);
  // The answer the form starts from: what the project suggests, read when the form opens.
  const initialAnswer = useCallback(
    (entry: Entry): string => {
      const project = store.getState().project;
      return project === null ? '' : (entry.ask?.initial?.(entry.diagnostic, project) ?? '');
    },
    [store],
  );
  const onAccepted = useCallback(
    (entry: Entry, reason: string) => {
      suppress(entry.diagnostic, reason);
      setAccepting(null);
      list.current?.focus();
    },
    [suppress],
  );
  const onAccept = useCallback(
    (entry: Entry | null) => {
      if (entry !== null) askFix(null);
      setAccepting(entry === null ? null : entry.key);
    },
    [askFix],
  );

  return (
    <section
      className={`pl-problems-panel${panelOpen ? '' : ' pl-problems-panel--folded'}`}
      role="region"
      aria-labelledby={headingId}
      data-testid="problems-panel"
    >
      <header className="pl-problems-panel__header">
        <h2 id={headingId} className="pl-problems-panel__title">
          Problems
        </h2>
        <Counts counts={counts} />
        {onToggle ? <PanelFold panel="problems" open={panelOpen} onToggle={onToggle} className="pl-fold--end" /> : null}
      </header>
      <div ref={list} className="pl-problems-panel__body" tabIndex={-1} hidden={!panelOpen}>
        {open === 0 ? (
          <p className="pl-problems-panel__empty" data-testid="problems-empty">
            {nothingDrawn ? null : <SeverityIcon group="accepted" />}
            {nothingDrawn
              ? NOTHING_YET
              : diagnostics.length === 0
                ? EMPTY_MESSAGE
                : 'No open problems — every remaining finding was accepted with a reason.'}
          </p>
        ) : null}
        {groups.map((group) => (
          <ProblemGroup
            key={group.id}
            group={group}
            collapsed={collapsed.has(group.id) && asking?.group !== group.id}
            onToggle={() => toggle(group.id)}
          >
            {group.entries.map((entry) => (
              <ProblemRow
                key={entry.key}
                entry={entry}
                group={group.id}
                active={entry.key === active}
                accepting={entry.key === accepting}
                asking={entry === asking?.entry}
                onSelect={onSelect}
                onFix={onFix}
                initialAnswer={initialAnswer}
                onAnswered={onAnswered}
                onAskCancel={onAskCancel}
                onAccept={onAccept}
                onAccepted={onAccepted}
              />
            ))}
          </ProblemGroup>
        ))}
      </div>
    </section>
  );
}

function Counts({ counts }: { readonly counts: Partial<Record<GroupId, number>> }) {
  const parts = (['error', 'warning', 'info'] as const)
    .filter((id) => (counts[id] ?? 0) > 0)
    .map((id) => ({ id, text: plural(counts[id]!, id === 'info' ? 'info' : id) }));
  const accepted = counts.accepted ?? 0;
  return (
    <p className="pl-problems-panel__counts" data-testid="problems-counts">
      {parts.length === 0 ? <span className="pl-count pl-count--none">No problems</span> : null}
      {parts.map((p, i) => (
        <span key={p.id} className={`pl-count pl-count--${p.id}`}>
          {i > 0 ? <span className="pl-count__sep"> · </span> : null}
          <span className="pl-count__dot" aria-hidden="true" />
          {p.text}
        </span>
      ))}
      {accepted > 0 ? (
        <span className="pl-count pl-count--accepted">
          <span className="pl-count__sep"> · </span>
          {accepted} accepted
        </span>
      ) : null}
    </p>
  );
}

function ProblemGroup({
  group,
  collapsed,
  onToggle,
  children,
}: {
  readonly group: Group;
  readonly collapsed: boolean;
  readonly onToggle: () => void;
  readonly children: ReactNode;
}) {
  const listId = useId();
  return (
    <div className={`pl-pgroup pl-pgroup--${group.id}`} data-testid={`problems-group-${group.id}`}>
      <h3 className="pl-pgroup__heading">
        <button
          type="button"
          className="pl-pgroup__toggle"
          aria-expanded={!collapsed}
          aria-controls={listId}
          onClick={onToggle}
        >
          <Chevron open={!collapsed} />
          <SeverityIcon group={group.id} />
          <span className="pl-pgroup__title">{GROUP_TITLE[group.id]}</span>
          <span className="pl-pgroup__count">{group.entries.length}</span>
        </button>
      </h3>
      <ul id={listId} className="pl-pgroup__list" hidden={collapsed}>
        {children}
      </ul>
    </div>
  );
}

interface RowProps {
  readonly entry: Entry;
  readonly group: GroupId;
  readonly active: boolean;
  readonly accepting: boolean;
  /** Whether the question of this entry's fix is open. */
  readonly asking: boolean;
  readonly onSelect: (entry: Entry) => void;
  /** Applies the entry's fix, or opens or closes its question when it asks for a value. */
  readonly onFix: (entry: Entry) => void;
  readonly initialAnswer: (entry: Entry) => string;
  readonly onAnswered: (entry: Entry, answer: string) => void;
  readonly onAskCancel: () => void;
  /** Opens the reason form for the entry; null closes it. */
  readonly onAccept: (entry: Entry | null) => void;
  readonly onAccepted: (entry: Entry, reason: string) => void;
}

const ProblemRow = memo(function ProblemRow({
  entry,
  group,
  active,
  accepting,
  asking,
  onSelect,
  onFix,
  initialAnswer,
  onAnswered,
  onAskCancel,
  onAccept,
  onAccepted,
}: RowProps) {
  const { diagnostic: d, fixTitle, docs, ruleTitle, ask } = entry;
  const suppressed = d.suppressed;
  const fixButton = useRef<HTMLButtonElement>(null);
  return (
    <li
      className={`pl-prob pl-prob--${group}${active ? ' is-active' : ''}`}
      data-testid="problem"
      data-rule={d.rule}
      data-severity={d.severity}
    >
      <button
        type="button"
        className="pl-prob__main"
        onClick={() => onSelect(entry)}
        disabled={d.elements.length === 0}
        data-testid="problem-select"
      >
        <SeverityIcon group={group} />
        <span className="pl-prob__sr">{SEVERITY_LABEL[group]}: </span>
        <span className="pl-prob__rule" title={ruleTitle}>
          {d.rule}
        </span>
        <span className="pl-prob__text">
          {/* Project text (names, values, the reason) shown as one line: no line break, control or bidi override can reshape the row. */}
          <span className="pl-prob__message">{printable(d.message)}</span>
          {suppressed ? (
            <span className="pl-prob__reason" data-testid="problem-reason">
              <span className="pl-prob__reason-label">Reason:</span> {printable(suppressed.reason)}
            </span>
          ) : null}
        </span>
      </button>
      {/* Three fixed slots (docs, fix, accept), empty when absent, so the buttons line up down the list. */}
      <div className="pl-prob__actions">
        {docs ? (
          <a
            className="pl-prob__docs"
            href={docs.url}
            target="_blank"
            rel="noreferrer"
            title={docs.section ? `nextAuth documentation: ${docs.section}` : 'nextAuth documentation'}
            aria-label={`Docs: nextAuth documentation for ${d.rule}${docs.section ? `: ${docs.section}` : ''} (opens in a new window)`}
            data-testid="problem-docs"
          >
            Docs
            <ExternalIcon />
          </a>
        ) : (
          <span />
        )}
        {fixTitle !== undefined && !suppressed ? (
          <button
            ref={fixButton}
            type="button"
            className="pl-prob__button pl-prob__button--fix"
            title={fixTitle}
            aria-label={`Fix: ${fixTitle}`}
            // A fix that asks opens its form below the row, like Accept….
            aria-expanded={ask !== undefined ? asking : undefined}
            onClick={() => onFix(entry)}
            data-testid="problem-fix"
          >
            <WandIcon />
            Fix
          </button>
        ) : (
          <span />
        )}
        {!suppressed && d.elements.length > 0 ? (
          <button
            type="button"
            className="pl-prob__button"
            aria-expanded={accepting}
            onClick={() => onAccept(accepting ? null : entry)}
            title="Accept this finding with a written reason"
            data-testid="problem-accept"
          >
            Accept…
          </button>
        ) : (
          <span />
        )}
      </div>
      {accepting ? (
        <AcceptForm rule={d.rule} onAccept={(reason) => onAccepted(entry, reason)} onCancel={() => onAccept(null)} />
      ) : null}
      {asking && ask !== undefined && fixTitle !== undefined ? (
        <AskFixForm
          question={ask}
          initial={initialAnswer(entry)}
          fixTitle={fixTitle}
          onApply={(answer) => onAnswered(entry, answer)}
          onCancel={() => {
            onAskCancel();
            // Back where the question was opened, so Esc does not drop keyboard focus on the page.
            fixButton.current?.focus();
          }}
        />
      ) : null}
    </li>
  );
});

function AcceptForm({
  rule,
  onAccept,
  onCancel,
}: {
  readonly rule: string;
  readonly onAccept: (reason: string) => void;
  readonly onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setRefused(true);
      input.current?.focus();
      return;
    }
    onAccept(reason.trim());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onCancel();
  };

  return (
    <form className="pl-accept" onSubmit={submit} onKeyDown={onKeyDown} data-testid="problem-accept-form" noValidate>
      <label className="pl-accept__label" htmlFor={inputId}>
        Why is {rule} acceptable here?
      </label>
      <div className="pl-accept__row">
        <input
          ref={input}
          id={inputId}
          className="pl-accept__input"
          type="text"
          value={reason}
          // The form opens on request: typing the reason is the next step.
          autoFocus
          placeholder="e.g. The customer's firewall handles this outside the deployment"
          aria-invalid={refused}
          aria-describedby={refused ? errorId : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim() !== '') setRefused(false);
          }}
          data-testid="problem-accept-reason"
        />
        <button type="submit" className="pl-prob__button pl-prob__button--primary" data-testid="problem-accept-submit">
          Accept
        </button>
        <button type="button" className="pl-prob__button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {refused ? (
        <p id={errorId} className="pl-accept__error" role="alert">
          Write a reason: an accepted problem stays in the project file with it, for the next reader.
        </p>
      ) : null}
    </form>
  );
}

/** Diagnostics by group, each with its quick fix title and docs link resolved once per check. */
function groupDiagnostics(diagnostics: readonly Diagnostic[], project: Project | null): Group[] {
  const buckets = new Map<GroupId, Entry[]>(GROUP_ORDER.map((id) => [id, []]));
  const seen = new Map<string, number>();
  for (const d of diagnostics) {
    const base = diagnosticKey(d);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const rule = getRule(d.rule);
    const fix = project === null || d.suppressed ? undefined : fixFor(d, project);
    buckets.get(d.suppressed ? 'accepted' : d.severity)!.push({
      key: n === 0 ? base : `${base}#${n}`,
      diagnostic: d,
      ...(fix !== undefined && project !== null ? { fixTitle: printable(fix.title(d, project)) } : {}),
      ...(fix?.ask !== undefined ? { ask: fix.ask } : {}),
      ...(rule !== undefined ? { ruleTitle: rule.title, docs: rule.docs } : {}),
    });
  }
  return GROUP_ORDER.map((id) => ({ id, entries: buckets.get(id)! })).filter((g) => g.entries.length > 0);
}

/** What identifies a finding across rechecks: rule, elements and message. */
function diagnosticKey(d: Diagnostic): string {
  return `${d.rule}|${d.elements.map((e) => `${e.type}:${e.id}`).join(',')}|${d.message}`;
}

/** Whether the entry shows this diagnostic: the same object, or the same finding after a recheck. */
const isEntryOf = (entry: Entry, d: Diagnostic): boolean => entry.diagnostic === d || sameFinding(entry.diagnostic, d);

/** The entry of a diagnostic with its group; the same object first, else the first with the same finding. */
function findEntry(groups: readonly Group[], d: Diagnostic): { entry: Entry; group: GroupId } | undefined {
  let same: { entry: Entry; group: GroupId } | undefined;
  for (const group of groups)
    for (const entry of group.entries) {
      if (entry.diagnostic === d) return { entry, group: group.id };
      if (same === undefined && isEntryOf(entry, d)) same = { entry, group: group.id };
    }
  return same;
}

function plural(n: number, word: string): string {
  return word === 'info' ? `${n} info` : `${n} ${word}${n === 1 ? '' : 's'}`;
}

function SeverityIcon({ group }: { readonly group: GroupId }) {
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

function Chevron({ open }: { readonly open: boolean }) {
  return <StrokeIcon className={`pl-chevron${open ? ' is-open' : ''}`} d="m6 3.5 4.5 4.5L6 12.5" size={12} />;
}

function ExternalIcon() {
  return <StrokeIcon d="M6.5 3H3v10h10V9.5M9 3h4v4M13 3 7.5 8.5" size={11} strokeWidth={1.5} />;
}

function WandIcon() {
  return (
    <StrokeIcon d="m2.5 13.5 7.5-7.5m-1.5-1.5 3 3M11 1.8v2M14.2 5h-2M13.3 2.7l-1.4 1.4" size={13} strokeWidth={1.5} />
  );
}
