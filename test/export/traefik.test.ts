/**
 * Traefik export. There is no live check: no Traefik binary is installed here, and the tests must
 * not download one. Unlike nginx, HAProxy and Caddy, Traefik's configs are therefore proven by
 * the SchemaStore Traefik v3 schemas (read from ../shared/schemas/, see SOURCES.md there) and by
 * cross-checks that the schemas cannot make: every router names an existing service and entry
 * point, every TLS host has a certificate, every route of the plan has its router.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { portNumber } from '../../shared/catalog/index';
import {
  buildPlan,
  exportProject,
  seededRandom,
  type DeploymentPlan,
  type ExportFile,
  type ExportOptions,
  type ProxyPlan,
  type Site,
} from '../../shared/export/index';
import { entryPointName, exportTraefik } from '../../shared/export/traefik';
import type { Project, RouteId } from '../../shared/model/index';
import { TEMPLATES, type TemplateId } from '../../shared/templates/index';
import { cid, patchComponent, patchRoute, route, setEnv, template } from '../rules/fixtures';

const SCHEMAS = fileURLToPath(new URL('../../../shared/schemas/', import.meta.url));
const readSchema = (name: string): object => JSON.parse(readFileSync(`${SCHEMAS}${name}`, 'utf8')) as object;

/**
 * Both schemas are draft-07 (ajv's default draft) and compile in ajv's full strict mode, so strict
 * stays on: a newer copy that needs laxer settings fails here, loudly, instead of being half-checked.
 * `allErrors` lists every problem at once. Formats: neither schema uses the `format` keyword (the
 * `format` in them is a property name of log and accessLog), and ajv-formats is not installed. In
 * strict mode ajv refuses to compile a schema with a format it does not know (pinned by a test
 * below), so a newer copy that adds one cannot pass silently unchecked.
 */
const AJV_OPTIONS = { strict: true, allErrors: true } as const;
const ajv = new Ajv(AJV_OPTIONS);
const validateStatic = ajv.compile(readSchema('traefik-v3.json'));
const validateDynamic = ajv.compile(readSchema('traefik-v3-file-provider.json'));

type Yaml = Record<string, unknown>;
interface Router {
  entryPoints?: string[];
  rule: string;
  priority?: number;
  service: string;
  middlewares?: string[];
  tls?: { passthrough?: boolean };
}
interface Exported {
  readonly proxy: ProxyPlan;
  readonly staticText: string;
  readonly dynamicText: string;
  readonly static: { entryPoints: Record<string, { address: string; http?: Yaml }> } & Yaml;
  readonly dynamic: {
    http?: {
      routers?: Record<string, Router>;
      services?: Record<string, { loadBalancer: { servers: { url: string }[]; serversTransport?: string } }>;
      middlewares?: Record<string, Yaml>;
      serversTransports?: Record<string, { insecureSkipVerify?: boolean }>;
    };
    tcp?: {
      routers: Record<string, Router>;
      services: Record<string, { loadBalancer: { servers: { address: string }[] } }>;
    };
    tls?: { certificates: { certFile: string; keyFile: string }[] };
  };
}

const options = (extra: Partial<ExportOptions> = {}): ExportOptions => ({
  random: seededRandom(42),
  proxy: 'traefik',
  ...extra,
});

