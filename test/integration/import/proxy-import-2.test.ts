/**
 * The HAProxy and Caddy fixtures of the proxy import are real configurations: `haproxy -c`
 * (with -dW, warnings fatal, where the harness can give HAProxy the compose service names)
 * and `caddy validate` accept each one, and the importer reads the same files into routes. The
 * other way round, configurations the importer refuses with an error are refused by the real
 * tool too, on the line the importer names (and, for HAProxy, at the same column: HAProxy
 * prints the position of a tokenizer error).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCaddyfile } from '../../../shared/import/proxy/caddy-routes';
import { importHaproxy } from '../../../shared/import/proxy/haproxy-routes';
import { haproxyCheck } from '../../support/proxy-cases';
import { cleanUp, makeCertificates, runCommand, tempDir } from '../../support/routing';
import { needTool } from '../../support/tools';

const FIXTURES = fileURLToPath(new URL('../../fixtures/import/proxy/', import.meta.url));
const haproxy = needTool('haproxy', 'checking the HAProxy import fixtures with haproxy -c');
const caddy = needTool('caddy', 'checking the Caddy import fixtures with caddy validate');
const openssl = needTool('openssl', 'certificates for the TLS binds of the HAProxy fixtures');

afterAll(cleanUp);

/** The compose services the fixtures' servers name, which the check resolves to loopback. */
const SERVICES = ['nextauth', 'mgmt', 'mgmt-2', 'portal'];

/** A fixture's text with `crt certs/HOST.pem` pointing at combined PEM files made for it. */
async function withCertificates(text: string): Promise<string> {
  const hosts = [...new Set([...text.matchAll(/crt certs\/([a-z0-9.-]+)\.pem/g)].map((m) => m[1]!))];
  if (hosts.length === 0) return text;
  const certs = await makeCertificates(hosts);
  const dir = tempDir('portolan-import-haproxy-certs-');
  for (const host of hosts) {
    const files = certs.certificate(host);
    writeFileSync(join(dir, `${host}.pem`), readFileSync(files.cert, 'utf8') + readFileSync(files.key, 'utf8'));
  }
  return text.replace(/crt certs\//g, `crt ${dir}/`);
}

/** `caddy validate` on `file` inside `dir`, with Caddy's data and config folders there too (never ~/.local). */
async function caddyValidate(dir: string, file: string): Promise<{ ok: boolean; log: string }> {
  const env = [`XDG_DATA_HOME=${dir}`, `XDG_CONFIG_HOME=${dir}`, `HOME=${dir}`];
  const { code, output } = await runCommand('env', [
    ...env,
    'caddy',
    'validate',
    '--adapter',
    'caddyfile',
    '--config',
    join(dir, file),
  ]);
  return { ok: code === 0, log: output };
}

describe.skipIf(haproxy.skip || openssl.skip)('HAProxy import fixtures pass haproxy -c', () => {
  it.each([
    ['edge.cfg', 5],
    ['listen-tcp.cfg', 5],
  ])('%s', async (name, routes) => {
    const text = readFileSync(join(FIXTURES, 'haproxy', name), 'utf8');
    const result = await haproxyCheck(await withCertificates(text), SERVICES);
    expect(result.ok, result.log).toBe(true);
    const imported = importHaproxy(text, `haproxy/${name}`);
    expect(imported.ok && imported.value.routes.length).toBe(routes);
  });
});

describe.skipIf(caddy.skip)('Caddy import fixtures pass caddy validate', () => {
  it.each([
    // The glob import names no file (Caddy warns), and the http:// site on the HTTP port has no TLS (Caddy says so).
    ['Caddyfile', 8, /No files matching import glob pattern|server is listening only on the HTTP port/],
    ['snippets.Caddyfile', 4, /automatic HTTP->HTTPS redirects are disabled|server is listening only on the HTTP port/],
  ])('%s', async (name, routes, expectedWarnings) => {
    const dir = tempDir('portolan-import-caddy-');
    cpSync(join(FIXTURES, 'caddy'), dir, { recursive: true });
    const result = await caddyValidate(dir, name);
    expect(result.ok, result.log).toBe(true);
    const unexpected = result.log
      .split('\n')
      .filter((l) => /"level":"(warn|error)"/.test(l) && !expectedWarnings.test(l));
    expect(unexpected).toEqual([]);
    const imported = importCaddyfile(readFileSync(join(dir, name), 'utf8'), name, {
      readFile: (path) => {
        try {
          return readFileSync(join(dir, path), 'utf8');
        } catch {
          return undefined;
        }
      },
    });
    expect(imported.ok && imported.value.routes.length).toBe(routes);
    expect(imported.ok && imported.warnings).toEqual([]);
  });
});

describe.skipIf(haproxy.skip)('configurations the importer refuses, HAProxy refuses too', () => {
  it.each([
    // [config, line, column HAProxy prints ("at position N") or undefined when it prints none]
    ['frontend f\n  bind ":80\n', 2, 8],
    ['frontend f\n  acl a \\xZZ\n', 2, 9],
    ['frontend f\n  bind "$1x"\n', 2, 10],
    ['frontend f\n  bind "${X"\n', 2, 10],
    ['\n  bind :80\n', 2, undefined],
    ['global\n.if 1\n', 2, undefined],
    ['global\n.endif\n', 2, undefined],
    ['defaults\n    mode http\nfrontend f\n    bind :80\n    use_backend b if nope\nbackend b\n', 5, undefined],
    ['defaults\n    mode http\nfrontend f\n    use_backend b if { path_beg /x\nbackend b\n', 4, undefined],
    ['backend b\nbackend b\n', 2, undefined],
    ['frontend\n', 1, undefined],
    ['frontend f from x\n', 1, undefined],
  ] as const)('%j', async (config, line, column) => {
    const imported = importHaproxy(config, 'haproxy.cfg');
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.problems[0]!.code).toBe('proxy-syntax');
    expect(imported.problems[0]!.at.line).toBe(line);
    const dir = tempDir('portolan-import-haproxy-bad-');
    const file = join(dir, 'haproxy.cfg');
    writeFileSync(file, config);
    const { code, output } = await runCommand('haproxy', ['-c', '-f', file]);
    expect(code, output).not.toBe(0);
    expect(output).toMatch(new RegExp(`\\[ALERT\\].*${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}\\b`));
    if (column !== undefined) {
      expect(output).toContain(`at position ${column}`);
      expect(imported.problems[0]!.at.column).toBe(column);
    }
  });

  it('a use_backend to a backend that does not exist', async () => {
    const config = 'defaults\n    mode http\nfrontend f\n    use_backend nope if TRUE\n';
    expect(importHaproxy(config, 'haproxy.cfg').ok).toBe(false);
    const dir = tempDir('portolan-import-haproxy-bad-');
    writeFileSync(join(dir, 'haproxy.cfg'), config);
    const { code, output } = await runCommand('haproxy', ['-c', '-f', join(dir, 'haproxy.cfg')]);
    expect(code, output).not.toBe(0);
    expect(output).toMatch(/unable to find required use_backend: 'nope'/);
  });
});

