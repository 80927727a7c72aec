import type { ComponentKind, DatabaseFlavour } from '../model/types';
import { CONTAINER } from './container';
import type { EnvSpec, FlavourSpec, KindSpec, PortSpec, Source } from './types';
import {
  CADDY_IMAGE_URL,
  HAPROXY_IMAGE_URL,
  MARIADB_IMAGE_URL,
  MYSQL_IMAGE_URL,
  NGINX_IMAGE_URL,
  POSTGRES_IMAGE_URL,
  REDIS_IMAGE_URL,
  REDIS_SENTINEL_URL,
  S11_ARCHITECTURE_URL,
  S1_INCOMING,
  S1_MANUAL,
  S1_NETWORKING_URL,
  S1_OUTGOING,
  S1_SECTIONS,
  S7_CONFIGURATION_URL,
  SEED_MANUAL,
  TRAEFIK_IMAGE_URL,
  assumed,
  doc,
  seed,
} from './sources';

/*
 * The catalog models the OLD nextAuth layout (images nextauth, nextauth-mgmt,
 * nextauth-portmap; docs page S1 plus the project seed). Anything the docs do not state is
 * sourced `assumed` with the reason, so the UI never shows a guess as documentation.
 */

/**
 * Documented DB URI formats. They come from the newer configuration page (S7); the old
 * layout's own configuration page is not available, so using them there is an assumption.
 */
export const DB_URI_FORMATS: Readonly<Record<DatabaseFlavour, string>> = {
  mysql: 'mysql://{USERNAME}:{PASSWORD}@{HOST}:{PORT}/{DATABASE}?loc=Local',
  mariadb: 'mysql://{USERNAME}:{PASSWORD}@{HOST}:{PORT}/{DATABASE}?loc=Local',
  postgres: 'postgres://{USERNAME}:{PASSWORD}@{HOST}:{PORT}/{DATABASE}',
};

const OLD_CONFIG_PAGE_MISSING = "The old layout's configuration page is not available, so this name is not documented.";

const externalHttps = (host: string, source: Source): PortSpec => ({
  name: 'https',
  number: 443,
  protocol: 'https',
  tls: 'always',
  exposure: 'public',
  label: 'HTTPS',
  description: `HTTPS endpoint at ${host}.`,
  source,
});

const plainHttpUi = (name: string, number: number, label: string, description: string): PortSpec => ({
  name,
  number,
  protocol: 'http',
  tls: 'none',
  exposure: 'internal',
  label,
  description,
  source: S1_INCOMING,
});

// ---------------------------------------------------------------------------------------
// nextauth

