/**
 * An HAProxy configuration → imported routes. Each frontend (or listen section) in HTTP mode
 * routes by its `use_backend … if …` rules, in order, then its `default_backend`: every
 * alternative of a rule's condition that names host names (Host header, or TLS SNI) and at
 * most one path prefix is a route on each `bind` of the frontend, to the backend's server. A
 * bind with `ssl crt …` ends TLS there; a server with `ssl` is re-encrypted. An
 * `http-request redirect scheme https` (or `redirect prefix https://…`) on a plain bind is the
 * HTTP→HTTPS redirect. In TCP mode a rule on `req.ssl_sni` passes TLS through to the server.
 *
 * HAProxy forwards WebSocket upgrades on every HTTP route by itself (configuration manual,
 * "timeout tunnel": the connection switches to tunnel mode after the 101 response), so a route
 * says `websocket: 'unknown'` with an HTTP scheme, unless its condition requires the handshake
 * (`hdr(upgrade) -i websocket`), which makes it a `ws`/`wss` route.
 *
 * Every line no route or redirect used — timeouts, logging, headers, health checks, global
 * settings — is a note with its position; the lines every Portolan-written backend carries
 * (the forwarding headers) are consumed without one.
 */
import type { ImportNote, ImportProblem, SourcePos } from '../types';
import {
  evaluate,
  parseCondition,
  parseCriterion,
  type Alternative,
  type Condition,
  type Criterion,
  type EvalContext,
} from './haproxy-acl';
import { backendTarget, type BackendTarget } from './haproxy-backend';
import { lineText, parseHaproxy, type HaproxyLine, type HaproxySection, type HaproxyWord } from './haproxy-parse';
import { portNumber, rawModelPath } from './text';
import { defaultPort, type ImportedRedirect, type ImportedRoute, type ProxyImportOutcome } from './types';

interface Bind {
  readonly port: number;
  readonly tls: boolean;
  readonly at: SourcePos;
}

class Stop extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

/** Binds × rules beyond this stop the import: real files stay under a few thousand. */
export const MAX_RULE_EVALUATIONS = 200_000;

const PROXIES = new Set(['frontend', 'backend', 'listen', 'defaults']);
const keywordOf = (l: HaproxyLine): string => l.words[0]!.value;
const nameOf = (s: HaproxySection): string => s.args[0]?.value ?? '';

/** `:443`, `*:80`, `1.2.3.4:80`, `:::443`, `[::]:443`, `ipv6@:443` → the port; a reason otherwise. */
function bindPort(word: HaproxyWord): number | string {
  const unset = word.variables.find((v) => !v.hasDefault);
  if (unset !== undefined) return `reads the environment variable ${unset.name}`;
  const text = word.value.replace(/^(?:ipv4|ipv6|tcp|tcp4|tcp6)@/, '');
  if (/^(?:quic4|quic6|udp|udp4|udp6)@/.test(text)) return 'a QUIC (HTTP/3) or UDP listener';
  if (/^[a-z0-9]+@/.test(text) || text.startsWith('/')) return 'a socket, not a port';
  const colon = text.lastIndexOf(':');
  if (colon === -1) return 'no port';
  const port = text.slice(colon + 1);
  if (/^[0-9]+-[0-9]+$/.test(port)) return 'a range of ports';
  return portNumber(port) ?? `"${port}" is not a port`;
}

/** Header lines a Portolan-written (or any forwarding) proxy carries, which a route holds implicitly. */
function isBoilerplate(l: HaproxyLine): boolean {
  const w = l.words.map((x) => x.value);
  const k = w[0];
  // A backend's mode follows its frontend's (HAProxy refuses a mismatch itself).
  if (k === 'mode' && (w[1] === 'http' || w[1] === 'tcp') && w.length === 2) return true;
  if (k === 'option' && w[1] === 'forwardfor') return true;
  if (k === 'http-request' && (w[1] === 'set-header' || w[1] === 'add-header' || w[1] === 'del-header')) {
    return /^x-forwarded-(?:for|proto|port|host)$|^x-real-ip$/i.test(w[2] ?? '');
  }
  return false;
}

