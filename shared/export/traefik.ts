import { capacityComment } from './capacity';
import { entryLimits } from './capacity-plan';
import { hasControlCharacters, ID_PATTERN, isHostname, PATH_PATTERN } from '../model/constraints';
import type { ProjectSettings } from '../model/types';
import { listenPorts, type ListenPorts } from './listen';
import { PROXY_CONFIG, type Location, type ProxyPlan, type Site } from './plan';
import type { ProxyExporter } from './proxies';
import { toYaml, type YamlMap } from './yaml';
import { profileComment, tlsPolicy, traefikPlainHeaders, traefikSecureHeaders, traefikTlsOptions } from './tls-render';
import type { ExportFile, TestOverride } from './types';

/**
 * Traefik v3 (the compose file runs traefik:v3.1): the static configuration (entry points, the
 * file provider, logs) and the dynamic file-provider configuration it loads (routers, services,
 * certificates). Requests no router matches get Traefik's own 404, so the REST API is reachable
 * only through a route of the model.
 */

// Defence in depth: the checker (NA027/NA031) refuses these values first. Host names and paths go
// between backticks in router rules, where a backtick or a quote would end the matcher's argument.
// Ids, paths, host names and control characters are the facts of shared/model/constraints.
type Check = { test(value: string): boolean };
/** Host names as the plan writes them: RFC 1123 (the constraints' `isHostname`), lower-cased by the plan. */
const HOST: Check = { test: (host) => isHostname(host) && host === host.toLowerCase() };
const PATH: Check = PATH_PATTERN;
/** Component and route ids (the project's ID_PATTERN): they name routers, services and URLs. */
const ID: Check = ID_PATTERN;
/** `service:port`, `127.0.0.1:port` or `[::1]:port`, as an upstream override may give it. */
const ADDRESS = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$/;
/** Certificate paths: anything printable (the YAML writer quotes what needs quoting). */
const FILE_PATH: Check = { test: (path) => path !== '' && !hasControlCharacters(path) };

function checked(value: string, pattern: Check, what: string): string {
  if (!pattern.test(value)) throw new Error(`traefik export: refusing unsafe ${what} ${JSON.stringify(value)}`);
  return value;
}

function checkedPort(port: number, what: string): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`traefik export: invalid ${what} ${port}`);
  return port;
}

export const WEB = 'web';
export const WEBSECURE = 'websecure';
/**
 * Used by per-host redirect routers, whose service is Traefik's built-in `noop@internal`: one
 * middleware per HTTPS port redirected to, `redirect-to-https` for 443 and `redirect-to-https-N` otherwise.
 */
const REDIRECT_MIDDLEWARE = 'redirect-to-https';
const redirectMiddleware = (publicPort: number): string =>
  publicPort === 443 ? REDIRECT_MIDDLEWARE : `${REDIRECT_MIDDLEWARE}-${publicPort}`;
const SKIP_VERIFY_TRANSPORT = 'upstream-tls-no-verify';
/** Headers middlewares: HSTS and no upstream banner on TLS routers, no banner on plain ones. */
const SECURE_HEADERS = 'secure-headers';
const PLAIN_HEADERS = 'no-banner';

/** One entry point per public port: 80 is `web`, 443 is `websecure`, any other `port-N`. */
export function entryPointName(publicPort: number): string {
  return publicPort === 80 ? WEB : publicPort === 443 ? WEBSECURE : `port-${publicPort}`;
}

/** A site whose TLS the proxy does not end: https/wss with `terminate: false` is passed through as TCP. */
const isPassthrough = (site: Site): boolean =>
  !site.tls && site.locations.some((l) => l.route.scheme === 'https' || l.route.scheme === 'wss');

/**
 * The path as Traefik's PathPrefix sees it: Traefik compares against the decoded request path, so
 * escapes of unreserved characters (equivalent to the character itself, RFC 3986 §2.3) are decoded.
 * Other escapes stay as written and so cannot match a decoded path — a known limit, noted in the report.
 */
function matcherPath(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9._~-]$/.test(c) ? c : escape;
  });
}

function httpRule(host: string, path: string): string {
  const h = `Host(\`${checked(host, HOST, 'host name')}\`)`;
  return path === '/' ? h : `${h} && PathPrefix(\`${matcherPath(checked(path, PATH, 'path'))}\`)`;
}

