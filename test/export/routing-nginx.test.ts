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
import type { Project } from '../../shared/model/types';
import { patchRoute, route, setEnv, template } from '../rules/fixtures';
import {
  cleanUp,
  freePort,
  httpGet,
  httpsGet,
  makeCertificates,
  portOpen,
  routeProbes,
  startProcess,
  startStubs,
  stubUpstreams,
  tempDir,
  tlsHosts,
  wssUpgrade,
  type Certificates,
  type RunningProcess,
  type Stubs,
} from '../support/routing';
import { needTool } from '../support/tools';

/**
 * The real nginx with the exported nginx.conf on 127.0.0.1, in front of stub upstreams: every
 * public URL of the model must reach the right stub, and nothing else may reach any stub.
 * Expectations come from the deployment plan, never from the template text.
 */

/** manual, plus a public REST API (only a warning) and a WebSocket route re-encrypted to nextauth. */
function restAndReencrypt(): Project {
  let p = template('manual');
  p = route(p, {
    id: 'rest-api',
    scheme: 'https',
    host: 'api.example.com',
    path: '/',
    via: 'proxy',
    target: 'nextauth',
    port: 'rest',
  });
  p = setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_CERT', '/run/secrets/ws.crt');
  p = setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_KEY', {
    type: 'input',
    prompt: 'Private key of the WebSocket certificate',
  });
  return patchRoute(p, 'ws', { tls: { terminate: true, reencrypt: true } });
}

/** manual, plus longer prefixes under existing hosts and a percent-escaped path (nginx decodes before matching). */
function prefixesAndEscapes(): Project {
  let p = template('manual');
  p = route(p, {
    id: 'admin',
    scheme: 'https',
    host: 'auth.example.com',
    path: '/admin',
    via: 'proxy',
    target: 'mgmt',
    port: 'dashboard',
  });
  p = route(p, {
    id: 'deep',
    scheme: 'https',
    host: 'dashboard.auth.example.com',
    path: '/deep/er',
    via: 'proxy',
    target: 'mgmt',
    port: 'idp',
  });
  return route(p, {
    id: 'esc',
    scheme: 'https',
    host: 'mobile.auth.example.com',
    path: '/a%20b%22c',
    via: 'proxy',
    target: 'mgmt',
    port: 'accounts',
  });
}

const VARIANTS: readonly { name: string; project: () => Project }[] = [
  { name: 'manual', project: () => template('manual') },
  { name: 'ha', project: () => template('ha') },
  { name: 'manual with a public REST API and re-encrypted wss', project: restAndReencrypt },
  { name: 'manual with path prefixes and an escaped path', project: prefixesAndEscapes },
];

const UNKNOWN = 'unknown.example.net';

afterAll(cleanUp);

interface Running {
  readonly plan: DeploymentPlan;
  readonly proxy: ProxyPlan;
  readonly certs: Certificates;
  readonly stubs: Stubs;
  readonly httpsPort: number;
  readonly httpPort: number;
  readonly nginx: RunningProcess;
}

function exported(project: Project, override?: ExportOptions['override']) {
  const result = exportProject(project, { random: seededRandom(3), proxy: 'nginx', ...(override ? { override } : {}) });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('\n'));
  return result;
}

async function twoPorts(): Promise<[number, number]> {
  const a = await freePort();
  let b = await freePort();
  while (b === a) b = await freePort();
  return [a, b];
}

async function launch(project: Project): Promise<Running> {
  const { plan } = exported(project);
  const proxy = plan.proxies[0]!;
  const certs = await makeCertificates(tlsHosts(proxy));
  const stubs = await startStubs(stubUpstreams(plan));
  const [httpsPort, httpPort] = await twoPorts();
  const files = exported(project, {
    httpsPort,
    httpPort,
    upstream: stubs.address,
    certificate: certs.certificate,
  }).files;
  const dir = tempDir('portolan-nginx-run-');
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, files.find((f) => f.path === proxy.configFile)!.contents);
  const args = [
    '-c',
    conf,
    '-p',
    dir,
    '-e',
    join(dir, 'error.log'),
    '-g',
    `daemon off; pid ${join(dir, 'nginx.pid')};`,
  ];
  const ready = async () => (await portOpen(httpsPort)) && (await portOpen(httpPort));
  const nginx = await startProcess('nginx', args, ready).catch(async (e: unknown) => {
    await stubs.close();
    throw e;
  });
  return { plan, proxy, certs, stubs, httpsPort, httpPort, nginx };
}

