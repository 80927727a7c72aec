/**
 * One table of proxy-exporter cases for every flavour (nginx, HAProxy, Caddy, Traefik):
 *
 * - the projects every exporter is run on (PROJECT_CASES), from templates to projects that use
 *   every branch the exporters have;
 * - the hostile values nothing may carry into a configuration (HOSTILE and friends);
 * - one adapter per flavour (ADAPTERS): how the real tool checks its files (`nginx -t`,
 *   `haproxy -c -dW`, `caddy validate`, the Traefik schemas), how to find a value in its output,
 *   and the few facts that differ by flavour (the header line, the re-encryption line, how to
 *   undo the test override, which hand-built fields it has no need to refuse).
 *
 * test/export/proxy-exporters.test.ts runs every case against every adapter; the flavour files
 * (test/export/{nginx,haproxy,caddy,traefik}.test.ts) keep only what is that flavour's own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import Ajv from 'ajv';
import { expect } from 'vitest';
import { parse } from 'yaml';
import {
  buildPlan,
  exportProject,
  seededRandom,
  type DeploymentPlan,
  type ExportFile,
  type ExportOptions,
  type ProxyPlan,
  type RandomSource,
  type TestOverride,
} from '../../shared/export/index';
import { entryPointName } from '../../shared/export/traefik';
import type { Project, ProxyFlavour } from '../../shared/model/types';
import type { TemplateId } from '../../shared/templates/index';
import { component, patchComponent, patchRoute, route, setEnv, template } from './fixtures';
import { runCommand, tempDir, tlsHosts, type Certificates } from './routing';
import { toolAvailable } from './tools';

// ---------------------------------------------------------------------------------------------
// Exporting

export const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];

export const random = (): RandomSource => seededRandom(7);

const loaded = new Map<TemplateId, Project>();
/**
 * A template as a project, loaded once per test file: loading parses YAML (milliseconds each,
 * which hundreds of hostile cases would pay again and again), and projects are immutable values.
 */
export function base(id: TemplateId): Project {
  let project = loaded.get(id);
  if (project === undefined) loaded.set(id, (project = template(id)));
  return project;
}

export type Exported = Extract<ReturnType<typeof exportProject>, { ok: true }>;

/** The whole export of `project` with every proxy as `flavour` (as drawn when undefined); throws when refused. */
export function exportWith(
  project: Project,
  flavour: ProxyFlavour | undefined,
  options: Omit<ExportOptions, 'random' | 'proxy'> & { random?: RandomSource } = {},
): Exported {
  const result = exportProject(project, { random: random(), ...(flavour ? { proxy: flavour } : {}), ...options });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('\n'));
  return result;
}

/** The configuration files of every proxy of the export (Traefik: static, then dynamic). */
export function proxyFiles(result: Exported): ExportFile[] {
  const paths = result.plan.proxies.flatMap((p) => [p.configFile, ...(p.dynamicFile ? [p.dynamicFile] : [])]);
  return paths.map((path) => result.files.find((f) => f.path === path)!);
}

/** The text of the proxy configuration files, one after the other. */
export const proxyText = (result: Exported): string =>
  proxyFiles(result)
    .map((f) => f.contents)
    .join('\n');

/** The configuration of the only proxy of `project` as `flavour` (Traefik: both files). */
export const configOf = (
  project: Project,
  flavour: ProxyFlavour,
  options: Omit<ExportOptions, 'random' | 'proxy'> = {},
): string => proxyText(exportWith(project, flavour, options));

// ---------------------------------------------------------------------------------------------
// The projects every exporter is run on

/**
 * manual, extended with what the templates do not have: a longer prefix under a host, another
 * TLS port (8443) with its own redirect, plain HTTP, re-encryption, percent-escapes (one that
 * decodes to quote, backslash, `;` and `{`, one that decodes to a line break, one that decodes
 * to an existing prefix), a path routed twice, and a site whose only route goes to a container
 * that is not deployed (so it has no locations).
 */
