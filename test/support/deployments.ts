/**
 * Plausible nextAuth deployments for property tests: what an architect would draw from the
 * templates (an entry point, nextauth, mgmt, a database, Redis or Sentinel, the clients and the
 * external services), varied in everything that decides how the exported stack connects — entry
 * point and proxy flavours, instance counts, port overrides, internal or customer-run servers,
 * zones, hosts and paths, published ports, typed connection overrides — then changed by a few
 * random mutations and, for about half of them, repaired with the checker's own quick fixes.
 * Unlike `arbitraryProject` (any valid file, nearly always full of errors), a large share of
 * these projects has no checker errors, so "no errors ⇒ coherent stack" is tested on stacks an
 * operator would really run — and the rest has errors a real drawing has.
 *
 * The arbitrary is a record of plain choices mapped through `buildDeployment`, so fast-check
 * shrinks a counterexample choice by choice (fewer mutations, fewer replicas, no zones, …).
 */
import fc from 'fast-check';
import { componentDefaults } from '../../shared/catalog/index';
import { routeUrl } from '../../shared/model/constraints';
import {
  FORMAT_VERSION,
  type Component,
  type ComponentId,
  type ComponentKind,
  type DatabaseFlavour,
  type EnvValue,
  type Flavour,
  type Link,
  type LinkId,
  type Project,
  type ProxyFlavour,
  type Publish,
  type Route,
  type RouteId,
  type RouteScheme,
  type Zone,
  type ZoneId,
} from '../../shared/model/types';
import { applyFix, checkProject } from '../../shared/rules/engine';

// ---------------------------------------------------------------------------------------------
// The choices

export const PROXY_FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];
const DATABASE_FLAVOURS: readonly DatabaseFlavour[] = ['mysql', 'mariadb', 'postgres'];

export interface NextauthChoice {
  readonly replicas: number;
  /** Port overrides on the nextauth ports (ws, mobile, rest). */
  readonly ports: { readonly ws?: number; readonly mobile?: number; readonly rest?: number };
  /** TLS on the WebSocket port (NEXTAUTH_WS_TLS_*), with the proxy re-encrypting to it. */
  readonly wsTls: boolean;
  /** Index of the entry point serving its public URLs (modulo the number of entry points). */
  readonly entry: number;
}

export interface DatabaseChoice {
  readonly id: string;
  readonly flavour: DatabaseFlavour;
  /** Run by the customer: `properties: { external: true, host }`. */
  readonly external: boolean;
  /** How the account is drawn: the defaults, other names, or only what the image requires. */
  readonly account: 'default' | 'custom' | 'minimal';
  readonly port?: number;
}

export interface KvChoice {
  readonly mode: 'none' | 'redis' | 'sentinel';
  readonly redisId: string;
  readonly redisPort?: number;
  readonly sentinelPort?: number;
  readonly sentinelReplicas: number;
  /** nextauth also links to the Redis itself, as the HA template draws it. */
  readonly alsoLinkRedis: boolean;
  /** Sentinel's `master` property; undefined keeps the default. */
  readonly master?: string;
  /** The Redis is a server the customer runs. */
  readonly external: boolean;
}

/** How a typed connection override relates to what the drawing says. */
export type OverrideKind =
  | 'exact'
  | 'no-port'
  | 'postgresql'
  | 'uppercase-host'
  | 'wrong-host'
  | 'other-service'
  | 'wrong-port'
  | 'wrong-scheme'
  | 'wrong-password'
  | 'wrong-user'
  | 'wrong-database'
  | 'wrong-master'
  | 'no-loc'
  | 'rediss'
  | 'memory'
  | 'input'
  | 'own-password'
  | 'extra-query';

export type Mutation =
  | { readonly type: 'drop-link'; readonly pick: number }
  | { readonly type: 'drop-route'; readonly pick: number }
  | { readonly type: 'duplicate-host-port' }
  | { readonly type: 'replicas-without-redis'; readonly replicas: number }
  | { readonly type: 'drop-kv' }
  | { readonly type: 'orphan'; readonly kind: 'redis' | 'database' | 'redis-sentinel' }
  | { readonly type: 'ws-url'; readonly how: 'missing' | 'other-host' | 'other-path' }
  | { readonly type: 'unpublished-route-port' }
  | { readonly type: 'nextauth-publishes'; readonly hostPort: number }
  | { readonly type: 'stray-uri'; readonly correct: boolean; readonly onMgmt: boolean }
  | { readonly type: 'second-kv-link' }
  | { readonly type: 'move-port'; readonly target: 'db' | 'redis' | 'sentinel' | 'ws'; readonly port: number }
  | { readonly type: 'mobile-over-http' }
  | { readonly type: 'external-without-host' }
  | { readonly type: 'entry-replicas'; readonly replicas: number }
  | { readonly type: 'sentinel-master'; readonly master: string };

