import { isExternal, portNumber } from '../catalog/index';
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

export { isExternal };

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
  // Several rules ask for the same component's connections in one check: derive them once per
  // lookup (a check context, or one export). Both keys are immutable, so the memo cannot go stale.
  // The inner map is a plain Map (it lives only as long as its lookup): weak maps with many
  // entries cost the garbage collector more than the derivation they would save.
  let memo = MEMO.get(lookup);
  if (memo === undefined) MEMO.set(lookup, (memo = new Map()));
  let found = memo.get(nextauth);
  if (found === undefined) memo.set(nextauth, (found = deriveAll(lookup, nextauth)));
  return found;
}

const MEMO = new WeakMap<ConnectionLookup, Map<Component, NextauthConnections>>();

function deriveAll(lookup: ConnectionLookup, nextauth: Component): NextauthConnections {
  // Plain loops and no closures: this runs for every nextauth on every edit.
  let database: [Link, Component] | undefined;
  let redis: [Link, Component] | undefined;
  let sentinel: [Link, Component] | undefined;
  let manyDatabases = false;
  let manyRedis = false;
  let manySentinels = false;
  for (const l of lookup.linksFrom(nextauth.id)) {
    const t = lookup.componentById.get(l.to);
    if (t === undefined) continue;
    if (t.kind === 'database' && l.port === 'db') {
      if (database === undefined) database = [l, t];
      else if (database[1] !== t) manyDatabases = true;
    } else if (t.kind === 'redis' && l.port === 'redis') {
      if (redis === undefined) redis = [l, t];
      else if (redis[1] !== t) manyRedis = true;
    } else if (t.kind === 'redis-sentinel' && l.port === 'sentinel') {
      if (sentinel === undefined) sentinel = [l, t];
      else if (sentinel[1] !== t) manySentinels = true;
    }
  }
  if (!manyDatabases && !manyRedis && !manySentinels) {
    const kvPick = sentinel ?? redis;
    const out: { database?: Connection; kv?: Connection; ambiguous: NextauthConnections['ambiguous'] } = {
      ambiguous: NONE,
    };
    if (database) out.database = derive(nextauth, 'database', database[0], database[1]);
    if (kvPick) out.kv = derive(nextauth, 'kv', kvPick[0], kvPick[1]);
    return out;
  }
  return slowPath(lookup, nextauth, manyDatabases, sentinel !== undefined ? manySentinels : manyRedis);
}

const NONE: NextauthConnections['ambiguous'] = Object.freeze([]);

/** The rare drawing with two targets for one role: collect every link of that role for the message. */
function slowPath(
  lookup: ConnectionLookup,
  nextauth: Component,
  dbAmbiguous: boolean,
  kvAmbiguous: boolean,
): NextauthConnections {
  const links = {
    database: [] as [Link, Component][],
    redis: [] as [Link, Component][],
    sentinel: [] as [Link, Component][],
  };
  for (const l of lookup.linksFrom(nextauth.id)) {
    const t = lookup.componentById.get(l.to);
    if (t?.kind === 'database' && l.port === 'db') links.database.push([l, t]);
    else if (t?.kind === 'redis' && l.port === 'redis') links.redis.push([l, t]);
    else if (t?.kind === 'redis-sentinel' && l.port === 'sentinel') links.sentinel.push([l, t]);
  }
  const kvList = links.sentinel.length > 0 ? links.sentinel : links.redis;
  const ambiguous: { role: ConnectionRole; links: Link[] }[] = [];
  if (dbAmbiguous) ambiguous.push({ role: 'database', links: links.database.map(([l]) => l) });
  if (kvAmbiguous) ambiguous.push({ role: 'kv', links: kvList.map(([l]) => l) });
  const db = links.database[0];
  const kv = kvList[0];
  return {
    ...(!dbAmbiguous && db ? { database: derive(nextauth, 'database', db[0], db[1]) } : {}),
    ...(!kvAmbiguous && kv ? { kv: derive(nextauth, 'kv', kv[0], kv[1]) } : {}),
    ambiguous,
  };
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

function literalOf(c: Component, name: string): string | undefined {
  const v = Object.hasOwn(c.environment, name) ? c.environment[name] : undefined;
  return v?.type === 'literal' && v.value.trim() !== '' ? v.value.trim() : undefined;
}

function derive(source: Component, role: ConnectionRole, link: Link, target: Component): Connection {
  const variable = VARIABLE_OF[role];
  const override = Object.hasOwn(source.environment, variable) ? source.environment[variable] : undefined;
  const port = portNumber(target, link.port) ?? 0;
  const host = hostOf(target);
  let scheme: string;
  let uri: string | undefined;
  let problem: ConnectionProblem | undefined;
  let account: Connection['account'];
  let master: string | undefined;
  if (role === 'kv') {
    const sentinel = target.kind === 'redis-sentinel';
    scheme = sentinel ? 'redis-sentinel' : 'redis';
    if (host === undefined) problem = { code: 'no-external-host' };
    else if (!sentinel) uri = `redis://${host}:${port}`;
    else {
      master = sentinelMaster(target);
      uri = `redis-sentinel://${host}:${port}/${master}`;
    }
  } else {
    const flavour = (target.flavour ?? 'mysql') as DatabaseFlavour;
    scheme = DB_SCHEME[flavour];
    const vars = DB_ACCOUNT[flavour];
    const user = literalOf(target, vars.user) ?? vars.defaultUser;
    // Without a database variable, PostgreSQL names the database after the user; MySQL and MariaDB create none.
    const database = literalOf(target, vars.database) ?? (flavour === 'postgres' ? user : undefined);
    const password = Object.hasOwn(target.environment, vars.password) ? target.environment[vars.password] : undefined;
    if (host === undefined) problem = { code: 'no-external-host' };
    else if (user === undefined) problem = { code: 'no-user', variable: vars.user };
    else if (database === undefined) problem = { code: 'no-database', variable: vars.database };
    else if (password === undefined) problem = { code: 'no-password', variable: vars.password };
    else if (password.type === 'literal') problem = { code: 'literal-password', variable: vars.password };
    // A customer-run server already has its password: a generated one could never match it.
    else if (password.type === 'secret' && isExternal(target))
      problem = { code: 'external-secret', variable: vars.password };
    else {
      account = { user, database, passwordVar: vars.password };
      // Names are percent-encoded: the driver decodes them, and a `@` or `/` in one must not end the part early.
      const base = `${scheme}://${encodeURIComponent(user)}:\${${vars.password}}@${host}:${port}/${encodeURIComponent(database)}`;
      uri = flavour === 'postgres' ? base : `${base}?loc=Local`;
    }
  }
  const out: {
    -readonly [K in keyof Connection]: Connection[K];
  } = { role, variable, source, link, target, scheme, host: host ?? '', port };
  if (account !== undefined) out.account = account;
  if (master !== undefined) out.master = master;
  if (uri !== undefined) out.uri = uri;
  if (problem !== undefined) out.problem = problem;
  if (override !== undefined) out.override = override;
  return out;
}
