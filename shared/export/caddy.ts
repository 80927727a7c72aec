import { capacityComment, type CapacityLimits } from './capacity';
import { entryLimits } from './capacity-plan';
import { ID_PATTERN, isHostname, PATH_PATTERN } from '../model/constraints';
import type { Location, ProxyPlan, Site, Upstream } from './plan';
import type { ProxyExporter } from './proxies';
import { listenPorts, safePort as checkedPort, type ListenPorts } from './listen';
import { BANNER_HEADERS, caddyTls, tlsPolicy, type TlsPolicy } from './tls-render';
import type { ExportOptions } from './types';

const safePort = (port: number, what: string): number => checkedPort(port, what, 'caddy');

/**
 * Caddyfile for the official image (checked with Caddy 2.6.2 `caddy validate`, written for
 * caddy:2.8-alpine): the operator's certificates per host (no ACME), a `handle` per path prefix
 * that proxies to every replica through Docker's DNS, our own HTTP→HTTPS redirect, and
 * catch-all sites so that unknown host names and paths never reach an upstream.
 */

// Defence in depth: the checker refuses these values first (NA027/NA031), so this never fires
// for a checked project — but nothing unchecked is ever written into the configuration.
// Ids, paths and host names are the facts of shared/model/constraints; the address of a test
// override and the certificate-path shape are this configuration language's own.
type Check = { test(value: string): boolean };
/** Host names as the plan writes them: RFC 1123 (the constraints' `isHostname`), lower-cased by the plan. */
const HOST: Check = { test: (host) => isHostname(host) && host === host.toLowerCase() };
const PATH: Check = PATH_PATTERN;
/** Component, route and port ids (the project's ID_PATTERN): they name services. */
const ID: Check = ID_PATTERN;
/** `service:port`, `127.0.0.1:port` or `[::1]:port`, as a test override gives an upstream. */
const ADDRESS = /^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$/;
/** Certificate paths: no space, quote, brace (a placeholder), `#` or `$`, which the Caddyfile reads specially. */
const FILE = /^[A-Za-z0-9._@+,=:/-]+$/;

function safe(pattern: Check, value: string, what: string): string {
  if (!pattern.test(value)) throw new Error(`caddy export: refusing to write the ${what} ${JSON.stringify(value)}`);
  return value;
}

// `caddy fmt` style: tabs, so that `caddy adapt` does not warn about formatting.
const indent = (lines: readonly string[]): string[] => lines.map((l) => (l === '' ? l : `\t${l}`));
const block = (head: string, body: readonly string[]): string[] => [`${head} {`, ...indent(body), '}'];

/**
 * Caddy's path matcher compares prefixes with a trailing `*`. It ignores case, and matches the
 * escaped path when the pattern holds %-escapes (the decoded one otherwise).
 */
const matcher = (path: string): string => `${path}*`;

const SCHEME = /^(?:https?|wss?)$/;

/** `wss://auth.example.com/ → nextauth ws (8009)`, for the comment above a route; every part checked. */
const describe = (host: string, l: Location): string =>
  `${safe(SCHEME, l.route.scheme, 'scheme')}://${safe(HOST, host, 'host name')}${safe(PATH, l.path, 'path')} → ` +
  `${safe(ID, l.upstream.service, 'service name')} ${safe(ID, l.upstream.portName, 'port name')} (${safePort(l.upstream.port, 'upstream port')})`;

/**
 * With declared hosts (issue 16), an upstream that also runs on other hosts: static upstreams,
 * the local service (when an instance runs here) and each other host's published port. Caddy
 * resolves each name when it dials (Go's resolver reads the `extra_hosts` aliases too), so the
 * local name still reaches a replica that starts later, one address per connection.
 */
function spreadBody(u: Upstream, options: ExportOptions): string[] {
  const service = safe(ID, u.service, 'service name');
  const port = safePort(u.port, 'upstream port');
  const local = u.replicas > 0 ? [options.override?.upstream?.(service, port) ?? `${service}:${port}`] : [];
  const remote = (u.remote ?? []).map(
    (r) => options.override?.upstream?.(r.address, r.port) ?? `${r.address}:${safePort(r.port, 'upstream port')}`,
  );
  return [
    `# ${u.replicas > 0 ? 'This host, then ' : ''}${(u.remote ?? []).map((r) => `host ${r.host.replace(/[^\x20-\x7e]/g, '?')}`).join(', ')}.`,
    `to ${[...local, ...remote].map((a) => safe(ADDRESS, a, 'upstream address')).join(' ')}`,
    'lb_policy round_robin',
    'lb_try_duration 5s',
  ];
}