export interface DeploymentChoices {
  readonly name: string;
  readonly registry: string;
  readonly tag: string;
  readonly zones: boolean;
  readonly entry:
    { readonly kind: 'portmap' } | { readonly kind: 'proxies'; readonly flavours: readonly ProxyFlavour[] };
  /** Proxies only: the first one publishes 8080/8443 instead of 80/443 (a second one always takes the other pair). */
  readonly altPorts: boolean;
  /** Public URLs told apart by host name, or by path on one host. */
  readonly urls: 'hosts' | 'paths';
  readonly domain: string;
  readonly nextauth: readonly NextauthChoice[];
  readonly mgmt: {
    readonly ports: readonly ('dashboard' | 'accounts' | 'idp')[];
    readonly http: boolean;
    readonly entry: number;
    /** A port override on the dashboard (nextAuth's images: no file states it, the drawing does). */
    readonly dashboardPort: number | undefined;
  } | null;
  readonly restRoute: boolean;
  readonly businessApp: boolean;
  readonly push: boolean;
  readonly database: DatabaseChoice;
  readonly kv: KvChoice;
  readonly overrides: {
    readonly db: OverrideKind | undefined;
    readonly kv: OverrideKind | undefined;
    readonly allNextauth: boolean;
  };
  readonly mutations: readonly Mutation[];
  /** Apply the checker's quick fixes until no fixable error is left. */
  readonly fix: boolean;
}

/** True about one time in five. */
const rarely: fc.Arbitrary<boolean> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);

/** The value one time in three, otherwise nothing. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const optionalPort = (ports: readonly number[]) =>
  fc.option(fc.constantFrom(...ports), { nil: undefined, freq: 2 }) as fc.Arbitrary<number | undefined>;

const nextauthChoice: fc.Arbitrary<NextauthChoice> = fc.record({
  replicas: fc.integer({ min: 1, max: 4 }),
  ports: fc.record(
    // 8889 and 8888 are the Mobile API's and the REST API's own numbers: two ports of one container on one number.
    {
      ws: fc.constantFrom(8010, 9009, 18009, 8010, 9009, 18009, 8889),
      mobile: fc.constantFrom(8890, 9889, 8890, 9889, 8888),
      rest: fc.constantFrom(8080, 9888),
    },
    { requiredKeys: [] },
  ),
  wsTls: rarely,
  entry: fc.nat({ max: 1 }),
});

const overrideKind = fc.constantFrom<OverrideKind>(
  'exact',
  'exact',
  'exact',
  'exact',
  'exact',
  'no-port',
  'postgresql',
  'uppercase-host',
  'wrong-host',
  'other-service',
  'wrong-port',
  'wrong-scheme',
  'wrong-password',
  'wrong-user',
  'wrong-database',
  'wrong-master',
  'no-loc',
  'rediss',
  'memory',
  'input',
  'own-password',
  'extra-query',
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ type: fc.constant('drop-link' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('drop-route' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('duplicate-host-port' as const) }),
  fc.record({ type: fc.constant('drop-kv' as const) }),
  fc.record({ type: fc.constant('replicas-without-redis' as const), replicas: fc.integer({ min: 2, max: 4 }) }),
  fc.record({
    type: fc.constant('orphan' as const),
    kind: fc.constantFrom('redis' as const, 'database' as const, 'redis-sentinel' as const),
  }),
  fc.record({
    type: fc.constant('ws-url' as const),
    how: fc.constantFrom('missing' as const, 'other-host' as const, 'other-path' as const),
  }),
  fc.record({ type: fc.constant('unpublished-route-port' as const) }),
  fc.record({ type: fc.constant('nextauth-publishes' as const), hostPort: fc.constantFrom(443, 8888, 8009) }),
  fc.record({ type: fc.constant('stray-uri' as const), correct: fc.boolean(), onMgmt: fc.boolean() }),
  fc.record({ type: fc.constant('second-kv-link' as const) }),
  fc.record({
    type: fc.constant('move-port' as const),
    target: fc.constantFrom('db' as const, 'redis' as const, 'sentinel' as const, 'ws' as const),
    port: fc.constantFrom(3307, 5433, 6380, 26380, 9010),
  }),
  fc.record({ type: fc.constant('mobile-over-http' as const) }),
  fc.record({ type: fc.constant('external-without-host' as const) }),
  fc.record({ type: fc.constant('entry-replicas' as const), replicas: fc.integer({ min: 2, max: 3 }) }),
  fc.record({
    type: fc.constant('sentinel-master' as const),
    master: fc.constantFrom('mymaster', 'auth.cache', 'a b'),
  }),
);

export const deploymentChoices: fc.Arbitrary<DeploymentChoices> = fc.record({
  name: fc.constantFrom('nextAuth', 'Acme login', 'auth-prod', 'HA nextAuth (EU)'),
  registry: fc.constantFrom('', '', 'registry.example.com/nextauth'),
  tag: fc.constantFrom('latest', '1.10', '4.2.0'),
  zones: fc.boolean(),
  entry: fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'portmap' as const }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('proxies' as const),
        flavours: fc.array(fc.constantFrom(...PROXY_FLAVOURS), { minLength: 1, maxLength: 2 }),
      }),
    },
  ),
  altPorts: fc.boolean(),
  urls: fc.constantFrom('hosts' as const, 'paths' as const),
  domain: fc.constantFrom('example.com', 'auth.acme.test', 'Login.Example.ORG'),
  nextauth: fc.array(nextauthChoice, { minLength: 1, maxLength: 3 }),
  mgmt: fc.option(
    fc.record({
      ports: fc.subarray(['dashboard', 'accounts', 'idp'] as const),
      http: fc.boolean(),
      entry: fc.nat({ max: 1 }),
      dashboardPort: optionalPort([8081, 9080]),
    }),
    { nil: null, freq: 3 },
  ),
  restRoute: fc.boolean(),
  businessApp: fc.boolean(),
  push: fc.boolean(),
  database: fc.record({
    id: fc.constantFrom('mysql', 'db', 'MainDB', 'sql_1'),
    flavour: fc.constantFrom(...DATABASE_FLAVOURS),
    external: fc.boolean(),
    account: fc.constantFrom<DatabaseChoice['account']>('default', 'default', 'default', 'custom', 'custom', 'minimal'),
    port: optionalPort([3306, 3307, 5432, 5433, 13306]),
  }),
  kv: fc.record({
    mode: fc.constantFrom('none' as const, 'redis' as const, 'redis' as const, 'sentinel' as const),
    redisId: fc.constantFrom('redis', 'cache', 'Redis-1'),
    redisPort: optionalPort([6379, 6380, 16379]),
    sentinelPort: optionalPort([26379, 26380, 5000]),
    sentinelReplicas: fc.integer({ min: 1, max: 3 }),
    alsoLinkRedis: fc.boolean(),
    master: fc.option(fc.constantFrom('nextauth', 'mymaster', 'auth.cache'), { nil: undefined }),
    external: rarely,
  }),
  overrides: fc.record({ db: sometimes(overrideKind), kv: sometimes(overrideKind), allNextauth: fc.boolean() }),
  mutations: fc.oneof(
    { weight: 9, arbitrary: fc.constant([]) },
    { weight: 8, arbitrary: fc.tuple(mutation) },
    { weight: 3, arbitrary: fc.tuple(mutation, mutation) },
  ),
  fix: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// The drawing

/** A project under construction: unique ids (case-insensitively, since they become host names), a position grid. */
class Drawing {
  readonly zones: Zone[] = [];
  readonly components: Component[] = [];
  readonly links: Link[] = [];
  routes: Route[] = [];
  private readonly used = new Set<string>();

