/**
 * What only Traefik writes. There is no live check: no Traefik binary is installed here, and the
 * tests must not download one. Traefik's configs are proven by the SchemaStore Traefik v3 schemas
 * (read from ../shared/schemas/, see SOURCES.md there) and by cross-checks the schemas cannot
 * make (test/support/proxy-cases.ts: every router names an existing service and entry point,
 * every TLS host has a certificate, every route of the plan has its router). Those run on every
 * project of the shared table in proxy-exporters.test.ts, with files, header, byte-stability, the
 * test override and hostile values; this file keeps Traefik's own entry points, priorities,
 * passthrough and redirects.
 */
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildPlan, type ProxyPlan, type Site } from '../../../../shared/export/index';
import { entryPointName, exportTraefik } from '../../../../shared/export/traefik';
import type { Project, RouteId } from '../../../../shared/model/index';
import { patchComponent, patchRoute, route, setEnv, template } from '../../../support/fixtures';
import {
  addressPort,
  AJV_OPTIONS,
  checkAll,
  expectConsistent,
  expectValid,
  featureProject,
  publishedPorts,
  routersOf,
  traefikExport,
  traefikOf,
  traefikOptions,
  validateDynamic,
  validateStatic,
  type TraefikFiles,
} from '../../../support/proxy-cases';

/**
 * Where Traefik sends plain HTTP for `host` arriving on `entryPoint`, read the way Traefik applies
 * the configuration: the entry point's own redirection (to the port its target entry point listens
 * on), else the host's redirect router and its redirectScheme middleware (443 unless it names a
 * port). `undefined`: no redirect for that host there.
 */
/** The redirect middlewares (the headers middlewares of every TLS or plain router aside). */
function redirectMiddlewares(t: TraefikFiles): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(t.dynamic.http?.middlewares ?? {}).filter(([name]) => name.startsWith('redirect-to-https')),
  );
}

function redirectOf(t: TraefikFiles, entryPoint: string, host: string): string | undefined {
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

describe.each(['manual', 'ha'] as const)('Traefik export of the %s template', (id) => {
  it('listens on web, redirecting to websecure, and on websecure', () => {
    const exported = checkAll(template(id));
    expect(exported).toHaveLength(1);
    expect(exported[0]!.static.entryPoints).toEqual({
      web: {
        address: ':80',
        http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } },
      },
      websecure: { address: ':443' },
    });
  });
});

describe('Traefik export of every feature', () => {
  let memo: TraefikFiles | undefined;
  /** TraefikFiles once, on first use, so a failure shows in a test rather than breaking the file. */
  const feature = () => (memo ??= checkAll(featureProject())[0]!);

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
    expect(Object.keys(redirectMiddlewares(feature()))).toEqual(['redirect-to-https', 'redirect-to-https-442']);
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
    expect(redirectMiddlewares(t!)).toEqual({
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
    const result = traefikExport(altPortsProject());
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
    expect(redirectMiddlewares(t!)).toEqual({});
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
    expect(redirectMiddlewares(t!)).toEqual({
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
    expect(redirectMiddlewares(t!)).toEqual({
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
  const plan = buildPlan(template('manual'), traefikOptions());
  const proxy = plan.proxies[0]!;
  const exported = (p: ProxyPlan, o = traefikOptions()): TraefikFiles => {
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
    expect(redirectMiddlewares(t)).toEqual({});
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
    expect(redirectMiddlewares(t)).toEqual({});
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
    const t = exported(moved, traefikOptions({ override: { httpPort: 40080 } }));
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
    const plainResult = traefikExport(featureProject());
    const plain = traefikOf(plainResult.files, plainResult.plan)[0]!;
    const result = traefikExport(featureProject(), { override });
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

describe('Traefik export, direct calls with a hand-built plan', () => {
  const plan = buildPlan(template('manual'), traefikOptions());
  const proxy = plan.proxies[0]!;
  const site = proxy.sites[0]!;
  const location = site.locations[0]!;
  const withSite = (patch: object) => ({ ...proxy, sites: [{ ...site, ...patch }] });

  it('throws rather than guess when TLS passes through to more than one path', () => {
    const pass = { ...location.route, scheme: 'https' as const, tls: { terminate: false, reencrypt: false } };
    const twoPaths = withSite({
      tls: false,
      locations: [
        { ...location, route: pass, path: '/a/' },
        { ...location, route: { ...pass, id: 'other' }, path: '/' },
      ],
    });
    expect(() => exportTraefik(twoPaths, plan, traefikOptions())).toThrow(/cannot see the path/);
  });
});
