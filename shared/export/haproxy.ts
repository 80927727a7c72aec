import { grouped, WEBSOCKET_IDLE_TIMEOUT, type CapacityLimits } from './capacity';
import { entryLimits } from './capacity-plan';
import { ID_PATTERN, isHostname, PATH_PATTERN } from '../model/constraints';
import type { DeploymentPlan, Location, ProxyPlan, Site, Upstream } from './plan';
import type { ProxyExporter } from './proxies';
import { listenPorts, safePort as checkedPort } from './listen';
import { BANNER_HEADERS, haproxyCurves, haproxyTls, tlsPolicy, type TlsPolicy } from './tls-render';
import type { ExportOptions } from './types';

const safePort = (port: number, what: string): number => checkedPort(port, what, 'haproxy');

/**
 * haproxy.cfg for the official image (checked with HAProxy 2.6 `haproxy -c -dW`, written for
 * haproxy:3.0-alpine): a frontend per listening port that picks the certificate by SNI and the
 * backend by Host header and path prefix, a backend per upstream whose servers Docker's DNS fills
 * with every replica, and a not-found backend for everything no route maps.
 */

// Defence in depth: the checker refuses these values first (NA027/NA031), so this never fires
// for a checked project — but nothing unchecked is ever written into the configuration.
// Ids, paths and host names are the facts of shared/model/constraints; the address of a test
// override and the certificate-path shape are this configuration language's own.
type Check = { test(value: string): boolean };
/** Host names as the plan writes them: RFC 1123 (the constraints' `isHostname`), lower-cased by the plan. */
const HOST: Check = { test: (host) => isHostname(host) && host === host.toLowerCase() };
const PATH: Check = PATH_PATTERN;
/** Component, route and port ids (the project's ID_PATTERN): service, backend and server names. */
const ID: Check = ID_PATTERN;
/** `service:port`, `127.0.0.1:port` or `[::1]:port`, as a test override gives an upstream. */
const ADDRESS = /^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$/;
/** Certificate paths: no space, quote, `#` or `$`, which HAProxy's parser would act on. */
const FILE = /^[A-Za-z0-9._@+,=:/-]+$/;

function safe(pattern: Check, value: string, what: string): string {
  if (!pattern.test(value)) throw new Error(`haproxy export: refusing to write the ${what} ${JSON.stringify(value)}`);
  return value;
}

const indent = (lines: readonly string[]): string[] => lines.map((l) => (l === '' ? l : `    ${l}`));
const section = (head: string, body: readonly string[]): string[] => [head, ...indent(body)];

/**
 * The `crt` argument for a host. HAProxy 2.6 takes no key path on a bind line: with
 * `ssl-load-extra-del-ext` it reads the key from `NAME.key` beside `NAME.crt`, or from the
 * certificate file itself when that holds both (a combined PEM, given as cert = key).
 */
function certificateFile(host: string, proxy: ProxyPlan, options: ExportOptions): string {
  const files = options.override?.certificate?.(host) ?? {
    cert: `${proxy.certDir}/${host}.crt`,
    key: `${proxy.certDir}/${host}.key`,
  };
  const cert = safe(FILE, files.cert, 'certificate path');
  const beside = `${cert.replace(/\.[^./]*$/, '')}.key`;
  if (files.key !== cert && files.key !== beside) {
    throw new Error(
      `haproxy export: HAProxy reads the key of ${cert} from ${beside} (or from the certificate file itself), not from ${JSON.stringify(files.key)}`,
    );
  }
  return cert;
}

/** Backends are shared by every location that reaches the same port the same way. */
const backendName = (u: Upstream): string =>
  `be_${safe(ID, u.service, 'service name')}_${safePort(u.port, 'upstream port')}${u.reencrypt ? '_tls' : ''}`;

const NOT_FOUND = 'not_found';

