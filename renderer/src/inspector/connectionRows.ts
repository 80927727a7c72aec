import {
  connectionsOf,
  describeMismatch,
  lookupOf,
  overrideMismatches,
  parseConnectionUri,
  VARIABLE_OF,
  type Connection,
  type ConnectionRole,
} from '../../../shared/connections/index';
import type { Component, ComponentKind, EnvValue, Link, Project } from '../../../shared/model/types';
import type { Diagnostic } from '../../../shared/rules/index';
import { isEnvReference } from '../../../shared/model/constraints';

/*
 * What the inspector's Connections section shows for one nextauth component, as plain data:
 * one row per role (database, key-value store), derived from the drawing by shared/connections
 * and never typed. Rows are JSON-safe so the section can select them from the store as one
 * string (a drag does not re-render it), and this file has no React so it is tested on its own.
 */

/** A component a connection names; the section shows it as a button that selects it. */
export interface ConnectionTarget {
  readonly id: string;
  readonly kind: ComponentKind;
  readonly name: string;
}

/** A value typed into nextauth's environment under the connection variable. */
export interface OverrideView {
  readonly type: EnvValue['type'];
  /** The typed literal, a clear-text password replaced by dots; absent when not a literal or not a URI. */
  readonly text?: string;
  /** The literal is exactly the URI the drawing derives. */
  readonly same: boolean;
  /** How it disagrees with the drawing, one line each (`describeMismatch`); empty when it agrees. */
  readonly mismatches: readonly string[];
}

interface RowBase {
  readonly role: ConnectionRole;
  /** The variable nextauth reads the connection from. */
  readonly variable: string;
  /** "Database" or "Key-value store". */
  readonly label: string;
}

/** Nothing drawn for the role. */
export interface NoConnectionRow extends RowBase {
  readonly state: 'none';
  /** One line saying what to draw. */
  readonly message: string;
  readonly override?: OverrideView;
}

/** The role is drawn to several components; nextauth reads one URI per role. */
export interface AmbiguousConnectionRow extends RowBase {
  readonly state: 'ambiguous';
  readonly targets: readonly ConnectionTarget[];
  /** The checker's NA035 findings about these links. */
  readonly problems: readonly string[];
  readonly override?: OverrideView;
}

/** One drawn connection. */
export interface DrawnConnectionRow extends RowBase {
  readonly state: 'drawn';
  readonly target: ConnectionTarget;
  /** Compose service name or declared external host; empty when the drawing has none. */
  readonly host: string;
  readonly port: number;
  /** Database: the account, and the `.env` variable the password comes from (never its value). */
  readonly account?: { readonly user: string; readonly database: string; readonly passwordVar: string };
  /** Sentinel: the master name. */
  readonly master?: string;
  /** The URI the export writes, `${VAR}` references as is; absent when the drawing lacks something. */
  readonly uri?: string;
  /** The checker's NA035 findings about this link (missing account variable, missing host, …). */
  readonly problems: readonly string[];
  readonly override?: OverrideView;
}

export type ConnectionRow = NoConnectionRow | AmbiguousConnectionRow | DrawnConnectionRow;

const LABEL: Readonly<Record<ConnectionRole, string>> = { database: 'Database', kv: 'Key-value store' };

/** What to draw when a role has no connection. */
const WHAT_TO_DRAW: Readonly<Record<ConnectionRole, { none: string; to: string }>> = {
  database: { none: 'No database connected', to: 'a database' },
  kv: { none: 'No key-value store connected', to: 'Redis or Redis Sentinel' },
};

// scheme://user:PASSWORD@ — the same userinfo shape shared/connections/uri.ts parses.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/[^:@/?#\s]*:)([^@/?#\s]*)(@)/i;

/** Dots shown for a password typed in clear text. */
export const REDACTED = '••••••';

/**
 * A connection URI safe to show on a shared screen: a password typed in clear text becomes
 * dots, a `${VAR}` reference stays. Undefined when the text is not a connection URI at all
 * (it could be anything, a password pasted into the wrong field included).
 */
export function redactUri(text: string): string | undefined {
  const value = text.trim();
  if (parseConnectionUri(value) === undefined) return undefined;
  return value.replace(USERINFO, (all, head: string, password: string, at: string) =>
    password === '' || isEnvReference(password) ? all : `${head}${REDACTED}${at}`,
  );
}

// Where a URI may wrap: after the userinfo's `@`, before the path's `/`, the query's `?` and `&`
// (never inside `://`).
const URI_BREAKS = /(?<=@)|(?<![:/])(?=[/?&])/;

