import type { ComponentKind, Flavour } from '../../model/types';

/**
 * Which images are which component kind: the data `kinds.ts` matches against. One row per
 * image, each with the reason it is there, because the import report quotes that reason to the
 * user ("recognised as MySQL: Bitnami's packaging of MySQL, same protocol and port").
 *
 * How confident a row is:
 * - `high`: the official image, the catalog's own image, or a vendor's packaging of the same
 *   server that speaks the same protocol on the same port;
 * - `medium`: a derivative or compatible fork (OpenResty, PostGIS, Valkey, Redis Stack): it
 *   connects like the kind, but its configuration or extras differ, so the user should look.
 */
export type Confidence = 'high' | 'medium' | 'low';

export interface ImageRow {
  /**
   * The repository path the row matches, after any registry or mirror prefix: `nginx` (an
   * official image: `docker.io/library/nginx`, `mirror.gcr.io/library/nginx`,
   * `registry.example.com/nginx`) or `bitnami/nginx` (a vendor namespace, under any prefix).
   */
  readonly path: string;
  readonly kind: ComponentKind;
  readonly flavour?: Flavour;
  readonly confidence: Exclude<Confidence, 'low'>;
  readonly why: string;
  /**
   * The repository name alone identifies the image, under any namespace: nextAuth's own images,
   * which the exporter writes as `${PORTOLAN_REGISTRY}nextauth` with a registry prefix that may
   * hold a path (`registry.example.com/nextauth/nextauth`).
   */
  readonly anyNamespace?: true;
}

const NEXTAUTH_WHY =
  'nextAuth image of the old layout (docs server/networking: nextauth, nextauth-mgmt, nextauth-portmap)';

/** Images Portolan models. A vendor row (`bitnami/nginx`) wins over the same repository name under an unknown namespace. */
export const IMAGE_ROWS: readonly ImageRow[] = [
  // nextAuth (the catalog's images; registry path and tag come from the project settings).
  { path: 'nextauth', kind: 'nextauth', confidence: 'high', anyNamespace: true, why: NEXTAUTH_WHY },
  { path: 'nextauth-mgmt', kind: 'nextauth-mgmt', confidence: 'high', anyNamespace: true, why: NEXTAUTH_WHY },
  { path: 'nextauth-portmap', kind: 'nextauth-portmap', confidence: 'high', anyNamespace: true, why: NEXTAUTH_WHY },

  // Reverse proxies.
  { path: 'nginx', kind: 'reverse-proxy', flavour: 'nginx', confidence: 'high', why: 'the official NGINX image' },
  {
    path: 'nginxinc/nginx-unprivileged',
    kind: 'reverse-proxy',
    flavour: 'nginx',
    confidence: 'high',
    why: "NGINX's own image running as a non-root user (same nginx.conf; listens on 8080 by default)",
  },
  {
    path: 'bitnami/nginx',
    kind: 'reverse-proxy',
    flavour: 'nginx',
    confidence: 'high',
    why: "Bitnami's packaging of NGINX (same nginx.conf syntax; listens on 8080/8443 by default)",
  },
  {
    path: 'openresty/openresty',
    kind: 'reverse-proxy',
    flavour: 'nginx',
    confidence: 'medium',
    why: 'OpenResty is NGINX with Lua modules: it reads nginx.conf, but Lua parts are not modelled',
  },
  {
    path: 'bitnami/openresty',
    kind: 'reverse-proxy',
    flavour: 'nginx',
    confidence: 'medium',
    why: "Bitnami's packaging of OpenResty (NGINX with Lua modules)",
  },
  { path: 'haproxy', kind: 'reverse-proxy', flavour: 'haproxy', confidence: 'high', why: 'the official HAProxy image' },
  ...['haproxy-alpine', 'haproxy-debian', 'haproxy-ubuntu'].map((name): ImageRow => ({
    path: `haproxytech/${name}`,
    kind: 'reverse-proxy',
    flavour: 'haproxy',
    confidence: 'high',
    why: "HAProxy Technologies' own HAProxy image (same haproxy.cfg)",
  })),
  {
    path: 'bitnami/haproxy',
    kind: 'reverse-proxy',
    flavour: 'haproxy',
    confidence: 'high',
    why: "Bitnami's packaging of HAProxy (same haproxy.cfg)",
  },
  { path: 'caddy', kind: 'reverse-proxy', flavour: 'caddy', confidence: 'high', why: 'the official Caddy image' },
  {
    path: 'bitnami/caddy',
    kind: 'reverse-proxy',
    flavour: 'caddy',
    confidence: 'high',
    why: "Bitnami's packaging of Caddy (same Caddyfile)",
  },
  { path: 'traefik', kind: 'reverse-proxy', flavour: 'traefik', confidence: 'high', why: 'the official Traefik image' },
  {
    path: 'bitnami/traefik',
    kind: 'reverse-proxy',
    flavour: 'traefik',
    confidence: 'high',
    why: "Bitnami's packaging of Traefik (same static and dynamic configuration)",
  },

  // Databases.
  { path: 'mysql', kind: 'database', flavour: 'mysql', confidence: 'high', why: 'the official MySQL image' },
  {
    path: 'mysql/mysql-server',
    kind: 'database',
    flavour: 'mysql',
    confidence: 'high',
    why: "Oracle's MySQL Server image (MySQL protocol on 3306)",
  },
  {
    path: 'bitnami/mysql',
    kind: 'database',
    flavour: 'mysql',
    confidence: 'high',
    why: "Bitnami's packaging of MySQL (MySQL protocol on 3306)",
  },
  {
    path: 'percona',
    kind: 'database',
    flavour: 'mysql',
    confidence: 'medium',
    why: 'Percona Server is a MySQL-compatible server (MySQL protocol on 3306, its own tuning)',
  },
  {
    path: 'percona/percona-server',
    kind: 'database',
    flavour: 'mysql',
    confidence: 'medium',
    why: 'Percona Server is a MySQL-compatible server (MySQL protocol on 3306, its own tuning)',
  },
  { path: 'mariadb', kind: 'database', flavour: 'mariadb', confidence: 'high', why: 'the official MariaDB image' },
  {
    path: 'bitnami/mariadb',
    kind: 'database',
    flavour: 'mariadb',
    confidence: 'high',
    why: "Bitnami's packaging of MariaDB (MySQL protocol on 3306)",
  },
  {
    path: 'linuxserver/mariadb',
    kind: 'database',
    flavour: 'mariadb',
    confidence: 'high',
    why: "LinuxServer.io's packaging of MariaDB (MySQL protocol on 3306)",
  },
  {
    path: 'bitnami/mariadb-galera',
    kind: 'database',
    flavour: 'mariadb',
    confidence: 'medium',
    why: 'MariaDB with Galera clustering: connects like MariaDB, the cluster members are not modelled',
  },
  { path: 'postgres', kind: 'database', flavour: 'postgres', confidence: 'high', why: 'the official PostgreSQL image' },
  {
    path: 'bitnami/postgresql',
    kind: 'database',
    flavour: 'postgres',
    confidence: 'high',
    why: "Bitnami's packaging of PostgreSQL (PostgreSQL protocol on 5432)",
  },
  {
    path: 'bitnami/postgresql-repmgr',
    kind: 'database',
    flavour: 'postgres',
    confidence: 'medium',
    why: 'PostgreSQL with repmgr replication: connects like PostgreSQL, the replicas are not modelled',
  },
  {
    path: 'postgis/postgis',
    kind: 'database',
    flavour: 'postgres',
    confidence: 'medium',
    why: 'PostGIS is the official PostgreSQL image with the PostGIS extension (same variables and port)',
  },
  {
    path: 'timescale/timescaledb',
    kind: 'database',
    flavour: 'postgres',
    confidence: 'medium',
    why: 'TimescaleDB is PostgreSQL with the Timescale extension (same variables and port)',
  },

  // Redis and Redis Sentinel (a Redis image started as Sentinel is recognised from its command).
  { path: 'redis', kind: 'redis', confidence: 'high', why: 'the official Redis image' },
  { path: 'bitnami/redis', kind: 'redis', confidence: 'high', why: "Bitnami's packaging of Redis (6379)" },
  {
    path: 'redis/redis-stack-server',
    kind: 'redis',
    confidence: 'medium',
    why: 'Redis Stack is Redis with modules (same protocol on 6379)',
  },
  {
    path: 'redis/redis-stack',
    kind: 'redis',
    confidence: 'medium',
    why: 'Redis Stack is Redis with modules and the RedisInsight UI on 8001 (Redis protocol on 6379)',
  },
  {
    path: 'valkey/valkey',
    kind: 'redis',
    confidence: 'medium',
    why: 'Valkey is a fork of Redis 7.2 speaking the same protocol on 6379',
  },
  {
    path: 'bitnami/valkey',
    kind: 'redis',
    confidence: 'medium',
    why: "Bitnami's packaging of Valkey, a Redis-compatible fork",
  },
  {
    path: 'bitnami/redis-sentinel',
    kind: 'redis-sentinel',
    confidence: 'high',
    why: "Bitnami's Redis Sentinel image (26379)",
  },
  {
    path: 'bitnami/valkey-sentinel',
    kind: 'redis-sentinel',
    confidence: 'medium',
    why: "Bitnami's Valkey Sentinel image, compatible with Redis Sentinel (26379)",
  },
];

