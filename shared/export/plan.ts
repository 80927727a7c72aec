import {
  componentPort,
  getKind,
  imageOf,
  isDeployed,
  isExternal,
  NEXTAUTH_IMAGE_KINDS,
  portNumber,
} from '../catalog/index';
import type { Connection } from '../connections/index';
import { DEFAULT_NETWORK, isEntryPoint, publicPortOf } from '../model/constraints';
import { declaresNetworks, hasNetworkMode, networkMembership } from '../model/networks';
import type { Component, ComposeNetwork, PassMap, Project, ProxyFlavour, Route } from '../model/types';
import { bindAddresses } from './binds';
import { healthcheckFor, listenCommand, type Healthcheck } from './containers';
import {
  composeProjectName,
  planEnvironment,
  REGISTRY_VAR,
  TAG_VAR,
  type EnvGroup,
  type PlanVariable,
} from './plan-env';
import { DEFAULT_CERT_DIR, type ExportOptions } from './types';

export {
  composeLiteral,
  composeProjectName,
  moveLiteralSecrets,
  referencesIn,
  REGISTRY_VAR,
  TAG_VAR,
  type EnvEntry,
  type EnvGroup,
  type PlanVariable,
} from './plan-env';

/**
 * The deployment every exporter writes, worked out once from the project: which containers
 * run, on which networks, with which variables, and which public URL reaches which upstream.
 * Exporters only format this plan, so compose, .env, the proxy configs and DEPLOYMENT.md
 * can never disagree with each other.
 */

/**
 * Portolan's own networks, for a project that declares none: `edge` faces the entry points and has
 * egress; `backend` is internal-only. A project that declares networks (Project.networks, an
 * import) runs on exactly those instead.
 */
export type NetworkName = 'edge' | 'backend';

export interface PlanService {
  /** Compose service name: the component id. */
  readonly name: string;
  readonly component: Component;
  readonly image: string;
  readonly replicas: number;
  /** The networks it joins: Portolan's own, or the declared ones; none beside a kept `network_mode`. */
  readonly networks: readonly string[];
  /** Kept per-network settings (aliases, ipv4_address…), by network name. */
  readonly networkSettings?: Readonly<Record<string, PassMap>>;
  readonly ports: readonly {
    readonly hostPort: number;
    /** The host address bound (a publish's hostIp); every address when absent. */
    readonly hostIp?: string;
    /** The host addresses the compose file binds, written out (see binds.ts). */
    readonly binds: readonly string[];
    readonly containerPort: number;
    /** Only for a custom container's UDP ports (compose's `HOST:CONTAINER/udp`); TCP otherwise. */
    readonly protocol?: 'udp';
  }[];
  readonly environment: readonly PlanVariable[];
  readonly dependsOn: readonly { readonly service: string; readonly healthy: boolean }[];
  readonly volumes: readonly { readonly volume: string; readonly target: string }[];
  readonly mounts: readonly { readonly source: string; readonly target: string; readonly readOnly: boolean }[];
  readonly healthcheck?: Healthcheck;
  readonly command?: readonly string[];
  readonly sysctls?: Readonly<Record<string, number>>;
  /** Compose's `extra_hosts` (`NAME:IP`): how a container dials another host whose address only `.env` knows (hosts/). */
  readonly extraHosts?: readonly string[];
}

/** An instance of an upstream on another host, through the port it publishes there (issue 16, hosts/). */
export interface RemoteServer {
  /** The host's name, for comments. */
  readonly host: string;
  /** What the proxy dials: the host's address, or the alias `extra_hosts` maps to `.env`'s address. */
  readonly address: string;
  /** The port published on that host. */
  readonly port: number;
}

export interface Upstream {
  readonly service: string;
  readonly port: number;
  readonly portName: string;
  readonly replicas: number;
  /** The proxy opens a new TLS connection to the upstream. */
  readonly reencrypt: boolean;
  readonly websocket: boolean;
  /**
   * With declared hosts: the instances on other hosts the proxy balances over too. `replicas` is
   * then the number on the proxy's own host — 0 when none runs there and `service` is not dialled.
   */
  readonly remote?: readonly RemoteServer[];
}

