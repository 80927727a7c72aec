import { hasControlCharacters, ID_PATTERN, isHostname, PATH_PATTERN } from '../model/constraints';
import { WEBSOCKET_IDLE_TIMEOUT, grouped, type CapacityLimits } from './capacity';
import { entryLimits } from './capacity-plan';
import { safePort } from './listen';
import type { DeploymentPlan, Location, ProxyPlan, Site } from './plan';
import type { ProxyExporter } from './proxies';
import { nginxHsts, nginxTls, tlsPolicy, type TlsPolicy } from './tls-render';
import type { ExportOptions } from './types';

/**
 * nginx.conf for the official nginx image (checked with nginx 1.22 `nginx -t`, written for
 * nginx:1.27-alpine): a server per host name and listening port, a prefix location per route,
 * Docker's resolver so that every replica of a service gets traffic, and default servers that
 * keep unknown host names away from every upstream.
 */

// Defence in depth: the checker refuses these values first (NA027/NA031), so this never fires
// for a checked project — but nothing unchecked is ever written into the configuration.
// Ids, paths and host names are the facts of shared/model/constraints; only the shapes that are
// nginx's own (an upstream address of a test override, a file path nginx reads unquoted) are here.
type Check = { test(value: string): boolean };
/** Host names as the plan writes them: RFC 1123 (the constraints' `isHostname`), lower-cased by the plan. */
const HOST: Check = { test: (host) => isHostname(host) && host === host.toLowerCase() };
/** Component, route and port ids (they name upstreams and comments). */
const SERVICE: Check = ID_PATTERN;
/** `service:port`, `127.0.0.1:port` or `[::1]:port`, as a test override gives an upstream. */
const ADDRESS = /^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$/;
/** Certificate paths: no space, quote, `;`, `{`, `#` or `$`, which nginx's parser would act on. */
const FILE = /^[A-Za-z0-9._@+,=:/-]+$/;

function safe(pattern: Check, value: string, what: string): string {
  if (!pattern.test(value)) throw new Error(`nginx export: refusing to write the ${what} ${JSON.stringify(value)}`);
  return value;
}

const indent = (lines: readonly string[]): string[] => lines.map((l) => (l === '' ? l : `    ${l}`));
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const block = (head: string, body: readonly string[]): string[] => [`${head} {`, ...indent(body), '}'];

/**
 * nginx matches locations against the percent-decoded URI, so `%20` in a route is written as
 * the character it stands for, quoted. Escapes that decode to control characters or to
 * invalid UTF-8 stay as written (such a location never matches, and nothing unsafe is written).
 * `match` is what nginx compares: two routes with the same `match` are one location.
 */
function locationPath(path: string): { match: string; text: string } {
  if (!path.includes('%')) return { match: path, text: path };
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { match: path, text: path };
  }
  if (hasControlCharacters(decoded)) return { match: path, text: path };
  return { match: decoded, text: `"${decoded.replace(/["\\]/g, (c) => `\\${c}`)}"` };
}

/** What follows `listen`: a port, or `127.0.0.1:port` for a port moved by a test override. */
interface Listen {
  tls(publicPort: number): string;
  plain(publicPort: number): string;
}

/**
 * The port nginx listens on inside its container: compose publishes `hostPort:containerPort`,
 * so a site on public port 8443 arrives on the container port that host port maps to. A test
 * override moves 443 (TLS) and 80 / the redirect port (plain) to high ports on loopback, so a
 * test never opens a port on every interface.
 */
function listenAddresses(proxy: ProxyPlan, plan: DeploymentPlan, options: ExportOptions): Listen {
  const published = plan.services.find((s) => s.name === proxy.entry.id)?.ports ?? [];
  // Every number written after `listen` is checked: nginx would read `listen 1.5` or `listen 0` otherwise.
  const container = (hostPort: number) =>
    `${safePort(published.find((p) => p.hostPort === safePort(hostPort, 'public port', 'nginx'))?.containerPort ?? hostPort, 'listening port', 'nginx')}`;
  const moved = (port: number | undefined) =>
    port === undefined ? undefined : `127.0.0.1:${safePort(port, 'listening port', 'nginx')}`;
  const o = options.override;
  return {
    tls: (port) => (port === 443 ? (moved(o?.httpsPort) ?? container(port)) : container(port)),
    plain: (port) =>
      port === 80 || port === proxy.redirectPort ? (moved(o?.httpPort) ?? container(port)) : container(port),
  };
}

const byPort = (a: string, b: string): number =>
  Number(a.split(':').pop()) - Number(b.split(':').pop()) || (a < b ? -1 : 1);