function reverseProxy(u: Upstream, options: ExportOptions): string[] {
  const service = safe(ID, u.service, 'service name');
  const port = safePort(u.port, 'upstream port');
  const override = options.override?.upstream?.(service, port);
  const body =
    u.remote !== undefined
      ? spreadBody(u, options)
      : override === undefined
        ? [
            // Asks Docker's DNS (the container's resolver) for every replica's address, again every 10s.
            ...block('dynamic a', [`name ${service}`, `port ${port}`, 'refresh 10s']),
            'lb_policy round_robin',
            // A replica that refuses the connection is skipped for the next one, for up to 5 seconds.
            'lb_try_duration 5s',
          ]
        : [`to ${safe(ADDRESS, override, 'upstream address')}`];
  if (u.reencrypt) {
    body.push(
      // The upstream's certificate is internal to the compose network (self-signed, or not issued
      // for the service name Caddy dials), so it cannot be verified: the hop is encrypted, not authenticated.
      '# Re-encrypted: TLS to the upstream, whose internal certificate is not verified.',
      ...block('transport http', ['tls', 'tls_insecure_skip_verify']),
    );
  }
  return block('reverse_proxy', body);
}

function siteBlock(address: string, site: Site, proxy: ProxyPlan, options: ExportOptions, policy: TlsPolicy): string[] {
  const host = safe(HOST, site.host, 'host name');
  const lines: string[] = [];
  if (site.tls) {
    const files = options.override?.certificate?.(host) ?? {
      cert: `${proxy.certDir}/${host}.crt`,
      key: `${proxy.certDir}/${host}.key`,
    };
    lines.push(
      ...block(
        `tls ${safe(FILE, files.cert, 'certificate path')} ${safe(FILE, files.key, 'key path')}`,
        caddyTls(policy),
      ),
    );
  }
  // Deleting a header defers every operation of the block until the response is written, so the
  // upstream's Server and X-Powered-By (and Caddy's own Server header) are gone from what leaves.
  lines.push(
    ...block('header', [
      ...(site.tls ? [`Strict-Transport-Security "${policy.hsts}"`] : []),
      ...BANNER_HEADERS.map((h) => `-${h}`),
    ]),
  );
  const seen = new Set<string>();
  // Longest path first, as the plan orders them; one `handle` runs per request.
  for (const location of site.locations) {
    const path = safe(PATH, location.path, 'path');
    const id = safe(ID, location.route.id, 'route id');
    if (seen.has(path)) {
      lines.push(`# ${id}: ${host}${path} is already routed above; not served twice`);
      continue;
    }
    seen.add(path);
    lines.push(
      `# ${id}: ${describe(site.host, location)}`,
      ...block(`handle ${matcher(path)}`, reverseProxy(location.upstream, options)),
    );
  }
  if (!seen.has('/')) lines.push('# Any other path: 404, never an upstream.', ...block('handle', ['respond 404']));
  return block(address, lines);
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
  for (const [host, port] of [...best].sort(([a], [b]) => (a < b ? -1 : 1))) {
    byPort.set(port, [...(byPort.get(port) ?? []), host]);
  }
  return new Map([...byPort].sort(([a], [b]) => a - b));
}

function globalOptions(ports: ListenPorts, limits: CapacityLimits): string[] {
  return [
    '{',
    ...indent([
      ...capacityComment('#', limits, 'Caddy'),
      '# Certificates are the files named in each site: Caddy obtains and renews none (no ACME), and',
      '# the HTTP → HTTPS redirect is the one written below, not an automatic one. Caddy staples OCSP',
      '# responses for those certificates by itself.',
      'auto_https off',
      '# No admin API: this file is the whole configuration; restart the container to load a new one.',
      'admin off',
      `http_port ${ports.plain(80)}`,
      `https_port ${ports.tls(443)}`,
      ...block('servers', [
        '# A Host header naming another host than the TLS handshake (SNI) gets 421 Misdirected Request,',
        "# so a connection opened for one host cannot reach another host's routes.",
        'strict_sni_host on',
        '# No HTTP/3: compose publishes the TCP ports only, so QUIC (UDP) could not be reached.',
        'protocols h1 h2',
      ]),
    ]),
    '}',
  ];
}

