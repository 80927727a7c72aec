/**
 * The app:// scheme the renderer is served from (electron/node/app-protocol.ts): which requests
 * reach which file, what is refused (traversal in every spelling, other hosts, hidden files,
 * symlinks out of the folder), the headers (exact MIME types, the strict CSP), and the scheme's
 * privileges — under plain Node, with real files and symlinks in a temporary folder, and the
 * real built renderer.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  createAppProtocolHandler,
  privilegedSchemes,
  readAppFile,
  resolveAppRequest,
} from '../../../../electron/node/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/node/window-options';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');
const get = (url: string) => ({ url, method: 'GET' });

let dir: string;
let renderer: string;
let handler: ReturnType<typeof createAppProtocolHandler>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-app-protocol-'));
  renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Portolan</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'export const x = 1;');
  writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(renderer, 'assets', 'data.bin'), 'raw');
  writeFileSync(join(renderer, 'assets', 'a b.js'), 'spaces');
  writeFileSync(join(renderer, '.env'), 'SECRET=1');
  mkdirSync(join(renderer, '.git'));
  writeFileSync(join(renderer, '.git', 'config'), '[core]');
  // Outside the renderer folder: what an escape would reach.
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(dir, 'elsewhere', 'x.js'), 'outside');
  // Symlinks: one that stays inside, two that lead out (a file and a folder).
  symlinkSync(join(renderer, 'assets', 'index-abc.js'), join(renderer, 'assets', 'alias.js'));
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'leak.txt'));
  symlinkSync(join(dir, 'elsewhere'), join(renderer, 'linked'));
  symlinkSync(renderer, join(renderer, 'assets', 'loop'));
  handler = createAppProtocolHandler(renderer);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the app:// scheme', () => {
  it('is app://portolan, loaded at /index.html', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ORIGIN).toBe('app://portolan');
    expect(APP_ENTRY_URL).toBe('app://portolan/index.html');
  });

  it('is registered standard and secure, and nothing that widens access', () => {
    expect(privilegedSchemes()).toEqual([
      {
        scheme: 'app',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          codeCache: true,
          bypassCSP: false,
          corsEnabled: false,
          allowServiceWorkers: false,
          stream: false,
        },
      },
    ]);
    expect(Object.isFrozen(APP_SCHEME_PRIVILEGES)).toBe(true);
    // A copy each time: main cannot change the pinned privileges by accident.
    expect(privilegedSchemes()[0]?.privileges).not.toBe(APP_SCHEME_PRIVILEGES);
  });
});

describe('resolveAppRequest', () => {
  it.each([
    ['app://portolan/', ['index.html']],
    ['app://portolan', ['index.html']],
    ['app://portolan/index.html', ['index.html']],
    ['app://portolan/index.html?x=1#/editor', ['index.html']],
    ['app://portolan/assets/index-abc.js', ['assets', 'index-abc.js']],
    ['app://portolan/assets/a%20b.js', ['assets', 'a b.js']],
    ['APP://portolan/assets/x.js', ['assets', 'x.js']],
  ])('maps %s to %j', (url, segments) => {
    expect(resolveAppRequest(get(url))).toEqual({ ok: true, segments });
  });

  it.each([
    // Traversal, literal and encoded in every way; the URL parser would fold some of these
    // into harmless paths, but they are refused as sent.
    ['app://portolan/../secret.txt', 403],
    ['app://portolan/assets/../../secret.txt', 403],
    ['app://portolan/%2e%2e/secret.txt', 403],
    ['app://portolan/%2E%2E/secret.txt', 403],
    ['app://portolan/.%2e/secret.txt', 403],
    ['app://portolan/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 403],
    ['app://portolan/..%2fsecret.txt', 403],
    ['app://portolan/..%5csecret.txt', 403],
    ['app://portolan/assets%5c..%5c..%5csecret.txt', 403],
    ['app://portolan/./index.html', 403],
    ['app://portolan/assets/%2e/index-abc.js', 403],
    // Absolute paths and drive letters smuggled into a segment.
    ['app://portolan//etc/passwd', 200],
    ['app://portolan/%2fetc%2fpasswd', 200],
    ['app://portolan/C:/Windows/win.ini', 403],
    ['app://portolan/C%3a%5cWindows%5cwin.ini', 403],
    ['app://portolan/%5c%5cserver%5cshare', 403],
    ['app://portolan\\..\\secret.txt', 400],
    // NUL and control characters.
    ['app://portolan/index.html%00.js', 403],
    ['app://portolan/a%0ab', 400],
    ['app://portolan/%ff', 400],
    // Hidden names are never found.
    ['app://portolan/.env', 404],
    ['app://portolan/.git/config', 404],
    ['app://portolan/assets/.hidden.js', 404],
    // Only the app's own origin.
    ['app://evil/index.html', 403],
    ['app://portolan.evil/index.html', 403],
    ['app://portolan:8080/index.html', 403],
    ['app://user:pw@portolan/index.html', 403],
    ['app:///index.html', 403],
    ['file:///etc/passwd', 400],
    ['https://portolan/index.html', 400],
    ['not a url', 400],
  ])('refuses %s', (url, status) => {
    const result = resolveAppRequest(get(url));
    if (status === 200) {
      // Empty segments collapse: `//etc/passwd` is `etc/passwd` inside the folder, never /etc.
      expect(result).toEqual({ ok: true, segments: ['etc', 'passwd'] });
    } else {
      expect(result).toEqual({ ok: false, status });
    }
  });

  it('answers GET and HEAD only', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'get']) {
      expect(resolveAppRequest({ url: APP_ENTRY_URL, method })).toEqual({ ok: false, status: 405 });
    }
    expect(resolveAppRequest({ url: APP_ENTRY_URL, method: 'HEAD' })).toMatchObject({ ok: true });
  });
});

describe('readAppFile', () => {
  it('reads regular files inside the folder, through symlinks that stay inside', async () => {
    const real = await import('node:fs/promises').then((fs) => fs.realpath(renderer));
    const file = await readAppFile(real, ['assets', 'alias.js']);
    expect(file.ok && Buffer.from(file.body).toString()).toBe('export const x = 1;');
  });

  it('refuses symlinks that lead out of the folder, and anything that is not a regular file', async () => {
    const real = await import('node:fs/promises').then((fs) => fs.realpath(renderer));
    expect(await readAppFile(real, ['assets', 'leak.txt'])).toEqual({ ok: false, status: 403 });
    expect(await readAppFile(real, ['linked', 'x.js'])).toEqual({ ok: false, status: 403 });
    expect(await readAppFile(real, ['assets', 'loop'])).toEqual({ ok: false, status: 403 });
    expect(await readAppFile(real, ['assets'])).toEqual({ ok: false, status: 404 });
    expect(await readAppFile(real, ['missing.js'])).toEqual({ ok: false, status: 404 });
    // Segments are resolved too, in case a caller skips resolveAppRequest.
    expect(await readAppFile(real, ['..', 'secret.txt'])).toEqual({ ok: false, status: 403 });
    expect(await readAppFile(real, [join(dir, 'secret.txt')])).toEqual({ ok: false, status: 403 });
  });
});

describe('createAppProtocolHandler', () => {
  it.each([
    ['app://portolan/', 'text/html; charset=utf-8', '<!doctype html><title>Portolan</title>'],
    ['app://portolan/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Portolan</title>'],
    ['app://portolan/assets/index-abc.js', 'text/javascript; charset=utf-8', 'export const x = 1;'],
    ['app://portolan/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://portolan/assets/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['app://portolan/assets/data.bin', 'application/octet-stream', 'raw'],
  ])('serves %s as %s', async (url, type, body) => {
    const response = await handler(get(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(body);
  });

  it('sends the strict Content-Security-Policy with the page, the same as its meta tag', async () => {
    const response = await handler(get(APP_ENTRY_URL));
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(
      readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8'),
    );
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*|https?:|app:|file:/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(appResponseHeaders('x.html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    ['app://portolan/../secret.txt', 403],
    ['app://portolan/%2e%2e/secret.txt', 403],
    ['app://portolan/assets/leak.txt', 403],
    ['app://portolan/linked/x.js', 403],
    ['app://portolan/.env', 404],
    ['app://portolan/.git/config', 404],
    ['app://portolan/assets/', 404],
    ['app://portolan/missing.js', 404],
    ['app://evil/index.html', 403],
  ])('answers %s with %i and no file content', async (url, status) => {
    const response = await handler(get(url));
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text).not.toMatch(/outside|SECRET|core/);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await handler({ url: APP_ENTRY_URL, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler({ url: APP_ENTRY_URL, method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 when the renderer folder is missing', async () => {
    const missing = createAppProtocolHandler(join(dir, 'no-such-folder'));
    expect((await missing(get(APP_ENTRY_URL))).status).toBe(404);
  });

  it('serves every file of the built renderer with a known type', async () => {
    const out = join(ROOT, 'out', 'renderer');
    if (!existsSync(join(out, 'index.html'))) throw new Error('out/renderer is missing: run npm run build:app first');
    const built = createAppProtocolHandler(out);
    const files = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(out.length + 1)
          .split('\\')
          .join('/'),
      );
    expect(files).toContain('index.html');
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const response = await built(get(`${APP_ORIGIN}/${file}`));
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).not.toBe('application/octet-stream');
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(out, file))), file).toBe(true);
    }
    // Every script and stylesheet the page names resolves under app://portolan/ (relative URLs).
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const url = new URL(ref, APP_ENTRY_URL).href;
      expect(url.startsWith(`${APP_ORIGIN}/`), ref).toBe(true);
      expect((await built(get(url))).status, ref).toBe(200);
    }
  });
});
