/**
 * HAProxy ACLs and conditions (`acl NAME FETCH [flags] VALUES…`, `use_backend X if A !B || { … }`,
 * configuration manual §7) read as far as a route can hold them: which host names (Host
 * header or TLS SNI), which path prefix, plain or TLS connection, and whether the request is a
 * WebSocket handshake. A condition becomes a list of alternatives (HAProxy's `||` and the
 * values of one ACL are "or", the terms of one alternative are "and"); a test that says
 * anything else (a regex, a negated host, a source address, …) makes its alternative
 * unknown, so the caller can note it instead of guessing.
 */
import type { ImportNote, ImportProblem, SourcePos } from '../types';
import type { HaproxyWord } from './haproxy-parse';
import { modelHost, portNumber } from './text';

export interface Criterion {
  /** The sample fetch with its converters, as written (`hdr(host)`, `path_beg`, `var(txn.host)`). */
  readonly fetch: string;
  /** `-m` match method, when given. */
  readonly method?: string;
  readonly ignoreCase: boolean;
  /** `-f FILE`: the values come from a file, which is not read here. */
  readonly fromFile: boolean;
  readonly values: readonly HaproxyWord[];
  readonly at: SourcePos;
}

export interface Term {
  readonly negate: boolean;
  /** A named ACL … */
  readonly name?: string;
  /** … or an anonymous one (`{ path_beg /api }`). */
  readonly anonymous?: Criterion;
  readonly at: SourcePos;
}

export interface Condition {
  readonly unless: boolean;
  /** Or of ands. */
  readonly any: readonly (readonly Term[])[];
  readonly at: SourcePos;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ImportProblem };

const fail = (at: SourcePos, message: string): { ok: false; problem: ImportProblem } => ({
  ok: false,
  problem: { code: 'proxy-syntax', severity: 'error', message, at },
});

/** `FETCH [-i] [-m M] [-f F] [-n] [-u ID] [-M] [--] VALUES…` (acl.c's parse_acl_expr). */
export function parseCriterion(words: readonly HaproxyWord[], at: SourcePos): Parsed<Criterion> {
  const fetch = words[0];
  if (fetch === undefined) return fail(at, 'an ACL needs a sample fetch ("hdr(host)", "path_beg", …)');
  let method: string | undefined;
  let ignoreCase = false;
  let fromFile = false;
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i]!.value;
    if (w === '--') {
      i++;
      break;
    }
    if (w === '-i') ignoreCase = true;
    else if (w === '-n' || w === '-M') continue;
    else if (w === '-m' || w === '-f' || w === '-u') {
      const arg = words[i + 1];
      if (arg === undefined) return fail(words[i]!.at, `"${w}" needs an argument`);
      if (w === '-m') method = arg.value;
      if (w === '-f') fromFile = true;
      i++;
    } else break;
  }
  return {
    ok: true,
    value: {
      fetch: fetch.value,
      ignoreCase,
      fromFile,
      values: words.slice(i),
      at: fetch.at,
      ...(method ? { method } : {}),
    },
  };
}

/**
 * The words after `if` or `unless` (the keyword itself first): named ACLs, `!`, `||`/`or`, and
 * anonymous ACLs between `{` and `}` words (acl.c's parse_acl_cond).
 */