/**
 * Images that look like one of the kinds above but are not, and stay custom containers: the
 * report says why instead of "not recognised".
 */
export const LOOKALIKE_ROWS: readonly { readonly path: string; readonly why: string }[] = [
  ...['nginxproxy/nginx-proxy', 'jwilder/nginx-proxy'].map((path) => ({
    path,
    why: "nginx-proxy writes nginx.conf from other containers' VIRTUAL_HOST variables, not from a configuration Portolan can read",
  })),
  {
    path: 'jc21/nginx-proxy-manager',
    why: 'Nginx Proxy Manager keeps its routes in its own database, configured in its web UI',
  },
  {
    path: 'lucaslorentz/caddy-docker-proxy',
    why: "caddy-docker-proxy builds its Caddyfile from other containers' labels",
  },
  ...['nginx/nginx-ingress', 'haproxytech/kubernetes-ingress', 'traefik/whoami'].map((path) => ({
    path,
    why: path.endsWith('whoami')
      ? "Traefik's small demo web server, not Traefik"
      : 'a Kubernetes ingress controller, not a compose reverse proxy',
  })),
  {
    path: 'bitnami/redis-cluster',
    why: 'Redis Cluster (sharded, several nodes) is not the single Redis the model draws',
  },
  ...['oliver006/redis_exporter', 'prom/mysqld-exporter', 'prometheuscommunity/postgres-exporter'].map((path) => ({
    path,
    why: 'a Prometheus exporter that connects to the server; it is not the server',
  })),
];

/** Registries of nextAuth's newer layout (ns, sfs, mc), which the catalog does not model. */
export const NEXTAUTH_REGISTRY = 'registry.git.nextauth.com';
