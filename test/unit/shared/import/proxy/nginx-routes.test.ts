/**
 * nginx configurations → routes: server blocks, listen, server_name, locations, proxy_pass,
 * upstreams, WebSocket headers, TLS and re-encryption, the HTTP→HTTPS redirect, and a note
 * with its position for everything else. The fixtures are hand-written in public idioms and
 * proven valid by `nginx -t` in test/integration/import/proxy-import.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { importNginx } from '../../../../../shared/import/proxy/nginx-routes';
import type { ImportedRoute, ProxyImport } from '../../../../../shared/import/proxy/types';
import { fixtureText, readFixture } from './fixture-files';

function load(text: string, files: Record<string, string> = {}): ProxyImport {
  const result = importNginx(text, 'nginx.conf', { readFile: (p) => files[p] });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return result.value;
}

/** A route as one line: scheme://host[:port]path → upstream (tls flags, at line:col). */
const line = (r: ImportedRoute): string =>
  `${r.scheme}://${r.host}${r.publicPort === undefined ? '' : `:${r.publicPort}`}${r.path} → ` +
  `${r.upstream.tls ? 'https' : 'http'}://${r.upstream.host}:${r.upstream.port}` +
  `${r.tls.terminate ? ' terminate' : ''}${r.tls.reencrypt ? ' reencrypt' : ''} @${r.at.line}:${r.at.column}`;

const notes = (imported: ProxyImport, kind?: string) =>
  imported.notes
    .filter((n) => kind === undefined || n.kind === kind)
    .map((n) => `${n.at.line}:${n.at.column} ${n.text}`);

const server = (body: string) => `http {\n server {\n${body}\n }\n}\n`;

