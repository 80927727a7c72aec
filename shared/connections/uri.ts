import { DEFAULT_PORTS } from '../model/constraints';

/**
 * Connection URIs (`mysql://user:pass@host:3306/db?loc=Local`, `redis://host:6379`,
 * `redis-sentinel://host:26379/master`) taken apart without the WHATWG URL class: shared/ has
 * no DOM or Node globals, and these schemes are not "special" to URL parsers anyway.
 */
export interface ConnectionUri {
  readonly scheme: string;
  readonly user?: string;
  /** As written, e.g. `${MYSQL_PASSWORD}`; undefined when the URI has no `:password` part. */
  readonly password?: string;
  readonly host: string;
  /** As written; undefined when the URI names no port (the scheme's default applies). */
  readonly port?: number;
  /** The path without its leading `/` (the database name or Sentinel master); may be empty. */
  readonly path: string;
  /** Without the `?`; empty when there is none. */
  readonly query: string;
}

// userinfo may hold `${VAR}` references; host may not hold `/`, `?`, `@`, `:` or spaces.
const URI =
  /^([a-z][a-z0-9+.-]*):\/\/(?:([^:@/?#\s]*)(?::([^@/?#\s]*))?@)?([^:/?#@\s]+)(?::(\d{1,5}))?(?:\/([^?#\s]*))?(?:\?([^#\s]*))?$/i;

export function parseConnectionUri(text: string): ConnectionUri | undefined {
  const m = URI.exec(text.trim());
  if (!m) return undefined;
  const port = m[5] === undefined ? undefined : Number(m[5]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return {
    scheme: m[1]!.toLowerCase(),
    ...(m[2] !== undefined ? { user: m[2] } : {}),
    ...(m[3] !== undefined ? { password: m[3] } : {}),
    host: m[4]!.toLowerCase(),
    ...(port !== undefined ? { port } : {}),
    path: m[6] ?? '',
    query: m[7] ?? '',
  };
}

/** The port a client of each scheme uses when the URI names none. */
export const SCHEME_DEFAULT_PORTS: Readonly<Record<string, number>> = {
  mysql: 3306,
  postgres: 5432,
  postgresql: 5432,
  redis: 6379,
  rediss: 6379,
  'redis-sentinel': 26379,
  ...DEFAULT_PORTS,
};

/** The port a parsed URI reaches: its own, or its scheme's default; undefined when neither is known. */
export const effectivePort = (uri: Pick<ConnectionUri, 'scheme' | 'port'>): number | undefined =>
  uri.port ?? SCHEME_DEFAULT_PORTS[uri.scheme];