export function edgeProject(): Project {
  let p = base('manual');
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
  const https = { scheme: 'https' as const, via: 'proxy' };
  p = route(p, { ...https, id: 'admin', host: 'auth.example.com', path: '/admin', target: 'mgmt', port: 'dashboard' });
  const alt = { ...https, host: 'alt.example.com', publicPort: 8443 };
  p = route(p, { ...alt, id: 'alt', path: '/', target: 'mgmt', port: 'accounts' });
  p = route(p, { ...alt, id: 'esc', path: '/a%20b%22c%5Cd%3B%7B', target: 'nextauth', port: 'mobile' });
  p = route(p, { ...alt, id: 'ctl', path: '/x%0a', target: 'nextauth', port: 'mobile' });
  p = route(p, {
    id: 'plain',
    scheme: 'http',
    host: 'plain.example.com',
    path: '/',
    via: 'proxy',
    target: 'mgmt',
    port: 'idp',
  });
  p = route(p, { ...https, id: 'same', host: 'auth.example.com', path: '/%61dmin', target: 'mgmt', port: 'idp' });
  p = route(p, { ...https, id: 'twice', host: 'auth.example.com', path: '/admin', target: 'mgmt', port: 'idp' });
  // A route to a container that is not deployed leaves its site without locations.
  p = component(p, { id: 'ext-mgmt', kind: 'nextauth-mgmt', name: 'external mgmt', position: { x: 0, y: 0 } });
  p = patchComponent(p, 'ext-mgmt', { properties: { external: true } });
  return route(p, { ...https, id: 'ext', host: 'ext.example.com', path: '/', target: 'ext-mgmt', port: 'dashboard' });
}

/**
 * manual with the rest of what the exporters have a branch for: replicas, nested prefixes on
 * one host, an escaped unreserved character, TLS on 442 and 8443, re-encryption on another
 * route, the REST API routed on purpose, and TLS passed through (Traefik routes it by SNI; the
 * others say in a comment that they do not serve it).
 */
export function featureProject(): Project {
  let p = base('manual');
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
  const dashboard = { ...https, host: 'dashboard.auth.example.com', target: 'mgmt' };
  p = route(p, { ...dashboard, id: 'dash-api', path: '/api/', port: 'accounts' });
  p = route(p, { ...dashboard, id: 'dash-api-v2', path: '/api/v2/', port: 'idp' });
  p = route(p, { ...dashboard, id: 'tilde', path: '/%7Euser/', port: 'idp' });
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
  return route(p, {
    ...https,
    id: 'pass',
    host: 'pass.auth.example.com',
    path: '/',
    target: 'nextauth',
    port: 'mobile',
    tls: { terminate: false, reencrypt: false },
  });
}

export interface ProjectCase {
  readonly id: string;
  readonly title: string;
  readonly project: () => Project;
}

export const PROJECT_CASES: readonly ProjectCase[] = [
  { id: 'default', title: 'default template (portmap, no reverse proxy)', project: () => base('default') },
  { id: 'manual', title: 'manual template', project: () => base('manual') },
  { id: 'ha', title: 'ha template (replicas)', project: () => base('ha') },
  {
    id: 'edge',
    title: 'manual with prefixes, port 8443, plain HTTP, re-encryption, escapes and a site without locations',
    project: edgeProject,
  },
  {
    id: 'features',
    title: 'manual with replicas, nested prefixes, ports 442 and 8443, a routed REST API and TLS passthrough',
    project: featureProject,
  },
];