const NEXTAUTH_ENV: readonly EnvSpec[] = [
  {
    name: 'NEXTAUTH_DEFAULT_WS_URL',
    description:
      'Public wss:// URL of the WebSocket endpoint. Must equal the URL the proxy or portmap routes to port 8009.',
    format: 'wss://{HOST}{PATH}',
    secret: false,
    required: true,
    source: SEED_MANUAL,
  },
  {
    name: 'NEXTAUTH_LICENSE',
    description: 'License issued by nextAuth, checked against license.nextauth.com.',
    secret: false,
    required: true,
    source: assumed(
      `Named by analogy with NEXTAUTH_NS_LICENSE in the newer docs (${S7_CONFIGURATION_URL}). ${OLD_CONFIG_PAGE_MISSING}`,
    ),
  },
  {
    name: 'NEXTAUTH_DB_URI',
    description:
      'Database connection URI, including the database password. Portolan writes it from the connection to the database in the drawing (host, port, account and password variable of that database); a value typed here overrides it and must connect where the drawing says.',
    format: `${DB_URI_FORMATS.mysql} (MySQL/MariaDB) or ${DB_URI_FORMATS.postgres} (PostgreSQL)`,
    secret: true,
    required: true,
    source: assumed(
      `Named after NEXTAUTH_NS_DB_URI in the newer configuration page (${S7_CONFIGURATION_URL}), which documents these formats and an in-memory default (":memory:") that loses data on restart. ${OLD_CONFIG_PAGE_MISSING}`,
    ),
  },
  {
    name: 'NEXTAUTH_KV_URI',
    description:
      'Redis connection URI. Portolan writes it from the connection in the drawing: redis://HOST:PORT for Redis, redis-sentinel://HOST:PORT/MASTER for Redis Sentinel; a value typed here overrides it and must connect where the drawing says.',
    format: 'redis://{HOST}:{PORT} or redis-sentinel://{HOST}:{PORT}/{MASTER}',
    secret: false,
    required: false,
    source: assumed(
      `Named by analogy with NEXTAUTH_NS_KV_URI in the newer docs; its format is not documented, so the redis:// and redis-sentinel:// forms Portolan writes are assumed. ${OLD_CONFIG_PAGE_MISSING}`,
    ),
  },
  {
    name: 'NEXTAUTH_ROOT_API_KEY',
    description: 'Root key for the REST API. Use a long random value.',
    secret: true,
    required: true,
    source: assumed(
      `Named by analogy with NEXTAUTH_NS_ROOT_API_KEY in the newer docs, which require a random value. ${OLD_CONFIG_PAGE_MISSING}`,
    ),
  },
  {
    name: 'NEXTAUTH_WS_TLS_CERT',
    description: 'Certificate that turns on TLS on the WebSocket port (8009). Set together with NEXTAUTH_WS_TLS_KEY.',
    secret: false,
    required: false,
    source: SEED_MANUAL,
  },
  {
    name: 'NEXTAUTH_WS_TLS_KEY',
    description: 'Private key that turns on TLS on the WebSocket port (8009). Set together with NEXTAUTH_WS_TLS_CERT.',
    secret: true,
    required: false,
    source: SEED_MANUAL,
  },
  {
    name: 'NEXTAUTH_API_TLS_CERT',
    description: 'Certificate that turns on TLS on the REST API port (8888). Set together with NEXTAUTH_API_TLS_KEY.',
    secret: false,
    required: false,
    source: SEED_MANUAL,
  },
  {
    name: 'NEXTAUTH_API_TLS_KEY',
    description: 'Private key that turns on TLS on the REST API port (8888). Set together with NEXTAUTH_API_TLS_CERT.',
    secret: true,
    required: false,
    source: SEED_MANUAL,
  },
];

const TLS_ENV_NOTE = 'The variable names come from the seed copy of this page.';

const NEXTAUTH: KindSpec & { readonly kind: 'nextauth' } = {
  kind: 'nextauth',
  label: 'nextAuth server',
  category: 'nextauth',
  description: 'The nextAuth authentication server: REST API, WebSockets and Mobile API.',
  image: {
    name: 'nextauth',
    source: doc(
      S1_NETWORKING_URL,
      S1_SECTIONS.incoming,
      'The registry path and tag are not public; they come from the project settings.',
    ),
  },
  deployable: true,
  optional: false,
  // S1 speaks of "the nextauth container(s)"; how replicas share state is not documented.
  scalable: true,
  ports: [
    {
      name: 'rest',
      number: 8888,
      protocol: 'http',
      tls: 'optional',
      exposure: 'server-side',
      label: 'REST API',
      description:
        'Server-to-server API for your applications. portmap never publishes it; keep it off the public internet.',
      tlsEnv: { cert: 'NEXTAUTH_API_TLS_CERT', key: 'NEXTAUTH_API_TLS_KEY' },
      source: doc(S1_NETWORKING_URL, S1_SECTIONS.incoming, TLS_ENV_NOTE),
    },
    {
      name: 'ws',
      number: 8009,
      protocol: 'ws',
      tls: 'optional',
      // Not exposed by the container itself; the public wss:// URL is served by portmap or a proxy.
      exposure: 'internal',
      label: 'WebSockets',
      description: 'WebSocket endpoint. Reach it from outside through portmap or a reverse proxy as wss://.',
      tlsEnv: { cert: 'NEXTAUTH_WS_TLS_CERT', key: 'NEXTAUTH_WS_TLS_KEY' },
      source: doc(S1_NETWORKING_URL, S1_SECTIONS.incoming, TLS_ENV_NOTE),
    },
    {
      name: 'mobile',
      number: 8889,
      protocol: 'http',
      tls: 'none',
      exposure: 'internal',
      label: 'Mobile API',
      description: 'HTTP-based Mobile API. Reach it from outside through portmap or a reverse proxy.',
      source: assumed(
        'The seed and one version of the networking page (S1b) give 8889; another version (S1a) lists 8888 for both the REST API and the Mobile API, most likely a typo. Override the port per component if your installation differs: the docs name no setting that moves it, so an override states what the image listens on and the export changes no command. The docs do not say whether this port supports TLS, or which public URL it is mapped to.',
      ),
    },
  ],
  egress: [
    {
      to: 'license-server',
      port: 'https',
      address: 'license.nextauth.com:443',
      purpose: 'License validation',
      required: true,
      source: S1_OUTGOING,
    },
    {
      to: 'push-fcm',
      port: 'https',
      address: 'fcm.googleapis.com:443',
      purpose: 'Android push messages',
      required: false,
      source: S1_OUTGOING,
    },
    {
      to: 'push-apns',
      port: 'https',
      address: 'api.push.apple.com:443',
      purpose: 'iOS push messages',
      required: false,
      source: S1_OUTGOING,
    },
    {
      to: 'database',
      port: 'db',
      purpose: 'Database connection',
      required: true,
      source: S1_OUTGOING,
    },
    {
      to: 'redis',
      port: 'redis',
      purpose: 'Redis connection',
      required: false,
      source: doc(
        S1_NETWORKING_URL,
        S1_SECTIONS.outgoing,
        'The docs list the connection but not when Redis is needed; Portolan assumes it is once nextauth runs more than one replica.',
      ),
    },
    {
      to: 'redis-sentinel',
      port: 'sentinel',
      purpose: 'Redis Sentinel connection',
      required: false,
      source: doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, 'Only needed when Redis runs under Sentinel.'),
    },
  ],
  env: NEXTAUTH_ENV,
  source: S1_INCOMING,
};

