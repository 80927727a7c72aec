/**
 * HAProxy export: every template passes the real `haproxy -c -dW` (HAProxy 2.6 here), the
 * content encodes the deployment facts, hostile values never reach the file, and the output is
 * byte-stable (here run against run; golden.test.ts pins the bytes of every template × flavour).
 */
import { writeFileSync } from 'node:fs';
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
import { exportHaproxy } from '../../shared/export/haproxy';
import type { Project } from '../../shared/model/types';
import type { TemplateId } from '../../shared/templates/index';
import { component, patchComponent, patchRoute, route, setEnv, template } from '../rules/fixtures';
import { cleanUp, makeCertificates, runCommand, tempDir, tlsHosts, type Certificates } from '../support/routing';
import { needTool, toolAvailable } from '../support/tools';

const random = () => seededRandom(7);

// Temp folders and certificates of the harness go when the file is done.
afterAll(cleanUp);
const TEMPLATES: readonly TemplateId[] = ['default', 'manual', 'ha'];

function exportFiles(project: Project, options: Omit<ExportOptions, 'random'> = {}): ExportFile[] {
  const result = exportProject(project, { random: random(), proxy: 'haproxy', ...options });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('\n'));
  return [...result.files];
}

const haproxyCfg = (files: readonly ExportFile[]): ExportFile | undefined =>
  files.find((f) => f.path.endsWith('haproxy.cfg'));
const cfgOf = (project: Project, options: Omit<ExportOptions, 'random'> = {}): string =>
  haproxyCfg(exportFiles(project, options))!.contents;
const proxiesOf = (project: Project): readonly ProxyPlan[] =>
  buildPlan(project, { random: random(), proxy: 'haproxy' }).proxies;

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

/**
 * `haproxy -c -dW` resolves every server name through libc (`init-addr last,libc,none`), and a
 * name that does not resolve is a warning. In the compose network Docker's DNS answers the
 * service names; here a private mount namespace gives HAProxy an /etc/hosts that does the same,
 * so the check runs exactly as written. Where user namespaces are not allowed the check runs
 * without -dW and accepts no warning other than "could not resolve" for the plan's own services.
 */
let namespaces: boolean | undefined;
async function haproxyCheck(contents: string, services: readonly string[]): Promise<{ ok: boolean; log: string }> {
  const dir = tempDir('portolan-haproxy-c-');
  const cfg = join(dir, 'haproxy.cfg');
  const hosts = join(dir, 'hosts');
  writeFileSync(cfg, contents);
  writeFileSync(hosts, `127.0.0.1 localhost\n127.0.0.1 ${services.join(' ')}\n`);
  const inNamespace = (cmd: string) =>
    runCommand('unshare', [
      '--user',
      '--map-root-user',
      '--mount',
      'sh',
      '-c',
      `mount --bind "$0" /etc/hosts && ${cmd}`,
      hosts,
      cfg,
    ]);
  namespaces ??= toolAvailable('unshare') && (await inNamespace('true')).code === 0;
  if (namespaces) {
    const { code, output } = await inNamespace('exec haproxy -c -dW -f "$1"');
    return { ok: code === 0, log: output };
  }
  const { code, output } = await runCommand('haproxy', ['-c', '-f', cfg]);
  const unresolved = new RegExp(
    `could not resolve address '(${services.map((s) => s.replace(/\./g, '\\.')).join('|')})'`,
  );
  const warnings = output.split('\n').filter((l) => /\[(WARNING|ALERT)\]/.test(l) && !unresolved.test(l));
  return { ok: code === 0 && warnings.length === 0, log: output };
}

const servicesOf = (project: Project): string[] => buildPlan(project, { random: random() }).services.map((s) => s.name);

describe.skipIf(
  needTool('haproxy', 'haproxy -c on exported configs').skip || needTool('openssl', 'test certificates').skip,
)('haproxy export passes haproxy -c -dW', () => {
  let certs: Certificates;
  beforeAll(async () => {
    const hosts = [...TEMPLATES.map(template), edgeProject()].flatMap((p) => proxiesOf(p).flatMap(tlsHosts));
    certs = await makeCertificates(hosts);
  });

  it('the default template has no reverse proxy, so no haproxy.cfg', () => {
    expect(haproxyCfg(exportFiles(template('default'), {}))).toBeUndefined();
  });

  for (const id of ['manual', 'ha'] as const) {
    it(`${id} template`, async () => {
      const files = exportFiles(template(id), { override: { certificate: certs.certificate } });
      const cfg = haproxyCfg(files)!;
      expect(cfg.path).toBe('haproxy/haproxy.cfg');
      expect(cfg.mode).toBe(0o644);
      const result = await haproxyCheck(cfg.contents, servicesOf(template(id)));
      expect(result.ok, result.log).toBe(true);
    });
  }

  it('prefixes, other ports, plain HTTP, re-encryption, escaped paths and a site without locations', async () => {
    const cfg = cfgOf(edgeProject(), { override: { certificate: certs.certificate } });
    const result = await haproxyCheck(cfg, servicesOf(edgeProject()));
    expect(result.ok, result.log).toBe(true);
    expect(cfg).toContain('use_backend be_mgmt_80 if host_auth.example.com { path_beg /admin }');
    expect(cfg).toContain('use_backend be_nextauth_8889 if host_alt.example.com { path_beg /a%20b%22c%5Cd%3B%7B }');
    expect(cfg).toContain('# twice: auth.example.com/admin is already routed above; not served twice');
    // The plain site shares port 80 with the redirect, which leaves it out of the redirects.
    expect(cfg).toContain('use_backend be_mgmt_82 if host_plain.example.com { path_beg / }');
    expect(cfg).not.toContain('https://plain.example.com');
    expect(cfg).toContain('http-request redirect prefix https://alt.example.com:8443 code 301');
    expect(cfg).toMatch(
      /backend be_nextauth_8009_tls\n[^]*?server-template nextauth 1 nextauth:8009 ssl verify none check/,
    );
  });
});

