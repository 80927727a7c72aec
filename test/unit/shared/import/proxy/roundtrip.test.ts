/**
 * import(export(p)): the nginx and Traefik configurations Portolan writes read back to the
 * routes they were written from — scheme, host, public port, path, target component and port
 * number, TLS termination and re-encryption — for the template projects, the exporters' edge
 * and feature projects, and generated deployments (test/support/deployments.ts).
 *
 * What a round trip can carry is what the export serves. The expected routes are worked out
 * from the plan with the exporters' documented limits: nginx serves a decoded path once per
 * server and cannot pass TLS through; Traefik compares PathPrefix with the path after decoding
 * unreserved escapes only, and its configuration does not say which routes are WebSockets
 * (every router forwards upgrades), so for Traefik the scheme is compared as secure or plain.
 * The upstream `service:port` is mapped back to the component through the exporters' naming:
 * the compose service is the component id, the port the catalog number of the route's port.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portNumber } from '../../../../../shared/catalog/index';
import { exportProject, type ProxyPlan } from '../../../../../shared/export/index';
import { importNginx } from '../../../../../shared/import/proxy/nginx-routes';
import { importTraefikFiles } from '../../../../../shared/import/proxy/traefik-file';
import type { ImportedRoute, ProxyImport } from '../../../../../shared/import/proxy/types';
import { publicPortOf } from '../../../../../shared/model/constraints';
import type { Project, Route } from '../../../../../shared/model/types';
import { deployments } from '../../../../support/deployments';
import { PROJECT_CASES, random, type Exported } from '../../../../support/proxy-cases';

type Flavour = 'nginx' | 'traefik';

/** One route as both sides can state it. */
interface Served {
  readonly secure: boolean;
  readonly websocket: boolean;
  readonly host: string;
  readonly port: number;
  /** The path as the proxy compares it (decoded). */
  readonly match: string;
  readonly target: string;
  readonly portNumber: number;
  readonly terminate: boolean;
  readonly reencrypt: boolean;
  readonly route?: Route;
}

const key = (s: Served, flavour: Flavour): string =>
  [
    s.secure ? 'secure' : 'plain',
    flavour === 'nginx' ? (s.websocket ? 'ws' : 'http') : '',
    s.host,
    s.port,
    JSON.stringify(s.match),
    `${s.target}:${s.portNumber}`,
    s.terminate ? 'terminate' : '',
    s.reencrypt ? 'reencrypt' : '',
  ].join(' ');

const isSecure = (scheme: string) => scheme === 'https' || scheme === 'wss';

/** nginx's location text for a route path, as the exporter decodes it (see shared/export/nginx.ts). */
function nginxMatch(path: string): string {
  if (!path.includes('%')) return path;
  try {
    const decoded = decodeURIComponent(path);
    // eslint-disable-next-line no-control-regex -- the exporter keeps escapes of control characters
    return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(decoded) ? path : decoded;
  } catch {
    return path;
  }
}

/** Traefik's PathPrefix for a route path: escapes of unreserved characters decoded (shared/export/traefik.ts). */
const traefikMatch = (path: string): string =>
  path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9._~-]$/.test(c) ? c : escape;
  });

/** What the nginx export of `proxy` serves. */
function nginxServed(proxy: ProxyPlan): Served[] {
  const tlsPorts = new Set(proxy.sites.filter((s) => s.tls).map((s) => s.publicPort));
  return proxy.sites.flatMap((site) => {
    const passthrough = !site.tls && site.locations.some((l) => isSecure(l.route.scheme));
    // TLS passthrough is beyond nginx's http module; a plain site on a TLS port is not served either.
    if (!site.tls && (passthrough || tlsPorts.has(site.publicPort))) return [];
    const seen = new Set<string>();
    return site.locations.flatMap((l): Served[] => {
      const match = nginxMatch(l.path);
      if (seen.has(match)) return [];
      seen.add(match);
      return [
        {
          secure: site.tls,
          websocket: l.upstream.websocket,
          host: site.host,
          port: site.publicPort,
          match,
          target: l.upstream.service,
          portNumber: l.upstream.port,
          terminate: site.tls,
          reencrypt: l.upstream.reencrypt,
          route: l.route,
        },
      ];
    });
  });
}

/** What the Traefik export of `proxy` serves: every location, TLS passed through by SNI. */
function traefikServed(proxy: ProxyPlan): Served[] {
  return proxy.sites.flatMap((site) => {
    const passthrough = !site.tls && site.locations.some((l) => isSecure(l.route.scheme));
    return site.locations.map((l): Served => ({
      secure: site.tls || passthrough,
      websocket: l.upstream.websocket,
      host: site.host,
      port: site.publicPort,
      match: passthrough ? '/' : traefikMatch(l.path),
      target: l.upstream.service,
      portNumber: l.upstream.port,
      terminate: site.tls,
      reencrypt: passthrough ? false : l.upstream.reencrypt,
      route: l.route,
    }));
  });
}