// ---------------------------------------------------------------------------------------
// nextauth-mgmt and nextauth-portmap

const NEXTAUTH_MGMT: KindSpec & { readonly kind: 'nextauth-mgmt' } = {
  kind: 'nextauth-mgmt',
  label: 'nextAuth management',
  category: 'nextauth',
  description: 'Web interfaces for server management, account management and the identity provider.',
  image: { name: 'nextauth-mgmt', source: S1_INCOMING },
  deployable: true,
  optional: true,
  scalable: false,
  ports: [
    plainHttpUi('dashboard', 80, 'Dashboard', 'Server management web interface (plain HTTP).'),
    plainHttpUi('accounts', 81, 'Account management', 'Account management web interface (plain HTTP).'),
    plainHttpUi('idp', 82, 'Identity provider', 'Identity provider web interface (plain HTTP).'),
  ],
  egress: [
    {
      to: 'nextauth',
      port: 'rest',
      purpose: 'Management calls to the nextAuth server',
      required: true,
      source: assumed(
        'The networking page says nextauth-mgmt connects to the nextauth container(s) but does not name the port; the REST API is the likely target.',
      ),
    },
  ],
  env: [],
  source: S1_INCOMING,
};

const PORTMAP_NOTE =
  'The page says portmap connects to the nextauth and nextauth-mgmt containers on the ports of the incoming table.';

