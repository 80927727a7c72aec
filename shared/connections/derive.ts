import { portNumber } from '../catalog/index';
import { DEFAULT_SENTINEL_MASTER, isHostname } from '../model/constraints';
import type { Component, DatabaseFlavour, EnvValue, Link, Project } from '../model/types';

/**
 * Connections are derived, not typed: a link from nextauth to a database, Redis or Redis Sentinel
 * *is* the connection, and the exporter writes the connection variable from the linked
 * component — its service name (or the external host of a customer-run server), the port it
 * really listens on, and credentials that reference the database's own generated secret. A
 * literal value typed into the environment is an override, checked against this derivation
 * (NA034). The checker and every exporter read connections only through this module, so the
 * URI the checker approved is the URI the operator runs.
 */

/** The variable nextauth reads its database from (named after NEXTAUTH_NS_DB_URI, see the catalog). */
export const DB_URI_VAR = 'NEXTAUTH_DB_URI';
/** The variable nextauth reads its key-value store from (named after NEXTAUTH_NS_KV_URI). */
export const KV_URI_VAR = 'NEXTAUTH_KV_URI';
/** Variables the drawing writes; everything else in an environment is the architect's. */
export const CONNECTION_VARS: readonly string[] = [DB_URI_VAR, KV_URI_VAR];

export type ConnectionRole = 'database' | 'kv';
export const VARIABLE_OF: Readonly<Record<ConnectionRole, string>> = { database: DB_URI_VAR, kv: KV_URI_VAR };

/** The URI scheme nextauth's driver expects for each database flavour (S7). */
export const DB_SCHEME: Readonly<Record<DatabaseFlavour, string>> = {
  mysql: 'mysql',
  mariadb: 'mysql',
  postgres: 'postgres',
};

/**
 * The image variables that create the account nextauth logs in with, per flavour, and what the
 * image uses when one is unset (from the images' docs: POSTGRES_USER defaults to `postgres` and
 * POSTGRES_DB to the user; the MySQL and MariaDB images create no account without them).
 */
export const DB_ACCOUNT: Readonly<
  Record<
    DatabaseFlavour,
    { readonly user: string; readonly password: string; readonly database: string; readonly defaultUser?: string }
  >
> = {
  mysql: { user: 'MYSQL_USER', password: 'MYSQL_PASSWORD', database: 'MYSQL_DATABASE' },
  mariadb: { user: 'MARIADB_USER', password: 'MARIADB_PASSWORD', database: 'MARIADB_DATABASE' },
  postgres: { user: 'POSTGRES_USER', password: 'POSTGRES_PASSWORD', database: 'POSTGRES_DB', defaultUser: 'postgres' },
};

/** Why a connection cannot be derived from the drawing. Each is an NA035 finding. */
export type ConnectionProblem =
  | { readonly code: 'no-external-host' }
  | { readonly code: 'no-user'; readonly variable: string }
  | { readonly code: 'no-database'; readonly variable: string }
  | { readonly code: 'no-password'; readonly variable: string }
  | { readonly code: 'literal-password'; readonly variable: string }
  | { readonly code: 'external-secret'; readonly variable: string };

export interface Connection {
  readonly role: ConnectionRole;
  /** The variable nextauth reads it from. */
  readonly variable: string;
  /** The nextauth component. */
  readonly source: Component;
  readonly link: Link;
  readonly target: Component;
  readonly scheme: string;
  /** Compose service name, or the declared host of a server the customer runs. */
  readonly host: string;
  /** The port the target really listens on (its override, flavour or catalog default). */
  readonly port: number;
  /** Database connections: the account, and the `.env` variable holding its password. */
  readonly account?: { readonly user: string; readonly database: string; readonly passwordVar: string };
  /** Sentinel connections: the master name Sentinel monitors. */
  readonly master?: string;
  /** The URI the export writes, `${VAR}` references included; undefined when `problem` is set. */
  readonly uri?: string;
  readonly problem?: ConnectionProblem;
  /** The value typed into nextauth's environment under `variable`, if any (an override). */
  readonly override?: EnvValue;
}

/** What a derivation reads: the CheckContext satisfies it, and `lookupOf` builds one from a project. */
export interface ConnectionLookup {
  readonly componentById: ReadonlyMap<string, Component>;
  readonly linksFrom: (id: string) => readonly Link[];
}

export function lookupOf(project: Project): ConnectionLookup {
  const componentById = new Map<string, Component>();
  for (const c of project.components) componentById.set(c.id, c);
  const from = new Map<string, Link[]>();
  for (const l of project.links) {
    const list = from.get(l.from);
    if (list) list.push(l);
    else from.set(l.from, [l]);
  }
  return { componentById, linksFrom: (id) => from.get(id) ?? [] };
}

export const isExternal = (c: Component): boolean => c.properties.external === true;

/** The host name other containers use for a component: its service name, or its declared external host. */
export function hostOf(c: Component): string | undefined {
  if (!isExternal(c)) return c.id.toLowerCase();
  const host = c.properties.host;
  return typeof host === 'string' && isHostname(host) ? host.toLowerCase() : undefined;
}

/** The Sentinel master name: the component's `master` property, or the default. */
export function sentinelMaster(sentinel: Component): string {
  const m = sentinel.properties.master;
  return typeof m === 'string' ? m : DEFAULT_SENTINEL_MASTER;
}

/**
 * The Redis a Sentinel monitors: the first Redis it links to. sentinel.conf monitors this one,
 * so the checker and the exporter must agree on it.
 */