/** A URI cut where a line may break, so a long one wraps between its parts instead of mid-word. */
export function uriParts(uri: string): string[] {
  return uri.split(URI_BREAKS);
}

function targetOf(c: Component): ConnectionTarget {
  return { id: c.id, kind: c.kind, name: c.name || c.id };
}

/** The mismatch lines, with a password typed in clear text shown as dots (the lines quote what is typed). */
function mismatchLines(conn: Connection | undefined): string[] {
  if (conn === undefined) return [];
  return overrideMismatches(conn).map((m) =>
    describeMismatch(
      m.field === 'password' && m.actual !== '' && !isEnvReference(m.actual) ? { ...m, actual: REDACTED } : m,
    ),
  );
}

function overrideView(value: EnvValue | undefined, conn: Connection | undefined): OverrideView | undefined {
  if (value === undefined) return undefined;
  if (value.type !== 'literal') return { type: value.type, same: false, mismatches: mismatchLines(conn) };
  const text = redactUri(value.value);
  const same = conn?.uri !== undefined && value.value.trim() === conn.uri;
  const mismatches = mismatchLines(conn);
  return { type: 'literal', ...(text === undefined ? {} : { text }), same, mismatches };
}

/** The NA035 findings that name any of the links. */
function problemsAbout(diagnostics: readonly Diagnostic[], links: readonly Link[]): string[] {
  const ids = new Set(links.map((l) => l.id as string));
  return diagnostics
    .filter((d) => d.rule === 'NA035' && d.elements.some((e) => e.type === 'link' && ids.has(e.id)))
    .map((d) => d.message);
}

/**
 * The database and key-value rows of one nextauth component, in that order; empty when the
 * component is not a nextauth. `diagnostics` are the checker's findings for the same project
 * (the store keeps them), so the section says exactly what the problems panel says.
 */
export function connectionRows(
  project: Project,
  nextauthId: string,
  diagnostics: readonly Diagnostic[] = [],
): ConnectionRow[] {
  const nextauth = project.components.find((c) => c.id === nextauthId);
  if (nextauth?.kind !== 'nextauth') return [];
  const lookup = lookupOf(project);
  const found = connectionsOf(lookup, nextauth);
  const name = nextauth.name || nextauth.id;
  return (['database', 'kv'] as const).map((role): ConnectionRow => {
    const variable = VARIABLE_OF[role];
    const base = { role, variable, label: LABEL[role] };
    const typed = Object.hasOwn(nextauth.environment, variable) ? nextauth.environment[variable] : undefined;
    const conn = role === 'database' ? found.database : found.kv;
    const ambiguous = found.ambiguous.find((a) => a.role === role);
    if (ambiguous !== undefined) {
      const targets: ConnectionTarget[] = [];
      for (const l of ambiguous.links) {
        const t = lookup.componentById.get(l.to);
        if (t !== undefined && !targets.some((x) => x.id === t.id)) targets.push(targetOf(t));
      }
      const override = overrideView(typed, undefined);
      return {
        ...base,
        state: 'ambiguous',
        targets,
        problems: problemsAbout(diagnostics, ambiguous.links),
        ...(override ? { override } : {}),
      };
    }
    if (conn === undefined) {
      const what = WHAT_TO_DRAW[role];
      const override = overrideView(typed, undefined);
      return {
        ...base,
        state: 'none',
        message: `${what.none} — draw a link from ${name} to ${what.to}`,
        ...(override ? { override } : {}),
      };
    }
    const override = overrideView(conn.override, conn);
    return {
      ...base,
      state: 'drawn',
      target: targetOf(conn.target),
      host: conn.host,
      port: conn.port,
      ...(conn.account ? { account: { ...conn.account } } : {}),
      ...(conn.master !== undefined ? { master: conn.master } : {}),
      ...(conn.uri !== undefined ? { uri: conn.uri } : {}),
      problems: problemsAbout(diagnostics, [conn.link]),
      ...(override ? { override } : {}),
    };
  });
}

/** The environment with the variable set to the derived URI as a literal: the "Override" action. */
export function withOverride(
  environment: Readonly<Record<string, EnvValue>>,
  variable: string,
  uri: string,
): Record<string, EnvValue> {
  return { ...environment, [variable]: { type: 'literal', value: uri } };
}

/** The environment without the variable: the "Use the drawing" action. */
export function withoutOverride(
  environment: Readonly<Record<string, EnvValue>>,
  variable: string,
): Record<string, EnvValue> {
  const out: Record<string, EnvValue> = {};
  for (const [k, v] of Object.entries(environment)) if (k !== variable) out[k] = v;
  return out;
}