const NEXTAUTH_PORTMAP: KindSpec & { readonly kind: 'nextauth-portmap' } = {
  kind: 'nextauth-portmap',
  label: 'nextAuth portmap',
  category: 'edge',
  description:
    "nextAuth's edge router: terminates TLS on 443 and routes by host name and path. It never publishes the REST API.",
  image: { name: 'nextauth-portmap', source: S1_INCOMING },
  deployable: true,
  optional: true,
  // It is the one container that binds host ports 80 and 443.
  scalable: false,
  ports: [
    {
      name: 'http',
      number: 80,
      protocol: 'http',
      tls: 'none',
      exposure: 'public',
      label: 'HTTP',
      description: 'Redirects every request to HTTPS.',
      source: S1_INCOMING,
    },
    {
      name: 'https',
      number: 443,
      protocol: 'https',
      tls: 'terminates',
      exposure: 'public',
      label: 'HTTPS',
      description: 'Terminates TLS and routes to nextauth and nextauth-mgmt by SNI host name and path.',
      source: S1_INCOMING,
    },
  ],
  egress: [
    {
      to: 'nextauth',
      port: 'ws',
      purpose: 'Forwards the public WebSocket URL',
      required: true,
      source: doc(
        S1_NETWORKING_URL,
        S1_SECTIONS.outgoing,
        `${PORTMAP_NOTE} The WebSocket mapping to 8009 is in the seed's mapping table.`,
      ),
    },
    {
      to: 'nextauth',
      port: 'mobile',
      purpose: 'Forwards the Mobile API',
      required: true,
      source: assumed(
        "The mobile app must reach the Mobile API, but no mapping for it is documented (the seed's mapping table has no row for it).",
      ),
    },
    {
      to: 'nextauth-mgmt',
      port: 'dashboard',
      purpose: 'Forwards the server management interface',
      required: false,
      source: doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, PORTMAP_NOTE),
    },
    {
      to: 'nextauth-mgmt',
      port: 'accounts',
      purpose: 'Forwards the account management interface',
      required: false,
      source: doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, PORTMAP_NOTE),
    },
    {
      to: 'nextauth-mgmt',
      port: 'idp',
      purpose: 'Forwards the identity provider interface',
      required: false,
      source: doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, PORTMAP_NOTE),
    },
  ],
  env: [],
  source: S1_INCOMING,
};

// ---------------------------------------------------------------------------------------
// reverse-proxy

// Shared with the kind's own `image`, which shows the default flavour's image.
const NGINX_IMAGE = 'nginx:1.27-alpine';
const MYSQL_IMAGE = 'mysql:8.4';

const PROXY_FLAVOURS: readonly FlavourSpec[] = [
  {
    id: 'nginx',
    label: 'NGINX',
    image: NGINX_IMAGE,
    source: assumed(
      `Image tag chosen by Portolan; see ${NGINX_IMAGE_URL}. nextAuth's reverse-proxy integration examples use NGINX.`,
    ),
  },
  {
    id: 'haproxy',
    label: 'HAProxy',
    image: 'haproxy:3.0-alpine',
    source: assumed(
      `Image tag chosen by Portolan; see ${HAPROXY_IMAGE_URL}. The image ships no default configuration and runs as a non-root user, so listening on 80/443 needs extra setup.`,
    ),
  },
  {
    id: 'caddy',
    label: 'Caddy',
    image: 'caddy:2.8-alpine',
    source: assumed(
      `Image tag chosen by Portolan; see ${CADDY_IMAGE_URL}. Caddy obtains certificates automatically unless told otherwise.`,
    ),
  },
  {
    id: 'traefik',
    label: 'Traefik',
    image: 'traefik:v3.1',
    source: assumed(
      `Image tag chosen by Portolan; see ${TRAEFIK_IMAGE_URL}. The newer nextAuth docs use Traefik, configured through container labels.`,
    ),
  },
];

const PROXY_PORT_NOTE =
  'Port 80/443 is the usual convention; the nextAuth docs give no numbers and each proxy listens where its configuration says.';

const REVERSE_PROXY: KindSpec & { readonly kind: 'reverse-proxy' } = {
  kind: 'reverse-proxy',
  label: 'Reverse proxy',
  category: 'edge',
  description: 'Your own reverse proxy or load balancer in place of portmap. Every public mapping is set up by hand.',
  image: {
    name: NGINX_IMAGE,
    source: assumed("The image depends on the flavour; this is the default flavour's image."),
  },
  deployable: true,
  optional: true,
  scalable: false,
  ports: [
    {
      name: 'http',
      number: 80,
      protocol: 'http',
      tls: 'none',
      exposure: 'public',
      label: 'HTTP',
      description: 'Plain HTTP, usually redirected to HTTPS.',
      source: assumed(PROXY_PORT_NOTE),
    },
    {
      name: 'https',
      number: 443,
      protocol: 'https',
      tls: 'terminates',
      exposure: 'public',
      label: 'HTTPS',
      description: 'Terminates TLS and forwards to the mapped services, optionally over a new TLS connection.',
      source: assumed(`${PROXY_PORT_NOTE} That TLS ends at the proxy is documented (${S1_NETWORKING_URL}).`),
    },
  ],
  egress: [
    {
      to: 'nextauth',
      port: 'ws',
      purpose: 'Forwards the public wss:// URL',
      required: false,
      source: SEED_MANUAL,
    },
    {
      to: 'nextauth',
      port: 'mobile',
      purpose: 'Forwards the Mobile API',
      required: false,
      source: assumed('The mobile app must reach the Mobile API, but the documented mapping table has no row for it.'),
    },
    {
      to: 'nextauth',
      port: 'rest',
      purpose: 'Optional. Publishing the REST API is a security risk',
      required: false,
      source: SEED_MANUAL,
    },
    {
      to: 'nextauth-mgmt',
      port: 'dashboard',
      purpose: 'Optional. Publishes the server management interface',
      required: false,
      source: SEED_MANUAL,
    },
    {
      to: 'nextauth-mgmt',
      port: 'accounts',
      purpose: 'Optional. Publishes the account management interface',
      required: false,
      source: SEED_MANUAL,
    },
    {
      to: 'nextauth-mgmt',
      port: 'idp',
      purpose: 'Optional. Publishes the identity provider interface',
      required: false,
      source: SEED_MANUAL,
    },
  ],
  env: [],
  flavours: PROXY_FLAVOURS,
  defaultFlavour: 'nginx',
  source: S1_MANUAL,
};