export interface Location {
  readonly route: Route;
  readonly path: string;
  readonly upstream: Upstream;
}

/** One host name on one public port of one entry point. */
export interface Site {
  readonly host: string;
  readonly publicPort: number;
  /** TLS terminates here (https/wss); false for plain http/ws. */
  readonly tls: boolean;
  /** Longest path first, so first-match proxies pick the most specific location. */
  readonly locations: readonly Location[];
}

export interface ProxyPlan {
  readonly entry: Component;
  readonly flavour: ProxyFlavour;
  readonly sites: readonly Site[];
  /** Published host port for plain HTTP (redirects to HTTPS), when the entry point publishes 80. */
  readonly redirectPort?: number;
  readonly certDir: string;
  /** Where the exported configuration goes, e.g. `nginx/nginx.conf`. */
  readonly configFile: string;
  /** Traefik only: the file-provider configuration beside the static one. */
  readonly dynamicFile?: string;
}

export interface Certificate {
  readonly host: string;
  readonly cert: string;
  readonly key: string;
}

export interface DeploymentPlan {
  readonly project: Project;
  readonly projectName: string;
  readonly services: readonly PlanService[];
  /**
   * The top-level networks to write when the project declares networks: every declared one
   * (compose's `default` only when it has settings: docker creates it anyway), then any a service
   * names without a declaration (NA051 reports those), without settings. Undefined: Portolan's
   * own `edge` and `backend`, as the services use them.
   */
  readonly networks?: readonly ComposeNetwork[];
  readonly env: readonly EnvGroup[];
  readonly proxies: readonly ProxyPlan[];
  readonly portmaps: readonly { readonly entry: Component; readonly sites: readonly Site[] }[];
  readonly certificates: readonly Certificate[];
  /** nextauth's connections derived from the drawing (or overridden), as the compose file writes them. */
  readonly connections: readonly Connection[];
  /** Components that are not containers of this deployment (external services, clients, customer-run databases). */
  readonly outside: readonly Component[];
  /** Host ports the model publishes on components other than entry points, which the export leaves out. */
  readonly ignoredPublish: readonly { readonly component: Component; readonly hostPort: number }[];
  /** A host's share of a deployment that declares hosts (hosts/): the whole plan, whose capacity figures it keeps. */
  readonly whole?: DeploymentPlan;
}

/**
 * What docker-compose prints, and stops with, when `.env` leaves the nextAuth tag empty or out:
 * nextAuth's images are pinned to the version the operator fills in, never to whatever a
 * missing tag would pull (`latest`). No `}` (it would end the reference) and no `/` (dclint's
 * tag check reads the image's last path segment).
 */
export const TAG_REQUIRED_MESSAGE = `set ${TAG_VAR} in .env to the nextAuth version to run`;

/** A nextAuth image in compose: registry and tag from `.env`; compose refuses to start without a tag. */
export function nextAuthImage(base: string): string {
  return `\${${REGISTRY_VAR}}${base}:\${${TAG_VAR}:?${TAG_REQUIRED_MESSAGE}}`;
}

const DATA_DIRS: Readonly<Record<string, string>> = {
  mysql: '/var/lib/mysql',
  mariadb: '/var/lib/mysql',
  postgres: '/var/lib/postgresql/data',
};

export { isDeployed };

function portOf(c: Component, name: string): number {
  const n = portNumber(c, name);
  if (n === undefined) throw new Error(`${c.id} has no port ${name}`);
  return n;
}

/**
 * The image a service runs: a component's own image (a custom container's, or an override of the
 * catalog's — an imported `bitnami/redis:7.4` runs as is, not as the catalog's `redis:…`); else
 * nextAuth's from the `.env` registry and tag, else the catalog's. An override is the image of the
 * flavour it was set for, so `--proxy` replacing a proxy's flavour drops it.
 */
