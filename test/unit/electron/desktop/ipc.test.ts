import { describe, expect, it, vi } from 'vitest';
import { MAX_PROJECT_BYTES } from '../../../../shared/format/index';
import { MAX_PICTURE_BYTES } from '../../../../shared/render/embedded';
import {
  EVENT_GUARDS,
  EXPORT_FILE_MODES,
  exportFolderNameProblem,
  exportPathProblem,
  exportRequestProblem,
  exportResponseProblem,
  INVOKE_CHANNELS,
  isExportSaveResponse,
  isExportFileMode,
  isSafeRelativePath,
  MAX_PICTURE_SAVE_BYTES,
  MAX_PROJECT_TEXT,
  pictureSaveProblem,
  REQUEST_GUARDS,
  type InvokeChannel,
} from '../../../../shared/ipc/index';
import { APP_ENTRY_URL } from '../../../../electron/node/app-protocol';
import { createIpcRouter, IpcFailure, isAppPageUrl, type InvokeEventLike } from '../../../../electron/node/ipc-handle';

const APP = 'app://portolan/index.html';
const trusted = (url: string) => isAppPageUrl(url, { pageUrl: APP_ENTRY_URL });

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

/** A stand-in for Electron's ipcMain: records handlers, lets the test invoke them. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    invoke: (channel: string, frameUrl: string | null, ...args: unknown[]) => {
      const listener = handlers.get(channel);
      if (!listener) throw new Error(`No handler registered for '${channel}'`);
      return listener({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
    },
    handlers,
  };
}

const hostile: [InvokeChannel, unknown][] = [
  ['project:open', { extra: 1 }],
  ['project:open', []],
  ['project:open', null],
  ['project:openRecent', { path: '' }],
  ['project:openRecent', { path: 42 }],
  ['project:openRecent', { path: '/etc/passwd\0.yaml' }],
  ['project:openRecent', { path: 'x'.repeat(40_000) }],
  ['project:openRecent', 'path'],
  ['project:save', { text: 'x'.repeat(MAX_PROJECT_BYTES + 1) }],
  ['project:save', { text: 1 }],
  ['project:save', { text: 'x', path: '' }],
  ['project:save', { text: 'x', suggestedName: '../../.bashrc' }],
  ['project:save', { text: 'x', suggestedName: 'a\\b' }],
  ['project:save', { text: 'x', __proto__: { path: '/x' }, constructor: 1 }],
  ['project:saveAs', { text: 'x', suggestedName: '..' }],
  ['export:saveAll', { files: [], folderName: 'acme' }],
  ['picture:save', { bytes: new Uint8Array([1]), name: 'a\0.png', format: 'png' }],
  ['picture:save', { bytes: new Uint8Array([1]), name: 'C:\\x.png', format: 'png' }],
  ['picture:save', { bytes: new Uint16Array([1]), name: 'a.png', format: 'png' }],
  ['picture:save', { bytes: new Uint8Array([1]).buffer, name: 'a.png', format: 'png' }],
  ['picture:save', { bytes: new Uint8Array([1]), name: 'a.pdf', format: 'png' }],
  ['picture:save', { bytes: new Uint8Array([1]), name: 'a.png', format: 'PNG' }],
  ['export:saveAll', { files: [{ path: '../escape', contents: '', mode: 0o644 }], folderName: 'acme' }],
  ['export:saveAll', { files: [{ path: '/etc/cron.d/x', contents: '', mode: 0o644 }], folderName: 'acme' }],
  ['export:saveAll', { files: [{ path: 'a/./b', contents: '', mode: 0o644 }], folderName: 'acme' }],
  ['export:saveAll', { files: [{ path: 'a\\..\\b', contents: '', mode: 0o644 }], folderName: 'acme' }],
  ['export:saveAll', { files: [{ path: 'ok', contents: '', mode: 0o4755 }], folderName: 'acme' }],
  ['export:saveAll', { files: [{ path: 'ok', contents: '', mode: 0o755 }], folderName: 'acme' }],
  ['export:saveAll', { files: [{ path: 'ok', contents: '', mode: 0o666 }], folderName: 'acme' }],
  ['export:saveAll', { files: [{ path: '.git/config', contents: '', mode: 0o644 }], folderName: 'acme' }],
  ['export:saveAll', { files: [{ path: 'ok', contents: '', mode: 0o644 }], folderName: '.git' }],
  ['export:saveAll', { files: [{ path: 'ok', contents: '', mode: 1.5 }], folderName: 'acme' }],
  [
    'export:saveAll',
    {
      files: [
        { path: 'same', contents: '', mode: 0o644 },
        { path: 'same', contents: '', mode: 0o644 },
      ],
      folderName: 'acme',
    },
  ],
  ['export:saveAll', { files: [{ path: 'ok', contents: '', mode: 0o644 }], folderName: '../up' }],
  ['export:saveAll', { files: new Array(201).fill({ path: 'a', contents: '', mode: 0o644 }), folderName: 'a' }],
  ['recovery:journal', { text: 'x'.repeat(MAX_PROJECT_BYTES * 2 + 1) }],
  ['recovery:journal', {}],
  ['shell:openDocs', { url: '' }],
  ['document:state', { dirty: 'yes', path: null }],
  ['document:state', { dirty: true }],
  ['document:snapshot', { requestId: '', dirty: false, text: null, suggestedName: null, path: null }],
  ['document:snapshot', { requestId: 'r', dirty: false, text: null, suggestedName: null }],
];

describe('IPC contract', () => {
  it('names every channel domain:verb', () => {
    for (const channel of INVOKE_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    for (const channel of Object.keys(EVENT_GUARDS)) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('keeps the project text limit equal to the format loader’s', () => {
    expect(MAX_PROJECT_TEXT).toBe(MAX_PROJECT_BYTES);
  });

  it('saves no picture larger than Portolan reads back', () => {
    expect(MAX_PICTURE_SAVE_BYTES).toBe(MAX_PICTURE_BYTES);
    const png = (length: number) => ({ bytes: new Uint8Array(length), name: 'a.png', format: 'png' });
    expect(pictureSaveProblem(png(MAX_PICTURE_SAVE_BYTES))).toBeNull();
    expect(pictureSaveProblem(png(MAX_PICTURE_SAVE_BYTES + 1))).toMatch(/over 67108864 bytes/);
    // The extension is matched whatever its case; the name keeps the user's spelling.
    expect(pictureSaveProblem({ ...png(1), name: 'Slides.PNG' })).toBeNull();
    expect(pictureSaveProblem({ ...png(1), name: 'a.png.sh' })).toMatch(/does not end in \.png/);
  });

  it.each<[InvokeChannel, unknown]>([
    ['project:open', undefined],
    ['project:open', {}],
    ['project:openRecent', { path: '/home/a/x.portolan.yaml' }],
    ['project:save', { text: 'format: 1\n' }],
    ['project:save', { text: '', path: '/a/b.yaml', suggestedName: 'b.portolan.yaml' }],
    ['project:saveAs', { text: 'x', suggestedName: 'acme.portolan.yaml' }],
    ['export:saveAll', { files: [{ path: 'nginx/nginx.conf', contents: 'x', mode: 0o644 }], folderName: 'acme' }],
    ['picture:save', { bytes: new Uint8Array([1]), name: 'acme@2x.png', format: 'png' }],
    ['picture:save', { bytes: Buffer.from('%PDF-'), name: 'Acme – Übersicht.pdf', format: 'pdf' }],
    ['recovery:journal', { text: '{"a":1}' }],
    ['shell:openDocs', { url: 'https://docs.nextauth.com/server/' }],
    ['document:state', { dirty: true, path: null }],
    [
      'document:snapshot',
      { requestId: 'r1', dirty: true, text: 'x', suggestedName: 'a.portolan.yaml', path: '/a/a.portolan.yaml' },
    ],
  ])('%s accepts %j', (channel, payload) => {
    expect(REQUEST_GUARDS[channel](payload)).toBe(true);
  });

  it.each(hostile)('%s refuses %#', (channel, payload) => {
    expect(REQUEST_GUARDS[channel](payload)).toBe(false);
  });

  it('refuses class instances and objects with a foreign prototype', () => {
    class Sneaky {
      text = 'x';
    }
    expect(REQUEST_GUARDS['recovery:journal'](new Sneaky())).toBe(false);
    expect(REQUEST_GUARDS['recovery:journal'](Object.create({ text: 'x' }))).toBe(false);
  });

  it('accepts only plain relative export paths', () => {
    for (const good of [
      'docker-compose.yml',
      'traefik/dynamic.yml',
      '.env',
      'sentinel/redis-sentinel.conf',
      'a.b_c-d',
    ]) {
      expect(exportPathProblem(good), good).toBeNull();
      expect(isSafeRelativePath(good)).toBe(true);
    }
    for (const bad of ['', '/abs', 'a//b', 'a/../b', '..', 'C:\\x', 'a b', 'a/\0', 'ü']) {
      expect(isSafeRelativePath(bad), bad).toBe(false);
    }
  });

  // One refusal per rule of export:saveAll, each with the reason main reports.
  it.each<[string, unknown, RegExp]>([
    ['an absolute path', '/etc/cron.d/x', /absolute/],
    ['a backslash', 'nginx\\nginx.conf', /backslash/],
    ['a Windows absolute path', 'C:\\Windows\\x', /backslash|drive/],
    ['a drive-relative path', 'C:x', /drive letter/],
    ['a UNC path', '\\\\server\\share\\x', /backslash/],
    ['a .. segment', 'a/../b', /dot-segment "\.\."/],
    ['a leading ..', '../escape', /dot-segment/],
    ['a . segment', 'a/./b', /dot-segment "\."/],
    ['an empty segment', 'a//b', /empty name/],
    ['a trailing slash', 'nginx/', /empty name/],
    ['a hidden folder', '.git/config', /hidden name ".git"/],
    ['a hidden file below the top', 'nginx/.htpasswd', /hidden name ".htpasswd"/],
    ['.env below the top', 'sub/.env', /hidden name ".env"/],
    ['another top-level dotfile', '.bashrc', /hidden name/],
    ['.ENV in other case', '.ENV', /hidden name/],
    ['a trailing dot', 'compose.', /ends with '\.'/],
    ['a Windows device name', 'nul.txt', /device name/],
    ['a colon inside', 'nginx/a:b', /only letters/],
    ['a NUL byte', 'a\0b', /only letters/],
    ['a control character', 'a\nb', /only letters/],
    ['non-ASCII', 'ü.yml', /only letters/],
    ['not text', 42, /not text/],
    ['a 1025-character path', 'a/'.repeat(512) + 'b', /longer than 1024/],
    ['a 256-character name', 'x'.repeat(256), /longer than 255/],
  ])('refuses an export path with %s', (_what, path, reason) => {
    expect(exportPathProblem(path)).toMatch(reason);
    const request = { files: [{ path, contents: '', mode: 0o644 }], folderName: 'acme' };
    expect(exportRequestProblem(request)).toMatch(reason);
    expect(REQUEST_GUARDS['export:saveAll'](request)).toBe(false);
  });

  it('accepts only the file modes 0o600 and 0o644, and 0o600 for .env', () => {
    expect(EXPORT_FILE_MODES).toEqual([0o600, 0o644]);
    const request = (mode: unknown, path = 'docker-compose.yml') => ({
      files: [{ path, contents: 'x', mode }],
      folderName: 'acme',
    });
    expect(exportRequestProblem(request(0o600))).toBeNull();
    expect(exportRequestProblem(request(0o644))).toBeNull();
    expect(exportRequestProblem(request(0o600, '.env'))).toBeNull();
    for (const mode of [
      0o777,
      0o755,
      0o700,
      0o664,
      0o666,
      0o640,
      0o604,
      0o400,
      0,
      0o4644,
      0o2644,
      0o1644,
      0o100644,
      420.5,
      -0o644,
      NaN,
      '0o644',
      '644',
      null,
    ]) {
      expect(isExportFileMode(mode), String(mode)).toBe(false);
      expect(exportRequestProblem(request(mode)), String(mode)).toMatch(/is not 0o600 or 0o644/);
      expect(REQUEST_GUARDS['export:saveAll'](request(mode))).toBe(false);
    }
    expect(exportRequestProblem(request(0o644, '.env'))).toMatch(/\.env must have mode 0o600/);
  });

  it.each<[string, unknown, RegExp]>([
    ['.', '.', /dot-segment/],
    ['..', '..', /dot-segment/],
    ['a hidden name', '.git', /hidden name/],
    ['a slash', 'a/b', /only letters/],
    ['a backslash', 'a\\b', /only letters/],
    ['a drive letter', 'C:', /only letters/],
    ['empty', '', /empty name/],
    ['a device name', 'CON', /device name/],
    ['not text', 7, /not text/],
  ])('refuses an export folder name that is %s', (_what, folderName, reason) => {
    expect(exportFolderNameProblem(folderName)).toMatch(reason);
    const request = { files: [{ path: 'docker-compose.yml', contents: '', mode: 0o644 }], folderName };
    expect(REQUEST_GUARDS['export:saveAll'](request)).toBe(false);
  });

  it('refuses two files that would land on the same path on a case-insensitive disk, or a file that is also a folder', () => {
    const files = (...paths: string[]) => ({
      files: paths.map((path) => ({ path, contents: '', mode: 0o644 })),
      folderName: 'acme',
    });
    expect(exportRequestProblem(files('nginx/nginx.conf', 'docker-compose.yml'))).toBeNull();
    expect(exportRequestProblem(files('Compose.yml', 'compose.yml'))).toMatch(/appears twice/);
    expect(exportRequestProblem(files('nginx', 'nginx/nginx.conf'))).toMatch(/both a file and a folder/);
    expect(exportRequestProblem(files('nginx/nginx.conf', 'NGINX'))).toMatch(/both a file and a folder/);
  });

  it('checks main→page events too', () => {
    expect(EVENT_GUARDS['menu:command']({ command: 'save' })).toBe(true);
    expect(EVENT_GUARDS['menu:command']({ command: 'rm -rf' })).toBe(false);
    // Menu commands are the registry's menu action ids (shared/actions/menu.ts), nothing else.
    expect(EVENT_GUARDS['menu:command']({ command: 'save-as' })).toBe(true);
    expect(EVENT_GUARDS['menu:command']({ command: 'saveAs' })).toBe(false);
    expect(EVENT_GUARDS['menu:command']({ command: 'select-none' })).toBe(false);
    expect(EVENT_GUARDS['file:opened']({ name: 'a.yaml', path: '/a.yaml', text: '' })).toBe(true);
    // A picture's project: the picture's format says so, and nothing else may stand there.
    expect(EVENT_GUARDS['file:opened']({ name: 'a.png', path: '/a.png', text: '', picture: 'png' })).toBe(true);
    expect(EVENT_GUARDS['file:opened']({ name: 'a.png', path: '/a.png', text: '', picture: 'gif' })).toBe(false);
    expect(EVENT_GUARDS['file:opened']({ name: 'a.png', path: '/a.png', text: '', picture: true })).toBe(false);
    expect(EVENT_GUARDS['file:changedOnDisk']({ name: 'a/b', path: '/a' })).toBe(false);
    expect(EVENT_GUARDS['document:query']({ requestId: 'x' })).toBe(true);
  });
});

describe('export:saveAll answer (names only, never a value)', () => {
  const env = {
    kept: 7,
    generated: ['MYSQL_PASSWORD'],
    asked: ['NEXTAUTH_LICENSE'],
    restored: [],
    unused: ['OLD_VAR'],
    unfilled: ['NEXTAUTH_LICENSE'],
    differs: ['COMPOSE_PROJECT_NAME'],
  };
  const saved = { kind: 'saved', saved: '/work/out/acme', files: ['.env', 'docker-compose.yml'], env };
  const exists = { kind: 'exists', folder: '/work/out', target: '/work/out/acme', existing: ['.env'] };

  it.each<[string, unknown]>([
    ['a cancel', null],
    ['a saved export with its .env report', saved],
    ['a fresh export (no .env before)', { ...saved, env: null }],
    ['an export that exists', exists],
  ])('accepts %s', (_what, answer) => {
    expect(exportResponseProblem(answer)).toBeNull();
    expect(isExportSaveResponse(answer)).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    ['a value in a name list', { ...saved, env: { ...env, generated: ['MYSQL_PASSWORD=hunter2'] } }, /env.generated 0/],
    ['a line of the file', { ...saved, env: { ...env, unused: ['# OLD_VAR=secret'] } }, /env.unused 0/],
    ['a control character', { ...saved, env: { ...env, asked: ['A\u001b[31m'] } }, /env.asked 0/],
    ['a name that is not text', { ...saved, env: { ...env, differs: [42] } }, /env.differs 0/],
    [
      'a missing list',
      { ...saved, env: { kept: 1, generated: [], asked: [], restored: [], unused: [], unfilled: [] } },
      /differs is missing/,
    ],
    ['an extra key (a place for values)', { ...saved, env: { ...env, values: { A: 'x' } } }, /expected \{ kept/],
    ['a negative count', { ...saved, env: { ...env, kept: -1 } }, /kept is not a count/],
    ['a fractional count', { ...saved, env: { ...env, kept: 1.5 } }, /kept is not a count/],
    ['a list that is not a list', { ...saved, env: { ...env, unused: 'OLD_VAR' } }, /env.unused is not a list/],
    ['a missing env', { kind: 'saved', saved: '/w', files: [] }, /env is missing/],
    ['an unsafe file path', { ...saved, files: ['../escape'] }, /files 0/],
    ['a relative folder', { ...saved, saved: '' }, /saved is not a folder path/],
    ['an exists with no files', { ...exists, existing: [] }, /existing is empty/],
    ['an exists with a saved key', { ...exists, env: null }, /expected \{ kind, folder/],
    ['an unknown kind', { kind: 'deleted', saved: '/w' }, /unknown kind/],
    ['an array', [saved], /expected null/],
  ])('refuses %s', (_what, answer, reason) => {
    expect(exportResponseProblem(answer)).toMatch(reason);
    expect(isExportSaveResponse(answer)).toBe(false);
  });

  it('lets a request name the folder to replace in, and only as a path', () => {
    const request = { files: [{ path: '.env', contents: '', mode: 0o600 }], folderName: 'acme' };
    expect(exportRequestProblem({ ...request, replaceIn: '/work/out' })).toBeNull();
    expect(exportRequestProblem({ ...request, replaceIn: '' })).toMatch(/replaceIn/);
    expect(exportRequestProblem({ ...request, replaceIn: 7 })).toMatch(/replaceIn/);
    expect(REQUEST_GUARDS['export:saveAll']({ ...request, replaceIn: '/a\0b' })).toBe(false);
  });
});

describe('isAppPageUrl', () => {
  it('trusts the app:// index.html only (with any hash or query)', () => {
    expect(APP).toBe(APP_ENTRY_URL);
    expect(trusted(APP)).toBe(true);
    expect(trusted(`${APP}#/editor`)).toBe(true);
    expect(trusted(`${APP}?x=1`)).toBe(true);
  });

  it.each([
    'app://portolan/other.html',
    'app://portolan/assets/index.js',
    'app://portolan/',
    'app://evil/index.html',
    'app://portolan.evil/index.html',
    'app://portolan:8080/index.html',
    'app://user@portolan/index.html',
    'file:///opt/Portolan/resources/app.asar/out/renderer/index.html',
    'file:///tmp/evil/index.html',
    'https://portolan/index.html',
    'https://docs.nextauth.com/',
    'http://localhost:5173/',
    'http://127.0.0.1:5173/',
    'about:blank',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('does not trust %s', (url) => {
    expect(trusted(url)).toBe(false);
  });

  it('trusts a dev server only when main loaded the page from it, and only on loopback http', () => {
    const dev = { pageUrl: 'http://localhost:5173/' };
    expect(isAppPageUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppPageUrl('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isAppPageUrl(APP, dev)).toBe(false);
    expect(isAppPageUrl('http://127.0.0.1:5173/', { pageUrl: 'http://127.0.0.1:5173/' })).toBe(true);
    // A page URL that is neither app:// nor a loopback http origin trusts nothing, not even itself.
    for (const pageUrl of [
      'https://evil.example/',
      'http://192.168.1.5:5173/',
      'file:///app/index.html',
      'app://evil/index.html',
    ]) {
      expect(isAppPageUrl(pageUrl, { pageUrl }), pageUrl).toBe(false);
    }
  });
});

describe('createIpcRouter', () => {
  const setup = () => {
    const ipcMain = fakeIpcMain();
    const refused: string[] = [];
    const router = createIpcRouter(ipcMain, {
      isTrustedSender: trusted,
      onRefused: (c, code) => refused.push(`${c} ${code}`),
    });
    return { ipcMain, router, refused };
  };

  it('calls the handler with a valid payload from the app page and wraps the answer', async () => {
    const { ipcMain, router } = setup();
    const handler = vi.fn(() => null);
    router.handle('recovery:journal', handler);
    await expect(ipcMain.invoke('recovery:journal', APP, { text: 'abc' })).resolves.toEqual({ ok: true, value: null });
    expect(handler).toHaveBeenCalledWith({ text: 'abc' }, expect.anything());
  });

  it('refuses a sender that is not the app page, before looking at the payload', async () => {
    const { ipcMain, router, refused } = setup();
    const handler = vi.fn(() => null);
    router.handle('recovery:journal', handler);
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', null]) {
      await expect(ipcMain.invoke('recovery:journal', url, { text: 'abc' })).resolves.toMatchObject({
        ok: false,
        code: 'forbidden',
      });
    }
    expect(handler).not.toHaveBeenCalled();
    expect(refused).toHaveLength(3);
  });

  it.each(hostile)('never calls the %s handler with hostile payload %#', async (channel, payload) => {
    const { ipcMain, router } = setup();
    const handler = vi.fn(() => null);
    router.handle(channel, handler as never);
    const answer = await ipcMain.invoke(channel, APP, payload);
    expect(answer).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses extra arguments', async () => {
    const { ipcMain, router } = setup();
    router.handle('recent:list', () => []);
    await expect(ipcMain.invoke('recent:list', APP, {}, 'extra')).resolves.toMatchObject({ code: 'invalid-request' });
  });

  it('refuses to register a channel outside the contract, or one twice', () => {
    const { router } = setup();
    expect(() => router.handle('shell:exec' as InvokeChannel, () => null as never)).toThrow(/unknown channel/);
    router.handle('recent:list', () => []);
    expect(() => router.handle('recent:list', () => [])).toThrow(/already/);
  });

  it('leaves channels nobody registered unanswered (Electron rejects the invoke)', () => {
    const { ipcMain } = setup();
    expect(() => ipcMain.invoke('project:open', APP)).toThrow(/No handler/);
  });

  it('turns handler failures into { ok: false, code, message }', async () => {
    const { ipcMain, router } = setup();
    router.handle('recent:list', () => {
      throw new Error('disk on fire');
    });
    router.handle('recovery:clear', () => {
      throw new IpcFailure('not-allowed', 'no');
    });
    await expect(ipcMain.invoke('recent:list', APP)).resolves.toEqual({
      ok: false,
      code: 'internal',
      message: 'recent:list failed: disk on fire',
    });
    await expect(ipcMain.invoke('recovery:clear', APP)).resolves.toEqual({
      ok: false,
      code: 'not-allowed',
      message: 'no',
    });
  });
});
