import { memo, useCallback, useId, useMemo, useRef, useState, type ReactNode } from 'react';
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
} from '../../../shared/rules/index';
import { PanelFold } from '../editor/PanelFold';
import { AcceptForm } from './AcceptForm';
import { Chevron, ExternalIcon, SeverityIcon, WandIcon, type GroupId } from './problem-icons';
import { AskFixForm } from './AskFixForm';
import { useEditor, useEditorStore } from '../store/context';
import './problems.css';

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