function exportOk(project: Project, extra: Partial<ExportOptions> = {}) {
  const result = exportProject(project, options(extra));
  if (!result.ok) throw new Error(`export refused: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result;
}

/** The two Traefik files of each proxy, parsed strictly (duplicate keys are errors). */
function traefikOf(files: readonly ExportFile[], plan: DeploymentPlan): Exported[] {
  return plan.proxies.map((proxy) => {
    const text = (path: string | undefined) => {
      const file = files.find((f) => f.path === path);
      if (file === undefined) throw new Error(`no file ${path}`);
      expect(file.mode).toBe(0o644);
      expect(file.contents.split('\n')[0]).toMatch(/^# .*written by Portolan/);
      return file.contents;
    };
    const staticText = text(proxy.configFile);
    const dynamicText = text(proxy.dynamicFile);
    const strict = { strict: true, uniqueKeys: true } as const;
    return {
      proxy,
      staticText,
      dynamicText,
      static: parse(staticText, strict) as Exported['static'],
      dynamic: parse(dynamicText, strict) as Exported['dynamic'],
    };
  });
}

function expectValid(t: Exported): void {
  expect(validateStatic(t.static) ? [] : validateStatic.errors).toEqual([]);
  expect(validateDynamic(t.dynamic) ? [] : validateDynamic.errors).toEqual([]);
}

const routersOf = (t: Exported) => ({ ...t.dynamic.http?.routers, ...t.dynamic.tcp?.routers });

/** What the schemas cannot see: names that must exist, and no insecure API. */
function expectConsistent(t: Exported): void {
  const entryPoints = new Set(Object.keys(t.static.entryPoints));
  const addresses = Object.values(t.static.entryPoints).map((e) => e.address);
  expect(new Set(addresses).size, 'one entry point per address').toBe(addresses.length);
  expect(t.static).not.toHaveProperty('api');
  expect(t.static.providers).toEqual({ file: { filename: '/etc/traefik/dynamic.yml', watch: true } });
  const http = t.dynamic.http ?? {};
  for (const [name, router] of Object.entries(http.routers ?? {})) {
    // noop@internal is Traefik's built-in service behind redirect-only routers: one redirect middleware each.
    if (router.service !== 'noop@internal') expect(http.services, name).toHaveProperty([router.service]);
    else {
      expect(router.middlewares, name).toEqual([expect.stringMatching(/^redirect-to-https(-\d+)?$/)]);
      const { redirectScheme } = (http.middlewares?.[router.middlewares![0]!] ?? {}) as {
        redirectScheme?: { port?: string };
      };
      // The port is left out for 443 (https's own); any other is named, as a string.
      const port = redirectScheme?.port === undefined ? {} : { port: expect.stringMatching(/^\d+$/) as unknown };
      expect(redirectScheme, name).toEqual({ scheme: 'https', permanent: true, ...port });
    }
    for (const m of router.middlewares ?? []) expect(http.middlewares, name).toHaveProperty([m]);
    expect(router.entryPoints?.length, name).toBeGreaterThan(0);
    for (const ep of router.entryPoints ?? []) expect(entryPoints, name).toContain(ep);
  }
  for (const [name, router] of Object.entries(t.dynamic.tcp?.routers ?? {})) {
    expect(t.dynamic.tcp?.services, name).toHaveProperty([router.service]);
    for (const ep of router.entryPoints ?? []) expect(entryPoints, name).toContain(ep);
  }
  for (const [name, service] of Object.entries(http.services ?? {})) {
    const transport = service.loadBalancer.serversTransport;
    if (transport !== undefined)
      expect(http.serversTransports?.[transport], name).toEqual({ insecureSkipVerify: true });
  }
  // An entry point's own redirection goes to another entry point, over https.
  for (const [name, e] of Object.entries(t.static.entryPoints)) {
    if (e.http === undefined) continue;
    expect(e.http, name).toEqual({
      redirections: { entryPoint: { to: expect.any(String) as unknown, scheme: 'https', permanent: true } },
    });
    const to = (e.http as { redirections: { entryPoint: { to: string } } }).redirections.entryPoint.to;
    expect(entryPoints, name).toContain(to);
    expect(to, name).not.toBe(name);
  }
}

/** The port an entry point's `address` listens on. */
const addressPort = (address: string): number => Number(address.split(':').pop());

/**
 * Where Traefik sends plain HTTP for `host` arriving on `entryPoint`, read the way Traefik applies
 * the configuration: the entry point's own redirection (to the port its target entry point listens
 * on), else the host's redirect router and its redirectScheme middleware (443 unless it names a
 * port). `undefined`: no redirect for that host there.
 */
function redirectOf(t: Exported, entryPoint: string, host: string): string | undefined {
  const suffix = (port: number) => (port === 443 ? '' : `:${port}`);
  const whole = t.static.entryPoints[entryPoint]?.http as
    { redirections: { entryPoint: { to: string; scheme: string } } } | undefined;
  if (whole !== undefined) {
    const { to, scheme } = whole.redirections.entryPoint;
    return `${scheme}://${host}${suffix(addressPort(t.static.entryPoints[to]!.address))}`;
  }
  const routers = Object.values(t.dynamic.http?.routers ?? {}).filter(
    (r) => r.service === 'noop@internal' && r.entryPoints?.includes(entryPoint) && r.rule === `Host(\`${host}\`)`,
  );
  if (routers.length === 0) return undefined;
  expect(routers, host).toHaveLength(1);
  const { redirectScheme } = t.dynamic.http!.middlewares![routers[0]!.middlewares![0]!] as {
    redirectScheme: { scheme: string; port?: string };
  };
  return `${redirectScheme.scheme}://${host}${suffix(Number(redirectScheme.port ?? 443))}`;
}

/** The container ports compose publishes for the proxy (`hostPort:containerPort`). */
function publishedPorts(files: readonly ExportFile[], proxy: ProxyPlan): number[] {
  const compose = parse(files.find((f) => f.path === 'docker-compose.yml')!.contents) as {
    services: Record<string, { ports?: string[] }>;
  };
  return (compose.services[proxy.entry.id]!.ports ?? []).map((p) => Number(p.split(':').pop()));
}

/** Traefik matches the decoded request path; escapes of unreserved characters mean the character itself. */
const decodedUnreserved = (path: string) =>
  path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9._~-]/.test(c) ? c : escape;
  });

