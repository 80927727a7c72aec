import { hasControlCharacters, ID_PATTERN, isHostname, PATH_PATTERN } from '../model/constraints';
import { PROXY_CONFIG, type Location, type ProxyPlan, type Site } from './plan';
import type { ProxyExporter } from './proxies';
import { toYaml, type YamlMap } from './yaml';
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
/** Used by per-host redirect routers, whose service is Traefik's built-in `noop@internal`. */
const REDIRECT_MIDDLEWARE = 'redirect-to-https';
const SKIP_VERIFY_TRANSPORT = 'upstream-tls-no-verify';

/** One entry point per public port: 80 is `web`, 443 is `websecure`, any other `port-N`. */
export function entryPointName(publicPort: number): string {
  return publicPort === 80 ? WEB : publicPort === 443 ? WEBSECURE : `port-${publicPort}`;
}

/** The port the entry point listens on in the container; a test override moves only 80 and 443. */
function listenPort(publicPort: number, override: TestOverride | undefined): number {
  if (publicPort === 443) return checkedPort(override?.httpsPort ?? 443, 'https port');
  if (publicPort === 80) return checkedPort(override?.httpPort ?? 80, 'http port');
  return checkedPort(publicPort, 'public port');
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

/** Services are shared by routers that reach the same port the same way. */
const serviceName = (location: Location): string =>
  `${location.upstream.service}-${location.upstream.port}${location.upstream.reencrypt ? '-tls' : ''}`;

interface Dynamic {
  readonly routers: Record<string, Record<string, unknown>>;
  readonly services: Map<string, Record<string, unknown>>;
  readonly tcpRouters: Record<string, Record<string, unknown>>;
  readonly tcpServices: Map<string, Record<string, unknown>>;
  readonly certificates: Map<string, { certFile: string; keyFile: string }>;
  /** Comments for the operator, by router, service or transport name. */
  readonly notes: Map<string, string>;
}

const SKIP_VERIFY_NOTE =
  ' Re-encrypted upstreams show an internal certificate (self-signed, or issued for the container rather\n' +
  ' than the compose service name Traefik dials), so it cannot be verified: the hop is encrypted, not authenticated.';

function addHttpSite(d: Dynamic, site: Site, proxy: ProxyPlan, override: TestOverride | undefined): void {
  const entryPoint = entryPointName(checkedPort(site.publicPort, 'public port'));
  for (const location of site.locations) {
    const name = `route-${checked(location.route.id, ID, 'route id')}`;
    const service = serviceName(location);
    d.routers[name] = {
      entryPoints: [entryPoint],
      rule: httpRule(site.host, location.path),
      // Longer paths win: among the routers that match, Traefik picks the highest priority.
      priority: location.path.length,
      service,
      ...(site.tls ? { tls: {} } : {}),
    };
    const { reencrypt } = location.upstream;
    d.services.set(service, {
      loadBalancer: {
        servers: [{ url: `${reencrypt ? 'https' : 'http'}://${upstreamAddress(location, override)}` }],
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
    if (location.upstream.replicas > 1) {
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
function addPassthroughSite(d: Dynamic, site: Site, override: TestOverride | undefined): void {
  if (site.locations.length !== 1) {
    throw new Error(
      `traefik export: ${site.host}:${site.publicPort} passes TLS through but has ${site.locations.length} paths; without terminating TLS the proxy cannot see the path`,
    );
  }
  const location = site.locations[0]!;
  const service = serviceName(location);
  d.tcpRouters[`route-${checked(location.route.id, ID, 'route id')}`] = {
    entryPoints: [entryPointName(checkedPort(site.publicPort, 'public port'))],
    rule: `HostSNI(\`${checked(site.host, HOST, 'host name')}\`)`,
    service,
    tls: { passthrough: true },
  };
  d.tcpServices.set(service, { loadBalancer: { servers: [{ address: upstreamAddress(location, override) }] } });
}

/** Hosts that get an HTTP→HTTPS redirect router when `web` also serves plain sites. */
function redirectRouters(proxy: ProxyPlan): Record<string, Record<string, unknown>> {
  const plainOn80 = new Set(proxy.sites.filter((s) => s.publicPort === 80).map((s) => s.host));
  const secureOn443 = proxy.sites.filter(
    (s) => s.publicPort === 443 && (s.tls || isPassthrough(s)) && !plainOn80.has(s.host),
  );
  const routers: Record<string, Record<string, unknown>> = {};
  for (const host of new Set(secureOn443.map((s) => s.host))) {
    routers[`redirect-${checked(host, HOST, 'host name')}`] = {
      entryPoints: [WEB],
      rule: httpRule(host, '/'),
      priority: 1,
      middlewares: [REDIRECT_MIDDLEWARE],
      service: 'noop@internal',
    };
  }
  return routers;
}

/** Entry-point-level redirection sends everything on `web` to HTTPS, so it is used only when `web` serves no site. */
const redirectsWholeEntryPoint = (proxy: ProxyPlan): boolean =>
  proxy.redirectPort !== undefined && !proxy.sites.some((s) => s.publicPort === 80);

function staticConfig(proxy: ProxyPlan, override: TestOverride | undefined): Record<string, unknown> {
  const ports = new Set<number>([443, ...proxy.sites.map((s) => s.publicPort)]);
  if (proxy.redirectPort !== undefined) ports.add(80);
  const entryPoints: Record<string, unknown> = {};
  // web, websecure, then the other ports in ascending order: a fixed order keeps the file byte-stable.
  const rank = (port: number) => (port === 80 ? 0 : port === 443 ? 1 : 2);
  for (const port of [...ports].sort((a, b) => rank(a) - rank(b) || a - b)) {
    const name = entryPointName(checkedPort(port, 'public port'));
    entryPoints[name] = {
      address: `:${listenPort(port, override)}`,
      ...(port === 80 && redirectsWholeEntryPoint(proxy)
        ? { http: { redirections: { entryPoint: { to: WEBSECURE, scheme: 'https', permanent: true } } } }
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

function dynamicConfig(
  proxy: ProxyPlan,
  override: TestOverride | undefined,
): { body: Record<string, unknown>; notes: Map<string, string> } {
  const d: Dynamic = {
    routers: {},
    services: new Map(),
    tcpRouters: {},
    tcpServices: new Map(),
    certificates: new Map(),
    notes: new Map(),
  };
  for (const site of proxy.sites) {
    if (isPassthrough(site)) addPassthroughSite(d, site, override);
    else addHttpSite(d, site, proxy, override);
  }
  const perHostRedirect = proxy.redirectPort !== undefined && !redirectsWholeEntryPoint(proxy);
  const routers = { ...d.routers, ...(perHostRedirect ? redirectRouters(proxy) : {}) };
  const httpsPort = override?.httpsPort ?? 443;
  const sorted = <T>(m: Map<string, T>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  const http: Record<string, unknown> = {};
  if (Object.keys(routers).length > 0) http.routers = routers;
  if (perHostRedirect && Object.keys(routers).some((n) => n.startsWith('redirect-'))) {
    http.middlewares = {
      [REDIRECT_MIDDLEWARE]: {
        redirectScheme: { scheme: 'https', permanent: true, ...(httpsPort !== 443 ? { port: String(httpsPort) } : {}) },
      },
    };
  }
  if (d.services.size > 0) http.services = sorted(d.services);
  if (d.notes.has(SKIP_VERIFY_TRANSPORT))
    http.serversTransports = { [SKIP_VERIFY_TRANSPORT]: { insecureSkipVerify: true } };

  const body: Record<string, unknown> = {};
  if (Object.keys(http).length > 0) body.http = http;
  if (d.tcpServices.size > 0) body.tcp = { routers: d.tcpRouters, services: sorted(d.tcpServices) };
  if (d.certificates.size > 0) body.tls = { certificates: Object.values(sorted(d.certificates)) };
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

export const exportTraefik: ProxyExporter = (proxy, _plan, options): ExportFile[] => {
  const staticFile = render(staticConfig(proxy, options.override), STATIC_NOTES);
  const { body, notes } = dynamicConfig(proxy, options.override);
  const dynamicPath = proxy.dynamicFile ?? proxy.configFile.replace(/[^/]+$/, PROXY_CONFIG.traefik.dynamic!);
  return [
    {
      path: proxy.configFile,
      contents: HEADER('static configuration', proxy) + staticFile,
      mode: 0o644,
    },
    {
      path: dynamicPath,
      contents: HEADER('routers, services and certificates', proxy) + render(body, notes),
      mode: 0o644,
    },
  ];
};