export function monitoredRedis(lookup: ConnectionLookup, sentinel: Component): Component | undefined {
  for (const l of lookup.linksFrom(sentinel.id)) {
    const t = lookup.componentById.get(l.to);
    if (t?.kind === 'redis' && l.port === 'redis') return t;
  }
  return undefined;
}

export interface NextauthConnections {
  readonly database?: Connection;
  readonly kv?: Connection;
  /** Roles drawn to more than one component: nextauth reads one URI per role, so the drawing is ambiguous. */
  readonly ambiguous: readonly { readonly role: ConnectionRole; readonly links: readonly Link[] }[];
}

/**
 * The connections of one nextauth component. Its database is the one database it links to; its
 * key-value store is the Sentinel it links to, or else the Redis (with Sentinel, nextauth asks
 * Sentinel for the current Redis primary).
 */
export function connectionsOf(lookup: ConnectionLookup, nextauth: Component): NextauthConnections {
  const databases: [Link, Component][] = [];
  const redis: [Link, Component][] = [];
  const sentinels: [Link, Component][] = [];
  for (const l of lookup.linksFrom(nextauth.id)) {
    const t = lookup.componentById.get(l.to);
    if (t === undefined) continue;
    if (t.kind === 'database' && l.port === 'db') databases.push([l, t]);
    else if (t.kind === 'redis' && l.port === 'redis') redis.push([l, t]);
    else if (t.kind === 'redis-sentinel' && l.port === 'sentinel') sentinels.push([l, t]);
  }
  const ambiguous: { role: ConnectionRole; links: Link[] }[] = [];
  const distinct = (list: [Link, Component][]) => new Set(list.map(([, t]) => t.id)).size;
  let database: Connection | undefined;
  if (distinct(databases) > 1) ambiguous.push({ role: 'database', links: databases.map(([l]) => l) });
  else if (databases.length > 0) database = derive(nextauth, 'database', ...databases[0]!);
  const kvList = sentinels.length > 0 ? sentinels : redis;
  let kv: Connection | undefined;
  if (distinct(kvList) > 1) ambiguous.push({ role: 'kv', links: kvList.map(([l]) => l) });
  else if (kvList.length > 0) kv = derive(nextauth, 'kv', ...kvList[0]!);
  return { ...(database ? { database } : {}), ...(kv ? { kv } : {}), ambiguous };
}

/** Every nextauth component's connections, in project order. */
export function allConnections(project: Project, lookup: ConnectionLookup = lookupOf(project)): Connection[] {
  const out: Connection[] = [];
  for (const c of project.components) {
    if (c.kind !== 'nextauth') continue;
    const { database, kv } = connectionsOf(lookup, c);
    if (database) out.push(database);
    if (kv) out.push(kv);
  }
  return out;
}

function overrideOf(c: Component, variable: string): EnvValue | undefined {
  return Object.hasOwn(c.environment, variable) ? c.environment[variable] : undefined;
}

function literalOf(c: Component, name: string): string | undefined {
  const v = Object.hasOwn(c.environment, name) ? c.environment[name] : undefined;
  return v?.type === 'literal' && v.value.trim() !== '' ? v.value.trim() : undefined;
}

function derive(source: Component, role: ConnectionRole, link: Link, target: Component): Connection {
  const variable = VARIABLE_OF[role];
  const override = overrideOf(source, variable);
  const port = portNumber(target, link.port) ?? 0;
  const host = hostOf(target);
  const base = {
    role,
    variable,
    source,
    link,
    target,
    host: host ?? '',
    port,
    ...(override !== undefined ? { override } : {}),
  };
  if (role === 'kv') {
    const sentinel = target.kind === 'redis-sentinel';
    const scheme = sentinel ? 'redis-sentinel' : 'redis';
    if (host === undefined) return { ...base, scheme, problem: { code: 'no-external-host' } };
    if (!sentinel) return { ...base, scheme, uri: `redis://${host}:${port}` };
    const master = sentinelMaster(target);
    return { ...base, scheme, master, uri: `redis-sentinel://${host}:${port}/${master}` };
  }
  const flavour = (target.flavour ?? 'mysql') as DatabaseFlavour;
  const scheme = DB_SCHEME[flavour];
  const vars = DB_ACCOUNT[flavour];
  const fail = (problem: ConnectionProblem): Connection => ({ ...base, scheme, problem });
  if (host === undefined) return fail({ code: 'no-external-host' });
  const user = literalOf(target, vars.user) ?? vars.defaultUser;
  if (user === undefined) return fail({ code: 'no-user', variable: vars.user });
  // Without a database variable, PostgreSQL names the database after the user; MySQL and MariaDB create none.
  const database = literalOf(target, vars.database) ?? (flavour === 'postgres' ? user : undefined);
  if (database === undefined) return fail({ code: 'no-database', variable: vars.database });
  const password = Object.hasOwn(target.environment, vars.password) ? target.environment[vars.password] : undefined;
  if (password === undefined) return fail({ code: 'no-password', variable: vars.password });
  if (password.type === 'literal') return fail({ code: 'literal-password', variable: vars.password });
  // A customer-run server already has its password: a generated one could never match it.
  if (password.type === 'secret' && isExternal(target))
    return fail({ code: 'external-secret', variable: vars.password });
  const account = { user, database, passwordVar: vars.password };
  // Names are percent-encoded: the driver decodes them, and a `@` or `/` in one must not end the part early.
  const uri = `${scheme}://${encodeURIComponent(user)}:\${${vars.password}}@${host}:${port}/${encodeURIComponent(database)}`;
  return { ...base, scheme, account, uri: flavour === 'postgres' ? uri : `${uri}?loc=Local` };
}
