/**
 * Caddy export: every template passes the real `caddy validate` (Caddy 2.6.2 here) and adapts
 * to JSON that turns off ACME and automatic HTTPS, the content encodes the deployment facts,
 * hostile values never reach the file, and the output is byte-stable (here run against run;
 * golden.test.ts pins the bytes of every template × flavour).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPlan,
  exportProject,
  seededRandom,
  type ExportFile,
  type ExportOptions,
  type ProxyPlan,
} from '../../shared/export/index';
import { exportCaddy } from '../../shared/export/caddy';
import type { Project } from '../../shared/model/types';
import { component, patchComponent, patchRoute, route, setEnv, template } from '../rules/fixtures';
import { cleanUp, makeCertificates, runCommand, tempDir, tlsHosts, type Certificates } from '../support/routing';
import { needTool } from '../support/tools';

const random = () => seededRandom(7);

// Temp folders and certificates of the harness go when the file is done.
afterAll(cleanUp);

function exportFiles(project: Project, options: Omit<ExportOptions, 'random'> = {}): ExportFile[] {
  const result = exportProject(project, { random: random(), proxy: 'caddy', ...options });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('\n'));
  return [...result.files];
}

const caddyfile = (files: readonly ExportFile[]): ExportFile | undefined =>
  files.find((f) => f.path.endsWith('Caddyfile'));
const confOf = (project: Project, options: Omit<ExportOptions, 'random'> = {}): string =>
  caddyfile(exportFiles(project, options))!.contents;
const proxiesOf = (project: Project): readonly ProxyPlan[] =>
  buildPlan(project, { random: random(), proxy: 'caddy' }).proxies;

/** manual, extended with what the templates do not have: prefixes, another port, plain HTTP, re-encryption, escapes. */
function edgeProject(): Project {
  let p = template('manual');
  p = patchComponent(p, 'proxy', {
    publish: [
      { port: 'http', hostPort: 80 },
      { port: 'https', hostPort: 443 },
      { port: 'https', hostPort: 8443 },
    ],
  });
  p = setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_CERT', '/certs/ws.crt');
  p = setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_KEY', { type: 'input', prompt: 'WebSocket TLS key' });
  p = patchRoute(p, 'ws', { tls: { terminate: true, reencrypt: true } });
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
    id: 'alt',
    scheme: 'https',
    host: 'alt.example.com',
    publicPort: 8443,
    path: '/',
    via: 'proxy',
    target: 'mgmt',
    port: 'accounts',
  });
  p = route(p, {
    id: 'esc',
    scheme: 'https',
    host: 'alt.example.com',
    publicPort: 8443,
    path: '/a%20b%22c%5Cd%3B%7B',
    via: 'proxy',
    target: 'nextauth',
    port: 'mobile',
  });
  p = route(p, {
    id: 'plain',
    scheme: 'http',
    host: 'plain.example.com',
    path: '/',
    via: 'proxy',
    target: 'mgmt',
    port: 'idp',
  });
  p = route(p, {
    id: 'twice',
    scheme: 'https',
    host: 'auth.example.com',
    path: '/admin',
    via: 'proxy',
    target: 'mgmt',
    port: 'idp',
  });
  // A route to a container that is not deployed leaves its site without locations.
  p = component(p, { id: 'ext-mgmt', kind: 'nextauth-mgmt', name: 'external mgmt', position: { x: 0, y: 0 } });
  p = patchComponent(p, 'ext-mgmt', { properties: { external: true } });
  return route(p, {
    id: 'ext',
    scheme: 'https',
    host: 'ext.example.com',
    path: '/',
    via: 'proxy',
    target: 'ext-mgmt',
    port: 'dashboard',
  });
}

interface CaddyJson {
  admin?: { disabled?: boolean };
  apps: {
    http: {
      servers: Record<
        string,
        {
          listen: string[];
          routes: { match?: { host?: string[] }[]; handle: unknown[] }[];
          automatic_https?: { disable?: boolean };
          strict_sni_host?: boolean;
          tls_connection_policies?: unknown[];
        }
      >;
    };
    tls?: { automation?: unknown; certificates?: { load_files?: { certificate: string; key: string }[] } };
  };
}