export const exportCaddy: ProxyExporter = (proxy, plan, options) => {
  const policy = tlsPolicy(plan.project.settings);
  const ports = listenPorts(proxy, plan, options, 'caddy');
  const sites: string[][] = [];
  const notes: string[] = [];
  /** Listening port → whether it carries TLS. */
  const listeners = new Map<number, boolean>();
  const claimed = new Set<string>();
  const plainHosts = new Map<number, Set<string>>();
  const served: Site[] = [];

  for (const tls of [true, false]) {
    for (const site of proxy.sites) {
      if (site.tls !== tls) continue;
      const host = safe(HOST, site.host, 'host name');
      const url = `${tls ? 'https' : 'http'}://${host}:${site.publicPort}`;
      if (!tls && site.locations.some((l) => l.route.scheme === 'https' || l.route.scheme === 'wss')) {
        // Passing TLS through needs the layer4 plugin, which the official image does not have.
        notes.push(
          `# https://${host}:${site.publicPort} passes TLS through to its upstream, which Caddy cannot do; not served`,
        );
        continue;
      }
      const port = tls ? ports.tls(site.publicPort) : ports.plain(site.publicPort);
      if (listeners.get(port) === !tls || claimed.has(`${port} ${host}`)) {
        notes.push(`# ${url} arrives on port ${port} with another site there; not served`);
        continue;
      }
      listeners.set(port, tls);
      claimed.add(`${port} ${host}`);
      if (tls) served.push(site);
      else plainHosts.set(port, (plainHosts.get(port) ?? new Set()).add(host));
      sites.push(siteBlock(`${tls ? 'https' : 'http'}://${host}:${port}`, site, proxy, options, policy));
    }
  }

  if (proxy.redirectPort !== undefined && served.length > 0) {
    const port = ports.plain(proxy.redirectPort);
    const plainHere = plainHosts.get(port) ?? new Set<string>();
    if (listeners.get(port) === true) {
      notes.push(`# the HTTP redirect on public port ${proxy.redirectPort} is left out: that port carries TLS`);
    } else {
      for (const [target, hosts] of redirectTargets(served.filter((s) => !plainHere.has(s.host)))) {
        listeners.set(port, false);
        const suffix = target === 443 ? '' : `:${safePort(target, 'public port')}`;
        sites.push([
          `# Plain HTTP on public port ${proxy.redirectPort} is redirected to HTTPS (the path and query are kept).`,
          ...block(hosts.map((h) => `http://${safe(HOST, h, 'host name')}:${port}`).join(', '), [
            // {host} is one of the names this block is for, never anything else a client sends.
            `redir https://{host}${suffix}{uri} 301`,
          ]),
        ]);
      }
    }
  }

  // Unknown host names end here on every port, never at an upstream: on TLS ports the handshake
  // for a name without a certificate already fails, and a Host header that differs from the
  // handshake gets 421 (strict_sni_host); what is left gets 404.
  const catchAll = [...listeners]
    .sort(([a], [b]) => a - b)
    .map(([port, tls]) => [
      `# Any other host name on port ${port}: 404${tls ? ' (a TLS handshake for a name without a certificate fails first)' : ''}.`,
      ...block(`${tls ? 'https' : 'http'}://:${port}`, ['respond 404']),
    ]);

  const lines = [
    `# written by Portolan: Caddy configuration of ${safe(ID, proxy.entry.id, 'component id')}`,
    '# Change the project and export again rather than editing this file.',
    ...notes,
    ...globalOptions(ports, entryLimits(plan, proxy.entry)),
    ...[...sites, ...catchAll].flatMap((s) => ['', ...s]),
  ];
  return [{ path: proxy.configFile, contents: `${lines.join('\n')}\n`, mode: 0o644 }];
};
