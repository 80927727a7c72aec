import { isExternal } from '../catalog/index';
import { isEnvReference } from '../model/constraints';
import type { Connection } from './derive';
import { effectivePort, parseConnectionUri } from './uri';

/**
 * How a typed override of a connection variable disagrees with the drawing, field by field.
 * An empty list means the override connects where the drawing says (it may still differ in
 * style, e.g. a query parameter, which is the architect's to choose).
 */
export type OverrideMismatch =
  | { readonly field: 'unparsable' }
  | { readonly field: 'empty'; readonly value: string }
  | { readonly field: 'not-literal'; readonly type: 'secret' | 'input' }
  | { readonly field: 'scheme'; readonly actual: string; readonly expected: string }
  | { readonly field: 'host'; readonly actual: string; readonly expected: string }
  | { readonly field: 'port'; readonly actual: number | undefined; readonly expected: number }
  | { readonly field: 'user'; readonly actual: string; readonly expected: string }
  | { readonly field: 'database'; readonly actual: string; readonly expected: string }
  | { readonly field: 'password'; readonly actual: string; readonly expected: string }
  | { readonly field: 'master'; readonly actual: string; readonly expected: string };

/** Schemes that reach the same driver: `postgresql://` is what many tools write for `postgres://`. */
const SAME_SCHEME: Readonly<Record<string, string>> = { postgresql: 'postgres' };

/**
 * Compares the override of a connection with what the drawing derives. Credentials are
 * compared only where the drawing knows them (a database the deployment runs): for a server the
 * customer runs, the account is theirs.
 */
export function overrideMismatches(connection: Connection): OverrideMismatch[] {
  const o = connection.override;
  if (o === undefined) return [];
  if (o.type !== 'literal') return [{ field: 'not-literal', type: o.type }];
  const value = o.value.trim();
  if (value === '' || value === ':memory:') {
    // For the database these are NA018's to report (nextauth falls back to memory); for the
    // key-value store they silently drop the drawn Redis, so the instances would share nothing.
    return connection.role === 'database' ? [] : [{ field: 'empty', value }];
  }
  const uri = parseConnectionUri(value);
  if (uri === undefined) return [{ field: 'unparsable' }];
  const out: OverrideMismatch[] = [];
  const scheme = SAME_SCHEME[uri.scheme] ?? uri.scheme;
  if (scheme !== connection.scheme) out.push({ field: 'scheme', actual: uri.scheme, expected: connection.scheme });
  if (connection.host !== '' && uri.host !== connection.host) {
    out.push({ field: 'host', actual: uri.host, expected: connection.host });
  }
  const port = effectivePort({ scheme, ...(uri.port !== undefined ? { port: uri.port } : {}) });
  if (port !== connection.port) out.push({ field: 'port', actual: port, expected: connection.port });
  const account = connection.account;
  if (account !== undefined && !isExternal(connection.target)) {
    const user = decode(uri.user ?? '');
    if (user !== account.user) out.push({ field: 'user', actual: user, expected: account.user });
    const database = decode(uri.path);
    if (database !== account.database) out.push({ field: 'database', actual: database, expected: account.database });
    const password = `\${${account.passwordVar}}`;
    if (uri.password !== password) out.push({ field: 'password', actual: uri.password ?? '', expected: password });
  }
  if (connection.master !== undefined) {
    const master = decode(uri.path);
    if (master !== connection.master) out.push({ field: 'master', actual: master, expected: connection.master });
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One line for a message: what the override says against what the drawing says. */
export function describeMismatch(m: OverrideMismatch): string {
  switch (m.field) {
    case 'unparsable':
      return 'is not a connection URI (scheme://user:password@host:port/name)';
    case 'empty':
      return `is ${m.value === '' ? 'empty' : m.value}, so nextauth would not use the drawn key-value store`;
    case 'not-literal':
      return `is ${m.type === 'secret' ? 'a generated secret' : 'an operator input'}, which cannot be checked against the drawing`;
    case 'port':
      return `reaches port ${m.actual ?? '(none: the scheme has no default)'}, but the drawing listens on ${m.expected}`;
    case 'password':
      // Only a `${VAR}` reference is quoted: a password typed in clear text must not reach any screen or log.
      return isEnvReference(m.actual)
        ? `uses the password "${m.actual}", but the database's password is ${m.expected}`
        : `${m.actual === '' ? 'has no password' : 'has a password typed in clear text'}, but the database's password is ${m.expected}`;
    default:
      return `names the ${m.field} "${m.actual}", but the drawing says "${m.expected}"`;
  }
}