/** `caddy validate` and `caddy adapt`, with Caddy's data and config folders in a temp dir (never ~/.local). */
async function caddyCheck(contents: string): Promise<{ ok: boolean; log: string; json?: CaddyJson }> {
  const dir = tempDir('portolan-caddy-validate-');
  const file = join(dir, 'Caddyfile');
  writeFileSync(file, contents);
  const env = [`XDG_DATA_HOME=${dir}`, `XDG_CONFIG_HOME=${dir}`, `HOME=${dir}`];
  const validate = await runCommand('env', [...env, 'caddy', 'validate', '--config', file, '--adapter', 'caddyfile']);
  const out = join(dir, 'caddy.json');
  const adapt = await runCommand('sh', [
    '-c',
    `env "$@" caddy adapt --config "${file}" --adapter caddyfile > "${out}"`,
    'sh',
    ...env,
  ]);
  const log = validate.output + adapt.output;
  if (validate.code !== 0 || adapt.code !== 0) return { ok: false, log };
  return { ok: true, log, json: JSON.parse(readFileSync(out, 'utf8')) as CaddyJson };
}

/** What every exported Caddyfile must adapt to: no admin API, no ACME, no automatic HTTPS, a 404 catch-all per server. */
function expectSafeJson(json: CaddyJson, log: string): void {
  expect(json.admin?.disabled).toBe(true);
  expect(json.apps.tls?.automation).toBeUndefined();
  // Caddy's own warnings are expected (self-signed test certificates carry no OCSP responder, and
  // automatic HTTPS is off on purpose); any other warning or error — unformatted input, say — fails.
  const expected = /"msg":"(stapling OCSP|automatic HTTPS is completely disabled for server)"/;
  const unexpected = log.split('\n').filter((l) => /"level":"(warn|error)"/.test(l) && !expected.test(l));
  expect(unexpected).toEqual([]);
  for (const [name, server] of Object.entries(json.apps.http.servers)) {
    expect(server.automatic_https?.disable, name).toBe(true);
    const last = server.routes.at(-1)!;
    expect(last.match, `${name}: the last route matches every host`).toBeUndefined();
    expect(JSON.stringify(last.handle)).toContain('"status_code":404');
    expect(JSON.stringify(last.handle)).not.toContain('reverse_proxy');
    // Every route that reaches an upstream is for a named host.
    for (const r of server.routes.slice(0, -1)) expect(r.match?.[0]?.host?.length ?? 0, name).toBeGreaterThan(0);
  }
}