function upstreamAddress(options: ExportOptions, service: string, port: number): string {
  safe(SERVICE, service, 'service name');
  safePort(port, 'upstream port', 'nginx');
  return safe(ADDRESS, options.override?.upstream?.(service, port) ?? `${service}:${port}`, 'upstream address');
}

/** The upstream block of an upstream with instances on other hosts (issue 16): `hosts_SERVICE_PORT`. */
const spreadName = (upstream: Location['upstream']): string =>
  `hosts_${upstream.service.replace(/[^A-Za-z0-9]/g, '_')}_${upstream.port}`;

/**
 * With declared hosts, an upstream whose instances also run on other hosts is an `upstream`
 * block: the local service and each other host's published port. nginx resolves these names
 * once, at start, through the system resolver — which reads the `extra_hosts` aliases Docker's
 * DNS does not serve — so a proxy restarted after the local service came up sees its replicas.
 */
function spreadUpstreams(proxy: ProxyPlan, options: ExportOptions): string[][] {
  const seen = new Map<string, string[]>();
  for (const site of proxy.sites)
    for (const { upstream } of site.locations) {
      if (upstream.remote === undefined || seen.has(spreadName(upstream))) continue;
      const servers = [
        ...(upstream.replicas > 0
          ? [
              `# ${upstream.service} on this host${upstream.replicas > 1 ? ` (${upstream.replicas} replicas)` : ''}`,
              `server ${upstreamAddress(options, upstream.service, upstream.port)};`,
            ]
          : []),
        ...upstream.remote.flatMap((r) => [
          `# ${upstream.service} on host ${r.host.replace(/[^\x20-\x7e]/g, '?')}, through the port it publishes there`,
          `server ${remoteAddress(options, r.address, r.port)};`,
        ]),
      ];
      seen.set(spreadName(upstream), block(`upstream ${spreadName(upstream)}`, servers));
    }
  return [...seen.values()];
}

/** Another host's address and published port (a test override may move it, like a service's). */
function remoteAddress(options: ExportOptions, address: string, port: number): string {
  safePort(port, 'upstream port', 'nginx');
  return safe(ADDRESS, options.override?.upstream?.(address, port) ?? `${address}:${port}`, 'upstream address');
}

function proxyLocation(location: Location, site: Site, options: ExportOptions): string[] {
  const { upstream } = location;
  const spread = upstream.remote !== undefined;
  const address = spread ? spreadName(upstream) : upstreamAddress(options, upstream.service, upstream.port);
  // Not `$upstream_…`: nginx reserves the prefixes `$upstream_http_`, `$upstream_cookie_` and
  // `$upstream_trailer_`, which a service named `http` would collide with.
  const variable = `$target_${upstream.service.replace(/[^A-Za-z0-9]/g, '_')}_${upstream.port}`;
  const defaultPort = site.tls ? 443 : 80;
  const host = site.publicPort === defaultPort ? '$host' : `$host:${site.publicPort}`;
  return block(`location ^~ ${locationPath(location.path).text}`, [
    `# ${safe(SERVICE, location.route.id, 'route id')}: ${upstream.service} port ${safe(SERVICE, upstream.portName, 'port name')}` +
      (spread
        ? `, on ${upstream.replicas > 0 ? 'this host and ' : ''}${plural(upstream.remote!.length, upstream.replicas > 0 ? 'other host' : 'host')}`
        : upstream.replicas > 1
          ? ` (${upstream.replicas} replicas, all resolved through Docker's DNS)`
          : ''),
    // A variable makes nginx resolve the name per request (through `resolver`), so replicas that
    // start later get traffic too; with no URI part the request URI is passed on unchanged.
    ...(spread
      ? [`proxy_pass ${upstream.reencrypt ? 'https' : 'http'}://${address};`]
      : [`set ${variable} ${upstream.reencrypt ? 'https' : 'http'}://${address};`, `proxy_pass ${variable};`]),
    ...(upstream.reencrypt
      ? [
          '# Re-encrypted to the upstream. Its certificate is internal to the compose network and is',
          '# not verified (proxy_ssl_verify off); the service name is sent as SNI.',
          'proxy_ssl_server_name on;',
          'proxy_ssl_verify off;',
          'proxy_ssl_protocols TLSv1.2 TLSv1.3;',
        ]
      : []),
    'proxy_http_version 1.1;',
    `proxy_set_header Host ${host};`,
    // This proxy is the public edge: forwarding headers are set, never appended to what a client sent.
    'proxy_set_header X-Real-IP $remote_addr;',
    'proxy_set_header X-Forwarded-For $remote_addr;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Forwarded-Host $host;',
    `proxy_set_header X-Forwarded-Port ${site.publicPort};`,
    ...(upstream.websocket
      ? [
          'proxy_set_header Upgrade $http_upgrade;',
          'proxy_set_header Connection $connection_upgrade;',
          `# Idle WebSocket connections stay open for up to ${WEBSOCKET_IDLE_TIMEOUT.text} (export/capacity.ts).`,
          `proxy_read_timeout ${WEBSOCKET_IDLE_TIMEOUT.text};`,
          `proxy_send_timeout ${WEBSOCKET_IDLE_TIMEOUT.text};`,
        ]
      : []),
  ]);
}