  id(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    this.used.add(id.toLowerCase());
    return id;
  }

  zone(id: string, name: string, kind: Zone['kind']): ZoneId {
    const zone: Zone = { id: this.id(id) as ZoneId, name, kind };
    this.zones.push(zone);
    return zone.id;
  }

  component(
    kind: ComponentKind,
    base: string,
    name: string,
    options: {
      readonly flavour?: Flavour;
      readonly zone?: ZoneId | undefined;
      readonly replicas?: number;
      readonly properties?: Component['properties'];
      readonly environment?: Component['environment'];
      readonly portOverrides?: Component['portOverrides'];
      readonly publish?: readonly Publish[];
    } = {},
  ): Component {
    const i = this.components.length;
    const c: Component = {
      id: this.id(base) as ComponentId,
      kind,
      name,
      ...(options.flavour !== undefined ? { flavour: options.flavour } : {}),
      ...(options.zone !== undefined ? { zone: options.zone } : {}),
      replicas: options.replicas ?? 1,
      properties: options.properties ?? {},
      environment: options.environment ?? {},
      portOverrides: options.portOverrides ?? {},
      publish: options.publish ?? [],
      position: { x: (i % 5) * 320, y: Math.floor(i / 5) * 160 },
    };
    this.components.push(c);
    return c;
  }

  update(id: string, change: (c: Component) => Component): void {
    const i = this.components.findIndex((c) => c.id === id);
    if (i >= 0) this.components[i] = change(this.components[i]!);
  }

  get(id: string): Component {
    return this.components.find((c) => c.id === id)!;
  }

  link(from: Component, to: Component, port: string): void {
    this.links.push({ id: this.id(`${from.id}-to-${to.id}`) as LinkId, from: from.id, to: to.id, port });
  }

  route(r: Omit<Route, 'id' | 'publicPort'> & { readonly publicPort: number }, base: string): Route {
    const standard = r.scheme === 'https' || r.scheme === 'wss' ? 443 : 80;
    const { publicPort, ...rest } = r;
    const route: Route = { ...rest, id: this.id(base) as RouteId, ...(publicPort !== standard ? { publicPort } : {}) };
    this.routes.push(route);
    return route;
  }

  project(choices: DeploymentChoices): Project {
    return {
      format: FORMAT_VERSION,
      meta: { name: choices.name, description: 'Generated by test/support/deployments.ts.' },
      settings: { registry: choices.registry, tag: choices.tag },
      zones: this.zones,
      components: this.components,
      links: this.links,
      routes: this.routes,
      suppressions: [],
    };
  }
}

const SECRET: EnvValue = { type: 'secret', length: 32 };
const literal = (value: string): EnvValue => ({ type: 'literal', value });
const input = (prompt: string): EnvValue => ({ type: 'input', prompt });

