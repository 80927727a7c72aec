import { describe, expect, it } from 'vitest';
import { importHaproxy } from '../../../../../shared/import/proxy/haproxy-routes';
import { rawModelPath } from '../../../../../shared/import/proxy/text';
import type { ProxyImport } from '../../../../../shared/import/proxy/types';
import { fixtureText } from './fixture-files';

const FILE = 'haproxy.cfg';
const HTTP = 'defaults\n    mode http\n';

function imported(text: string): ProxyImport {
  const r = importHaproxy(text, FILE);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return r.value;
}

/** Routes as one line each: `scheme://host[:port]path → host:port [tls] [terminate] [reencrypt] websocket @line:col`. */
const lines = (i: ProxyImport): string[] =>
  i.routes.map(
    (r) =>
      `${r.scheme}://${r.host}${r.publicPort ? `:${r.publicPort}` : ''}${r.path} → ${r.upstream.host}:${r.upstream.port}` +
      `${r.tls.terminate ? ' terminate' : ''}${r.tls.reencrypt ? ' reencrypt' : ''} ${r.websocket} @${r.at.line}:${r.at.column}`,
  );

const notes = (i: ProxyImport): string[] => i.notes.map((n) => `${n.at.line}:${n.at.column} ${n.kind} ${n.text}`);

function problem(text: string): string {
  const r = importHaproxy(text, FILE);
  if (r.ok) throw new Error('expected a problem');
  const p = r.problems[0]!;
  return `${p.code} ${p.at.line}:${p.at.column} ${p.message}`;
}