function backend(u: Upstream, options: ExportOptions): string[] {
  const override = options.override?.upstream?.(u.service, u.port);
  const tls = u.reencrypt
    ? // The upstream's certificate is internal to the compose network (self-signed, or not issued for
      // the service name HAProxy dials), so it cannot be verified: the hop is encrypted, not authenticated.
      ' ssl verify none'
    : '';
  const server =
    override === undefined
      ? // One slot per replica, filled at run time from Docker's DNS; `init-addr none` lets HAProxy
        // start before the services do, and the slots fill in once their names resolve.
        `server-template ${u.service} ${Math.max(1, u.replicas)} ${u.service}:${u.port}${tls} check resolvers docker init-addr last,libc,none resolve-prefer ipv4`
      : `server ${u.service} ${safe(ADDRESS, override, 'upstream address')}${tls} check`;
  // With declared hosts (issue 16): no local slot when no instance runs on this host, and a server
  // per other host, through the port it publishes there. Its name is resolved by the system resolver
  // at start (`libc` reads the `extra_hosts` aliases Docker's DNS does not serve).
  const remote = (u.remote ?? []).map((r, i) => {
    const moved = options.override?.upstream?.(r.address, r.port);
    const address = safe(ADDRESS, moved ?? `${r.address}:${safePort(r.port, 'upstream port')}`, 'upstream address');
    return `server ${safe(ID, u.service, 'service name')}-host${i + 1} ${address}${tls} check init-addr last,libc,none`;
  });
  return section(`backend ${backendName(u)}`, [
    `# ${u.service} port ${safe(ID, u.portName, 'port name')} (${u.port})` +
      (u.remote !== undefined
        ? `, ${u.replicas} on this host and one server on each of ${u.remote.length} other host${u.remote.length === 1 ? '' : 's'} (${u.remote.map((r) => r.host.replace(/[^\x20-\x7e]/g, '?')).join(', ')})`
        : u.replicas > 1
          ? `, ${u.replicas} replicas: Docker's DNS answers the name with every replica`
          : ''),
    ...(u.reencrypt ? ['# Re-encrypted: TLS to the upstream, whose internal certificate is not verified.'] : []),
    // This proxy is the public edge: a forwarding header a client sent is dropped, never passed on.
    'http-request del-header X-Forwarded-For',
    'option forwardfor',
    'http-request set-header X-Forwarded-Proto https if { ssl_fc }',
    'http-request set-header X-Forwarded-Proto http if !{ ssl_fc }',
    ...(u.remote === undefined || u.replicas > 0 ? [server] : []),
    ...remote,
  ]);
}