/** The image variables of the account nextauth logs in with, per flavour. */
export const ACCOUNT_VARS: Readonly<
  Record<
    DatabaseFlavour,
    { readonly user: string; readonly password: string; readonly database: string; readonly root?: string }
  >
> = {
  mysql: { user: 'MYSQL_USER', password: 'MYSQL_PASSWORD', database: 'MYSQL_DATABASE', root: 'MYSQL_ROOT_PASSWORD' },
  mariadb: {
    user: 'MARIADB_USER',
    password: 'MARIADB_PASSWORD',
    database: 'MARIADB_DATABASE',
    root: 'MARIADB_ROOT_PASSWORD',
  },
  postgres: { user: 'POSTGRES_USER', password: 'POSTGRES_PASSWORD', database: 'POSTGRES_DB' },
};

const DEFAULT_DB_PORT: Readonly<Record<DatabaseFlavour, number>> = { mysql: 3306, mariadb: 3306, postgres: 5432 };

function databaseEnvironment(choice: DatabaseChoice): Record<string, EnvValue> {
  const vars = ACCOUNT_VARS[choice.flavour];
  // A customer-run server has its own password, which the operator types into `.env`.
  const password = choice.external ? input('Password of the nextauth account on the customer’s server') : SECRET;
  switch (choice.account) {
    case 'default': {
      const env: Record<string, EnvValue> = { ...componentDefaults('database', choice.flavour).environment };
      if (choice.external) {
        env[vars.password] = password;
        if (vars.root) delete env[vars.root];
      }
      return env;
    }
    case 'custom':
      return {
        [vars.database]: literal('authdb'),
        [vars.user]: literal('auth_svc'),
        [vars.password]: password,
        ...(vars.root && !choice.external ? { [vars.root]: SECRET } : {}),
      };
    case 'minimal':
      // Only what the image insists on: the root (MySQL, MariaDB) or superuser (PostgreSQL) password.
      return { [vars.root ?? vars.password]: password };
  }
}

const EXTERNAL_DB_HOST = 'db.customer.example';
const EXTERNAL_REDIS_HOST = 'redis.customer.example';

interface Built {
  readonly d: Drawing;
  readonly entries: readonly { readonly c: Component; readonly http: number; readonly https: number }[];
  readonly nextauth: readonly Component[];
  readonly database: Component;
  readonly redis?: Component;
  readonly sentinel?: Component;
  readonly mgmt?: Component;
  readonly zoneOf: (role: 'internet' | 'dmz' | 'internal' | 'datacenter') => ZoneId | undefined;
}

