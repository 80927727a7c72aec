import { describe, expect, it } from 'vitest';
import { importCaddyfile } from '../../../../../shared/import/proxy/caddy-routes';
import type { ProxyImport } from '../../../../../shared/import/proxy/types';
import { fixtureText, readFixture } from './fixture-files';

const FILE = 'Caddyfile';

function imported(text: string, file = FILE): ProxyImport {
  const r = importCaddyfile(text, file, { readFile: readFixture });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return r.value;
}

const lines = (i: ProxyImport): string[] =>
  i.routes.map(
    (r) =>
      `${r.scheme}://${r.host}${r.publicPort ? `:${r.publicPort}` : ''}${r.path} → ${r.upstream.host}:${r.upstream.port}` +
      `${r.tls.terminate ? ' terminate' : ''}${r.tls.reencrypt ? ' reencrypt' : ''} ${r.websocket} @${r.at.line}:${r.at.column}`,
  );

const redirects = (i: ProxyImport): string[] =>
  i.redirects.map((r) => `${r.hosts.join(',') || '*'} :${r.port} → ${r.toPort ?? 443} @${r.at.line}:${r.at.column}`);

const notes = (i: ProxyImport): string[] =>
  i.notes.map((n) => `${n.at.file}:${n.at.line}:${n.at.column} ${n.kind} ${n.text}`);

function problem(text: string): string {
  const r = importCaddyfile(text, FILE);
  if (r.ok) throw new Error('expected a problem');
  const p = r.problems[0]!;
  return `${p.code} ${p.at.line}:${p.at.column} ${p.message}`;
}

describe('Caddyfile fixtures', () => {
  it('Caddyfile: automatic HTTPS on custom ports, a WebSocket matcher, handle blocks, a snippet, imports', () => {
    const i = imported(fixtureText('caddy/Caddyfile'), 'caddy/Caddyfile');
    expect(lines(i)).toEqual([
      'wss://auth.example.com:8443/ws → nextauth:8009 terminate reencrypt upgrade @20:3',
      'https://auth.example.com:8443/admin/ → mgmt:80 terminate unknown @28:3',
      'https://auth.example.com:8443/api/ → nextauth:8889 terminate unknown @31:3',
      'wss://id.example.com:8443/ws → nextauth:8009 terminate reencrypt upgrade @20:3',
      'https://id.example.com:8443/admin/ → mgmt:80 terminate unknown @28:3',
      'https://id.example.com:8443/api/ → nextauth:8889 terminate unknown @31:3',
      'http://legacy.example.com:8080/status → legacy:8080 unknown @43:2',
      'https://portal.example.com:9443/app → portal:443 terminate reencrypt unknown @49:3',
    ]);
    expect(redirects(i)).toEqual([
      'auth.example.com :8080 → 8443 @13:1',
      'id.example.com :8080 → 8443 @13:19',
      'portal.example.com :8080 → 9443 @46:1',
    ]);
    const n = notes(i);
    expect(n).toContain(
      'caddy/Caddyfile:13:1 interpreted site address auth.example.com: automatic HTTPS — Caddy ends TLS for auth.example.com on port 8443 with a certificate it obtains itself',
    );
    expect(n).toContain(
      'caddy/Caddyfile:10:2 not-understood "header_up X-Real-IP {remote_host}" in reverse_proxy: a header the route model does not hold; not imported',
    );
    expect(n).toContain(
      'caddy/Caddyfile:31:17 interpreted "reverse_proxy nextauth:8889 { … }": the environment variable API_UPSTREAM read as its default',
    );
    expect(n).toContain(
      'caddy/Caddyfile:53:1 not-understood import sites/*.caddy: a glob pattern; the files it names were not read',
    );
    expect(n).toContain(
      'caddy/extra.caddy:3:2 interpreted "respond "ok"": answers the requests no route takes itself; no route',
    );
    expect(n).toContain('caddy/Caddyfile:38:2 not-understood "encode gzip": no counterpart in a route; not imported');
  });

  it('snippets.Caddyfile: snippet arguments, one matcher with two paths, our own redirect', () => {
    const i = imported(fixtureText('caddy/snippets.Caddyfile'), 'caddy/snippets.Caddyfile');
    expect(lines(i)).toEqual([
      'https://a.example.net/ → nextauth:8889 terminate unknown @7:2',
      'https://b.example.net:8443/api/ → mgmt:81 terminate unknown @17:2',
      'https://b.example.net:8443/v2/ → mgmt:81 terminate unknown @17:2',
      'https://b.example.net:8443/ → mgmt:80 terminate unknown @18:2',
    ]);
    // auto_https disable_redirects: only the redirect the file writes.
    expect(redirects(i)).toEqual(['a.example.net,b.example.net :80 → 443 @22:2']);
  });
});

