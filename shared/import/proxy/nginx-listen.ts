/**
 * nginx's `listen` and `server_name`: where a server block listens, and for which host names.
 * Syntax as documented at https://nginx.org/en/docs/http/ngx_http_core_module.html#listen and
 * https://nginx.org/en/docs/http/server_names.html.
 */
import type { ImportNote, SourcePos } from '../types';
import { directiveText, type NginxDirective } from './nginx-parse';
import { isHostPattern, modelHost, portNumber } from './text';

export interface Listen {
  readonly port: number;
  readonly ssl: boolean;
  readonly defaultServer: boolean;
  readonly at: SourcePos;
}

/** Parameters that tune the socket or the protocol version: nothing of a route depends on them. */
const SOCKET_PARAMETERS =
  /^(?:http2|reuseport|deferred|bind|ipv6only=.*|backlog=.*|rcvbuf=.*|sndbuf=.*|so_keepalive=.*|fastopen=.*|accept_filter=.*|setfib=.*)$/;

/** One `listen` directive, or a note saying why it makes no route. */
export function parseListen(d: NginxDirective, notes: ImportNote[]): Listen | undefined {
  const [address, ...params] = d.args;
  if (address === undefined) {
    notes.push({ kind: 'not-understood', text: '"listen" without an address', at: d.at });
    return undefined;
  }
  const port = listenPort(address.value);
  if (port === undefined) {
    notes.push({
      kind: 'not-understood',
      text: `"${directiveText(d)}": not a TCP port (a UNIX socket or a variable); no route listens there`,
      at: address.at,
    });
    return undefined;
  }
  if (port.host !== undefined && port.host !== '*' && port.host !== '[::]' && port.host !== '0.0.0.0') {
    notes.push({
      kind: 'interpreted',
      text: `"${directiveText(d)}": listens on ${port.host} only; imported as port ${port.port}`,
      at: address.at,
    });
  }
  if (params.some((p) => p.value === 'quic')) {
    // HTTP/3 is UDP: the TCP `listen … ssl` of the same port carries the routes.
    notes.push({
      kind: 'interpreted',
      text: `"${directiveText(d)}": HTTP/3 over UDP; routes are imported from the TCP listens`,
      at: d.at,
    });
    return undefined;
  }
  let ssl = false;
  let defaultServer = false;
  const other: string[] = [];
  for (const p of params) {
    if (p.value === 'ssl') ssl = true;
    else if (p.value === 'default_server' || p.value === 'default') defaultServer = true;
    else if (!SOCKET_PARAMETERS.test(p.value)) other.push(p.value);
  }
  if (other.length > 0) {
    notes.push({
      kind: 'not-understood',
      text: `"${directiveText(d)}": ${other.join(', ')} not imported (the PROXY protocol and the like have no counterpart in a route)`,
      at: d.at,
    });
  }
  return { port: port.port, ssl, defaultServer, at: d.at };
}

/** `80`, `*:80`, `127.0.0.1:80`, `[::]:443`, `[::1]`, `localhost` (port 80); not `unix:…`. */
function listenPort(text: string): { host?: string; port: number } | undefined {
  if (text.startsWith('unix:') || text.includes('$')) return undefined;
  const whole = portNumber(text);
  if (whole !== undefined) return { port: whole };
  const v6 = /^(\[[0-9A-Fa-f:.]+\])(?::(.*))?$/.exec(text);
  if (v6 !== undefined && v6 !== null) {
    if (v6[2] === undefined) return { host: v6[1]!, port: 80 };
    const port = portNumber(v6[2]);
    return port === undefined ? undefined : { host: v6[1]!, port };
  }
  const colon = text.lastIndexOf(':');
  if (colon === -1) return /^[A-Za-z0-9.-]+$/.test(text) ? { host: text, port: 80 } : undefined;
  const port = portNumber(text.slice(colon + 1));
  return port === undefined ? undefined : { host: text.slice(0, colon), port };
}

export interface ServerNames {
  /** Host names routes are made for (lower-case, wildcards as `*.example.com`). */
  readonly hosts: readonly string[];
  /** `_`, `""` or no name at all: the server is only reached as a default. */
  readonly catchAll: boolean;
}

/** Every `server_name` of a server: exact names and leading wildcards become hosts; the rest is noted. */
export function serverNames(directives: readonly NginxDirective[], notes: ImportNote[]): ServerNames {
  const hosts: string[] = [];
  let catchAll = directives.length === 0;
  const add = (host: string) => {
    if (!hosts.includes(host)) hosts.push(host);
  };
  for (const d of directives) {
    for (const a of d.args) {
      const name = a.value;
      if (name === '' || name === '_') {
        catchAll = true;
      } else if (name.startsWith('~')) {
        notes.push({
          kind: 'not-understood',
          text: `server_name ${name}: a regular expression; no route is made for it`,
          at: a.at,
        });
      } else if (name.startsWith('.') && isHostPattern(name.slice(1))) {
        // nginx: ".example.com" is "example.com" and "*.example.com" in one name.
        add(modelHost(name.slice(1)));
        add(`*${modelHost(name)}`);
        notes.push({
          kind: 'interpreted',
          text: `server_name ${name}: read as ${name.slice(1)} and *${name}`,
          at: a.at,
        });
      } else if (isHostPattern(name)) {
        add(modelHost(name));
      } else {
        notes.push({
          kind: 'not-understood',
          text: `server_name ${name}: not a host name the model can hold (a trailing wildcard, a variable or an address); no route is made for it`,
          at: a.at,
        });
      }
    }
  }
  return { hosts, catchAll: catchAll || hosts.length === 0 };
}
