import { Fragment, useMemo } from 'react';
import type { ComponentKind } from '../../../shared/model/types';
import { StrokeIcon } from '../StrokeIcon';
import { useEditor, useEditorStore } from '../store/context';
import {
  connectionRows,
  uriParts,
  withOverride,
  withoutOverride,
  type ConnectionRow,
  type DrawnConnectionRow,
  type OverrideView,
} from './connectionRows';
import { ErrorIcon, Section } from './fields';
import type { Inspected } from './inspected';
import { PeerButton } from './PeerButton';

/**
 * The connection rows of a nextauth component, selected from the store as one string: they
 * depend on links, other components' environments and the diagnostics, but a drag (which
 * changes only positions) yields the same string and re-renders nothing.
 */
export function useConnectionRows(id: string, kind: ComponentKind | undefined): readonly ConnectionRow[] {
  const key = useEditor((s) =>
    kind !== 'nextauth' || s.project === null ? '[]' : JSON.stringify(connectionRows(s.project, id, s.diagnostics)),
  );
  return useMemo(() => JSON.parse(key) as ConnectionRow[], [key]);
}

/**
 * How nextauth reaches its database and key-value store, derived from the drawing: a link is
 * the connection, and the export writes its URI. The architect can take a URI over as a typed
 * override (edited under Environment, checked against the drawing by NA034) and give it back.
 */
export function ConnectionsSection({
  component,
  rows,
}: {
  readonly component: Inspected;
  readonly rows: readonly ConnectionRow[];
}) {
  if (rows.length === 0) return null;
  const drawn = rows.filter((r) => r.state !== 'none').length;
  return (
    <Section title="Connections" count={drawn} testId="inspector-connections">
      <p className="pl-insp-note">Derived from the links in the drawing; the export writes these URIs.</p>
      <ul className="pl-insp-rows">
        {rows.map((row) => (
          <ConnectionItem key={row.role} component={component} row={row} />
        ))}
      </ul>
    </Section>
  );
}

const PILL: Readonly<Record<'derived' | 'override' | 'mismatch' | 'incomplete' | 'ambiguous', string>> = {
  derived: 'from the drawing',
  override: 'typed override',
  mismatch: 'typed override',
  incomplete: 'incomplete',
  ambiguous: 'ambiguous',
};

function pillOf(row: ConnectionRow): keyof typeof PILL | undefined {
  if (row.state === 'none') return undefined;
  if (row.state === 'ambiguous') return 'ambiguous';
  if (row.override !== undefined) return row.override.mismatches.length > 0 ? 'mismatch' : 'override';
  return row.uri === undefined ? 'incomplete' : 'derived';
}

function ConnectionItem({ component, row }: { readonly component: Inspected; readonly row: ConnectionRow }) {
  const store = useEditorStore();
  const writeEnv = (fn: (env: Inspected['environment']) => Inspected['environment']) =>
    store.getState().updateComponent(component.id, (c) => ({ ...c, environment: fn(c.environment) }));
  const pill = pillOf(row);
  const uri = row.state === 'drawn' ? row.uri : undefined;

  const action =
    row.override !== undefined ? (
      <button
        type="button"
        className="pl-insp-btn pl-insp-btn--small"
        onClick={() => writeEnv((env) => withoutOverride(env, row.variable))}
        aria-label={`${row.state === 'drawn' ? 'Use the drawing' : 'Remove override'} for ${row.variable}`}
        title={
          row.state === 'drawn'
            ? `Remove the typed value: the export writes ${row.variable} from the drawing`
            : `Remove the typed ${row.variable}`
        }
        data-testid={`connection-use-drawing-${row.role}`}
      >
        {row.state === 'drawn' ? 'Use the drawing' : 'Remove override'}
      </button>
    ) : uri !== undefined ? (
      <button
        type="button"
        className="pl-insp-btn pl-insp-btn--small pl-insp-btn--quiet"
        onClick={() => writeEnv((env) => withOverride(env, row.variable, uri))}
        aria-label={`Override ${row.variable}`}
        title={`Type ${row.variable} by hand: copies this URI into Environment, where it can be edited`}
        data-testid={`connection-override-${row.role}`}
      >
        <PencilIcon />
        Override
      </button>
    ) : null;

  return (
    <li
      className={`pl-insp-conn pl-insp-conn--${row.state}`}
      data-testid={`connection-${row.role}`}
      data-state={pill ?? 'none'}
    >
      <div className="pl-insp-conn__head">
        <span className="pl-insp-conn__label">{row.label}</span>
        {action}
      </div>
      <div className="pl-insp-conn__sub">
        <code className="pl-insp-conn__var">{row.variable}</code>
        {pill ? (
          <span
            className={`pl-insp-pill pl-insp-conn__pill pl-insp-conn__pill--${pill}`}
            data-testid={`connection-state-${row.role}`}
          >
            {PILL[pill]}
          </span>
        ) : null}
      </div>
      {row.state === 'none' ? (
        <p className="pl-insp-conn__none" data-testid={`connection-none-${row.role}`}>
          {row.message}
        </p>
      ) : row.state === 'ambiguous' ? (
        <dl className="pl-insp-dl pl-insp-conn__facts">
          <dt>To</dt>
          <dd className="pl-insp-conn__peers">
            {row.targets.map((t) => (
              <PeerButton key={t.id} peer={t} id={t.id} />
            ))}
          </dd>
        </dl>
      ) : (
        <DrawnFacts row={row} />
      )}
      {row.state !== 'none' && row.problems.length > 0 ? <Lines lines={row.problems} testId={row.role} /> : null}
      {row.override !== undefined ? <Override row={row} override={row.override} /> : null}
      {row.override === undefined && uri !== undefined ? (
        <code className="pl-insp-conn__uri" data-testid={`connection-uri-${row.role}`}>
          <UriText uri={uri} />
        </code>
      ) : null}
    </li>
  );
}