function upstreamAddress(location: Location, override: TestOverride | undefined): string {
  const { service, port } = location.upstream;
  checked(service, ID, 'service name');
  checkedPort(port, 'upstream port');
  return checked(override?.upstream?.(service, port) ?? `${service}:${port}`, ADDRESS, 'upstream address');
}

/**
 * Every address of an upstream: its service, and with declared hosts (issue 16) each other host's
 * published port — the service left out when no instance runs on the proxy's host. Traefik resolves
 * each name per connection with Go's resolver, which reads the `extra_hosts` aliases too.
 */
function upstreamAddresses(location: Location, override: TestOverride | undefined): string[] {
  const { remote, replicas } = location.upstream;
  if (remote === undefined) return [upstreamAddress(location, override)];
  return [
    ...(replicas > 0 ? [upstreamAddress(location, override)] : []),
    ...remote.map((r) =>
      checked(
        override?.upstream?.(r.address, r.port) ?? `${r.address}:${checkedPort(r.port, 'upstream port')}`,
        ADDRESS,
        'upstream address',
      ),
    ),
  ];
}

/** Services are shared by routers that reach the same port the same way. */
const serviceName = (location: Location): string =>
  `${location.upstream.service}-${location.upstream.port}${location.upstream.reencrypt ? '-tls' : ''}`;

interface Dynamic {
  readonly routers: Record<string, Record<string, unknown>>;
  readonly services: Map<string, Record<string, unknown>>;
  readonly tcpRouters: Record<string, Record<string, unknown>>;
  readonly tcpServices: Map<string, Record<string, unknown>>;
  readonly certificates: Map<string, { certFile: string; keyFile: string }>;
  /** The headers middlewares the routers use. */
  readonly headers: Set<string>;
  /** Comments for the operator, by router, service or transport name. */
  readonly notes: Map<string, string>;
}

const SKIP_VERIFY_NOTE =
  ' Re-encrypted upstreams show an internal certificate (self-signed, or issued for the container rather\n' +
  ' than the compose service name Traefik dials), so it cannot be verified: the hop is encrypted, not authenticated.';

function addHttpSite(
  d: Dynamic,
  site: Site,
  entryPoint: string,
  proxy: ProxyPlan,
  override: TestOverride | undefined,
): void {
  for (const location of site.locations) {
    const name = `route-${checked(location.route.id, ID, 'route id')}`;
    const service = serviceName(location);
    d.routers[name] = {
      entryPoints: [entryPoint],
      rule: httpRule(site.host, location.path),
      // Longer paths win: among the routers that match, Traefik picks the highest priority.
      priority: location.path.length,
      middlewares: [site.tls ? SECURE_HEADERS : PLAIN_HEADERS],
      service,
      ...(site.tls ? { tls: {} } : {}),
    };
    d.headers.add(site.tls ? SECURE_HEADERS : PLAIN_HEADERS);
    const { reencrypt } = location.upstream;
    d.services.set(service, {
      loadBalancer: {
        servers: upstreamAddresses(location, override).map((a) => ({ url: `${reencrypt ? 'https' : 'http'}://${a}` })),
        ...(reencrypt ? { serversTransport: SKIP_VERIFY_TRANSPORT } : {}),
      },
    });
    if (reencrypt) d.notes.set(SKIP_VERIFY_TRANSPORT, SKIP_VERIFY_NOTE);
    if (location.upstream.websocket) {
      d.notes.set(
        name,
        ' WebSocket: Traefik forwards the Upgrade handshake; once upgraded the connection has no read or idle deadline, so no timeout needs raising.',
      );
    }
    if (location.upstream.remote !== undefined) {
      d.notes.set(
        service,
        ` ${location.upstream.replicas} on this host, and one server on each other host (${location.upstream.remote.map((r) => r.host.replace(/[^\x20-\x7e]/g, '?')).join(', ')}), through the port it publishes there.`,
      );
    } else if (location.upstream.replicas > 1) {
      d.notes.set(
        service,
        ` ${location.upstream.replicas} replicas: Docker's DNS (127.0.0.11) answers the service name with every replica and Traefik looks it up for each new connection, so connections spread over them.`,
      );
    }
  }
  if (site.tls) {
    const host = checked(site.host, HOST, 'host name');
    const files = override?.certificate?.(host) ?? {
      cert: `${proxy.certDir}/${host}.crt`,
      key: `${proxy.certDir}/${host}.key`,
    };
    d.certificates.set(host, {
      certFile: checked(files.cert, FILE_PATH, 'certificate path'),
      keyFile: checked(files.key, FILE_PATH, 'key path'),
    });
  }
}

