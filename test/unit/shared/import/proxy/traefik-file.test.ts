/**
 * Traefik files → routes: the static file's entry points, the dynamic file's routers,
 * services, middlewares and transports, YAML and TOML alike, with positions for every note
 * and error, and hostile files refused within the loader's bounds.
 */
import { describe, expect, it } from 'vitest';
import { importTraefikFile, importTraefikFiles } from '../../../../../shared/import/proxy/traefik-file';
import { entryPointsFromArgs } from '../../../../../shared/import/proxy/traefik-static';
import type { ImportedRoute, ProxyImport } from '../../../../../shared/import/proxy/types';
import type { ImportProblem } from '../../../../../shared/import/types';
import { parse } from 'yaml';
import type { Located } from '../../../../../shared/format/located';
import { parseToml } from '../../../../../shared/import/proxy/toml';
import { validateDynamic, validateStatic } from '../../../../support/proxy-cases';
import { fixtureText } from './fixture-files';

const line = (r: ImportedRoute): string =>
  `${r.scheme}://${r.host}${r.publicPort === undefined ? '' : `:${r.publicPort}`}${r.path} → ` +
  `${r.upstream.tls ? 'https' : 'http'}://${r.upstream.host}:${r.upstream.port}` +
  `${r.tls.terminate ? ' terminate' : ''}${r.tls.reencrypt ? ' reencrypt' : ''}`;

function load(files: Record<string, string>): ProxyImport {
  const result = importTraefikFiles(Object.entries(files).map(([path, text]) => ({ path, text })));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return result.value;
}

