/**
 * A Caddyfile → imported routes. Each site address (`auth.example.com`,
 * `https://a.example.com:8443`, `http://b.example.com`, `:8080`) is a host on a port, plain or
 * TLS; each `reverse_proxy` in the site — at its top, or inside `handle`, `handle_path` and
 * `route` blocks — is a route for the path its matchers give (`/ws*`, `@ws path /ws*`), to its
 * first upstream. `redir https://{host}{uri}` in a plain site is the HTTP→HTTPS redirect.
 *
 * Automatic HTTPS (https://caddyserver.com/docs/automatic-https, "Activation" and "Effects"):
 * a site with a host name and no `http://` scheme is served over TLS — with certificates Caddy
 * obtains itself unless the site names its own with `tls` — and Caddy redirects plain HTTP on
 * the HTTP port (80, or the global `http_port`) to it. So such a site imports as routes that end
 * TLS plus a redirect, each with an `interpreted` note; `auto_https off` turns both off and
 * `auto_https disable_redirects` the redirect.
 *
 * Caddy forwards WebSocket upgrades through every `reverse_proxy`
 * (https://caddyserver.com/docs/caddyfile/directives/reverse_proxy#streaming), so a route says
 * `websocket: 'unknown'` with an HTTP scheme, unless its matcher requires the handshake
 * (`header Connection *Upgrade*`, `header Upgrade websocket`): then it is a `ws`/`wss` route.
 * Every directive and global option no route or redirect used is a note with its position.
 */
import type { ImportNote, ImportProblem, SourcePos } from '../types';
import { both, evalMatcher, isMatcherToken, matcherDefs, type Alternative, type MatcherDefs } from './caddy-matcher';
import { directiveText, parseCaddyfile, type CaddyDirective, type CaddySite, type CaddyToken } from './caddy-parse';
import { reverseProxyTarget } from './caddy-upstream';
import { modelHost, portNumber, rawModelPath } from './text';
import {
  defaultPort,
  type ImportedRedirect,
  type ImportedRoute,
  type ProxyImportOutcome,
  type ReadFile,
} from './types';

export interface CaddyImportOptions {
  readonly readFile?: ReadFile;
}

type AutoHttps = 'on' | 'off' | 'disable_redirects' | 'disable_certs' | 'ignore_loaded_certs';

interface Globals {
  httpPort: number;
  httpsPort: number;
  autoHttps: AutoHttps;
}

/** One address of a site as Caddy serves it. */
interface Served {
  readonly token: CaddyToken;
  /** Lower-case; empty for a catch-all (`:8080`, `http://`). */
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** TLS for a host name: automatic HTTPS redirects the HTTP port to it. */
  readonly automatic: boolean;
  /** The path of an address like `example.com/api*`. */
  readonly path?: CaddyToken;
}

class Stop extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

const syntax = (at: SourcePos, message: string): Stop =>
  new Stop({ code: 'proxy-syntax', severity: 'error', message, at });

/** Addresses × directives beyond this stop the import: real files stay under a few thousand. */
export const MAX_CADDY_VISITS = 200_000;

/** Directives that answer a request themselves, rather than proxying it. */
const ANSWERS = new Set([
  'respond',
  'abort',
  'error',
  'file_server',
  'static_response',
  'php_fastcgi',
  'acme_server',
  'metrics',
]);

/** Why a directive has no place in a route, for its note. */
function why(name: string): string {
  if (/^(?:header|request_header)$/.test(name)) return 'a header the route model does not hold';
  if (/^(?:uri|rewrite|try_files|map|vars)$/.test(name)) return 'a rewrite of the request';
  if (/^(?:basicauth|basic_auth|forward_auth)$/.test(name)) return 'access control';
  if (/^(?:log|skip_log|log_skip|log_append)$/.test(name)) return 'logging';
  if (/^(?:encode|templates|push|request_body|root|intercept)$/.test(name)) return 'no counterpart in a route';
  return 'a directive this import does not know';
}

