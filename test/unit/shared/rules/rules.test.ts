import { describe, expect, it } from 'vitest';
import { mergeNextauth } from '../../../../shared/rules/checks/na024-partial-upstream';
import { applyFix, checkProject, fixFor, getRule, RULES, type Diagnostic } from '../../../../shared/rules/index';
import type { Project } from '../../../../shared/model/index';
import {
  component,
  dropLink,
  dropRoute,
  link,
  patchComponent,
  patchRoute,
  route,
  setEnv,
  template,
} from '../../../support/fixtures';
import { HOST_NA005_FIRES, HOST_NA005_QUIET, HOST_RULE_CASES } from './host-rule-cases';

const manual = template('manual');
const portmap = template('default');
const ha = template('ha');

/** The manual template with a custom container "Relay" (fields as given over a valid image and one port). */
function withContainer(p: Project, fields: Partial<Project['components'][number]>): Project {
  const added = component(p, { kind: 'container', id: 'relay', name: 'Relay', position: { x: 0, y: 0 } });
  return patchComponent(added, 'relay', {
    image: 'registry.example.com:5000/mail/relay:2.1@sha256:' + 'ab'.repeat(32),
    ports: [{ name: 'smtp', number: 25, protocol: 'tcp' }],
    ...fields,
  });
}

/** A project pinned to a nextAuth version (NA052 stays quiet). */
const pinned = (p: Project): Project => ({ ...p, settings: { ...p.settings, tag: '1.4.2' } });

/** What the architect answers to a fix that asks for a value (Fix.ask), by rule. */
const ANSWERS: Readonly<Record<string, string>> = { NA052: '1.4.2' };

const of = (p: Project, rule: string): Diagnostic[] => checkProject(p).filter((d) => d.rule === rule);

/**
 * The manual template as an import would give it, with declared compose networks: the proxy on
 * `front`, nextauth and mgmt on `front` and the internal `back`, the data services on `back`.
 */
function networked(p: Project = manual): Project {
  const on: Record<string, string[]> = {
    proxy: ['front'],
    nextauth: ['front', 'back'],
    mgmt: ['front', 'back'],
    mysql: ['back'],
    redis: ['back'],
  };
  return {
    ...p,
    networks: [{ name: 'front' }, { name: 'back', passThrough: { internal: true } }],
    components: p.components.map((c) => (on[c.id] !== undefined ? { ...c, networks: on[c.id] } : c)),
  };
}

const ids = (p: Project) => new Set([...p.zones, ...p.components, ...p.links, ...p.routes].map((e) => e.id as string));

interface Case {
  /** What the trigger does, for the test name. */
  readonly name: string;
  readonly trigger: Project;
  /** How many diagnostics of the rule it produces (default 1). */
  readonly count?: number;
  /** The diagnostic's message must match. */
  readonly message?: RegExp;
  /** For a rule with a quick fix: false when this case is one the fix deliberately does not handle. */
  readonly fixable?: false;
}

