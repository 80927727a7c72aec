import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan, exportProject, seededRandom, type ExportFile, type ProxyPlan } from '../../shared/export/index';
import { exportNginx } from '../../shared/export/nginx';
import type { Project, ProxyFlavour } from '../../shared/model/types';
import type { TemplateId } from '../../shared/templates/index';
import { component, patchComponent, patchRoute, route, setEnv, template } from '../rules/fixtures';
import { cleanUp, makeCertificates, runCommand, tempDir, tlsHosts, type Certificates } from '../support/routing';
import { needTool } from '../support/tools';

const random = () => seededRandom(7);
const TEMPLATES: readonly TemplateId[] = ['default', 'manual', 'ha'];
const FLAVOURS: readonly (ProxyFlavour | undefined)[] = [undefined, 'nginx', 'haproxy', 'caddy', 'traefik'];

afterAll(cleanUp);

const nginxProxies = (project: Project, proxy?: ProxyFlavour): ProxyPlan[] =>
  buildPlan(project, { random: random(), ...(proxy ? { proxy } : {}) }).proxies.filter((p) => p.flavour === 'nginx');

function exportFiles(
  project: Project,
  options: Omit<Parameters<typeof exportProject>[1], 'random'> = {},
): ExportFile[] {
  const result = exportProject(project, { random: random(), ...options });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('\n'));
  return [...result.files];
}

const nginxConf = (files: readonly ExportFile[]): ExportFile => files.find((f) => f.path.endsWith('nginx.conf'))!;

/** `nginx -t` on a config in its own prefix, pid file and error log: nothing touches /etc or /run. */
async function nginxTest(contents: string): Promise<{ ok: boolean; log: string }> {
  const dir = tempDir('portolan-nginx-t-');
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, contents);
  const { code, output } = await runCommand('nginx', [
    '-t',
    '-c',
    file,
    '-p',
    dir,
    '-g',
    `pid ${dir}/nginx.pid;`,
    '-e',
    `${dir}/error.log`,
  ]);
  return { ok: code === 0, log: output + readFileSync(join(dir, 'error.log'), 'utf8') };
}

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
    id: 'ctl',
    scheme: 'https',
    host: 'alt.example.com',
    publicPort: 8443,
    path: '/x%0a',
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
    id: 'same',
    scheme: 'https',
    host: 'auth.example.com',
    path: '/%61dmin',
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

describe.skipIf(
  needTool('nginx', 'nginx -t on exported configs').skip || needTool('openssl', 'test certificates').skip,
)('nginx export passes nginx -t', () => {
  let certs: Certificates;
  const cases = TEMPLATES.flatMap((id) =>
    FLAVOURS.map((flavour) => ({ id, flavour, hasNginx: nginxProxies(template(id), flavour).length > 0 })),
  );

  beforeAll(async () => {
    const hosts = [...cases.filter((c) => c.hasNginx), { id: 'manual' as const, flavour: 'nginx' as const }].flatMap(
      (c) => nginxProxies(template(c.id), c.flavour).flatMap(tlsHosts),
    );
    certs = await makeCertificates([...hosts, ...nginxProxies(edgeProject()).flatMap(tlsHosts)]);
  });

  it('covers the templates that have an nginx proxy', () => {
    expect(cases.filter((c) => c.hasNginx).map((c) => `${c.id}/${c.flavour ?? 'as drawn'}`)).toEqual([
      'manual/as drawn',
      'manual/nginx',
      'ha/nginx',
    ]);
  });

  for (const c of cases.filter((x) => x.hasNginx)) {
    it(`${c.id} template, proxy ${c.flavour ?? 'as drawn'}`, async () => {
      const files = exportFiles(template(c.id), {
        ...(c.flavour ? { proxy: c.flavour } : {}),
        override: { certificate: certs.certificate },
      });
      const conf = nginxConf(files);
      expect(conf.path).toBe('nginx/nginx.conf');
      expect(conf.mode).toBe(0o644);
      const result = await nginxTest(conf.contents);
      expect(result.ok, result.log).toBe(true);
      expect(result.log).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    });
  }

  it('prefixes, other ports, plain HTTP, re-encryption and escaped paths', async () => {
    const conf = nginxConf(exportFiles(edgeProject(), { override: { certificate: certs.certificate } })).contents;
    const result = await nginxTest(conf);
    expect(result.ok, result.log).toBe(true);
    expect(result.log).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    expect(conf).toContain('location ^~ "/a b\\"c\\\\d;{" {');
    // %0a decodes to a line break: written as given, so it can never start a new line.
    expect(conf).toContain('location ^~ /x%0a {');
    expect(conf).toContain('# twice: /admin is already routed above; not served twice');
    expect(conf).toContain('# admin: /admin is already routed above; not served twice');
    expect(conf).toMatch(/server_name alt\.example\.com;\n[^]*?return 301 https:\/\/\$host:8443\$request_uri;/);
  });
});