/** Where plain HTTP for a TLS host is sent: its site on 443 if it has one, else its lowest port. */
function redirectTargets(sites: readonly Site[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const s of sites) {
    const current = best.get(s.host);
    if (current === undefined || (current !== 443 && (s.publicPort === 443 || s.publicPort < current))) {
      best.set(s.host, s.publicPort);
    }
  }
  return new Map([...best].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A frontend being assembled: its sites, in plan order. */
interface Frontend {
  readonly port: number;
  readonly publicPort: number;
  readonly tls: boolean;
  readonly sites: Site[];
  readonly hosts: Set<string>;
  redirect: boolean;
}

const SCHEME = /^(?:https?|wss?)$/;

/** `wss://auth.example.com/ → nextauth ws (8009)`, for the comment above a route; every part checked. */
const describe = (host: string, l: Location): string =>
  `${safe(SCHEME, l.route.scheme, 'scheme')}://${safe(HOST, host, 'host name')}${safe(PATH, l.path, 'path')} → ` +
  `${safe(ID, l.upstream.service, 'service name')} ${safe(ID, l.upstream.portName, 'port name')} (${safePort(l.upstream.port, 'upstream port')})`;

function routing(sites: readonly Site[], backends: Map<string, Upstream>): string[] {
  const lines: string[] = [];
  for (const site of sites) {
    const host = safe(HOST, site.host, 'host name');
    lines.push(`acl host_${host} var(txn.host) -m str ${host}`);
  }
  for (const site of sites) {
    const seen = new Set<string>();
    // Locations come longest path first, and HAProxy takes the first use_backend that matches.
    for (const location of site.locations) {
      const path = safe(PATH, location.path, 'path');
      const id = safe(ID, location.route.id, 'route id');
      if (seen.has(path)) {
        lines.push(`# ${id}: ${site.host}${path} is already routed above; not served twice`);
        continue;
      }
      seen.add(path);
      const name = backendName(location.upstream);
      backends.set(name, location.upstream);
      lines.push(
        `# ${id}: ${describe(site.host, location)}`,
        `use_backend ${name} if host_${site.host} { path_beg ${path} }`,
      );
    }
  }
  return lines;
}

/** Host header without its port, lower-case: what the host ACLs compare. */
const HOST_VAR = 'http-request set-var(txn.host) req.hdr(host),field(1,:),lower';

function frontendSection(
  f: Frontend,
  proxy: ProxyPlan,
  options: ExportOptions,
  backends: Map<string, Upstream>,
  policy: TlsPolicy,
): string[] {
  const name = `${f.tls ? 'https' : 'http'}_${f.publicPort}`;
  const lines: string[] = [];
  if (f.tls) {
    const certs = f.sites.map((s) => `crt ${certificateFile(s.host, proxy, options)}`);
    lines.push(
      `# Public port ${f.publicPort}: TLS ends here. The certificate is picked by SNI; the first one`,
      '# is shown to clients that send no SNI (they then get 404 below unless the Host header matches).',
      `bind :${f.port} ssl ${certs.join(' ')} alpn h2,http/1.1 ${haproxyCurves(policy)}`,
      HOST_VAR,
      // A Host header naming another host than the TLS handshake (SNI) gets 421 Misdirected
      // Request, so a connection opened for one host cannot reach another host's routes.
      'http-request set-var(txn.sni) ssl_fc_sni,lower',
      'http-request return status 421 content-type text/plain string "misdirected request" if { ssl_fc_sni -m found } !{ var(txn.host),strcmp(txn.sni) eq 0 }',
    );
  } else {
    lines.push(`# Public port ${f.publicPort}: plain HTTP.`, `bind :${f.port}`, HOST_VAR);
  }
  // Upstream banners stay inside (HAProxy sends no Server header of its own).
  lines.push(...BANNER_HEADERS.map((h) => `http-response del-header ${h}`));
  if (f.tls) lines.push(`http-response set-header Strict-Transport-Security "${policy.hsts}"`);
  if (f.redirect) {
    const plainHere = new Set(f.sites.map((s) => s.host));
    const secure = proxy.sites.filter((s) => s.tls && !plainHere.has(s.host));
    lines.push('# HTTP → HTTPS: each TLS host is sent to its HTTPS URL (the path and query are kept).');
    for (const [host, port] of redirectTargets(secure)) {
      const target = `https://${safe(HOST, host, 'host name')}${port === 443 ? '' : `:${safePort(port, 'public port')}`}`;
      lines.push(`http-request redirect prefix ${target} code 301 if { var(txn.host) -m str ${host} }`);
    }
  }
  lines.push(...routing(f.sites, backends));
  lines.push('# No route maps this host and path: 404, never an upstream.', `default_backend ${NOT_FOUND}`);
  return section(`frontend ${name}`, lines);
}

/** Sorts sites onto frontends by listening port; sites that cannot be served become notes. */
function frontends(proxy: ProxyPlan, plan: DeploymentPlan, options: ExportOptions, notes: string[]): Frontend[] {
  const ports = listenPorts(proxy, plan, options, 'haproxy');
  const byPort = new Map<number, Frontend>();
  const add = (port: number, publicPort: number, tls: boolean): Frontend | undefined => {
    const existing = byPort.get(port);
    if (existing) return existing.tls === tls ? existing : undefined;
    const f: Frontend = { port, publicPort, tls, sites: [], hosts: new Set(), redirect: false };
    byPort.set(port, f);
    return f;
  };
  for (const tls of [true, false]) {
    for (const site of proxy.sites) {
      if (site.tls !== tls) continue;
      const host = safe(HOST, site.host, 'host name');
      const url = `${tls ? 'https' : 'http'}://${host}:${site.publicPort}`;
      if (!tls && site.locations.some((l) => l.route.scheme === 'https' || l.route.scheme === 'wss')) {
        notes.push(
          `# https://${host}:${site.publicPort} passes TLS through to its upstream, which this export does not write; not served`,
        );
        continue;
      }
      const port = tls ? ports.tls(site.publicPort) : ports.plain(site.publicPort);
      const f = add(port, site.publicPort, tls);
      if (f === undefined || f.hosts.has(host)) {
        notes.push(`# ${url} arrives on port ${port} with another site there; not served`);
        continue;
      }
      f.hosts.add(host);
      f.sites.push(site);
    }
  }
  if (proxy.redirectPort !== undefined && proxy.sites.some((s) => s.tls)) {
    const f = add(ports.plain(proxy.redirectPort), proxy.redirectPort, false);
    if (f === undefined)
      notes.push(`# the HTTP redirect on public port ${proxy.redirectPort} is left out: that port carries TLS`);
    else f.redirect = true;
  }
  return [...byPort.values()].sort((a, b) => a.port - b.port);
}

const globalSection = (policy: TlsPolicy, limits: CapacityLimits): string[] =>
  section('global', [
    '# Logs go to the container output. No `daemon`: HAProxy stays in the foreground as the container process.',
    'log stdout format raw local0',
    `# Capacity: ${grouped(limits.websocketClients)} concurrent WebSocket clients and ${grouped(limits.httpHeadroom)} more HTTP connections`,
    '# (export/capacity.ts). maxconn counts client connections; HAProxy sizes its open-file limit to about',
    '# twice it (each has an upstream connection), within the ulimits.nofile the compose file gives it.',
    `maxconn ${limits.haproxyMaxconn}`,
    '# A certificate NAME.crt finds its key in NAME.key beside it (instead of NAME.crt.key). The image',
    '# runs HAProxy as the user haproxy, which must be able to read both files.',
    'ssl-load-extra-del-ext',
    ...haproxyTls(policy),
    '# Re-encrypted hops to upstreams inside the compose network.',
    'ssl-default-server-options ssl-min-ver TLSv1.2',
  ]);

const defaultsSection = (limits: CapacityLimits): string[] =>
  section('defaults', [
    'mode http',
    'log global',
    'option httplog',
    'option dontlognull',
    '# Each frontend may take every client connection the process allows (its listen backlog follows it).',
    `maxconn ${limits.haproxyMaxconn}`,
    'timeout connect 5s',
    'timeout client 60s',
    'timeout server 60s',
    `# An upgraded WebSocket connection may stay idle for up to ${WEBSOCKET_IDLE_TIMEOUT.text} (export/capacity.ts).`,
    `timeout tunnel ${WEBSOCKET_IDLE_TIMEOUT.text}`,
    'timeout http-request 10s',
    'timeout http-keep-alive 10s',
    'timeout queue 30s',
    'timeout check 5s',
    'timeout client-fin 10s',
    'timeout server-fin 10s',
  ]);

const RESOLVERS = section('resolvers docker', [
  "# Docker's embedded DNS: it answers a compose service name with the address of every replica,",
  '# so replicas that start, stop or move are picked up within seconds.',
  'nameserver dns 127.0.0.11:53',
  'resolve_retries 3',
  'timeout resolve 1s',
  'timeout retry 1s',
  'hold valid 10s',
  'hold nx 10s',
  'hold obsolete 10s',
  'accepted_payload_size 8192',
]);

const NOT_FOUND_BACKEND = section(`backend ${NOT_FOUND}`, [
  '# Everything no route maps ends here, so it never reaches an upstream — the REST API in particular.',
  'http-request return status 404 content-type text/plain string "not found"',
]);

export const exportHaproxy: ProxyExporter = (proxy, plan, options) => {
  const notes: string[] = [];
  const policy = tlsPolicy(plan.project.settings);
  const backends = new Map<string, Upstream>();
  const fronts = frontends(proxy, plan, options, notes).map((f) =>
    frontendSection(f, proxy, options, backends, policy),
  );
  const limits = entryLimits(plan, proxy.entry);
  const sections = [
    globalSection(policy, limits),
    defaultsSection(limits),
    RESOLVERS,
    ...fronts,
    ...[...backends.keys()].sort().map((name) => backend(backends.get(name)!, options)),
    NOT_FOUND_BACKEND,
  ];
  const lines = [
    `# written by Portolan: HAProxy configuration of ${safe(ID, proxy.entry.id, 'component id')}`,
    '# Change the project and export again rather than editing this file.',
    ...notes,
    ...sections.flatMap((s) => ['', ...s]),
  ];
  return [{ path: proxy.configFile, contents: `${lines.join('\n')}\n`, mode: 0o644 }];
};