export function parseCondition(words: readonly HaproxyWord[], known: (name: string) => boolean): Parsed<Condition> {
  const keyword = words[0]!;
  const any: Term[][] = [[]];
  let negate = false;
  let i = 1;
  for (; i < words.length; i++) {
    let word = words[i]!.value;
    const at = words[i]!.at;
    // `!` may stand alone or lead the next word (`!{`, `!is_ssl`); an even number cancels out.
    while (word.startsWith('!')) {
      negate = !negate;
      word = word.slice(1);
    }
    if (word === '') continue;
    if (word === '||' || word === 'or') {
      if (any[any.length - 1]!.length === 0) return fail(at, `"${word}" with no test before it`);
      any.push([]);
      negate = false;
      continue;
    }
    if (word === '{') {
      const close = words.findIndex((w, j) => j > i && w.value === '}');
      if (close === -1) return fail(at, 'missing "}" to close the anonymous ACL that starts here');
      const criterion = parseCriterion(words.slice(i + 1, close), at);
      if (!criterion.ok) return criterion;
      any[any.length - 1]!.push({ negate, anonymous: criterion.value, at });
      i = close;
    } else {
      if (!known(word)) return fail(at, `no ACL named "${word}" is declared before this line`);
      any[any.length - 1]!.push({ negate, name: word, at });
    }
    negate = false;
  }
  if (any[any.length - 1]!.length === 0) return fail(keyword.at, `"${keyword.value}" needs a condition after it`);
  return { ok: true, value: { unless: keyword.value === 'unless', any, at: keyword.at } };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface PathTest {
  readonly value: string;
  /** `path /x` (a whole path) rather than `path_beg /x` (a prefix). */
  readonly exact: boolean;
}

/** One "and" of tests as a route can hold it. */
export interface Alternative {
  /** Undefined: any host name. */
  readonly hosts?: readonly string[];
  readonly path?: PathTest;
  /** The test requires a WebSocket handshake (an `Upgrade: websocket` header). */
  readonly websocket: boolean;
  /** What the route model cannot hold, with where it was written. */
  readonly unknown?: { readonly why: string; readonly at: SourcePos };
}

type Atom =
  | { kind: 'const'; value: boolean }
  | { kind: 'host'; hosts: string[] }
  | { kind: 'path'; paths: PathTest[] }
  | { kind: 'websocket' }
  | { kind: 'unknown'; why: string; at: SourcePos };

export interface EvalContext {
  /** The connection arrives on a TLS bind. */
  readonly tls: boolean;
  /** The bind's port: a Host header value with another port does not match here. */
  readonly port: number;
  /** `tcp` mode: only the TLS SNI can be read. */
  readonly http: boolean;
  /** Transaction variables holding the Host header (`http-request set-var(txn.host) req.hdr(host),…`). */
  readonly hostVars: ReadonlySet<string>;
  readonly acls: ReadonlyMap<string, readonly Criterion[]>;
  /** Interpretations, deduplicated by the caller. */
  readonly notes: ImportNote[];
}

/** Alternatives beyond this are noted rather than expanded (an ACL bomb of many `||`). */
export const MAX_ALTERNATIVES = 4096;

const HOST_CONVERTERS = /^(?:,(?:lower|host_only|field\(1,:\)|word\(1,:\)))*$/i;

/** `hdr(host)`, `req.hdr(host)`, `req.fhdr(host)` and `var(txn.x)` of one, with converters that keep the host name. */
function hostFetch(fetch: string, ctx: EvalContext): { method: string } | undefined {
  const hdr = /^(?:req\.)?f?hdr(_dom|_beg|_end|_sub|_reg)?\(host(?:,-?[0-9]+)?\)(.*)$/i.exec(fetch);
  if (hdr && HOST_CONVERTERS.test(hdr[2]!)) return { method: hdr[1]?.slice(1).toLowerCase() ?? 'str' };
  const v = /^var\(([a-z]+\.[A-Za-z0-9_.]+)\)(.*)$/.exec(fetch);
  if (v && ctx.hostVars.has(v[1]!) && HOST_CONVERTERS.test(v[2]!)) return { method: 'str' };
  const sni = /^(ssl_fc_sni|req\.ssl_sni|req_ssl_sni)(.*)$/.exec(fetch);
  if (sni && HOST_CONVERTERS.test(sni[2]!)) return { method: 'str' };
  return undefined;
}

function hostAtom(c: Criterion, method: string, ctx: EvalContext): Atom {
  if (method !== 'str' && method !== 'dom') {
    return { kind: 'unknown', why: `${c.fetch} -m ${method}: not a test for whole host names`, at: c.at };
  }
  const hosts: string[] = [];
  for (const v of c.values) {
    if (v.variables.length > 0) return { kind: 'unknown', why: `${v.value}: reads an environment variable`, at: v.at };
    const m = /^(.*?)(?::([0-9]+))?$/.exec(v.value)!;
    const port = m[2] === undefined ? undefined : portNumber(m[2]);
    // A Host header names the port only when it is not the scheme's own.
    if (port !== undefined && port !== ctx.port) continue;
    hosts.push(modelHost(m[1]!));
  }
  if (method === 'dom') {
    ctx.notes.push({
      kind: 'interpreted',
      text: `${c.fetch} ${c.values.map((v) => v.value).join(' ')}: a domain match (it also matches names that contain these as dot-separated parts); imported as these host names`,
      at: c.at,
    });
  }
  return { kind: 'host', hosts };
}

function evalCriterion(c: Criterion, ctx: EvalContext): Atom {
  if (c.fromFile) return { kind: 'unknown', why: `${c.fetch} -f: the values are in a file that is not read`, at: c.at };
  const fetch = c.fetch;
  const method = c.method?.toLowerCase();
  if (fetch === 'ssl_fc' || fetch === 'ssl_fc,bool') return { kind: 'const', value: ctx.tls };
  const host = hostFetch(fetch, ctx);
  if (host !== undefined) {
    if (!ctx.http && !/sni/.test(fetch))
      return { kind: 'unknown', why: `${fetch}: an HTTP header in a TCP-mode proxy`, at: c.at };
    return hostAtom(c, method ?? host.method, ctx);
  }
  const path = /^(?:path|path_beg)$/.exec(fetch);
  if (path) {
    if (!ctx.http) return { kind: 'unknown', why: `${fetch}: a path in a TCP-mode proxy`, at: c.at };
    const how = method ?? (fetch === 'path_beg' ? 'beg' : 'str');
    if (how !== 'beg' && how !== 'str')
      return { kind: 'unknown', why: `${fetch} -m ${how}: not a path prefix`, at: c.at };
    const paths: PathTest[] = [];
    for (const v of c.values) {
      if (!v.value.startsWith('/') || v.variables.length > 0) {
        return { kind: 'unknown', why: `${fetch} ${v.value}: not a path a request can start with`, at: v.at };
      }
      paths.push({ value: v.value, exact: how === 'str' });
    }
    if (c.ignoreCase) {
      ctx.notes.push({
        kind: 'interpreted',
        text: `${fetch} -i: compared without case; imported as written`,
        at: c.at,
      });
    }
    return { kind: 'path', paths };
  }
  const upgrade = /^(?:req\.)?hdr(_beg|_sub)?\((upgrade|connection)\)$/i.exec(fetch);
  if (upgrade && ctx.http) {
    const header = upgrade[2]!.toLowerCase();
    const wanted = header === 'upgrade' ? 'websocket' : 'upgrade';
    if (c.values.length > 0 && c.values.every((v) => v.value.toLowerCase() === wanted)) return { kind: 'websocket' };
  }
  return {
    kind: 'unknown',
    why: `${[fetch, ...c.values.map((v) => v.value)].join(' ')}: a test a route cannot hold`,
    at: c.at,
  };
}

/** Named ACLs HAProxy defines itself. */
function predefined(name: string, ctx: EvalContext, at: SourcePos): Atom | undefined {
  if (name === 'TRUE') return { kind: 'const', value: true };
  if (name === 'FALSE') return { kind: 'const', value: false };
  if (name === 'HTTP') return { kind: 'const', value: ctx.http };
  if (/^[A-Z][A-Z0-9_.]*$/.test(name) && !ctx.acls.has(name))
    return { kind: 'unknown', why: `the predefined ACL ${name}`, at };
  return undefined;
}

/** A term as alternatives of atoms (a named ACL declared on several lines is their "or"). */
function termAtoms(t: Term, ctx: EvalContext): Atom[] {
  const atoms =
    t.anonymous !== undefined
      ? [evalCriterion(t.anonymous, ctx)]
      : (() => {
          const pre = predefined(t.name!, ctx, t.at);
          return pre !== undefined ? [pre] : (ctx.acls.get(t.name!) ?? []).map((c) => evalCriterion(c, ctx));
        })();
  if (!t.negate) return atoms;
  // !(a || b) = !a && !b: decidable only when every part is a constant.
  if (atoms.every((a) => a.kind === 'const'))
    return [{ kind: 'const', value: !atoms.some((a) => a.kind === 'const' && a.value) }];
  return [{ kind: 'unknown', why: `!${t.name ?? '{ … }'}: a negated test of a host, path or header`, at: t.at }];
}

function and(alt: Alternative, atom: Atom): Alternative[] {
  if (alt.unknown !== undefined) return [alt];
  switch (atom.kind) {
    case 'const':
      return atom.value ? [alt] : [];
    case 'unknown':
      return [{ ...alt, unknown: { why: atom.why, at: atom.at } }];
    case 'websocket':
      return [{ ...alt, websocket: true }];
    case 'host': {
      const hosts = alt.hosts === undefined ? atom.hosts : alt.hosts.filter((h) => atom.hosts.includes(h));
      return hosts.length === 0 ? [] : [{ ...alt, hosts: [...new Set(hosts)] }];
    }
    case 'path':
      return atom.paths.flatMap((p) => {
        const both = intersect(alt.path, p);
        return both === undefined ? [] : [{ ...alt, path: both }];
      });
  }
}

/** Both tests at once: the longer prefix when one extends the other, nothing when they differ. */
function intersect(a: PathTest | undefined, b: PathTest): PathTest | undefined {
  if (a === undefined) return b;
  const [short, long] = a.value.length <= b.value.length ? [a, b] : [b, a];
  if (!long.value.startsWith(short.value)) return undefined;
  if (short.exact && short.value !== long.value) return undefined;
  return { value: long.value, exact: a.exact || b.exact };
}

/**
 * The alternatives under which `cond` holds on a connection of `ctx` (no condition: always).
 * An alternative that cannot be decided carries `unknown`.
 */
export function evaluate(cond: Condition | undefined, ctx: EvalContext): Alternative[] {
  const always: Alternative = { websocket: false };
  if (cond === undefined) return [always];
  const result: Alternative[] = [];
  for (const terms of cond.any) {
    let alts: Alternative[] = [always];
    for (const t of terms) {
      const atoms = termAtoms(t, ctx);
      alts = alts.flatMap((alt) => atoms.flatMap((atom) => and(alt, atom)));
      if (alts.length > MAX_ALTERNATIVES) {
        return [
          { websocket: false, unknown: { why: `more than ${MAX_ALTERNATIVES} combinations of tests`, at: cond.at } },
        ];
      }
    }
    result.push(...alts);
    if (result.length > MAX_ALTERNATIVES) {
      return [
        { websocket: false, unknown: { why: `more than ${MAX_ALTERNATIVES} combinations of tests`, at: cond.at } },
      ];
    }
  }
  if (!cond.unless) return result;
  // `unless C`: decidable when C is always or never true here.
  if (result.length === 0) return [always];
  if (result.some((a) => a.unknown === undefined && a.hosts === undefined && a.path === undefined && !a.websocket))
    return [];
  return [{ websocket: false, unknown: { why: 'an "unless" condition on a host, path or header', at: cond.at } }];
}