// ---------------------------------------------------------------------------------------
// database, redis, redis-sentinel

const tagNote = (url: string, extra?: string): Source =>
  assumed(`Image tag chosen by Portolan; see ${url}.${extra === undefined ? '' : ` ${extra}`}`);

const DATABASE_FLAVOURS: readonly FlavourSpec[] = [
  {
    id: 'mysql',
    label: 'MySQL',
    image: MYSQL_IMAGE,
    portNumbers: { db: 3306 },
    env: [
      {
        name: 'MYSQL_ROOT_PASSWORD',
        description: 'Password of the MySQL root account. Use a random value.',
        secret: true,
        required: true,
        source: doc(MYSQL_IMAGE_URL, 'Environment Variables'),
      },
      {
        name: 'MYSQL_DATABASE',
        description: 'Database created on first start.',
        secret: false,
        required: false,
        source: doc(MYSQL_IMAGE_URL, 'Environment Variables'),
      },
      {
        name: 'MYSQL_USER',
        description: 'User created on first start, with full rights on MYSQL_DATABASE.',
        secret: false,
        required: false,
        source: doc(MYSQL_IMAGE_URL, 'Environment Variables'),
      },
      {
        name: 'MYSQL_PASSWORD',
        description: 'Password of MYSQL_USER. Must match the password in the nextauth database URI.',
        secret: true,
        required: false,
        source: doc(MYSQL_IMAGE_URL, 'Environment Variables'),
      },
    ],
    source: tagNote(MYSQL_IMAGE_URL),
  },
  {
    id: 'mariadb',
    label: 'MariaDB',
    image: 'mariadb:11.4',
    portNumbers: { db: 3306 },
    env: [
      {
        name: 'MARIADB_ROOT_PASSWORD',
        description: 'Password of the MariaDB root account. Use a random value.',
        secret: true,
        required: true,
        source: doc(MARIADB_IMAGE_URL, 'Environment Variables'),
      },
      {
        name: 'MARIADB_DATABASE',
        description: 'Database created on first start.',
        secret: false,
        required: false,
        source: doc(MARIADB_IMAGE_URL, 'Environment Variables'),
      },
      {
        name: 'MARIADB_USER',
        description: 'User created on first start, with full rights on MARIADB_DATABASE.',
        secret: false,
        required: false,
        source: doc(MARIADB_IMAGE_URL, 'Environment Variables'),
      },
      {
        name: 'MARIADB_PASSWORD',
        description: 'Password of MARIADB_USER. Must match the password in the nextauth database URI.',
        secret: true,
        required: false,
        source: doc(MARIADB_IMAGE_URL, 'Environment Variables'),
      },
    ],
    source: tagNote(MARIADB_IMAGE_URL),
  },
  {
    id: 'postgres',
    label: 'PostgreSQL',
    image: 'postgres:16-alpine',
    portNumbers: { db: 5432 },
    portProtocols: { db: 'postgres' },
    env: [
      {
        name: 'POSTGRES_PASSWORD',
        description: 'Password of the PostgreSQL superuser. Must match the password in the nextauth database URI.',
        secret: true,
        required: true,
        source: doc(POSTGRES_IMAGE_URL, 'Environment Variables'),
      },
      {
        name: 'POSTGRES_USER',
        description: 'Superuser created on first start (default postgres).',
        secret: false,
        required: false,
        source: doc(POSTGRES_IMAGE_URL, 'Environment Variables'),
      },
      {
        name: 'POSTGRES_DB',
        description: 'Database created on first start (default: the user name).',
        secret: false,
        required: false,
        source: doc(POSTGRES_IMAGE_URL, 'Environment Variables'),
      },
    ],
    source: tagNote(
      POSTGRES_IMAGE_URL,
      `PostgreSQL is documented only for the newer nextAuth server (${S7_CONFIGURATION_URL}); the old architecture page names MySQL/MariaDB.`,
    ),
  },
];