describe('nginx export content', () => {
  const manual = () => nginxConf(exportFiles(template('manual'))).contents;

  it('is deterministic and starts with the Portolan header', () => {
    expect(manual()).toBe(manual());
    expect(manual().split('\n')[0]).toMatch(/^# written by Portolan/);
  });

  it("resolves service names per request through Docker's DNS", () => {
    const conf = nginxConf(exportFiles(template('ha'), { proxy: 'nginx' })).contents;
    expect(conf).toContain('resolver 127.0.0.11 valid=10s ipv6=off;');
    expect(conf).toContain(
      'set $target_nextauth_8009 http://nextauth:8009;\n            proxy_pass $target_nextauth_8009;',
    );
    expect(conf).not.toMatch(/proxy_pass http/);
  });

  it('upgrades WebSockets with long timeouts on wss routes only', () => {
    const conf = manual();
    const ws = conf.slice(conf.indexOf('server_name auth.example.com;'));
    expect(ws.slice(0, ws.indexOf('\n    }'))).toMatch(
      /Upgrade \$http_upgrade;[^]*Connection \$connection_upgrade;[^]*proxy_read_timeout 1h;/,
    );
    expect(conf.match(/proxy_read_timeout 1h;/g)).toHaveLength(1);
  });

  it('re-encrypts with SNI when the route asks for it', () => {
    const conf = nginxConf(exportFiles(edgeProject())).contents;
    expect(conf).toContain('set $target_nextauth_8009 https://nextauth:8009;');
    expect(conf).toContain('proxy_ssl_server_name on;');
  });

  it('refuses unknown host names on every port and sends no REST API anywhere', () => {
    const conf = manual();
    expect(conf).toContain(
      'listen 443 ssl default_server;\n        server_name _;\n        ssl_reject_handshake on;\n        return 404;',
    );
    expect(conf).toContain('listen 80 default_server;\n        server_name _;\n        return 404;');
    expect(conf).not.toContain(':8888');
  });

  it('moves only listen ports, upstream addresses and certificate paths under the test override', () => {
    const plain = manual();
    const moved = nginxConf(
      exportFiles(template('manual'), {
        override: {
          httpsPort: 40443,
          httpPort: 40080,
          upstream: (service, port) => `127.0.0.1:${port + 30000}`,
          certificate: (host) => ({ cert: `/tmp/c/${host}.pem`, key: `/tmp/c/${host}.key` }),
        },
      }),
    ).contents;
    const undo = moved
      .replace(/listen 127\.0\.0\.1:40443/g, 'listen 443')
      .replace(/listen 127\.0\.0\.1:40080/g, 'listen 80')
      .replace(/127\.0\.0\.1:(\d+)/g, (_m, p: string) => {
        const port = Number(p) - 30000;
        return `${port === 8009 || port === 8889 || port === 8888 ? 'nextauth' : 'mgmt'}:${port}`;
      })
      .replace(/\/tmp\/c\/([a-z.]+)\.pem/g, '/etc/portolan/certs/$1.crt')
      .replace(/\/tmp\/c\/([a-z.]+)\.key/g, '/etc/portolan/certs/$1.key');
    expect(undo).toBe(plain);
  });
});

// Every entry carries a marker so that a leak into any exported byte would be found.
const HOSTILE_HOSTS = [
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
  'del\u007f',
  'ls\u2028',
].map((s) => `evil-${s}.example.com`);
const HOSTILE_PATHS = [
  '/new\nline',
  '/semi;colon',
  '/open{brace',
  '/close}brace',
  '/dq"uote',
  "/sq'uote",
  '/dollar$sign',
  '/hash#mark',
  '/sp ace',
  '/bel\u0007',
  '/cr\r',
  '/evil\u0085',
];
// In a URL variable every one of these breaks the URL; in any variable a line break or control
// character is refused, and so is a `${…}` that names nothing.
const HOSTILE_URLS = [
  'semi;colon',
  'open{brace',
  'close}brace',
  'dq"uote',
  "sq'uote",
  'dollar$sign',
  'hash#mark',
  'sp ace',
].map((s) => `wss://evil-${s}.example.com/`);
const HOSTILE_VALUES = [
  'evil\nNEXTAUTH_X=1',
  'evil\r\n',
  'evil\u0000',
  'evil\u001b[31m',
  'evil\u2029',
  '${EVIL_UNDEFINED}',
];

describe('hostile values never reach nginx.conf', () => {
  const cases: { what: string; project: () => Project; marker: string }[] = [
    ...HOSTILE_HOSTS.map((host) => ({
      what: `host ${JSON.stringify(host)}`,
      project: () => patchRoute(template('manual'), 'ws', { host }),
      marker: host,
    })),
    ...HOSTILE_PATHS.map((path) => ({
      what: `path ${JSON.stringify(path)}`,
      project: () => patchRoute(template('manual'), 'ws', { path }),
      marker: path,
    })),
    ...HOSTILE_URLS.map((url) => ({
      what: `NEXTAUTH_DEFAULT_WS_URL ${JSON.stringify(url)}`,
      project: () => setEnv(template('manual'), 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', url),
      marker: url,
    })),
    ...HOSTILE_VALUES.map((value) => ({
      what: `environment value ${JSON.stringify(value)}`,
      project: () => setEnv(template('manual'), 'mysql', 'MYSQL_DATABASE', value),
      marker: value,
    })),
  ];

  for (const c of cases) {
    it(`refuses the ${c.what}`, () => {
      const result = exportProject(c.project(), { random: random(), proxy: 'nginx' });
      expect(result.ok).toBe(false);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(result.diagnostics.every((d) => ['NA027', 'NA031', 'NA032'].includes(d.rule))).toBe(true);
      expect('files' in result).toBe(false);
    });
  }

  it('passwords the checker accepts (any printable character) stay out of nginx.conf', () => {
    const value = `pw;{}"'$#x y`;
    const files = exportFiles(setEnv(template('manual'), 'mysql', 'MYSQL_DATABASE', value), { proxy: 'nginx' });
    expect(nginxConf(files).contents).not.toContain(value);
  });

  describe('exportNginx itself throws on hand-built plans the checker never saw', () => {
    const plan = buildPlan(template('manual'), { random: random(), proxy: 'nginx' });
    const proxy = plan.proxies[0]!;
    const site = proxy.sites[0]!;
    const withSite = (patch: Partial<typeof site>): ProxyPlan => ({ ...proxy, sites: [{ ...site, ...patch }] });
    const location = site.locations[0]!;

    for (const host of HOSTILE_HOSTS) {
      it(`host ${JSON.stringify(host)}`, () => {
        expect(() => exportNginx(withSite({ host }), plan, { random: random() })).toThrow(/refusing/);
      });
    }
    for (const path of HOSTILE_PATHS) {
      it(`path ${JSON.stringify(path)}`, () => {
        expect(() => exportNginx(withSite({ locations: [{ ...location, path }] }), plan, { random: random() })).toThrow(
          /refusing/,
        );
      });
    }
    it('an upstream address or certificate path from a broken override', () => {
      const options = (override: Parameters<typeof exportNginx>[2]['override']) => ({ random: random(), override });
      expect(() => exportNginx(proxy, plan, options({ upstream: () => '127.0.0.1:1; evil' }))).toThrow(/refusing/);
      expect(() => exportNginx(proxy, plan, options({ certificate: () => ({ cert: '/x;y', key: '/k' }) }))).toThrow(
        /refusing/,
      );
      expect(() => exportNginx(proxy, plan, { random: random(), certDir: '/a b' })).not.toThrow();
      expect(() => exportNginx({ ...proxy, certDir: '/a $b' }, plan, { random: random() })).toThrow(/refusing/);
    });
  });
});