const routeKey = (r: ImportedRoute): string => `${r.scheme} ${r.host} ${r.publicPort ?? ''} ${r.path}`;

class CaddyWalk {
  readonly routes: ImportedRoute[] = [];
  readonly redirects: ImportedRedirect[] = [];
  readonly notes: ImportNote[] = [];
  private readonly seen = new Set<string>();
  private readonly globals: Globals = { httpPort: 80, httpsPort: 443, autoHttps: 'on' };
  /** Directives visited so far (a site is walked once per address), against MAX_CADDY_VISITS. */
  private visits = 0;

  private readonly noted = new Set<string>();

  /** A site is walked once per address: each note is kept once. */
  note(kind: ImportNote['kind'], text: string, at: SourcePos): void {
    const key = `${at.file}:${at.line}:${at.column} ${text}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.notes.push({ kind, text, at });
  }

  options(options: readonly CaddyDirective[]): void {
    for (const d of options) {
      const name = d.name.text;
      const value = d.args[0];
      if ((name === 'http_port' || name === 'https_port') && d.args.length === 1 && !d.block) {
        const port = portNumber(value!.text);
        if (port === undefined) throw syntax(value!.at, `${name} needs a port number, not "${value!.text}"`);
        if (name === 'http_port') this.globals.httpPort = port;
        else this.globals.httpsPort = port;
      } else if (
        name === 'auto_https' &&
        value !== undefined &&
        /^(?:off|disable_redirects|disable_certs|ignore_loaded_certs)$/.test(value.text)
      ) {
        this.globals.autoHttps = value.text as AutoHttps;
      } else {
        this.note(
          'not-understood',
          `global option "${directiveText(d)}": no counterpart in a route; not imported`,
          d.name.at,
        );
      }
    }
  }

  /** The addresses of `site` as Caddy serves them (httpcaddyfile's address rules). */
  private served(site: CaddySite, hasTls: boolean): Served[] {
    const out: Served[] = [];
    const g = this.globals;
    for (const token of site.addresses) {
      const missing = token.variables.find((v) => !v.hasDefault);
      if (missing !== undefined) {
        this.note(
          'not-understood',
          `site address ${token.text || '""'}: reads the environment variable ${missing.name}; not imported`,
          token.at,
        );
        continue;
      }
      for (const v of token.variables) {
        this.note(
          'interpreted',
          `site address ${token.text}: the environment variable ${v.name} read as its default`,
          token.at,
        );
      }
      const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^:/]*)(?::([^/]*))?(\/.*)?$/.exec(token.text);
      const scheme = m?.[1]?.toLowerCase();
      if (m === null || (scheme !== undefined && scheme !== 'http' && scheme !== 'https')) {
        this.note(
          'not-understood',
          `site address ${token.text}: not an http:// or https:// address; not imported`,
          token.at,
        );
        continue;
      }
      const host = modelHost(m[2]!);
      let port: number | undefined;
      if (m[3] !== undefined) {
        port = portNumber(m[3]);
        if (port === undefined) throw syntax(token.at, `"${token.text}": "${m[3]}" is not a port`);
      }
      if (host.includes('{')) {
        this.note('not-understood', `site address ${token.text}: a placeholder; not imported`, token.at);
        continue;
      }
      const inferred =
        scheme ??
        (port === g.httpPort || host === '' ? 'http' : port === g.httpsPort || host !== '' ? 'https' : 'http');
      const finalPort = port ?? (inferred === 'http' ? g.httpPort : g.httpsPort);
      let tls = inferred === 'https';
      if (tls && scheme === undefined && g.autoHttps === 'off' && !hasTls) {
        this.note(
          'interpreted',
          `site address ${token.text}: with "auto_https off" and no "tls", Caddy serves plain HTTP on port ${finalPort}`,
          token.at,
        );
        tls = false;
      }
      // Automatic HTTPS manages every TLS site with a host name, whatever its scheme says; it
      // obtains a certificate only where the site names none with `tls`.
      const automatic = tls && host !== '';
      if (automatic && !hasTls && g.autoHttps !== 'disable_certs') {
        this.note(
          'interpreted',
          `site address ${token.text}: automatic HTTPS — Caddy ends TLS for ${host} on port ${finalPort} with a certificate it obtains itself`,
          token.at,
        );
      }
      const path = m[4];
      out.push({
        token,
        host,
        port: finalPort,
        tls,
        automatic,
        ...(path !== undefined ? { path: { ...token, text: path } } : {}),
      });
    }
    return out;
  }

  sites(sites: readonly CaddySite[]): void {
    const taken = new Map<string, CaddyToken>();
    const plainOnHttpPort = new Set<string>();
    const automatic: Served[] = [];
    for (const site of sites) {
      const tlsDirectives = site.directives.filter((d) => d.name.text === 'tls');
      for (const d of tlsDirectives) {
        if (d.args[0]?.text === 'internal') {
          this.note(
            'interpreted',
            `"${directiveText(d)}": certificates from Caddy's own local authority; imported as ending TLS`,
            d.name.at,
          );
        }
      }
      const served = this.served(site, tlsDirectives.length > 0);
      for (const s of served) {
        // Caddy refuses the same address written twice; two spellings of one address it merges
        // (the first block's routes come first, as here).
        const first = taken.get(s.token.text);
        if (first !== undefined) {
          throw syntax(
            s.token.at,
            `ambiguous site definition: ${s.token.text} is also the address at ${first.at.line}:${first.at.column}`,
          );
        }
        taken.set(s.token.text, s.token);
        if (!s.tls && s.port === this.globals.httpPort) plainOnHttpPort.add(s.host);
        if (s.automatic) automatic.push(s);
      }
      if (served.length === 0) continue;
      for (const s of served) this.walkSite(site, s, served);
      this.siteRedirect(site, served);
    }
    this.automaticRedirects(automatic, plainOnHttpPort);
  }

  /** Caddy's own HTTP→HTTPS redirect for the sites automatic HTTPS serves. */
  private automaticRedirects(automatic: readonly Served[], plain: ReadonlySet<string>): void {
    const { autoHttps, httpPort, httpsPort } = this.globals;
    if (autoHttps === 'off' || autoHttps === 'disable_redirects') return;
    const byHost = new Map<string, Served>();
    for (const s of automatic) {
      if (plain.has(s.host) || s.port === httpPort) continue;
      const current = byHost.get(s.host);
      // A host on several HTTPS ports is redirected to the HTTPS port (autohttps.go).
      if (current === undefined || s.port === httpsPort) byHost.set(s.host, s);
    }
    for (const [host, s] of byHost) {
      this.redirects.push({
        hosts: [host],
        port: httpPort,
        ...(s.port !== 443 ? { toPort: s.port } : {}),
        at: s.token.at,
      });
      this.note(
        'interpreted',
        `${host}: automatic HTTPS also redirects plain HTTP on port ${httpPort} to HTTPS`,
        s.token.at,
      );
    }
  }

  /** `redir https://{host}{uri}` at the top of a plain site: the HTTP→HTTPS redirect of its hosts. */
  private siteRedirect(site: CaddySite, served: readonly Served[]): void {
    const redir = site.directives.find((d) => d.name.text === 'redir' && !isMatcherToken(d.args[0]));
    if (redir === undefined) return;
    const to = redir.args[0]?.text ?? '';
    const m = /^https:\/\/(\{host\}|[A-Za-z0-9.-]+)(?::([0-9]+))?\{uri\}$/.exec(to);
    const byPort = new Map<number, string[]>();
    for (const s of served) {
      if (s.tls || m === null || (m[1] !== '{host}' && modelHost(m[1]!) !== s.host)) continue;
      byPort.set(s.port, [...(byPort.get(s.port) ?? []), s.host]);
    }
    if (byPort.size === 0) {
      this.note(
        'not-understood',
        `"${directiveText(redir)}": not a redirect of this site to HTTPS; not imported`,
        redir.name.at,
      );
      return;
    }
    const toPort = m![2] === undefined ? undefined : portNumber(m![2]);
    for (const [port, hosts] of byPort) {
      this.redirects.push({
        hosts: hosts.includes('') ? [] : hosts,
        port,
        ...(toPort !== undefined && toPort !== 443 ? { toPort } : {}),
        at: redir.name.at,
      });
    }
  }

  private walkSite(site: CaddySite, s: Served, served: readonly Served[]): void {
    let outer: Alternative = { websocket: false };
    if (s.path !== undefined) {
      const alts = evalMatcher(s.path, new Map(), s.tls);
      if (typeof alts === 'string' || alts.length !== 1) return;
      outer = alts[0]!;
    }
    const redirected = site.directives.some((d) => d.name.text === 'redir' && !isMatcherToken(d.args[0]));
    for (const d of site.directives) {
      if (d.name.text === 'tls') {
        if (served.every((x) => !x.tls))
          this.note('not-understood', `"${directiveText(d)}": the site is plain HTTP; not imported`, d.name.at);
      }
    }
    this.level(site.directives, outer, s, new Map(), redirected, true);
  }

  /** The directives of one level (a site, or a handle/route block) under the matcher `outer`. */
  private level(
    directives: readonly CaddyDirective[],
    outer: Alternative,
    s: Served,
    inherited: MatcherDefs,
    redirected: boolean,
    top: boolean,
  ): void {
    const defs = new Map(inherited as Map<string, { type: CaddyToken; args: CaddyToken[] }[]>);
    matcherDefs(directives, defs);
    // Caddy's directive order runs handle blocks first, then route, then the answers, then
    // reverse_proxy: an unmatched handle or answer takes every request a later one would.
    this.visits += directives.length;
    if (this.visits > MAX_CADDY_VISITS) {
      throw new Stop({
        code: 'too-many-tokens',
        severity: 'error',
        message: `more than ${MAX_CADDY_VISITS} directive visits (addresses × directives): not a configuration a person wrote`,
        at: s.token.at,
      });
    }
    const answers =
      directives.find((d) => d.name.text === 'handle' && !isMatcherToken(d.args[0])) ??
      directives.find((d) => ANSWERS.has(d.name.text) && !isMatcherToken(d.args[0]));
    for (const d of directives) {
      const name = d.name.text;
      if (name.startsWith('@') || (top && name === 'tls')) continue;
      if (name === 'redir') {
        if (!top || isMatcherToken(d.args[0])) {
          this.note('not-understood', `"${directiveText(d)}": a redirect of some requests; not imported`, d.name.at);
        }
        continue;
      }
      if (redirected) {
        this.note(
          'not-understood',
          `"${directiveText(d)}": never reached (the site redirects every request first)`,
          d.name.at,
        );
        continue;
      }
      if (name === 'reverse_proxy') {
        if (answers !== undefined) {
          this.note(
            'not-understood',
            `"${directiveText(d)}": never reached ("${directiveText(answers)}" answers first)`,
            d.name.at,
          );
          continue;
        }
        this.reverseProxy(d, outer, s, defs);
      } else if (name === 'handle' || name === 'handle_path' || name === 'route') {
        this.group(d, outer, s, defs);
      } else if (ANSWERS.has(name)) {
        this.note(
          'interpreted',
          `"${directiveText(d)}": ${isMatcherToken(d.args[0]) ? 'answers some requests' : 'answers the requests no route takes'} itself; no route`,
          d.name.at,
        );
      } else {
        this.note('not-understood', `"${directiveText(d)}": ${why(name)}; not imported`, d.name.at);
      }
    }
  }

  private matched(
    d: CaddyDirective,
    outer: Alternative,
    s: Served,
    defs: MatcherDefs,
  ): { alts: Alternative[]; rest: readonly CaddyToken[] } {
    const token = isMatcherToken(d.args[0]) ? d.args[0] : undefined;
    const alts = evalMatcher(token, defs, s.tls);
    if (typeof alts === 'string') throw syntax(token!.at, alts);
    const combined = alts.flatMap((a) => {
      const c = both(outer, a);
      return c === undefined ? [] : [c];
    });
    return { alts: combined, rest: token === undefined ? d.args : d.args.slice(1) };
  }

  private group(d: CaddyDirective, outer: Alternative, s: Served, defs: MatcherDefs): void {
    const { alts } = this.matched(d, outer, s, defs);
    if (d.name.text === 'handle_path') {
      this.note(
        'interpreted',
        `"${directiveText(d)}": strips the matched prefix before proxying; imported as a route for that prefix`,
        d.name.at,
      );
    }
    for (const alt of alts) {
      if (alt.unknown !== undefined) {
        this.note('not-understood', `"${directiveText(d)}": ${alt.unknown.why}; not imported`, alt.unknown.at);
        continue;
      }
      this.level(d.block ?? [], alt, s, defs, false, false);
    }
  }

  private reverseProxy(d: CaddyDirective, outer: Alternative, s: Served, defs: MatcherDefs): void {
    const { alts, rest } = this.matched(d, outer, s, defs);
    if (alts.length === 0) return;
    const upstream = reverseProxyTarget(d, rest, this.notes);
    if (upstream === undefined) return;
    for (const alt of alts) {
      if (alt.unknown !== undefined) {
        this.note('not-understood', `"${directiveText(d)}": ${alt.unknown.why}; not imported`, alt.unknown.at);
        continue;
      }
      const hosts = s.host === '' ? alt.hosts : alt.hosts === undefined || alt.hosts.includes(s.host) ? [s.host] : [];
      if (hosts === undefined) {
        this.note(
          'not-understood',
          `"${directiveText(d)}" in the site ${s.token.text}: serves every host name; a route needs one`,
          d.name.at,
        );
        continue;
      }
      const path = alt.path === undefined ? '/' : rawModelPath(alt.path.value);
      if (alt.path?.exact) {
        this.note(
          'interpreted',
          `"${directiveText(d)}": the whole path ${alt.path.value}, imported as the path prefix ${path}`,
          d.name.at,
        );
      }
      for (const host of hosts) {
        const scheme = alt.websocket ? (s.tls ? 'wss' : 'ws') : s.tls ? 'https' : 'http';
        const route: ImportedRoute = {
          scheme,
          host,
          ...(s.port !== defaultPort(scheme) ? { publicPort: s.port } : {}),
          path,
          upstream,
          tls: { terminate: s.tls, reencrypt: upstream.tls },
          websocket: alt.websocket ? 'upgrade' : 'unknown',
          at: d.name.at,
        };
        const key = routeKey(route);
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        this.routes.push(route);
      }
    }
  }
}

/** Reads `text` (the Caddyfile `file`) and what it imports, as routes, redirects and notes. */
export function importCaddyfile(text: string, file: string, options: CaddyImportOptions = {}): ProxyImportOutcome {
  const parsed = parseCaddyfile(text, file, options);
  if (!parsed.ok) return parsed;
  const walk = new CaddyWalk();
  try {
    walk.options(parsed.value.options ?? []);
    walk.sites(parsed.value.sites);
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problems: [e.problem] };
    throw e;
  }
  // A site with several addresses is walked once per address: keep each note once.
  const unique = new Map(
    [...parsed.value.notes, ...walk.notes].map((n) => [`${n.at.file}:${n.at.line}:${n.at.column} ${n.text}`, n]),
  );
  const notes = [...unique.values()].sort((a, b) =>
    a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.line - b.at.line || a.at.column - b.at.column,
  );
  return { ok: true, value: { routes: walk.routes, redirects: walk.redirects, notes }, warnings: parsed.warnings };
}