function draw(ch: DeploymentChoices): Built {
  const d = new Drawing();
  const externalAnything = ch.database.external || ch.kv.external;
  const zones = ch.zones
    ? {
        internet: d.zone('internet', 'Internet', 'internet'),
        dmz: d.zone('dmz', 'Edge (DMZ)', 'dmz'),
        internal: d.zone('internal', 'Compose network', 'internal'),
        ...(externalAnything ? { datacenter: d.zone('datacenter', 'Customer data centre', 'host') } : {}),
      }
    : undefined;
  const zoneOf = (role: 'internet' | 'dmz' | 'internal' | 'datacenter') => zones?.[role];

  const mobile = d.component('mobile-app', 'mobile-app', 'Mobile app', { zone: zoneOf('internet') });
  const admin = d.component('browser-user', 'admin', 'Administrator', { zone: zoneOf('internet') });

  const entries =
    ch.entry.kind === 'portmap'
      ? [
          {
            c: d.component('nextauth-portmap', 'portmap', 'portmap', {
              zone: zoneOf('dmz'),
              publish: componentDefaults('nextauth-portmap').publish,
            }),
            http: 80,
            https: 443,
          },
        ]
      : ch.entry.flavours.map((flavour, i) => {
          const alt = (i === 0) === ch.altPorts;
          const http = alt ? 8080 : 80;
          const https = alt ? 8443 : 443;
          const c = d.component(
            'reverse-proxy',
            i === 0 ? 'proxy' : 'edge',
            i === 0 ? 'Reverse proxy' : 'Second proxy',
            {
              flavour,
              zone: zoneOf('dmz'),
              publish: [
                { port: 'http', hostPort: http },
                { port: 'https', hostPort: https },
              ],
            },
          );
          return { c, http, https };
        });
  d.link(mobile, entries[0]!.c, 'https');
  d.link(admin, entries[0]!.c, 'https');

  const license = d.component('license-server', 'license', 'nextAuth license server', { zone: zoneOf('internet') });
  const push = ch.push
    ? [
        d.component('push-fcm', 'fcm', 'Firebase Cloud Messaging', { zone: zoneOf('internet') }),
        d.component('push-apns', 'apns', 'Apple Push Notification service', { zone: zoneOf('internet') }),
      ]
    : [];

  const db = ch.database;
  const database = d.component('database', db.id, `${db.flavour} database`, {
    flavour: db.flavour,
    zone: zoneOf(db.external ? 'datacenter' : 'internal'),
    properties: db.external ? { external: true, host: EXTERNAL_DB_HOST } : {},
    environment: databaseEnvironment(db),
    portOverrides: db.port !== undefined ? { db: db.port } : {},
  });

  // An architect draws Redis once nextauth runs more than one instance; `drop-kv` takes it away again.
  const instances = ch.nextauth.reduce((n, x) => n + x.replicas, 0);
  const kv: KvChoice = ch.kv.mode === 'none' && instances > 1 ? { ...ch.kv, mode: 'redis' } : ch.kv;
  const redis =
    kv.mode === 'none'
      ? undefined
      : d.component('redis', kv.redisId, 'Redis', {
          zone: zoneOf(kv.external ? 'datacenter' : 'internal'),
          properties: kv.external ? { external: true, host: EXTERNAL_REDIS_HOST } : {},
          portOverrides: kv.redisPort !== undefined ? { redis: kv.redisPort } : {},
        });
  const sentinel =
    kv.mode === 'sentinel'
      ? d.component('redis-sentinel', 'sentinel', 'Redis Sentinel', {
          zone: zoneOf('internal'),
          replicas: kv.sentinelReplicas,
          properties: kv.master !== undefined ? { master: kv.master } : {},
          portOverrides: kv.sentinelPort !== undefined ? { sentinel: kv.sentinelPort } : {},
        })
      : undefined;
  if (sentinel && redis) d.link(sentinel, redis, 'redis');

  const domain = ch.domain;
  const nextauth = ch.nextauth.map((n, k) => {
    const suffix = k === 0 ? '' : String(k + 1);
    const entry = entries[n.entry % entries.length]!;
    const portOverrides: Record<string, number> = {};
    if (n.ports.ws !== undefined) portOverrides.ws = n.ports.ws;
    if (n.ports.mobile !== undefined) portOverrides.mobile = n.ports.mobile;
    if (n.ports.rest !== undefined) portOverrides.rest = n.ports.rest;
    const c = d.component('nextauth', k === 0 ? 'nextauth' : `nextauth-${k + 1}`, `nextauth ${k + 1}`, {
      zone: zoneOf('internal'),
      replicas: n.replicas,
      environment: {
        ...componentDefaults('nextauth').environment,
        ...(n.wsTls
          ? {
              NEXTAUTH_WS_TLS_CERT: input('Certificate of the WebSocket port (PEM)'),
              NEXTAUTH_WS_TLS_KEY: input('Private key of the WebSocket port (PEM)'),
            }
          : {}),
      },
      portOverrides,
    });
    const ws = d.route(
      {
        via: entry.c.id,
        scheme: 'wss',
        host: ch.urls === 'hosts' ? `auth${suffix}.${domain}` : `auth.${domain}`,
        publicPort: entry.https,
        path: ch.urls === 'hosts' ? '/' : `/ws${suffix}/`,
        target: c.id,
        port: 'ws',
        tls: { terminate: true, reencrypt: n.wsTls },
      },
      k === 0 ? 'ws' : `ws-${k + 1}`,
    );
    d.route(
      {
        via: entry.c.id,
        scheme: 'https',
        host: ch.urls === 'hosts' ? `mobile${suffix}.${domain}` : `auth.${domain}`,
        publicPort: entry.https,
        path: ch.urls === 'hosts' ? '/' : `/mobile${suffix}/`,
        target: c.id,
        port: 'mobile',
        tls: { terminate: true, reencrypt: false },
      },
      k === 0 ? 'mobile-api' : `mobile-api-${k + 1}`,
    );
    d.update(c.id, (x) => ({
      ...x,
      environment: { ...x.environment, NEXTAUTH_DEFAULT_WS_URL: literal(routeUrl(ws)) },
    }));
    d.link(c, database, 'db');
    if (sentinel) {
      d.link(c, sentinel, 'sentinel');
      if (redis && kv.alsoLinkRedis) d.link(c, redis, 'redis');
    } else if (redis) d.link(c, redis, 'redis');
    d.link(c, license, 'https');
    for (const p of push) d.link(c, p, 'https');
    return d.get(c.id);
  });

  let mgmt: Component | undefined;
  if (ch.mgmt) {
    mgmt = d.component('nextauth-mgmt', 'mgmt', 'mgmt', {
      zone: zoneOf('internal'),
      portOverrides: ch.mgmt.dashboardPort !== undefined ? { dashboard: ch.mgmt.dashboardPort } : {},
    });
    d.link(mgmt, nextauth[0]!, 'rest');
    const entry = entries[ch.mgmt.entry % entries.length]!;
    // portmap serves https:// only (NA029); a reverse proxy may also serve the UIs over plain http (NA017 warns).
    const plain = ch.mgmt.http && entry.c.kind === 'reverse-proxy';
    for (const port of ch.mgmt.ports) {
      d.route(
        {
          via: entry.c.id,
          scheme: plain ? 'http' : 'https',
          host: ch.urls === 'hosts' ? `${port}.${domain}` : `auth.${domain}`,
          publicPort: plain ? entry.http : entry.https,
          path: ch.urls === 'hosts' ? '/' : `/${port}/`,
          target: mgmt.id,
          port,
          tls: { terminate: !plain, reencrypt: false },
        },
        port,
      );
    }
  }
  if (ch.restRoute && entries[0]!.c.kind === 'reverse-proxy') {
    d.route(
      {
        via: entries[0]!.c.id,
        scheme: 'https',
        host: ch.urls === 'hosts' ? `api.${domain}` : `auth.${domain}`,
        publicPort: entries[0]!.https,
        path: ch.urls === 'hosts' ? '/' : '/api/',
        target: nextauth[0]!.id,
        port: 'rest',
        tls: { terminate: true, reencrypt: false },
      },
      'rest-api',
    );
  }
  if (ch.businessApp) {
    const app = d.component('business-app', 'business-app', 'Business application', { zone: zoneOf('internal') });
    d.link(app, nextauth[0]!, 'rest');
  }
  return {
    d,
    entries,
    nextauth,
    database: d.get(database.id),
    ...(redis ? { redis: d.get(redis.id) } : {}),
    ...(sentinel ? { sentinel: d.get(sentinel.id) } : {}),
    ...(mgmt ? { mgmt } : {}),
    zoneOf,
  };
}