/** Every location of the plan has its router, with the right rule, entry point, TLS and upstream. */
function expectEveryRoute(t: Exported, plan: DeploymentPlan): void {
  const routers = routersOf(t);
  const certs = new Set((t.dynamic.tls?.certificates ?? []).map((c) => c.certFile));
  for (const site of t.proxy.sites) {
    for (const location of site.locations) {
      const router = routers[`route-${location.route.id}`];
      expect(router, location.route.id).toBeDefined();
      expect(router!.entryPoints).toEqual([entryPointName(site.publicPort)]);
      const { service, port, reencrypt } = location.upstream;
      if (router!.tls?.passthrough) {
        expect(router!.rule).toBe(`HostSNI(\`${site.host}\`)`);
        expect(t.dynamic.tcp!.services[router!.service]!.loadBalancer.servers).toEqual([
          { address: `${service}:${port}` },
        ]);
        continue;
      }
      expect(router!.rule).toBe(
        location.path === '/'
          ? `Host(\`${site.host}\`)`
          : `Host(\`${site.host}\`) && PathPrefix(\`${decodedUnreserved(location.path)}\`)`,
      );
      expect(router!.tls).toEqual(site.tls ? {} : undefined);
      const servers = t.dynamic.http!.services![router!.service]!.loadBalancer.servers;
      expect(servers).toEqual([{ url: `${reencrypt ? 'https' : 'http'}://${service}:${port}` }]);
      if (site.tls) expect(certs, site.host).toContain(`${t.proxy.certDir}/${site.host}.crt`);
    }
  }
  // And from the model's side: each route through this proxy to a deployed component.
  const deployed = new Set(plan.services.map((s) => s.name));
  const routed = plan.project.routes.filter((r) => r.via === t.proxy.entry.id && deployed.has(r.target));
  expect(routed.map((r) => `route-${r.id}`).sort()).toEqual(
    Object.keys(routers)
      .filter((n) => n.startsWith('route-'))
      .sort(),
  );
}

function checkAll(project: Project, extra: Partial<ExportOptions> = {}): Exported[] {
  const result = exportOk(project, extra);
  const exported = traefikOf(result.files, result.plan);
  for (const t of exported) {
    expectValid(t);
    expectConsistent(t);
    expectEveryRoute(t, result.plan);
    // Without a test override, every entry point listens on a port compose publishes (never an unpublished 80 or 443).
    if (extra.override === undefined) {
      const published = publishedPorts(result.files, t.proxy);
      for (const [name, e] of Object.entries(t.static.entryPoints))
        expect(published, `${name} ${e.address}`).toContain(addressPort(e.address));
    }
  }
  return exported;
}

describe('Traefik schemas (ajv)', () => {
  it('refuses a format it does not know, so formats are never skipped silently', () => {
    expect(() => new Ajv(AJV_OPTIONS).compile({ type: 'string', format: 'uri' })).toThrow(/unknown format/);
  });

  it('rejects what Traefik would reject: an unknown router key, a service without servers', () => {
    expect(validateDynamic({ http: { routers: { r: { rule: 'Host(`a`)', service: 's', tls: {}, bogus: 1 } } } })).toBe(
      false,
    );
    expect(validateDynamic({ http: { services: { s: { loadBalancer: { servers: [] } } } } })).toBe(false);
    expect(validateStatic({ entryPoints: { web: { address: ':80', bogus: true } } })).toBe(false);
  });
});

describe.each(TEMPLATES.map((t) => t.id))('Traefik export of the %s template', (id: TemplateId) => {
  it('validates against the Traefik v3 schemas and routes every route of the plan', () => {
    const result = exportOk(template(id));
    const exported = checkAll(template(id));
    expect(exported.length).toBe(result.plan.proxies.length);
    if (result.plan.proxies.length === 0) {
      // The default template's entry point is portmap: there is no reverse proxy to configure.
      expect(result.files.filter((f) => f.path.startsWith('traefik'))).toEqual([]);
      return;
    }
    for (const t of exported) {
      expect(t.static.entryPoints).toEqual({
        web: {
          address: ':80',
          http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } },
        },
        websecure: { address: ':443' },
      });
    }
  });

  it('leaves the REST API unrouted: no service points at its port', () => {
    const result = exportOk(template(id));
    const rest = portNumber(
      result.plan.project.components.find((c) => c.kind === 'nextauth')!,
      'rest',
    );
    for (const t of traefikOf(result.files, result.plan)) {
      for (const s of Object.values(t.dynamic.http?.services ?? {})) {
        for (const { url } of s.loadBalancer.servers) expect(url).not.toMatch(new RegExp(`:${rest}$`));
      }
    }
  });
});

