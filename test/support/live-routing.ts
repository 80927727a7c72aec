import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portNumber } from '../../shared/catalog/index';
import {
  exportProject,
  seededRandom,
  type DeploymentPlan,
  type ExportOptions,
  type ProxyPlan,
} from '../../shared/export/index';
import type { Project, ProxyFlavour } from '../../shared/model/types';
import { patchRoute, route, setEnv, template } from './fixtures';
import {
  importedProject,
  importFixtures,
  tableHosts,
  parseUrl,
  tableProbes,
  type ExpectedRouting,
  type TableProbe,
} from './live-expected';
import {
  cleanUp,
  freePort,
  httpGet,
  httpsGet,
  locationFor,
  makeCertificates,
  portOpen,
  routeProbes,
  startStubs,
  stubUpstreams,
  tempDir,
  tlsHosts,
  wssUpgrade,
  type Certificates,
  type HttpResult,
  type RouteProbe,
  type RunningProcess,
  type StubRequest,
  type Stubs,
} from './routing';
import { needTool } from './tools';
import { tlsPolicy } from '../../shared/export/tls-render';
import { finding, hstsMaxAge, protocolOffered, suitesOffered, testssl, TESTSSL, TESTSSL_PROTOCOL_IDS } from './testssl';

/**
 * The live routing suite shared by the proxies that run here (nginx, HAProxy, Caddy): the real
 * proxy with the exported configuration on 127.0.0.1, in front of stub upstreams. Every public URL
 * of the model must reach the right stub, and nothing else may reach any stub. Expectations come
 * from the deployment plan, never from the template text — and, for the imported projects, from
 * the routing table written by hand from the original proxy configuration (live-expected.ts), so
 * the original routing is shown to survive import → export. Each proxy supplies only how it is
 * started, how it treats a request for a name (or a Host header) it does not serve, and any
 * routing gap of its exporter that is known and reported.
 */

/**
 * manual, plus the REST API under a path prefix of its own host (only a warning), wss
 * re-encrypted to nextauth, longer prefixes under existing hosts and a percent-escaped path
 * (nginx matches the decoded path, HAProxy and Caddy the path as sent; the client sends it as
 * the route writes it).
 */
function restReencryptAndPrefixes(): Project {
  let p = template('manual');
  const https = { scheme: 'https' as const, via: 'proxy' };
  p = route(p, { ...https, id: 'rest-api', host: 'api.example.com', path: '/api/', target: 'nextauth', port: 'rest' });
  p = setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_CERT', '/run/secrets/ws.crt');
  p = setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_KEY', {
    type: 'input',
    prompt: 'Private key of the WebSocket certificate',
  });
  p = patchRoute(p, 'ws', { tls: { terminate: true, reencrypt: true } });
  p = route(p, { ...https, id: 'admin', host: 'auth.example.com', path: '/admin', target: 'mgmt', port: 'dashboard' });
  p = route(p, {
    ...https,
    id: 'deep',
    host: 'dashboard.auth.example.com',
    path: '/deep/er',
    target: 'mgmt',
    port: 'idp',
  });
  return route(p, {
    ...https,
    id: 'esc',
    host: 'mobile.auth.example.com',
    path: '/a%20b%22c',
    target: 'mgmt',
    port: 'accounts',
  });
}

export interface LiveVariant {
  readonly name: string;
  readonly project: () => Project;
  /** Audited with testssl.sh besides (the templates: it takes a few seconds a host). */
  readonly audit?: boolean;
  /** Imported projects: the routing of the original configuration, probed besides the model's. */
  readonly table?: ExpectedRouting;
}

/**
 * Customers' nginx and Traefik configurations (with their compose files) imported into projects,
 * exported for the proxy under test (a Traefik-sourced project runs behind nginx, HAProxy and
 * Caddy: there is no Traefik binary here, and the routes must work behind any flavour).
 */
const importedVariants = (): LiveVariant[] =>
  importFixtures().map((f) => ({
    name: `imported from ${f.name}`,
    project: () => importedProject(f).project,
    table: f.expected,
  }));

const VARIANTS: readonly LiveVariant[] = [
  { name: 'manual', project: () => template('manual'), audit: true },
  { name: 'ha', project: () => template('ha'), audit: true },
  {
    name: 'manual with a REST API route, re-encrypted wss, path prefixes and an escaped path',
    project: restReencryptAndPrefixes,
  },
  ...importedVariants(),
];