describe('Caddy sites and automatic HTTPS', () => {
  it('serves host names over TLS on 443 and redirects port 80, unless the site is http:// or a catch-all', () => {
    const i = imported(
      'a.example.com {\n\treverse_proxy app:1\n}\nhttp://b.example.com {\n\treverse_proxy app:2\n}\n:8080 {\n\treverse_proxy app:3\n}\n',
    );
    expect(lines(i)).toEqual([
      'https://a.example.com/ → app:1 terminate unknown @2:2',
      'http://b.example.com/ → app:2 unknown @5:2',
    ]);
    expect(redirects(i)).toEqual(['a.example.com :80 → 443 @1:1']);
    expect(notes(i)).toContain(
      'Caddyfile:8:2 not-understood "reverse_proxy app:3" in the site :8080: serves every host name; a route needs one',
    );
  });

  it('does not redirect a host that is also served plain on the HTTP port, and prefers the HTTPS port', () => {
    const i = imported(
      'a.example.com {\n\treverse_proxy app:1\n}\nhttp://a.example.com {\n\treverse_proxy app:2\n}\nb.example.com:8443, b.example.com {\n\treverse_proxy app:3\n}\n',
    );
    expect(redirects(i)).toEqual(['b.example.com :80 → 443 @7:21']);
  });

  it('turns both off with auto_https off (a host name without scheme is then plain on 443), and reads tls', () => {
    const i = imported(
      '{\n\tauto_https off\n}\na.example.com {\n\treverse_proxy app:1\n}\nb.example.com {\n\ttls /c.pem /k.pem\n\treverse_proxy app:2\n}\n',
    );
    expect(lines(i)).toEqual([
      'http://a.example.com:443/ → app:1 unknown @5:2',
      'https://b.example.com/ → app:2 terminate unknown @9:2',
    ]);
    expect(i.redirects).toEqual([]);
  });

  it('merges two spellings of one address, first block first, and notes other schemes', () => {
    const i = imported(
      'https://a.example.com {\n\treverse_proxy one:1\n}\nA.example.com:443 {\n\treverse_proxy two:2\n\treverse_proxy /x* two:2\n}\nftp://b.example.com {\n}\n',
    );
    expect(lines(i)).toEqual([
      'https://a.example.com/ → one:1 terminate unknown @2:2',
      'https://a.example.com/x → two:2 terminate unknown @6:2',
    ]);
    expect(notes(i)).toContain(
      'Caddyfile:8:1 not-understood site address ftp://b.example.com: not an http:// or https:// address; not imported',
    );
  });

  it('notes a site address with an unset environment variable or a placeholder, and tls on a plain site', () => {
    const i = imported('{$SITE} {\n\treverse_proxy app:1\n}\nhttp://x.example.com {\n\ttls internal\n\trespond 1\n}\n');
    expect(i.routes).toEqual([]);
    expect(notes(i)).toContain(
      'Caddyfile:1:1 not-understood site address "": reads the environment variable SITE; not imported',
    );
    expect(notes(i)).toContain('Caddyfile:5:2 not-understood "tls internal": the site is plain HTTP; not imported');
  });
});

