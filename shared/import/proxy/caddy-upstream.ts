/**
 * Where a Caddy `reverse_proxy` sends a request: its first upstream (`host:port`,
 * `http://host:port`, `https://…`, or the `dynamic a { name … port … }` source Portolan writes
 * so that Docker's DNS is asked for every replica), and whether Caddy opens TLS to it: an
 * `https://` upstream, port 443, or `transport http` with `tls` or any `tls_*` option
 * (https://caddyserver.com/docs/caddyfile/directives/reverse_proxy#the-http-transport).
 */
import type { ImportNote } from '../types';
import { directiveText, type CaddyDirective, type CaddyToken } from './caddy-parse';
import { hostPort } from './nginx-upstream';
import type { ImportedUpstream } from './types';

/** Subdirectives about load balancing, health and buffering: nothing a route holds. */
const QUIET =
  /^(?:lb_[a-z_]+|health_[a-z_]+|fail_duration|max_fails|unhealthy_[a-z_]+|flush_interval|buffer_requests|buffer_responses|max_buffer_size|request_buffers|response_buffers|trusted_proxies|stream_timeout|stream_close_delay|passive_health_checks)$/;

type Parsed = { upstream: ImportedUpstream } | { why: string };

/** One upstream address as the directive or `to` writes it. */
function address(t: CaddyToken): Parsed {
  if (t.variables.some((v) => !v.hasDefault))
    return { why: `${t.text || '""'} reads the environment variable ${t.variables[0]!.name}` };
  const text = t.text;
  if (text.includes('{')) return { why: `${text} is a placeholder, filled per request` };
  const m = /^(?:([a-z0-9+]+):\/\/)?(.*)$/i.exec(text)!;
  const scheme = m[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { why: `${text}: a ${scheme} upstream` };
  let rest = m[2]!;
  if (rest.startsWith('unix/')) return { why: `${text}: a UNIX socket` };
  if (rest.includes('/')) return { why: `${text}: an upstream address cannot hold a path` };
  if (rest.startsWith(':')) rest = `localhost${rest}`;
  const fallback = scheme === 'https' ? 443 : 80;
  const parsed = hostPort(rest, fallback);
  if (parsed === undefined) return { why: `${text} is not a host and port` };
  return { upstream: { ...parsed, tls: scheme === 'https' || parsed.port === 443 } };
}

/** `dynamic a { name N; port P }` or `dynamic a N P`. */
function dynamic(d: CaddyDirective): Parsed {
  if (d.args[0]?.text !== 'a' && d.args[0]?.text !== 'aaaa')
    return { why: `"${directiveText(d)}": a ${d.args[0]?.text ?? ''} source` };
  let name = d.args[1]?.text;
  let port = d.args[2]?.text;
  for (const inner of d.block ?? []) {
    if (inner.name.text === 'name') name = inner.args[0]?.text;
    if (inner.name.text === 'port') port = inner.args[0]?.text;
  }
  const parsed = name === undefined || port === undefined ? undefined : hostPort(`${name}:${port}`, 0);
  if (parsed === undefined) return { why: `"${directiveText(d)}": no name and port` };
  return { upstream: { ...parsed, tls: false } };
}

/**
 * The upstream of `d` (a `reverse_proxy` whose matcher, if any, is already taken off `args`),
 * or undefined with a note. Subdirectives a route cannot hold are noted too.
 */
export function reverseProxyTarget(
  d: CaddyDirective,
  args: readonly CaddyToken[],
  notes: ImportNote[],
): ImportedUpstream | undefined {
  const found: Parsed[] = args.map(address);
  let tls: boolean | undefined;
  for (const inner of d.block ?? []) {
    const name = inner.name.text;
    if (name === 'to') found.push(...inner.args.map(address));
    else if (name === 'dynamic') found.push(dynamic(inner));
    else if (name === 'transport') {
      if (inner.args[0]?.text !== 'http') {
        notes.push({
          kind: 'not-understood',
          text: `"${directiveText(inner)}": not the HTTP transport; not imported`,
          at: inner.name.at,
        });
        return undefined;
      }
      for (const option of inner.block ?? []) {
        if (option.name.text === 'tls' || option.name.text.startsWith('tls_')) tls = true;
        else
          notes.push({
            kind: 'not-understood',
            text: `"${directiveText(option)}" in transport http: a transport setting; not imported`,
            at: option.name.at,
          });
        if (option.name.text === 'tls_trusted_ca_certs' || option.name.text === 'tls_client_auth') {
          notes.push({
            kind: 'interpreted',
            text: `"${directiveText(option)}": TLS to the upstream with its own trust or client certificate; imported as re-encryption`,
            at: option.name.at,
          });
        }
      }
    } else if (!QUIET.test(name)) {
      notes.push({
        kind: 'not-understood',
        text: `"${directiveText(inner)}" in reverse_proxy: ${/^header_/.test(name) ? 'a header the route model does not hold' : 'no counterpart in a route'}; not imported`,
        at: inner.name.at,
      });
    }
  }
  for (const t of [...args, ...(d.block ?? []).filter((i) => i.name.text === 'to').flatMap((i) => i.args)]) {
    for (const v of t.variables.filter((x) => x.hasDefault)) {
      notes.push({
        kind: 'interpreted',
        text: `"${directiveText(d)}": the environment variable ${v.name} read as its default`,
        at: t.at,
      });
    }
  }
  const usable = found.filter((f): f is { upstream: ImportedUpstream } => 'upstream' in f);
  for (const f of found) {
    if ('why' in f)
      notes.push({
        kind: 'not-understood',
        text: `"${directiveText(d)}": ${f.why}; that upstream is not imported`,
        at: d.name.at,
      });
  }
  const first = usable[0];
  if (first === undefined) {
    if (found.length === 0)
      notes.push({ kind: 'not-understood', text: `"${directiveText(d)}": no upstream; not imported`, at: d.name.at });
    return undefined;
  }
  const others = usable.filter(
    (u) => u.upstream.host !== first.upstream.host || u.upstream.port !== first.upstream.port,
  );
  if (others.length > 0) {
    notes.push({
      kind: 'interpreted',
      text: `"${directiveText(d)}": ${usable.length} upstreams; the route names the first, ${first.upstream.host}:${first.upstream.port}`,
      at: d.name.at,
    });
  }
  return { ...first.upstream, tls: tls ?? first.upstream.tls };
}