describe('HAProxy fixtures', () => {
  it('edge.cfg: host and path ACLs, a WebSocket backend, re-encryption, the redirect of every plain request', () => {
    const i = imported(fixtureText('haproxy/edge.cfg'));
    expect(lines(i)).toEqual([
      'wss://auth.example.com/ → nextauth:8009 terminate reencrypt upgrade @31:5',
      'https://mgmt.example.com/admin → mgmt:80 terminate unknown @32:5',
      'https://mgmt.example.com/console → mgmt:80 terminate unknown @32:5',
      'https://auth.example.com/api → mgmt:80 terminate unknown @32:5',
      'https://auth.example.com/ → nextauth:8889 terminate unknown @33:5',
    ]);
    expect(i.redirects).toEqual(
      [{ hosts: [], port: 80, at: { file: FILE, line: 24, column: 5 } }].map((r) => ({
        ...r,
        at: { ...r.at, file: FILE },
      })),
    );
    expect(notes(i)).toContain(
      '11:5 not-understood "option http-server-close" in defaults: connection handling (HAProxy forwards WebSocket upgrades either way); not imported',
    );
    expect(notes(i)).toContain(
      '32:5 interpreted "use_backend be_mgmt if host_mgmt p_admin || host_auth p_api": an exact path (/api), imported as the path prefix /api',
    );
    expect(notes(i)).toContain(
      '43:5 interpreted "server mgmt2 mgmt-2:80 check backup": backend be_mgmt has several servers; its route names the first, mgmt:80',
    );
    expect(notes(i).some((n) => n.startsWith('34:5 interpreted') && /be_default's own answer/.test(n))).toBe(true);
  });

  it('listen-tcp.cfg: SNI passthrough in TCP mode, quoting, an environment default, .if 0', () => {
    const i = imported(fixtureText('haproxy/listen-tcp.cfg'));
    expect(lines(i)).toEqual([
      'https://portal.example.org:8443/ → portal:443 unknown @17:5',
      'http://legacy.example.org:8080/old%20app/ → [::1]:8090 unknown @35:5',
      'http://status.example.org:8080/health%20check → [::1]:8090 unknown @36:5',
      'http://legacy.example.org:8081/old%20app/ → [::1]:8090 unknown @35:5',
      'http://status.example.org:8081/health%20check → [::1]:8090 unknown @36:5',
    ]);
    expect(i.redirects).toEqual([]);
    const n = notes(i);
    expect(n).toContain('32:5 interpreted "bind :8080": the environment variable HTTP_ADDR read as its default');
    expect(n.some((x) => x.startsWith('34:16 interpreted hdr_dom(host)'))).toBe(true);
    expect(n).toContain(
      '12:1 not-understood listen tls_passthrough: backend tls_passthrough serves every other host name; a route needs one',
    );
    // The frontend inside `.if 0` is not there at all.
    expect(n.join('\n')).not.toMatch(/never/);
  });
});

describe('HAProxy routes', () => {
  it('reads the Host header through a transaction variable, as Portolan writes it', () => {
    const i = imported(`${HTTP}frontend f
    bind :8443 ssl crt /c.pem
    http-request set-var(txn.host) req.hdr(host),field(1,:),lower
    acl h var(txn.host) -m str a.example.com
    use_backend b if h { path_beg /x }
backend b
    server-template app 3 app:8009 ssl verify none check resolvers docker init-addr none
`);
    expect(lines(i)).toEqual(['https://a.example.com:8443/x → app:8009 terminate reencrypt unknown @7:5']);
  });

  it('reads host names from the TLS SNI and from hdr_dom, and a path test with -m beg', () => {
    const i = imported(`${HTTP}frontend f
    bind :443 ssl crt /c.pem
    use_backend b if { ssl_fc_sni -i A.example.com } { path -m beg /x }
    use_backend b if { req.hdr(host),lower -m dom b.example.com }
backend b
    server s b:1
`);
    expect(lines(i)).toEqual([
      'https://a.example.com/x → b:1 terminate unknown @5:5',
      'https://b.example.com/ → b:1 terminate unknown @6:5',
    ]);
  });

  it('merges ACL lines of one name as "or" and takes the first rule that matches a host and path', () => {
    const i = imported(`${HTTP}frontend f
    bind :80
    acl h hdr(host) -i a.example.com
    acl h hdr(host) -i B.Example.com.
    use_backend one if h { path_beg /a }
    use_backend two if h { path_beg /a }
    use_backend two if h
backend one
    server s one:1
backend two
    server s two:2
`);
    expect(lines(i)).toEqual([
      'http://a.example.com/a → one:1 unknown @7:5',
      'http://b.example.com/a → one:1 unknown @7:5',
      'http://a.example.com/ → two:2 unknown @9:5',
      'http://b.example.com/ → two:2 unknown @9:5',
    ]);
  });

  it('redirects to a named HTTPS port per host, and routes the hosts it does not redirect', () => {
    const i = imported(`${HTTP}frontend plain
    bind :80
    http-request redirect prefix https://a.example.com:8443 code 301 if { hdr(host) -i a.example.com }
    use_backend b if { hdr(host) -i a.example.com } || { hdr(host) -i c.example.com }
frontend old
    bind :8080
    redirect scheme https if !{ ssl_fc }
backend b
    server s b:1
`);
    expect(i.redirects.map((r) => [r.hosts, r.port, r.toPort])).toEqual([
      [['a.example.com'], 80, 8443],
      [[], 8080, undefined],
    ]);
    expect(lines(i)).toEqual(['http://c.example.com/ → b:1 unknown @6:5']);
  });

  it('redirects before it routes, wherever the lines stand', () => {
    const i = imported(`${HTTP}frontend f
    bind :80
    use_backend b if { hdr(host) a.example.com }
    http-request redirect scheme https if { hdr(host) a.example.com }
backend b
    server s b:1
`);
    expect(i.routes).toEqual([]);
    expect(i.redirects.map((r) => [r.hosts, r.port, r.at.line])).toEqual([[['a.example.com'], 80, 6]]);
  });

  it('answers before routing: an unconditional return leaves no route', () => {
    const i = imported(`${HTTP}frontend f
    bind :80
    http-request return status 503
    use_backend b if { hdr(host) a.example.com }
backend b
    server s b:1
`);
    expect(i.routes).toEqual([]);
    expect(notes(i)).toContain(
      '5:5 interpreted "http-request return status 503" in frontend f: answers every request itself; no route after it',
    );
  });

  it('notes what a route cannot hold instead of guessing', () => {
    const i = imported(`${HTTP}frontend f
    bind :80
    acl h hdr(host) -i a.example.com
    use_backend b if h !{ path_beg /admin }
    use_backend b if h { path_reg ^/x }
    use_backend b if h { src 10.0.0.0/8 }
    use_backend b if { hdr(host) -f hosts.lst }
    use_backend b unless h
    use_backend %[req.hdr(x-backend)] if h
    use_backend b if { path_beg /open }
backend b
    server s b:1
`);
    expect(i.routes).toEqual([]);
    const n = notes(i).filter((x) => x.includes('not-understood'));
    expect(n).toEqual([
      '6:24 not-understood "use_backend b if h !{ path_beg /admin }": !{ … }: a negated test of a host, path or header; not imported',
      '7:26 not-understood "use_backend b if h { path_reg ^/x }": path_reg ^/x: a test a route cannot hold; not imported',
      '8:26 not-understood "use_backend b if h { src 10.0.0.0/8 }": src 10.0.0.0/8: a test a route cannot hold; not imported',
      '9:24 not-understood "use_backend b if { hdr(host) -f hosts.lst }": hdr(host) -f: the values are in a file that is not read; not imported',
      '10:19 not-understood "use_backend b unless h": an "unless" condition on a host, path or header; not imported',
      '11:5 not-understood "use_backend %[req.hdr(x-backend)] if h": the backend is chosen at run time; not imported',
      '12:5 not-understood "use_backend b if { path_beg /open }" in frontend f: matches every host name; a route needs one',
    ]);
  });

  it('reads TLS from default-server, notes verification, leaves out sockets, disabled servers and missing ports', () => {
    const i = imported(`${HTTP}    default-server ssl verify required ca-file /ca.pem
frontend f
    bind :443 ssl crt /c.pem
    use_backend a if { hdr(host) a.example.com }
    use_backend b if { hdr(host) b.example.com }
    use_backend c if { hdr(host) c.example.com }
backend a
    server s1 unix@/run/app.sock
    server s2 app
    server s3 ::1:9000 no-ssl
backend b
    server s1 other:1 disabled
    server s2 ipv4@10.0.0.2:8080
backend c
    server s1 app:+1
`);
    expect(lines(i)).toEqual([
      'https://a.example.com/ → [::1]:9000 terminate unknown @6:5',
      'https://b.example.com/ → 10.0.0.2:8080 terminate reencrypt unknown @7:5',
    ]);
    const n = notes(i);
    expect(n.some((x) => x.startsWith('10:5 not-understood') && /socket/.test(x))).toBe(true);
    expect(n.some((x) => x.startsWith('11:5 not-understood') && /no port/.test(x))).toBe(true);
    expect(n.some((x) => x.startsWith('14:5 interpreted') && /disabled/.test(x))).toBe(true);
    expect(n.some((x) => x.startsWith('15:5 interpreted') && /verifies the upstream/.test(x))).toBe(true);
    expect(n.some((x) => x.startsWith('17:5 not-understood') && /relative/.test(x))).toBe(true);
  });

  it('reads every bind form, and notes the ones that are not a TCP port', () => {
    const i = imported(`${HTTP}frontend f
    bind ipv6@:8001,[::]:8002 ssl crt /c.pem
    bind :::8003 v6only
    bind :9000-9010
    bind quic4@:443 ssl crt /c.pem
    bind unix@/run/h.sock
    bind :8004 ssl
    use_backend b if { hdr(host) a.example.com }
backend b
    server s b:1
`);
    expect(lines(i).map((l) => l.replace(/ →.*/, ''))).toEqual([
      'https://a.example.com:8001/',
      'https://a.example.com:8002/',
      'http://a.example.com:8003/',
      'https://a.example.com:8004/',
    ]);
    expect(
      notes(i)
        .filter((n) => n.includes('bind'))
        .map((n) => n.replace(/ .*?: /, ' ')),
    ).toHaveLength(4);
  });

  it('reads a frontend without "mode" as TCP, as HAProxy does', () => {
    const i = imported(`frontend f
    bind :80
    use_backend b if { hdr(host) a.example.com }
backend b
    server s b:1
`);
    expect(i.routes).toEqual([]);
    expect(notes(i)[0]).toBe('1:1 interpreted frontend f: no "mode" line; HAProxy\'s default is TCP mode');
  });

  it('takes mode and default_backend from the defaults section a proxy names', () => {
    const i = imported(`defaults web
    mode http
    default_backend b
defaults
    mode tcp
frontend f from web
    bind :80
backend b
    server s b:1
`);
    expect(i.routes).toEqual([]);
    expect(notes(i)).toContain(
      '3:5 not-understood frontend f: backend b serves every other host name; a route needs one',
    );
  });

  it('stops expanding an ACL bomb and notes it', () => {
    const values = Array.from({ length: 20 }, (_, k) => `/p${k}`).join(' ');
    const hosts = Array.from({ length: 60 }, (_, k) => `h${k}.example.com`).join(' ');
    const i = imported(`${HTTP}frontend f
    bind :80
    acl p path_beg ${values}
    acl q path_beg ${values}
    acl h hdr(host) ${hosts}
    use_backend b if h p q || h p q
backend b
    server s b:1
`);
    expect(i.routes.length).toBeGreaterThan(0);
    const bomb = importHaproxy(
      `${HTTP}frontend f\n    bind :80\n${Array.from({ length: 6 }, (_, k) => `    acl a${k} path_beg / ${values}`).join('\n')}\n    use_backend b if a0 a1 a2 a3 a4 a5\nbackend b\n    server s b:1\n`,
      FILE,
    );
    expect(bomb.ok && bomb.value.notes.some((n) => /more than 4096 combinations/.test(n.text))).toBe(true);
  });
});

describe('HAProxy hostile input', () => {
  it('stops a frontend of many binds times many rules', () => {
    const binds = Array.from({ length: 500 }, (_, k) => `    bind :${1000 + k}`).join('\n');
    const rules = Array.from({ length: 500 }, (_, k) => `    use_backend b if { hdr(host) h${k}.example.com }`).join(
      '\n',
    );
    const r = importHaproxy(`${HTTP}frontend f\n${binds}\n${rules}\nbackend b\n    server s b:1\n`, FILE);
    expect(!r.ok && r.problems[0]!.code).toBe('too-many-tokens');
  });
});

describe('HAProxy errors HAProxy itself refuses: code and exact position', () => {
  it.each([
    [
      'an ACL that is not declared',
      `${HTTP}frontend f\n    bind :80\n    use_backend b if nope\nbackend b\n`,
      'proxy-syntax 5:22 no ACL named "nope"',
    ],
    [
      'an unclosed anonymous ACL',
      `${HTTP}frontend f\n    use_backend b if { path_beg /x\nbackend b\n`,
      'proxy-syntax 4:22 missing "}"',
    ],
    [
      'a condition with nothing after "if"',
      `${HTTP}frontend f\n    use_backend b if\nbackend b\n`,
      'proxy-syntax 4:19 "if" needs a condition',
    ],
    [
      'a backend that does not exist',
      `${HTTP}frontend f\n    use_backend nope if TRUE\n`,
      'proxy-syntax 4:17 no backend named "nope"',
    ],
    [
      'a default_backend that does not exist',
      `${HTTP}frontend f\n    default_backend nope\n`,
      'proxy-syntax 4:21 no backend named "nope"',
    ],
    [
      'two backends with one name',
      'backend b\nbackend b\n',
      'proxy-syntax 2:1 backend "b" has the same name as the backend at 1:1',
    ],
    ['a frontend without a name', 'frontend\n', 'proxy-syntax 1:1 "frontend" needs a name'],
    ['defaults that are not declared', 'frontend f from x\n', 'proxy-syntax 1:17 no defaults section named "x" above'],
    ['an ACL without a test', `${HTTP}frontend f\n    acl\n`, 'proxy-syntax 4:5 "acl" needs a name and a test'],
  ])('%s', (_name, text, expected) => {
    expect(problem(text)).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('rawModelPath', () => {
  it('keeps escapes as HAProxy compares them and escapes everything else that is not unreserved', () => {
    expect(rawModelPath('/a%20b%zz/é ~')).toBe('/a%20b%25zz/%C3%A9%20~');
    expect(rawModelPath('/x%0a')).toBe('/x%0a');
  });
});