describe.skipIf(
  needTool('caddy', 'caddy validate on exported configs').skip || needTool('openssl', 'test certificates').skip,
)('caddy export passes caddy validate', () => {
  let certs: Certificates;
  beforeAll(async () => {
    const hosts = [template('manual'), template('ha'), edgeProject()].flatMap((p) => proxiesOf(p).flatMap(tlsHosts));
    certs = await makeCertificates(hosts);
  });

  it('the default template has no reverse proxy, so no Caddyfile', () => {
    expect(caddyfile(exportFiles(template('default')))).toBeUndefined();
  });

  for (const id of ['manual', 'ha'] as const) {
    it(`${id} template`, async () => {
      const file = caddyfile(exportFiles(template(id), { override: { certificate: certs.certificate } }))!;
      expect(file.path).toBe('caddy/Caddyfile');
      expect(file.mode).toBe(0o644);
      const result = await caddyCheck(file.contents);
      expect(result.ok, result.log).toBe(true);
      expect(result.log).toContain('Valid configuration');
      expectSafeJson(result.json!, result.log);
      const files = result.json!.apps.tls!.certificates!.load_files!;
      expect(files.map((f) => f.certificate).sort()).toEqual(
        tlsHosts(proxiesOf(template(id))[0]!)
          .map((h) => certs.certificate(h).cert)
          .sort(),
      );
    });
  }

  it('prefixes, other ports, plain HTTP, re-encryption, escaped paths and a site without locations', async () => {
    const conf = confOf(edgeProject(), { override: { certificate: certs.certificate } });
    const result = await caddyCheck(conf);
    expect(result.ok, result.log).toBe(true);
    expectSafeJson(result.json!, result.log);
    expect(conf).toMatch(/handle \/admin\* \{[^]*?handle \/\* \{/);
    expect(conf).toContain('handle /a%20b%22c%5Cd%3B%7B* {');
    expect(conf).toContain('# twice: auth.example.com/admin is already routed above; not served twice');
    expect(conf).toContain('http://plain.example.com:80 {');
    expect(conf).toContain('redir https://{host}:8443{uri} 301');
    expect(conf).toMatch(
      /https:\/\/ext\.example\.com:443 \{\n\ttls [^\n]+\n\t# Any other path: 404[^\n]*\n\thandle \{\n\t\trespond 404/,
    );
  });
});

describe('caddy export content', () => {
  it('starts with the Portolan header and is byte-stable', () => {
    for (const id of ['manual', 'ha'] as const) {
      const conf = confOf(template(id));
      expect(conf.split('\n')[0]).toMatch(/^# written by Portolan/);
      expect(confOf(template(id))).toBe(conf);
    }
  });

  it('gives every file of the export the same bytes for the same seed', () => {
    expect(exportFiles(template('ha'))).toEqual(exportFiles(template('ha')));
  });

  it('turns off ACME and the admin API, and names each certificate', () => {
    const conf = confOf(template('manual'));
    expect(conf).toMatch(/^\{\n(\t[^\n]*\n)*\tauto_https off\n/m);
    expect(conf).toContain('\tadmin off\n');
    expect(conf).toContain('\thttp_port 80\n\thttps_port 443\n');
    expect(conf).toContain(
      'https://auth.example.com:443 {\n\ttls /etc/portolan/certs/auth.example.com.crt /etc/portolan/certs/auth.example.com.key\n',
    );
  });

  it("finds every replica through Docker's DNS", () => {
    const conf = confOf(template('ha'));
    expect(conf).toContain('dynamic a {\n\t\t\t\tname nextauth\n\t\t\t\tport 8009\n\t\t\t\trefresh 10s\n\t\t\t}');
    expect(conf).not.toMatch(/reverse_proxy [a-z]/);
  });

  it('sends no unknown host or path anywhere, and no REST API', () => {
    const conf = confOf(template('manual'));
    expect(conf).toContain('http://:80 {\n\trespond 404\n}');
    expect(conf).toContain('https://:443 {\n\trespond 404\n}');
    expect(conf).toContain('strict_sni_host on');
    expect(conf).not.toContain('8888');
  });

  it('redirects each TLS host to HTTPS with 301 from its own site block', () => {
    const conf = confOf(template('manual'));
    expect(conf).toContain(
      'http://accounts.auth.example.com:80, http://auth.example.com:80, http://dashboard.auth.example.com:80, http://idp.auth.example.com:80, http://mobile.auth.example.com:80 {\n\tredir https://{host}{uri} 301\n}',
    );
  });

  it('re-encrypts without verification only where the route asks for it, and says why', () => {
    const conf = confOf(edgeProject());
    expect(conf.match(/tls_insecure_skip_verify/g)).toHaveLength(1);
    expect(conf).toContain('# Re-encrypted: TLS to the upstream, whose internal certificate is not verified.');
  });

  it('moves only listen ports, upstream addresses and certificate paths under the test override', () => {
    const plain = confOf(template('manual'));
    const moved = confOf(template('manual'), {
      override: {
        httpsPort: 40443,
        httpPort: 40080,
        upstream: (service, port) => `127.0.0.1:${port + 30000}`,
        certificate: (host) => ({ cert: `/tmp/c/${host}.pem`, key: `/tmp/c/${host}-key.pem` }),
      },
    });
    const dynamic = (service: string, port: number) =>
      [
        'dynamic a {',
        `\tname ${service}`,
        `\tport ${port}`,
        '\trefresh 10s',
        '}',
        'lb_policy round_robin',
        'lb_try_duration 5s',
      ]
        .map((l) => `\t\t\t${l}`)
        .join('\n');
    const undo = moved
      .replace(/:40443\b/g, ':443')
      .replace(/:40080\b/g, ':80')
      .replace(/port 40443/g, 'port 443')
      .replace(/port 40080/g, 'port 80')
      .replace(/\t\t\tto 127\.0\.0\.1:(\d+)/g, (_m, p: string) => {
        const port = Number(p) - 30000;
        return dynamic(port === 8009 || port === 8889 || port === 8888 ? 'nextauth' : 'mgmt', port);
      })
      .replace(/\/tmp\/c\/([a-z.]+)\.pem/g, '/etc/portolan/certs/$1.crt')
      .replace(/\/tmp\/c\/([a-z.]+)-key\.pem/g, '/etc/portolan/certs/$1.key');
    expect(undo).toBe(plain);
  });
});

// Every entry carries a marker so that a leak into any exported byte would be found.
const HOSTILE = [
  'new\nline',
  'semi;colon',
  'open{brace',
  'close}brace',
  'dq"uote',
  "sq'uote",
  'dollar$sign',
  'hash#mark',
  'sp ace',
  'nul\u0000',
  'tab\t',
  'esc\u001b',
  'del\u007f',
  'ls\u2028',
];
const HOSTILE_HOSTS = HOSTILE.map((s) => `evil-${s}.example.com`);
const HOSTILE_PATHS = HOSTILE.map((s) => `/evil-${s}`);
// Any variable: a line break or control character is refused, and so is a `${…}` that names nothing.
const HOSTILE_VALUES = [
  'evil\nNEXTAUTH_X=1',
  'evil\r\n',
  'evil\u0000',
  'evil\u001b[31m',
  'evil\u2029',
  '${EVIL_UNDEFINED}',
];
// In a URL variable every one of these breaks the URL.
const HOSTILE_URLS = HOSTILE.slice(1, 9).map((s) => `wss://evil-${s}.example.com/`);

describe('hostile values never reach the Caddyfile', () => {
  const cases: { what: string; project: () => Project }[] = [
    ...HOSTILE_HOSTS.map((host) => ({
      what: `host ${JSON.stringify(host)}`,
      project: () => patchRoute(template('manual'), 'ws', { host }),
    })),
    ...HOSTILE_PATHS.map((path) => ({
      what: `path ${JSON.stringify(path)}`,
      project: () => patchRoute(template('manual'), 'idp', { path }),
    })),
    ...HOSTILE_VALUES.map((value) => ({
      what: `environment value ${JSON.stringify(value)}`,
      project: () => setEnv(template('manual'), 'mysql', 'MYSQL_DATABASE', value),
    })),
    ...HOSTILE_URLS.map((url) => ({
      what: `NEXTAUTH_DEFAULT_WS_URL ${JSON.stringify(url)}`,
      project: () => setEnv(template('manual'), 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', url),
    })),
  ];

  for (const c of cases) {
    it(`exportProject refuses the ${c.what}`, () => {
      const result = exportProject(c.project(), { random: random(), proxy: 'caddy' });
      expect(result.ok).toBe(false);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(result.diagnostics.every((d) => ['NA027', 'NA031', 'NA032'].includes(d.rule))).toBe(true);
      expect('files' in result).toBe(false);
    });
  }

  it('values the checker accepts (any printable character in a password) stay out of the Caddyfile', () => {
    const value = `pw;{}"'$#x y`;
    const clean = confOf(template('manual'));
    const conf = confOf(setEnv(template('manual'), 'mysql', 'MYSQL_DATABASE', value));
    expect(conf).not.toContain(value);
    expect(conf).toBe(clean);
  });

  describe('exportCaddy itself throws on hand-built plans the checker never saw', () => {
    const plan = buildPlan(template('manual'), { random: random(), proxy: 'caddy' });
    const proxy = plan.proxies[0]!;
    const site = proxy.sites[0]!;
    const location = site.locations[0]!;
    const withSite = (patch: Partial<typeof site>): ProxyPlan => ({ ...proxy, sites: [{ ...site, ...patch }] });
    const run =
      (p: ProxyPlan, extra: Partial<ExportOptions> = {}) =>
      () =>
        exportCaddy(p, plan, { random: random(), ...extra });

    for (const host of HOSTILE_HOSTS) {
      it(`host ${JSON.stringify(host)}`, () => expect(run(withSite({ host }))).toThrow(/refusing/));
    }
    for (const path of HOSTILE_PATHS) {
      it(`path ${JSON.stringify(path)}`, () =>
        expect(run(withSite({ locations: [{ ...location, path }] }))).toThrow(/refusing/));
    }
    it('a service or port name, a component id, an override address or a certificate path', () => {
      const upstream = { ...location.upstream, service: 'mgmt {$HOME}' };
      expect(run(withSite({ locations: [{ ...location, upstream }] }))).toThrow(/refusing/);
      const portName = { ...location.upstream, portName: 'ws\n}' };
      expect(run(withSite({ locations: [{ ...location, upstream: portName }] }))).toThrow(/refusing/);
      expect(run({ ...proxy, entry: { ...proxy.entry, id: 'proxy\n}' as typeof proxy.entry.id } })).toThrow(/refusing/);
      expect(run(proxy, { override: { upstream: () => '127.0.0.1:1 {' } })).toThrow(/refusing/);
      expect(run(proxy, { override: { certificate: () => ({ cert: '/x{y}', key: '/k' }) } })).toThrow(/refusing/);
      expect(run({ ...proxy, certDir: '/a b' })).toThrow(/refusing/);
    });
  });
});