/** Per rule: projects that trigger it, and near misses that must not. */
const CASES: Record<string, { fires: Case[]; quiet: [name: string, project: Project][] }> = {
  NA001: {
    fires: [
      {
        name: 'REST API routed through the reverse proxy',
        trigger: route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'api.example.com',
          path: '/',
          target: 'nextauth',
          port: 'rest',
        }),
        message: /REST API of "nextauth" is public at https:\/\/api\.example\.com\/ through "nginx"/,
      },
    ],
    quiet: [['the business app uses the REST API internally', manual]],
  },
  NA002: {
    fires: [
      {
        name: 'portmap route to the REST API',
        trigger: route(portmap, {
          via: 'portmap',
          scheme: 'https',
          host: 'api.example.com',
          path: '/',
          target: 'nextauth',
          port: 'rest',
        }),
      },
    ],
    quiet: [
      [
        'the same route on a reverse proxy (NA001 instead)',
        route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'api.example.com',
          path: '/',
          target: 'nextauth',
          port: 'rest',
        }),
      ],
    ],
  },
  NA003: {
    fires: [
      {
        name: 'a different host',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://other.example.com/'),
        message: /is wss:\/\/other\.example\.com\/, but the public WebSocket URL is wss:\/\/auth\.example\.com\//,
      },
      {
        name: 'a different path',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://auth.example.com/ws'),
      },
      {
        name: 'ws instead of wss',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'ws://auth.example.com/'),
      },
      {
        name: 'a different port',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://auth.example.com:8443/'),
      },
      {
        name: 'unset',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', undefined),
        message: /does not set/,
      },
      {
        name: 'not text',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', { type: 'secret', length: 32 }),
      },
    ],
    quiet: [
      [
        'the same URL in other letter case with the default port',
        setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'WSS://Auth.Example.com:443/'),
      ],
      [
        'the same URL without the trailing slash',
        setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://auth.example.com'),
      ],
      ['no WebSocket route at all (NA010 reports that)', dropRoute(manual, 'ws')],
    ],
  },
  NA004: {
    fires: [
      {
        name: 'ws:// through the reverse proxy',
        trigger: setEnv(
          patchRoute(manual, 'ws', { scheme: 'ws', tls: { terminate: false, reencrypt: false } }),
          'nextauth',
          'NEXTAUTH_DEFAULT_WS_URL',
          'ws://auth.example.com/',
        ),
      },
    ],
    quiet: [['ws:// through portmap (NA029 instead)', patchRoute(portmap, 'ws', { scheme: 'ws' })]],
  },
  NA005: {
    fires: [
      {
        name: 'nextauth publishes 8009',
        trigger: patchComponent(manual, 'nextauth', { publish: [{ port: 'ws', hostPort: 8009 }] }),
      },
      {
        name: 'mgmt publishes 80',
        trigger: patchComponent(manual, 'mgmt', { publish: [{ port: 'dashboard', hostPort: 8080 }] }),
      },
      ...HOST_NA005_FIRES,
    ],
    quiet: [
      ['the proxy publishes 80 and 443', manual],
      // Issue 16: the per-host export binds these on the host's private address, for the proxy on the other host.
      ['nextauth and mgmt publish the ports the proxy on another host reaches', HOST_NA005_QUIET],
    ],
  },
  NA006: {
    fires: [{ name: 'no route reaches nextauth', trigger: dropRoute(dropRoute(manual, 'ws'), 'mobile-api') }],
    quiet: [['only the Mobile API route is left', dropRoute(manual, 'ws')]],
  },
  NA007: {
    fires: [
      {
        name: 'portmap and the proxy both publish 443 on the same host',
        trigger: component(manual, {
          kind: 'nextauth-portmap',
          name: 'portmap',
          position: { x: 0, y: 0 },
          zone: 'dmz' as never,
        }),
        count: 0,
      },
      {
        name: 'two entry points claim 443',
        trigger: patchComponent(
          component(manual, {
            kind: 'reverse-proxy',
            name: 'second',
            flavour: 'caddy',
            position: { x: 0, y: 0 },
            zone: 'dmz' as never,
          }),
          'second',
          { publish: [{ port: 'https', hostPort: 443 }] },
        ),
        message: /host port 443 is published 2 times \("nginx" and "second"\)/,
      },
      {
        name: 'a replicated proxy binds a host port',
        trigger: patchComponent(manual, 'proxy', { replicas: 2 }),
        count: 2,
      },
      {
        // Zones are network segments of the one host the export runs, not hosts of their own.
        name: 'the same host port in another zone',
        trigger: patchComponent(
          component(manual, {
            kind: 'reverse-proxy',
            name: 'second',
            flavour: 'caddy',
            position: { x: 0, y: 0 },
            zone: 'internal' as never,
          }),
          'second',
          { publish: [{ port: 'https', hostPort: 443 }] },
        ),
        message: /host port 443 is published 2 times \("nginx" and "second"\) on the one host/,
      },
      {
        // The exporter writes kept `ports:` entries after the drawing's: they bind too.
        name: "a kept ports entry of a custom container binds the proxy's 443",
        trigger: withContainer(manual, { passThrough: { ports: ['127.0.0.1:443:25'] } }),
        message:
          /host port 443 is published 2 times \("nginx" and "Relay"\).*kept ports entries from the import count too/,
      },
      {
        name: 'two kept long-form entries on one address',
        trigger: withContainer(manual, {
          passThrough: {
            ports: [
              { target: 25, published: '2526', host_ip: '10.0.0.5' },
              { target: 26, published: 2526, host_ip: '10.0.0.5' },
            ],
          },
        }),
        message: /host port 2526 is published 2 times/,
      },
      {
        name: 'a replicated container with a kept bind',
        trigger: withContainer(manual, { replicas: 2, passThrough: { ports: ['2526:25'] } }),
        message: /only one container can bind host port 2526 \(a ports entry kept from the import\)/,
      },
    ],
    quiet: [
      [
        'kept binds on two addresses, another transport, or a port the engine picks',
        withContainer(manual, {
          passThrough: {
            ports: [
              '127.0.0.1:2526:25',
              '10.0.0.5:2526:25',
              '443:25/udp',
              '8000-8010:25',
              '127.0.0.1::25',
              'not a port',
            ],
          },
        }),
      ],
      [
        'another host port in another zone',
        patchComponent(
          component(manual, {
            kind: 'reverse-proxy',
            name: 'second',
            flavour: 'caddy',
            position: { x: 0, y: 0 },
            zone: 'internal' as never,
          }),
          'second',
          { publish: [{ port: 'https', hostPort: 8443 }] },
        ),
      ],
    ],
  },
  NA008: {
    fires: [
      {
        name: 'a second route for wss://auth.example.com/',
        trigger: route(manual, {
          via: 'proxy',
          scheme: 'wss',
          host: 'AUTH.example.com',
          path: '/',
          target: 'nextauth',
          port: 'mobile',
        }),
      },
    ],
    quiet: [
      [
        'the same host with another path',
        route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'auth.example.com',
          path: '/mobile/',
          target: 'nextauth',
          port: 'mobile',
        }),
      ],
      [
        'the same host and path on another port',
        route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'auth.example.com',
          publicPort: 8443,
          path: '/',
          target: 'nextauth',
          port: 'mobile',
        }),
      ],
    ],
  },
  NA009: {
    fires: [
      {
        name: '/api is a raw prefix of /apiv2',
        trigger: route(
          route(manual, {
            via: 'proxy',
            scheme: 'https',
            host: 'x.example.com',
            path: '/api',
            target: 'mgmt',
            port: 'dashboard',
          }),
          { via: 'proxy', scheme: 'https', host: 'x.example.com', path: '/apiv2', target: 'mgmt', port: 'accounts' },
        ),
        message: /https:\/\/x\.example\.com\/api also matches requests meant for https:\/\/x\.example\.com\/apiv2/,
      },
    ],
    quiet: [
      [
        '/api/ and /api/v2 split at a segment',
        route(
          route(manual, {
            via: 'proxy',
            scheme: 'https',
            host: 'x.example.com',
            path: '/api/',
            target: 'mgmt',
            port: 'dashboard',
          }),
          { via: 'proxy', scheme: 'https', host: 'x.example.com', path: '/api/v2', target: 'mgmt', port: 'accounts' },
        ),
      ],
      [
        '/api and /api/v2 (continues with /)',
        route(
          route(manual, {
            via: 'proxy',
            scheme: 'https',
            host: 'x.example.com',
            path: '/api',
            target: 'mgmt',
            port: 'dashboard',
          }),
          { via: 'proxy', scheme: 'https', host: 'x.example.com', path: '/api/v2', target: 'mgmt', port: 'accounts' },
        ),
      ],
    ],
  },
  NA010: {
    fires: [
      {
        name: 'the WebSocket route is gone',
        trigger: dropRoute(manual, 'ws'),
        message: /"Mobile app" has no public route to the WebSocket \(8009\) of "nextauth"/,
      },
      { name: 'the Mobile API route is gone', trigger: dropRoute(manual, 'mobile-api'), message: /Mobile API/ },
    ],
    quiet: [
      [
        'no mobile app is drawn',
        dropRoute(
          {
            ...manual,
            components: manual.components.filter((c) => c.kind !== 'mobile-app'),
            links: manual.links.filter((l) => l.from !== 'mobile-app'),
          },
          'ws',
        ),
      ],
    ],
  },
  NA011: {
    fires: [
      { name: 'no connection to the license server', trigger: dropLink(manual, 'nextauth-to-license') },
      {
        name: 'no license server drawn at all',
        trigger: {
          ...manual,
          components: manual.components.filter((c) => c.id !== 'license'),
          links: manual.links.filter((l) => l.to !== 'license'),
        },
      },
    ],
    quiet: [['connected', manual]],
  },
  NA012: {
    fires: [
      { name: 'FCM drawn but not connected', trigger: dropLink(manual, 'nextauth-to-fcm'), message: /Android push/ },
    ],
    quiet: [
      [
        'no FCM drawn',
        {
          ...manual,
          components: manual.components.filter((c) => c.id !== 'fcm'),
          links: manual.links.filter((l) => l.to !== 'fcm'),
        },
      ],
    ],
  },
  NA013: {
    fires: [
      { name: 'mgmt connects to FCM', trigger: link(manual, 'mgmt', 'fcm', 'https') },
      { name: 'mgmt connects to the customer database', trigger: link(ha, 'mgmt', 'mysql', 'db') },
    ],
    quiet: [['mgmt connects to nextauth and the bundled database', link(manual, 'mgmt', 'mysql', 'db')]],
  },
  NA014: {
    fires: [
      { name: 'mgmt without a connection', trigger: dropLink(manual, 'mgmt-to-nextauth') },
      {
        name: 'portmap without routes to nextauth',
        fixable: false,
        trigger: dropRoute(dropRoute(portmap, 'ws'), 'mobile-api'),
      },
    ],
    quiet: [['both connected', portmap]],
  },
  NA015: {
    fires: [
      {
        name: 'WS certificate without key',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_WS_TLS_CERT', '/certs/ws.crt'),
        message: /sets NEXTAUTH_WS_TLS_CERT but not NEXTAUTH_WS_TLS_KEY/,
      },
      {
        name: 'API key without certificate',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_API_TLS_KEY', '/certs/api.key'),
      },
    ],
    quiet: [
      [
        'a full pair',
        setEnv(setEnv(manual, 'nextauth', 'NEXTAUTH_API_TLS_CERT', '/c'), 'nextauth', 'NEXTAUTH_API_TLS_KEY', '/k'),
      ],
    ],
  },
  NA016: {
    fires: [
      {
        name: 'TLS on 8009 but the proxy speaks plain HTTP to it',
        trigger: setEnv(
          setEnv(manual, 'nextauth', 'NEXTAUTH_WS_TLS_CERT', '/c'),
          'nextauth',
          'NEXTAUTH_WS_TLS_KEY',
          '/k',
        ),
      },
      {
        name: 're-encryption to 8009 without TLS there',
        trigger: patchRoute(manual, 'ws', { tls: { terminate: true, reencrypt: true } }),
      },
      {
        name: 're-encryption to the plain-HTTP dashboard',
        trigger: patchRoute(manual, 'dashboard', { tls: { terminate: true, reencrypt: true } }),
      },
    ],
    quiet: [
      [
        'TLS on 8009 and re-encryption',
        patchRoute(
          setEnv(setEnv(manual, 'nextauth', 'NEXTAUTH_WS_TLS_CERT', '/c'), 'nextauth', 'NEXTAUTH_WS_TLS_KEY', '/k'),
          'ws',
          {
            tls: { terminate: true, reencrypt: true },
          },
        ),
      ],
    ],
  },
  NA017: {
    fires: [
      {
        name: 'dashboard over http://',
        trigger: patchRoute(manual, 'dashboard', { scheme: 'http', tls: { terminate: false, reencrypt: false } }),
      },
    ],
    quiet: [
      ['dashboard over http:// through portmap (NA029 instead)', patchRoute(portmap, 'dashboard', { scheme: 'http' })],
    ],
  },
  NA018: {
    fires: [
      {
        name: 'no database connection',
        fixable: false,
        trigger: dropLink(manual, 'nextauth-to-mysql'),
        message: /no connection to a database, so it falls back to :memory:/,
      },
      {
        name: 'URI overridden with :memory:',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', ':memory:'),
        message: /remove the override/,
      },
      { name: 'URI overridden with nothing', trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', '  ') },
    ],
    quiet: [
      ['the URI is derived from the drawn connection', setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', undefined)],
      [
        'the URI is typed (NA034 checks it against the drawing)',
        setEnv(
          manual,
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local',
        ),
      ],
    ],
  },
  NA019: {
    fires: [
      {
        name: 'postgres:// against MySQL',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', 'postgres://u:${P}@mysql:5432/db'),
        message: /uses postgres:\/\/, but "MySQL" is mysql; use mysql:\/\//,
      },
      {
        name: 'an undocumented scheme',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', 'sqlserver://u:${P}@db/x'),
        message: /documented forms/,
      },
    ],
    quiet: [
      ['MariaDB with mysql://', patchComponent(manual, 'mysql', { flavour: 'mariadb' })],
      [
        'PostgreSQL with postgres://',
        setEnv(
          patchComponent(manual, 'mysql', { flavour: 'postgres' }),
          'nextauth',
          'NEXTAUTH_DB_URI',
          'postgres://u:${P}@mysql:5432/db',
        ),
      ],
    ],
  },
  NA020: {
    fires: [
      {
        name: 'MySQL URI without loc=Local',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', 'mysql://u:${P}@mysql:3306/db?parseTime=true'),
      },
    ],
    quiet: [
      [
        'PostgreSQL needs no loc',
        setEnv(
          patchComponent(manual, 'mysql', { flavour: 'postgres' }),
          'nextauth',
          'NEXTAUTH_DB_URI',
          'postgres://u:${P}@mysql:5432/db',
        ),
      ],
    ],
  },
  NA021: {
    fires: [
      {
        name: 'two replicas, no Redis',
        trigger: patchComponent(dropLink(manual, 'nextauth-to-redis'), 'nextauth', { replicas: 2 }),
      },
    ],
    quiet: [
      ['two replicas with Redis', patchComponent(manual, 'nextauth', { replicas: 2 })],
      ['one replica without Redis', dropLink(manual, 'nextauth-to-redis')],
      ['three replicas with Sentinel only', dropLink(ha, 'nextauth-to-redis')],
    ],
  },
  NA022: {
    fires: [{ name: 'Redis on 6380', trigger: patchComponent(manual, 'redis', { portOverrides: { redis: 6380 } }) }],
    quiet: [['an override equal to the default', patchComponent(manual, 'redis', { portOverrides: { redis: 6379 } })]],
  },
  NA023: {
    fires: [
      {
        name: 'two Sentinels',
        trigger: patchComponent(ha, 'redis-sentinel', { replicas: 2 }),
        message: /runs 2 instances/,
      },
    ],
    quiet: [['three Sentinels', ha]],
  },
  NA024: {
    fires: [
      {
        name: 'a second nextauth server that no route reaches',
        trigger: component(manual, {
          kind: 'nextauth',
          name: 'nextauth B',
          position: { x: 0, y: 0 },
          zone: 'internal' as never,
        }),
        count: 2,
      },
    ],
    quiet: [['one nextauth with three replicas', patchComponent(manual, 'nextauth', { replicas: 3 })]],
  },
  NA025: {
    fires: [
      { name: 'empty', trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_LICENSE', '') },
      {
        name: 'a placeholder',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_LICENSE', '<your-license>'),
        message: /placeholder/,
      },
      { name: 'unset', trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_LICENSE', undefined) },
      { name: 'generated', trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_LICENSE', { type: 'secret', length: 32 }) },
    ],
    quiet: [['a pasted license', setEnv(manual, 'nextauth', 'NEXTAUTH_LICENSE', 'NA1-7F3K-92QD-LL0P')]],
  },
  NA026: {
    fires: [
      {
        name: 'a sample password',
        trigger: setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'changeme'),
        message: /MYSQL_PASSWORD of "MySQL" is the sample value "changeme"/,
      },
      { name: 'an empty root password', trigger: setEnv(manual, 'mysql', 'MYSQL_ROOT_PASSWORD', '') },
      {
        name: 'a sample password inside the DB URI',
        fixable: false,
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', 'mysql://root:password@mysql:3306/db?loc=Local'),
      },
    ],
    quiet: [
      ['generated secrets and a URI that references one', manual],
      [
        'a secret-looking name given by the operator',
        setEnv(manual, 'nextauth', 'SMTP_PASSWORD', { type: 'input', prompt: 'SMTP password' }),
      ],
      [
        'a strong password written into the project (NA046 instead)',
        setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'vT9#qL2!xPz7'),
      ],
    ],
  },
  NA027: {
    fires: [
      { name: 'an empty DNS label', trigger: patchRoute(manual, 'ws', { host: 'auth..example.com' }) },
      { name: 'an underscore in a host name', trigger: patchRoute(manual, 'ws', { host: 'auth_1.example.com' }) },
      {
        name: 'a path without a leading slash',
        trigger: patchRoute(manual, 'dashboard', { path: 'admin' }),
        message: /must start with "\/"/,
      },
      { name: 'a space in a path', trigger: patchRoute(manual, 'dashboard', { path: '/a b' }) },
      { name: 'a dot-dot segment', trigger: patchRoute(manual, 'dashboard', { path: '/x/../y' }) },
      { name: 'config syntax in a path', trigger: patchRoute(manual, 'dashboard', { path: '/x;return{}' }) },
      {
        name: 'a malformed WebSocket URL',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss//auth.example.com'),
      },
      { name: 'a malformed image tag', trigger: { ...manual, settings: { registry: '', tag: 'v1 latest' } } },
    ],
    quiet: [
      ['punycode and digits in host names', patchRoute(manual, 'dashboard', { host: 'xn--bcher-kva.example.com' })],
      ['percent escapes in a path', patchRoute(manual, 'dashboard', { path: '/a%20b/' })],
      [
        'a registry with a port',
        { ...manual, settings: { registry: 'registry.example.com:5000/nextauth', tag: '1.2.3' } },
      ],
    ],
  },
  NA028: {
    fires: [
      {
        name: 'a route served by the database',
        trigger: route(manual, {
          via: 'mysql',
          scheme: 'https',
          host: 'x.example.com',
          path: '/',
          target: 'mgmt',
          port: 'dashboard',
        }),
        message: /only portmap or a reverse proxy/,
      },
      {
        name: 'a route to a port the target lacks',
        trigger: route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'x.example.com',
          path: '/',
          target: 'mgmt',
          port: 'rest',
        }),
      },
      {
        name: 'a route into the internet zone',
        trigger: route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'x.example.com',
          path: '/',
          target: 'fcm',
          port: 'https',
        }),
        message: /cannot reach "Firebase Cloud Messaging"/,
      },
      {
        name: 'a route into another host',
        trigger: route(ha, {
          via: 'lb',
          scheme: 'https',
          host: 'x.example.com',
          path: '/',
          target: 'mysql',
          port: 'db',
        }),
      },
      { name: 'a connection to itself', trigger: link(manual, 'redis', 'redis', 'redis') },
      { name: 'a connection to a missing port', trigger: link(manual, 'nextauth', 'redis', 'sentinel') },
    ],
    quiet: [['routes to the compose network', manual]],
  },
  NA029: {
    fires: [
      {
        name: 'ws:// through portmap',
        trigger: patchRoute(portmap, 'ws', { scheme: 'ws', tls: { terminate: false, reencrypt: false } }),
      },
      {
        name: 'a public port other than 443',
        trigger: patchRoute(portmap, 'dashboard', { publicPort: 8443 }),
        count: 1,
      },
      {
        name: 'TLS passed through',
        trigger: patchRoute(portmap, 'dashboard', { tls: { terminate: false, reencrypt: false } }),
      },
    ],
    quiet: [['https and wss on 443', portmap]],
  },
  NA030: {
    fires: [
      { name: 'the proxy publishes nothing', trigger: patchComponent(manual, 'proxy', { publish: [] }), count: 5 },
    ],
    quiet: [
      [
        'a URL on 8443 with 8443 published',
        patchComponent(patchRoute(manual, 'dashboard', { publicPort: 8443 }), 'proxy', {
          publish: [
            { port: 'http', hostPort: 80 },
            { port: 'https', hostPort: 443 },
            { port: 'https', hostPort: 8443 },
          ],
        }),
      ],
    ],
  },
  NA031: {
    fires: [
      {
        name: 'a newline in an environment value',
        trigger: setEnv(manual, 'mysql', 'MYSQL_DATABASE', 'nextauth\nMYSQL_ROOT_PASSWORD=x'),
      },
      { name: 'a bell in a component name', trigger: patchComponent(manual, 'redis', { name: 'Redis\u0007' }) },
      { name: 'a line separator in a route path', trigger: patchRoute(manual, 'dashboard', { path: '/a\u2028b' }) },
      {
        name: 'a newline in the project name',
        trigger: { ...manual, meta: { ...manual.meta, name: 'Acme\nInjected' } },
      },
      {
        name: 'a NUL in a multi-line value of a custom container',
        trigger: setEnv(withContainer(manual, {}), 'relay', 'RELAY_CONFIG', 'a\n\u0000b'),
      },
      {
        name: 'a newline in the prompt of an operator input (a `.env` comment line)',
        trigger: setEnv(withContainer(manual, {}), 'relay', 'RELAY_TOKEN', {
          type: 'input',
          prompt: 'Token\nRELAY_ADMIN=1',
        }),
      },
      {
        name: 'a newline in a nextauth variable the catalog defines',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://ws.example.com/\nX=1'),
      },
    ],
    quiet: [
      ['unicode letters and symbols', patchComponent(manual, 'redis', { name: 'Redis Zürich ☃ – main' })],
      [
        'a PEM certificate (lines, a tab) in a variable of a custom container: YAML quotes it in compose',
        setEnv(
          withContainer(manual, {}),
          'relay',
          'RELAY_CA',
          '-----BEGIN CERTIFICATE-----\nMIIB\tIjAN\n-----END CERTIFICATE-----\n',
        ),
      ],
      [
        'a JSON document over lines in a variable nextauth does not define',
        setEnv(manual, 'nextauth', 'APP_JSON', '{\n  "a": 1\n}'),
      ],
    ],
  },
  NA032: {
    fires: [
      {
        name: 'a reference to a variable nothing defines',
        trigger: setEnv(
          manual,
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:${DB_PASS}@mysql:3306/nextauth?loc=Local',
        ),
        message: /refers to \$\{DB_PASS\}/,
      },
      {
        name: 'a malformed reference',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', 'mysql://u:${1x}@mysql/db?loc=Local'),
      },
    ],
    quiet: [['a reference to a generated secret of another component', manual]],
  },
  NA033: {
    fires: [
      {
        name: 'TLS passed through the reverse proxy',
        trigger: patchRoute(manual, 'dashboard', { tls: { terminate: false, reencrypt: false } }),
      },
    ],
    quiet: [
      [
        'TLS passed through portmap (NA029 instead)',
        patchRoute(portmap, 'dashboard', { tls: { terminate: false, reencrypt: false } }),
      ],
    ],
  },
  NA034: {
    fires: [
      {
        name: 'a host the drawing does not connect',
        trigger: setEnv(
          manual,
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:${MYSQL_PASSWORD}@db.example.com:3306/nextauth?loc=Local',
        ),
        message: /names the host "db\.example\.com", but the drawing says "mysql"/,
      },
      {
        name: 'the default port after MySQL moved to 3307',
        trigger: setEnv(
          patchComponent(manual, 'mysql', { portOverrides: { db: 3307 } }),
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:${MYSQL_PASSWORD}@mysql/nextauth?loc=Local',
        ),
        message: /reaches port 3306, but the drawing listens on 3307/,
      },
      {
        name: 'the root password instead of the account password',
        trigger: setEnv(
          manual,
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:${MYSQL_ROOT_PASSWORD}@mysql:3306/nextauth?loc=Local',
        ),
        message: /uses the password "\$\{MYSQL_ROOT_PASSWORD\}", but the database's password is \$\{MYSQL_PASSWORD\}/,
      },
      {
        name: 'a Sentinel scheme for a plain Redis',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_KV_URI', 'redis-sentinel://redis:6379/nextauth'),
        message: /names the scheme "redis-sentinel", but the drawing says "redis"/,
      },
      {
        name: 'a Redis port that is not the one Redis listens on',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_KV_URI', 'redis://redis:6380'),
      },
      {
        name: 'a URI for a Redis nextauth is not linked to',
        trigger: setEnv(dropLink(manual, 'nextauth-to-redis'), 'nextauth', 'NEXTAUTH_KV_URI', 'redis://redis:6379'),
        message: /has no connection to a Redis or Redis Sentinel in the drawing/,
      },
      {
        name: 'an operator input where the drawing derives the URI',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', { type: 'input', prompt: 'DB URI' }),
        message: /operator input, which cannot be checked/,
      },
      {
        name: 'an empty key-value URI that drops the drawn Redis',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_KV_URI', ''),
        message: /is empty, so nextauth would not use the drawn key-value store/,
      },
      {
        name: 'an operator input for a database nothing in the drawing connects',
        fixable: false,
        trigger: setEnv(dropLink(manual, 'nextauth-to-mysql'), 'nextauth', 'NEXTAUTH_DB_URI', {
          type: 'input',
          prompt: 'URI',
        }),
        message:
          /an operator input, which cannot be checked against the drawing, and "nextauth" has no connection to a database/,
      },
      {
        name: 'the wrong master name for the Sentinel',
        trigger: setEnv(ha, 'nextauth', 'NEXTAUTH_KV_URI', 'redis-sentinel://redis-sentinel:26379/mymaster'),
        message: /master "mymaster"/,
      },
    ],
    quiet: [
      ['derived from the drawing', manual],
      [
        'an override that connects where the drawing says (extra options are the architect’s)',
        setEnv(
          manual,
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:${MYSQL_PASSWORD}@mysql/nextauth?loc=Local&timeout=5s',
        ),
      ],
      [
        'the customer’s own account on their database',
        setEnv(
          setEnv(ha, 'nextauth', 'NEXTAUTH_DB_PASSWORD', { type: 'input', prompt: 'password' }),
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://app:${NEXTAUTH_DB_PASSWORD}@mysql.db.example.com:3306/auth?loc=Local',
        ),
      ],
      [
        'a postgresql:// spelling of postgres://',
        setEnv(
          patchComponent(manual, 'mysql', {
            flavour: 'postgres',
            environment: {
              POSTGRES_PASSWORD: { type: 'secret', length: 32 },
              POSTGRES_USER: { type: 'literal', value: 'nextauth' },
              POSTGRES_DB: { type: 'literal', value: 'nextauth' },
            },
          }),
          'nextauth',
          'NEXTAUTH_DB_URI',
          'postgresql://nextauth:${POSTGRES_PASSWORD}@mysql:5432/nextauth',
        ),
      ],
    ],
  },
  NA035: {
    fires: [
      {
        name: 'a customer-run database without a host',
        fixable: false,
        trigger: patchComponent(ha, 'mysql', { properties: { external: true } }),
        message: /runs outside the deployment but has no valid host property/,
      },
      {
        name: 'no password variable on the database',
        trigger: setEnv(manual, 'mysql', 'MYSQL_PASSWORD', undefined),
        message: /does not set MYSQL_PASSWORD/,
      },
      {
        name: 'a clear-text password on the database',
        trigger: setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'Xk39-long-but-typed'),
        message: /typed in clear text/,
      },
      {
        name: 'a generated password for a server the customer runs',
        trigger: setEnv(ha, 'mysql', 'MYSQL_PASSWORD', { type: 'secret', length: 32 }),
        message: /the customer runs that server with its own password/,
      },
      { name: 'no account name', trigger: setEnv(manual, 'mysql', 'MYSQL_USER', undefined), message: /MYSQL_USER/ },
      {
        name: 'a typed URI does not excuse a database the deployment creates without the account',
        trigger: setEnv(
          setEnv(manual, 'mysql', 'MYSQL_USER', undefined),
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local',
        ),
        message: /MYSQL_USER/,
      },
      {
        name: 'two databases for one URI',
        fixable: false,
        trigger: link(
          component(manual, { kind: 'database', name: 'Second DB', id: 'db2', position: { x: 0, y: 0 } }),
          'nextauth',
          'db2',
          'db',
        ),
        message: /links to 2 databases \("MySQL", "Second DB"\), but reads one NEXTAUTH_DB_URI/,
      },
    ],
    quiet: [
      [
        'PostgreSQL with the image defaults for user and database',
        patchComponent(manual, 'mysql', {
          flavour: 'postgres',
          environment: { POSTGRES_PASSWORD: { type: 'secret', length: 32 } },
        }),
      ],
      [
        'the customer’s own account, typed, stands in for an incomplete one (NA034 checks it)',
        setEnv(
          setEnv(ha, 'mysql', 'MYSQL_PASSWORD', undefined),
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://app:${NEXTAUTH_ROOT_API_KEY}@mysql.db.example.com:3306/auth?loc=Local',
        ),
      ],
      ['Sentinel and Redis both linked: the Sentinel is the store', ha],
    ],
  },
  NA036: {
    fires: [
      {
        name: 'a service URL on a port the service does not listen on',
        trigger: setEnv(manual, 'mgmt', 'NEXTAUTH_API_URL', 'http://nextauth:9999/'),
        message: /names nextauth:9999, but "nextauth" listens on 8009, 8888, 8889/,
      },
      {
        name: 'a public URL no route serves',
        trigger: setEnv(manual, 'mgmt', 'PUBLIC_URL', 'https://dashboard.auth.example.com:8443/'),
        message: /no route serves that scheme, port and path on dashboard\.auth\.example\.com/,
      },
      {
        name: 'a data-store URI to a host nothing in the drawing is',
        trigger: setEnv(manual, 'nextauth', 'SESSION_CACHE_URI', 'redis://cache.internal.example:6379'),
        message: /connects to cache\.internal\.example, which is not in the drawing/,
      },
      {
        name: 'a URL to a drawn container the component has no connection to',
        trigger: setEnv(manual, 'mgmt', 'SESSION_CACHE_URI', 'redis://redis:6379'),
        message: /connects to "Redis" \(redis\), but the drawing has no connection from "mgmt" to it/,
      },
      {
        name: 'a customer-run database’s host on the wrong port',
        trigger: setEnv(ha, 'mgmt', 'REPORTING_DB', 'mysql://report:${P}@mysql.db.example.com:3307/r'),
      },
    ],
    quiet: [
      [
        'the REST API on its port, over the drawn connection',
        setEnv(manual, 'mgmt', 'NEXTAUTH_API_URL', 'http://nextauth:8888/'),
      ],
      [
        'an https URL to a host outside the drawing',
        setEnv(manual, 'nextauth', 'WEBHOOK_URL', 'https://hooks.example.org/x'),
      ],
      [
        'the moved Mobile API port',
        setEnv(
          patchComponent(manual, 'nextauth', { portOverrides: { mobile: 8888 } }),
          'mgmt',
          'MOBILE_URL',
          'http://nextauth:8888/',
        ),
      ],
      ['a URL outside the drawing', setEnv(manual, 'mgmt', 'SUPPORT_URL', 'https://support.example.org/')],
      [
        'a public URL under a routed host and path',
        setEnv(manual, 'mgmt', 'PUBLIC_URL', 'https://dashboard.auth.example.com/x'),
      ],
    ],
  },
  // More cases for NA037 and NA038 are in landing-values.test.ts.
  NA037: {
    fires: [
      {
        name: 'COMPOSE_FILE in an environment',
        trigger: setEnv(manual, 'mgmt', 'COMPOSE_FILE', 'other.yml'),
        message: /COMPOSE_FILE of "mgmt" starts with COMPOSE_/,
      },
      { name: 'docker_host in lower case', trigger: setEnv(manual, 'nextauth', 'docker_host', 'tcp://evil:2375') },
    ],
    quiet: [['the prefix inside a name', setEnv(manual, 'nextauth', 'MY_COMPOSE_FILE', 'x')]],
  },
  NA038: {
    fires: [
      {
        name: 'a space in the master name',
        trigger: patchComponent(ha, 'redis-sentinel', { properties: { master: 'my master' } }),
        message: /master name "my master" of "Redis Sentinel"/,
      },
    ],
    quiet: [['a plain master name', patchComponent(ha, 'redis-sentinel', { properties: { master: 'mymaster-1' } })]],
  },
  NA039: {
    fires: [
      {
        name: 'a database nextauth is not linked to',
        trigger: dropLink(manual, 'nextauth-to-mysql'),
        message: /"MySQL" runs in the deployment, but no nextauth connection uses it/,
      },
      { name: 'a Redis nextauth is not linked to', trigger: dropLink(manual, 'nextauth-to-redis') },
      {
        name: 'a customer-run database drawn but not connected',
        trigger: dropLink(ha, 'nextauth-to-mysql'),
        message: /"Customer MySQL" is drawn \(run by the customer\), but no nextauth connection uses it/,
      },
      {
        name: 'a Redis the Sentinel does not monitor (nextauth reads the Sentinel)',
        trigger: dropLink(ha, 'sentinel-to-redis'),
        message: /"Redis" runs in the deployment/,
      },
    ],
    quiet: [
      ['every data service connected', manual],
      ['Redis reached through the Sentinel that monitors it', dropLink(ha, 'nextauth-to-redis')],
      [
        'a customer-run database is not a service of the deployment',
        patchComponent(manual, 'mysql', { properties: { external: true, host: 'db.example.com' } }),
      ],
    ],
  },
  // More cases for NA040–NA044 are in documented-constraints.test.ts.
  NA040: {
    fires: [
      {
        name: 'the docs’ placeholder host on a route',
        trigger: patchRoute(manual, 'ws', { host: 'nextauth.mydomain.com' }),
      },
    ],
    quiet: [['reserved example names', manual]],
  },
  NA041: {
    fires: [
      {
        name: 'the REST API on the WebSocket’s host',
        trigger: route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'auth.example.com',
          path: '/api',
          target: 'nextauth',
          port: 'rest',
        }),
      },
    ],
    quiet: [
      [
        'the REST API on its own host',
        route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'api.auth.example.com',
          path: '/',
          target: 'nextauth',
          port: 'rest',
        }),
      ],
    ],
  },
  NA042: {
    fires: [{ name: 'no root API key', trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_ROOT_API_KEY', undefined) }],
    quiet: [['a generated key', manual]],
  },
  NA043: {
    fires: [{ name: 'the WebSocket on a private address', trigger: patchRoute(manual, 'ws', { host: '10.0.0.5' }) }],
    quiet: [['public host names', manual]],
  },
  NA044: {
    fires: [{ name: 'mgmt connects to the database', trigger: link(manual, 'mgmt', 'mysql', 'db') }],
    quiet: [['the documented connections', manual]],
  },
  NA045: {
    fires: [
      {
        name: 'the Mobile API moved onto the REST API’s port',
        trigger: patchComponent(manual, 'nextauth', { portOverrides: { mobile: 8888 } }),
        message: /"nextauth" has rest and mobile on the same port 8888/,
      },
      {
        name: 'the WebSocket moved onto the Mobile API’s port',
        trigger: patchComponent(manual, 'nextauth', { portOverrides: { ws: 8889 } }),
      },
    ],
    quiet: [
      ['ports moved apart', patchComponent(manual, 'nextauth', { portOverrides: { mobile: 8890, ws: 8010 } })],
      ['moved to a free number', patchComponent(manual, 'mysql', { portOverrides: { db: 3307 } })],
    ],
  },
  NA046: {
    fires: [
      {
        name: 'a strong password written into the project',
        trigger: setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'vT9#qL2!xPz7'),
        message: /^MYSQL_PASSWORD of "MySQL" is a secret written into the project file in clear text/,
      },
      {
        name: 'a literal root API key',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_ROOT_API_KEY', 'my-own-root-key-2024'),
      },
      {
        name: 'a password inside the database URI',
        trigger: setEnv(
          manual,
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:Str0ng-Pa55@mysql:3306/nextauth?loc=Local',
        ),
        message: /^NEXTAUTH_DB_URI of "nextauth" carries a password in clear text inside its URI/,
      },
      {
        name: 'credentials inside any URI, whatever the variable is called',
        trigger: setEnv(manual, 'nextauth', 'SMTP_SERVER', 'smtps://mailer:Tr0ub4dor@smtp.example.com:465'),
      },
      {
        name: 'a PEM private key in a variable not named like a secret',
        trigger: setEnv(
          manual,
          'nextauth',
          'SAML_SIGNING',
          '-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA7 -----END RSA PRIVATE KEY-----',
        ),
        message: /holds a PEM private key in clear text/,
      },
      {
        name: 'an AWS access key id',
        trigger: setEnv(manual, 'nextauth', 'BACKUP_S3_ACCESS', 'AKIAZ7XQ3M5N2P4R6T8V'),
        message: /holds an AWS access key id/,
      },
      {
        name: 'a long random token',
        trigger: setEnv(manual, 'nextauth', 'PARTNER_CREDENTIAL', 'q8Xv2LmN4pR7sT1wY5zA3bC6dE9fG0hJ'),
        message: /holds a long random token/,
      },
      {
        name: "a password of the customer's database",
        trigger: setEnv(ha, 'mysql', 'MYSQL_PASSWORD', 'Xk9$mP2q!w'),
      },
      {
        name: 'two secrets of one component',
        trigger: setEnv(
          setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'vT9#qL2!xPz7'),
          'mysql',
          'MYSQL_ROOT_PASSWORD',
          'r00t-Pa55-2024',
        ),
        count: 2,
      },
    ],
    quiet: [
      ['generated secrets and inputs (the templates)', manual],
      ['the portmap template', portmap],
      ['the high-availability template', ha],
      [
        'a URI whose password is a ${VAR} reference',
        setEnv(
          manual,
          'nextauth',
          'NEXTAUTH_DB_URI',
          'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local',
        ),
      ],
      [
        'a URI without credentials',
        setEnv(manual, 'nextauth', 'PARTNER_URL', 'https://partner.example.com:8443/u/@me'),
      ],
      ['a URI with an empty password', setEnv(manual, 'nextauth', 'CACHE_URL', 'redis://:@cache.example.com:6379')],
      ['a sample password (NA026 instead)', setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'changeme')],
      ['an empty password (NA026 instead)', setEnv(manual, 'mysql', 'MYSQL_PASSWORD', '')],
      ['a key given as a file path', setEnv(manual, 'nextauth', 'NEXTAUTH_WS_TLS_KEY', '/run/secrets/ws.key')],
      [
        'a public certificate',
        setEnv(
          manual,
          'nextauth',
          'NEXTAUTH_WS_TLS_CERT',
          '-----BEGIN CERTIFICATE----- MIIB -----END CERTIFICATE-----',
        ),
      ],
      ['a long name in words', setEnv(manual, 'nextauth', 'CLUSTER_LABEL', 'MyCompanyProductionCluster2024EastRegion')],
      ['a hex digest', setEnv(manual, 'nextauth', 'BUILD_COMMIT', 'da39a3ee5e6b4b0d3255bfef95601890afd80709')],
      ['a UUID', setEnv(manual, 'nextauth', 'TENANT', '550e8400-e29b-41d4-a716-446655440000')],
      [
        'a random-looking value of a public name',
        setEnv(manual, 'nextauth', 'OAUTH_CLIENT_ID', 'q8Xv2LmN4pR7sT1wY5zA3bC6dE9fG0hJ'),
      ],
      ['a license string', setEnv(manual, 'nextauth', 'NEXTAUTH_LICENSE', 'NA1-7F3K-92QD-LL0P')],
    ],
  },
  NA047: {
    fires: [
      {
        name: 'a custom container without an image',
        trigger: withContainer(manual, { image: '' }),
        message: /^"Relay" has no image/,
      },
      {
        name: 'an image Docker refuses (upper case, a space)',
        trigger: withContainer(manual, { image: 'Team/App:1' }),
        message: /^the image "Team\/App:1" of "Relay" is not a Docker image name/,
      },
      {
        name: 'an image with a $ (compose would interpolate it)',
        trigger: withContainer(manual, { image: 'app:${TAG}' }),
      },
      {
        name: 'a bad digest',
        trigger: withContainer(manual, { image: 'app@sha256:abc' }),
        message: /has a digest Docker refuses/,
      },
      {
        name: 'one port number twice on one transport',
        trigger: withContainer(manual, {
          ports: [
            { name: 'a', number: 25, protocol: 'tcp' },
            { name: 'b', number: 25, protocol: 'http' },
          ],
        }),
        message: /port "b" of "Relay": port 25\/tcp is listed twice/,
      },
      {
        name: 'a port out of range (from an import, not the loader)',
        trigger: withContainer(manual, { ports: [{ name: 'a', number: 0, protocol: 'tcp' }] }),
      },
      {
        name: 'a kept key the model holds',
        trigger: patchComponent(manual, 'nextauth', { passThrough: { environment: { A: '1' } } }),
        message: /the kept key "environment" of "nextauth" is held by the model itself/,
      },
      {
        name: 'a kept deploy.replicas',
        trigger: patchComponent(manual, 'nextauth', { passThrough: { deploy: { replicas: 2 } } }),
      },
      { name: 'a top-level kept key that is not kept', trigger: { ...manual, passThrough: { services: {} } } },
    ],
    quiet: [
      ['the templates (no container, nothing kept)', manual],
      ['a container with a full reference and ports', withContainer(manual, {})],
      [
        'one number on TCP and UDP (DNS)',
        withContainer(manual, {
          ports: [
            { name: 'dns', number: 53, protocol: 'tcp' },
            { name: 'dns-udp', number: 53, protocol: 'udp' },
          ],
        }),
      ],
      [
        'kept keys in their places',
        {
          ...patchComponent(manual, 'nextauth', { passThrough: { logging: { driver: 'json-file' }, 'x-team': 'a' } }),
          passThrough: { volumes: { shared: {} }, 'x-anchors': { a: 1 } },
        },
      ],
    ],
  },
  NA048: {
    fires: [
      {
        name: 'kept keys on a database the customer runs (the export writes no service for it)',
        trigger: patchComponent(
          patchComponent(manual, 'mysql', { properties: { external: true, host: 'db.corp.example.com' } }),
          'mysql',
          { passThrough: { logging: { driver: 'syslog' } } },
        ),
        message:
          /^"MySQL" is not a container of this deployment \(the customer runs it\), so the compose export does not write its kept keys \(logging\)/,
      },
      {
        name: 'kept keys on a client (nothing runs it here)',
        trigger: patchComponent(manual, 'admin', { passThrough: { 'x-note': 'a' } }),
        message: /nothing runs it here/,
      },
    ],
    quiet: [
      ['no kept keys (the templates)', manual],
      [
        'kept keys on a container of the deployment',
        patchComponent(manual, 'mysql', { passThrough: { logging: { driver: 'syslog' } } }),
      ],
    ],
  },
  NA049: {
    fires: [
      {
        name: 'a link between containers on different networks',
        trigger: patchComponent(networked(), 'mysql', { networks: ['default'] }),
        message:
          /^"nextauth" connects to "MySQL":db, but they share no compose network \("nextauth": front, back; "MySQL": default\); put both on one network$/,
      },
      {
        name: 'a route whose entry point is not on the target’s network (each route of nextauth)',
        trigger: patchComponent(networked(), 'proxy', { networks: ['default'] }),
        count: 5,
        message:
          /^"nginx" forwards \S+ to "(nextauth|mgmt)":\w+, but they share no compose network \("nginx": default; "\1": front, back\)/,
      },
      {
        name: 'nextauth on the internal network only cannot reach the license server and the push services',
        trigger: patchComponent(patchComponent(networked(), 'nextauth', { networks: ['back'] }), 'proxy', {
          networks: ['front', 'back'],
        }),
        count: 3,
        message:
          /^"nextauth" connects to "(nextAuth license server|Firebase Cloud Messaging|Apple Push Notification service)":https outside this deployment, but its only networks are internal \(back\), with no route out/,
      },
      {
        name: 'a component added later joins its neighbours’ networks, but a kept network of its own does not',
        trigger: patchComponent(
          link(
            component(networked(), { kind: 'redis', id: 'cache', name: 'Cache', position: { x: 0, y: 0 } }),
            'nextauth',
            'cache',
            'redis',
          ),
          'cache',
          { networks: ['default'] },
        ),
      },
    ],
    quiet: [
      ['a drawing without declared networks (Portolan’s own connect everything)', manual],
      ['the networked template', networked()],
      [
        'a component added later (no networks of its own) joins the networks of what it connects to',
        link(
          component(networked(), { kind: 'redis', id: 'cache', name: 'Cache', position: { x: 0, y: 0 } }),
          'nextauth',
          'cache',
          'redis',
        ),
      ],
      [
        'a service in a kept network_mode (its namespace is not a network’s)',
        patchComponent(networked(), 'mysql', { networks: [], passThrough: { network_mode: 'host' } }),
      ],
      [
        'a server the customer runs (no container here)',
        patchComponent(networked(), 'mysql', {
          networks: ['front'],
          properties: { external: true, host: 'db.corp.example.com' },
        }),
      ],
    ],
  },
  NA050: {
    fires: [
      {
        name: 'the proxy publishes 443 but is only on the internal network',
        trigger: patchComponent(networked(), 'proxy', { networks: ['back'] }),
        message: /^"nginx" publishes host ports, but its only networks are internal \(back\)/,
      },
      {
        name: 'kept `ports` of a database on internal networks only',
        trigger: patchComponent(networked(), 'mysql', { passThrough: { ports: ['127.0.0.1:3306:3306'] } }),
      },
    ],
    quiet: [
      ['the networked template (the proxy on front)', networked()],
      ['a drawing without declared networks', patchComponent(manual, 'proxy', { networks: ['back'] })],
      ['on an internal and an open network', patchComponent(networked(), 'proxy', { networks: ['back', 'front'] })],
      ['a database on the internal network that publishes nothing', networked()],
    ],
  },
  NA051: {
    fires: [
      {
        name: 'a service on a network the project does not declare',
        trigger: patchComponent(networked(), 'redis', { networks: ['back', 'cache-net'] }),
        message: /^"Redis" is on network cache-net, which the project does not declare/,
      },
      {
        name: 'networks on a component of a drawing that declares none (not written)',
        trigger: patchComponent(manual, 'redis', { networks: ['back'] }),
        message: /the project declares none, so the export does not write them/,
      },
    ],
    quiet: [
      ['declared networks', networked()],
      [
        'compose’s default network needs no declaration',
        patchComponent(networked(), 'redis', { networks: ['default'] }),
      ],
      ['a drawing without networks', manual],
    ],
  },
  NA052: {
    fires: [
      {
        name: 'the templates: nextauth and mgmt on the tag "latest"',
        trigger: manual,
        message: /^"nextauth", "mgmt" run the nextAuth image tag "latest"; set the project's image tag/,
      },
      {
        name: 'an empty tag (NA027 refuses it too)',
        trigger: { ...manual, settings: { ...manual.settings, tag: '  ' } },
        message: /run no nextAuth image tag \(empty\)/,
      },
      {
        name: 'portmap on "latest" in the default template',
        trigger: portmap,
        message: /"portmap"/,
      },
      {
        name: 'a pinned project, but an override of nextauth without a tag (Docker pulls latest)',
        trigger: patchComponent(pinned(manual), 'nextauth', { image: 'registry.example.com/nextauth' }),
        message: /runs the image "registry\.example\.com\/nextauth", which names no tag/,
      },
      {
        name: 'a pinned project, but an override of mgmt tagged latest',
        trigger: patchComponent(pinned(manual), 'mgmt', { image: 'nextauth-mgmt:latest' }),
        message: /is tagged latest/,
      },
    ],
    quiet: [
      ['a project pinned to a version', pinned(manual)],
      ['HA, pinned', pinned(ha)],
      [
        'an override pinned by digest, the rest on a version',
        patchComponent(pinned(manual), 'nextauth', { image: `nextauth@sha256:${'a'.repeat(64)}` }),
      ],
      [
        'every nextAuth component on its own pinned image, the project on latest',
        patchComponent(patchComponent(manual, 'nextauth', { image: 'nextauth:1.4.2' }), 'mgmt', {
          image: 'registry.example.com/nextauth-mgmt:1.4.2',
        }),
      ],
      [
        '"latest" in a drawing with no nextAuth image',
        { ...manual, components: manual.components.filter((c) => c.kind !== 'nextauth' && c.kind !== 'nextauth-mgmt') },
      ],
      [
        'an override Docker cannot read (NA047 says so)',
        patchComponent(pinned(manual), 'nextauth', { image: 'Not An Image' }),
      ],
    ],
  },
  NA053: {
    fires: [
      {
        name: "Mozilla's old TLS profile without a reason",
        trigger: { ...manual, settings: { ...manual.settings, tls: { profile: 'old' } } },
        message: /^the TLS profile is "old" \(Mozilla 5\.7\): "nginx" offers TLS 1\.0\/1\.1/,
      },
    ],
    quiet: [
      ['no TLS setting (intermediate)', manual],
      ['modern', { ...manual, settings: { ...manual.settings, tls: { profile: 'modern' } } }],
      [
        'old on a drawing without a reverse proxy',
        { ...portmap, settings: { ...portmap.settings, tls: { profile: 'old' } } },
      ],
    ],
  },
  // Issue 16's host rules (NA054–NA057), in their own file.
  ...HOST_RULE_CASES,
};