function imageInCompose(c: Component, flavour: Component['flavour']): string {
  if (c.kind === 'container') return c.image ?? c.kind;
  if (c.image !== undefined && c.image !== '' && flavour === c.flavour) return c.image;
  const base = imageOf({ kind: c.kind, flavour }) ?? c.kind;
  return NEXTAUTH_IMAGE_KINDS.has(c.kind) ? nextAuthImage(base) : base;
}

export function buildPlan(project: Project, options: ExportOptions): DeploymentPlan {
  const byId = new Map(project.components.map((c) => [c.id as string, c]));
  const deployed = project.components.filter(isDeployed);
  const isEntry = isEntryPoint;
  const routedTargets = new Set(project.routes.map((r) => r.target as string));
  // Indexes, so a 1,000-component project is planned in linear time (filter order is kept).
  const linksFrom = groupBy(project.links, (l) => l.from);
  const routesVia = groupBy(project.routes, (r) => r.via);
  const certDir = options.certDir ?? DEFAULT_CERT_DIR;
  const proxyComponents = project.components.filter((c) => c.kind === 'reverse-proxy');
  const flavourOf = (c: Component): ProxyFlavour => options.proxy ?? (c.flavour as ProxyFlavour | undefined) ?? 'nginx';
  // One proxy: `nginx/nginx.conf`. Several: a folder each, `nginx-edge1/nginx.conf`.
  const proxyFiles = new Map(
    proxyComponents.map((c) => {
      const flavour = flavourOf(c);
      const dir = proxyComponents.length > 1 ? `${flavour}-${c.id}` : flavour;
      const { file, dynamic } = PROXY_CONFIG[flavour];
      return [c.id as string, { config: `${dir}/${file}`, ...(dynamic ? { dynamic: `${dir}/${dynamic}` } : {}) }];
    }),
  );

  const { env, variablesOf, connections } = planEnvironment(project, deployed, options);
  const declared = declaresNetworks(project) ? networkMembership(project) : undefined;

  const services: PlanService[] = deployed.map((c) => {
    const spec = getKind(c.kind);
    const flavour = c.kind === 'reverse-proxy' ? flavourOf(c) : c.flavour;
    const image = imageInCompose(c, flavour);
    const linked = (linksFrom.get(c.id) ?? []).map((l) => byId.get(l.to));
    // `backend` has no route out, so a container drawn connecting to a server the customer runs
    // (a Sentinel watching their Redis, say) joins `edge` too, or its connection could not leave.
    const reachesOut = linked.some((t) => t !== undefined && isExternal(t));
    // A custom container that publishes host ports joins `edge`: Docker does not publish ports on an internal network.
    // So does any service with kept `ports:` entries (an import keeps the forms the drawing cannot publish).
    const keptPorts = c.passThrough?.ports;
    const publishes =
      (c.kind === 'container' && c.publish.length > 0) || (Array.isArray(keptPorts) && keptPorts.length > 0);
    // A kept `network_mode` puts the container in another namespace: compose refuses networks beside it.
    const networks: readonly string[] =
      declared !== undefined
        ? (declared.get(c.id) ?? [DEFAULT_NETWORK])
        : hasNetworkMode(c)
          ? []
          : isEntry(c)
            ? ['edge']
            : c.kind === 'nextauth' || routedTargets.has(c.id) || reachesOut || publishes
              ? ['edge', 'backend']
              : ['backend'];
    const networkSettings = declared !== undefined ? settingsOn(c, networks) : undefined;
    const routed = isEntry(c) ? (routesVia.get(c.id) ?? []).map((r) => byId.get(r.target)) : [];
    const dependsOn = [...new Set([...linked, ...routed])]
      .filter((t): t is Component => t !== undefined && t !== c && isDeployed(t))
      .map((t) => ({ service: t.id as string, healthy: healthcheckFor(t) !== undefined }))
      .sort((a, b) => (a.service < b.service ? -1 : 1));
    const dataDir = c.kind === 'database' ? DATA_DIRS[c.flavour ?? 'mysql'] : c.kind === 'redis' ? '/data' : undefined;
    const proxyMountList =
      c.kind === 'reverse-proxy' ? proxyMounts(flavour as ProxyFlavour, proxyFiles.get(c.id)!, certDir) : [];
    // A reverse proxy listens inside its container on the same ports it publishes, so the
    // URLs' public ports are the ports its configuration listens on. portmap's ports are fixed.
    // A custom container publishes what its own ports say (an imported service keeps its `ports:`).
    const ports =
      isEntry(c) || c.kind === 'container'
        ? c.publish.map((p) => ({
            hostPort: p.hostPort,
            ...(p.hostIp !== undefined ? { hostIp: p.hostIp } : {}),
            binds: bindAddresses(c, p),
            containerPort: c.kind === 'reverse-proxy' ? p.hostPort : portOf(c, p.port),
            ...(componentPort(c, p.port)?.protocol === 'udp' ? { protocol: 'udp' as const } : {}),
          }))
        : [];
    const healthcheck = healthcheckFor(c);
    return {
      name: c.id,
      component: c,
      image,
      replicas: spec.scalable ? c.replicas : 1,
      networks,
      ...(networkSettings !== undefined ? { networkSettings } : {}),
      ports,
      environment: variablesOf.get(c.id) ?? [],
      dependsOn,
      volumes: dataDir ? [{ volume: `${c.id}-data`, target: dataDir }] : [],
      mounts: [
        ...proxyMountList,
        ...(c.kind === 'redis-sentinel'
          ? [{ source: `./${sentinelFile(c.id)}`, target: SENTINEL_TEMPLATE, readOnly: true }]
          : []),
      ],
      ...(healthcheck ? { healthcheck } : {}),
      ...(listenCommand(c) ? { command: listenCommand(c)! } : {}),
      // Sentinel rewrites its configuration, so each replica starts from its own copy of the template.
      ...(c.kind === 'redis-sentinel'
        ? {
            command: [
              'sh',
              '-c',
              `cp ${SENTINEL_TEMPLATE} /tmp/sentinel.conf && exec redis-sentinel /tmp/sentinel.conf`,
            ],
          }
        : {}),
      // The haproxy image runs unprivileged; let it bind 80 and 443 inside its own network namespace.
      ...(c.kind === 'reverse-proxy' && flavour === 'haproxy'
        ? { sysctls: { 'net.ipv4.ip_unprivileged_port_start': 0 } }
        : {}),
    };
  });

  const sitesOf = (entry: Component): Site[] => {
    const groups = new Map<string, Route[]>();
    for (const r of routesVia.get(entry.id) ?? []) {
      const key = `${r.host.toLowerCase()}\u0000${publicPortOf(r)}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    return [...groups.values()]
      .map((routes): Site => {
        const first = routes[0]!;
        const locations = routes
          .flatMap((r): Location[] => {
            const target = byId.get(r.target);
            if (target === undefined || !isDeployed(target)) return [];
            return [
              {
                route: r,
                path: r.path,
                upstream: {
                  service: target.id,
                  port: portOf(target, r.port),
                  portName: r.port,
                  replicas: getKind(target.kind).scalable ? target.replicas : 1,
                  reencrypt: r.tls.reencrypt,
                  websocket: r.scheme === 'wss' || r.scheme === 'ws',
                },
              },
            ];
          })
          .sort((a, b) => b.path.length - a.path.length || (a.path < b.path ? -1 : 1));
        return {
          host: first.host.toLowerCase(),
          publicPort: publicPortOf(first),
          tls: (first.scheme === 'https' || first.scheme === 'wss') && first.tls.terminate,
          locations,
        };
      })
      .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.publicPort - b.publicPort));
  };

  const proxies: ProxyPlan[] = proxyComponents.map((entry) => {
    const redirect = entry.publish.find((p) => p.port === 'http');
    const files = proxyFiles.get(entry.id)!;
    return {
      entry,
      flavour: flavourOf(entry),
      sites: sitesOf(entry),
      ...(redirect ? { redirectPort: redirect.hostPort } : {}),
      certDir,
      configFile: files.config,
      ...(files.dynamic ? { dynamicFile: files.dynamic } : {}),
    };
  });
  const portmaps = project.components
    .filter((c) => c.kind === 'nextauth-portmap')
    .map((entry) => ({ entry, sites: sitesOf(entry) }));

  const hosts = new Set<string>();
  for (const p of [...proxies, ...portmaps]) for (const s of p.sites) if (s.tls) hosts.add(s.host);
  const certificates = [...hosts]
    .sort()
    .map((host) => ({ host, cert: `${certDir}/${host}.crt`, key: `${certDir}/${host}.key` }));

  return {
    project,
    projectName: composeProjectName(project.meta.name),
    services,
    ...(declared !== undefined ? { networks: topLevelNetworks(project, services) } : {}),
    env,
    proxies,
    portmaps,
    certificates,
    connections,
    outside: project.components.filter((c) => !isDeployed(c)),
    ignoredPublish: project.components
      .filter((c) => isDeployed(c) && !isEntry(c) && c.kind !== 'container')
      .flatMap((c) => c.publish.map((p) => ({ component: c, hostPort: p.hostPort }))),
  };
}

/** A service's kept per-network settings on the networks it joins, if any. */
function settingsOn(c: Component, networks: readonly string[]): Readonly<Record<string, PassMap>> | undefined {
  const kept = c.networkPassThrough;
  if (kept === undefined) return undefined;
  const out = Object.create(null) as Record<string, PassMap>;
  for (const n of networks) if (Object.hasOwn(kept, n)) out[n] = kept[n]!;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The declared networks to write (see DeploymentPlan.networks). */
function topLevelNetworks(project: Project, services: readonly PlanService[]): ComposeNetwork[] {
  const out = (project.networks ?? []).filter(
    (n) => n.name !== DEFAULT_NETWORK || (n.passThrough !== undefined && Object.keys(n.passThrough).length > 0),
  );
  const known = new Set([DEFAULT_NETWORK, ...(project.networks ?? []).map((n) => n.name)]);
  for (const s of services)
    for (const n of s.networks)
      if (!known.has(n)) {
        known.add(n);
        out.push({ name: n });
      }
  return out;
}

/**
 * The name Docker gives a compose network: its `name:` setting, the key itself for an
 * `external` one, else `<project>_<key>` (what the operator attaches outside callers to).
 */
export function dockerNetworkName(plan: DeploymentPlan, key: string): string {
  const settings = plan.project.networks?.find((n) => n.name === key)?.passThrough;
  if (typeof settings?.name === 'string') return settings.name;
  if (settings?.external === true) return key;
  return `${plan.projectName}_${key}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

export const SENTINEL_TEMPLATE = '/etc/redis/sentinel.template.conf';
export const sentinelFile = (id: string): string => `sentinel/${id}.conf`;

/** Each flavour's configuration file name and where its image reads it. */
export const PROXY_CONFIG: Readonly<
  Record<
    ProxyFlavour,
    { readonly file: string; readonly target: string; readonly dynamic?: string; readonly dynamicTarget?: string }
  >
> = {
  nginx: { file: 'nginx.conf', target: '/etc/nginx/nginx.conf' },
  haproxy: { file: 'haproxy.cfg', target: '/usr/local/etc/haproxy/haproxy.cfg' },
  caddy: { file: 'Caddyfile', target: '/etc/caddy/Caddyfile' },
  traefik: {
    file: 'traefik.yml',
    target: '/etc/traefik/traefik.yml',
    dynamic: 'dynamic.yml',
    dynamicTarget: '/etc/traefik/dynamic.yml',
  },
};

function proxyMounts(
  flavour: ProxyFlavour,
  files: { config: string; dynamic?: string },
  certDir: string,
): PlanService['mounts'] {
  const config = PROXY_CONFIG[flavour];
  return [
    { source: `./${files.config}`, target: config.target, readOnly: true },
    ...(files.dynamic && config.dynamicTarget
      ? [{ source: `./${files.dynamic}`, target: config.dynamicTarget, readOnly: true }]
      : []),
    { source: './certs', target: certDir, readOnly: true },
  ];
}
