import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentTypeFor,
  resolveRequestPath,
  startStaticServer,
  type StaticServer,
} from '../../electron/node/static-server';
import { CONTENT_SECURITY_POLICY } from '../../electron/node/window-options';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Sends a request byte-for-byte as written (no client-side path normalisation, which `fetch`
 * would apply to `/../`), over a fresh connection.
 */
function rawRequest(port: number, target: string, opts: { method?: string; host?: string } = {}): Promise<RawResponse> {
  const method = opts.method ?? 'GET';
  const host = opts.host ?? `127.0.0.1:${port}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const body = split === -1 ? '' : text.slice(split + 4);
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  });
}

let base: string;
let root: string;
let server: StaticServer;
const extraServers: StaticServer[] = [];

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'portolan-static-'));
  root = join(base, 'root');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(base, 'root-evil'));
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(base, 'root-evil', 'x.txt'), SECRET);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Portolan</title><p>index</p>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{margin:0}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'blob.xyz'), 'opaque');
  writeFileSync(join(root, '.env'), `SECRET=${SECRET}`);
  symlinkSync(join(base, 'secret.txt'), join(root, 'link-out.txt'));
  symlinkSync(base, join(root, 'link-dir-out'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'link-in.js'));
  server = await startStaticServer({ root, port: 0 });
});

afterAll(async () => {
  await Promise.all([server?.close(), ...extraServers.map((s) => s.close())]);
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('startStaticServer', () => {
  it('binds 127.0.0.1 on a free port and reports its URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves index.html for / (query strings ignored) with security headers', async () => {
    for (const target of ['/', '/index.html', '/?template=ha']) {
      const res = await rawRequest(server.port, target);
      expect(res.status, target).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toContain('<p>index</p>');
    }
  });

  it('serves assets with the right content types', async () => {
    const cases: Array<[string, string, string]> = [
      ['/assets/app.js', 'text/javascript; charset=utf-8', 'console.log'],
      ['/assets/style.css', 'text/css; charset=utf-8', 'margin:0'],
      ['/assets/logo.svg', 'image/svg+xml', '<svg'],
      ['/assets/blob.xyz', 'application/octet-stream', 'opaque'],
      ['/link-in.js', 'text/javascript; charset=utf-8', 'console.log'],
    ];
    for (const [target, type, snippet] of cases) {
      const res = await rawRequest(server.port, target);
      expect(res.status, target).toBe(200);
      expect(res.headers['content-type'], target).toBe(type);
      expect(res.headers['x-content-type-options'], target).toBe('nosniff');
      expect(res.body, target).toContain(snippet);
    }
    expect(contentTypeFor('x.WOFF2')).toBe('font/woff2');
  });

  it('answers 404 for missing files and directories without an index', async () => {
    for (const target of ['/nope.js', '/assets/', '/assets']) {
      const res = await rawRequest(server.port, target);
      expect(res.status, target).toBe(404);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('never serves anything outside the root', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../../../../../etc/passwd',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets%2F..%2F..%2Fsecret.txt',
      '/assets%2f%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/..%5c..%5csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/..%2froot-evil/x.txt',
      '/index.html%00.js',
      '/%00../secret.txt',
      '/secret.txt%00',
      `/${encodeURIComponent(join(base, 'secret.txt'))}`,
      `/${join(base, 'secret.txt')}`,
      `/${join(base, 'secret.txt').replace(/\//g, '%2f')}`,
      '//etc/passwd',
      'http://127.0.0.1/../secret.txt',
      '/C:%5cWindows%5cwin.ini',
      '/link-out.txt',
      '/link-dir-out/secret.txt',
      '/link-dir-out/root-evil/x.txt',
      '/.env',
      '/%2eenv',
      '/%',
    ];
    for (const target of attempts) {
      const res = await rawRequest(server.port, target);
      expect([400, 403, 404], `${target} → ${res.status}`).toContain(res.status);
      expect(res.body, target).not.toContain(SECRET);
      expect(res.body, target).not.toContain('root:x:0:0');
    }
    // The specific refusals are stable.
    expect((await rawRequest(server.port, '/../secret.txt')).status).toBe(403);
    expect((await rawRequest(server.port, '/%2e%2e%2fsecret.txt')).status).toBe(403);
    expect((await rawRequest(server.port, '/..%5csecret.txt')).status).toBe(403);
    expect((await rawRequest(server.port, '/index.html%00')).status).toBe(403);
    expect((await rawRequest(server.port, '/link-out.txt')).status).toBe(403);
    expect((await rawRequest(server.port, '/link-dir-out/secret.txt')).status).toBe(403);
  });

  it('resolveRequestPath rejects traversal on the decoded path', () => {
    expect(resolveRequestPath('/a/b.js?x=1')).toEqual({ ok: true, segments: ['a', 'b.js'] });
    expect(resolveRequestPath('/')).toEqual({ ok: true, segments: [] });
    expect(resolveRequestPath('/%2e%2e/x')).toEqual({ ok: false, status: 403 });
    expect(resolveRequestPath('/a%2f..%2f..%2fx')).toEqual({ ok: false, status: 403 });
    expect(resolveRequestPath('/a%00')).toEqual({ ok: false, status: 403 });
    expect(resolveRequestPath('/%E0%A4%A')).toEqual({ ok: false, status: 400 });
    expect(resolveRequestPath('relative')).toEqual({ ok: false, status: 400 });
  });

  it('answers HEAD with headers and no body', async () => {
    const get = await rawRequest(server.port, '/assets/app.js');
    const head = await rawRequest(server.port, '/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.body).toBe('');
  });

  it('refuses other methods with 405 and an Allow header', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const res = await rawRequest(server.port, '/index.html', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  it('refuses requests for a non-loopback Host (DNS rebinding)', async () => {
    expect((await rawRequest(server.port, '/', { host: 'evil.example' })).status).toBe(403);
    expect((await rawRequest(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('fails with a clear EADDRINUSE error when the port is busy', async () => {
    const error = await startStaticServer({ root, port: server.port }).then(
      (s) => {
        extraServers.push(s);
        return null;
      },
      (e: unknown) => e as NodeJS.ErrnoException,
    );
    expect(error).not.toBeNull();
    expect(error?.code).toBe('EADDRINUSE');
    expect(error?.message).toContain(`Port ${server.port}`);
    expect(error?.message).toContain('EADDRINUSE');
  });

  it('fails clearly when the root does not exist', async () => {
    await expect(startStaticServer({ root: join(base, 'missing'), port: 0 })).rejects.toThrow(
      /not a readable directory/,
    );
  });

  it('close() is idempotent and frees the port', async () => {
    const s = await startStaticServer({ root, port: 0 });
    await s.close();
    await s.close();
    const again = await startStaticServer({ root, port: s.port });
    extraServers.push(again);
    expect(again.port).toBe(s.port);
  });
});
