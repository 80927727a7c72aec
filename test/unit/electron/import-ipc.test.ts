/**
 * The desktop side of the editor's import (issue 14): the `import:run` and `import:choose`
 * guards against hostile requests, the answer's guard the bridge applies, and the handler that
 * reads the files from the disk (referenced files beside them) and runs the import core.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IMPORT_FILTERS, registerHandlers, runImportFromDisk } from '../../../electron/node/ipc-handlers';
import { APP_ENTRY_URL } from '../../../electron/node/app-protocol';
import { createIpcRouter, isAppPageUrl, type InvokeEventLike } from '../../../electron/node/ipc-handle';
import type { ShellState } from '../../../electron/node/shell-state';
import { loadProject } from '../../../shared/format/index';
import {
  importResponseProblem,
  importRunProblem,
  MAX_IMPORT_FILES,
  REQUEST_GUARDS,
  type ImportRunRequest,
} from '../../../shared/ipc/index';
import { MAX_COMPOSE_BYTES } from '../../../shared/import/compose/document';

const CORPUS = join(__dirname, '..', '..', 'fixtures', 'import', 'corpus');
const NGINX = join(CORPUS, '02-nginx-front');
const EXTENDS = join(CORPUS, '05-extends-other-file');

const request = (over: Partial<Record<keyof ImportRunRequest, unknown>> = {}) => ({
  compose: ['/srv/app/docker-compose.yml'],
  envFiles: [],
  proxyConfigs: [],
  profiles: [],
  ...over,
});

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-import-'));
  dirs.push(dir);
  return dir;
};

describe('import:run and import:choose requests', () => {
  it.each([
    request(),
    request({
      compose: ['/a/compose.yml', '/a/compose.override.yml'],
      envFiles: ['/a/.env'],
      proxyConfigs: ['/a/nginx.conf'],
    }),
    request({ compose: ['C:\\deploy\\docker-compose.yml'], profiles: ['debug', 'a.b_c-1'] }),
  ])('accepts %j', (payload) => {
    expect(importRunProblem(payload)).toBeNull();
    expect(REQUEST_GUARDS['import:run'](payload)).toBe(true);
  });

  class Sneaky {
    compose = ['/a.yml'];
    envFiles = [];
    proxyConfigs = [];
    profiles = [];
  }

  it.each<[string, unknown]>([
    ['no payload', undefined],
    ['a list', [request()]],
    ['a class instance', new Sneaky()],
    ['a foreign prototype', Object.create(request())],
    ['an extra key', { ...request(), readFile: '/etc/passwd' }],
    ['a missing key', { compose: ['/a.yml'], envFiles: [], proxyConfigs: [] }],
    ['no compose file', request({ compose: [] })],
    ['an empty path', request({ compose: [''] })],
    ['a NUL in a path', request({ compose: ['/a.yml\0.png'] })],
    ['a path that is no text', request({ envFiles: [42] })],
    ['a path object', request({ proxyConfigs: [{ toString: () => '/a' }] })],
    [
      'too many files',
      request({ proxyConfigs: Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, i) => `/p${i}.conf`) }),
    ],
    ['a huge path', request({ compose: ['/' + 'a'.repeat(40_000)] })],
    ['a profile with a shell character', request({ profiles: ['$(rm -rf /)'] })],
    ['a profile starting with a dash', request({ profiles: ['-debug'] })],
    ['an empty profile', request({ profiles: [''] })],
    ['too many profiles', request({ profiles: Array.from({ length: 65 }, (_, i) => `p${i}`) })],
    ['profiles not a list', request({ profiles: 'debug' })],
  ])('refuses %s', (_why, payload) => {
    expect(importRunProblem(payload)).not.toBeNull();
    expect(REQUEST_GUARDS['import:run'](payload)).toBe(false);
  });

  it('chooses only the three kinds of file', () => {
    for (const role of ['compose', 'env', 'proxy']) expect(REQUEST_GUARDS['import:choose']({ role })).toBe(true);
    for (const bad of [{ role: 'other' }, { role: 'compose', path: '/x' }, {}, undefined, { role: ['env'] }])
      expect(REQUEST_GUARDS['import:choose'](bad)).toBe(false);
  });
});

describe('import:run answers (checked by the desktop bridge)', () => {
  const at = { file: 'docker-compose.yml', line: 1, column: 1 };
  const report = { files: ['a'], services: [], inactive: [], notes: [{ kind: 'kept', text: 't', at }], warnings: [] };

  it('accepts an import and a failure', () => {
    expect(importResponseProblem({ kind: 'imported', projectText: 'format: 1', report })).toBeNull();
    expect(
      importResponseProblem({
        kind: 'failed',
        problems: [{ code: 'yaml-syntax', severity: 'error', message: 'm', at }],
      }),
    ).toBeNull();
  });

  it.each<unknown>([
    null,
    { kind: 'imported', projectText: '', report },
    { kind: 'imported', projectText: 'x', report: { ...report, notes: [{ kind: 'secret', text: 't', at }] } },
    {
      kind: 'imported',
      projectText: 'x',
      report: { ...report, notes: [{ kind: 'kept', text: 't', at: { ...at, line: '1' } }] },
    },
    { kind: 'imported', projectText: 'x', report: { ...report, extra: 1 } },
    { kind: 'imported', projectText: 'x', report, problems: [] },
    { kind: 'failed', problems: [{ code: 'x', severity: 'fatal', message: 'm', at }] },
    { kind: 'failed', problems: 'none' },
    { kind: 'other' },
  ])('refuses %j', (answer) => {
    expect(importResponseProblem(answer)).not.toBeNull();
  });
});

describe('runImportFromDisk (the handler of import:run)', () => {
  it('imports compose + .env + nginx.conf from the disk; the project crosses as a loadable project text', async () => {
    const answer = await runImportFromDisk({
      compose: [join(NGINX, 'docker-compose.yml')],
      envFiles: [join(NGINX, '.env')],
      proxyConfigs: [join(NGINX, 'nginx.conf')],
      profiles: [],
    });
    expect(answer.kind).toBe('imported');
    if (answer.kind !== 'imported') return;
    expect(importResponseProblem(answer)).toBeNull();
    const loaded = loadProject(answer.projectText);
    expect(loaded.ok).toBe(true);
    if (loaded.ok)
      expect(loaded.project.components.map((c) => c.id)).toEqual(
        expect.arrayContaining(['web', 'nextauth', 'db', 'cache']),
      );
    // Named after the compose file's folder, as the CLI names it.
    expect(answer.projectText).toContain('02-nginx-front');
  });

  it('reads the extends target beside the compose file from the disk', async () => {
    const answer = await runImportFromDisk({
      compose: [join(EXTENDS, 'docker-compose.yml')],
      envFiles: [],
      proxyConfigs: [],
      profiles: [],
    });
    expect(answer.kind).toBe('imported');
  });

  it('reports a missing extends file at FILE:LINE:COL and imports nothing', async () => {
    const dir = tempDir();
    copyFileSync(join(EXTENDS, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    const compose = join(dir, 'docker-compose.yml');
    const answer = await runImportFromDisk({ compose: [compose], envFiles: [], proxyConfigs: [], profiles: [] });
    expect(answer).toMatchObject({
      kind: 'failed',
      problems: expect.arrayContaining([
        expect.objectContaining({ code: 'extends-unknown-file', at: { file: compose, line: 6, column: 13 } }),
      ]),
    });
  });

  it('answers a picked file that cannot be read as a problem at its first line', async () => {
    const dir = tempDir();
    const missing = join(dir, 'gone.yml');
    expect(await runImportFromDisk({ compose: [missing], envFiles: [], proxyConfigs: [], profiles: [] })).toEqual({
      kind: 'failed',
      problems: [expect.objectContaining({ code: 'file-not-found', at: { file: missing, line: 1, column: 1 } })],
    });
    const big = join(dir, 'big.yml');
    writeFileSync(big, 'x'.repeat(MAX_COMPOSE_BYTES + 1));
    expect(await runImportFromDisk({ compose: [big], envFiles: [], proxyConfigs: [], profiles: [] })).toMatchObject({
      kind: 'failed',
      problems: [{ code: 'file-too-large' }],
    });
    expect(await runImportFromDisk({ compose: [dir], envFiles: [], proxyConfigs: [], profiles: [] })).toMatchObject({
      kind: 'failed',
      problems: [{ code: 'file-not-found' }],
    });
  });

  it('refuses a malformed request even when reached without the router', async () => {
    await expect(
      runImportFromDisk({ compose: [], envFiles: [], proxyConfigs: [], profiles: [] }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });
});

describe('the import channels on the checked router', () => {
  type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;
  const setup = (choose?: (role: string) => Promise<readonly string[] | null>) => {
    const listeners = new Map<string, Listener>();
    const router = createIpcRouter(
      { handle: (channel, listener) => void listeners.set(channel, listener) },
      { isTrustedSender: (url) => isAppPageUrl(url, { pageUrl: APP_ENTRY_URL }) },
    );
    const chooseImportFiles = vi.fn(async (role: string) => (choose ? choose(role) : null));
    registerHandlers(router, {} as ShellState, choose ? { chooseImportFiles } : undefined);
    const invoke = (channel: string, payload: unknown, url = APP_ENTRY_URL) =>
      listeners.get(channel)!({ senderFrame: { url } }, payload) as Promise<unknown>;
    return { invoke, chooseImportFiles };
  };

  it('shows the native dialog with the role’s filters and hands back names and paths', async () => {
    const { invoke, chooseImportFiles } = setup(async () => [
      '/srv/app/docker-compose.yml',
      '/srv/app/compose.override.yml',
    ]);
    expect(await invoke('import:choose', { role: 'compose' })).toEqual({
      ok: true,
      value: [
        { name: 'docker-compose.yml', path: '/srv/app/docker-compose.yml' },
        { name: 'compose.override.yml', path: '/srv/app/compose.override.yml' },
      ],
    });
    expect(chooseImportFiles).toHaveBeenCalledWith('compose', IMPORT_FILTERS.compose);
  });

  it('answers null when cancelled or when the shell has no dialog', async () => {
    expect(await setup(async () => null).invoke('import:choose', { role: 'env' })).toEqual({ ok: true, value: null });
    expect(await setup().invoke('import:choose', { role: 'env' })).toEqual({ ok: true, value: null });
  });

  it('runs an import for the app’s page, and refuses hostile requests and other pages', async () => {
    const { invoke } = setup();
    const good = { compose: [join(NGINX, 'docker-compose.yml')], envFiles: [], proxyConfigs: [], profiles: [] };
    expect(await invoke('import:run', good)).toMatchObject({ ok: true, value: { kind: 'imported' } });
    expect(await invoke('import:run', { ...good, compose: [] })).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await invoke('import:run', { ...good, environment: { A: '1' } })).toMatchObject({
      ok: false,
      code: 'invalid-request',
    });
    expect(await invoke('import:run', good, 'https://evil.example/')).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
