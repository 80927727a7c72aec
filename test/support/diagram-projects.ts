/**
 * Projects for the diagram's layout tests: several nextAuth deployments ("tenants") drawn side
 * by side, as an operations team that runs them for several customers would draw them, at any
 * size (30, 100, 500, 2,000 components). Unlike `bench/generate.ts` (ten identical components per
 * site, already placed on a grid) every tenant is drawn differently — one or two entry points
 * (a reverse proxy of any flavour, or portmap), host- or path-based URLs, 1–3 nextauth replicas,
 * MySQL, MariaDB or PostgreSQL, sometimes run by the customer in a data centre zone of its own,
 * a DMZ of its own or the shared one, extra clients and a business application — and nothing is
 * placed: every position is (0, 0), so the layout decides everything.
 *
 * The projects are what the checker accepts (no errors), so the layout is tested on drawings an
 * architect would really keep. That shapes two things: the checker treats one project as one
 * host running one nextauth cluster (NA021), so every tenant's nextauth keeps its state in one
 * shared Redis (optionally behind Sentinel); and host ports are claimed once per project (NA007),
 * so only the first entry point serves on 443 — only it may be a portmap (NA029) — and the others
 * publish ports of their own. `{ redis: 'per-tenant' }` draws a Redis per tenant instead: more
 * local structure for the layout, at the price of NA021 errors.
 *
 * Deterministic: the same count, seed and options give the same project (the PRNG is the
 * export's seeded xorshift source, not `Math.random`).
 */
import { componentDefaults } from '../../shared/catalog/index';
import { seededRandom } from '../../shared/export/random';
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
  type Zone,
  type ZoneId,
} from '../../shared/model/types';
import { TEMPLATES } from '../../shared/templates/index';
import { ACCOUNT_VARS, PROXY_FLAVOURS } from './deployments';
import { template } from './fixtures';

export interface DiagramProjectOptions {
  /**
   * `shared` (default): one Redis for every tenant, as the checker requires of one project.
   * `per-tenant`: each tenant draws its own Redis (and sometimes Sentinel); NA021 then reports it.
   */
  readonly redis?: 'shared' | 'per-tenant';
}

/** The smallest project `diagramProject` draws: the shared services and one minimal tenant. */
export const MIN_DIAGRAM_COMPONENTS = 10;

const TENANTS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Aperture',
] as const;
const DATABASES: readonly DatabaseFlavour[] = ['mysql', 'mariadb', 'postgres'];
const DATABASE_LABEL: Readonly<Record<DatabaseFlavour, string>> = {
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  postgres: 'PostgreSQL',
};
const PROXY_LABEL: Readonly<Record<ProxyFlavour, string>> = {
  nginx: 'nginx',
  haproxy: 'HAProxy',
  caddy: 'Caddy',
  traefik: 'Traefik',
};
const MGMT_PORTS = ['dashboard', 'accounts', 'idp'] as const;

