/**
 * Where an nginx `proxy_pass` sends a request: its URL, with variables set by `set` in scope
 * replaced (the exporter writes `set $target_x http://x:8009; proxy_pass $target_x;` so that
 * Docker's DNS is asked per request) and `upstream` blocks resolved to their servers.
 * https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass,
 * https://nginx.org/en/docs/http/ngx_http_upstream_module.html#upstream.
 */
import type { ImportNote, SourcePos } from '../types';
import { directiveText, hasVariable, type NginxDirective } from './nginx-parse';
import { portNumber } from './text';
import type { ImportedUpstream } from './types';

export interface UpstreamServer {
  readonly host: string;
  readonly port: number;
  readonly backup: boolean;
  readonly at: SourcePos;
}

/** `upstream NAME { server …; }` blocks by name, with their servers (UNIX sockets left out, noted). */
export function readUpstreams(
  blocks: readonly NginxDirective[],
  notes: ImportNote[],
  consumed: Set<NginxDirective>,
): Map<string, UpstreamServer[]> {
  const byName = new Map<string, UpstreamServer[]>();
  for (const b of blocks) {
    const name = b.args[0]?.value;
    if (name === undefined || b.args.length !== 1 || b.block === undefined) continue;
    consumed.add(b);
    const servers: UpstreamServer[] = [];
    for (const d of b.block) {
      if (d.name !== 'server') continue;
      consumed.add(d);
      const address = d.args[0];
      const parsed = address === undefined ? undefined : hostPort(address.value, 80);
      if (parsed === undefined) {
        notes.push({
          kind: 'not-understood',
          text: `"${directiveText(d)}" in upstream ${name}: not a host and port; left out`,
          at: d.at,
        });
        continue;
      }
      const backup = d.args.some((a) => a.value === 'backup' || a.value === 'down');
      servers.push({ ...parsed, backup, at: d.at });
    }
    byName.set(name, servers);
  }
  return byName;
}

/** `host`, `host:port`, `[v6]:port`; `port` when none is written. Undefined for anything else. */
export function hostPort(text: string, fallback: number): { host: string; port: number } | undefined {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::([0-9]+))?$/.exec(text);
  if (m === null) return undefined;
  const port = m[2] === undefined ? fallback : portNumber(m[2]);
  return port === undefined ? undefined : { host: m[1]!.toLowerCase(), port };
}

export type Target =
  | { readonly ok: true; readonly upstream: ImportedUpstream; readonly notes: readonly ImportNote[] }
  | { readonly ok: false; readonly note: ImportNote };

/**
 * The upstream of `proxy_pass`. `variables` are the `set` values in scope (innermost first);
 * a value with a variable no `set` gives is not understood, as is a UNIX socket. `location` is
 * the prefix of the location it stands in: a URI part that repeats it (`location /ws/ {
 * proxy_pass http://nextauth:8009/ws/; }`) sends the path unchanged, so it is no rewrite.
 */
export function proxyTarget(
  d: NginxDirective,
  variables: (name: string) => string | undefined,
  upstreams: ReadonlyMap<string, readonly UpstreamServer[]>,
  location?: string,
): Target {
  const arg = d.args[0];
  const fail = (why: string): Target => ({
    ok: false,
    note: { kind: 'not-understood', text: `"${directiveText(d)}": ${why}; no route is made`, at: d.at },
  });
  if (arg === undefined || d.args.length !== 1) return fail('expects one URL');
  let url = arg.value;
  if (hasVariable(url)) {
    let unknown: string | undefined;
    url = url.replace(/\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (whole, braced?: string, plain?: string) => {
      const value = variables(braced ?? plain!);
      if (value === undefined || hasVariable(value)) unknown ??= whole;
      return value ?? whole;
    });
    if (unknown !== undefined) {
      return fail(`the URL depends on ${unknown}, which is known only per request`);
    }
  }
  const m = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (m === null) return fail('not an http:// or https:// URL');
  const tls = m[1]!.toLowerCase() === 'https';
  const authority = m[2]!;
  const rest = m[3]!;
  if (authority.startsWith('unix:')) return fail('a UNIX socket');
  const notes: ImportNote[] = [];
  // With a variable in proxy_pass, nginx sends the URI part instead of the whole request URI:
  // then only an empty part leaves the path as it came.
  const same = rest === location && !hasVariable(arg.value);
  if (rest !== '' && !same) {
    notes.push({
      kind: 'not-understood',
      text: `"${directiveText(d)}": the URI part ${JSON.stringify(rest)} replaces the matched location prefix upstream; the route keeps only the public path`,
      at: arg.at,
    });
  }
  const servers = /:[0-9]+$/.test(authority) ? undefined : upstreams.get(authority);
  if (servers !== undefined) {
    const live = servers.filter((s) => !s.backup);
    const first = live[0] ?? servers[0];
    if (first === undefined) return fail(`upstream ${authority} has no server`);
    const others = servers.filter((s) => s.host !== first.host || s.port !== first.port);
    if (others.length > 0) {
      notes.push({
        kind: 'interpreted',
        text: `upstream ${authority} has ${servers.length} servers; the route goes to the first${live.length < servers.length ? ' that is not a backup' : ''}, ${first.host}:${first.port} (also: ${others.map((s) => `${s.host}:${s.port}${s.backup ? ' backup' : ''}`).join(', ')})`,
        at: d.at,
      });
    }
    return { ok: true, upstream: { host: first.host, port: first.port, tls }, notes };
  }
  const address = hostPort(authority, tls ? 443 : 80);
  if (address === undefined) return fail(`${JSON.stringify(authority)} is not a host and port`);
  return { ok: true, upstream: { ...address, tls }, notes };
}
