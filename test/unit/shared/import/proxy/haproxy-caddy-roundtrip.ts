/**
 * import(export(p)) for the HAProxy and Caddy exporters: what each export serves, worked out
 * from the plan with the exporter's documented limits, against what the importer reads back.
 *
 * Both exporters: a site is served on the port its public port maps to; a plain site whose
 * routes pass TLS through is not served (neither writes passthrough), nor a site whose port
 * already carries the other kind (plain/TLS) or the same host; within a site one location per
 * path as written (both compare the path as sent when it holds escapes). HAProxy and Caddy
 * forward WebSocket upgrades on every route, and neither export marks WebSocket routes, so the
 * importer says `websocket: 'unknown'` with the HTTP scheme: a `wss` route comes back as
 * `https`, a `ws` route as `http` — compared as secure or plain.
 *
 * The upstream `service:port` maps back through the exporters' naming: the compose service is
 * the component id, the port the catalog number of the route's port.
 */
import { expect } from 'vitest';
import { portNumber } from '../../../../../shared/catalog/index';
import { exportProject, type ProxyPlan, type Site } from '../../../../../shared/export/index';
import { importCaddyfile } from '../../../../../shared/import/proxy/caddy-routes';
import { importHaproxy } from '../../../../../shared/import/proxy/haproxy-routes';
import type { ImportedRoute, ProxyImport } from '../../../../../shared/import/proxy/types';
import { publicPortOf } from '../../../../../shared/model/constraints';
import type { Project, Route } from '../../../../../shared/model/types';
import { random, type Exported } from '../../../../support/proxy-cases';

export type Flavour = 'haproxy' | 'caddy';

interface Served {
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly target: string;
  readonly portNumber: number;
  readonly terminate: boolean;
  readonly reencrypt: boolean;
  readonly route?: Route;
}

const key = (s: Served): string =>
  [
    s.secure ? 'secure' : 'plain',
    s.host,
    s.port,
    JSON.stringify(s.path),
    `${s.target}:${s.portNumber}`,
    s.terminate ? 'terminate' : '',
    s.reencrypt ? 'reencrypt' : '',
  ].join(' ');

const isSecure = (scheme: string) => scheme === 'https' || scheme === 'wss';
const passesThrough = (site: Site) => !site.tls && site.locations.some((l) => isSecure(l.route.scheme));

/** The sites each exporter serves, in the order it claims ports (TLS sites first). */
function servedSites(proxy: ProxyPlan): Site[] {
  const tlsOf = new Map<number, boolean>();
  const claimed = new Set<string>();
  const served: Site[] = [];
  for (const tls of [true, false]) {
    for (const site of proxy.sites) {
      if (site.tls !== tls || passesThrough(site)) continue;
      const other = tlsOf.get(site.publicPort);
      if (other === !tls || claimed.has(`${site.publicPort} ${site.host}`)) continue;
      tlsOf.set(site.publicPort, tls);
      claimed.add(`${site.publicPort} ${site.host}`);
      served.push(site);
    }
  }
  return served;
}

function expectedServed(proxy: ProxyPlan): Served[] {
  return servedSites(proxy).flatMap((site) => {
    const seen = new Set<string>();
    return site.locations.flatMap((l): Served[] => {
      if (seen.has(l.path)) return [];
      seen.add(l.path);
      return [
        {
          secure: site.tls,
          host: site.host,
          port: site.publicPort,
          path: l.path,
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

function importedServed(r: ImportedRoute, project: Project): Served {
  const target = project.components.find((c) => c.id === r.upstream.host);
  expect(target, `upstream ${r.upstream.host} is a component`).toBeDefined();
  // Neither configuration says which routes are WebSockets.
  expect(r.websocket).toBe('unknown');
  expect(r.scheme === 'https' || r.scheme === 'http').toBe(true);
  return {
    secure: isSecure(r.scheme),
    host: r.host,
    port: publicPortOf(r),
    path: r.path,
    target: target!.id,
    portNumber: r.upstream.port,
    terminate: r.tls.terminate,
    reencrypt: r.tls.reencrypt,
  };
}

function importProxy(result: Exported, proxy: ProxyPlan, flavour: Flavour): ProxyImport {
  const text = result.files.find((f) => f.path === proxy.configFile)!.contents;
  const imported =
    flavour === 'haproxy' ? importHaproxy(text, proxy.configFile) : importCaddyfile(text, proxy.configFile);
  if (!imported.ok)
    throw new Error(imported.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return imported.value;
}

/** Checks the round trip of every proxy of `project` as `flavour`; returns how many routes it compared. */
export function roundTrip(project: Project, flavour: Flavour): number {
  const exported = exportProject(project, { random: random(), proxy: flavour });
  // A project with values no configuration may carry is refused, and so has nothing to read back.
  if (!exported.ok) return 0;
  const clean = !exported.diagnostics.some((d) => d.severity === 'error' && d.suppressed === undefined);
  let compared = 0;
  for (const proxy of exported.plan.proxies) {
    const imported = importProxy(exported, proxy, flavour);
    const expected = expectedServed(proxy);
    const got = imported.routes.map((r) => importedServed(r, project));
    expect(got.map(key).sort(), `${flavour} ${proxy.entry.id}`).toEqual(expected.map(key).sort());
    for (const s of expected) {
      const r = s.route!;
      const target = project.components.find((c) => c.id === r.target)!;
      expect(portNumber(target, r.port)).toBe(s.portNumber);
      expect(s.host).toBe(r.host.toLowerCase());
      expect(s.port).toBe(publicPortOf(r));
      expect(s.path).toBe(r.path);
      if (clean) {
        expect(isSecure(r.scheme), r.id).toBe(s.secure);
        expect(s.terminate, r.id).toBe(r.tls.terminate);
        expect(s.reencrypt, r.id).toBe(r.tls.reencrypt);
      }
    }
    expectRedirects(proxy, imported, expected);
    compared += expected.length;
  }
  return compared;
}

/** Every host served over TLS (and not also plain on the redirect port) is redirected from the redirect port, to its port. */
function expectRedirects(proxy: ProxyPlan, imported: ProxyImport, served: readonly Served[]): void {
  const port = proxy.redirectPort;
  for (const r of imported.redirects) expect(r.port).toBe(port);
  const tlsPorts = new Set(served.filter((s) => s.terminate).map((s) => s.port));
  if (port === undefined || tlsPorts.has(port)) {
    expect(imported.redirects).toEqual([]);
    return;
  }
  const plainHere = new Set(served.filter((s) => !s.terminate && s.port === port).map((s) => s.host));
  const redirected = new Set(imported.redirects.flatMap((r) => r.hosts));
  for (const s of served) {
    if (!s.terminate || plainHere.has(s.host)) continue;
    const r = imported.redirects.find((x) => x.hosts.includes(s.host));
    expect(r, `${s.host} is redirected from port ${port}`).toBeDefined();
    // To the site on 443 if there is one, else to the host's lowest TLS port.
    const ports = served.filter((x) => x.terminate && x.host === s.host).map((x) => x.port);
    const to = ports.includes(443) ? 443 : Math.min(...ports);
    expect(r!.toPort ?? 443, s.host).toBe(to);
  }
  for (const host of redirected)
    expect(plainHere.has(host), `${host} is plain on port ${port} and not redirected`).toBe(false);
}