// ---------------------------------------------------------------------------------------------
// Typed connection overrides

const envLiteral = (c: Component, name: string): string | undefined => {
  const v = Object.hasOwn(c.environment, name) ? c.environment[name] : undefined;
  return v?.type === 'literal' ? v.value : undefined;
};

const hostOfComponent = (c: Component): string =>
  c.properties.external === true && typeof c.properties.host === 'string' ? c.properties.host : c.id.toLowerCase();

/** The database URI as the drawing says it, and the variants an override may take. */
function databaseOverride(database: Component, other: string, kind: OverrideKind): EnvValue {
  const flavour = (database.flavour ?? 'mysql') as DatabaseFlavour;
  const vars = ACCOUNT_VARS[flavour];
  const postgres = flavour === 'postgres';
  const user = envLiteral(database, vars.user) ?? (postgres ? 'postgres' : 'nextauth');
  const name = envLiteral(database, vars.database) ?? (postgres ? user : 'nextauth');
  const port = database.portOverrides.db ?? DEFAULT_DB_PORT[flavour];
  const uri = (o: {
    scheme?: string;
    user?: string;
    password?: string;
    host?: string;
    port?: number | null;
    name?: string;
    query?: string;
  }) => {
    const p = o.port === null ? '' : `:${o.port ?? port}`;
    const q = o.query ?? (postgres ? '' : '?loc=Local');
    return `${o.scheme ?? (postgres ? 'postgres' : 'mysql')}://${o.user ?? user}:${o.password ?? `\${${vars.password}}`}@${o.host ?? hostOfComponent(database)}${p}/${o.name ?? name}${q}`;
  };
  switch (kind) {
    case 'exact':
    case 'wrong-master':
    case 'rediss':
      return literal(uri({}));
    case 'no-port':
      return literal(uri({ port: null }));
    case 'postgresql':
      return literal(uri({ scheme: 'postgresql' }));
    case 'uppercase-host':
      return literal(uri({ host: hostOfComponent(database).toUpperCase() }));
    case 'wrong-host':
      return literal(uri({ host: 'sql.internal.example' }));
    case 'other-service':
      return literal(uri({ host: other }));
    case 'wrong-port':
      return literal(uri({ port: port + 1 }));
    case 'wrong-scheme':
      return literal(uri({ scheme: postgres ? 'mysql' : 'postgres' }));
    case 'wrong-password':
      return literal(uri({ password: '${NEXTAUTH_ROOT_API_KEY}' }));
    case 'wrong-user':
      return literal(uri({ user: postgres ? 'nextauth_ro' : 'root' }));
    case 'wrong-database':
      return literal(uri({ name: 'other' }));
    case 'no-loc':
      return literal(uri({ query: '' }));
    case 'memory':
      return literal(':memory:');
    case 'input':
      return input('Database URI');
    case 'own-password':
      // As the HA template of format 1 drew it: the password as an operator input on nextauth itself.
      return literal(uri({ password: '${NEXTAUTH_DB_PASSWORD}' }));
    case 'extra-query':
      return literal(uri({ query: postgres ? '?sslmode=disable' : '?loc=Local&parseTime=true' }));
  }
}