describe('rules', () => {
  it('every rule has a case table, and every table entry a rule', () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  for (const rule of RULES) {
    const table = CASES[rule.id];
    if (!table) continue;
    describe(`${rule.id} ${rule.name}`, () => {
      it.each(table.fires.filter((c) => (c.count ?? 1) > 0).map((c) => [c.name, c] as const))(
        'fires: %s',
        (_name, c) => {
          const found = of(c.trigger, rule.id);
          expect(found, JSON.stringify(checkProject(c.trigger), null, 1)).toHaveLength(c.count ?? 1);
          const known = ids(c.trigger);
          for (const d of found) {
            expect(d.severity).toBe(rule.severity);
            for (const e of d.elements) expect(known.has(e.id), e.id).toBe(true);
            if (c.message) expect(d.message).toMatch(c.message);
          }
        },
      );

      it.each(table.quiet)('stays quiet: %s', (_name, project) => {
        expect(of(project, rule.id)).toEqual([]);
      });

      if (rule.fix) {
        it.each(table.fires.filter((c) => (c.count ?? 1) > 0).map((c) => [c.name, c] as const))(
          'its fix removes the diagnostic without adding errors: %s',
          (_name, c) => {
            const before = checkProject(c.trigger);
            let project = c.trigger;
            // Apply the fix to every diagnostic of the rule, as an architect clicking each button would.
            const fixable = (p: Project) => of(p, rule.id).filter((d) => fixFor(d, p) !== undefined);
            const offered = fixable(c.trigger).length;
            if (rule.fix!.ask) expect(ANSWERS[rule.id], `${rule.id}'s fix asks: give ANSWERS an answer`).toBeDefined();
            for (let guard = 0; guard < 10; guard++) {
              const [d] = fixable(project);
              if (!d) break;
              expect(rule.fix!.title(d, project)).not.toBe('');
              const next = applyFix(project, d, ANSWERS[rule.id]);
              expect(next, 'a fix that applies must change the project').not.toBe(project);
              project = next;
            }
            // A case the fix should handle must get it offered, or this test would pass for nothing.
            if (c.fixable === false) expect(offered, 'the case says the fix does not apply').toBe(0);
            else
              expect(offered, `${rule.id} offers no fix for: ${of(c.trigger, rule.id)[0]?.message}`).toBeGreaterThan(0);
            const after = checkProject(project);
            // What the fix offered to repair is repaired; what it does not apply to stays.
            expect(of(project, rule.id)).toHaveLength(of(c.trigger, rule.id).length - offered);
            const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error' && d.rule !== rule.id).length;
            expect(errors(after)).toBeLessThanOrEqual(errors(before));
          },
        );
      }
    });
  }
});

describe('NA007 special case', () => {
  it('a portmap added beside the proxy conflicts only once it publishes a host port', () => {
    const both = component(manual, {
      kind: 'nextauth-portmap',
      name: 'portmap',
      position: { x: 0, y: 0 },
      zone: 'dmz' as never,
    });
    expect(of(both, 'NA007')).toEqual([]);
    expect(of(patchComponent(both, 'portmap', { publish: [{ port: 'https', hostPort: 443 }] }), 'NA007')).toHaveLength(
      1,
    );
  });
});

describe('NA024 merge', () => {
  it('folds the servers into one with the replicas added up and references re-pointed', () => {
    const two = link(
      patchComponent(
        component(pinned(manual), { kind: 'nextauth', name: 'nextauth B', id: 'nextauth-b', position: { x: 0, y: 0 } }),
        'nextauth-b',
        { replicas: 2 },
      ),
      'nextauth-b',
      'mysql',
      'db',
    );
    const merged = mergeNextauth(two);
    expect(merged.components.filter((c) => c.kind === 'nextauth').map((c) => [c.id, c.replicas])).toEqual([
      ['nextauth', 3],
    ]);
    expect(merged.links.filter((l) => l.from === 'nextauth' && l.to === 'mysql')).toHaveLength(1);
    expect(checkProject(merged).filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('is available as the quick fix', () => {
    expect(getRule('NA024')?.fix).toBeDefined();
  });
});
