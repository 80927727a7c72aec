/**
 * An nginx configuration → imported routes. Each `server` block's listening ports and host
 * names, crossed with each prefix `location` that has a `proxy_pass`, is a route; a server
 * whose only answer is `return 301 https://…` (or that sends plain HTTP there with
 * `if ($scheme = http)`) is the HTTP→HTTPS redirect. Every directive that is neither — headers,
 * timeouts, rewrites, access control, regex locations, global settings — is listed as a note
 * with its position, so nothing of the file is dropped silently. The only directives consumed
 * without a note are the ones every proxied location carries anyway (see BOILERPLATE).
 */
import type { ImportNote } from '../types';
import { parseListen, serverNames, type Listen } from './nginx-listen';
import { directiveText, parseNginx, type NginxDirective } from './nginx-parse';
import { proxyTarget, readUpstreams, type UpstreamServer } from './nginx-upstream';
import { modelPath, sortNotes } from './text';
import {
  defaultPort,
  type ImportedRedirect,
  type ImportedRoute,
  type ImportedUpstream,
  type ListFiles,
  type ProxyImportOutcome,
  type ReadFile,
} from './types';

export interface NginxImportOptions {
  readonly readFile?: ReadFile;
  /** Expands glob includes (`include conf.d/*.conf;`); without it they are noted as not read. */
  readonly listFiles?: ListFiles;
  /** The file an include names, as it is read and shown (see NginxParseOptions). */
  readonly resolve?: (path: string) => string;
}

type Level = readonly NginxDirective[];

/** Request headers a proxying location sets as a matter of course; anything else is noted. */
const FORWARDING_HEADERS: ReadonlyMap<string, RegExp> = new Map([
  ['host', /^\$(?:host|http_host|proxy_host)(?::(?:[0-9]+|\$server_port))?$/],
  ['x-real-ip', /^\$remote_addr$/],
  ['x-forwarded-for', /^\$(?:remote_addr|proxy_add_x_forwarded_for)$/],
  ['x-forwarded-proto', /^(?:\$scheme|https?)$/],
  ['x-forwarded-host', /^\$(?:host|http_host)$/],
  ['x-forwarded-port', /^(?:[0-9]+|\$server_port)$/],
]);

/** What a proxied location is expected to carry, which a route holds implicitly. */
function isBoilerplate(d: NginxDirective, maps: ReadonlyMap<string, string>): boolean {
  const [a, b] = d.args;
  switch (d.name) {
    case 'proxy_http_version':
      return a?.value === '1.1';
    case 'proxy_set_header': {
      if (a === undefined || b === undefined) return false;
      const name = a.value.toLowerCase();
      if (name === 'upgrade' || name === 'connection') return isUpgradeHeader(name, b.value, maps);
      return FORWARDING_HEADERS.get(name)?.test(b.value) ?? false;
    }
    case 'proxy_ssl_server_name':
    case 'proxy_ssl_protocols':
      return true;
    case 'proxy_ssl_verify':
      // Verification is what the model cannot say: `on` (with its trusted certificate) is noted.
      return a?.value === 'off';
    case 'map':
      // `map $http_upgrade $connection_upgrade { … }`: what the Connection header of a WebSocket route reads.
      return a?.value === '$http_upgrade';
    default:
      return false;
  }
}

function isUpgradeHeader(name: string, value: string, maps: ReadonlyMap<string, string>): boolean {
  if (name === 'upgrade') return value === '$http_upgrade' || value.toLowerCase() === 'websocket';
  if (value.toLowerCase() === 'upgrade') return true;
  const variable = /^\$([A-Za-z0-9_]+)$/.exec(value)?.[1];
  return variable !== undefined && maps.get(variable) === '$http_upgrade';
}

