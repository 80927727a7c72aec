import { SCHEME_DEFAULT_PORTS } from '../../connections/uri';

/**
 * Connection URIs inside environment values, as an import meets them: anywhere in the value
 * (`-Dspring.datasource.url=jdbc:mysql://db:3306/app`), with IPv6 hosts (`redis://[fd00::5]:6379`),
 * percent-encoded credentials (`mysql://app:p%40ss@db/x`), host lists
 * (`redis-sentinel://s1:26379,s2:26379/master`) and no port (the scheme's default).
 * shared/connections/uri.ts reads the URIs the drawing writes and NA034 checks, and refuses all
 * of these on purpose (one plain host, nothing around it); this reader is the lenient one, and
 * agrees with it on every URI that one accepts (a property test holds both to that).
 *
 * Spans are offsets into the value, so a caller can replace the password without ever copying it.
 */

export interface UriHost {
  /** Lower-case and percent-decoded; an IPv6 address without its brackets. */
  readonly host: string;
  readonly ipv6: boolean;
  /** As written; undefined when the URI names none. */
  readonly port?: number;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface FoundUri {
  /** Where the URI is in the value (a `jdbc:` prefix included). */
  readonly span: Span;
  /** Lower-case, without `jdbc:`; a driver suffix kept (`postgresql+psycopg2`). */
  readonly scheme: string;
  /** The scheme without a driver suffix (`postgresql`), which names the default port. */
  readonly baseScheme: string;
  /** Percent-decoded. */
  readonly user?: string;
  /** Where the password is in the value, as written (still percent-encoded); undefined when there is none. */
  readonly password?: Span;
  readonly hosts: readonly UriHost[];
  /** Without the leading `/`. */
  readonly path: string;
  /** Without the `?`. */
  readonly query: string;
  /** Where the query is in the value; undefined when there is none. */
  readonly querySpan?: Span;
}

/** Default ports of schemes beyond those the drawing writes (shared/connections SCHEME_DEFAULT_PORTS). */
const MORE_DEFAULT_PORTS: Readonly<Record<string, number>> = {
  mariadb: 3306,
  pgsql: 5432,
  postgis: 5432,
  mongodb: 27017,
  amqp: 5672,
  amqps: 5671,
  nats: 4222,
  memcached: 11211,
  ldap: 389,
  ldaps: 636,
  smtp: 25,
  smtps: 465,
  ftp: 21,
  sqlserver: 1433,
  mssql: 1433,
  valkey: 6379,
};

/** The port a URI reaches on one host: its own, or its scheme's default; undefined when neither is known. */
export function portOf(uri: Pick<FoundUri, 'baseScheme'>, host: UriHost): number | undefined {
  if (host.port !== undefined) return host.port;
  const scheme = uri.baseScheme;
  if (Object.hasOwn(SCHEME_DEFAULT_PORTS, scheme)) return SCHEME_DEFAULT_PORTS[scheme];
  return Object.hasOwn(MORE_DEFAULT_PORTS, scheme) ? MORE_DEFAULT_PORTS[scheme] : undefined;
}

/** `decodeURIComponent` that keeps text with a broken escape as it is instead of throwing. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// `scheme://` where a scheme may start: at the beginning or after a character no scheme holds.
const START = /(?:^|[^A-Za-z0-9+.-])((?:jdbc:)?([A-Za-z][A-Za-z0-9+.-]*):\/\/)/g;
/** Characters that end a URI inside a longer value. */
const END = /[\s"'<>`]/;
const PORT = /^[0-9]{1,5}$/;
const REG_NAME = /^[A-Za-z0-9._~!$&'()*+;=%-]*$/;

function parseHost(text: string): UriHost | undefined | null {
  if (text === '') return undefined;
  let host: string;
  let rest: string;
  let ipv6 = false;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return null;
    host = text.slice(1, close);
    if (!/^[0-9A-Fa-f:.]+(?:%25[A-Za-z0-9._~-]+)?$/.test(host) || !host.includes(':')) return null;
    ipv6 = true;
    rest = text.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return null;
  } else {
    const colon = text.indexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    rest = colon < 0 ? '' : text.slice(colon);
    if (!REG_NAME.test(host)) return null;
  }
  let port: number | undefined;
  if (rest !== '') {
    const digits = rest.slice(1);
    if (digits !== '') {
      if (!PORT.test(digits)) return null;
      port = Number(digits);
      if (port < 1 || port > 65535) return null;
    }
  }
  return { host: percentDecode(host).toLowerCase(), ipv6, ...(port !== undefined ? { port } : {}) };
}

/** Splits a host list at commas outside IPv6 brackets. */
function splitHosts(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

/** Where the text of the URI starting at some index ends: the next character that ends a URI, or the end. */
function tokenEndFrom(value: string, from: number): number {
  let end = from;
  while (end < value.length && !END.test(value[end]!)) end++;
  return end;
}

/** The first index in [from, to) holding one of `chars`, or `to`. */
function scanTo(value: string, from: number, to: number, chars: string): number {
  let i = from;
  while (i < to && !chars.includes(value[i]!)) i++;
  return i;
}

/**
 * Scans shared by the candidates of one value: candidates only move forward, so each cached
 * position is reused until a candidate passes it, and every value is read a bounded number of
 * times however many `x://` it holds (a hostile `a://[a://[…` of 5 MB stays linear).
 */
interface Cursor {
  tokenEnd: number;
  nextAt: number;
}

/**
 * One URI whose scheme starts at `at` and whose body starts at `bodyStart`. `loose`: the value
 * is known to hold a secret, so a password with an unencoded `/`, `?` or `#` (`root:pa/ss@db`)
 * is read up to the first `@` after `user:` instead of ending the authority early.
 */
function parseAt(
  value: string,
  at: number,
  bodyStart: number,
  scheme: string,
  loose: boolean,
  cursor: Cursor,
): FoundUri | undefined {
  if (cursor.tokenEnd < bodyStart) cursor.tokenEnd = tokenEndFrom(value, bodyStart);
  const end = cursor.tokenEnd;
  let authorityEnd = scanTo(value, bodyStart, end, '/?#');
  // The user info ends at the last `@` of the authority (an unencoded `@` in a password stays in it).
  let userinfoEnd = authorityEnd - 1;
  while (userinfoEnd >= bodyStart && value[userinfoEnd] !== '@') userinfoEnd--;
  if (userinfoEnd < bodyStart) userinfoEnd = -1;
  if (userinfoEnd < 0 && loose) {
    // `user:` (no `/?#@` in the user), then anything up to the first `@`.
    const colon = scanTo(value, bodyStart, end, ':/@?#');
    if (colon < end && value[colon] === ':') {
      if (cursor.nextAt < colon) {
        const found = value.indexOf('@', colon);
        cursor.nextAt = found < 0 ? value.length : found;
      }
      if (cursor.nextAt < end) {
        userinfoEnd = cursor.nextAt;
        authorityEnd = scanTo(value, userinfoEnd + 1, end, '/?#');
      }
    }
  }
  let user: string | undefined;
  let password: Span | undefined;
  let hostStart = bodyStart;
  if (userinfoEnd >= 0) {
    hostStart = userinfoEnd + 1;
    const colon = scanTo(value, bodyStart, userinfoEnd, ':');
    user = percentDecode(value.slice(bodyStart, colon));
    if (colon < userinfoEnd) password = { start: colon + 1, end: userinfoEnd };
  }
  const hostText = value.slice(hostStart, authorityEnd);
  const hosts: UriHost[] = [];
  for (const part of hostText === '' ? [] : splitHosts(hostText)) {
    const host = parseHost(part);
    if (host === null) return undefined;
    if (host !== undefined) hosts.push(host);
  }
  const hash = scanTo(value, authorityEnd, end, '#');
  const q = scanTo(value, authorityEnd, hash, '?');
  const path = value.slice(authorityEnd, q).replace(/^\//, '');
  const query = q < hash ? value.slice(q + 1, hash) : '';
  const lower = scheme.toLowerCase();
  return {
    span: { start: at, end },
    scheme: lower,
    baseScheme: lower.split('+')[0]!,
    ...(user !== undefined ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
    hosts,
    path,
    query,
    ...(q < hash ? { querySpan: { start: q + 1, end: hash } } : {}),
  };
}

/** Every URI in `value`, in order. `loose`: see parseAt. */
export function findUris(value: string, loose = false): FoundUri[] {
  const out: FoundUri[] = [];
  const cursor: Cursor = { tokenEnd: -1, nextAt: -1 };
  START.lastIndex = 0;
  for (let m = START.exec(value); m !== null; m = START.exec(value)) {
    const at = m.index + m[0].length - m[1]!.length;
    const found = parseAt(value, at, at + m[1]!.length, m[2]!, loose, cursor);
    if (found !== undefined) {
      out.push(found);
      START.lastIndex = Math.max(found.span.end, START.lastIndex);
    }
  }
  return out;
}

const WHOLE = /^(?:jdbc:)?([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * The value read as one URI from its first to its last non-blank character, if it is one. Here
 * nothing but the value's end ends the URI, so a password with `<`, `"` or a space (which end a
 * URI inside longer text) is still read whole.
 */
export function wholeUri(value: string, loose = false): FoundUri | undefined {
  const start = value.length - value.trimStart().length;
  const end = value.trimEnd().length;
  const m = WHOLE.exec(value.slice(start, end));
  if (!m) return undefined;
  return parseAt(value, start, start + m[0].length, m[1]!, loose, { tokenEnd: end, nextAt: -1 });
}

/** The URIs of a value: the value itself when it is one URI, else every URI inside it. */
export function urisIn(value: string, loose = false): FoundUri[] {
  const whole = wholeUri(value, loose);
  return whole !== undefined ? [whole] : findUris(value, loose);
}
