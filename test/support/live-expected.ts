/**
 * Imported projects for the live routing suite (test/support/live-routing.ts), and the routing
 * tables written by hand from their original proxy configurations.
 *
 * Each fixture folder (test/fixtures/import/proxy/live/*, and the corpus folders that have one)
 * holds the customer's compose file and proxy configuration, a `fixture.json` naming the import's
 * inputs, and `expected-routes.json`: what a client reaches through each public URL of the
 * ORIGINAL configuration, read by a person, not by the importer. The suite probes those URLs
 * through the exported configuration, so a route the import loses or bends shows up as a wrong
 * (or missing) upstream, even where the imported model and its export agree with each other.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portNumber } from '../../shared/catalog/index';
import { importProject, type ImportInput, type ImportResult } from '../../shared/import/project/index';
import type { Project, RouteScheme } from '../../shared/model/types';
import { CORPUS_DIR, corpusInput } from './import-corpus';
import type { RouteProbe } from './routing';

export const LIVE_FIXTURES_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'import',
  'proxy',
  'live',
);
const TABLE = 'expected-routes.json';

/** One public URL of the original configuration and where it goes. */
export interface ExpectedRoute {
  /** `wss://host/path`: wss/ws where the upgrade is passed, https/wss where TLS ends at the proxy. */
  readonly url: string;
  /** `service:containerPort`. */
  readonly to: string;
  /** The proxy opens TLS to the upstream. */
  readonly reencrypt?: boolean;
  /** What the original writes upstream in place of the route's path (a prefix it strips or replaces). */
  readonly upstreamPath?: string;
  /** `FILE:LINE` of the import report's note on that rewrite (the model holds none). */
  readonly rewriteNoted?: string;
  /** `FILE:LINE` of the location, router or label, for the reader. */
  readonly from: string;
}

export interface ExpectedRouting {
  readonly routes: readonly ExpectedRoute[];
  /** Further URLs and the upstream the original reaches (where a router's priority decides, say). */
  readonly checks?: readonly { readonly url: string; readonly to: string; readonly why: string }[];
  /** URLs the original gives no upstream (answered by the proxy itself, or matched by nothing). */
  readonly unrouted: readonly { readonly url: string; readonly why: string }[];
}

export interface ImportFixture {
  readonly name: string;
  readonly dir: string;
  readonly input: ImportInput;
  readonly expected: ExpectedRouting;
}

