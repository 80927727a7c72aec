/**
 * A proxy's files as its container sees them (mounts.ts), and nginx's glob includes expanded
 * through them: container paths read from the host side of the bind mount that holds them, a
 * glob naming the given configuration files it matches (in nginx's alphabetical order), and
 * everything else left as before (a glob nothing given matches is noted, not guessed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNginx } from '../../../../../shared/import/proxy/nginx-parse';
import { importNginx } from '../../../../../shared/import/proxy/nginx-routes';
import { globMatches, proxyFiles } from '../../../../../shared/import/proxy/mounts';

const reader = (files: Record<string, string>) => (path: string) => files[path];

describe('globMatches', () => {
  it.each([
    ['/etc/nginx/conf.d/*.conf', '/etc/nginx/conf.d/site.conf', true],
    ['/etc/nginx/conf.d/*.conf', '/etc/nginx/conf.d/sub/site.conf', false],
    ['/etc/nginx/conf.d/*.conf', '/etc/nginx/conf.d/.hidden.conf', false],
    ['/etc/nginx/conf.d/.*.conf', '/etc/nginx/conf.d/.hidden.conf', true],
    ['sites-enabled/*', 'sites-enabled/default', true],
    ['sites-?/a', 'sites-1/a', true],
    ['sites-?/a', 'sites-10/a', false],
    ['[a-c]*.conf', 'b.conf', true],
    ['[!a-c]*.conf', 'b.conf', false],
    ['[!a-c]*.conf', 'x.conf', true],
    ['a.conf', 'aXconf', false],
    ['(x)+.conf', '(x)+.conf', true],
    ['[x', '[x', true],
  ])('%s ~ %s: %s', (pattern, path, expected) => {
    expect(globMatches(pattern, path)).toBe(expected);
  });

  it('a pattern without wildcards matches exactly itself', () => {
    const name = fc.stringMatching(/^[a-z0-9._()+$^{}|-]{1,12}$/).filter((s) => !s.startsWith('.'));
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 4 }),
        fc.array(name, { minLength: 1, maxLength: 4 }),
        (a, b) => {
          const [p, q] = [a.join('/'), b.join('/')];
          expect(globMatches(p, q)).toBe(p === q);
        },
      ),
    );
  });
});

describe('proxyFiles', () => {
  const mounts = [
    { host: 'nginx.conf', container: '/etc/nginx/nginx.conf' },
    { host: 'conf.d', container: '/etc/nginx/conf.d' },
    { host: 'deploy/snippets', container: '/etc/nginx/snippets' },
    // A deeper mount inside another one wins, as in the container.
    { host: 'special', container: '/etc/nginx/conf.d/special' },
  ];
  const files = {
    'conf.d/a.conf': 'a',
    'deploy/snippets/tls.conf': 'tls',
    'special/x.conf': 'special',
    '/etc/ssl/own.conf': 'own',
  };

  it('reads a container path from the host side of its mount, and records what it read', () => {
    const f = proxyFiles(mounts, [], reader(files));
    expect(f.readFile('/etc/nginx/conf.d/a.conf')).toBe('a');
    expect(f.readFile('/etc/nginx/snippets/tls.conf')).toBe('tls');
    expect(f.readFile('/etc/nginx/conf.d/special/x.conf')).toBe('special');
    expect(f.readFile('/etc/nginx/snippets/../conf.d/a.conf')).toBe('a');
    // Not inside any mount: read as written (the import may run on the proxy's host).
    expect(f.readFile('/etc/ssl/own.conf')).toBe('own');
    expect(f.readFile('/etc/nginx/conf.dX/a.conf')).toBeUndefined();
    expect([...f.read].sort()).toEqual([
      '/etc/ssl/own.conf',
      'conf.d/a.conf',
      'deploy/snippets/tls.conf',
      'special/x.conf',
    ]);
  });

  it('resolves a container path to the customer’s file where that file exists', () => {
    const f = proxyFiles(mounts, [], reader(files));
    expect(f.resolve('/etc/nginx/snippets/tls.conf')).toBe('deploy/snippets/tls.conf');
    expect(f.resolve('/etc/nginx/snippets/gone.conf')).toBe('/etc/nginx/snippets/gone.conf');
    expect(f.resolve('/etc/ssl/own.conf')).toBe('/etc/ssl/own.conf');
    expect(f.resolve('relative.conf')).toBe('relative.conf');
  });

  it('expands a glob to the given files it names, by host or container path, sorted', () => {
    const given = ['nginx.conf', './conf.d/b.conf', 'conf.d/a.conf', 'conf.d/notes.txt', 'other/c.conf'];
    const f = proxyFiles(mounts, given, reader(files));
    expect(f.listFiles('/etc/nginx/conf.d/*.conf')).toEqual(['conf.d/a.conf', 'conf.d/b.conf']);
    expect(f.listFiles('conf.d/*.conf')).toEqual(['conf.d/a.conf', 'conf.d/b.conf']);
    // Nothing given matches: the caller cannot tell what the folder holds.
    expect(f.listFiles('/etc/nginx/sites-enabled/*')).toBeUndefined();
  });
});

describe('nginx glob includes through listFiles', () => {
  const main = 'http {\n  include conf.d/*.conf;\n}\n';
  const sites = {
    'conf/conf.d/b.conf': 'server { listen 80; server_name b.example.com; location / { proxy_pass http://app:82; } }',
    'conf/conf.d/a.conf': 'server { listen 80; server_name a.example.com; location / { proxy_pass http://app:81; } }',
  };

  it('splices every file the glob names where the include stands, in the order listFiles gives', () => {
    const result = importNginx(main, 'conf/nginx.conf', {
      readFile: reader(sites),
      listFiles: (pattern) =>
        pattern === 'conf/conf.d/*.conf' ? ['conf/conf.d/a.conf', 'conf/conf.d/b.conf'] : undefined,
    });
    expect(
      result.ok && result.value.routes.map((r) => `${r.host} ${r.upstream.port} ${r.at.file}:${r.at.line}`),
    ).toEqual(['a.example.com 81 conf/conf.d/a.conf:1', 'b.example.com 82 conf/conf.d/b.conf:1']);
  });

  it('notes the glob when listFiles cannot tell, and warns for a listed file that cannot be read', () => {
    const unknown = parseNginx(main, 'conf/nginx.conf', { readFile: reader(sites), listFiles: () => undefined });
    expect(unknown.ok && unknown.value.notes).toEqual([
      expect.objectContaining({ kind: 'not-understood', at: { file: 'conf/nginx.conf', line: 2, column: 3 } }),
    ]);
    const missing = parseNginx(main, 'conf/nginx.conf', {
      readFile: reader({}),
      listFiles: () => ['conf/conf.d/gone.conf'],
    });
    expect(missing.ok && missing.warnings).toEqual([
      expect.objectContaining({ code: 'include-unknown-file', at: { file: 'conf/nginx.conf', line: 2, column: 11 } }),
    ]);
  });

  it('shows a resolved include at the customer’s file, and a note of a snippet included twice once', () => {
    const f = proxyFiles(
      [{ host: 'snippets', container: '/etc/nginx/snippets' }],
      [],
      reader({ 'snippets/tls.conf': 'ssl_protocols TLSv1.3;' }),
    );
    const text = [
      'http {',
      '  server { listen 443 ssl; server_name a.example.com; include /etc/nginx/snippets/tls.conf; location / { proxy_pass http://app:81; } }',
      '  server { listen 443 ssl; server_name b.example.com; include /etc/nginx/snippets/tls.conf; location / { proxy_pass http://app:82; } }',
      '}',
    ].join('\n');
    const result = importNginx(text, 'nginx.conf', { readFile: f.readFile, resolve: f.resolve });
    const notes = result.ok ? result.value.notes.filter((n) => n.at.file !== 'nginx.conf') : [];
    expect(notes.map((n) => `${n.at.file}:${n.at.line}:${n.at.column} ${n.text}`)).toEqual([
      'snippets/tls.conf:1:1 "ssl_protocols TLSv1.3": a TLS setting; not imported',
    ]);
  });

  it('refuses a glob that names the file including it (nginx loops the same way)', () => {
    const result = parseNginx('include *.conf;', 'conf/nginx.conf', {
      readFile: reader({ 'conf/nginx.conf': 'include *.conf;' }),
      listFiles: () => ['conf/nginx.conf'],
    });
    expect(!result.ok && result.problems.map((p) => [p.code, p.at.line, p.at.column])).toEqual([
      ['include-cycle', 1, 1],
    ]);
  });
});