function siteServer(site: Site, listen: string, options: ExportOptions, certDir: string, hsts?: string): string[] {
  const host = safe(HOST, site.host, 'host name');
  const lines: string[] = [listen, `server_name ${host};`];
  if (site.tls) {
    const files = options.override?.certificate?.(host) ?? {
      cert: `${certDir}/${host}.crt`,
      key: `${certDir}/${host}.key`,
    };
    lines.push(`ssl_certificate ${safe(FILE, files.cert, 'certificate path')};`);
    lines.push(`ssl_certificate_key ${safe(FILE, files.key, 'key path')};`);
    if (hsts !== undefined) lines.push(hsts);
  }
  const seen = new Set<string>();
  for (const location of site.locations) {
    const { match } = locationPath(safe(PATH_PATTERN, location.path, 'path'));
    lines.push('');
    if (seen.has(match)) {
      lines.push(
        `# ${safe(SERVICE, location.route.id, 'route id')}: ${location.path} is already routed above; not served twice`,
      );
      continue;
    }
    seen.add(match);
    lines.push(...proxyLocation(location, site, options));
  }
  // Without a `/` location nginx would serve its own files for every other path.
  if (!seen.has('/')) lines.push('', ...block('location /', ['return 404;']));
  return block('server', lines);
}

/** Where plain HTTP for a TLS host is sent: its site on 443 if it has one, else its lowest port. */
function redirectTargets(sites: readonly Site[]): Map<number, string[]> {
  const best = new Map<string, number>();
  for (const s of sites) {
    const current = best.get(s.host);
    if (current === undefined || (current !== 443 && (s.publicPort === 443 || s.publicPort < current))) {
      best.set(s.host, s.publicPort);
    }
  }
  const byPort = new Map<number, string[]>();
  for (const [host, port] of best) byPort.set(port, [...(byPort.get(port) ?? []), host]);
  return byPort;
}

function httpSettings(policy: TlsPolicy): string[] {
  return [
    'default_type application/octet-stream;',
    '# No version in the Server header or on error pages.',
    'server_tokens off;',
    "# Upstream banners stay inside: nginx never passes an upstream's Server header on (it sends its own,",
    '# without a version), and X-Powered-By is dropped here.',
    'proxy_hide_header X-Powered-By;',
    'log_format proxied \'$remote_addr [$time_local] "$request" $status $body_bytes_sent \'',
    '                   \'host=$host upstream=$upstream_addr rt=$request_time "$http_user_agent"\';',
    '# Logs go to the container output, as in the official image.',
    'access_log /dev/stdout proxied;',
    '',
    "# Docker's DNS: service names are resolved per request, so every replica gets traffic.",
    'resolver 127.0.0.11 valid=10s ipv6=off;',
    'resolver_timeout 5s;',
    '',
    'client_max_body_size 10m;',
    'client_header_timeout 30s;',
    'client_body_timeout 60s;',
    'send_timeout 60s;',
    'keepalive_timeout 65s;',
    'proxy_connect_timeout 5s;',
    'proxy_send_timeout 60s;',
    'proxy_read_timeout 60s;',
    '',
    ...nginxTls(policy),
    '',
    '# WebSocket: pass the upgrade on when the client asks for one.',
    ...block('map $http_upgrade $connection_upgrade', ['default upgrade;', "'' close;"]),
  ];
}

/**
 * The main context's limits (export/capacity.ts): each worker may hold every connection (both
 * sides of each proxied one), and may open that many files — the compose file gives the container
 * the same `ulimits.nofile`, since an unprivileged container cannot raise its hard limit.
 */
function capacityLines(limits: CapacityLimits): string[] {
  return [
    `# Capacity: ${grouped(limits.websocketClients)} concurrent WebSocket clients and ${grouped(limits.httpHeadroom)} more HTTP connections.`,
    '# Every proxied connection holds two sockets (client and upstream).',
    `worker_rlimit_nofile ${limits.nofile};`,
    '',
    ...block('events', [`worker_connections ${limits.nginxWorkerConnections};`]),
  ];
}