/** `return 301 https://…` or `rewrite … https://… permanent|redirect`: the HTTPS port it sends to, if any. */
function httpsRedirect(d: NginxDirective): { toPort?: number } | undefined {
  let url: string | undefined;
  if (d.name === 'return' && /^30[12378]$/.test(d.args[0]?.value ?? '')) url = d.args[1]?.value;
  if (d.name === 'rewrite' && /^(?:permanent|redirect)$/.test(d.args[2]?.value ?? '')) url = d.args[1]?.value;
  // The host is a variable (`$host`, `$server_name`) or a name; a port may follow, then the rest of the URL.
  const m =
    url === undefined ? null : /^https:\/\/(?:\$[A-Za-z0-9_]+|\[[0-9A-Fa-f:.]+\]|[^/?#:$]+)(?::([0-9]+))?/i.exec(url);
  if (m === null) return undefined;
  const port = m[1];
  return port === undefined || port === '443' ? {} : { toPort: Number(port) };
}

/** `if ($scheme = http) { return 301 https://…; }` (or `!= https`): plain HTTP on this server is redirected. */
function schemeRedirect(d: NginxDirective): { toPort?: number } | undefined {
  if (d.name !== 'if' || d.block?.length !== 1) return undefined;
  const condition = d.args.map((a) => a.value).join(' ');
  if (!/^\(\s*\$scheme\s*(?:=\s*http|!=\s*https)\s*\)$/.test(condition)) return undefined;
  return httpsRedirect(d.block[0]!);
}

/**
 * A level's directives by name, indexed once: every location asks its server's level for
 * `proxy_set_header`, `set`, `ssl_certificate`…, which would be quadratic in a server of
 * thousands of locations if each question walked the level again.
 */
const indexes = new WeakMap<Level, Map<string, NginxDirective[]>>();
function named(level: Level, name: string): readonly NginxDirective[] {
  let index = indexes.get(level);
  if (index === undefined) {
    index = new Map();
    for (const d of level) {
      const list = index.get(d.name);
      if (list === undefined) index.set(d.name, [d]);
      else list.push(d);
    }
    indexes.set(level, index);
  }
  return index.get(name) ?? [];
}

/** The innermost level that has `name` decides (nginx's inheritance for array and single directives alike). */
function innermost(levels: readonly Level[], name: string): readonly NginxDirective[] {
  for (let i = levels.length - 1; i >= 0; i--) {
    const found = named(levels[i]!, name);
    if (found.length > 0) return found;
  }
  return [];
}

/** What the locations of one server share. */
interface Site {
  readonly listens: readonly Listen[];
  readonly hosts: readonly string[];
  readonly tls: (l: Listen) => boolean;
  /** Whether this server is the one nginx picks for `host` on `port`. */
  readonly owns: (port: number, host: string) => boolean;
}

const routeKey = (r: ImportedRoute): string => `${r.scheme} ${r.host} ${r.publicPort ?? ''} ${r.path}`;

class NginxWalk {
  readonly routes: ImportedRoute[] = [];
  readonly redirects: ImportedRedirect[] = [];
  readonly notes: ImportNote[] = [];
  private readonly consumed = new Set<NginxDirective>();
  private readonly seen = new Set<string>();
  /** `port host` → the server that serves it first: nginx ignores a later server with the same name. */
  private readonly claimed = new Map<string, NginxDirective>();
  private upstreams = new Map<string, UpstreamServer[]>();
  /** `map` result variable → the variable it maps from. */
  private readonly maps = new Map<string, string>();

  constructor(private readonly top: readonly NginxDirective[]) {}

  run(): void {
    const https = named(this.top, 'http').filter((d) => d.block !== undefined);
    for (const h of https) this.consumed.add(h);
    // A snippet (a sites-enabled file) holds servers at the top; nginx.conf holds them in `http`.
    const contexts: { levels: Level[]; body: Level }[] = [
      { levels: [this.top], body: this.top },
      ...https.map((h) => ({ levels: [h.block!], body: h.block! })),
    ];
    const all = contexts.flatMap((c) => c.body);
    this.upstreams = readUpstreams(named(all, 'upstream'), this.notes, this.consumed);
    for (const m of named(all, 'map')) {
      const [from, to] = m.args;
      if (from !== undefined && to?.value.startsWith('$')) this.maps.set(to.value.slice(1), from.value);
    }
    for (const c of contexts)
      for (const s of named(c.body, 'server')) if (s.block) this.server(s, [...c.levels, s.block]);
    this.noteRest(this.top);
  }

  private note(kind: ImportNote['kind'], text: string, d: NginxDirective): void {
    this.notes.push({ kind, text, at: d.at });
  }

  private server(server: NginxDirective, levels: Level[]): void {
    this.consumed.add(server);
    const body = server.block!;
    const listenDirectives = named(body, 'listen');
    const nameDirectives = named(body, 'server_name');
    for (const d of [...listenDirectives, ...nameDirectives]) this.consumed.add(d);
    let listens = listenDirectives.flatMap((d) => parseListen(d, this.notes) ?? []);
    if (listenDirectives.length === 0) {
      listens = [{ port: 80, ssl: false, defaultServer: false, at: server.at }];
      this.note('interpreted', 'server without "listen": nginx listens on port 80 (8000 when not run as root)', server);
    }
    const names = serverNames(nameDirectives, this.notes);
    const sslOn = innermost(levels, 'ssl').some((d) => d.args[0]?.value === 'on');
    const certificate = innermost(levels, 'ssl_certificate');
    for (const d of [...named(body, 'ssl'), ...certificate, ...innermost(levels, 'ssl_certificate_key')])
      this.consumed.add(d);
    const tlsListen = (l: Listen) => l.ssl || sslOn;
    const where = `server ${names.hosts.join(' ') || '_'} on port ${[...new Set(listens.map((l) => l.port))].join(', ')}`;

    // A `return` in the server itself answers before any location is chosen.
    const answer = body.find((d) => d.name === 'return' || (d.name === 'rewrite' && httpsRedirect(d) !== undefined));
    if (answer !== undefined) {
      this.consumed.add(answer);
      const redirect = httpsRedirect(answer);
      for (const d of named(body, 'ssl_reject_handshake')) this.consumed.add(d);
      if (redirect !== undefined && listens.some((l) => !tlsListen(l))) {
        for (const l of listens.filter((l) => !tlsListen(l))) this.redirect(names.hosts, l, redirect, answer);
      } else {
        this.note(
          'interpreted',
          `${where}: answers every request itself ("${directiveText(answer)}"${names.catchAll ? ', for unknown host names' : ''}); no route`,
          answer,
        );
      }
      for (const loc of named(body, 'location')) {
        this.consumeTree(loc);
        this.note(
          'not-understood',
          `location ${loc.args.map((a) => a.value).join(' ')}: never reached (the server returns first)`,
          loc,
        );
      }
      return;
    }

    let serving = listens;
    for (const d of named(body, 'if')) {
      const redirect = schemeRedirect(d);
      if (redirect === undefined) continue;
      this.consumed.add(d);
      for (const inner of d.block!) this.consumed.add(inner);
      for (const l of listens.filter((l) => !tlsListen(l))) this.redirect(names.hosts, l, redirect, d);
      serving = listens.filter(tlsListen);
    }

    for (const l of serving) {
      if (tlsListen(l) && certificate.length === 0 && names.hosts.length > 0) {
        this.notes.push({
          kind: 'not-understood',
          text: `${where}: listens with TLS on port ${l.port} but names no ssl_certificate; imported as ending TLS`,
          at: l.at,
        });
      }
    }
    const hosts = names.hosts.filter((host) => this.claim(serving, host, server));
    const fallback = serving.find((l) => l.defaultServer);
    if (fallback !== undefined && hosts.length > 0) {
      this.notes.push({
        kind: 'interpreted',
        text: `${where}: the default server of port ${fallback.port}, so requests for unknown host names reach its locations too; routes are imported for its names only`,
        at: fallback.at,
      });
    }
    const site: Site = {
      listens: serving,
      hosts,
      tls: tlsListen,
      owns: (port, host) => this.claimed.get(`${port} ${host}`) === server,
    };
    for (const loc of named(body, 'location')) {
      if (hosts.length === 0) {
        this.consumeTree(loc);
        this.note(
          'not-understood',
          `location ${loc.args.map((a) => a.value).join(' ')}: its server has no host name a route can hold; not imported`,
          loc,
        );
        continue;
      }
      this.location(loc, levels, site);
    }
  }

  /** Whether `server` is the first to serve `host` on each port; nginx ignores the name in a later server. */
  private claim(listens: readonly Listen[], host: string, server: NginxDirective): boolean {
    let mine = false;
    for (const l of listens) {
      const key = `${l.port} ${host}`;
      const first = this.claimed.get(key);
      if (first === undefined || first === server) {
        this.claimed.set(key, server);
        mine = true;
      } else {
        this.note(
          'not-understood',
          `${host} on port ${l.port} is already served by the server at ${first.at.line}:${first.at.column}; nginx ignores this one ("conflicting server name")`,
          server,
        );
      }
    }
    return mine;
  }

  private redirect(hosts: readonly string[], l: Listen, to: { toPort?: number }, d: NginxDirective): void {
    // IPv4 and IPv6 listens on one port are one redirect.
    if (this.redirects.some((r) => r.at === d.at && r.port === l.port)) return;
    this.redirects.push({ hosts, port: l.port, ...to, at: d.at });
  }

  private location(loc: NginxDirective, outer: readonly Level[], site: Site): void {
    this.consumed.add(loc);
    const args = loc.args.map((a) => a.value);
    // `location = /x`, `location =/x`, `location ^~ /x`, `location /x`, `location ~ re`, `location @name`.
    const attached = /^(=|\^~|~\*|~)(.+)$/.exec(args[0] ?? '');
    const [modifier, path]: [string, string] =
      args.length === 2 ? [args[0]!, args[1]!] : attached ? [attached[1]!, attached[2]!] : ['', args[0] ?? ''];
    if (modifier === '~' || modifier === '~*' || path.startsWith('@') || loc.block === undefined) {
      this.note(
        'not-understood',
        `location ${args.join(' ')}: ${path.startsWith('@') ? 'a named location' : 'a regular expression'}; not imported`,
        loc,
      );
      this.consumeTree(loc);
      return;
    }
    if (!path.startsWith('/') || (modifier !== '' && modifier !== '=' && modifier !== '^~')) {
      this.note('not-understood', `location ${args.join(' ')}: not a path a request can match; not imported`, loc);
      return;
    }
    const levels = [...outer, loc.block];
    for (const inner of named(loc.block, 'location')) this.location(inner, levels, site);

    const pass = named(loc.block, 'proxy_pass')[0];
    if (pass === undefined) {
      const answer = named(loc.block, 'return')[0];
      const redirect = answer === undefined ? undefined : httpsRedirect(answer);
      const plain = site.listens.filter((l) => !site.tls(l));
      if (answer !== undefined && redirect !== undefined && path === '/' && plain.length > 0) {
        // `location / { return 301 https://…; }` on a plain port: the redirect, written per location
        // (often beside an ACME challenge location, which is noted on its own).
        this.consumed.add(answer);
        for (const l of plain) this.redirect(site.hosts, l, redirect, answer);
      } else if (answer !== undefined) {
        this.consumed.add(answer);
        this.note(
          'interpreted',
          `location ${args.join(' ')}: answers itself ("${directiveText(answer)}"); no route`,
          loc,
        );
      } else if (named(loc.block, 'location').length === 0) {
        this.note(
          'not-understood',
          `location ${args.join(' ')}: no proxy_pass (files, FastCGI or the like); not imported`,
          loc,
        );
      }
      return;
    }
    this.consumed.add(pass);
    const target = proxyTarget(pass, (name) => this.variable(levels, name), this.upstreams, path);
    if (!target.ok) {
      this.notes.push(target.note);
      return;
    }
    this.notes.push(...target.notes);
    if (modifier === '=') {
      this.note('interpreted', `location = ${path}: an exact match, imported as the path prefix ${path}`, loc);
    }
    const websocket = this.websocket(levels, loc);
    this.addRoutes(loc, modelPath(path), target.upstream, websocket, site);
  }

  /** The value `set $name …` gives in scope (the innermost level, its last `set`), when it is a plain word. */
  private variable(levels: readonly Level[], name: string): string | undefined {
    for (let i = levels.length - 1; i >= 0; i--) {
      const sets = named(levels[i]!, 'set').filter((d) => d.args[0]?.value === `$${name}` && d.args.length === 2);
      const last = sets[sets.length - 1];
      if (last !== undefined) {
        this.consumed.add(last);
        return last.args[1]!.value;
      }
    }
    return undefined;
  }

  private websocket(levels: readonly Level[], loc: NginxDirective): boolean {
    const headers = innermost(levels, 'proxy_set_header');
    const value = (name: string) => headers.find((d) => d.args[0]?.value.toLowerCase() === name)?.args[1]?.value;
    const upgrade = value('upgrade');
    const connection = value('connection');
    const up = upgrade !== undefined && isUpgradeHeader('upgrade', upgrade, this.maps);
    const conn = connection !== undefined && isUpgradeHeader('connection', connection, this.maps);
    if (up !== conn) {
      this.note(
        'interpreted',
        `location ${loc.args.map((a) => a.value).join(' ')}: passes only the ${up ? 'Upgrade' : 'Connection'} header of a WebSocket handshake; imported as plain HTTP`,
        loc,
      );
      return false;
    }
    if (up && innermost(levels, 'proxy_http_version')[0]?.args[0]?.value !== '1.1') {
      this.note(
        'interpreted',
        `location ${loc.args.map((a) => a.value).join(' ')}: WebSocket headers without "proxy_http_version 1.1" (nginx then speaks HTTP/1.0 upstream and the upgrade fails); imported as a WebSocket route`,
        loc,
      );
    }
    return up;
  }

  private addRoutes(
    loc: NginxDirective,
    path: string,
    upstream: ImportedUpstream,
    websocket: boolean,
    site: Site,
  ): void {
    for (const l of site.listens) {
      const tls = site.tls(l);
      const scheme = tls ? (websocket ? 'wss' : 'https') : websocket ? 'ws' : 'http';
      for (const host of site.hosts) {
        if (!site.owns(l.port, host)) continue;
        const route: ImportedRoute = {
          scheme,
          host,
          ...(l.port !== defaultPort(scheme) ? { publicPort: l.port } : {}),
          path,
          upstream,
          tls: { terminate: tls, reencrypt: upstream.tls },
          websocket: websocket ? 'upgrade' : 'none',
          at: loc.at,
        };
        // IPv4 and IPv6 listens on one port make the same route twice.
        const key = routeKey(route);
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        this.routes.push(route);
      }
    }
  }

  /** A block noted as a whole: what it holds needs no note of its own. */
  private consumeTree(d: NginxDirective): void {
    this.consumed.add(d);
    for (const inner of d.block ?? []) this.consumeTree(inner);
  }

  /** Notes every directive no route or redirect used, without descending into the blocks it notes. */
  private noteRest(level: Level): void {
    for (const d of level) {
      if (this.consumed.has(d)) {
        if (d.block) this.noteRest(d.block);
      } else if (!isBoilerplate(d, this.maps)) {
        this.notes.push({
          kind: 'not-understood',
          text: `"${directiveText(d)}"${d.block ? ' { … }' : ''}: ${why(d)}; not imported`,
          at: d.at,
        });
      }
    }
  }
}

/** Why a directive has no place in a route, for the note. */
function why(d: NginxDirective): string {
  const n = d.name;
  if (n === 'proxy_set_header' || n === 'add_header' || n === 'more_set_headers' || n === 'proxy_hide_header')
    return 'a header the route model does not hold';
  if (/_timeout$/.test(n)) return 'a timeout';
  if (n === 'rewrite' || n === 'return' || n === 'if' || n === 'try_files') return 'a rewrite or answer of its own';
  if (/^auth_|^(?:allow|deny|satisfy|limit_except)$/.test(n)) return 'access control';
  if (/^(?:limit_|client_max_body_size)/.test(n)) return 'a limit';
  if (n === 'include') return 'an include that was not read';
  if (/^ssl_|^proxy_ssl_/.test(n)) return 'a TLS setting';
  return 'no counterpart in a route';
}

function uniqueNotes(notes: readonly ImportNote[]): ImportNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.kind}\u0000${n.text}\u0000${n.at.file}:${n.at.line}:${n.at.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reads `text` (the file `file`) and what it includes, as routes, redirects and notes. */
export function importNginx(text: string, file: string, options: NginxImportOptions = {}): ProxyImportOutcome {
  const parsed = parseNginx(text, file, options);
  if (!parsed.ok) return parsed;
  const walk = new NginxWalk(parsed.value.directives);
  walk.run();
  return {
    ok: true,
    value: {
      routes: walk.routes,
      redirects: walk.redirects,
      // A snippet included by several servers says the same thing at the same place each time: once.
      notes: sortNotes(uniqueNotes([...parsed.value.notes, ...walk.notes])),
    },
    warnings: parsed.warnings,
  };
}