/** The manual template with every feature the exporter has a branch for. */
function featureProject(): Project {
  let p = template('manual');
  p = patchComponent(p, 'nextauth', { replicas: 3 });
  p = patchComponent(p, 'proxy', {
    publish: [
      { port: 'http', hostPort: 80 },
      { port: 'https', hostPort: 443 },
      { port: 'https', hostPort: 8443 },
      { port: 'https', hostPort: 442 },
    ],
  });
  p = patchRoute(p, 'mobile-api', { tls: { terminate: true, reencrypt: true } });
  const https = { via: 'proxy', scheme: 'https' as const };
  p = route(p, {
    ...https,
    id: 'dash-api',
    host: 'dashboard.auth.example.com',
    path: '/api/',
    target: 'mgmt',
    port: 'accounts',
  });
  p = route(p, {
    ...https,
    id: 'dash-api-v2',
    host: 'dashboard.auth.example.com',
    path: '/api/v2/',
    target: 'mgmt',
    port: 'idp',
  });
  p = route(p, {
    ...https,
    id: 'tilde',
    host: 'dashboard.auth.example.com',
    path: '/%7Euser/',
    target: 'mgmt',
    port: 'idp',
  });
  p = route(p, {
    ...https,
    id: 'alt-port',
    host: 'mobile.auth.example.com',
    publicPort: 8443,
    path: '/',
    target: 'nextauth',
    port: 'mobile',
  });
  p = route(p, {
    ...https,
    id: 'low-port',
    host: 'low.auth.example.com',
    publicPort: 442,
    path: '/',
    target: 'mgmt',
    port: 'idp',
  });
  p = route(p, { ...https, id: 'rest', host: 'api.auth.example.com', path: '/', target: 'nextauth', port: 'rest' });
  p = route(p, {
    ...https,
    id: 'pass',
    host: 'pass.auth.example.com',
    path: '/',
    target: 'nextauth',
    port: 'mobile',
    tls: { terminate: false, reencrypt: false },
  });
  return p;
}