describe('haproxy export content', () => {
  it('starts with the Portolan header and is byte-stable', () => {
    for (const id of ['manual', 'ha'] as const) {
      const cfg = cfgOf(template(id));
      expect(cfg.split('\n')[0]).toMatch(/^# written by Portolan/);
      expect(cfgOf(template(id))).toBe(cfg);
    }
  });

  it('gives every file of the export the same bytes for the same seed', () => {
    const a = exportFiles(template('ha'));
    const b = exportFiles(template('ha'));
    expect(b).toEqual(a);
  });

  it('resolves every replica through Docker DNS with a slot each', () => {
    const cfg = cfgOf(template('ha'));
    expect(cfg).toContain('resolvers docker\n    # ');
    expect(cfg).toContain('nameserver dns 127.0.0.11:53');
    expect(cfg).toContain('hold valid 10s');
    expect(cfg).toContain('accepted_payload_size 8192');
    expect(cfg).toContain('server-template nextauth 3 nextauth:8009 check resolvers docker init-addr last,libc,none');
    expect(cfg).toContain('server-template mgmt 1 mgmt:80 check resolvers docker init-addr last,libc,none');
  });

  it('sets every timeout, with a long tunnel timeout for WebSockets', () => {
    const cfg = cfgOf(template('manual'));
    for (const t of [
      'connect',
      'client',
      'server',
      'http-request',
      'http-keep-alive',
      'queue',
      'client-fin',
      'server-fin',
    ]) {
      expect(cfg).toMatch(new RegExp(`^    timeout ${t} \\d+s$`, 'm'));
    }
    expect(cfg).toContain('timeout tunnel 1h');
    expect(cfg).not.toMatch(/^\s*daemon/m);
    expect(cfg).toContain('log stdout format raw local0');
  });

  it('sends no unknown host or path anywhere, and no REST API', () => {
    const cfg = cfgOf(template('manual'));
    expect(cfg.match(/default_backend \S+/g)).toEqual(['default_backend not_found', 'default_backend not_found']);
    expect(cfg).toContain('backend not_found\n    # Everything no route maps ends here');
    expect(cfg).toContain('http-request return status 404');
    expect(cfg.slice(cfg.indexOf('\nbackend not_found\n'))).not.toContain('server');
    expect(cfg).not.toContain('8888');
    // Every routing rule names its host; there is no rule without one.
    for (const line of cfg.split('\n').filter((l) => l.includes('use_backend')))
      expect(line).toMatch(/ if host_[a-z.]+ \{ path_beg \//);
  });

  it('picks the certificate by SNI and answers 421 when the Host header names another host', () => {
    const cfg = cfgOf(template('manual'));
    const bind = cfg.split('\n').find((l) => l.includes('bind :443'))!;
    expect(bind.match(/ crt \/etc\/portolan\/certs\/[a-z.]+\.crt/g)).toHaveLength(5);
    expect(cfg).toContain('ssl-load-extra-del-ext');
    expect(cfg).toContain('http-request return status 421');
    expect(cfg).toContain('ssl_fc_sni');
  });

  it('redirects each TLS host to HTTPS with 301, naming the host itself', () => {
    const cfg = cfgOf(template('manual'));
    expect(cfg).toContain(
      'http-request redirect prefix https://auth.example.com code 301 if { var(txn.host) -m str auth.example.com }',
    );
    expect(cfg.match(/redirect prefix/g)).toHaveLength(5);
  });

  it('re-encrypts without verification only where the route asks for it, and says why', () => {
    const cfg = cfgOf(edgeProject());
    expect(cfg.match(/ssl verify none/g)).toHaveLength(1);
    expect(cfg).toContain('# Re-encrypted: TLS to the upstream, whose internal certificate is not verified.');
  });

  it('moves only listen ports, upstream addresses and certificate paths under the test override', () => {
    const plain = cfgOf(template('manual'));
    const moved = cfgOf(template('manual'), {
      override: {
        httpsPort: 40443,
        httpPort: 40080,
        upstream: (service, port) => `127.0.0.1:${port + 30000}`,
        certificate: (host) => ({ cert: `/tmp/c/${host}.pem`, key: `/tmp/c/${host}.key` }),
      },
    });
    const undo = moved
      .replace(/bind :40443/g, 'bind :443')
      .replace(/bind :40080/g, 'bind :80')
      .replace(/server (\w+) 127\.0\.0\.1:(\d+) check/g, (_m, service: string, p: string) => {
        const port = Number(p) - 30000;
        return `server-template ${service} 1 ${service}:${port} check resolvers docker init-addr last,libc,none resolve-prefer ipv4`;
      })
      .replace(/\/tmp\/c\/([a-z.]+)\.pem/g, '/etc/portolan/certs/$1.crt');
    expect(undo).toBe(plain);
  });

  it('takes a combined PEM, or a key beside the certificate, and refuses a key HAProxy would not find', () => {
    const proxy = proxiesOf(template('manual'))[0]!;
    const plan = buildPlan(template('manual'), { random: random(), proxy: 'haproxy' });
    const run = (certificate: (host: string) => { cert: string; key: string }) =>
      exportHaproxy(proxy, plan, { random: random(), override: { certificate } });
    expect(() => run((h) => ({ cert: `/x/${h}.pem`, key: `/x/${h}.pem` }))).not.toThrow();
    expect(() => run((h) => ({ cert: `/x/${h}.pem`, key: `/x/${h}.key` }))).not.toThrow();
    expect(() => run((h) => ({ cert: `/x/${h}.pem`, key: `/y/${h}.key` }))).toThrow(/reads the key/);
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

describe('hostile values never reach haproxy.cfg', () => {
  const cases: { what: string; project: () => Project }[] = [
    ...HOSTILE_HOSTS.map((host) => ({
      what: `host ${JSON.stringify(host)}`,
      project: () => patchRoute(template('ha'), 'ws', { host }),
    })),
    ...HOSTILE_PATHS.map((path) => ({
      what: `path ${JSON.stringify(path)}`,
      project: () => patchRoute(template('ha'), 'mobile-api', { path }),
    })),
    ...HOSTILE_VALUES.map((value) => ({
      what: `environment value ${JSON.stringify(value)}`,
      project: () => setEnv(template('ha'), 'nextauth', 'NEXTAUTH_KV_URI', value),
    })),
    ...HOSTILE_URLS.map((url) => ({
      what: `NEXTAUTH_DEFAULT_WS_URL ${JSON.stringify(url)}`,
      project: () => setEnv(template('ha'), 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', url),
    })),
  ];

  for (const c of cases) {
    it(`exportProject refuses the ${c.what}`, () => {
      const result = exportProject(c.project(), { random: random(), proxy: 'haproxy' });
      expect(result.ok).toBe(false);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(result.diagnostics.every((d) => ['NA027', 'NA031', 'NA032'].includes(d.rule))).toBe(true);
      expect('files' in result).toBe(false);
    });
  }

  it('values the checker accepts (any printable character in a password) stay out of haproxy.cfg', () => {
    const value = `pw;{}"'$#x y`;
    const clean = cfgOf(template('ha'));
    const cfg = cfgOf(setEnv(template('ha'), 'nextauth', 'NEXTAUTH_LICENSE', value));
    expect(cfg).not.toContain(value);
    expect(cfg).toBe(clean);
  });

  describe('exportHaproxy itself throws on hand-built plans the checker never saw', () => {
    const plan = buildPlan(template('ha'), { random: random(), proxy: 'haproxy' });
    const proxy = plan.proxies[0]!;
    const site = proxy.sites[0]!;
    const location = site.locations[0]!;
    const withSite = (patch: Partial<typeof site>): ProxyPlan => ({ ...proxy, sites: [{ ...site, ...patch }] });
    const run =
      (p: ProxyPlan, extra: Partial<ExportOptions> = {}) =>
      () =>
        exportHaproxy(p, plan, { random: random(), ...extra });

    for (const host of HOSTILE_HOSTS) {
      it(`host ${JSON.stringify(host)}`, () => expect(run(withSite({ host }))).toThrow(/refusing/));
    }
    for (const path of HOSTILE_PATHS) {
      it(`path ${JSON.stringify(path)}`, () =>
        expect(run(withSite({ locations: [{ ...location, path }] }))).toThrow(/refusing/));
    }
    it('a service or port name, a component id, an override address or a certificate path', () => {
      const upstream = { ...location.upstream, service: 'nextauth check; x' };
      expect(run(withSite({ locations: [{ ...location, upstream }] }))).toThrow(/refusing/);
      const portName = { ...location.upstream, portName: 'ws\n}' };
      expect(run(withSite({ locations: [{ ...location, upstream: portName }] }))).toThrow(/refusing/);
      expect(run({ ...proxy, entry: { ...proxy.entry, id: 'lb\nglobal' as typeof proxy.entry.id } })).toThrow(
        /refusing/,
      );
      expect(run(proxy, { override: { upstream: () => '127.0.0.1:1 backup' } })).toThrow(/refusing/);
      expect(run(proxy, { override: { certificate: () => ({ cert: '/x#y', key: '/x#y' }) } })).toThrow(/refusing/);
      expect(run({ ...proxy, certDir: '/a b' })).toThrow(/refusing/);
    });
  });
});