/** The key-value URI as the drawing says it (Sentinel when linked, else Redis), and its variants. */
function kvOverride(target: Component, other: string, kind: OverrideKind): EnvValue {
  const sentinel = target.kind === 'redis-sentinel';
  const port = sentinel ? (target.portOverrides.sentinel ?? 26379) : (target.portOverrides.redis ?? 6379);
  const master = typeof target.properties.master === 'string' ? target.properties.master : 'nextauth';
  const uri = (o: { scheme?: string; auth?: string; host?: string; port?: number | null; path?: string }) => {
    const p = o.port === null ? '' : `:${o.port ?? port}`;
    const path = o.path ?? (sentinel ? `/${master}` : '');
    return `${o.scheme ?? (sentinel ? 'redis-sentinel' : 'redis')}://${o.auth ?? ''}${o.host ?? hostOfComponent(target)}${p}${path}`;
  };
  switch (kind) {
    case 'exact':
    case 'postgresql':
    case 'no-loc':
    case 'wrong-user':
      return literal(uri({}));
    case 'no-port':
      return literal(uri({ port: null }));
    case 'uppercase-host':
      return literal(uri({ host: hostOfComponent(target).toUpperCase() }));
    case 'wrong-host':
      return literal(uri({ host: 'cache.internal.example' }));
    case 'other-service':
      return literal(uri({ host: other }));
    case 'wrong-port':
      return literal(uri({ port: port + 1 }));
    case 'wrong-scheme':
      return literal(uri({ scheme: sentinel ? 'redis' : 'redis-sentinel', path: sentinel ? '' : '/nextauth' }));
    case 'wrong-password':
      return literal(uri({ auth: ':${NEXTAUTH_ROOT_API_KEY}@' }));
    case 'wrong-database':
      return literal(uri({ path: sentinel ? `/${master}/1` : '/1' }));
    case 'wrong-master':
      return literal(uri({ path: sentinel ? '/other-master' : '' }));
    case 'rediss':
      return literal(uri({ scheme: sentinel ? 'rediss-sentinel' : 'rediss' }));
    case 'memory':
      return literal('');
    case 'input':
      return input('Key-value store URI');
    case 'own-password':
      return literal(uri({ auth: ':${NEXTAUTH_KV_PASSWORD}@' }));
    case 'extra-query':
      return literal(uri({ path: sentinel ? `/${master}` : '/0' }));
  }
}

const setEnv = (d: Drawing, id: string, name: string, value: EnvValue | undefined): void =>
  d.update(id, (c) => {
    const environment = { ...c.environment };
    if (value === undefined) delete environment[name];
    else environment[name] = value;
    return { ...c, environment };
  });

// ---------------------------------------------------------------------------------------------
// Mutations: what goes wrong in a real drawing