/** TLS passes through to the upstream untouched: routed by SNI, so a site can hold one location only. */
function addPassthroughSite(d: Dynamic, site: Site, entryPoint: string, override: TestOverride | undefined): void {
  if (site.locations.length !== 1) {
    throw new Error(
      `traefik export: ${site.host}:${site.publicPort} passes TLS through but has ${site.locations.length} paths; without terminating TLS the proxy cannot see the path`,
    );
  }
  const location = site.locations[0]!;
  const service = serviceName(location);
  d.tcpRouters[`route-${checked(location.route.id, ID, 'route id')}`] = {
    entryPoints: [entryPoint],
    rule: `HostSNI(\`${checked(site.host, HOST, 'host name')}\`)`,
    service,
    tls: { passthrough: true },
  };
  d.tcpServices.set(service, {
    loadBalancer: { servers: upstreamAddresses(location, override).map((address) => ({ address })) },
  });
}

/** Sites whose connections arrive as TLS: ended here, or passed through to the upstream. */
const isSecure = (site: Site): boolean => site.tls || isPassthrough(site);

interface EntryPoint {
  readonly name: string;
  /** The port it listens on inside the container. */
  readonly port: number;
}

/** The HTTP→HTTPS redirect on the port the entry point publishes for plain HTTP. */
interface Redirect {
  readonly entryPoint: string;
  /** Each host to redirect → the public port of its HTTPS site, by host name. */
  readonly targets: ReadonlyMap<string, number>;
  /**
   * Set when every TLS site is on one port and the redirect's entry point serves no plain site:
   * the entry point as a whole redirects to this one. Otherwise each host gets a redirect router.
   */
  readonly wholeTo?: string;
}

/** The entry points and the redirect, worked out once for the static and the dynamic file. */
interface Layout {
  readonly listen: ListenPorts;
  /** web, websecure, then the other ports in ascending order: a fixed order keeps the file byte-stable. */
  readonly entryPoints: readonly EntryPoint[];
  /** The entry point each public port arrives on. */
  readonly entryOf: ReadonlyMap<number, string>;
  readonly redirect?: Redirect;
  /** Comments for the static file, by key. */
  readonly notes: Map<string, string>;
}