const DATABASE: KindSpec & { readonly kind: 'database' } = {
  kind: 'database',
  label: 'Database',
  category: 'data',
  description: 'SQL database for nextauth: MySQL or MariaDB (PostgreSQL only in newer server releases).',
  image: {
    name: MYSQL_IMAGE,
    source: assumed("The image depends on the flavour; this is the default flavour's image."),
  },
  deployable: true,
  optional: false,
  scalable: false,
  ports: [
    {
      name: 'db',
      number: 3306,
      protocol: 'mysql',
      tls: 'optional',
      exposure: 'internal',
      label: 'Database',
      description: 'SQL connections from nextauth.',
      source: doc(
        MYSQL_IMAGE_URL,
        undefined,
        `3306 is the standard MySQL port, also used by MariaDB; the PostgreSQL flavour uses 5432 (${POSTGRES_IMAGE_URL}).`,
      ),
    },
  ],
  egress: [],
  env: [],
  flavours: DATABASE_FLAVOURS,
  defaultFlavour: 'mysql',
  source: doc(S11_ARCHITECTURE_URL, undefined, 'The older architecture page says the server needs MySQL/MariaDB.'),
};

const REDIS: KindSpec & { readonly kind: 'redis' } = {
  kind: 'redis',
  label: 'Redis',
  category: 'data',
  description: 'Redis key-value store for nextauth.',
  image: { name: 'redis:7.4-alpine', source: tagNote(REDIS_IMAGE_URL) },
  deployable: true,
  optional: true,
  scalable: false,
  ports: [
    {
      name: 'redis',
      number: 6379,
      protocol: 'redis',
      tls: 'none',
      exposure: 'internal',
      label: 'Redis',
      description: 'Redis connections from nextauth and Sentinel.',
      source: doc(
        REDIS_IMAGE_URL,
        undefined,
        `Redis's standard port; the nextAuth networking page also lists 6379 (${S1_NETWORKING_URL}).`,
      ),
    },
  ],
  egress: [],
  env: [],
  source: doc(S11_ARCHITECTURE_URL, undefined, 'The older architecture page lists Redis as a supporting component.'),
};

const REDIS_SENTINEL: KindSpec & { readonly kind: 'redis-sentinel' } = {
  kind: 'redis-sentinel',
  label: 'Redis Sentinel',
  category: 'data',
  description: 'Monitors Redis and fails over to a replica; clients ask it for the current Redis primary.',
  image: {
    name: 'redis:7.4-alpine',
    source: tagNote(
      REDIS_IMAGE_URL,
      'Sentinel runs from the redis image, started as redis-sentinel with a sentinel.conf.',
    ),
  },
  deployable: true,
  optional: true,
  // Sentinel is designed to run as several cooperating processes.
  scalable: true,
  ports: [
    {
      name: 'sentinel',
      number: 26379,
      protocol: 'redis',
      tls: 'none',
      exposure: 'internal',
      label: 'Sentinel',
      description: 'Sentinel queries from nextauth.',
      source: doc(
        REDIS_SENTINEL_URL,
        undefined,
        `Sentinel's default port; the nextAuth networking page also lists 26379 (${S1_NETWORKING_URL}).`,
      ),
    },
  ],
  egress: [
    {
      to: 'redis',
      port: 'redis',
      purpose: 'Monitors the Redis instances',
      required: true,
      source: doc(REDIS_SENTINEL_URL),
    },
  ],
  env: [],
  source: S1_OUTGOING,
};