/** Names of every REST API stub (`service:8888`) of the deployment. */
const restStubs = (plan: DeploymentPlan): string[] =>
  plan.services
    .filter((s) => s.component.kind === 'nextauth')
    .map((s) => `${s.name}:${portNumber(s.component, 'rest')}`);

const routesRest = (proxy: ProxyPlan): boolean =>
  proxy.sites.some((s) => s.locations.some((l) => l.upstream.portName === 'rest'));

describe.skipIf(needTool('nginx', 'the live routing test').skip || needTool('openssl', 'test certificates').skip)(
  'live routing through nginx',
  () => {
    for (const variant of VARIANTS) {
      describe(variant.name, () => {
        let run: Running;
        const failure = (what: string) => `${what}\n--- nginx output ---\n${run.nginx.output()}`;

        beforeAll(async () => {
          run = await launch(variant.project());
        });
        afterAll(async () => {
          await run?.nginx.stop();
          await run?.stubs.close();
        });

        it('sends every public URL of the model to its stub, with the forwarding headers', async () => {
          const probes = routeProbes(run.proxy).filter((p) => p.tls);
          expect(probes.length).toBeGreaterThan(0);
          for (const probe of probes) {
            const res = await httpsGet(run.httpsPort, probe.host, probe.path, run.certs.ca(probe.host));
            expect(res.body, failure(`https://${probe.host}${probe.path} (route ${probe.route})`)).toBe(probe.expected);
            const seen = run.stubs.requests.at(-1)!;
            expect(seen.url).toBe(probe.path);
            expect(seen.headers.host).toBe(probe.host);
            expect(seen.headers['x-forwarded-proto']).toBe('https');
            expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
          }
        });

        it('completes the WebSocket upgrade through the proxy on wss routes', async () => {
          const probes = routeProbes(run.proxy).filter((p) => p.tls && p.websocket);
          expect(probes.length).toBeGreaterThan(0);
          for (const probe of probes) {
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
          }
        });

        it('gives unknown host names no upstream', async () => {
          const before = run.stubs.requests.length;
          const known = tlsHosts(run.proxy)[0]!;
          // Unknown SNI name, or none at all: the handshake is refused.
          await expect(httpsGet(run.httpsPort, UNKNOWN, '/', run.certs.ca(known))).rejects.toThrow();
          await expect(httpsGet(run.httpsPort, known, '/', run.certs.ca(known), { servername: '' })).rejects.toThrow();
          // A known SNI name with an unknown Host header, and unknown hosts on plain HTTP: 404.
          const mismatched = await httpsGet(run.httpsPort, UNKNOWN, '/', run.certs.ca(known), { servername: known });
          expect(mismatched.status).toBe(404);
          const plain = await httpGet(run.httpPort, UNKNOWN, '/');
          expect(plain.status).toBe(404);
          for (const res of [mismatched, plain]) expect(res.headers['x-stub']).toBeUndefined();
          await expect(wssUpgrade(run.httpsPort, UNKNOWN, '/', run.certs.ca(known))).rejects.toThrow();
          expect(run.stubs.requests.length).toBe(before);
        });

        it('reaches the REST API only when the model routes it', async () => {
          const rest = restStubs(run.plan);
          expect(rest.length).toBeGreaterThan(0);
          if (routesRest(run.proxy)) {
            // The route probes above went there; the stub saw them.
            expect(rest.some((name) => run.stubs.hits(name) > 0)).toBe(true);
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
  },
);