describe('Traefik export of every feature', () => {
  let memo: Exported | undefined;
  /** Exported once, on first use, so a failure shows in a test rather than breaking the file. */
  const feature = () => (memo ??= checkAll(featureProject())[0]!);

  it('validates against the schemas and routes every route of the plan', () => {
    expect(feature().dynamic.http?.routers).toBeDefined();
  });

  it('gives longer paths a higher priority on the same host', () => {
    const priority = (id: string) => feature().dynamic.http!.routers![`route-${id}`]!.priority!;
    expect(priority('dash-api-v2')).toBeGreaterThan(priority('dash-api'));
    expect(priority('dash-api')).toBeGreaterThan(priority('dashboard'));
    expect(priority('dashboard')).toBeGreaterThan(0);
  });

  it('decodes escapes of unreserved characters, since Traefik matches the decoded path', () => {
    expect(feature().dynamic.http!.routers!['route-tilde']!.rule).toBe(
      'Host(`dashboard.auth.example.com`) && PathPrefix(`/~user/`)',
    );
  });

  it('re-encrypts over https with a transport that skips verification, and says why', () => {
    expect(feature().dynamic.http!.services!['nextauth-8889-tls']).toEqual({
      loadBalancer: { servers: [{ url: 'https://nextauth:8889' }], serversTransport: 'upstream-tls-no-verify' },
    });
    expect(feature().dynamicText).toMatch(/# .*cannot be verified/);
  });

  it('opens an entry point per other public port and routes the REST API only because the model maps it', () => {
    expect(Object.keys(feature().static.entryPoints)).toEqual(['web', 'websecure', 'port-442', 'port-8443']);
    expect(feature().static.entryPoints['port-8443']).toEqual({ address: ':8443' });
    expect(feature().dynamic.http!.routers!['route-alt-port']).toMatchObject({ entryPoints: ['port-8443'], tls: {} });
    expect(feature().dynamic.http!.routers!['route-rest']!.rule).toBe('Host(`api.auth.example.com`)');
  });

  it('passes TLS through by SNI where the model does not terminate it', () => {
    expect(feature().dynamic.tcp!.routers['route-pass']).toEqual({
      entryPoints: ['websecure'],
      rule: 'HostSNI(`pass.auth.example.com`)',
      service: 'nextauth-8889',
      tls: { passthrough: true },
    });
    expect(feature().dynamic.tls!.certificates.map((c) => c.certFile)).not.toContain(
      '/etc/portolan/certs/pass.auth.example.com.crt',
    );
  });

  it('redirects plain HTTP on 80 per host, to the port of that host’s own HTTPS site', () => {
    // TLS sites on 443, 442 and 8443: one entry-point-wide redirection cannot fit them all.
    expect(feature().static.entryPoints.web).toEqual({ address: ':80' });
    expect(redirectOf(feature(), 'web', 'low.auth.example.com')).toBe('https://low.auth.example.com:442');
    // mobile has sites on 443 and 8443: 443 wins, as in nginx, HAProxy and Caddy.
    expect(redirectOf(feature(), 'web', 'mobile.auth.example.com')).toBe('https://mobile.auth.example.com');
    expect(redirectOf(feature(), 'web', 'dashboard.auth.example.com')).toBe('https://dashboard.auth.example.com');
    // A passed-through site is HTTPS too.
    expect(redirectOf(feature(), 'web', 'pass.auth.example.com')).toBe('https://pass.auth.example.com');
    expect(Object.keys(feature().dynamic.http!.middlewares!)).toEqual(['redirect-to-https', 'redirect-to-https-442']);
  });

  it('notes replicas and WebSocket handling for the operator', () => {
    expect(feature().dynamicText).toMatch(/# 3 replicas: Docker's DNS/);
    expect(feature().dynamicText).toMatch(/# WebSocket: /);
  });
});

describe('Traefik redirect when web also serves plain HTTP', () => {
  const project = route(template('manual'), {
    via: 'proxy',
    scheme: 'http',
    id: 'plain',
    host: 'plain.auth.example.com',
    path: '/',
    target: 'mgmt',
    port: 'dashboard',
  });

  it('redirects per TLS host instead of the whole entry point, so the plain site stays reachable', () => {
    const [t] = checkAll(project, { override: { httpsPort: 40443 } });
    expect(t!.static.entryPoints.web).toEqual({ address: ':80' });
    const routers = t!.dynamic.http!.routers!;
    expect(routers['route-plain']).toMatchObject({ entryPoints: ['web'], rule: 'Host(`plain.auth.example.com`)' });
    expect(routers['route-plain']).not.toHaveProperty('tls');
    expect(routers['redirect-auth.example.com']).toEqual({
      entryPoints: ['web'],
      rule: 'Host(`auth.example.com`)',
      priority: 1,
      middlewares: ['redirect-to-https'],
      service: 'noop@internal',
    });
    expect(Object.keys(routers).filter((n) => n.startsWith('redirect-'))).toHaveLength(5);
    expect(t!.dynamic.http!.middlewares).toEqual({
      'redirect-to-https': { redirectScheme: { scheme: 'https', permanent: true, port: '40443' } },
    });
  });
});

/** The manual template behind a proxy publishing http on 8080 and https on 8443, every URL on 8443. */
function altPortsProject(): Project {
  let p = patchComponent(template('manual'), 'proxy', {
    publish: [
      { port: 'http', hostPort: 8080 },
      { port: 'https', hostPort: 8443 },
    ],
  });
  for (const r of p.routes) p = patchRoute(p, r.id, { publicPort: 8443 });
  return setEnv(p, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://auth.example.com:8443/');
}

describe('Traefik redirect on a port other than 80 (http published on 8080, https on 8443)', () => {
  const hosts = [
    'accounts.auth.example.com',
    'auth.example.com',
    'dashboard.auth.example.com',
    'idp.auth.example.com',
    'mobile.auth.example.com',
  ];

  it('listens exactly on the published 8080 and 8443: no 80, no unused 443', () => {
    const result = exportOk(altPortsProject());
    const [t] = checkAll(altPortsProject());
    expect(t!.proxy.redirectPort).toBe(8080);
    expect(Object.keys(t!.static.entryPoints)).toEqual(['port-8080', 'port-8443']);
    expect(t!.static.entryPoints['port-8443']).toEqual({ address: ':8443' });
    expect(t!.static.entryPoints['port-8080']!.address).toBe(':8080');
    const listening = Object.values(t!.static.entryPoints).map((e) => addressPort(e.address));
    expect(listening.sort()).toEqual(publishedPorts(result.files, t!.proxy).sort());
    expect(routersOf(t!)['route-ws']).toMatchObject({ entryPoints: ['port-8443'], tls: {} });
  });

  it('redirects plain HTTP on 8080 to https on 8443 for every host', () => {
    const [t] = checkAll(altPortsProject());
    for (const host of hosts) expect(redirectOf(t!, 'port-8080', host)).toBe(`https://${host}:8443`);
    // Every TLS site is on 8443 and 8080 serves no plain site: the entry point redirects as a whole.
    expect(t!.static.entryPoints['port-8080']!.http).toEqual({
      redirections: { entryPoint: { to: 'port-8443', scheme: 'https', permanent: true } },
    });
    expect(t!.dynamic.http).not.toHaveProperty('middlewares');
  });

  it('redirects per host when 8080 also serves a plain site, which stays reachable', () => {
    const project = route(altPortsProject(), {
      via: 'proxy',
      scheme: 'http',
      id: 'plain',
      host: 'plain.auth.example.com',
      publicPort: 8080,
      path: '/',
      target: 'mgmt',
      port: 'dashboard',
    });
    const [t] = checkAll(project);
    expect(Object.keys(t!.static.entryPoints)).toEqual(['port-8080', 'port-8443']);
    expect(t!.static.entryPoints['port-8080']).toEqual({ address: ':8080' });
    expect(routersOf(t!)['route-plain']).toMatchObject({ entryPoints: ['port-8080'] });
    expect(redirectOf(t!, 'port-8080', 'plain.auth.example.com')).toBeUndefined();
    for (const host of hosts) expect(redirectOf(t!, 'port-8080', host)).toBe(`https://${host}:8443`);
    expect(t!.dynamic.http!.middlewares).toEqual({
      'redirect-to-https-8443': { redirectScheme: { scheme: 'https', permanent: true, port: '8443' } },
    });
  });

  it('moves the redirect port under a test override, as listen.ts does for the other flavours', () => {
    const [t] = checkAll(altPortsProject(), { override: { httpPort: 40080, httpsPort: 40443 } });
    // httpsPort moves 443 only, which no site uses here; httpPort moves the redirect port.
    expect(t!.static.entryPoints).toEqual({
      'port-8080': {
        address: ':40080',
        http: { redirections: { entryPoint: { to: 'port-8443', scheme: 'https', permanent: true } } },
      },
      'port-8443': { address: ':8443' },
    });
  });
});

describe('Traefik redirect with TLS sites on two ports', () => {
  /** The manual template with auth.example.com on 8443 and the other hosts on 443. */
  function twoPorts(redirectPort: number): Project {
    let p = patchComponent(template('manual'), 'proxy', {
      publish: [
        { port: 'http', hostPort: redirectPort },
        { port: 'https', hostPort: 443 },
        { port: 'https', hostPort: 8443 },
      ],
    });
    p = patchRoute(p, 'ws', { publicPort: 8443 });
    return setEnv(p, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://auth.example.com:8443/');
  }

  it.each([80, 8080])('redirects each host on %i to its own HTTPS port', (redirectPort) => {
    const [t] = checkAll(twoPorts(redirectPort));
    const entry = entryPointName(redirectPort);
    // web, websecure, then the other ports in ascending order.
    expect(Object.keys(t!.static.entryPoints)).toEqual(
      redirectPort === 80 ? ['web', 'websecure', 'port-8443'] : ['websecure', 'port-8080', 'port-8443'],
    );
    // Two target ports: one entry-point-wide redirection cannot send each host to its own.
    expect(t!.static.entryPoints[entry]).toEqual({ address: `:${redirectPort}` });
    expect(redirectOf(t!, entry, 'auth.example.com')).toBe('https://auth.example.com:8443');
    expect(redirectOf(t!, entry, 'mobile.auth.example.com')).toBe('https://mobile.auth.example.com');
    expect(redirectOf(t!, entry, 'idp.auth.example.com')).toBe('https://idp.auth.example.com');
    expect(t!.dynamic.http!.middlewares).toEqual({
      'redirect-to-https': { redirectScheme: { scheme: 'https', permanent: true } },
      'redirect-to-https-8443': { redirectScheme: { scheme: 'https', permanent: true, port: '8443' } },
    });
  });

  it('sends the hosts on 443 to the moved port under a test override, the others to their own', () => {
    const [t] = checkAll(twoPorts(80), { override: { httpPort: 40080, httpsPort: 40443 } });
    expect(t!.static.entryPoints.web).toEqual({ address: ':40080' });
    expect(redirectOf(t!, 'web', 'auth.example.com')).toBe('https://auth.example.com:8443');
    expect(redirectOf(t!, 'web', 'mobile.auth.example.com')).toBe('https://mobile.auth.example.com:40443');
  });
});

describe('Traefik entry points follow the sites (direct calls with a hand-built plan)', () => {
  const plan = buildPlan(template('manual'), options());
  const proxy = plan.proxies[0]!;
  const exported = (p: ProxyPlan, o = options()): Exported => {
    const files = exportTraefik(p, plan, o);
    return traefikOf(files, { ...plan, proxies: [p] })[0]!;
  };

  it('opens no 443 and no redirect when no site uses TLS', () => {
    const plainOn80 = {
      ...proxy,
      sites: proxy.sites.map((s) => ({
        ...s,
        publicPort: 80,
        tls: false,
        locations: s.locations.map((l) => ({ ...l, route: { ...l.route, scheme: 'http' as const } })),
      })),
    };
    const t = exported(plainOn80);
    expectValid(t);
    expectConsistent(t);
    expect(t.static.entryPoints).toEqual({ web: { address: ':80' } });
    expect(Object.keys(t.dynamic.http!.routers!).filter((n) => n.startsWith('redirect-'))).toEqual([]);
    expect(t.dynamic.http).not.toHaveProperty('middlewares');
  });

  it('listens on the published ports when no route goes through the proxy, rather than on Traefik’s own :80', () => {
    const entry = {
      ...proxy.entry,
      publish: [
        { port: 'http', hostPort: 8080 },
        { port: 'https', hostPort: 8443 },
      ],
    };
    const t = exported({ ...proxy, entry, redirectPort: 8080, sites: [] });
    // No routers, services or certificates: the dynamic file is an empty mapping, which the file
    // provider's schema accepts (an empty file would read as null and be refused).
    expect(t.dynamic).toEqual({});
    expectValid(t);
    expectConsistent(t);
    expect(t.static.entryPoints).toEqual({ 'port-8080': { address: ':8080' }, 'port-8443': { address: ':8443' } });
    expect(t.staticText).toMatch(/# No route goes through this proxy: every request gets 404\./);
  });

  it('leaves the redirect out, with a note, when its port carries TLS', () => {
    const t = exported({ ...proxy, redirectPort: 443 });
    expectValid(t);
    expectConsistent(t);
    expect(t.static.entryPoints).toEqual({ websecure: { address: ':443' } });
    expect(t.staticText).toMatch(/# The HTTP redirect on public port 443 is left out: that port carries TLS\./);
    expect(t.dynamic.http).not.toHaveProperty('middlewares');
  });

  it('gives 80 and the redirect port one entry point when a test override moves both to one port', () => {
    const site = proxy.sites[0]!;
    const plain: Site = {
      ...site,
      host: 'plain.auth.example.com',
      publicPort: 80,
      tls: false,
      locations: site.locations.map((l) => ({
        ...l,
        route: { ...l.route, id: 'plain' as RouteId, scheme: 'http' as const },
      })),
    };
    const moved = { ...proxy, redirectPort: 8080, sites: [...proxy.sites, plain] };
    const t = exported(moved, options({ override: { httpPort: 40080 } }));
    expectValid(t);
    expectConsistent(t);
    expect(t.static.entryPoints).toEqual({ web: { address: ':40080' }, websecure: { address: ':443' } });
    expect(redirectOf(t, 'web', 'auth.example.com')).toBe('https://auth.example.com');
    expect(redirectOf(t, 'web', 'plain.auth.example.com')).toBeUndefined();
  });
});

describe('Traefik test override', () => {
  const override = {
    httpPort: 40080,
    httpsPort: 40443,
    upstream: (_service: string, port: number) => `127.0.0.1:${50000 + port}`,
    certificate: (host: string) => ({ cert: `/tmp/certs/${host}.pem`, key: `/tmp/certs/${host}-key.pem` }),
  };

  it('changes listen ports, upstream addresses and certificate paths — nothing else', () => {
    const plainResult = exportOk(featureProject());
    const plain = traefikOf(plainResult.files, plainResult.plan)[0]!;
    const result = exportOk(featureProject(), { override });
    const moved = traefikOf(result.files, result.plan)[0]!;
    expectValid(moved);
    expect(moved.static.entryPoints.web!.address).toBe(':40080');
    expect(moved.static.entryPoints.websecure!.address).toBe(':40443');
    expect(moved.static.entryPoints['port-8443']!.address).toBe(':8443');
    expect(moved.dynamic.http!.services!['nextauth-8889-tls']!.loadBalancer.servers).toEqual([
      { url: 'https://127.0.0.1:58889' },
    ]);
    expect(moved.dynamic.tls!.certificates[0]).toEqual({
      certFile: '/tmp/certs/accounts.auth.example.com.pem',
      keyFile: '/tmp/certs/accounts.auth.example.com-key.pem',
    });
    // Apply exactly the three overrides to the plain export by hand: the result must be the moved export.
    // Moving 443 also moves where plain HTTP is redirected for the hosts on 443 (a port is named then).
    const apply = (text: string) =>
      text
        .replaceAll('address: ":80"', 'address: ":40080"')
        .replaceAll('address: ":443"', 'address: ":40443"')
        .replace(
          /( {4}redirect-to-https:\n {6}redirectScheme:\n {8}scheme: https\n {8}permanent: true\n)/,
          '$1        port: "40443"\n',
        )
        .replace(
          /(:\/\/|address: ")([a-z0-9-]+):(\d+)/g,
          (_, before: string, service: string, port: string) => before + override.upstream(service, Number(port)),
        )
        .replace(/\/etc\/portolan\/certs\/([a-z0-9.-]+)\.crt/g, (_, host: string) => override.certificate(host).cert)
        .replace(/\/etc\/portolan\/certs\/([a-z0-9.-]+)\.key/g, (_, host: string) => override.certificate(host).key);
    expect(moved.staticText).toBe(apply(plain.staticText));
    expect(moved.dynamicText).toBe(apply(plain.dynamicText));
  });
});

/** Values that could break out of a rule, a YAML scalar, a .env line or a shell. */
const HOSTILE = [
  '\n',
  '\r',
  ';',
  '{',
  '}',
  '"',
  "'",
  '`',
  '$',
  '${X}',
  '#',
  ' ',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
];
/** A test title that shows every character, printable or not. */
const show = (v: string) => v.replace(/[^\x21-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('Traefik export of hostile values', () => {
  const base = exportOk(template('manual'));
  const baseline = traefikOf(base.files, base.plan)[0]!;

  it.each(HOSTILE.map((v) => [show(v), v]))('refuses %s in a host name or path before anything is written', (_, v) => {
    const cases: [string, Project][] = [
      ['ws', patchRoute(template('manual'), 'ws', { host: `auth${v}evil.example.com` })],
      ['ws', patchRoute(template('manual'), 'ws', { host: `auth.example.com${v}` })],
      ['dashboard', patchRoute(template('manual'), 'dashboard', { path: `/a${v}b/` })],
      ['dashboard', patchRoute(template('manual'), 'dashboard', { path: `/${v}` })],
    ];
    for (const [routeId, project] of cases) {
      const result = exportProject(project, options());
      // Refused as a whole, with no file list to write, by a checker error on that very route.
      expect(result.ok).toBe(false);
      expect(result).not.toHaveProperty('files');
      const about = result.diagnostics.filter((d) => d.elements.some((e) => e.type === 'route' && e.id === routeId));
      expect(about.map((d) => [d.rule, d.severity])).toContainEqual([expect.stringMatching(/^NA0(27|31)$/), 'error']);
    }
  });

  it.each(HOSTILE.map((v) => [show(v), v]))('keeps %s in an environment value out of the Traefik files', (_, v) => {
    const project = setEnv(template('manual'), 'nextauth', 'HOSTILE_TEST', `x${v}y`);
    const result = exportProject(project, options());
    // Control characters and undefined ${…} references are refused by the checker (NA031/NA032).
    // Printable punctuation is legitimate in a secret or a URL and is quoted by the .env and
    // compose writers; it must not change a byte of the proxy configuration.
    if (!result.ok) {
      expect(result.diagnostics.map((d) => d.rule).every((r) => ['NA031', 'NA032'].includes(r))).toBe(true);
      return;
    }
    const [t] = traefikOf(result.files, result.plan);
    expect(t!.staticText).toBe(baseline.staticText);
    expect(t!.dynamicText).toBe(baseline.dynamicText);
  });

  it('refuses the control characters and reference in environment values, like the checker promises', () => {
    const refused = HOSTILE.filter(
      (v) => !exportProject(setEnv(template('manual'), 'nextauth', 'HOSTILE_TEST', `x${v}y`), options()).ok,
    );
    expect(refused.map(show)).toEqual(
      ['\n', '\r', '${X}', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028'].map(show),
    );
  });

  describe('direct calls with a hand-built plan', () => {
    const plan = buildPlan(template('manual'), options());
    const proxy = plan.proxies[0]!;
    const site = proxy.sites[0]!;
    const location = site.locations[0]!;
    const withSite = (patch: object) => ({ ...proxy, sites: [{ ...site, ...patch }] });
    const withLocation = (patch: object) => withSite({ locations: [{ ...location, ...patch }] });
    const withUpstream = (patch: object) => withLocation({ upstream: { ...location.upstream, ...patch } });

    it.each(HOSTILE.map((v) => [show(v), v]))('throws on %s in a host, path, id or address', (_, v) => {
      const attempts: [ProxyPlan, ExportOptions][] = [
        [withSite({ host: `a${v}b.example.com` }), options()],
        [withLocation({ path: `/a${v}b` }), options()],
        [withLocation({ route: { ...location.route, id: `r${v}` } }), options()],
        [withUpstream({ service: `svc${v}` }), options()],
        [{ ...proxy, entry: { ...proxy.entry, id: cid(`p${v}`) } }, options()],
        [proxy, options({ override: { upstream: () => `127.0.0.1${v}:80` } })],
        [proxy, options({ override: { certificate: () => ({ cert: `/c${v}\n`, key: '/k' }) } })],
      ];
      for (const [p, o] of attempts) expect(() => exportTraefik(p, plan, o)).toThrow(/traefik export/);
    });

    it('throws on ports that are not ports', () => {
      for (const bad of [0, -1, 65536, 1.5, Number.NaN]) {
        expect(() => exportTraefik(withSite({ publicPort: bad }), plan, options())).toThrow(/traefik export/);
        expect(() => exportTraefik(withUpstream({ port: bad }), plan, options())).toThrow(/traefik export/);
        expect(() => exportTraefik(proxy, plan, options({ override: { httpsPort: bad } }))).toThrow(/traefik export/);
      }
    });

    it('throws rather than guess when TLS passes through to more than one path', () => {
      const pass = { ...location.route, scheme: 'https' as const, tls: { terminate: false, reencrypt: false } };
      const twoPaths = withSite({
        tls: false,
        locations: [
          { ...location, route: pass, path: '/a/' },
          { ...location, route: { ...pass, id: 'other' }, path: '/' },
        ],
      });
      expect(() => exportTraefik(twoPaths, plan, options())).toThrow(/cannot see the path/);
    });
  });
});

describe('Traefik export determinism', () => {
  it('writes the same bytes for the same project and seed, and for any seed', () => {
    const traefik = (seed: number) =>
      exportOk(featureProject(), { random: seededRandom(seed) }).files.filter((f) => f.path.startsWith('traefik/'));
    expect(traefik(7)).toHaveLength(2);
    expect(traefik(7)).toEqual(traefik(7));
    // The proxy files hold no secret, so even another seed must not change a byte.
    expect(traefik(1)).toEqual(traefik(2));
  });
});