function problem(text: string, file = 'dynamic.yml'): ImportProblem {
  const result = importTraefikFile(text, file);
  if (result.ok) throw new Error('imported, but a problem was expected');
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

const notes = (imported: ProxyImport, kind?: string) =>
  imported.notes
    .filter((n) => kind === undefined || n.kind === kind)
    .map((n) => `${n.at.line}:${n.at.column} ${n.text}`);
const at = (p: { at: { line: number; column: number } }) => `${p.at.line}:${p.at.column}`;

const FIXTURE_ROUTES = [
  'https://auth.example.com/ns/websocket → http://ns:9999 terminate',
  'https://auth.example.com/ws → http://ns:9999 terminate',
  'https://auth.example.com/ns/sigmai → http://ns:8888 terminate',
  'https://m.example.com/ns/sigmai → http://ns:8888 terminate',
  'https://auth.example.com:8443/ns/sigmai → http://ns:8888 terminate',
  'https://m.example.com:8443/ns/sigmai → http://ns:8888 terminate',
  'https://ns-api.example.com/ → https://ns:8080 terminate reencrypt',
  // TLS passed through by SNI: not ended here, nor re-encrypted.
  'https://mc-api.example.com/ → http://mc:8080',
];

describe('Traefik fixtures are valid Traefik v3 configurations', () => {
  // The SchemaStore schemas the exporter's files are checked with (test/support/proxy-cases.ts).
  const valid = (check: typeof validateDynamic, value: unknown) => (check(value) ? [] : check.errors);

  it('the static and the dynamic YAML file', () => {
    expect(valid(validateStatic, parse(fixtureText('traefik/traefik.yml')))).toEqual([]);
    expect(valid(validateDynamic, parse(fixtureText('traefik/dynamic.yml')))).toEqual([]);
  });

  it('the dynamic TOML file, read by the TOML reader, is the YAML file', () => {
    const toml = parseToml(fixtureText('traefik/dynamic.toml'));
    expect(toml.ok).toBe(true);
    if (!toml.ok) return;
    const plain = (node: Located): unknown =>
      node.type === 'scalar'
        ? node.value
        : node.type === 'seq'
          ? node.items.map(plain)
          : Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
    expect(valid(validateDynamic, plain(toml.root))).toEqual([]);
    expect(plain(toml.root)).toEqual(parse(fixtureText('traefik/dynamic.yml')));
  });
});

describe('Traefik file import: the fixtures', () => {
  const files = (dynamic: string) => ({
    [`traefik/${dynamic}`]: fixtureText(`traefik/${dynamic}`),
    'traefik/traefik.yml': fixtureText('traefik/traefik.yml'),
  });

  it('reads the dynamic YAML file with the static one: routes, the entry point redirect, notes', () => {
    const imported = load(files('dynamic.yml'));
    expect(imported.routes.map(line)).toEqual(FIXTURE_ROUTES);
    expect(imported.routes.every((r) => r.websocket === 'unknown')).toBe(true);
    expect(imported.routes.map((r) => at(r))).toEqual(['4:5', '4:5', '8:5', '8:5', '8:5', '8:5', '16:5', '58:5']);
    expect(imported.redirects).toEqual([
      { hosts: [], port: 80, at: { file: 'traefik/traefik.yml', line: 8, column: 11 } },
    ]);
    expect(imported.notes.map((n) => `${n.at.file}:${at(n)} ${n.kind} ${n.text}`)).toEqual([
      'traefik/dynamic.yml:15:9 interpreted http.routers.mobile.tls.certResolver: the router ends TLS; where its certificate comes from is not imported',
      'traefik/dynamic.yml:17:44 not-understood router rest-api: Headers(`X-Api`, `1`) narrows the route further; imported without it',
      'traefik/dynamic.yml:20:21 not-understood middleware secure-headers (headers) of router rest-api: not imported',
      'traefik/dynamic.yml:20:37 not-understood middleware ipallow (ipAllowList) of router rest-api: not imported',
      "traefik/dynamic.yml:23:16 not-understood router dashboard goes to Traefik's own api@internal; not imported",
      'traefik/dynamic.yml:25:13 not-understood router any-host: an alternative of its rule names no Host, so it matches every host; not imported',
      'traefik/dynamic.yml:26:21 interpreted entry point web redirects every request to websecure; router any-host is never reached there',
      'traefik/dynamic.yml:40:5 interpreted service ns-sigmai balances over 2 servers; the route goes to the first, http://ns:8888',
      'traefik/dynamic.yml:45:9 not-understood http.services.ns-sigmai.loadBalancer.healthCheck: not imported',
      'traefik/dynamic.yml:55:7 not-understood http.serversTransports.internal-tls.rootCAs: not imported',
      'traefik/dynamic.yml:73:3 not-understood tls.options: not imported',
      'traefik/traefik.yml:23:1 not-understood api: not imported',
    ]);
  });

  it('reads the same configuration written in TOML to the same routes, with TOML positions', () => {
    const imported = load(files('dynamic.toml'));
    expect(imported.routes.map(line)).toEqual(FIXTURE_ROUTES);
    // Routers are where their table header names them.
    expect(at(imported.routes[0]!)).toBe('2:15');
    expect(notes(imported, 'not-understood')[0]).toBe(
      '18:41 router rest-api: Headers(`X-Api`, `1`) narrows the route further; imported without it',
    );
  });

  it('gives the same result whichever file comes first', () => {
    const [a, b] = Object.entries(files('dynamic.yml'));
    expect(load(Object.fromEntries([b!, a!])).routes).toEqual(load(Object.fromEntries([a!, b!])).routes);
  });
});

describe('Traefik file import: entry points', () => {
  const dynamic = `http:
  routers:
    r:
      rule: Host(\`a.example.com\`)
      entryPoints: [web, websecure, other]
      service: s
  services:
    s:
      loadBalancer:
        servers: [{ url: "http://app:3000" }]
`;

  it('reads web and websecure as 80 and 443 without a static file, and notes an unknown one', () => {
    const imported = load({ 'd.yml': dynamic });
    expect(imported.routes.map(line)).toEqual([
      'http://a.example.com/ → http://app:3000',
      'http://a.example.com:443/ → http://app:3000',
    ]);
    expect(notes(imported)).toEqual([
      '5:21 entry point web: read as port 80 (no static configuration was given)',
      '5:26 entry point websecure: read as port 443 (no static configuration was given)',
      '5:37 entry point other of router r: its port is not known (give the static configuration too); not imported',
    ]);
  });

  it("takes entry points from Traefik's command line, TLS and redirect included", () => {
    const found: Parameters<typeof entryPointsFromArgs>[1] = [];
    const pos = (line: number) => ({ file: 'compose.yml', line, column: 9 });
    const entryPoints = entryPointsFromArgs(
      [
        { value: '--entryPoints.web.address=:8080', at: pos(1) },
        { value: '--entrypoints.web.http.redirections.entrypoint.to=other', at: pos(2) },
        { value: '--entrypoints.websecure.address=:443', at: pos(3) },
        { value: '--entrypoints.other.address=[::]:9443', at: pos(4) },
        { value: '--entrypoints.other.http.tls', at: pos(5) },
        { value: '--entrypoints.udp.address=:53/udp', at: pos(6) },
        { value: '--providers.docker=true', at: pos(7) },
      ],
      found,
    );
    expect([...entryPoints.values()].map((e) => [e.name, e.port, e.tls, e.redirectTo?.entryPoint])).toEqual([
      ['web', 8080, undefined, 'other'],
      ['websecure', 443, undefined, undefined],
      ['other', 9443, true, undefined],
    ]);
    expect(found.map((n) => `${n.at.line} ${n.text}`)).toEqual([
      '6 entry point udp: address :53/udp is not a TCP port',
      '6 entry point udp: no TCP address; its routers are not imported',
    ]);
    const result = importTraefikFile(dynamic, 'd.yml', { entryPoints });
    // web redirects as a whole, so the router is reached on websecure and other only.
    expect(result.ok && result.value.routes.map(line)).toEqual([
      'http://a.example.com:443/ → http://app:3000',
      'https://a.example.com:9443/ → http://app:3000 terminate',
    ]);
    expect(result.ok && result.value.redirects.map((r) => [r.port, r.toPort])).toEqual([[8080, 9443]]);
  });

  it('leaves out routers on an entry point that redirects as a whole', () => {
    const imported = load({
      'static.yml':
        'entryPoints:\n  web:\n    address: ":80"\n    http: { redirections: { entryPoint: { to: websecure } } }\n  websecure: { address: ":443" }\n',
      'd.yml':
        'http:\n  routers:\n    r: { rule: "Host(`x.example.com`)", service: s, entryPoints: [web, websecure], tls: {} }\n  services:\n    s: { loadBalancer: { servers: [{ url: "http://s" }] } }\n',
    });
    expect(imported.routes.map(line)).toEqual(['https://x.example.com/ → http://s:80 terminate']);
    expect(imported.redirects.map((r) => [r.port, r.toPort])).toEqual([[80, undefined]]);
    expect(notes(imported, 'interpreted')).toEqual([
      '3:67 entry point web redirects every request to websecure; router r is never reached there',
    ]);
  });

  it('puts a router without entryPoints on every entry point of the static file', () => {
    const imported = load({
      'static.yml': 'entryPoints:\n  a: { address: ":81" }\n  b: { address: ":82" }\n',
      'd.yml':
        'http:\n  routers:\n    r: { rule: "Host(`x.example.com`)", service: s }\n  services:\n    s: { loadBalancer: { servers: [{ url: "http://s" }] } }\n',
    });
    expect(imported.routes.map(line)).toEqual([
      'http://x.example.com:81/ → http://s:80',
      'http://x.example.com:82/ → http://s:80',
    ]);
  });
});

describe('Traefik file import: routers, services, middlewares', () => {
  const file = (routers: string, rest = '') =>
    `http:\n  routers:\n${routers}\n  services:\n    s:\n      loadbalancer:\n        servers:\n          - url: "http://s:1"\n${rest}`;

  it('reads redirect routers (redirectScheme) as redirects, with the port they name', () => {
    const imported = load({
      'd.yml': file(
        '    to-https:\n      rule: Host(`a.example.com`) || Host(`b.example.com`)\n      entryPoints: [web]\n      middlewares: [r@file]\n      service: noop@internal',
        '  middlewares:\n    r:\n      redirectScheme: { scheme: https, port: "8443", permanent: true }\n',
      ),
    });
    expect(imported.routes).toEqual([]);
    expect(imported.redirects).toEqual([
      { hosts: ['a.example.com', 'b.example.com'], port: 80, toPort: 8443, at: { file: 'd.yml', line: 3, column: 5 } },
    ]);
  });

  it('notes exact paths, conflicting matchers, negations and hosts a route cannot hold', () => {
    const imported = load({
      'd.yml': file(
        [
          '    exact: { rule: "Host(`a.example.com`) && Path(`/p`)", service: s, entryPoints: [web] }',
          '    both: { rule: "Host(`a.example.com`) && Host(`b.example.com`)", service: s, entryPoints: [web] }',
          '    not: { rule: "Host(`c.example.com`) && !PathPrefix(`/admin`)", service: s, entryPoints: [web] }',
          '    nested: { rule: "Host(`d.example.com`) && PathPrefix(`/a`) && PathPrefix(`/a/b`)", service: s, entryPoints: [web] }',
          '    apart: { rule: "Host(`e.example.com`) && PathPrefix(`/a`) && PathPrefix(`/b`)", service: s, entryPoints: [web] }',
          '    regexp: { rule: "HostRegexp(`^.+$`)", service: s, entryPoints: [web] }',
          '    addr: { rule: "Host(`10.0.0.1:80`)", service: s, entryPoints: [web] }',
        ].join('\n'),
      ),
    });
    expect(imported.routes.map(line)).toEqual([
      'http://a.example.com/p → http://s:1',
      'http://c.example.com/ → http://s:1',
      'http://d.example.com/a/b → http://s:1',
    ]);
    expect(notes(imported, 'not-understood').filter((n) => !n.includes('entry point'))).toEqual([
      '4:19 router both: an alternative of its rule matches nothing (its Host matchers name no common host); not imported',
      '5:45 router not: !PathPrefix(`/admin`) narrows the route further; imported without it',
      '7:20 router apart: an alternative of its rule matches nothing (its path matchers exclude each other); not imported',
      '8:21 router regexp: an alternative of its rule names no Host, so it matches every host; not imported',
      '8:22 router regexp: HostRegexp(`^.+$`) narrows the route further; imported without it',
      '9:19 router addr: Host(`10.0.0.1:80`) is not a host name a route can hold; not imported',
    ]);
    expect(notes(imported, 'interpreted').filter((n) => !n.includes('entry point'))).toEqual([
      '3:20 router exact: Path(`/p`) is an exact match, imported as the path prefix',
    ]);
  });

  it('notes services it cannot follow, and reads h2c and server paths', () => {
    const imported = load({
      'd.yml': `http:
  routers:
    missing: { rule: "Host(\`a.example.com\`)", service: nope, entryPoints: [web] }
    weighted: { rule: "Host(\`b.example.com\`)", service: w, entryPoints: [web] }
    noservice: { rule: "Host(\`c.example.com\`)", entryPoints: [web] }
    h2c: { rule: "Host(\`d.example.com\`)", service: h, entryPoints: [web] }
    norule: { service: h }
  services:
    w: { weighted: { services: [{ name: h, weight: 1 }] } }
    h: { loadBalancer: { servers: [{ url: "h2c://grpc:50051/base" }], sticky: {} } }
tcp:
  routers:
    raw: { rule: "HostSNI(\`*\`)", service: t, entryPoints: [web] }
  services:
    t: { loadBalancer: { servers: [{ address: "db:5432" }] } }
`,
    });
    expect(imported.routes.map(line)).toEqual(['http://d.example.com/ → http://grpc:50051']);
    expect(notes(imported).filter((n) => !n.includes('entry point'))).toEqual([
      '3:56 router missing: its service nope is not defined here; not imported',
      '5:5 router noservice names no service; not imported',
      "7:5 router norule has no rule (the provider's default rule is not known here); not imported",
      '9:5 service w: a weighted service; router weighted is not imported',
      '9:10 http.services.w.weighted: not imported',
      '10:43 server url h2c://grpc:50051/base: its path /base is not imported',
      '10:43 server url h2c://grpc:50051/base: HTTP/2 without TLS, imported as plain HTTP',
      '10:71 http.services.h.loadBalancer.sticky: not imported',
      '13:5 TCP router raw: raw TCP, which is not a web route; not imported',
    ]);
  });

  it("reads v2's HostHeader as Host", () => {
    const imported = load({
      'd.yml':
        'http:\n  routers:\n    r: { rule: "HostHeader(`a.example.com`)", entryPoints: [web], service: s }\n  services:\n    s: { loadBalancer: { servers: [{ url: "http://s:2" }] } }\n',
    });
    expect(imported.routes.map(line)).toEqual(['http://a.example.com/ → http://s:2']);
  });

  it('matches keys without case, as Traefik does', () => {
    const imported = load({
      'd.yml':
        'HTTP:\n  Routers:\n    r: { RULE: "Host(`a.example.com`)", EntryPoints: [web], Service: s, TLS: {} }\n  Services:\n    s: { LoadBalancer: { Servers: [{ URL: "http://s:2" }] } }\n',
    });
    expect(imported.routes.map(line)).toEqual(['https://a.example.com:80/ → http://s:2 terminate']);
  });
});

describe('Traefik file import: errors and hostile files', () => {
  it('a rule syntax error points inside the rule, plain or quoted', () => {
    const plain = problem('http:\n  routers:\n    r:\n      rule: Host(`a`) && && Path(`/`)\n');
    expect([plain.code, at(plain)]).toEqual(['proxy-syntax', '4:26']);
    expect(plain.message).toMatch(/^router r: expected a matcher/);
    expect(at(problem('http:\n  routers:\n    r: { rule: "Host(`a`) Path(`/`)" }\n'))).toBe('3:27');
    // With an escape the text moves: the scalar's start is named instead.
    expect(at(problem('http:\n  routers:\n    r: { rule: "Host(\\"a\\") Path(`/`)" }\n'))).toBe('3:16');
  });

  it('reports YAML syntax errors, wrong types, aliases and nesting with their codes', () => {
    expect([problem('http:\n  routers: [\n').code]).toEqual(['yaml-syntax']);
    const wrong = problem('http:\n  routers:\n    r: [1]\n');
    expect([wrong.code, at(wrong)]).toEqual(['wrong-type', '3:8']);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(problem(`${bomb.join('\n')}\nhttp: *h\n`).code).toBe('alias-limit');
    expect(problem(`http: ${'['.repeat(200)}${']'.repeat(200)}\n`).code).toBe('too-deep');
    expect(problem(`#${'x'.repeat(5 * 1024 * 1024)}`).code).toBe('file-too-large');
    expect(problem('- a\n- b\n').code).toBe('wrong-type');
  });

  it('reports TOML errors at their position', () => {
    const p = problem('[http.routers.r]\nrule = "Host(`a`)\n', 'd.toml');
    expect([p.code, at(p)]).toEqual(['proxy-syntax', '2:18']);
    expect(p.message).toMatch(/a line break inside/);
    expect(problem('[http]\n[http]\n', 'd.toml').message).toMatch(/defined twice/);
    expect(problem(`a = ${'['.repeat(100)}${']'.repeat(100)}\n`, 'd.toml').code).toBe('too-deep');
  });

  it('imports nothing from an empty file', () => {
    expect(load({ 'd.yml': '' })).toEqual({ routes: [], redirects: [], notes: [] });
    expect(load({ 'd.toml': '# nothing\n' })).toEqual({ routes: [], redirects: [], notes: [] });
  });
});