describe('Caddy handlers', () => {
  it('reads path tokens, named matchers, handle nesting and the order of handle, answers and reverse_proxy', () => {
    const i = imported(`a.example.com {
	@api {
		path /api/*
		host a.example.com
	}
	@other host b.example.com
	handle @api {
		handle /api/v2* {
			reverse_proxy v2:1
		}
		reverse_proxy api:1
	}
	reverse_proxy @other never:1
	reverse_proxy /exact top:1
	route /x* {
		reverse_proxy x:1
	}
	handle {
		respond 404
	}
	reverse_proxy shadowed:1
}
`);
    expect(lines(i)).toEqual([
      'https://a.example.com/api/v2 → v2:1 terminate unknown @9:4',
      'https://a.example.com/api/ → api:1 terminate unknown @11:3',
      'https://a.example.com/x → x:1 terminate unknown @16:3',
    ]);
    const n = notes(i);
    expect(n.filter((x) => /never reached/.test(x)).map((x) => x.split(' ')[0])).toEqual([
      'Caddyfile:13:2',
      'Caddyfile:14:2',
      'Caddyfile:21:2',
    ]);
  });

  it('reads upstream forms and re-encryption', () => {
    const i = imported(`a.example.com {
	reverse_proxy /a* https://secure:8443
	reverse_proxy /b* app:443
	reverse_proxy /c* :9000 other:1
	reverse_proxy /d* {
		to app:2
		transport http {
			tls_server_name internal
		}
	}
	reverse_proxy /e* unix//run/app.sock
	reverse_proxy /f* h2c://app:3
	reverse_proxy /g* {http.request.host}:80
	reverse_proxy /h* {
		transport fastcgi
	}
}
`);
    expect(lines(i)).toEqual([
      'https://a.example.com/a → secure:8443 terminate reencrypt unknown @2:2',
      'https://a.example.com/b → app:443 terminate reencrypt unknown @3:2',
      'https://a.example.com/c → localhost:9000 terminate unknown @4:2',
      'https://a.example.com/d → app:2 terminate reencrypt unknown @5:2',
    ]);
    const n = notes(i).join('\n');
    expect(n).toMatch(/Caddyfile:4:2 interpreted .*2 upstreams; the route names the first, localhost:9000/);
    expect(n).toMatch(/Caddyfile:11:2 not-understood .*a UNIX socket/);
    expect(n).toMatch(/Caddyfile:12:2 not-understood .*a h2c upstream/);
    expect(n).toMatch(/Caddyfile:13:2 not-understood .*a placeholder/);
    expect(n).toMatch(/Caddyfile:15:3 not-understood "transport fastcgi": not the HTTP transport/);
  });

  it('reads the redirects a site writes, and notes the ones that are not to HTTPS', () => {
    const i = imported(`http://a.example.com:8080, http://b.example.com:8080 {
	redir https://{host}:8443{uri}
}
http://c.example.com {
	redir https://c.example.com{uri} 308
}
http://d.example.com {
	redir https://elsewhere.example.com{uri}
}
http://e.example.com {
	redir /old /new
	reverse_proxy app:1
}
`);
    expect(redirects(i)).toEqual(['a.example.com,b.example.com :8080 → 8443 @2:2', 'c.example.com :80 → 443 @5:2']);
    expect(lines(i)).toEqual(['http://e.example.com/ → app:1 unknown @12:2']);
    const n = notes(i).join('\n');
    expect(n).toMatch(
      /Caddyfile:8:2 not-understood "redir https:\/\/elsewhere.example.com\{uri\}": not a redirect of this site to HTTPS/,
    );
    expect(n).toMatch(/Caddyfile:11:2 not-understood "redir \/old \/new": a redirect of some requests/);
  });

  it('notes matchers a route cannot hold', () => {
    const i = imported(`a.example.com {
	@local remote_ip 10.0.0.0/8
	@mid path /a/*/b
	reverse_proxy @local app:1
	reverse_proxy @mid app:2
	reverse_proxy *.js app:3
}
`);
    expect(lines(i)).toEqual(['https://a.example.com/ → app:3 terminate unknown @6:2']);
    const n = notes(i).join('\n');
    expect(n).toMatch(/Caddyfile:2:9 not-understood .*remote_ip 10.0.0.0\/8: a matcher a route cannot hold/);
    expect(n).toMatch(/Caddyfile:3:12 not-understood .*\/a\/\*\/b: a "\*" inside the path/);
    // Only `*`, a path and `@name` are matcher tokens: `*.js` is read as an upstream, which it is not.
    expect(n).toMatch(/Caddyfile:6:2 not-understood .*\*\.js is not a host and port/);
  });
});

describe('Caddy hostile input', () => {
  it('stops a site of many addresses times many directives', () => {
    const addresses = Array.from({ length: 1000 }, (_, k) => `h${k}.example.com`).join(' ');
    const directives = Array.from({ length: 300 }, (_, k) => `\treverse_proxy /p${k}* app:1`).join('\n');
    const r = importCaddyfile(`${addresses} {\n${directives}\n}\n`, FILE);
    expect(!r.ok && r.problems[0]!.code).toBe('too-many-tokens');
  });
});

describe('Caddy errors Caddy itself refuses: code and exact position', () => {
  it.each([
    [
      'a matcher that is not defined',
      'a.example.com {\n\treverse_proxy @nope app:1\n}\n',
      'proxy-syntax 2:16 no matcher named @nope',
    ],
    [
      'the same address twice',
      'a.example.com {\n}\nb.example.com, a.example.com {\n}\n',
      'proxy-syntax 3:16 ambiguous site definition: a.example.com',
    ],
    [
      'a port that is not one',
      'a.example.com:99999 {\n}\n',
      'proxy-syntax 1:1 "a.example.com:99999": "99999" is not a port',
    ],
    [
      'an http_port that is not a port',
      '{\n\thttp_port eighty\n}\n',
      'proxy-syntax 2:12 http_port needs a port number',
    ],
  ])('%s', (_name, text, expected) => {
    expect(problem(text)).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