describe.skipIf(caddy.skip)('configurations the importer refuses, Caddy refuses too', () => {
  it.each([
    // [config, the line Caddy names (undefined: it names none, or another token)]
    ['x {\n\trespond "hello\n}\n', undefined],
    ['x {\n}\n}\n', undefined],
    ['x {\n\thandle { respond 1\n\t}\n}\n', 2],
    ['x {\n\trespond 1 }\n', 2],
    ['x{\n}\n', 1],
    ['a,b {\n}\n', 1],
    ['a {\n}\n{\n\tdebug\n}\n', undefined],
    ['(s) {\n}\n(s) {\n}\n', 3],
    ['(s) {\n\timport s\n}\nx {\n\timport s\n}\n', undefined],
    ['a.example.com {\n\treverse_proxy @nope app:1\n}\n', undefined],
    ['a.example.com {\n}\na.example.com {\n}\n', undefined],
    ['a.example.com:99999 {\n}\n', undefined],
    ['{\n\thttp_port eighty\n}\n', 2],
  ] as const)('%j', async (config, line) => {
    const imported = importCaddyfile(config, 'Caddyfile');
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    const dir = tempDir('portolan-import-caddy-bad-');
    writeFileSync(join(dir, 'Caddyfile'), config);
    const result = await caddyValidate(dir, 'Caddyfile');
    expect(result.ok, result.log).toBe(false);
    if (line !== undefined) {
      expect(result.log).toContain(`Caddyfile:${line} `);
      expect(imported.problems[0]!.at.line).toBe(line);
    }
  });
});
