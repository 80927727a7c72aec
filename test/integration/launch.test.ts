import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PORT,
  ELECTRON_MISSING_LINE,
  findElectronBinary,
  start,
  type StartResult,
} from '../../electron/node/launch';

let appRoot: string;
let emptyRoot: string;
const running: StartResult[] = [];
let blocker: Server | undefined;

beforeAll(() => {
  appRoot = mkdtempSync(join(tmpdir(), 'portolan-launch-'));
  mkdirSync(join(appRoot, 'out', 'renderer'), { recursive: true });
  writeFileSync(join(appRoot, 'out', 'renderer', 'index.html'), '<!doctype html><title>Portolan</title>');
  emptyRoot = mkdtempSync(join(tmpdir(), 'portolan-launch-empty-'));
});

afterAll(async () => {
  for (const r of running) if (r.mode === 'browser') await r.close();
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  for (const dir of [appRoot, emptyRoot]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('returns null (runtime not downloaded) or the path of an existing binary', () => {
    const found = findElectronBinary();
    if (found !== null) {
      expect(existsSync(found)).toBe(true);
      expect(statSync(found).isFile()).toBe(true);
    } else {
      expect(found).toBeNull();
    }
  });

  it('returns null when the electron package cannot be resolved at all', () => {
    expect(findElectronBinary(emptyRoot)).toBeNull();
  });
});

describe('start', () => {
  it('falls back to the browser: one notice line, then the URL, and serves out/renderer', async () => {
    const lines: string[] = [];
    const result = await start({ appRoot, port: 0, electronBinary: null, log: (l) => lines.push(l) });
    running.push(result);
    expect(result.mode).toBe('browser');
    if (result.mode !== 'browser') return;
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(lines).toEqual([ELECTRON_MISSING_LINE, `Portolan is running at ${result.url} (Ctrl+C to stop)`]);
    expect(lines.filter((l) => /electron/i.test(l))).toHaveLength(1);
    const res = await fetch(result.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Portolan</title>');
  });

  it('uses a free port when the default port is busy', async () => {
    // Occupy 5183 ourselves if it is free; if someone else holds it the fallback is tested anyway.
    blocker = await new Promise<Server | undefined>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(undefined));
      s.listen({ host: '127.0.0.1', port: DEFAULT_PORT, exclusive: true }, () => resolve(s));
    });
    const result = await start({ appRoot, electronBinary: null, log: () => undefined }).finally(
      () => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())),
    );
    blocker = undefined;
    running.push(result);
    expect(result.mode).toBe('browser');
    if (result.mode !== 'browser') return;
    expect(result.url).not.toBe(`http://127.0.0.1:${DEFAULT_PORT}/`);
    expect((await fetch(result.url)).status).toBe(200);
  });

  it('rejects an explicitly requested busy port with a clear error', async () => {
    const first = running[0];
    if (first?.mode !== 'browser') throw new Error('first start did not run in browser mode');
    const port = Number(new URL(first.url).port);
    await expect(start({ appRoot, port, electronBinary: null, log: () => undefined })).rejects.toThrow(
      new RegExp(`Port ${port} .*EADDRINUSE`),
    );
  });

  it('refuses to start without a build and says how to fix it', async () => {
    await expect(start({ appRoot: emptyRoot, port: 0, electronBinary: null, log: () => undefined })).rejects.toThrow(
      /out\/renderer\/index\.html is missing\. Run npm run build first/,
    );
  });

  it('desktop mode spawns the binary on the app root and reports its exit', async () => {
    // Plain node stands in for Electron: `node <dir>` runs the package.json "main" of <dir>.
    const desktopRoot = mkdtempSync(join(tmpdir(), 'portolan-launch-desktop-'));
    try {
      mkdirSync(join(desktopRoot, 'out', 'renderer'), { recursive: true });
      mkdirSync(join(desktopRoot, 'out', 'main'), { recursive: true });
      writeFileSync(join(desktopRoot, 'out', 'renderer', 'index.html'), '<!doctype html>');
      writeFileSync(join(desktopRoot, 'package.json'), JSON.stringify({ main: 'out/main/index.js' }));
      writeFileSync(join(desktopRoot, 'out', 'main', 'index.js'), 'process.exit(7);');
      const lines: string[] = [];
      const result = await start({ appRoot: desktopRoot, electronBinary: process.execPath, log: (l) => lines.push(l) });
      expect(result.mode).toBe('desktop');
      if (result.mode !== 'desktop') return;
      expect(await result.exited).toBe(7);
      expect(lines).toEqual([]);
    } finally {
      rmSync(desktopRoot, { recursive: true, force: true });
    }
  });

  it('refuses desktop mode when the main bundle is missing', async () => {
    await expect(start({ appRoot, port: 0, electronBinary: process.execPath, log: () => undefined })).rejects.toThrow(
      /out\/main\/index\.js is missing/,
    );
  });
});