function DrawnFacts({ row }: { readonly row: DrawnConnectionRow }) {
  return (
    <dl className="pl-insp-dl pl-insp-conn__facts">
      <dt>To</dt>
      <dd className="pl-insp-conn__peers">
        <PeerButton peer={row.target} id={row.target.id} />
        {row.host !== '' ? (
          <code className="pl-insp-conn__endpoint" data-testid={`connection-endpoint-${row.role}`}>
            {row.host}:{row.port}
          </code>
        ) : null}
      </dd>
      {row.account ? (
        <>
          <dt>Account</dt>
          <dd data-testid={`connection-account-${row.role}`}>
            <code>{row.account.user}</code> <span className="pl-insp-conn__faint">on database</span>{' '}
            <code>{row.account.database}</code>
          </dd>
          <dt>Password</dt>
          <dd data-testid={`connection-password-${row.role}`}>
            <span className="pl-insp-conn__faint">from .env variable</span> <code>{row.account.passwordVar}</code>
          </dd>
        </>
      ) : null}
      {row.master !== undefined ? (
        <>
          <dt>Master</dt>
          <dd data-testid={`connection-master-${row.role}`}>
            <code>{row.master}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The typed value (a clear-text password shown as dots) and how it compares with the drawing. */
function Override({ row, override }: { readonly row: ConnectionRow; readonly override: OverrideView }) {
  const derived = row.state === 'drawn' ? row.uri : undefined;
  const lines = override.mismatches.map((m) => `The override ${m}.`);
  if (row.state !== 'drawn') lines.unshift('The override names no drawn connection; draw the link, or remove it.');
  const agreement = override.same
    ? ' · same as the drawing'
    : lines.length === 0 && derived !== undefined
      ? ' · connects where the drawing says'
      : '';
  return (
    <div className="pl-insp-conn__override" data-testid={`connection-typed-${row.role}`}>
      <p className="pl-insp-conn__caption">Typed under Environment{agreement}</p>
      {override.text !== undefined ? (
        <code className="pl-insp-conn__uri" data-testid={`connection-uri-${row.role}`}>
          <UriText uri={override.text} />
        </code>
      ) : (
        <p className="pl-insp-conn__muted">
          {override.type === 'secret'
            ? 'A generated secret, not a URI.'
            : override.type === 'input'
              ? 'Left for the operator to fill in.'
              : 'Not shown: the value is not a connection URI.'}
        </p>
      )}
      {lines.length > 0 ? <Lines lines={lines} testId={`${row.role}-mismatch`} /> : null}
      {derived !== undefined && !override.same ? (
        <>
          <p className="pl-insp-conn__caption">From the drawing</p>
          <code className="pl-insp-conn__uri pl-insp-conn__uri--drawn" data-testid={`connection-drawn-${row.role}`}>
            <UriText uri={derived} />
          </code>
        </>
      ) : null}
    </div>
  );
}

/** A URI as text with line-break opportunities between its parts (`<wbr>` adds no text). */
function UriText({ uri }: { readonly uri: string }) {
  const parts = uriParts(uri);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

function Lines({ lines, testId }: { readonly lines: readonly string[]; readonly testId: string }) {
  return (
    <ul className="pl-insp-conn__problems" data-testid={`connection-problems-${testId}`}>
      {lines.map((line, i) => (
        <li key={i}>
          <ErrorIcon />
          <span>{line}</span>
        </li>
      ))}
    </ul>
  );
}

const PencilIcon = () => (
  <StrokeIcon d="M10.6 2.6a1.6 1.6 0 0 1 2.3 2.3L5.6 12.2 2.6 13l.8-3Z" size={13} strokeWidth={1.3} />
);