export const exportNginx: ProxyExporter = (proxy, plan, options) => {
  const policy = tlsPolicy(plan.project.settings);
  const listen = listenAddresses(proxy, plan, options);
  const servers: string[][] = [];
  const notes: string[] = [];
  const tlsPorts = new Set<string>();
  const plainPorts = new Set<string>();
  const claimed = new Set<string>();
  // One server per host name and listening port: a second one would be ignored by nginx.
  const claim = (port: string, host: string): boolean => {
    const key = `${port} ${host}`;
    if (claimed.has(key)) return false;
    claimed.add(key);
    return true;
  };
  const served: Site[] = [];

  for (const site of proxy.sites) {
    if (!site.tls) continue;
    const port = listen.tls(site.publicPort);
    if (!claim(port, safe(HOST, site.host, 'host name'))) {
      notes.push(
        `# https://${site.host}:${site.publicPort} arrives on port ${port} with another site of that host; not served`,
      );
      continue;
    }
    tlsPorts.add(port);
    served.push(site);
    servers.push(siteServer(site, `listen ${port} ssl;`, options, proxy.certDir, nginxHsts(policy)));
  }
  const plainHosts = new Map<string, Set<string>>();
  for (const site of proxy.sites) {
    if (site.tls) continue;
    const secure = site.locations.some((l) => l.route.scheme === 'https' || l.route.scheme === 'wss');
    const port = listen.plain(site.publicPort);
    if (secure) {
      notes.push(
        `# ${site.host}:${site.publicPort} passes TLS through, which nginx's http module cannot do; not served`,
      );
    } else if (tlsPorts.has(port) || !claim(port, safe(HOST, site.host, 'host name'))) {
      notes.push(
        `# http://${site.host}:${site.publicPort} arrives on port ${port}, which serves another site; not served`,
      );
    } else {
      plainPorts.add(port);
      plainHosts.set(port, (plainHosts.get(port) ?? new Set()).add(site.host));
      servers.push(siteServer(site, `listen ${port};`, options, proxy.certDir));
    }
  }
  if (proxy.redirectPort !== undefined) {
    const port = listen.plain(proxy.redirectPort);
    const plainHere = plainHosts.get(port) ?? new Set<string>();
    if (tlsPorts.has(port)) notes.push(`# the HTTP redirect on port ${port} is left out: that port carries TLS`);
    else {
      for (const [target, hosts] of redirectTargets(served.filter((s) => !plainHere.has(s.host)))) {
        plainPorts.add(port);
        const suffix = target === 443 ? '' : `:${target}`;
        servers.push(
          block('server', [
            `# Plain HTTP on public port ${proxy.redirectPort} is redirected to HTTPS.`,
            `listen ${port};`,
            `server_name ${hosts.join(' ')};`,
            `return 301 https://$host${suffix}$request_uri;`,
          ]),
        );
      }
    }
  }
  // Unknown host names end here on every port: TLS handshakes without a known SNI name are
  // refused (ssl_reject_handshake, nginx ≥ 1.19.4, so no certificate is needed), and a known
  // name with an unknown Host header gets 404 — never an upstream.
  // The listen backlog is a setting of the port, given once: on its default server.
  const limits = entryLimits(plan, proxy.entry);
  const backlog = `backlog=${limits.backlog}`;
  const defaults = [...tlsPorts]
    .sort(byPort)
    .map((port) =>
      block('server', [
        `listen ${port} ssl default_server ${backlog};`,
        'server_name _;',
        'ssl_reject_handshake on;',
        'return 404;',
      ]),
    )
    .concat(
      [...plainPorts]
        .sort(byPort)
        .map((port) => block('server', [`listen ${port} default_server ${backlog};`, 'server_name _;', 'return 404;'])),
    );

  const lines = [
    `# written by Portolan: nginx configuration of ${safe(SERVICE, proxy.entry.id, 'component id')}`,
    '# Change the project and export again rather than editing this file.',
    '',
    'worker_processes auto;',
    'error_log stderr notice;',
    '',
    ...capacityLines(limits),
    '',
    ...block('http', [
      ...httpSettings(policy),
      ...(notes.length > 0 ? ['', ...notes] : []),
      ...[...spreadUpstreams(proxy, options), ...defaults, ...servers].flatMap((s) => ['', ...s]),
    ]),
  ];
  return [{ path: proxy.configFile, contents: `${lines.join('\n')}\n`, mode: 0o644 }];
};