const UNKNOWN = 'unknown.example.net';

interface Running {
  readonly plan: DeploymentPlan;
  readonly proxy: ProxyPlan;
  readonly certs: Certificates;
  readonly stubs: Stubs;
  readonly httpsPort: number;
  readonly httpPort: number;
  readonly process: RunningProcess;
}

export interface LiveRoutingSpec {
  /** Shown in test names and failure output, e.g. `HAProxy`. */
  readonly title: string;
  /** The binary the test needs. */
  readonly tool: string;
  readonly flavour: ProxyFlavour;
  /** Starts the proxy on the written configuration; `ready` resolves true once it listens. */
  readonly start: (config: string, ready: () => Promise<boolean>) => Promise<RunningProcess>;
  /** A TLS request for an unknown SNI name (or none): refused, or answered without an upstream. */
  readonly unknownSni: (request: Promise<HttpResult>) => Promise<void>;
  /**
   * A probe this proxy is known to route wrong, with the reason (a bug of its exporter, reported
   * rather than hidden): the suite asserts it still goes wrong, so a fix shows up here and the
   * entry goes. Every other probe is checked as usual.
   */
  readonly knownGap?: (probe: RouteProbe) => string | undefined;
  /** A request whose Host header is not the SNI name of its connection (default: `expectMisdirected`). */
  readonly misdirected?: (request: Misdirected) => void;
}

/** A TLS request whose SNI names `sni`, a host the proxy serves, and whose Host header names `host`. */
export interface Misdirected {
  readonly res: HttpResult;
  readonly host: string;
  readonly sni: string;
  /** The stub `https://host/` reaches on a connection of its own, if any. */
  readonly direct: string | undefined;
  /** What the stubs saw of this request. */
  readonly reached: readonly StubRequest[];
}

/** The default: the connection belongs to another host, so 421 Misdirected Request, and no upstream. */
export function expectMisdirected({ res, host, sni, reached }: Misdirected): void {
  expect(res.status, `Host ${host} over SNI ${sni}`).toBe(421);
  expect(res.headers['x-stub']).toBeUndefined();
  expect(reached).toEqual([]);
}

function exported(project: Project, flavour: ProxyFlavour, override?: ExportOptions['override']) {
  const result = exportProject(project, {
    random: seededRandom(3),
    proxy: flavour,
    ...(override ? { override } : {}),
  });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('\n'));
  return result;
}

async function twoPorts(): Promise<[number, number]> {
  const a = await freePort();
  let b = await freePort();
  while (b === a) b = await freePort();
  return [a, b];
}

/**
 * The proxy runs here as the test user, within this machine's open-file limit, whose hard limit an
 * unprivileged process cannot raise (HAProxy refuses to start below what its maxconn needs; in
 * compose the container gets the export's ulimits.nofile instead). 500 clients need 4,072 open
 * files (shared/export/capacity.ts), within the smallest common hard limit, 4,096.
 */
const LIVE_CAPACITY = { websocketClients: 500 } as const;

async function launch(drawn: Project, spec: LiveRoutingSpec, table?: ExpectedRouting): Promise<Running> {
  const project: Project = { ...drawn, settings: { ...drawn.settings, capacity: LIVE_CAPACITY } };
  const { plan } = exported(project, spec.flavour);
  const proxy = plan.proxies[0]!;
  // The table's hosts too: a host the import lost must fail as a wrong answer, not a missing certificate.
  const certs = await makeCertificates([...tlsHosts(proxy), ...(table ? tableHosts(table) : [])]);
  // A stub speaks TLS where the original re-encrypts, whatever the model says: a lost re-encryption fails.
  const reencrypted = new Set(table ? tableProbes(table).flatMap((p) => (p.reencrypt ? [p.expected] : [])) : []);
  const upstreams = stubUpstreams(plan).map((u) =>
    reencrypted.has(`${u.service}:${u.port}`) ? { ...u, tls: true } : u,
  );
  const stubs = await startStubs(upstreams);
  const [httpsPort, httpPort] = await twoPorts();
  const files = exported(project, spec.flavour, {
    httpsPort,
    httpPort,
    upstream: stubs.address,
    certificate: certs.certificate,
  }).files;
  const config = join(tempDir(`portolan-${spec.flavour}-run-`), proxy.configFile.split('/').pop()!);
  writeFileSync(config, files.find((f) => f.path === proxy.configFile)!.contents);
  const ready = async () => (await portOpen(httpsPort)) && (await portOpen(httpPort));
  const process = await spec.start(config, ready).catch(async (e: unknown) => {
    await stubs.close();
    throw e;
  });
  return { plan, proxy, certs, stubs, httpsPort, httpPort, process };
}

