import { getKind, imageFor, isDeployed, isExternal, portNumber } from '../catalog/index';
import { literalSecret, secretText } from '../catalog/literal-secrets';
import { connectionsOf, lookupOf, type Connection } from '../connections/index';
import { ENV_NAME_PATTERN, isEntryPoint, publicPortOf } from '../model/constraints';
import type { Component, EnvValue, Project, ProxyFlavour, Route } from '../model/types';
import { healthcheckFor, listenCommand, type Healthcheck } from './containers';
import { dotenvValue } from './dotenv';
import { generateSecret } from './random';
import { DEFAULT_CERT_DIR, type ExportOptions } from './types';

/**
 * The deployment every exporter writes, worked out once from the project: which containers
 * run, on which networks, with which variables, and which public URL reaches which upstream.
 * Exporters only format this plan, so compose, .env, the proxy configs and DEPLOYMENT.md
 * can never disagree with each other.
 */

/** Networks: `edge` faces the entry points and has egress; `backend` is internal-only. */
export type NetworkName = 'edge' | 'backend';

export interface PlanVariable {
  readonly name: string;
  /** For compose: a literal (with `${…}` references kept) or a reference to `.env`. */
  readonly composeValue: string;
}

export interface PlanService {
  /** Compose service name: the component id. */
  readonly name: string;
  readonly component: Component;
  readonly image: string;
  readonly replicas: number;
  readonly networks: readonly NetworkName[];
  readonly ports: readonly { readonly hostPort: number; readonly containerPort: number }[];
  readonly environment: readonly PlanVariable[];
  readonly dependsOn: readonly { readonly service: string; readonly healthy: boolean }[];
  readonly volumes: readonly { readonly volume: string; readonly target: string }[];
  readonly mounts: readonly { readonly source: string; readonly target: string; readonly readOnly: boolean }[];
  readonly healthcheck?: Healthcheck;
  readonly command?: readonly string[];
  readonly sysctls?: Readonly<Record<string, number>>;
}

/** A line of `.env`. */
export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  readonly comment?: string;
  /**
   * A secret the architect typed into the project (NA046), moved here so the compose file only
   * references it: its value is the project's, not generated and not the operator's.
   */
  readonly fromProject?: true;
}

export interface EnvGroup {
  readonly title: string;
  readonly entries: readonly EnvEntry[];
}

export interface Upstream {
  readonly service: string;
  readonly port: number;
  readonly portName: string;
  readonly replicas: number;
  /** The proxy opens a new TLS connection to the upstream. */
  readonly reencrypt: boolean;
  readonly websocket: boolean;
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
}

/** nextAuth images are pulled from a registry the operator can change in `.env`. */
export const REGISTRY_VAR = 'PORTOLAN_NEXTAUTH_REGISTRY';
export const TAG_VAR = 'PORTOLAN_NEXTAUTH_TAG';
const NEXTAUTH_IMAGES = new Set(['nextauth', 'nextauth-mgmt', 'nextauth-portmap']);

const DATA_DIRS: Readonly<Record<string, string>> = {
  mysql: '/var/lib/mysql',
  mariadb: '/var/lib/mysql',
  postgres: '/var/lib/postgresql/data',
};

export { isDeployed };

/** The COMPOSE_PROJECT_NAME: lower-case letters, digits, `-` and `_`, starting with a letter or digit. */
export function composeProjectName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return slug || 'nextauth';
}

// `${NAME}` with NAME an environment variable name (the pattern's own anchors dropped).
const REFERENCE = new RegExp(`\\$\\{(${ENV_NAME_PATTERN.source.slice(1, -1)})\\}`, 'g');

/** Names a literal refers to with `${NAME}`. */
export function referencesIn(value: string): string[] {
  return [...value.matchAll(REFERENCE)].map((m) => m[1]!);
}

/**
 * A literal for compose: `${NAME}` references to variables of `.env` stay (compose fills them
 * in); every other `$` is doubled so compose keeps it as text.
 */
export function composeLiteral(value: string, envNames: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  for (const m of value.matchAll(REFERENCE)) {
    out += value.slice(last, m.index).replaceAll('$', '$$$$');
    out += envNames.has(m[1]!) ? m[0] : m[0].replaceAll('$', '$$$$');
    last = m.index! + m[0].length;
  }
  return out + value.slice(last).replaceAll('$', '$$$$');
}

/** Where a moved secret went: the `.env` name, and for a URI's password the span it replaces. */
interface MovedReference {
  readonly env: string;
  readonly start?: number;
  readonly end?: number;
}