/** Why a line has no place in a route, for its note. */
function why(l: HaproxyLine): string {
  const [k = '', a = ''] = l.words.map((x) => x.value);
  if (k === 'timeout' || k.startsWith('timeout')) return 'a timeout';
  if (
    k === 'option' &&
    /^(?:http-server-close|httpclose|http-keep-alive|forceclose|http-pretend-keepalive|http-no-delay)$/.test(a)
  )
    return 'connection handling (HAProxy forwards WebSocket upgrades either way)';
  if (
    /^(?:log|log-format|log-tag|capture|unique-id-format|unique-id-header|error-log-format)$/.test(k) ||
    (k === 'option' && /log/.test(a))
  )
    return 'logging';
  if (
    /^(?:balance|hash-type|cookie|stick|stick-table|retries|retry-on|persist|hash-balance-factor)$/.test(k) ||
    (k === 'option' && a === 'redispatch')
  )
    return 'load balancing';
  if (/^(?:http-check|default-server|external-check)$/.test(k) || (k === 'option' && /check/.test(a)))
    return 'health checks';
  if (/^(?:maxconn|fullconn|rate-limit|backlog)$/.test(k)) return 'a limit';
  if ((k === 'http-request' || k === 'http-response' || k === 'http-after-response') && /header$/.test(a))
    return 'a header the route model does not hold';
  if (
    k === 'tcp-request' ||
    k === 'tcp-response' ||
    (k === 'http-request' && /^(?:deny|auth|tarpit|reject|silent-drop)$/.test(a))
  )
    return 'access control';
  if (/^(?:errorfile|errorfiles|errorloc|errorloc302|errorloc303|http-error)$/.test(k)) return 'an error page';
  if (k === 'compression' || k === 'filter') return 'a filter';
  if (k === 'http-request' || k === 'http-response') return 'a rule of its own';
  if (
    /^(?:bind|server|server-template|use_backend|default_backend|acl|redirect|mode|option|description|id|enabled|disabled|monitor-uri|monitor|stats|dispatch|source|http-reuse|use-server|force-persist|ignore-persist|declare|email-alert|max-keep-alive-queue|max-session-srv-conns|http-send-name-header|clitcpka-cnt|srvtcpka-cnt|load-server-state-from-file|server-state-file-name|guid)$/.test(
      k,
    )
  )
    return 'no counterpart in a route';
  return 'a keyword this import does not know';
}

const routeKey = (r: ImportedRoute): string => `${r.scheme} ${r.host} ${r.publicPort ?? ''} ${r.path}`;

class HaproxyWalk {
  readonly routes: ImportedRoute[] = [];
  readonly redirects: ImportedRedirect[] = [];
  readonly notes: ImportNote[] = [];
  private readonly consumed = new Set<HaproxyLine>();
  private readonly seen = new Set<string>();
  private readonly noted = new Set<string>();
  private readonly backends = new Map<string, HaproxySection>();
  private readonly used = new Set<HaproxySection>();
  private readonly targets = new Map<HaproxySection, BackendTarget>();
  private readonly redirectKeys = new Set<string>();
  /** Rules evaluated so far, against MAX_RULE_EVALUATIONS. */
  private evaluations = 0;
  private readonly defaultsOf = new Map<HaproxySection, HaproxySection | undefined>();

  constructor(private readonly sections: readonly HaproxySection[]) {}