/** Names of every REST API stub (`service:8888`) of the deployment. */
const restStubs = (plan: DeploymentPlan): string[] =>
  plan.services
    .filter((s) => s.component.kind === 'nextauth')
    .map((s) => `${s.name}:${portNumber(s.component, 'rest')}`);

const routesRest = (proxy: ProxyPlan): boolean =>
  proxy.sites.some((s) => s.locations.some((l) => l.upstream.portName === 'rest'));

/** A request no route maps: refused during the handshake, or answered by the proxy itself, never by a stub. */
export async function expectNoUpstream(request: Promise<HttpResult>, status?: number): Promise<void> {
  const res = await request.catch((e: unknown) => e as Error);
  if (res instanceof Error) return;
  expect(res.headers['x-stub']).toBeUndefined();
  expect(status === undefined ? [404, 421] : [status]).toContain(res.status);
}

export function describeLiveRouting(spec: LiveRoutingSpec): void {
  afterAll(cleanUp);
  describe.skipIf(needTool(spec.tool, 'the live routing test').skip || needTool('openssl', 'test certificates').skip)(
    `live routing through ${spec.title}`,
    () => {
      /** Probes that met a known gap, over every variant. */
      let gapsSeen = 0;
      for (const variant of VARIANTS) {
        describe(variant.name, () => {
          let run: Running;
          const failure = (what: string) => `${what}\n--- ${spec.tool} output ---\n${run.process.output()}`;

          beforeAll(async () => {
            run = await launch(variant.project(), spec, variant.table);
          });
          afterAll(async () => {
            await run?.process.stop();
            await run?.stubs.close();
          });

          /** The model's URLs, and for an imported project the original configuration's. */
          const probes = (): (RouteProbe | TableProbe)[] => [
            ...routeProbes(run.proxy),
            ...(variant.table ? tableProbes(variant.table) : []),
          ];

          it('sends every public URL of the model to its stub, with the forwarding headers', async () => {
            const tls = probes().filter((p) => p.tls);
            expect(tls.length).toBeGreaterThan(0);
            // Plain-HTTP URLs are not probed here (port 80 only redirects): a table must not name any.
            const plain = variant.table ? tableProbes(variant.table).filter((p) => !p.tls) : [];
            expect(plain.map((p) => p.route)).toEqual([]);
            for (const probe of tls) {
              // A forwarding header from the client is replaced, never passed on.
              const res = await httpsGet(run.httpsPort, probe.host, probe.path, run.certs.ca(probe.host), {
                headers: { 'x-forwarded-for': '203.0.113.9' },
              });
              const url = `https://${probe.host}${probe.path} (route ${probe.route})`;
              const gap = spec.knownGap?.(probe);
              if (gap !== undefined) {
                gapsSeen++;
                expect(res.body, failure(`${url}: routed right now, so drop the known gap "${gap}"`)).not.toBe(
                  probe.expected,
                );
                continue;
              }
              expect(res.body, failure(url)).toBe(probe.expected);
              const seen = run.stubs.requests.at(-1)!;
              // Where the original rewrites the path upstream (a stripped prefix), a route holds no
              // rewrite and the export sends the public path: a loss the import report names.
              const original = 'upstreamPath' in probe ? probe.upstreamPath : probe.path;
              const lost = original === probe.path ? '' : ` (the original sends ${original}: not held by a route)`;
              expect(seen.url, `${url}${lost}`).toBe(probe.path);
              expect(seen.headers.host).toBe(probe.host);
              expect(seen.headers['x-forwarded-proto']).toBe('https');
              expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
              // The stub's banners stay inside (the proxy may name itself, without a version).
              expect(res.headers.server ?? '', url).not.toContain('stub');
              expect(res.headers['x-powered-by'], url).toBeUndefined();
            }
          });

          if (variant.audit === true)
            it.skipIf(needTool(TESTSSL, 'the TLS audit of the live proxies').skip)(
              "passes testssl.sh: the profile's protocols and suites, HSTS on every host, no upstream banner",
              async () => {
                const profile = tlsPolicy(run.plan.project.settings).profile;
                const [first, ...others] = tlsHosts(run.proxy);
                // One run (about 15 s on two cores): protocols, the suites of each protocol, and the headers.
                const full = await testssl(run.httpsPort, first!, ['protocols', 'ciphers', 'headers']);
                const report = (what: string) => failure(`${what}\n--- testssl ---\n${JSON.stringify(full, null, 1)}`);
                for (const old of ['SSLv2', 'SSLv3']) expect(protocolOffered(full, old), report(old)).toBe(false);
                for (const [version, id] of Object.entries(TESTSSL_PROTOCOL_IDS)) {
                  const wanted = (profile.protocols as readonly string[]).includes(version);
                  expect(protocolOffered(full, id), report(version)).toBe(wanted);
                }
                // The test certificates are RSA keys: the ECDSA suites of the profile cannot be negotiated with them.
                const tls12 = suitesOffered(full, 'tls1_2');
                const rsa = profile.ciphers.filter((c) => !c.iana.includes('_ECDSA_')).map((c) => c.iana);
                expect(tls12, report('TLS 1.2 suites')).toEqual(rsa.sort());
                expect(suitesOffered(full, 'tls1_3'), report('TLS 1.3 suites')).toEqual([...profile.tls13].sort());
                if (profile.name !== 'old') {
                  const static_ = tls12.filter((s) => !/^TLS_(EC)?DHE_/.test(s));
                  expect(static_, report('suites without forward secrecy')).toEqual([]);
                }
                expect(hstsMaxAge(full), report(`HSTS of ${first!}`)).toBe(profile.hstsMaxAge);
                // The templates opt into neither subdomains nor preloading.
                expect(finding(full, 'HSTS_subdomains'), report('HSTS includeSubDomains')).toBe('only for this domain');
                expect(finding(full, 'HSTS_preload'), report('HSTS preload')).toMatch(/NOT marked for preloading/);
                expect(finding(full, 'banner_server') ?? '', report('Server banner')).not.toMatch(/stub/);
                expect(finding(full, 'banner_application') ?? '', report('X-Powered-By')).not.toMatch(/stub/);
                // Every other host: the same header, read by this test's own client (a testssl run each would
                // add about 10 s a host).
                for (const host of others) {
                  const res = await httpsGet(run.httpsPort, host, '/', run.certs.ca(host));
                  expect(res.headers['strict-transport-security'], host).toBe(`max-age=${profile.hstsMaxAge}`);
                  expect(res.headers.server ?? '', host).not.toContain('stub');
                  expect(res.headers['x-powered-by'], host).toBeUndefined();
                }
              },
              180_000,
            );

          it('matches the host when the Host header carries a port', async () => {
            const probe = routeProbes(run.proxy).find((p) => p.tls)!;
            const host = `${probe.host}:${run.httpsPort}`;
            const res = await httpsGet(run.httpsPort, probe.host, probe.path, run.certs.ca(probe.host), {
              headers: { host },
            });
            expect(res.body, failure(`https://${host}${probe.path}`)).toBe(probe.expected);
          });

          it('completes the WebSocket upgrade through the proxy on wss routes', async () => {
            const upgrades = probes().filter((p) => p.tls && p.websocket);
            expect(upgrades.length).toBeGreaterThan(0);
            for (const probe of upgrades) {
              const ws = await wssUpgrade(run.httpsPort, probe.host, probe.path, run.certs.ca(probe.host));
              expect(ws.status, failure(`wss://${probe.host}${probe.path}: ${ws.statusLine}`)).toBe(101);
              expect(ws.acceptValid).toBe(true);
              expect(ws.message).toBe(probe.expected);
              expect(ws.echoed).toBe(true);
            }
          });

          it('redirects plain HTTP to HTTPS for every TLS host', async () => {
            expect(run.proxy.redirectPort).toBeDefined();
            for (const host of tlsHosts(run.proxy)) {
              const res = await httpGet(run.httpPort, host, '/some/path?q=1');
              expect(res.status, failure(`http://${host}/`)).toBe(301);
              expect(res.headers.location).toBe(`https://${host}/some/path?q=1`);
              expect(res.headers['x-stub']).toBeUndefined();
            }
          });

          it('gives unknown host names no upstream', async () => {
            const before = run.stubs.requests.length;
            const known = tlsHosts(run.proxy)[0]!;
            // Unknown SNI name, or none at all.
            await spec.unknownSni(httpsGet(run.httpsPort, UNKNOWN, '/', run.certs.ca(known)));
            await spec.unknownSni(httpsGet(run.httpsPort, known, '/', run.certs.ca(known), { servername: '' }));
            // Unknown hosts on plain HTTP: 404, not a redirect to a name we do not serve.
            await expectNoUpstream(httpGet(run.httpPort, UNKNOWN, '/'), 404);
            await expect(wssUpgrade(run.httpsPort, UNKNOWN, '/', run.certs.ca(known))).rejects.toThrow();
            expect(run.stubs.requests.length).toBe(before);
          });

          it('answers a Host header that is not the SNI name as the proxy promises', async () => {
            const [sni, other] = tlsHosts(run.proxy);
            // Every template serves two TLS hosts at least; an imported project may serve one.
            if (variant.table === undefined) expect(other).toBeDefined();
            for (const host of other === undefined ? [UNKNOWN] : [UNKNOWN, other]) {
              const before = run.stubs.requests.length;
              const res = await httpsGet(run.httpsPort, host, '/', run.certs.ca(sni!), { servername: sni! });
              const site = run.proxy.sites.find((s) => s.tls && s.host === host);
              const direct = site && locationFor(site, '/');
              (spec.misdirected ?? expectMisdirected)({
                res,
                host,
                sni: sni!,
                direct: direct && `${direct.upstream.service}:${direct.upstream.port}`,
                reached: run.stubs.requests.slice(before),
              });
            }
          });

          const table = variant.table;
          if (table !== undefined)
            it('gives no upstream where the original configuration routes nothing', async () => {
              const known = tlsHosts(run.proxy)[0]!;
              for (const { url, why } of table.unrouted) {
                const at = parseUrl(url);
                const before = run.stubs.requests.length;
                const ca = run.certs.ca(tlsHosts(run.proxy).includes(at.host) ? at.host : known);
                const res = await httpsGet(run.httpsPort, at.host, at.path, ca).catch((e: unknown) => e as Error);
                const reached = run.stubs.requests.slice(before).map((r) => r.stub);
                expect(reached, failure(`${url} (${why})`)).toEqual([]);
                if (!(res instanceof Error)) expect(res.headers['x-stub']).toBeUndefined();
              }
            });

          it('reaches the REST API only when the model routes it', async () => {
            const rest = restStubs(run.plan);
            expect(rest.length).toBeGreaterThan(0);
            if (routesRest(run.proxy)) {
              // The route probes above went there; a path beside the prefix did not.
              expect(rest.some((name) => run.stubs.hits(name) > 0)).toBe(true);
              const before = run.stubs.requests.length;
              const host = run.proxy.sites.find((s) => s.locations.some((l) => l.upstream.portName === 'rest'))!.host;
              await expectNoUpstream(httpsGet(run.httpsPort, host, '/other', run.certs.ca(host)), 404);
              await expectNoUpstream(httpsGet(run.httpsPort, host, '/ap', run.certs.ca(host)), 404);
              expect(run.stubs.requests.length).toBe(before);
              return;
            }
            for (const host of tlsHosts(run.proxy)) {
              for (const path of ['/', '/api', '/api/v1/users', '/rest', '/v1']) {
                const res = await httpsGet(run.httpsPort, host, path, run.certs.ca(host));
                expect(rest, `https://${host}${path}`).not.toContain(res.body);
              }
            }
            for (const name of rest) expect(run.stubs.hits(name), name).toBe(0);
          });
        });
      }

      // A known gap no probe meets any more is stale: it would hide nothing, so it must go.
      if (spec.knownGap !== undefined) {
        it('still meets its known routing gap', () => expect(gapsSeen).toBeGreaterThan(0));
      }
    },
  );
}