/** The flavour each template draws its reverse proxy in (`exportProject` without `proxy`). */
export const DRAWN_FLAVOURS: Readonly<Record<TemplateId, readonly ProxyFlavour[]>> = {
  default: [],
  manual: ['nginx'],
  ha: ['haproxy'],
};

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Characters that could break out of a directive, a rule, a YAML scalar, a .env line or a shell. */
export const HOSTILE: readonly string[] = [
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

/** C0 and C1 controls, DEL and the Unicode line separators: refused wherever they are. */
// eslint-disable-next-line no-control-regex -- control characters are the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A test title that shows every character, printable or not. */
export const show = (v: string): string =>
  v.replace(/[^\x21-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Values of any variable the checker refuses: line breaks and controls, and a `${…}` that names nothing. */
export const HOSTILE_VALUES: readonly string[] = [
  'evil\nNEXTAUTH_X=1',
  'evil\r\n',
  'evil\u0000',
  'evil\u001b[31m',
  'evil\u2029',
  '${EVIL_UNDEFINED}',
];

/** In a URL variable every one of these breaks the URL. */
export const HOSTILE_URLS: readonly string[] = [
  'semi;colon',
  'open{brace',
  'close}brace',
  'dq"uote',
  "sq'uote",
  'dollar$sign',
  'hash#mark',
  'sp ace',
].map((s) => `wss://evil-${s}.example.com/`);

/** Printable punctuation the checker accepts in a secret: the .env and compose writers quote it. */
export const ACCEPTED_SECRET = `pw;{}"'$#x y`;

export interface HostileProject {
  readonly what: string;
  readonly project: () => Project;
  /** The route a diagnostic must name, for values on a route. */
  readonly route?: string;
}

/** Projects the checker must refuse before any file is written (NA027, NA031, NA032). */
export const HOSTILE_PROJECTS: readonly HostileProject[] = [
  ...HOSTILE.flatMap((v) => [
    {
      what: `host ${show(`evil-${v}.example.com`)} (manual, ws)`,
      project: () => patchRoute(base('manual'), 'ws', { host: `evil-${v}.example.com` }),
      route: 'ws',
    },
    {
      what: `host ${show(`auth.example.com${v}`)} (ha, ws)`,
      project: () => patchRoute(base('ha'), 'ws', { host: `auth.example.com${v}` }),
      route: 'ws',
    },
    {
      what: `path ${show(`/a${v}b/`)} (manual, dashboard)`,
      project: () => patchRoute(base('manual'), 'dashboard', { path: `/a${v}b/` }),
      route: 'dashboard',
    },
    {
      what: `path ${show(`/${v}`)} (ha, mobile-api)`,
      project: () => patchRoute(base('ha'), 'mobile-api', { path: `/${v}` }),
      route: 'mobile-api',
    },
  ]),
  ...HOSTILE_URLS.map((url) => ({
    what: `NEXTAUTH_DEFAULT_WS_URL ${show(url)}`,
    project: () => setEnv(base('manual'), 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', url),
  })),
  ...HOSTILE_VALUES.flatMap((value) => [
    {
      what: `MYSQL_DATABASE ${show(value)} (manual)`,
      project: () => setEnv(base('manual'), 'mysql', 'MYSQL_DATABASE', value),
    },
    {
      what: `NEXTAUTH_KV_URI ${show(value)} (ha)`,
      project: () => setEnv(base('ha'), 'nextauth', 'NEXTAUTH_KV_URI', value),
    },
  ]),
];

/** What the test override (TestOverride) may move; every adapter says how to move it back. */
export const TEST_OVERRIDE: TestOverride = {
  httpsPort: 40443,
  httpPort: 40080,
  upstream: (_service, port) => `127.0.0.1:${port + 30000}`,
  certificate: (host) => ({ cert: `/tmp/c/${host}.pem`, key: `/tmp/c/${host}.key` }),
};

/** The service behind each upstream port of a plan (ports are unique per service in the templates). */
export function servicesByPort(plan: DeploymentPlan): (port: number) => string {
  const byPort = new Map<number, string>();
  for (const proxy of plan.proxies)
    for (const site of proxy.sites) for (const l of site.locations) byPort.set(l.upstream.port, l.upstream.service);
  return (port) => {
    const service = byPort.get(port);
    if (service === undefined) throw new Error(`no upstream on port ${port}`);
    return service;
  };
}

// ---------------------------------------------------------------------------------------------
// The flavours

/** The fields of a hand-built plan (or of the options) an exporter writes somewhere. */
export type PlanField =
  | 'host'
  | 'path'
  | 'route id'
  | 'service'
  | 'port name'
  | 'component id'
  | 'override address'
  | 'override certificate'
  | 'certificate folder';

export interface ProxyAdapter {
  readonly flavour: ProxyFlavour;
  /** What checks the files for real, for test titles: `nginx -t`, … */
  readonly check: string;
  /** Programs the check runs (skipped when missing, a failure under REQUIRE_REAL_TOOLS=1). */
  readonly tools: readonly string[];
  /** The files of its only proxy, in order. */
  readonly files: readonly string[];
  /** Runs the check on the export of `project`, with certificates for its TLS hosts from `certs`. */
  readonly validate: (project: Project, certs: Certificates) => Promise<void>;
  /** The first line of each of its files, for the proxy `id`. */
  readonly header: (id: string) => RegExp;
  /** Whether `value` reaches its files, in whatever quoting the format writes it. */
  readonly carries: (files: readonly ExportFile[], value: string) => boolean;
  /** A line written once per re-encrypted location, and the comment that says why it is not verified. */
  readonly reencrypt: { readonly each: RegExp; readonly why: RegExp };
  /** The manual template's export under TEST_OVERRIDE, moved back by hand. */
  readonly undoOverride: (moved: string, serviceAt: (port: number) => string) => string;
  /**
   * Hand-built values it writes without refusing, and how (default: every hostile value is
   * refused). `quoted`: written as a quoted scalar, found whole by `carries`; `unused`: never written.
   */
  readonly accepts?: Partial<
    Record<PlanField, { readonly when: (value: string) => boolean; readonly as: 'quoted' | 'unused' }>
  >;
}

/**
 * Any warning fails, but one: the test certificates are self-signed, so nginx cannot staple OCSP
 * for them (no issuer, no responder URL) and says so — as it would for any certificate without an
 * OCSP responder. A CA-issued certificate staples.
 */
const STAPLING_IMPOSSIBLE = /"ssl_stapling" ignored, (?:issuer certificate not found|no OCSP responder URL)/;
const hasWarning = (log: string): boolean =>
  log.split('\n').some((line) => /\[(warn|emerg|alert|crit)\]/.test(line) && !STAPLING_IMPOSSIBLE.test(line));

/** `nginx -t` on a config in its own prefix, pid file and error log: nothing touches /etc or /run. */
export async function nginxTest(contents: string): Promise<{ ok: boolean; log: string }> {
  const dir = tempDir('portolan-nginx-t-');
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, contents);
  const args = ['-t', '-c', file, '-p', dir, '-g', `pid ${dir}/nginx.pid;`, '-e', `${dir}/error.log`];
  const { code, output } = await runCommand('nginx', args);
  return { ok: code === 0, log: output + readFileSync(join(dir, 'error.log'), 'utf8') };
}

/**
 * `haproxy -c -dW` resolves every server name through libc (`init-addr last,libc,none`), and a
 * name that does not resolve is a warning. In the compose network Docker's DNS answers the
 * service names; here a private mount namespace gives HAProxy an /etc/hosts that does the same,
 * so the check runs exactly as written. Where user namespaces are not allowed the check runs
 * without -dW and accepts no warning other than "could not resolve" for the plan's own services.
 */
let namespaces: boolean | undefined;
export async function haproxyCheck(
  contents: string,
  services: readonly string[],
): Promise<{ ok: boolean; log: string }> {
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
export async function caddyCheck(contents: string): Promise<{ ok: boolean; log: string; json?: CaddyJson }> {
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
function expectSafeCaddyJson(json: CaddyJson, log: string): void {
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

/** The export of `project` as `flavour` with the harness's certificates, and its one proxy. */
function withCertificates(project: Project, flavour: ProxyFlavour, certs: Certificates) {
  const result = exportWith(project, flavour, { override: { certificate: certs.certificate } });
  expect(result.plan.proxies).toHaveLength(1);
  const proxy = result.plan.proxies[0]!;
  return { result, proxy, contents: result.files.find((f) => f.path === proxy.configFile)!.contents };
}

/** Text formats: a value reaches the file when its characters do. */
const inText = (files: readonly ExportFile[], value: string): boolean => files.some((f) => f.contents.includes(value));

/** Caddy's `dynamic a` upstream block, as written for an upstream without a test override. */
const caddyDynamic = (service: string, port: number): string =>
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

const NGINX: ProxyAdapter = {
  flavour: 'nginx',
  check: 'nginx -t',
  tools: ['nginx'],
  files: ['nginx/nginx.conf'],
  validate: async (project, certs) => {
    const { contents } = withCertificates(project, 'nginx', certs);
    const result = await nginxTest(contents);
    expect(result.ok, result.log).toBe(true);
    expect(hasWarning(result.log), result.log).toBe(false);
  },
  header: (id) => new RegExp(`^# written by Portolan: nginx configuration of ${id}$`),
  carries: inText,
  reencrypt: {
    each: /^\s*proxy_ssl_verify off;$/gm,
    why: /# Re-encrypted to the upstream\. Its certificate is internal/,
  },
  undoOverride: (moved, serviceAt) =>
    moved
      .replace(/listen 127\.0\.0\.1:40443/g, 'listen 443')
      .replace(/listen 127\.0\.0\.1:40080/g, 'listen 80')
      .replace(/127\.0\.0\.1:(\d+)/g, (_m, p: string) => `${serviceAt(Number(p) - 30000)}:${Number(p) - 30000}`)
      .replace(/\/tmp\/c\/([a-z.]+)\.pem/g, '/etc/portolan/certs/$1.crt')
      .replace(/\/tmp\/c\/([a-z.]+)\.key/g, '/etc/portolan/certs/$1.key'),
};

const HAPROXY: ProxyAdapter = {
  flavour: 'haproxy',
  check: 'haproxy -c -dW',
  tools: ['haproxy'],
  files: ['haproxy/haproxy.cfg'],
  validate: async (project, certs) => {
    const { result, contents } = withCertificates(project, 'haproxy', certs);
    const checked = await haproxyCheck(
      contents,
      result.plan.services.map((s) => s.name),
    );
    expect(checked.ok, checked.log).toBe(true);
  },
  header: (id) => new RegExp(`^# written by Portolan: HAProxy configuration of ${id}$`),
  carries: inText,
  reencrypt: {
    each: / ssl verify none /g,
    why: /# Re-encrypted: TLS to the upstream, whose internal certificate is not verified\./,
  },
  undoOverride: (moved) =>
    moved
      .replace(/bind :40443/g, 'bind :443')
      .replace(/bind :40080/g, 'bind :80')
      .replace(/server (\w+) 127\.0\.0\.1:(\d+) check/g, (_m, service: string, p: string) => {
        const port = Number(p) - 30000;
        return `server-template ${service} 1 ${service}:${port} check resolvers docker init-addr last,libc,none resolve-prefer ipv4`;
      })
      // HAProxy reads the key beside the certificate: only the certificate is named.
      .replace(/\/tmp\/c\/([a-z.]+)\.pem/g, '/etc/portolan/certs/$1.crt'),
};

const CADDY: ProxyAdapter = {
  flavour: 'caddy',
  check: 'caddy validate',
  tools: ['caddy'],
  files: ['caddy/Caddyfile'],
  validate: async (project, certs) => {
    const { proxy, contents } = withCertificates(project, 'caddy', certs);
    const result = await caddyCheck(contents);
    expect(result.ok, result.log).toBe(true);
    expect(result.log).toContain('Valid configuration');
    expectSafeCaddyJson(result.json!, result.log);
    // Every TLS host's certificate is loaded, and nothing else.
    const loadFiles = result.json!.apps.tls?.certificates?.load_files ?? [];
    expect(loadFiles.map((f) => f.certificate).sort()).toEqual(
      tlsHosts(proxy)
        .map((h) => certs.certificate(h).cert)
        .sort(),
    );
  },
  header: (id) => new RegExp(`^# written by Portolan: Caddy configuration of ${id}$`),
  carries: inText,
  reencrypt: {
    each: /^\t+tls_insecure_skip_verify$/gm,
    why: /# Re-encrypted: TLS to the upstream, whose internal certificate is not verified\./,
  },
  undoOverride: (moved, serviceAt) =>
    moved
      .replace(/:40443\b/g, ':443')
      .replace(/:40080\b/g, ':80')
      .replace(/port 40443/g, 'port 443')
      .replace(/port 40080/g, 'port 80')
      .replace(/\t\t\tto 127\.0\.0\.1:(\d+)/g, (_m, p: string) =>
        caddyDynamic(serviceAt(Number(p) - 30000), Number(p) - 30000),
      )
      .replace(/\/tmp\/c\/([a-z.]+)\.pem/g, '/etc/portolan/certs/$1.crt')
      .replace(/\/tmp\/c\/([a-z.]+)\.key/g, '/etc/portolan/certs/$1.key'),
};

/** Every string scalar of a YAML document. */
function scalars(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(scalars);
  if (node !== null && typeof node === 'object') return Object.values(node).flatMap(scalars);
  return [];
}

const TRAEFIK: ProxyAdapter = {
  flavour: 'traefik',
  check: 'the Traefik v3 schemas and cross-checks',
  tools: [],
  files: ['traefik/traefik.yml', 'traefik/dynamic.yml'],
  validate: (project) => {
    expect(checkAll(project)).toHaveLength(handBuiltPlan('traefik', project).proxies.length);
    return Promise.resolve();
  },
  header: (id) =>
    new RegExp(
      `^# Traefik (static configuration|routers, services and certificates) for ${id} — written by Portolan\\.$`,
    ),
  // YAML quotes what needs quoting: a value is carried when its characters are in the text (a
  // comment, a plain scalar) or a scalar holds them once parsed. Parsing strictly also proves the
  // file is still YAML.
  carries: (files, value) => {
    const parsed = files.map((f) => scalars(parse(f.contents, { strict: true, uniqueKeys: true }) as unknown));
    return inText(files, value) || parsed.some((strings) => strings.some((s) => s.includes(value)));
  },
  reencrypt: {
    each: /^ +serversTransport: upstream-tls-no-verify$/gm,
    why: /# Re-encrypted upstreams show an internal certificate [^]*?cannot be verified/,
  },
  undoOverride: (moved, serviceAt) =>
    moved
      .replaceAll('address: ":40080"', 'address: ":80"')
      .replaceAll('address: ":40443"', 'address: ":443"')
      .replace(/(:\/\/|address: ")127\.0\.0\.1:(\d+)/g, (_m, before: string, p: string) => {
        const port = Number(p) - 30000;
        return `${before}${serviceAt(port)}:${port}`;
      })
      .replace(/\/tmp\/c\/([a-z0-9.-]+)\.pem/g, '/etc/portolan/certs/$1.crt')
      .replace(/\/tmp\/c\/([a-z0-9.-]+)\.key/g, '/etc/portolan/certs/$1.key'),
  accepts: {
    // Port names only label the other flavours' comments; Traefik names services by port number.
    'port name': { when: () => true, as: 'unused' },
    // File paths are YAML scalars, quoted where needed: anything printable is a path Traefik can open.
    'override certificate': { when: (v) => !CONTROL.test(v), as: 'quoted' },
    'certificate folder': { when: (v) => !CONTROL.test(v), as: 'quoted' },
  },
};

export const ADAPTERS: readonly ProxyAdapter[] = [NGINX, HAPROXY, CADDY, TRAEFIK];

// ---------------------------------------------------------------------------------------------
// Traefik: the schemas and the cross-checks they cannot make (shared with traefik.test.ts)

const SCHEMAS = fileURLToPath(new URL('../../../shared/schemas/', import.meta.url));
const readSchema = (name: string): object => JSON.parse(readFileSync(`${SCHEMAS}${name}`, 'utf8')) as object;

/**
 * Both schemas are draft-07 (ajv's default draft) and compile in ajv's full strict mode, so strict
 * stays on: a newer copy that needs laxer settings fails here, loudly, instead of being half-checked.
 * `allErrors` lists every problem at once. Formats: neither schema uses the `format` keyword (the
 * `format` in them is a property name of log and accessLog), and ajv-formats is not installed. In
 * strict mode ajv refuses to compile a schema with a format it does not know (pinned by a test
 * in traefik.test.ts), so a newer copy that adds one cannot pass silently unchecked.
 */
export const AJV_OPTIONS = { strict: true, allErrors: true } as const;
const ajv = new Ajv(AJV_OPTIONS);
export const validateStatic = ajv.compile(readSchema('traefik-v3.json'));
export const validateDynamic = ajv.compile(readSchema('traefik-v3-file-provider.json'));

type Yaml = Record<string, unknown>;
interface Router {
  entryPoints?: string[];
  rule: string;
  priority?: number;
  service: string;
  middlewares?: string[];
  tls?: { passthrough?: boolean };
}
export interface TraefikFiles {
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

export const traefikOptions = (extra: Partial<ExportOptions> = {}): ExportOptions => ({
  random: seededRandom(42),
  proxy: 'traefik',
  ...extra,
});

export function traefikExport(project: Project, extra: Partial<ExportOptions> = {}): Exported {
  const result = exportProject(project, traefikOptions(extra));
  if (!result.ok) throw new Error(`export refused: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result;
}

/** The two Traefik files of each proxy, parsed strictly (duplicate keys are errors). */
export function traefikOf(files: readonly ExportFile[], plan: DeploymentPlan): TraefikFiles[] {
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
      static: parse(staticText, strict) as TraefikFiles['static'],
      dynamic: parse(dynamicText, strict) as TraefikFiles['dynamic'],
    };
  });
}

export function expectValid(t: TraefikFiles): void {
  expect(validateStatic(t.static) ? [] : validateStatic.errors).toEqual([]);
  expect(validateDynamic(t.dynamic) ? [] : validateDynamic.errors).toEqual([]);
}

export const routersOf = (t: TraefikFiles): Record<string, Router> => ({
  ...t.dynamic.http?.routers,
  ...t.dynamic.tcp?.routers,
});

/** What the schemas cannot see: names that must exist, and no insecure API. */
export function expectConsistent(t: TraefikFiles): void {
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
export const addressPort = (address: string): number => Number(address.split(':').pop());

/** The container ports compose publishes for the proxy (`hostPort:containerPort`). */
export function publishedPorts(files: readonly ExportFile[], proxy: ProxyPlan): number[] {
  const compose = parse(files.find((f) => f.path === 'docker-compose.yml')!.contents) as {
    services: Record<string, { ports?: string[] }>;
  };
  // Each port once: a public port is bound on both address families (`0.0.0.0:…` and `[::]:…`).
  return [...new Set((compose.services[proxy.entry.id]!.ports ?? []).map((p) => Number(p.split(':').pop())))];
}

/** Traefik matches the decoded request path; escapes of unreserved characters mean the character itself. */
const decodedUnreserved = (path: string) =>
  path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9._~-]/.test(c) ? c : escape;
  });

/** Every location of the plan has its router, with the right rule, entry point, TLS and upstream. */
export function expectEveryRoute(t: TraefikFiles, plan: DeploymentPlan): void {
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

/** Export as Traefik and check everything: schemas, names, every route, the published ports. */
export function checkAll(project: Project, extra: Partial<ExportOptions> = {}): TraefikFiles[] {
  const result = traefikExport(project, extra);
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

/** A plan built without the checker, for calling an exporter directly with values it never saw. */
export function handBuiltPlan(flavour: ProxyFlavour, project: Project = base('manual')): DeploymentPlan {
  return buildPlan(project, { random: random(), proxy: flavour });
}