/** Where plain HTTP for a TLS host is sent: its site on 443 if it has one, else its lowest port (as nginx, HAProxy and Caddy do). */
function redirectTargets(sites: readonly Site[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const s of sites) {
    const current = best.get(s.host);
    if (current === undefined || (current !== 443 && (s.publicPort === 443 || s.publicPort < current))) {
      best.set(s.host, s.publicPort);
    }
  }
  return new Map([...best].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * One entry point per public port of a site, plus the redirect port (`proxy.redirectPort`, the
 * host port compose publishes for plain HTTP) when there is a TLS site to redirect to — nothing
 * else listens, so 443 is opened only when a site uses it. Each listens on the port `listen.ts`
 * gives, as for the other flavours: the container port its public port is published on, or
 * under a test override a loopback port in place of 443 (TLS) and of 80 / the redirect port.
 */
function layoutOf(proxy: ProxyPlan, listen: ListenPorts): Layout {
  const secure = proxy.sites.filter(isSecure);
  // Public port → whether a site on it arrives as TLS.
  const ports = new Map<number, boolean>();
  for (const s of proxy.sites) {
    const port = checkedPort(s.publicPort, 'public port');
    ports.set(port, (ports.get(port) ?? false) || isSecure(s));
  }
  const redirectPort =
    proxy.redirectPort !== undefined && secure.length > 0
      ? checkedPort(proxy.redirectPort, 'redirect port')
      : undefined;
  if (redirectPort !== undefined && !ports.has(redirectPort)) ports.set(redirectPort, false);
  const notes = new Map<string, string>();
  // With no entry point at all Traefik would open `:80` on its own; a proxy no route goes through
  // listens on the ports compose publishes instead, where it answers 404.
  if (ports.size === 0) {
    for (const p of proxy.entry.publish)
      ports.set(checkedPort(p.hostPort, 'published port'), (ports.get(p.hostPort) ?? false) || p.port !== 'http');
    notes.set(
      'entryPoints',
      `${STATIC_NOTES.get('entryPoints')!}\n No route goes through this proxy: every request gets 404.`,
    );
  }

  const rank = (port: number) => (port === 80 ? 0 : port === 443 ? 1 : 2);
  const byAddress = new Map<number, EntryPoint>();
  const entryOf = new Map<number, string>();
  for (const [port, tls] of [...ports].sort(([a], [b]) => rank(a) - rank(b) || a - b)) {
    const address = tls ? listen.tls(port) : listen.plain(port);
    // A test override moves 80 and the redirect port onto one loopback port: one entry point then
    // serves both, since two entry points cannot bind the same address.
    const entry = byAddress.get(address) ?? { name: entryPointName(port), port: address };
    byAddress.set(address, entry);
    entryOf.set(port, entry.name);
  }
  const entryPoints = [...byAddress.values()];
  if (redirectPort === undefined) return { listen, entryPoints, entryOf, notes };

  const here = entryOf.get(redirectPort)!;
  const arrivesHere = (s: Site) => entryOf.get(s.publicPort) === here;
  if (secure.some(arrivesHere)) {
    notes.set(here, ` The HTTP redirect on public port ${redirectPort} is left out: that port carries TLS.`);
    return { listen, entryPoints, entryOf, notes };
  }
  // A host with a plain site on the redirect's entry point keeps it: that host is not redirected.
  const plainHere = new Set(proxy.sites.filter((s) => !isSecure(s) && arrivesHere(s)).map((s) => s.host));
  const targets = redirectTargets(secure.filter((s) => !plainHere.has(s.host)));
  const securePorts = new Set(secure.map((s) => s.publicPort));
  const wholeTo = plainHere.size === 0 && securePorts.size === 1 ? entryOf.get([...securePorts][0]!) : undefined;
  return {
    listen,
    entryPoints,
    entryOf,
    redirect: { entryPoint: here, targets, ...(wholeTo !== undefined ? { wholeTo } : {}) },
    notes,
  };
}

function staticConfig(layout: Layout): Record<string, unknown> {
  const entryPoints: Record<string, unknown> = {};
  const { redirect } = layout;
  for (const e of layout.entryPoints) {
    entryPoints[e.name] = {
      address: `:${e.port}`,
      // Traefik redirects to the port the target entry point listens on.
      ...(redirect?.wholeTo !== undefined && redirect.entryPoint === e.name
        ? { http: { redirections: { entryPoint: { to: redirect.wholeTo, scheme: 'https', permanent: true } } } }
        : {}),
    };
  }
  return {
    // An exported deployment should not phone home.
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    entryPoints,
    providers: { file: { filename: PROXY_CONFIG.traefik.dynamicTarget!, watch: true } },
    log: { level: 'INFO' },
    accessLog: {},
  };
}

/** Per-host redirect routers on the redirect's entry point, and a redirect middleware per HTTPS port they send to. */
function redirectRouting(layout: Layout): {
  routers: Record<string, Record<string, unknown>>;
  middlewares: Map<string, Record<string, unknown>>;
} {
  const routers: Record<string, Record<string, unknown>> = {};
  const middlewares = new Map<string, Record<string, unknown>>();
  const { redirect } = layout;
  if (redirect === undefined || redirect.wholeTo !== undefined) return { routers, middlewares };
  for (const [host, publicPort] of redirect.targets) {
    const middleware = redirectMiddleware(publicPort);
    routers[`redirect-${checked(host, HOST, 'host name')}`] = {
      entryPoints: [redirect.entryPoint],
      rule: httpRule(host, '/'),
      priority: 1,
      middlewares: [middleware],
      service: 'noop@internal',
    };
    // The port the host's TLS site listens on: its public port, or under a test override the loopback port of 443.
    const port = layout.listen.tls(publicPort);
    middlewares.set(middleware, {
      redirectScheme: { scheme: 'https', permanent: true, ...(port !== 443 ? { port: String(port) } : {}) },
    });
  }
  return { routers, middlewares };
}

function dynamicConfig(
  proxy: ProxyPlan,
  layout: Layout,
  override: TestOverride | undefined,
  settings: ProjectSettings,
): { body: Record<string, unknown>; notes: Map<string, string> } {
  const policy = tlsPolicy(settings);
  const d: Dynamic = {
    routers: {},
    services: new Map(),
    tcpRouters: {},
    tcpServices: new Map(),
    certificates: new Map(),
    headers: new Set(),
    notes: new Map(),
  };
  for (const site of proxy.sites) {
    const entryPoint = layout.entryOf.get(site.publicPort)!;
    if (isPassthrough(site)) addPassthroughSite(d, site, entryPoint, override);
    else addHttpSite(d, site, entryPoint, proxy, override);
  }
  const redirects = redirectRouting(layout);
  const routers = { ...d.routers, ...redirects.routers };
  if (d.headers.has(SECURE_HEADERS)) redirects.middlewares.set(SECURE_HEADERS, traefikSecureHeaders(policy, settings));
  if (d.headers.has(PLAIN_HEADERS)) redirects.middlewares.set(PLAIN_HEADERS, traefikPlainHeaders());
  if (d.headers.size > 0) {
    d.notes.set(
      d.headers.has(SECURE_HEADERS) ? SECURE_HEADERS : PLAIN_HEADERS,
      ' Upstream Server and X-Powered-By headers are removed (an empty value deletes a header); TLS routers send HSTS.',
    );
  }
  const sorted = <T>(m: Map<string, T>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  const http: Record<string, unknown> = {};
  if (Object.keys(routers).length > 0) http.routers = routers;
  if (redirects.middlewares.size > 0) http.middlewares = sorted(redirects.middlewares);
  if (d.services.size > 0) http.services = sorted(d.services);
  if (d.notes.has(SKIP_VERIFY_TRANSPORT))
    http.serversTransports = { [SKIP_VERIFY_TRANSPORT]: { insecureSkipVerify: true } };

  const body: Record<string, unknown> = {};
  if (Object.keys(http).length > 0) body.http = http;
  if (d.tcpServices.size > 0) body.tcp = { routers: d.tcpRouters, services: sorted(d.tcpServices) };
  if (d.certificates.size > 0) {
    // `default` options apply to every TLS router that names none.
    body.tls = { options: { default: traefikTlsOptions(policy) }, certificates: Object.values(sorted(d.certificates)) };
    d.notes.set(
      'options',
      ` ${profileComment(policy.profile)} Go's TLS 1.3 suites are fixed and are the profile's; Traefik staples OCSP for certificates that name a responder.`,
    );
  }
  return { body, notes: d.notes };
}

const STATIC_NOTES: ReadonlyMap<string, string> = new Map([
  ['entryPoints', ' Only these entry points listen. There is no api: section, so the API and dashboard stay off.'],
]);

const HEADER = (what: string, proxy: ProxyPlan) =>
  `# Traefik ${what} for ${checked(proxy.entry.id, ID, 'proxy id')} — written by Portolan.\n`;

// Addresses and redirect ports are strings: always quoted, so no YAML reader takes them for numbers.
const QUOTED: ReadonlySet<string> = new Set(['address', 'port']);

function render(body: Record<string, unknown>, notes: ReadonlyMap<string, string>): string {
  return toYaml(body as YamlMap, { notes, quote: QUOTED });
}

export const exportTraefik: ProxyExporter = (proxy, plan, options): ExportFile[] => {
  const layout = layoutOf(proxy, listenPorts(proxy, plan, options, 'traefik'));
  const staticFile = render(staticConfig(layout), new Map([...STATIC_NOTES, ...layout.notes]));
  const { body, notes } = dynamicConfig(proxy, layout, options.override, plan.project.settings);
  const dynamicPath = proxy.dynamicFile ?? proxy.configFile.replace(/[^/]+$/, PROXY_CONFIG.traefik.dynamic!);
  return [
    {
      path: proxy.configFile,
      contents:
        HEADER('static configuration', proxy) +
        capacityComment('#', entryLimits(plan, proxy.entry), 'Traefik')
          .map((l) => `${l}\n`)
          .join('') +
        staticFile,
      mode: 0o644,
    },
    {
      path: dynamicPath,
      // With no routes the body is empty: `{}` keeps the file a mapping (an empty file reads as null,
      // which the file provider's schema refuses).
      contents:
        HEADER('routers, services and certificates', proxy) +
        (Object.keys(body).length === 0 ? '{}\n' : render(body, notes)),
      mode: 0o644,
    },
  ];
};