function mutate(b: Built, ch: DeploymentChoices, m: Mutation): void {
  const { d } = b;
  const first = b.nextauth[0]!;
  switch (m.type) {
    case 'drop-link': {
      const candidates = d.links.filter((l) => !['mobile-app', 'browser-user'].includes(d.get(l.from).kind));
      const gone = candidates[m.pick % candidates.length];
      if (gone) d.links.splice(d.links.indexOf(gone), 1);
      return;
    }
    case 'drop-route': {
      if (d.routes.length > 0) d.routes.splice(m.pick % d.routes.length, 1);
      return;
    }
    case 'duplicate-host-port': {
      const [a, b2] = b.entries;
      if (a === undefined) return;
      if (b2 === undefined) {
        // One entry point publishing the same host port twice.
        d.update(a.c.id, (c) => ({ ...c, publish: [...c.publish, c.publish[c.publish.length - 1]!] }));
        return;
      }
      // Two entry points, the second moved to another zone, both on the first one's ports.
      d.update(b2.c.id, (c) => ({
        ...c,
        publish: c.publish.map((p) => ({ ...p, hostPort: p.port === 'http' ? a.http : a.https })),
        ...(b.zoneOf('internal') !== undefined ? { zone: b.zoneOf('internal')! } : {}),
      }));
      d.routes = d.routes.map((r) => {
        if (r.via !== b2.c.id) return r;
        const { publicPort: _old, ...rest } = r;
        const port = r.scheme === 'https' || r.scheme === 'wss' ? a.https : a.http;
        return { ...rest, ...(port !== 443 && port !== 80 ? { publicPort: port } : {}) };
      });
      return;
    }
    case 'replicas-without-redis': {
      d.update(first.id, (c) => ({ ...c, replicas: m.replicas }));
      for (let i = d.links.length - 1; i >= 0; i--) {
        const l = d.links[i]!;
        const to = d.get(l.to).kind;
        if (l.from === first.id && (to === 'redis' || to === 'redis-sentinel')) d.links.splice(i, 1);
      }
      return;
    }
    case 'drop-kv': {
      // No Redis at all, whatever the instance count (three components of one replica included).
      for (let i = d.links.length - 1; i >= 0; i--) {
        const l = d.links[i]!;
        const to = d.get(l.to).kind;
        if (d.get(l.from).kind === 'nextauth' && (to === 'redis' || to === 'redis-sentinel')) d.links.splice(i, 1);
      }
      return;
    }
    case 'orphan': {
      if (m.kind === 'database') {
        d.component('database', 'reports-db', 'Reports database', {
          flavour: 'mysql',
          zone: b.zoneOf('internal'),
          environment: componentDefaults('database', 'mysql').environment,
        });
      } else
        d.component(m.kind, m.kind === 'redis' ? 'spare-redis' : 'spare-sentinel', 'Spare', {
          zone: b.zoneOf('internal'),
        });
      return;
    }
    case 'ws-url': {
      const current = envLiteral(d.get(first.id), 'NEXTAUTH_DEFAULT_WS_URL') ?? `wss://auth.${ch.domain}/`;
      const value =
        m.how === 'missing'
          ? undefined
          : literal(m.how === 'other-host' ? `wss://other.${ch.domain.toLowerCase()}/` : `${current}x/`);
      setEnv(d, first.id, 'NEXTAUTH_DEFAULT_WS_URL', value);
      return;
    }
    case 'unpublished-route-port': {
      const r = d.routes[0];
      if (r) d.routes[0] = { ...r, publicPort: 9443 };
      return;
    }
    case 'nextauth-publishes':
      d.update(first.id, (c) => ({ ...c, publish: [{ port: 'rest', hostPort: m.hostPort }] }));
      return;
    case 'stray-uri': {
      const on = m.onMgmt && b.mgmt ? b.mgmt.id : first.id;
      const value = !m.correct
        ? 'redis://cache.internal.example:6379'
        : b.redis
          ? `redis://${hostOfComponent(b.redis)}:${b.redis.portOverrides.redis ?? 6379}`
          : `redis://${first.id.toLowerCase()}:6379`;
      setEnv(d, on, 'SESSION_CACHE_URI', literal(value));
      return;
    }
    case 'second-kv-link': {
      const extra = d.component('redis', 'redis-b', 'Second Redis', { zone: b.zoneOf('internal') });
      d.link(first, extra, 'redis');
      return;
    }
    case 'move-port': {
      const [id, name] =
        m.target === 'db'
          ? [b.database.id, 'db']
          : m.target === 'redis'
            ? [b.redis?.id, 'redis']
            : m.target === 'sentinel'
              ? [b.sentinel?.id, 'sentinel']
              : [first.id, 'ws'];
      if (id !== undefined) d.update(id, (c) => ({ ...c, portOverrides: { ...c.portOverrides, [name]: m.port } }));
      return;
    }
    case 'mobile-over-http': {
      const i = d.routes.findIndex((r) => r.target === first.id && r.port === 'mobile');
      const r = d.routes[i];
      if (r === undefined) return;
      const entry = b.entries.find((e) => e.c.id === r.via)!;
      const { publicPort: _old, ...rest } = r;
      const scheme: RouteScheme = 'http';
      d.routes[i] = {
        ...rest,
        scheme,
        ...(entry.http !== 80 ? { publicPort: entry.http } : {}),
        tls: { terminate: false, reencrypt: false },
      };
      return;
    }
    case 'external-without-host':
      d.update(b.database.id, (c) => {
        const { host: _host, ...properties } = c.properties;
        return { ...c, properties: { ...properties, external: true } };
      });
      return;
    case 'entry-replicas':
      d.update(b.entries[0]!.c.id, (c) => ({ ...c, replicas: m.replicas }));
      return;
    case 'sentinel-master':
      if (b.sentinel) d.update(b.sentinel.id, (c) => ({ ...c, properties: { ...c.properties, master: m.master } }));
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Building and repairing

/**
 * Applies the checker's quick fixes, one error at a time, until no error has a fix that changes
 * the project (or `maxSteps` is reached): what an architect does with the problems panel.
 */
export function fixErrors(project: Project, maxSteps = 12): Project {
  let p = project;
  for (let step = 0; step < maxSteps; step++) {
    let next: Project | undefined;
    for (const d of checkProject(p)) {
      if (d.severity !== 'error' || d.suppressed) continue;
      const fixed = applyFix(p, d);
      if (fixed !== p) {
        next = fixed;
        break;
      }
    }
    if (next === undefined) break;
    p = next;
  }
  return p;
}

export function buildDeployment(ch: DeploymentChoices): Project {
  const b = draw(ch);
  const { d } = b;
  const targets = ch.overrides.allNextauth ? b.nextauth : b.nextauth.slice(0, 1);
  const others = d.components.filter((c) => c.kind === 'nextauth-mgmt' || c.kind === 'redis' || c.kind === 'nextauth');
  for (const n of targets) {
    if (ch.overrides.db !== undefined) {
      const other = others.find((c) => c.kind !== 'nextauth')?.id.toLowerCase() ?? n.id.toLowerCase();
      setEnv(d, n.id, 'NEXTAUTH_DB_URI', databaseOverride(d.get(b.database.id), other, ch.overrides.db));
      if (ch.overrides.db === 'own-password')
        setEnv(d, n.id, 'NEXTAUTH_DB_PASSWORD', input('Password of the nextauth account on the database'));
    }
    const kvTarget = b.sentinel ?? b.redis;
    if (ch.overrides.kv !== undefined && kvTarget !== undefined) {
      setEnv(d, n.id, 'NEXTAUTH_KV_URI', kvOverride(d.get(kvTarget.id), b.database.id.toLowerCase(), ch.overrides.kv));
      if (ch.overrides.kv === 'own-password') setEnv(d, n.id, 'NEXTAUTH_KV_PASSWORD', input('Redis password'));
    }
  }
  for (const m of ch.mutations) mutate(b, ch, m);
  const project = d.project(ch);
  return ch.fix ? fixErrors(project) : project;
}

/** Plausible deployments, about half of them without checker errors. */
export const deployments: fc.Arbitrary<Project> = deploymentChoices.map(buildDeployment);
