/**
 * Caddy request matchers (https://caddyserver.com/docs/caddyfile/matchers) read as far as a
 * route can hold them: the `*` and path tokens a directive may start with, and named matchers
 * (`@name path /ws*`, `@name { host …; header Upgrade websocket }`). Values of one matcher
 * are "or", the matchers of one set are "and"; a path `/api*` or `/api/*` is a prefix, a path
 * without `*` a whole path. What a route cannot hold (`not`, `expression`, `remote_ip`, a
 * regular expression, `*` inside a path) makes the alternative unknown, for a note.
 */
import type { SourcePos } from '../types';
import type { Alternative, PathTest } from './haproxy-acl';
import type { CaddyDirective, CaddyToken } from './caddy-parse';
import { modelHost } from './text';

export type { Alternative, PathTest };

/** Named matchers of one site: their lines, in order. */
export type MatcherDefs = ReadonlyMap<
  string,
  readonly { readonly type: CaddyToken; readonly args: readonly CaddyToken[] }[]
>;

/** Whether a directive's first argument is a matcher token (parse.go leaves this to each directive; this is httpcaddyfile's rule). */
export const isMatcherToken = (t: CaddyToken | undefined): t is CaddyToken =>
  t !== undefined && !t.quoted && (t.text === '*' || t.text.startsWith('/') || t.text.startsWith('@'));

/** The lines of `@name …` definitions at one level (a site, or a `handle` block). */
export function matcherDefs(
  directives: readonly CaddyDirective[],
  into: Map<string, { type: CaddyToken; args: CaddyToken[] }[]>,
): void {
  for (const d of directives) {
    if (!d.name.text.startsWith('@')) continue;
    const lines = into.get(d.name.text) ?? [];
    if (d.args.length > 0) {
      const [type, ...args] = d.args;
      // `@name /path…`: no matcher is named by a path, so read it as the path matcher.
      if (type!.text.startsWith('/')) lines.push({ type: { ...type!, text: 'path' }, args: d.args as CaddyToken[] });
      else lines.push({ type: type!, args });
    }
    for (const inner of d.block ?? []) lines.push({ type: inner.name, args: [...inner.args] });
    into.set(d.name.text, lines);
  }
}

function pathTest(t: CaddyToken): PathTest | { why: string; at: SourcePos } {
  const text = t.text;
  if (t.variables.some((v) => !v.hasDefault) || text.includes('{'))
    return { why: `${text}: a placeholder in a path`, at: t.at };
  if (!text.startsWith('/')) return { why: `${text}: not a path from its start`, at: t.at };
  const star = text.indexOf('*');
  if (star === -1) return { value: text, exact: true };
  if (star !== text.length - 1) return { why: `${text}: a "*" inside the path`, at: t.at };
  return { value: text.slice(0, -1), exact: false };
}

/** The alternatives a path token (`/api*`), `*` or `@name` stands for; a message when `@name` is not defined. */
export function evalMatcher(token: CaddyToken | undefined, defs: MatcherDefs, tls: boolean): Alternative[] | string {
  const any: Alternative = { websocket: false };
  if (token === undefined || token.text === '*') return [any];
  if (token.text.startsWith('/')) {
    const p = pathTest(token);
    return 'why' in p ? [{ websocket: false, unknown: p }] : [{ websocket: false, path: p }];
  }
  const lines = defs.get(token.text);
  if (lines === undefined) return `no matcher named ${token.text} is defined in this site`;
  let hosts: string[] | undefined;
  const paths: PathTest[] = [];
  let websocket = false;
  for (const { type, args } of lines) {
    const values = args.map((a) => a.text);
    switch (type.text) {
      case 'path':
        for (const a of args) {
          const p = pathTest(a);
          if ('why' in p) return [{ websocket: false, unknown: p }];
          paths.push(p);
        }
        break;
      case 'host': {
        const named = values.map(modelHost);
        hosts = hosts === undefined ? named : hosts.filter((h) => named.includes(h));
        break;
      }
      case 'header': {
        const field = values[0]?.toLowerCase();
        const wanted = values.slice(1).map((v) => v.toLowerCase());
        if (field === 'upgrade' && wanted.length > 0 && wanted.every((v) => v === 'websocket')) websocket = true;
        else if (field === 'connection' && wanted.length > 0 && wanted.every((v) => /^\*?upgrade\*?$/.test(v)))
          websocket = true;
        else
          return [
            {
              websocket: false,
              unknown: { why: `header ${values.join(' ')}: a header test a route cannot hold`, at: type.at },
            },
          ];
        break;
      }
      case 'protocol':
        if (values[0] === 'https' || values[0] === 'http') {
          if ((values[0] === 'https') !== tls) return [];
          break;
        }
        return [{ websocket: false, unknown: { why: `protocol ${values.join(' ')}`, at: type.at } }];
      default:
        return [
          {
            websocket: false,
            unknown: { why: `${[type.text, ...values].join(' ')}: a matcher a route cannot hold`, at: type.at },
          },
        ];
    }
  }
  if (hosts !== undefined && hosts.length === 0) return [];
  const base: Alternative = { websocket, ...(hosts !== undefined ? { hosts } : {}) };
  return paths.length === 0 ? [base] : paths.map((path) => ({ ...base, path }));
}

/** Both alternatives at once (an inner matcher inside a `handle` block's). */
export function both(outer: Alternative, inner: Alternative): Alternative | undefined {
  if (outer.unknown !== undefined) return outer;
  if (inner.unknown !== undefined) return inner;
  let hosts = outer.hosts;
  if (inner.hosts !== undefined) {
    hosts = hosts === undefined ? inner.hosts : hosts.filter((h) => inner.hosts!.includes(h));
    if (hosts.length === 0) return undefined;
  }
  let path = outer.path;
  if (inner.path !== undefined) {
    if (path === undefined) path = inner.path;
    else {
      const [short, long] = path.value.length <= inner.path.value.length ? [path, inner.path] : [inner.path, path];
      if (!long.value.toLowerCase().startsWith(short.value.toLowerCase())) return undefined;
      if (short.exact && short.value.length !== long.value.length) return undefined;
      path = { value: long.value, exact: path.exact || inner.path.exact };
    }
  }
  return { websocket: outer.websocket || inner.websocket, ...(hosts ? { hosts } : {}), ...(path ? { path } : {}) };
}