describe('nginx import: the fixtures', () => {
  it('reads a real-world nginx.conf with includes, upstreams, a redirect server and TLS servers', () => {
    const file = 'nginx/realworld/nginx.conf';
    const result = importNginx(fixtureText(file), file, { readFile: readFixture });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { value } = result;
    expect(value.routes.map(line)).toEqual([
      'wss://auth.example.com/ → http://127.0.0.1:8009 terminate @52:9',
      'https://auth.example.com/mobile/ → http://127.0.0.1:8889 terminate @57:9',
      'https://mgmt.example.com/admin/ → https://127.0.0.1:8443 terminate reencrypt @83:9',
      'https://mgmt.example.com/ → http://127.0.0.1:80 terminate @91:9',
      'https://example.org:8443/api/ → http://127.0.0.1:8080 terminate @103:9',
      'https://*.example.org:8443/api/ → http://127.0.0.1:8080 terminate @103:9',
    ]);
    expect(value.routes.map((r) => r.websocket)).toEqual(['upgrade', 'none', 'none', 'none', 'none', 'none']);
    expect(value.redirects).toEqual([
      { hosts: ['auth.example.com', 'mgmt.example.com'], port: 80, at: { file, line: 38, column: 9 } },
    ]);
    const text = value.notes.map((n) => `${n.at.file}:${n.at.line}:${n.at.column} ${n.kind}`);
    // Every construct the routes leave out is listed where it is written, included files too.
    expect(text).toEqual(
      expect.arrayContaining([
        'nginx/realworld/mime.types:1:1 not-understood',
        `${file}:28:9 not-understood`, // least_conn
        `${file}:50:9 not-understood`, // add_header
        `${file}:53:13 interpreted`, // the upstream's backup server
        `${file}:58:24 not-understood`, // proxy_pass with a URI part
        `${file}:63:9 interpreted`, // location = /healthz answers itself
        `${file}:68:9 not-understood`, // regex location
        `${file}:72:9 not-understood`, // named location
        `${file}:84:13 not-understood`, // auth_basic
        `${file}:99:21 interpreted`, // .example.org
        `${file}:109:5 not-understood`, // include conf.d/*.conf
        'nginx/realworld/snippets/proxy-ws.conf:5:1 not-understood', // proxy_read_timeout
        'nginx/realworld/snippets/ssl-params.conf:1:1 not-understood',
      ]),
    );
    // The boilerplate of a proxied location is not noted: forwarding headers, the WebSocket pair, its map.
    expect(value.notes.map((n) => n.text).join('\n')).not.toMatch(/X-Forwarded-For|Upgrade \$http_upgrade|"map /);
    expect(result.warnings).toEqual([]);
  });

  it('reads a sites-enabled file: top-level servers, the $scheme redirect, set variables, partial WebSocket headers', () => {
    const file = 'nginx/sites/nextauth.conf';
    const result = importNginx(fixtureText(file), file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.routes.map(line)).toEqual([
      'wss://id.example.net/ns/websocket → http://127.0.0.1:8009 terminate @15:5',
      'https://id.example.net/ns/sigmai → http://127.0.0.1:8888 terminate @22:5',
    ]);
    expect(result.value.redirects).toEqual([{ hosts: ['id.example.net'], port: 80, at: { file, line: 9, column: 5 } }]);
    expect(notes(result.value)).toEqual([
      '22:5 location /ns/sigmai: passes only the Upgrade header of a WebSocket handshake; imported as plain HTTP',
      '28:9 "proxy_pass http://$host:8080": the URL depends on $host, which is known only per request; no route is made',
      '31:5 location /static/: no proxy_pass (files, FastCGI or the like); not imported',
      '32:9 "root /var/www": no counterpart in a route; not imported',
      '33:9 "try_files $uri =404": a rewrite or answer of its own; not imported',
      '40:5 server _ on port 8081: answers every request itself ("return 444", for unknown host names); no route',
    ]);
  });
});

describe('nginx import: listen and server_name', () => {
  it('reads ports, IPv6, addresses and ssl; merges the IPv4 and IPv6 listen of one port', () => {
    const imported = load(
      server(
        '  listen 127.0.0.1:8080; listen [::]:8443 ssl; listen *:8443 ssl default_server; listen [::1];\n' +
          '  server_name a.example.com;\n  ssl_certificate c.crt;\n  location / { proxy_pass http://up:1; }',
      ),
    );
    expect(imported.routes.map(line)).toEqual([
      'http://a.example.com:8080/ → http://up:1 @6:3',
      'https://a.example.com:8443/ → http://up:1 terminate @6:3',
      'http://a.example.com/ → http://up:1 @6:3',
    ]);
    expect(notes(imported, 'interpreted')).toEqual([
      '3:10 "listen 127.0.0.1:8080": listens on 127.0.0.1 only; imported as port 8080',
      '3:48 server a.example.com on port 8080, 8443, 80: the default server of port 8443, so requests for unknown host names reach its locations too; routes are imported for its names only',
      '3:89 "listen [::1]": listens on [::1] only; imported as port 80',
    ]);
  });

  it('notes listens it cannot use and parameters without a counterpart; a server without listen is on 80', () => {
    const imported = load(
      server(
        ' listen unix:/run/x.sock; listen 443 ssl proxy_protocol reuseport; listen 443 quic;\n server_name a.example.com;\n ssl_certificate c;\n location / { proxy_pass http://u:2; }',
      ) + server(' server_name b.example.com; location / { proxy_pass http://u:3; }'),
    );
    expect(imported.routes.map(line)).toEqual([
      'https://a.example.com/ → http://u:2 terminate @6:2',
      'http://b.example.com/ → http://u:3 @11:29',
    ]);
    expect(notes(imported)).toEqual(
      expect.arrayContaining([
        '3:9 "listen unix:/run/x.sock": not a TCP port (a UNIX socket or a variable); no route listens there',
        '3:27 "listen 443 ssl proxy_protocol reuseport": proxy_protocol not imported (the PROXY protocol and the like have no counterpart in a route)',
        '3:68 "listen 443 quic": HTTP/3 over UDP; routes are imported from the TCP listens',
        '10:2 server without "listen": nginx listens on port 80 (8000 when not run as root)',
      ]),
    );
  });

  it('makes a route per host name, keeps leading wildcards and notes regex and suffix names', () => {
    const imported = load(
      server(
        ' listen 80;\n server_name A.Example.com *.example.net ~^w\\d+$ www.example.* "" ;\n location / { proxy_pass http://u:1; }',
      ),
    );
    expect(imported.routes.map((r) => r.host)).toEqual(['a.example.com', '*.example.net']);
    expect(notes(imported, 'not-understood')).toEqual([
      '4:42 server_name ~^w\\d+$: a regular expression; no route is made for it',
      '4:50 server_name www.example.*: not a host name the model can hold (a trailing wildcard, a variable or an address); no route is made for it',
    ]);
  });

  it('a server with no host name makes no route, with a note per location', () => {
    const imported = load(server(' listen 80; server_name _;\n location /x { proxy_pass http://u:1; }'));
    expect(imported.routes).toEqual([]);
    expect(notes(imported)).toEqual(['4:2 location /x: its server has no host name a route can hold; not imported']);
  });

  it('keeps the first server of a host and port, as nginx does ("conflicting server name")', () => {
    const imported = load(
      `http {\n server { listen 80; server_name a.example.com; location / { proxy_pass http://first:1; } }\n` +
        ` server { listen 80; server_name a.example.com b.example.com; location / { proxy_pass http://second:1; } }\n}`,
    );
    expect(imported.routes.map(line)).toEqual([
      'http://a.example.com/ → http://first:1 @2:49',
      'http://b.example.com/ → http://second:1 @3:63',
    ]);
    expect(notes(imported)).toContain(
      '3:2 a.example.com on port 80 is already served by the server at 2:2; nginx ignores this one ("conflicting server name")',
    );
  });
});

describe('nginx import: TLS', () => {
  it('ends TLS on ssl listens with an inherited certificate; notes a TLS listen without one', () => {
    const imported = load(
      'http {\n ssl_certificate /c.crt; ssl_certificate_key /c.key;\n' +
        ' server { listen 443 ssl; server_name a.example.com; location / { proxy_pass https://u; } }\n}\n' +
        server(' listen 4443 ssl; server_name b.example.com; location / { proxy_pass http://u:1; }'),
    );
    expect(imported.routes.map(line)).toEqual([
      'https://a.example.com/ → https://u:443 terminate reencrypt @3:54',
      'https://b.example.com:4443/ → http://u:1 terminate @7:46',
    ]);
    expect(notes(imported, 'not-understood')).toContain(
      '7:2 server b.example.com on port 4443: listens with TLS on port 4443 but names no ssl_certificate; imported as ending TLS',
    );
  });

  it('reads proxy_ssl_verify on as a note (the model cannot say it), off as the export writes it', () => {
    const imported = load(
      server(
        ' listen 80; server_name a.example.com;\n location / { proxy_pass https://u:8443; proxy_ssl_verify on; proxy_ssl_trusted_certificate /ca.pem; }\n location /b { proxy_pass https://u:8443; proxy_ssl_verify off; }',
      ),
    );
    expect(imported.routes.map((r) => r.tls)).toEqual([
      { terminate: false, reencrypt: true },
      { terminate: false, reencrypt: true },
    ]);
    expect(notes(imported).filter((n) => n.includes('proxy_ssl'))).toEqual([
      '4:42 "proxy_ssl_verify on": a TLS setting; not imported',
      '4:63 "proxy_ssl_trusted_certificate /ca.pem": a TLS setting; not imported',
    ]);
  });
});

describe('nginx import: locations and proxy_pass', () => {
  it('reads prefix, ^~, = (as a prefix, noted), attached modifiers and nested locations', () => {
    const imported = load(
      server(
        ' listen 80; server_name a.example.com;\n location ^~ /a/ { proxy_pass http://u:1; location /a/b/ { proxy_pass http://u:2; } }\n' +
          ' location = /exact { proxy_pass http://u:3; }\n location =/glued { proxy_pass http://u:4; }\n location "/sp ace" { proxy_pass http://u:5; }',
      ),
    );
    expect(imported.routes.map((r) => `${r.path} ${r.upstream.port}`)).toEqual([
      '/a/b/ 2',
      '/a/ 1',
      '/exact 3',
      '/glued 4',
      '/sp%20ace 5',
    ]);
    expect(notes(imported, 'interpreted')).toEqual([
      '5:2 location = /exact: an exact match, imported as the path prefix /exact',
      '6:2 location = /glued: an exact match, imported as the path prefix /glued',
    ]);
  });

  it('resolves upstream blocks (default port 80), proxy_pass ports by scheme, and set variables in scope', () => {
    const imported = load(
      'http {\n upstream pool { server 10.0.0.1; server 10.0.0.2:81 down; }\n' +
        ' server { listen 80; server_name a.example.com; set $t http://svc:9;\n' +
        '  location /u { proxy_pass http://pool; }\n  location /h { proxy_pass http://host.example; }\n' +
        '  location /s { proxy_pass $t; }\n  location /l { set $t https://loc:7; proxy_pass ${t}; }\n' +
        '  location /p { proxy_pass http://pool:8080; }\n }\n}',
    );
    expect(
      imported.routes.map(
        (r) => `${r.path} ${r.upstream.tls ? 'https' : 'http'}://${r.upstream.host}:${r.upstream.port}`,
      ),
    ).toEqual([
      '/u http://10.0.0.1:80',
      '/h http://host.example:80',
      '/s http://svc:9',
      '/l https://loc:7',
      // With a port, the name is a host to resolve, not the upstream block.
      '/p http://pool:8080',
    ]);
  });

  it('notes proxy_pass it cannot follow: per-request variables, UNIX sockets, other schemes', () => {
    const imported = load(
      server(
        ' listen 80; server_name a.example.com;\n location /v { proxy_pass http://$http_x; }\n location /x { proxy_pass http://unix:/run/app.sock; }\n' +
          ' location /g { grpc_pass grpc://u:1; }\n location /f { proxy_pass ftp://u; }\n location /n { set $a $host; proxy_pass http://$a; }',
      ),
    );
    expect(imported.routes).toEqual([]);
    expect(notes(imported, 'not-understood')).toEqual([
      '4:16 "proxy_pass http://$http_x": the URL depends on $http_x, which is known only per request; no route is made',
      '5:16 "proxy_pass http://unix:/run/app.sock": a UNIX socket; no route is made',
      '6:2 location /g: no proxy_pass (files, FastCGI or the like); not imported',
      '6:16 "grpc_pass grpc://u:1": no counterpart in a route; not imported',
      '7:16 "proxy_pass ftp://u": not an http:// or https:// URL; no route is made',
      '8:30 "proxy_pass http://$a": the URL depends on $a, which is known only per request; no route is made',
    ]);
  });

  it('a URI part that repeats the location prefix is no rewrite; any other one (or one after a variable) is noted', () => {
    const imported = load(
      server(
        ' listen 80; server_name a.example.com;\n location /ws/ { proxy_pass http://app:81/ws/; }\n' +
          ' location /m/ { proxy_pass http://app:82/; }\n location /v/ { set $t http://app:83; proxy_pass $t/v/; }\n' +
          ' location = /x { proxy_pass http://app:84/x; }',
      ),
    );
    expect(imported.routes.map((r) => `${r.path} ${r.upstream.port}`)).toEqual([
      '/ws/ 81',
      '/m/ 82',
      '/v/ 83',
      '/x 84',
    ]);
    expect(notes(imported, 'not-understood')).toEqual([
      '5:28 "proxy_pass http://app:82/": the URI part "/" replaces the matched location prefix upstream; the route keeps only the public path',
      '6:50 "proxy_pass $t/v/": the URI part "/v/" replaces the matched location prefix upstream; the route keeps only the public path',
    ]);
  });

  it('a server-level return makes its locations unreachable', () => {
    const imported = load(
      server(' listen 80; server_name a.example.com; return 403;\n location / { proxy_pass http://u:1; }'),
    );
    expect(imported.routes).toEqual([]);
    expect(notes(imported)).toEqual([
      '3:40 server a.example.com on port 80: answers every request itself ("return 403"); no route',
      '4:2 location /: never reached (the server returns first)',
    ]);
  });
});

describe('nginx import: WebSocket upgrade', () => {
  const ws = (headers: string, outer = '') =>
    load(
      server(
        ` listen 443 ssl; server_name a.example.com; ssl_certificate c;${outer}\n location / { proxy_pass http://u:8009;${headers} }`,
      ),
    );

  it('Upgrade $http_upgrade with Connection "upgrade" (any case) or a mapped variable is wss', () => {
    expect(
      ws(' proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "Upgrade";')
        .routes[0]!.scheme,
    ).toBe('wss');
    const mapped = load(
      'http { map $http_upgrade $conn { default upgrade; "" close; }\n server { listen 80; server_name a.example.com;\n' +
        ' location / { proxy_pass http://u:1; proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $conn; } } }',
    );
    expect(mapped.routes.map((r) => [r.scheme, r.websocket])).toEqual([['ws', 'upgrade']]);
  });

  it('inherits the headers of the server only when the location sets none, as nginx does', () => {
    const outer =
      ' proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;';
    expect(ws('', outer).routes[0]!.scheme).toBe('wss');
    expect(ws(' proxy_set_header X-Custom 1;', outer).routes[0]!.scheme).toBe('https');
  });

  it('notes half a handshake, and WebSocket headers without HTTP/1.1 upstream', () => {
    const half = ws(' proxy_set_header Connection upgrade;');
    expect(half.routes[0]!.scheme).toBe('https');
    expect(notes(half, 'interpreted')).toEqual([
      '4:2 location /: passes only the Connection header of a WebSocket handshake; imported as plain HTTP',
    ]);
    const old = ws(' proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;');
    expect(old.routes[0]!.scheme).toBe('wss');
    expect(notes(old, 'interpreted')[0]).toMatch(/without "proxy_http_version 1\.1"/);
  });
});

describe('nginx import: redirects', () => {
  it('recognises return and rewrite redirects to https, with the port they name', () => {
    const imported = load(
      'http {\n server { listen 80; server_name a.example.com; return 308 https://$server_name:8443$request_uri; }\n' +
        ' server { listen 8080; server_name b.example.com; rewrite ^ https://b.example.com$request_uri? permanent; }\n' +
        ' server { listen 80; server_name c.example.com; return 301 http://elsewhere.example.com; }\n}',
    );
    expect(imported.redirects.map((r) => [r.hosts, r.port, r.toPort, `${r.at.line}:${r.at.column}`])).toEqual([
      [['a.example.com'], 80, 8443, '2:49'],
      [['b.example.com'], 8080, undefined, '3:51'],
    ]);
    expect(notes(imported, 'interpreted')).toEqual([
      '4:49 server c.example.com on port 80: answers every request itself ("return 301 http://elsewhere.example.com"); no route',
    ]);
  });
});

describe('nginx import: a redirect written as a location', () => {
  it("reads `location / { return 301 https://… }` on a plain port as the redirect, beside Let's Encrypt's challenge", () => {
    const imported = load(
      server(
        ' listen 80; server_name a.example.com;\n location /.well-known/acme-challenge/ { root /var/www/certbot; }\n location / { return 301 https://$host$request_uri; }',
      ),
    );
    expect(imported.routes).toEqual([]);
    expect(imported.redirects.map((r) => [r.hosts, r.port, `${r.at.line}:${r.at.column}`])).toEqual([
      [['a.example.com'], 80, '5:15'],
    ]);
    expect(notes(imported)).toEqual([
      '4:2 location /.well-known/acme-challenge/: no proxy_pass (files, FastCGI or the like); not imported',
      '4:42 "root /var/www/certbot": no counterpart in a route; not imported',
    ]);
  });
});

describe('nginx import: errors', () => {
  it('passes syntax errors on with their position, and nothing else', () => {
    const result = importNginx('http {\n server {\n  listen 80\n }\n}', 'x.conf');
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'proxy-syntax', at: { file: 'x.conf', line: 3, column: 12 } })],
    });
  });

  it('imports nothing from an empty file, and notes stray top-level directives', () => {
    expect(load('')).toEqual({ routes: [], redirects: [], notes: [] });
    expect(notes(load('stream { server { listen 53; } }'))).toEqual([
      '1:1 "stream" { … }: no counterpart in a route; not imported',
    ]);
  });
});