export interface PublicUrl {
  readonly scheme: RouteScheme;
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

const SCHEMES: readonly RouteScheme[] = ['http', 'https', 'ws', 'wss'];
export const secureScheme = (s: RouteScheme): boolean => s === 'https' || s === 'wss';

export function parseUrl(url: string): PublicUrl {
  const m = /^([a-z]+):\/\/([a-z0-9.-]+)(?::([0-9]+))?(\/.*)$/.exec(url);
  const scheme = m?.[1] as RouteScheme | undefined;
  if (m === null || scheme === undefined || !SCHEMES.includes(scheme)) throw new Error(`not a route URL: ${url}`);
  const port = m[3] === undefined ? (secureScheme(scheme) ? 443 : 80) : Number(m[3]);
  return { scheme, host: m[2]!, port, path: m[4]! };
}

function fixtureAt(dir: string): ImportFixture {
  const name = dir.split(/[\\/]/).pop()!;
  const meta = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as {
    files: string[];
    envFile: string | null;
    profiles: string[];
    proxyConfigs: string[];
  };
  const expected = JSON.parse(readFileSync(join(dir, TABLE), 'utf8')) as ExpectedRouting;
  const input = corpusInput({ name, dir, dockerCompose1: true, covers: [], ...meta });
  return { name, dir, input, expected };
}

/** Every folder with a hand-written routing table: the live proxy fixtures, then the corpus's. */
export function importFixtures(): ImportFixture[] {
  const dirs = (root: string) =>
    readdirSync(root)
      .map((d) => join(root, d))
      .filter((d) => statSync(d).isDirectory() && existsSync(join(d, TABLE)))
      .sort();
  return [...dirs(LIVE_FIXTURES_DIR), ...dirs(CORPUS_DIR)].map(fixtureAt);
}

export function importedProject(f: ImportFixture): ImportResult {
  const result = importProject(f.input);
  if (!result.ok)
    throw new Error(
      `${f.name} does not import:\n${result.problems.map((p) => `${p.at.file}:${p.at.line}:${p.at.column} ${p.code} ${p.message}`).join('\n')}`,
    );
  return result.value;
}

/** A route as the tables compare it: the URL, `service:port`, and re-encryption when there is one. */
export interface TableRow {
  readonly url: string;
  readonly to: string;
  readonly reencrypt?: true;
}

const row = (url: string, to: string, reencrypt: boolean | undefined): TableRow => ({
  url,
  to,
  ...(reencrypt === true ? { reencrypt: true as const } : {}),
});
const byUrl = (a: TableRow, b: TableRow) => `${a.url} ${a.to}`.localeCompare(`${b.url} ${b.to}`);

export const expectedRows = (e: ExpectedRouting): TableRow[] =>
  e.routes.map((r) => row(r.url, r.to, r.reencrypt)).sort(byUrl);

/** The project's routes as rows, with the port the target really listens on (its override, if any). */
export function modelRows(project: Project): TableRow[] {
  return project.routes
    .map((r) => {
      const target = project.components.find((c) => c.id === r.target)!;
      const port = r.publicPort === undefined ? '' : `:${r.publicPort}`;
      // TLS ends at the proxy exactly for https/wss: a route that says otherwise is shown as such.
      const scheme =
        r.tls.terminate === secureScheme(r.scheme) ? r.scheme : `${r.scheme}(terminate=${r.tls.terminate})`;
      return row(`${scheme}://${r.host}${port}${r.path}`, `${r.target}:${portNumber(target, r.port)}`, r.tls.reencrypt);
    })
    .sort(byUrl);
}

/** A probe of the table: a RouteProbe, plus the path the original sends upstream for it. */
export interface TableProbe extends RouteProbe {
  readonly upstreamPath: string;
  readonly reencrypt: boolean;
}

/** The route of the table that serves `url`: same host and port, the longest path prefix (every flavour here). */
function serving(e: ExpectedRouting, at: PublicUrl): { route: ExpectedRoute; url: PublicUrl } | undefined {
  return e.routes
    .map((route) => ({ route, url: parseUrl(route.url) }))
    .filter(
      ({ url }) =>
        url.host === at.host &&
        url.port === at.port &&
        secureScheme(url.scheme) === secureScheme(at.scheme) &&
        at.path.startsWith(url.path),
    )
    .sort((a, b) => b.url.path.length - a.url.path.length)[0];
}

/**
 * Requests that cover every URL of the table: each route's own path and a path below it, each
 * with the stub the ORIGINAL configuration reaches, and the path it sends there.
 */
export function tableProbes(e: ExpectedRouting): TableProbe[] {
  const checks = (e.checks ?? []).map((c): TableProbe => {
    const url = parseUrl(c.url);
    const served = serving(e, url);
    return {
      host: url.host,
      publicPort: url.port,
      tls: secureScheme(url.scheme),
      websocket: false,
      path: url.path,
      expected: c.to,
      route: `${c.url} (${c.why})`,
      prefix: served?.url.path ?? url.path,
      upstreamPath: url.path,
      reencrypt: served?.route.reencrypt === true,
    };
  });
  const routes = e.routes.flatMap((r) => {
    const url = parseUrl(r.url);
    const below = `${url.path}${url.path.endsWith('/') ? '' : '/'}portolan-probe?x=1`;
    return [url.path, below].map((path) => {
      const served = serving(e, { ...url, path: path.split('?')[0]! })!;
      const rest = path.slice(served.url.path.length);
      const rewritten = served.route.upstreamPath === undefined ? path : `${served.route.upstreamPath}${rest}`;
      return {
        host: url.host,
        publicPort: url.port,
        tls: secureScheme(url.scheme),
        websocket: served.url.scheme === 'ws' || served.url.scheme === 'wss',
        path,
        expected: served.route.to,
        route: `${served.route.url} (${served.route.from})`,
        prefix: served.url.path,
        upstreamPath: rewritten.startsWith('/') ? rewritten : `/${rewritten}`,
        reencrypt: served.route.reencrypt === true,
      };
    });
  });
  return [...routes, ...checks];
}

/** Every host name the table names (routes and unrouted URLs): what the probes need certificates for. */
export const tableHosts = (e: ExpectedRouting): string[] => [
  ...new Set([...e.routes, ...e.unrouted].map((r) => parseUrl(r.url).host)),
];