  private note(kind: ImportNote['kind'], text: string, at: SourcePos): void {
    const key = `${at.file}:${at.line}:${at.column} ${text}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.notes.push({ kind, text, at });
  }

  run(): void {
    this.index();
    for (const s of this.sections) {
      if (s.kind === 'frontend' || s.kind === 'listen') this.frontend(s);
      else if (!PROXIES.has(s.kind)) {
        this.note(
          'not-understood',
          `${[s.kind, ...s.args.map((a) => a.value)].join(' ')}: ${s.kind === 'global' ? 'process-wide settings' : `a ${s.kind} section`} (${s.lines.length} line${s.lines.length === 1 ? '' : 's'}); not imported`,
          s.at,
        );
      }
    }
    for (const s of this.sections) {
      if (s.kind === 'backend' && !this.used.has(s)) {
        this.note('not-understood', `backend ${nameOf(s)}: no frontend sends requests to it; not imported`, s.at);
        for (const l of s.lines) this.consumed.add(l);
      }
    }
    for (const s of this.sections) {
      if (!PROXIES.has(s.kind)) continue;
      for (const l of s.lines) {
        if (this.consumed.has(l) || isBoilerplate(l)) continue;
        this.note(
          'not-understood',
          `"${lineText(l)}" in ${s.kind}${s.args.length > 0 ? ` ${nameOf(s)}` : ''}: ${why(l)}; not imported`,
          l.at,
        );
      }
    }
  }

  /** Names, duplicates and the defaults section each proxy takes its settings from. */
  private index(): void {
    const frontends = new Map<string, HaproxySection>();
    const named = new Map<string, HaproxySection>();
    let lastDefaults: HaproxySection | undefined;
    for (const s of this.sections) {
      if (!PROXIES.has(s.kind)) continue;
      const name = nameOf(s);
      if (s.kind !== 'defaults' && name === '') throw this.error(s.at, `"${s.kind}" needs a name`);
      if (s.kind === 'defaults') {
        if (name !== '') named.set(name, s);
      } else {
        const sameKind = s.kind === 'frontend' ? frontends : this.backends;
        const clash = (s.kind === 'listen' ? frontends.get(name) : undefined) ?? sameKind.get(name);
        if (clash !== undefined) {
          throw this.error(
            s.at,
            `${s.kind} "${name}" has the same name as the ${clash.kind} at ${clash.at.line}:${clash.at.column}`,
          );
        }
        if (s.kind !== 'backend') frontends.set(name, s);
        if (s.kind !== 'frontend') this.backends.set(name, s);
      }
      // `from NAME` picks a named defaults section; otherwise the last one above applies.
      const from = s.args.findIndex((a) => a.value === 'from');
      if (from !== -1) {
        const ref = s.args[from + 1];
        const d = ref === undefined ? undefined : named.get(ref.value);
        if (d === undefined)
          throw this.error(ref?.at ?? s.args[from]!.at, `no defaults section named "${ref?.value ?? ''}" above`);
        this.defaultsOf.set(s, d);
      } else {
        this.defaultsOf.set(s, lastDefaults);
      }
      if (s.kind === 'defaults') lastDefaults = s;
    }
  }

  private error(at: SourcePos, message: string): Stop {
    return new Stop({ code: 'proxy-syntax', severity: 'error', message, at });
  }

  /** The last line `keyword …` of the section, else of its defaults. */
  private setting(s: HaproxySection, keyword: string): HaproxyLine | undefined {
    const own = s.lines.filter((l) => keywordOf(l) === keyword);
    if (own.length > 0) return own[own.length - 1];
    const d = this.defaultsOf.get(s);
    const inherited = d?.lines.filter((l) => keywordOf(l) === keyword) ?? [];
    return inherited[inherited.length - 1];
  }

  private frontend(s: HaproxySection): void {
    const where = `${s.kind} ${nameOf(s)}`;
    const defaults = this.defaultsOf.get(s);
    const modeLine = this.setting(s, 'mode');
    const mode = modeLine?.words[1]?.value ?? 'tcp';
    for (const l of [...s.lines, ...(defaults?.lines ?? [])]) if (keywordOf(l) === 'mode') this.consumed.add(l);
    if (mode !== 'http' && mode !== 'tcp') {
      this.note('not-understood', `${where}: mode ${mode}; not imported`, modeLine?.at ?? s.at);
      for (const l of s.lines) this.consumed.add(l);
      return;
    }
    if (modeLine === undefined) {
      this.note('interpreted', `${where}: no "mode" line; HAProxy's default is TCP mode`, s.at);
    }
    const http = mode === 'http';
    const binds = this.binds(s);
    const acls = new Map<string, Criterion[]>();
    const hostVars = new Set<string>();
    /** Rules in file order: what answers or redirects first, then which backend. */
    const rules: {
      kind: 'redirect' | 'answer' | 'backend';
      line: HaproxyLine;
      cond?: Condition;
      backend?: HaproxyWord;
    }[] = [];
    const condition = (l: HaproxyLine, from: number): Condition | undefined => {
      const i = l.words.findIndex((w, j) => j >= from && (w.value === 'if' || w.value === 'unless'));
      if (i === -1) return undefined;
      const parsed = parseCondition(l.words.slice(i), (name) => acls.has(name) || /^[A-Z][A-Z0-9_.]*$/.test(name));
      if (!parsed.ok) throw new Stop(parsed.problem);
      return parsed.value;
    };
    for (const l of s.lines) {
      const k = keywordOf(l);
      const w = l.words.map((x) => x.value);
      if (k === 'acl') {
        this.consumed.add(l);
        const name = l.words[1];
        if (name === undefined) throw this.error(l.at, '"acl" needs a name and a test');
        const criterion = parseCriterion(l.words.slice(2), l.at);
        if (!criterion.ok) throw new Stop(criterion.problem);
        const list = acls.get(name.value);
        if (list === undefined) acls.set(name.value, [criterion.value]);
        else list.push(criterion.value);
      } else if (k === 'http-request' && /^set-var\(((?:txn|req|sess)\.[A-Za-z0-9_.]+)\)$/.test(w[1] ?? '')) {
        const variable = /^set-var\(([^)]+)\)$/.exec(w[1]!)![1]!;
        if (
          /^(?:(?:req\.)?f?hdr\(host(?:,-?[0-9]+)?\)|ssl_fc_sni)(?:,(?:lower|host_only|field\(1,:\)|word\(1,:\)))*$/i.test(
            w[2] ?? '',
          ) &&
          w.length === 3
        ) {
          hostVars.add(variable);
          this.consumed.add(l);
        }
      } else if ((k === 'http-request' && w[1] === 'redirect') || k === 'redirect') {
        this.consumed.add(l);
        rules.push({ kind: 'redirect', line: l, cond: condition(l, 1) });
      } else if (k === 'http-request' && /^(?:return|deny|tarpit|reject|silent-drop|auth)$/.test(w[1] ?? '')) {
        this.consumed.add(l);
        rules.push({ kind: 'answer', line: l, cond: condition(l, 2) });
      } else if (k === 'use_backend') {
        this.consumed.add(l);
        const backend = l.words[1];
        if (backend === undefined) throw this.error(l.at, '"use_backend" needs a backend name');
        const cond = condition(l, 2);
        if (!backend.value.includes('%[') && backend.variables.length === 0 && !this.backends.has(backend.value)) {
          throw this.error(backend.at, `no backend named "${backend.value}" (HAProxy refuses the file)`);
        }
        rules.push({ kind: 'backend', line: l, backend, ...(cond ? { cond } : {}) });
      } else if (k === 'tcp-request' && http === false && /^(?:inspect-delay|content)$/.test(w[1] ?? '')) {
        // `tcp-request inspect-delay` / `content accept if { req_ssl_hello_type 1 }`: how SNI is read.
        this.consumed.add(l);
      }
    }
    const fallback = this.defaultBackend(s);
    const ctxFor = (b: Bind): EvalContext => ({ tls: b.tls, port: b.port, http, hostVars, acls, notes: this.notes });
    for (const bind of binds) {
      if (!http && bind.tls) {
        this.note('not-understood', `${where}: ends TLS in TCP mode (no HTTP routing); not imported`, bind.at);
        continue;
      }
      const ctx = ctxFor(bind);
      /** Host names already answered on this bind (`*`: every one). */
      const taken = new Set<string>();
      const isTaken = (host: string) => taken.has('*') || taken.has(host);
      // HAProxy runs every http-request rule (and `redirect`) before it picks a backend,
      // wherever the use_backend lines stand in the file.
      const ordered = [...rules.filter((r) => r.kind !== 'backend'), ...rules.filter((r) => r.kind === 'backend')];
      for (const rule of ordered) {
        if (taken.has('*')) break;
        if (++this.evaluations > MAX_RULE_EVALUATIONS) {
          throw new Stop({
            code: 'too-many-tokens',
            severity: 'error',
            message: `more than ${MAX_RULE_EVALUATIONS} rule evaluations (binds × rules): not a configuration a person wrote`,
            at: rule.line.at,
          });
        }
        const alts = evaluate(rule.cond, ctx);
        if (rule.kind === 'redirect') this.redirect(rule.line, alts, bind, taken, where);
        else if (rule.kind === 'answer') this.answer(rule.line, alts, taken, where);
        else this.useBackend(rule.line, rule.backend!, alts, bind, http, isTaken, where);
      }
      if (fallback !== undefined && !taken.has('*')) this.fallback(fallback, where);
    }
  }

  private binds(s: HaproxySection): Bind[] {
    const binds: Bind[] = [];
    for (const l of s.lines) {
      if (keywordOf(l) !== 'bind') continue;
      this.consumed.add(l);
      const addresses = l.words[1];
      if (addresses === undefined) throw this.error(l.at, '"bind" needs an address');
      const opts = l.words.slice(2).map((w) => w.value);
      const tls = opts.includes('ssl');
      if (tls && !opts.some((o) => o === 'crt' || o === 'crt-list')) {
        this.note(
          'not-understood',
          `"${lineText(l)}": TLS without "crt" (certificates from elsewhere); imported as ending TLS`,
          l.at,
        );
      }
      for (const v of addresses.variables) {
        this.note('interpreted', `"${lineText(l)}": the environment variable ${v.name} read as its default`, l.at);
      }
      for (const part of addresses.value.split(',')) {
        const port = bindPort({ ...addresses, value: part });
        if (typeof port === 'string') {
          this.note('not-understood', `"${lineText(l)}": ${part} is ${port}; not imported`, l.at);
          continue;
        }
        binds.push({ port, tls, at: l.at });
      }
    }
    if (binds.length === 0 && s.lines.length > 0) {
      this.note('not-understood', `${s.kind} ${nameOf(s)}: no "bind" with a port; no route`, s.at);
    }
    return binds;
  }

  private defaultBackend(s: HaproxySection): { line?: HaproxyLine; section: HaproxySection } | undefined {
    const line = this.setting(s, 'default_backend');
    if (line !== undefined) {
      this.consumed.add(line);
      const name = line.words[1];
      if (name === undefined) throw this.error(line.at, '"default_backend" needs a backend name');
      const section = this.backends.get(name.value);
      if (section === undefined)
        throw this.error(name.at, `no backend named "${name.value}" (HAProxy refuses the file)`);
      this.used.add(section);
      return { line, section };
    }
    // A listen section is its own backend when it has servers.
    if (s.kind === 'listen' && s.lines.some((l) => keywordOf(l) === 'server' || keywordOf(l) === 'server-template')) {
      return { section: s };
    }
    return undefined;
  }

  private target(section: HaproxySection): BackendTarget {
    let t = this.targets.get(section);
    if (t === undefined) {
      t = backendTarget(section, this.defaultsOf.get(section), this.consumed, this.notes);
      this.targets.set(section, t);
    }
    return t;
  }

  private redirect(line: HaproxyLine, alts: Alternative[], bind: Bind, taken: Set<string>, where: string): void {
    if (alts.length === 0) return;
    const w = line.words.map((x) => x.value);
    const i = w[0] === 'redirect' ? 1 : 2;
    const how = w[i];
    const to = w[i + 1] ?? '';
    let toPort: number | undefined;
    let target: string | undefined;
    if (how === 'scheme' && to.toLowerCase() === 'https') {
      toPort = undefined;
    } else if ((how === 'prefix' || how === 'location') && /^https:\/\//i.test(to)) {
      const m = /^https:\/\/([^/:]+)(?::([0-9]+))?(\/.*)?$/i.exec(to);
      if (
        m === null ||
        (how === 'location' && m[3] !== undefined && m[3] !== '/') ||
        line.words[i + 1]!.variables.length > 0
      ) {
        this.note(
          'not-understood',
          `"${lineText(line)}": a redirect to a fixed address; not an HTTP→HTTPS redirect`,
          line.at,
        );
        return;
      }
      target = m[1]!.toLowerCase();
      toPort = m[2] === undefined || m[2] === '443' ? undefined : portNumber(m[2]);
      if (how === 'location') {
        this.note(
          'interpreted',
          `"${lineText(line)}": a redirect to one address (the path is not kept); imported as the HTTP→HTTPS redirect`,
          line.at,
        );
      }
    } else {
      this.note('not-understood', `"${lineText(line)}": a redirect that is not to HTTPS; not imported`, line.at);
      return;
    }
    const unknown = alts.find((a) => a.unknown !== undefined || a.path !== undefined);
    if (unknown !== undefined) {
      this.note(
        'not-understood',
        `"${lineText(line)}": ${unknown.unknown?.why ?? 'redirects only some paths'}; not imported`,
        unknown.unknown?.at ?? line.at,
      );
      return;
    }
    if (bind.tls) {
      this.note(
        'interpreted',
        `"${lineText(line)}" in ${where}: also applies on the TLS port ${bind.port}; no route there for those host names`,
        line.at,
      );
    }
    const every = alts.some((a) => a.hosts === undefined);
    let hosts = every ? [] : [...new Set(alts.flatMap((a) => a.hosts!))];
    if (target !== undefined && !hosts.every((h) => h === target)) {
      if (every || hosts.length === 0) hosts = [target];
      this.note(
        'interpreted',
        `"${lineText(line)}": sends ${every ? 'every host name' : hosts.join(', ')} to ${target}; imported as the redirect of ${target}`,
        line.at,
      );
      hosts = [target];
    }
    if (every && target === undefined) taken.add('*');
    for (const h of hosts) taken.add(h);
    if (bind.tls) return;
    // IPv4 and IPv6 binds on one port make one redirect.
    const key = `${line.at.line}:${line.at.column} ${bind.port}`;
    if (this.redirectKeys.has(key)) return;
    this.redirectKeys.add(key);
    this.redirects.push({ hosts, port: bind.port, ...(toPort !== undefined ? { toPort } : {}), at: line.at });
  }

  private answer(line: HaproxyLine, alts: Alternative[], taken: Set<string>, where: string): void {
    if (alts.length === 0) return;
    const always = alts.some(
      (a) => a.unknown === undefined && a.hosts === undefined && a.path === undefined && !a.websocket,
    );
    if (always) {
      taken.add('*');
      this.note(
        'interpreted',
        `"${lineText(line)}" in ${where}: answers every request itself; no route after it`,
        line.at,
      );
      return;
    }
    for (const a of alts)
      if (a.unknown === undefined && a.path === undefined && !a.websocket) for (const h of a.hosts ?? []) taken.add(h);
    this.note('interpreted', `"${lineText(line)}" in ${where}: answers some requests itself`, line.at);
  }

  private useBackend(
    line: HaproxyLine,
    name: HaproxyWord,
    alts: Alternative[],
    bind: Bind,
    http: boolean,
    isTaken: (host: string) => boolean,
    where: string,
  ): void {
    if (name.value.includes('%[') || name.variables.length > 0) {
      this.note('not-understood', `"${lineText(line)}": the backend is chosen at run time; not imported`, line.at);
      return;
    }
    const section = this.backends.get(name.value);
    if (section === undefined) throw this.error(name.at, `no backend named "${name.value}" (HAProxy refuses the file)`);
    this.used.add(section);
    if (alts.length === 0) return;
    const target = this.target(section);
    if (target.kind === 'answer') {
      this.note(
        'interpreted',
        `"${lineText(line)}": backend ${name.value} answers itself ("${target.text}"); no route`,
        line.at,
      );
      return;
    }
    if (target.kind === 'none') {
      this.note('not-understood', `"${lineText(line)}": ${target.why}; not imported`, line.at);
      return;
    }
    for (const alt of alts) {
      if (alt.unknown !== undefined) {
        this.note('not-understood', `"${lineText(line)}": ${alt.unknown.why}; not imported`, alt.unknown.at);
        continue;
      }
      if (alt.hosts === undefined) {
        this.note(
          'not-understood',
          `"${lineText(line)}" in ${where}: matches every host name; a route needs one`,
          line.at,
        );
        continue;
      }
      const path = alt.path === undefined ? '/' : rawModelPath(alt.path.value);
      if (alt.path?.exact) {
        this.note(
          'interpreted',
          `"${lineText(line)}": an exact path (${alt.path.value}), imported as the path prefix ${path}`,
          line.at,
        );
      }
      for (const host of alt.hosts) {
        if (isTaken(host)) continue;
        const passthrough = !http;
        const tls = bind.tls || passthrough;
        const scheme = alt.websocket ? (tls ? 'wss' : 'ws') : tls ? 'https' : 'http';
        const route: ImportedRoute = {
          scheme,
          host,
          ...(bind.port !== defaultPort(scheme) ? { publicPort: bind.port } : {}),
          path: passthrough ? '/' : path,
          upstream: passthrough ? { ...target.upstream, tls: false } : target.upstream,
          tls: { terminate: bind.tls, reencrypt: passthrough ? false : target.upstream.tls },
          websocket: alt.websocket ? 'upgrade' : 'unknown',
          at: line.at,
        };
        const key = routeKey(route);
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        this.routes.push(route);
      }
    }
  }

  private fallback(fallback: { line?: HaproxyLine; section: HaproxySection }, where: string): void {
    const target = this.target(fallback.section);
    const at = fallback.line?.at ?? fallback.section.at;
    const name = nameOf(fallback.section);
    if (target.kind === 'answer') {
      this.note(
        'interpreted',
        `${where}: requests no rule routes get backend ${name}'s own answer ("${target.text}"); no route`,
        at,
      );
    } else if (target.kind === 'upstream') {
      this.note('not-understood', `${where}: backend ${name} serves every other host name; a route needs one`, at);
    } else {
      this.note('not-understood', `${where}: ${target.why}; not imported`, at);
    }
  }
}

/** Reads `text` (the haproxy.cfg `file`) as routes, redirects and notes. */
export function importHaproxy(text: string, file: string): ProxyImportOutcome {
  const parsed = parseHaproxy(text, file);
  if (!parsed.ok) return parsed;
  const walk = new HaproxyWalk(parsed.value.sections);
  try {
    walk.run();
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problems: [e.problem] };
    throw e;
  }
  // The same interpretation is found once per bind: keep it once.
  const unique = new Map(walk.notes.map((n) => [`${n.at.line}:${n.at.column} ${n.text}`, n]));
  const notes = [...parsed.value.notes, ...unique.values()].sort(
    (a, b) => a.at.line - b.at.line || a.at.column - b.at.column,
  );
  return { ok: true, value: { routes: walk.routes, redirects: walk.redirects, notes }, warnings: [] };
}