/** An imported route mapped back to the project: the component its upstream names, which must exist. */
function importedServed(r: ImportedRoute, project: Project): Served {
  const target = project.components.find((c) => c.id === r.upstream.host);
  expect(target, `upstream ${r.upstream.host} is a component`).toBeDefined();
  return {
    secure: isSecure(r.scheme),
    websocket: r.websocket === 'upgrade',
    host: r.host,
    port: publicPortOf(r),
    match: decodeURIComponent(r.path),
    target: target!.id,
    portNumber: r.upstream.port,
    terminate: r.tls.terminate,
    reencrypt: r.tls.reencrypt,
  };
}

function importProxy(result: Exported, proxy: ProxyPlan, flavour: Flavour): ProxyImport {
  const text = (path: string | undefined) => result.files.find((f) => f.path === path)!.contents;
  const imported =
    flavour === 'nginx'
      ? importNginx(text(proxy.configFile), proxy.configFile)
      : importTraefikFiles([
          { path: proxy.configFile, text: text(proxy.configFile) },
          { path: proxy.dynamicFile!, text: text(proxy.dynamicFile) },
        ]);
  if (!imported.ok) throw new Error(imported.problems.map((p) => p.message).join('\n'));
  return imported.value;
}

/** Checks the round trip of every proxy of `project`; returns how many routes it compared. */
function roundTrip(project: Project, flavour: Flavour): number {
  let result: Exported;
  try {
    const exported = exportProject(project, { random: random(), proxy: flavour });
    // A project with values no configuration may carry is refused, and so has nothing to read back.
    if (!exported.ok) return 0;
    result = exported;
  } catch (e) {
    // The Traefik exporter refuses a passthrough site with several paths (the path is inside TLS).
    if (flavour === 'traefik' && /passes TLS through but has/.test(String(e))) return 0;
    throw e;
  }
  const clean = !result.diagnostics.some((d) => d.severity === 'error' && d.suppressed === undefined);
  let compared = 0;
  for (const proxy of result.plan.proxies) {
    const imported = importProxy(result, proxy, flavour);
    const expected = flavour === 'nginx' ? nginxServed(proxy) : traefikServed(proxy);
    const got = imported.routes.map((r) => importedServed(r, project));
    expect(got.map((s) => key(s, flavour)).sort(), `${flavour} ${proxy.entry.id}`).toEqual(
      expected.map((s) => key(s, flavour)).sort(),
    );
    for (const s of expected) {
      const r = s.route!;
      // The route's port name is the one whose catalog number the upstream carries.
      const target = project.components.find((c) => c.id === r.target)!;
      expect(portNumber(target, r.port)).toBe(s.portNumber);
      expect(s.host).toBe(r.host.toLowerCase());
      expect(s.port).toBe(publicPortOf(r));
      // A project without checker errors reads back with the route's own scheme and TLS.
      if (clean) {
        expect(isSecure(r.scheme) === s.secure || (!r.tls.terminate && flavour === 'nginx'), r.id).toBe(true);
        if (flavour === 'nginx') expect(s.websocket, r.id).toBe(r.scheme === 'wss' || r.scheme === 'ws');
        expect(s.terminate, r.id).toBe(r.tls.terminate);
      }
    }
    expectRedirects(proxy, imported, expected);
    compared += expected.length;
  }
  return compared;
}

/** Every host served over TLS (and not also plain on the redirect port) is redirected from the redirect port. */
function expectRedirects(proxy: ProxyPlan, imported: ProxyImport, served: readonly Served[]): void {
  const port = proxy.redirectPort;
  const tlsPorts = new Set(served.filter((s) => s.terminate || s.secure).map((s) => s.port));
  for (const r of imported.redirects) expect(r.port).toBe(port);
  if (port === undefined || tlsPorts.has(port)) return;
  const plainHere = new Set(proxy.sites.filter((s) => !s.tls && s.publicPort === port).map((s) => s.host));
  for (const s of served) {
    if (!s.terminate || plainHere.has(s.host)) continue;
    expect(
      imported.redirects.some((r) => r.hosts.length === 0 || r.hosts.includes(s.host)),
      `${s.host} is redirected from port ${port}`,
    ).toBe(true);
  }
}

describe.each<Flavour>(['nginx', 'traefik'])('%s: import(export(p)) gives back the routes of p', (flavour) => {
  it.each(PROJECT_CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const compared = roundTrip(c.project(), flavour);
    if (c.id !== 'default') expect(compared).toBeGreaterThan(0);
  });

  it('for generated deployments', () => {
    let compared = 0;
    for (const project of fc.sample(deployments, { numRuns: 150, seed: 0x5eed }))
      compared += roundTrip(project, flavour);
    // The sample is large enough to compare real routes, not only empty proxies.
    expect(compared).toBeGreaterThan(200);
  });
});
