/**
 * The nginx fixtures of the proxy import are real configurations: `nginx -t` accepts each one
 * (in its own prefix, with throwaway certificates for its TLS hosts), and the importer reads
 * the same files from disk into routes. The other way round, configurations the importer
 * refuses as `proxy-syntax` are refused by nginx too, on the line the importer names where
 * both name the same token.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importNginx } from '../../../shared/import/proxy/nginx-routes';
import { cleanUp, makeCertificates, runCommand, tempDir } from '../../support/routing';
import { needTool } from '../../support/tools';

const FIXTURES = fileURLToPath(new URL('../../fixtures/import/proxy/nginx/', import.meta.url));
const nginx = needTool('nginx', 'checking the nginx import fixtures with nginx -t');
const openssl = needTool('openssl', 'certificates for the TLS servers of the nginx fixtures');

afterAll(cleanUp);

/** `nginx -t` on `dir/nginx.conf` with its own prefix, pid file and error log: nothing touches /etc or /run. */
async function nginxTest(dir: string): Promise<{ ok: boolean; log: string }> {
  const conf = join(dir, 'nginx.conf');
  const args = ['-t', '-c', conf, '-p', dir, '-g', `pid ${join(dir, 'nginx.pid')};`, '-e', join(dir, 'error.log')];
  const { code, output } = await runCommand('nginx', args);
  let log = output;
  try {
    log += readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    // nginx writes no error log when it stops before opening it.
  }
  return { ok: code === 0, log };
}

/** A fixture folder copied to a temp dir, with `certs/HOST.crt|key` for `hosts`. */
async function prepared(fixture: string, hosts: readonly string[]): Promise<string> {
  const dir = tempDir('portolan-import-nginx-');
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  const certs = await makeCertificates(hosts);
  mkdirSync(join(dir, 'certs'));
  for (const host of hosts) {
    cpSync(certs.certificate(host).cert, join(dir, 'certs', `${host}.crt`));
    cpSync(certs.certificate(host).key, join(dir, 'certs', `${host}.key`));
  }
  return dir;
}

const readFrom = (dir: string) => (path: string) => {
  try {
    return readFileSync(path.startsWith('/') ? path : join(dir, path), 'utf8');
  } catch {
    return undefined;
  }
};

describe.skipIf(nginx.skip || openssl.skip)('nginx import fixtures pass nginx -t', () => {
  it('realworld/nginx.conf (includes, upstreams, redirect, TLS servers)', async () => {
    const dir = await prepared('realworld', ['auth.example.com', 'mgmt.example.com', 'example.org']);
    const result = await nginxTest(dir);
    expect(result.ok, result.log).toBe(true);
    expect(result.log).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    const imported = importNginx(readFileSync(join(dir, 'nginx.conf'), 'utf8'), 'nginx.conf', {
      readFile: readFrom(dir),
    });
    expect(imported.ok && imported.value.routes.length).toBe(6);
    expect(imported.ok && imported.warnings).toEqual([]);
  });

  it('sites/nextauth.conf (a sites-enabled file, included from a main file)', async () => {
    const dir = await prepared('sites', ['id.example.net']);
    writeFileSync(join(dir, 'nginx.conf'), 'events {}\nhttp {\n    include nextauth.conf;\n}\n');
    const result = await nginxTest(dir);
    expect(result.ok, result.log).toBe(true);
    expect(result.log).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    const imported = importNginx(readFileSync(join(dir, 'nginx.conf'), 'utf8'), 'nginx.conf', {
      readFile: readFrom(dir),
    });
    expect(imported.ok && imported.value.routes.map((r) => `${r.scheme}://${r.host}${r.path}`)).toEqual([
      'wss://id.example.net/ns/websocket',
      'https://id.example.net/ns/sigmai',
    ]);
  });
});

describe.skipIf(nginx.skip)('configurations the importer refuses, nginx refuses too', () => {
  it.each([
    // [config, the line both name (undefined: nginx names another token, e.g. the end of the file)]
    ['events {}\n}\n', 2],
    ['events {}\nhttp {\n  server_tokens "off"x;\n}\n', 3],
    ['events {}\nhttp {\n  ;\n}\n', 3],
    ['events {}\nhttp {\n  server_tokens off\n}\n', undefined],
    ['events {}\nhttp {\n  server_tokens "off;\n}\n', undefined],
    ['events {}\nhttp {\n  server {\n', undefined],
  ] as const)('%j', async (config, line) => {
    const imported = importNginx(config, 'nginx.conf');
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.problems[0]!.code).toBe('proxy-syntax');
    const dir = tempDir('portolan-import-nginx-bad-');
    writeFileSync(join(dir, 'nginx.conf'), config);
    const result = await nginxTest(dir);
    expect(result.ok, result.log).toBe(false);
    if (line !== undefined) {
      expect(result.log).toContain(`${join(dir, 'nginx.conf')}:${line}`);
      expect(imported.problems[0]!.at.line).toBe(line);
    }
  });
});