/** Whether `.env` can hold the value (it cannot hold a single quote or a line break; dotenv.ts decides). */
function dotenvWritable(value: string): boolean {
  try {
    dotenvValue(value);
    return true;
  } catch {
    return false;
  }
}

/** A component id as part of a variable name: upper case, `_` for anything else. */
const nameSlug = (id: string): string => id.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

/**
 * The `.env` lines and compose references for every literal secret (`literalSecret`, the test
 * NA046 and the export dialog's masking use) of the deployed components. A whole value moves
 * under its own variable name, a URI's password under `NAME_PASSWORD` (the rest of the URI stays
 * readable in compose). `.env` is one namespace: a name already taken — by a generated secret,
 * an input, or another component's different value — gets the component id added
 * (`MYSQL_PASSWORD_DB2_SECRET`); the same value under the same name is written once. Every
 * derived name ends like a secret (`isSecretName`), so the export dialog masks it by name too.
 */
export function moveLiteralSecrets(
  deployed: readonly Component[],
  taken: ReadonlySet<string>,
): {
  readonly entries: ReadonlyMap<string, EnvEntry[]>;
  readonly references: ReadonlyMap<string, ReadonlyMap<string, MovedReference>>;
} {
  const entries = new Map<string, EnvEntry[]>();
  const references = new Map<string, Map<string, MovedReference>>();
  const values = new Map<string, string>(); // .env name → moved value
  const free = (name: string, value: string) => !taken.has(name) && (values.get(name) ?? value) === value;
  for (const c of deployed) {
    for (const name of Object.keys(c.environment).sort()) {
      const v = c.environment[name] as EnvValue;
      if (v.type !== 'literal' || v.value === '') continue;
      const secret = literalSecret(c, name, v.value);
      if (secret === undefined) continue;
      const value = secretText(v.value, secret);
      const uri = secret.kind === 'uri-password';
      const preferred = uri ? `${name}_PASSWORD` : name;
      let env = preferred;
      if (!free(env, value)) {
        const suffix = uri ? '_PASSWORD' : '_SECRET';
        const base = `${name}_${nameSlug(c.id)}`;
        env = `${base}${suffix}`;
        for (let i = 2; !free(env, value); i++) env = `${base}_${i}${suffix}`;
      }
      if (!values.has(env)) {
        values.set(env, value);
        const writable = dotenvWritable(value);
        const list = entries.get(c.id) ?? [];
        list.push({
          name: env,
          value: writable ? value : '',
          comment: writable
            ? `Secret for ${c.name}, typed into the project (${uri ? `the password inside ${name}` : name}); kept out of docker-compose.yml.`
            : `Fill in: ${uri ? `the password inside ${name}` : name} of ${c.name}. The value typed into the project holds a quote, which .env cannot hold.`,
          fromProject: true,
        });
        entries.set(c.id, list);
      }
      const refs = references.get(c.id) ?? new Map<string, MovedReference>();
      refs.set(name, uri ? { env, start: secret.start, end: secret.end } : { env });
      references.set(c.id, refs);
    }
  }
  return { entries, references };
}