// ---------------------------------------------------------------------------------------
// External services

const S1A_HOST_NOTE = 'The host name appears in one version of the page; the seed copy leaves it blank.';

const PUSH_FCM: KindSpec & { readonly kind: 'push-fcm' } = {
  kind: 'push-fcm',
  label: 'Firebase Cloud Messaging',
  category: 'external',
  description: "Google's push service, used for Android push messages.",
  deployable: false,
  optional: true,
  scalable: false,
  ports: [externalHttps('fcm.googleapis.com', doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, S1A_HOST_NOTE))],
  egress: [],
  env: [],
  source: doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, S1A_HOST_NOTE),
};

const PUSH_APNS: KindSpec & { readonly kind: 'push-apns' } = {
  kind: 'push-apns',
  label: 'Apple Push Notification service',
  category: 'external',
  description: "Apple's push service, used for iOS push messages.",
  deployable: false,
  optional: true,
  scalable: false,
  ports: [externalHttps('api.push.apple.com', doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, S1A_HOST_NOTE))],
  egress: [],
  env: [],
  source: doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, S1A_HOST_NOTE),
};

const LICENSE_SERVER: KindSpec & { readonly kind: 'license-server' } = {
  kind: 'license-server',
  label: 'nextAuth license server',
  category: 'external',
  description: 'Validates the nextAuth license. nextauth must be able to reach it.',
  deployable: false,
  optional: false,
  scalable: false,
  ports: [externalHttps('license.nextauth.com', doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, S1A_HOST_NOTE))],
  egress: [],
  env: [],
  source: doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing, S1A_HOST_NOTE),
};

// ---------------------------------------------------------------------------------------
// Clients. Mobile apps and browsers reach nextauth through portmap or a reverse proxy, so
// their needs are expressed by routes, not by egress to nextauth ports.

const MOBILE_APP: KindSpec & { readonly kind: 'mobile-app' } = {
  kind: 'mobile-app',
  label: 'Mobile app',
  category: 'client',
  description: 'A phone running an app built with the nextAuth Mobile SDK.',
  deployable: false,
  optional: true,
  scalable: false,
  ports: [],
  egress: [],
  env: [],
  source: seed(S1_SECTIONS.manual, 'The page mentions the Mobile SDK authenticating against the server.'),
};

const BROWSER_USER: KindSpec & { readonly kind: 'browser-user' } = {
  kind: 'browser-user',
  label: 'Browser',
  category: 'client',
  description: 'A person using a web browser, e.g. to open the nextAuth web interfaces.',
  deployable: false,
  optional: true,
  scalable: false,
  ports: [],
  egress: [],
  env: [],
  source: assumed(
    'The docs read do not describe browser users; Portolan includes them to draw who reaches the web interfaces.',
  ),
};

const BUSINESS_APP: KindSpec & { readonly kind: 'business-app' } = {
  kind: 'business-app',
  label: 'Business application',
  category: 'client',
  description: 'Your application that uses nextAuth for authentication and calls the REST API server-side.',
  deployable: false,
  optional: true,
  scalable: false,
  ports: [],
  egress: [
    {
      to: 'nextauth',
      port: 'rest',
      purpose: 'REST API calls, kept off the public internet',
      // Applications can integrate through the identity provider instead.
      required: false,
      source: S1_INCOMING,
    },
  ],
  env: [],
  source: S1_INCOMING,
};

/** One spec per ComponentKind, keyed by kind; the mapped type makes the table total. */
export const KIND_SPECS: { readonly [K in ComponentKind]: KindSpec & { readonly kind: K } } = {
  nextauth: NEXTAUTH,
  'nextauth-mgmt': NEXTAUTH_MGMT,
  'nextauth-portmap': NEXTAUTH_PORTMAP,
  'reverse-proxy': REVERSE_PROXY,
  database: DATABASE,
  redis: REDIS,
  'redis-sentinel': REDIS_SENTINEL,
  'push-fcm': PUSH_FCM,
  'push-apns': PUSH_APNS,
  'license-server': LICENSE_SERVER,
  'mobile-app': MOBILE_APP,
  'browser-user': BROWSER_USER,
  'business-app': BUSINESS_APP,
  container: CONTAINER,
};