/** Uniform floats in [0, 1) from the export's deterministic byte source. */
function prng(seed: number): { readonly next: () => number; readonly chance: (p: number) => boolean } {
  // Spread small seeds (1, 2, 3 …) over the whole state, so neighbouring seeds draw different projects.
  const source = seededRandom(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ 0x85ebca6b);
  const next = () => {
    const b = source.bytes(4);
    return (((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) / 2 ** 32;
  };
  return { next, chance: (p) => next() < p };
}

/** What one tenant draws beyond its minimum (clients, entry point, nextauth, mgmt, database). */
interface Extras {
  secondEntry: boolean;
  businessApp: boolean;
  /** Per-tenant Redis mode only. */
  sentinel: boolean;
  extraClients: number;
}
const extraCount = (e: Extras): number =>
  Number(e.secondEntry) + Number(e.businessApp) + Number(e.sentinel) + e.extraClients;

/**
 * A project of exactly `componentCount` components (at least `MIN_DIAGRAM_COMPONENTS`), every
 * position (0, 0). See the module comment for what it draws.
 */
export function diagramProject(componentCount: number, seed: number, options: DiagramProjectOptions = {}): Project {
  if (!Number.isInteger(componentCount) || componentCount < MIN_DIAGRAM_COMPONENTS)
    throw new RangeError(`diagramProject needs at least ${MIN_DIAGRAM_COMPONENTS} components, not ${componentCount}`);
  const perTenantRedis = options.redis === 'per-tenant';
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd.next() * list.length)]!;

  const zones: Zone[] = [];
  const components: Component[] = [];
  const links: Link[] = [];
  const routes: Route[] = [];
  const zone = (id: string, name: string, kind: Zone['kind']): ZoneId => {
    if (!zones.some((z) => z.id === id)) zones.push({ id: id as ZoneId, name, kind });
    return id as ZoneId;
  };
  const add = (
    id: string,
    kind: ComponentKind,
    name: string,
    zoneId: ZoneId,
    more: {
      flavour?: Flavour;
      replicas?: number;
      properties?: Component['properties'];
      environment?: Component['environment'];
      publish?: readonly Publish[];
    } = {},
  ): Component => {
    const c: Component = {
      id: id as ComponentId,
      kind,
      name,
      ...(more.flavour !== undefined ? { flavour: more.flavour } : {}),
      zone: zoneId,
      replicas: more.replicas ?? 1,
      properties: more.properties ?? {},
      environment: more.environment ?? {},
      portOverrides: {},
      publish: more.publish ?? [],
      position: { x: 0, y: 0 },
    };
    components.push(c);
    return c;
  };
  const link = (from: Component, to: Component, port: string) =>
    links.push({ id: `${from.id}-to-${to.id}` as LinkId, from: from.id, to: to.id, port });

  // Shared services: the externals every nextauth reaches, and (by default) the one Redis.
  const internet = zone('internet', 'Internet', 'internet');
  const license = add('license', 'license-server', 'nextAuth license server', internet);
  const fcm = add('fcm', 'push-fcm', 'Firebase Cloud Messaging', internet);
  const apns = add('apns', 'push-apns', 'Apple Push Notification service', internet);
  let sharedKv: { redis: Component; sentinel?: Component; alsoRedis: boolean } | undefined;
  if (!perTenantRedis) {
    const data = zone('shared-data', 'Shared data services', 'internal');
    const redis = add('redis', 'redis', 'Shared Redis', data);
    // Sentinel costs a component; a project at the minimum size has none to spare.
    const sentinel =
      rnd.chance(0.5) && componentCount > MIN_DIAGRAM_COMPONENTS
        ? add('redis-sentinel', 'redis-sentinel', 'Redis Sentinel', data, { replicas: 3 })
        : undefined;
    if (sentinel) link(sentinel, redis, 'redis');
    sharedKv = { redis, ...(sentinel ? { sentinel } : {}), alsoRedis: rnd.chance(0.5) };
  }
  const tenantMinimum = perTenantRedis ? 7 : 6;

  let entryCount = 0;
  const entryPorts = () => {
    const e = entryCount++;
    return e === 0 ? { http: 80, https: 443 } : { http: 20_000 + e, https: 10_000 + e };
  };

  for (let t = 0; components.length < componentCount; t++) {
    const remaining = componentCount - components.length;
    const base = TENANTS[t % TENANTS.length]!;
    const round = Math.floor(t / TENANTS.length);
    const tenant = round === 0 ? base : `${base} ${round + 1}`;
    const slug = `${base.toLowerCase().replace(/ .*/, '')}${round === 0 ? '' : round + 1}`;
    const p = `t${t}-`;
    const domain = `${slug}.example.com`;

    // Optional parts: drawn at random, except that the last tenant takes exactly what is left
    // (a tenant never ends up smaller than the minimum, so none is cut short).
    const extras: Extras = {
      secondEntry: rnd.chance(0.3),
      businessApp: rnd.chance(0.25),
      sentinel: perTenantRedis && rnd.chance(0.4),
      extraClients: rnd.chance(0.3) ? 1 + Math.floor(rnd.next() * 2) : 0,
    };
    if (remaining - tenantMinimum - extraCount(extras) < tenantMinimum) {
      let spare = remaining - tenantMinimum;
      extras.secondEntry = extras.secondEntry && spare-- > 0;
      extras.businessApp = extras.businessApp && spare-- > 0;
      extras.sentinel = extras.sentinel && spare-- > 0;
      extras.extraClients = spare;
    }

    // Zones: the shared internet; a DMZ of its own or the shared one; its own network; a data
    // centre zone when the customer runs the database.
    const dmz = rnd.chance(0.5) ? zone(`${p}dmz`, `${tenant} DMZ`, 'dmz') : zone('dmz', 'Edge (DMZ)', 'dmz');
    const internal = zone(`${p}internal`, `${tenant} network`, 'internal');
    const externalDb = rnd.chance(0.2);

    // Entry points: the first one of the project may be portmap (it must serve on 443).
    const portmap = entryCount === 0 && !extras.secondEntry && rnd.chance(0.5);
    const entry = (suffix: string, label: string) => {
      const ports = entryPorts();
      const publish: Publish[] = [
        { port: 'http', hostPort: ports.http },
        { port: 'https', hostPort: ports.https },
      ];
      if (portmap)
        return { c: add(`${p}portmap`, 'nextauth-portmap', `${tenant} portmap`, dmz, { publish }), ...ports };
      const flavour = pick(PROXY_FLAVOURS);
      const c = add(`${p}${suffix}`, 'reverse-proxy', `${tenant} ${PROXY_LABEL[flavour]}${label}`, dmz, {
        flavour,
        publish,
      });
      return { c, ...ports };
    };
    const front = entry('proxy', '');
    const admin = extras.secondEntry ? entry('admin-proxy', ' (admin)') : front;

    const nextauth = add(`${p}nextauth`, 'nextauth', `${tenant} nextauth`, internal, {
      replicas: 1 + Math.floor(rnd.next() * 3),
      environment: componentDefaults('nextauth').environment,
    });
    const mgmt = add(`${p}mgmt`, 'nextauth-mgmt', `${tenant} mgmt`, internal);

    const flavour = pick(DATABASES);
    const vars = ACCOUNT_VARS[flavour];
    const dbEnv: Record<string, EnvValue> = { ...componentDefaults('database', flavour).environment };
    if (externalDb) {
      // The customer's server: its password is typed into `.env`, and nobody here owns its root.
      dbEnv[vars.password] = { type: 'input', prompt: `Password of the nextauth account on ${tenant}'s server` };
      if (vars.root !== undefined) delete dbEnv[vars.root];
    }
    const database = add(
      `${p}db`,
      'database',
      externalDb ? `${tenant} ${DATABASE_LABEL[flavour]} (customer)` : `${tenant} ${DATABASE_LABEL[flavour]}`,
      externalDb ? zone(`${p}dc`, `${tenant} data centre`, 'host') : internal,
      {
        flavour,
        properties: externalDb ? { external: true, host: `db.${domain}` } : {},
        environment: dbEnv,
      },
    );

    // Clients (always in the internet zone, except a business application on the tenant's network).
    const mobile = add(`${p}mobile-app`, 'mobile-app', `${tenant} mobile app`, internet);
    const browser = add(`${p}admin`, 'browser-user', `${tenant} administrator`, internet);
    link(mobile, front.c, 'https');
    link(browser, admin.c, 'https');
    for (let k = 0; k < extras.extraClients; k++) {
      const phone = k % 2 === 0;
      const client = phone
        ? add(`${p}partner-app-${k + 1}`, 'mobile-app', `${tenant} partner app ${k + 1}`, internet)
        : add(`${p}helpdesk-${k + 1}`, 'browser-user', `${tenant} helpdesk ${k + 1}`, internet);
      link(client, phone ? front.c : admin.c, 'https');
    }
    if (extras.businessApp) {
      const app = add(`${p}business-app`, 'business-app', `${tenant} business application`, internal);
      link(app, nextauth, 'rest');
    }

    // Public URLs: one host per service, or one host with a path per service.
    const byPath = !portmap && rnd.chance(0.3);
    const route = (via: typeof front, scheme: Route['scheme'], service: string, target: Component, port: string) => {
      const r: Route = {
        id: `${p}${service}` as RouteId,
        via: via.c.id,
        scheme,
        host: byPath ? `auth.${domain}` : service === 'ws' ? `auth.${domain}` : `${service}.auth.${domain}`,
        ...(via.https !== 443 ? { publicPort: via.https } : {}),
        path: byPath ? `/${service}/` : '/',
        target: target.id,
        port,
        tls: { terminate: true, reencrypt: false },
      };
      routes.push(r);
      return r;
    };
    const ws = route(front, 'wss', 'ws', nextauth, 'ws');
    route(front, 'https', 'mobile', nextauth, 'mobile');
    for (const port of MGMT_PORTS) if (port === 'dashboard' || rnd.chance(0.6)) route(admin, 'https', port, mgmt, port);
    components[components.indexOf(nextauth)] = {
      ...nextauth,
      environment: { ...nextauth.environment, NEXTAUTH_DEFAULT_WS_URL: { type: 'literal', value: routeUrl(ws) } },
    };

    // Connections, as the templates draw them.
    link(mgmt, nextauth, 'rest');
    link(nextauth, database, 'db');
    if (sharedKv) {
      if (sharedKv.sentinel) {
        link(nextauth, sharedKv.sentinel, 'sentinel');
        if (sharedKv.alsoRedis) link(nextauth, sharedKv.redis, 'redis');
      } else link(nextauth, sharedKv.redis, 'redis');
    } else {
      const redis = add(`${p}redis`, 'redis', `${tenant} Redis`, internal);
      if (extras.sentinel) {
        const sentinel = add(`${p}redis-sentinel`, 'redis-sentinel', `${tenant} Redis Sentinel`, internal, {
          replicas: 3,
        });
        link(sentinel, redis, 'redis');
        link(nextauth, sentinel, 'sentinel');
      } else link(nextauth, redis, 'redis');
    }
    link(nextauth, license, 'https');
    link(nextauth, fcm, 'https');
    link(nextauth, apns, 'https');
  }

  return {
    format: FORMAT_VERSION,
    meta: {
      name: `${componentCount} components, seed ${seed}`,
      description: 'Generated by test/support/diagram-projects.ts for the diagram layout tests.',
    },
    settings: { registry: '', tag: 'latest' },
    zones,
    components,
    links,
    routes,
    suppressions: [],
  };
}

/** The three shipped templates, loaded by the project loader as the app loads them. */
export function templateProjects(): { name: string; project: Project }[] {
  return TEMPLATES.map((t) => ({ name: t.id, project: template(t.id) }));
}