function portOf(c: Component, name: string): number {
  const n = portNumber(c, name);
  if (n === undefined) throw new Error(`${c.id} has no port ${name}`);
  return n;
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

  // .env: settings first, then every secret and input, grouped by component.
  const env: EnvGroup[] = [
    {
      title: 'Deployment',
      entries: [
        {
          name: 'COMPOSE_PROJECT_NAME',
          value: composeProjectName(project.meta.name),
          comment: 'Names the containers, networks and volumes.',
        },
        {
          name: REGISTRY_VAR,
          value: project.settings.registry === '' ? '' : `${project.settings.registry.replace(/\/+$/, '')}/`,
          comment: 'Registry prefix of the nextAuth images (empty: Docker Hub or a local image).',
        },
        { name: TAG_VAR, value: project.settings.tag, comment: 'Tag of the nextAuth images.' },
      ],
    },
  ];
  const envNames = new Set<string>(['COMPOSE_PROJECT_NAME', REGISTRY_VAR, TAG_VAR]);
  const variablesOf = new Map<string, PlanVariable[]>();
  const secretEntries = (c: Component, names: readonly string[]): EnvEntry[] => {
    const entries: EnvEntry[] = [];
    for (const name of names) {
      const v = c.environment[name] as EnvValue;
      if (v.type === 'secret') {
        entries.push({
          name,
          value: generateSecret(options.random, v.length),
          comment: `Secret for ${c.name}, generated at export (${v.length} characters).`,
        });
        envNames.add(name);
      } else if (v.type === 'input') {
        entries.push({ name, value: '', comment: `Fill in: ${v.prompt}` });
        envNames.add(name);
      }
    }
    return entries;
  };
  const deployedEntries = deployed.map((c) => secretEntries(c, Object.keys(c.environment).sort()));

  // Connections derived from the drawing (a link nextauth → database / Redis / Sentinel is the
  // connection). The account of a server the customer runs comes from that component's own
  // variables; its password is an operator input, so it joins `.env` here.
  const lookup = lookupOf(project);
  const connections: Connection[] = [];
  const outsideAccounts = new Set<Component>();
  const outsideGroups: EnvGroup[] = [];
  for (const c of deployed) {
    if (c.kind !== 'nextauth') continue;
    const { database, kv } = connectionsOf(lookup, c);
    for (const conn of [database, kv]) {
      if (conn === undefined) continue;
      connections.push(conn);
      if (conn.account && !isDeployed(conn.target)) outsideAccounts.add(conn.target);
    }
  }
  for (const target of outsideAccounts) {
    const names = connections
      .filter((conn) => conn.target === target && conn.account)
      .map((conn) => conn.account!.passwordVar);
    const entries = secretEntries(target, [...new Set(names)].sort());
    if (entries.length > 0)
      outsideGroups.push({ title: `${target.name} (${target.id}, run by the customer)`, entries });
  }

  // Secrets typed into the project in clear text (NA046) never reach docker-compose.yml (0644):
  // each moves into `.env` (0600) and compose references it. Named last, once every generated
  // and input name is known, so a moved value never takes the line of another.
  const moved = moveLiteralSecrets(deployed, envNames);
  deployed.forEach((c, i) => {
    const entries = [...deployedEntries[i]!, ...(moved.entries.get(c.id) ?? [])].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    if (entries.length > 0) env.push({ title: `${c.name} (${c.id})`, entries });
  });
  env.push(...outsideGroups);

  for (const c of deployed) {
    const variables = new Map<string, string>();
    const movedHere = moved.references.get(c.id);
    for (const name of Object.keys(c.environment)) {
      const v = c.environment[name] as EnvValue;
      const reference = movedHere?.get(name);
      variables.set(
        name,
        v.type !== 'literal'
          ? `\${${name}}`
          : reference === undefined
            ? composeLiteral(v.value, envNames)
            : reference.start === undefined
              ? `\${${reference.env}}`
              : `${composeLiteral(v.value.slice(0, reference.start), envNames)}\${${reference.env}}${composeLiteral(v.value.slice(reference.end), envNames)}`,
      );
    }
    // A derived connection fills its variable unless the architect typed an override (checked by NA034).
    for (const conn of connections) {
      if (conn.source !== c || conn.uri === undefined || variables.has(conn.variable)) continue;
      variables.set(conn.variable, composeLiteral(conn.uri, envNames));
    }
    variablesOf.set(
      c.id,
      [...variables.keys()].sort().map((name) => ({ name, composeValue: variables.get(name)! })),
    );
  }

  const services: PlanService[] = deployed.map((c) => {
    const spec = getKind(c.kind);
    const flavour = c.kind === 'reverse-proxy' ? flavourOf(c) : c.flavour;
    const base = imageFor(c.kind, flavour) ?? c.kind;
    const image = NEXTAUTH_IMAGES.has(c.kind) ? `\${${REGISTRY_VAR}}${base}:\${${TAG_VAR}}` : base;
    const linked = (linksFrom.get(c.id) ?? []).map((l) => byId.get(l.to));
    // `backend` has no route out, so a container drawn connecting to a server the customer runs
    // (a Sentinel watching their Redis, say) joins `edge` too, or its connection could not leave.
    const reachesOut = linked.some((t) => t !== undefined && isExternal(t));
    const networks: NetworkName[] = isEntry(c)
      ? ['edge']
      : c.kind === 'nextauth' || routedTargets.has(c.id) || reachesOut
        ? ['edge', 'backend']
        : ['backend'];
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
    const ports = isEntry(c)
      ? c.publish.map((p) => ({
          hostPort: p.hostPort,
          containerPort: c.kind === 'reverse-proxy' ? p.hostPort : portOf(c, p.port),
        }))
      : [];
    const healthcheck = healthcheckFor(c);
    return {
      name: c.id,
      component: c,
      image,
      replicas: spec.scalable ? c.replicas : 1,
      networks,
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
    env,
    proxies,
    portmaps,
    certificates,
    connections,
    outside: project.components.filter((c) => !isDeployed(c)),
    ignoredPublish: project.components
      .filter((c) => isDeployed(c) && !isEntry(c))
      .flatMap((c) => c.publish.map((p) => ({ component: c, hostPort: p.hostPort }))),
  };
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
