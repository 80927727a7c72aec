/**
 * The shell's IPC handlers (electron/node/ipc-handlers.ts) behind the real checked router, with
 * in-memory stand-ins for files, recent list, journal and Electron's dialogs: the access rules
 * the page cannot get around, the unsaved-changes prompt, and errors shown rather than lost.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type DocumentSnapshot, type OpenedFile } from '../../../../shared/ipc/index';
import { DocumentFileError, type DocumentFiles } from '../../../../electron/node/document-files';
import { openFromOutside } from '../../../../electron/node/document-flow';
import { APP_ENTRY_URL } from '../../../../electron/node/app-protocol';
import {
  createIpcRouter,
  isAppPageUrl,
  type InvokeEventLike,
  type IpcRouter,
} from '../../../../electron/node/ipc-handle';
import { exportErrorCode, registerHandlers } from '../../../../electron/node/ipc-handlers';
import type { ExportWriteCode, ExportWriteFailure } from '../../../../electron/node/export-writer';
import type * as ExportFiles from '../../../../electron/node/export-files';

/** A writer failure to inject into the next desktop export (null: the real writer runs). */
const inject = vi.hoisted(() => ({ failure: null as null | { code: string; message: string } }));
vi.mock('../../../../electron/node/export-files', async (importOriginal) => {
  const real = await importOriginal<typeof ExportFiles>();
  return {
    ...real,
    writeExportReporting: (...args: Parameters<typeof real.writeExportReporting>) => {
      const failure = inject.failure;
      inject.failure = null;
      if (failure !== null) return Promise.reject(new real.ExportWriteError(failure as ExportWriteFailure));
      return real.writeExportReporting(...args);
    },
  };
});
import type { ShellState } from '../../../../electron/node/shell-state';

const APP = APP_ENTRY_URL;
type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

const opened = (path: string): OpenedFile => ({ name: path.split('/').pop()!, path, text: 'format: 1' });

/** A shell with every service faked; `page` is what the editor answers to a document query. */
function shell(page: Partial<DocumentSnapshot> | null = { dirty: false }) {
  const recent = ['/work/a.portolan.yaml'];
  const files = {
    open: vi.fn(async () => opened('/work/picked.portolan.yaml')),
    openPath: vi.fn(async (path: string) => opened(path)),
    save: vi.fn(async (_text: string, path?: string) => ({
      name: 'a.portolan.yaml',
      path: path ?? '/work/new.portolan.yaml',
    })),
    saveAs: vi.fn(async () => null),
    isGranted: vi.fn((path: string) => path === '/work/a.portolan.yaml'),
    baseline: vi.fn(() => undefined),
  } satisfies DocumentFiles;
  const state: ShellState = {
    window: null,
    dirty: false,
    path: null,
    menuActions: [],
    watcher: null,
    isDev: false,
    files,
    recent: {
      list: vi.fn(async () => [...recent]),
      add: vi.fn(async (p: string) => (recent.unshift(p), [...recent])),
      remove: vi.fn(async (p: string) => (recent.splice(recent.indexOf(p), 1), [...recent])),
      clear: vi.fn(async () => void recent.splice(0)),
    },
    journal: {
      record: vi.fn(),
      flush: vi.fn(async () => undefined),
      load: vi.fn(async () => null),
      clear: vi.fn(async () => undefined),
    },
    queries: {
      request: vi.fn(async () =>
        page === null
          ? null
          : { requestId: 'q', dirty: false, text: 'format: 1', suggestedName: null, path: null, ...page },
      ),
      answer: vi.fn(() => true),
    },
    ui: {
      send: vi.fn(),
      askUnsaved: vi.fn(async () => 2), // Cancel, unless a test says otherwise
      showError: vi.fn(),
      chooseFolder: vi.fn(async () => null),
      chooseSaveFile: vi.fn(async (): Promise<string | null> => null),
      confirmReplace: vi.fn(async () => false),
      openExternal: vi.fn(async () => undefined),
    },
    refreshMenu: vi.fn(),
    refreshTitle: vi.fn(),
    refreshWatcher: vi.fn(),
  };
  const listeners = new Map<string, Listener>();
  const router = createIpcRouter(
    { handle: (channel, listener) => void listeners.set(channel, listener) },
    { isTrustedSender: (url) => isAppPageUrl(url, { pageUrl: APP }) },
  );
  registerHandlers(router, state);
  const invoke = (channel: string, payload?: unknown) =>
    listeners.get(channel)!({ senderFrame: { url: APP } }, ...(payload === undefined ? [] : [payload])) as Promise<
      { ok: true; value: unknown } | { ok: false; code: string }
    >;
  return { state, files, invoke, listeners };
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('IPC handlers', () => {
  it('register every invoke channel of the contract', () => {
    const { listeners } = shell();
    expect([...listeners.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('show in the menu the actions the page runs, and refuse ids that are no menu action', async () => {
    const { state, invoke } = shell();
    expect(await invoke('menu:setActions', { ids: ['save', 'fit-view'] })).toEqual({ ok: true, value: null });
    expect(state.menuActions).toEqual(['save', 'fit-view']);
    expect(state.refreshMenu).toHaveBeenCalledTimes(1);
    for (const ids of [['rm -rf /'], ['save', 'save'], ['select-none'], 'save', [{ toString: () => 'save' }]]) {
      expect(await invoke('menu:setActions', { ids }), JSON.stringify(ids)).toMatchObject({ ok: false });
    }
    expect(await invoke('menu:setActions', { ids: [], extra: 1 })).toMatchObject({ ok: false });
    expect(state.menuActions).toEqual(['save', 'fit-view']);
    expect(state.refreshMenu).toHaveBeenCalledTimes(1);
  });

  it('reopen only files on the recent list', async () => {
    const { invoke, files } = shell();
    expect(await invoke('project:openRecent', { path: '/etc/shadow.yaml' })).toMatchObject({
      ok: false,
      code: 'not-allowed',
    });
    expect(files.openPath).not.toHaveBeenCalled();
    expect(await invoke('project:openRecent', { path: '/work/a.portolan.yaml' })).toMatchObject({
      ok: true,
      value: { path: '/work/a.portolan.yaml' },
    });
  });

  it('accept from the page only a file path main handed out', async () => {
    const { invoke, state } = shell();
    await invoke('document:state', { dirty: true, path: '/home/me/.ssh/id_rsa' });
    expect(state.path).toBeNull();
    expect(state.dirty).toBe(true);
    await invoke('document:state', { dirty: false, path: '/work/a.portolan.yaml' });
    expect(state.path).toBe('/work/a.portolan.yaml');
    expect(state.refreshTitle).toHaveBeenCalledTimes(2);
    expect(state.refreshWatcher).toHaveBeenCalledTimes(2);
  });

  it('open only nextAuth documentation in the browser', async () => {
    const { invoke, state } = shell();
    expect(await invoke('shell:openDocs', { url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      code: 'not-allowed',
    });
    expect(state.ui.openExternal).not.toHaveBeenCalled();
    expect(await invoke('shell:openDocs', { url: 'https://docs.nextauth.com/networking' })).toMatchObject({ ok: true });
    expect(state.ui.openExternal).toHaveBeenCalledWith('https://docs.nextauth.com/networking');
  });

  it('ask before opening over unsaved work: Cancel stays, Save saves first, then opens', async () => {
    const { invoke, state, files } = shell({ dirty: true, path: '/work/a.portolan.yaml' });
    expect(await invoke('project:open')).toEqual({ ok: true, value: null });
    expect(files.open).not.toHaveBeenCalled();
    expect(state.ui.askUnsaved).toHaveBeenCalledTimes(1);

    vi.mocked(state.ui.askUnsaved).mockResolvedValueOnce(0); // Save
    expect(await invoke('project:open')).toMatchObject({ ok: true, value: { path: '/work/picked.portolan.yaml' } });
    expect(files.save).toHaveBeenCalledWith('format: 1', '/work/a.portolan.yaml', undefined);
    expect(state.journal.clear).toHaveBeenCalled();
    expect(state.recent.add).toHaveBeenCalledWith('/work/picked.portolan.yaml');
  });

  it('show a failed save to the user and answer null, without clearing the journal', async () => {
    const { invoke, state, files } = shell();
    files.save.mockRejectedValueOnce(new DocumentFileError('io', 'the disk is full'));
    expect(await invoke('project:save', { text: 'format: 1', path: '/work/a.portolan.yaml' })).toEqual({
      ok: true,
      value: null,
    });
    expect(state.ui.showError).toHaveBeenCalledWith('The project could not be saved.', 'the disk is full');
    expect(state.journal.clear).not.toHaveBeenCalled();
  });

  it('pass a file error to the page with its code', async () => {
    const { invoke, files } = shell();
    files.openPath.mockRejectedValueOnce(new DocumentFileError('too-large', 'over 5 MB'));
    expect(await invoke('project:openDropped', { path: '/drop/big.portolan.yaml' })).toMatchObject({
      ok: false,
      code: 'too-large',
    });
  });

  it('export: an existing export is replaced only after the page confirms, in the folder main named', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'portolan-handlers-'));
    dirs.push(folder);
    mkdirSync(join(folder, 'acme'));
    writeFileSync(join(folder, 'acme', 'docker-compose.yml'), 'old');
    const { invoke, state } = shell();
    vi.mocked(state.ui.chooseFolder).mockResolvedValue(folder);
    const request = { files: [{ path: 'docker-compose.yml', contents: 'new', mode: 0o644 }], folderName: 'acme' };

    // First answer: nothing written, the page is told what is there and asks the user.
    expect(await invoke('export:saveAll', request)).toEqual({
      ok: true,
      value: { kind: 'exists', folder, target: join(folder, 'acme'), existing: ['docker-compose.yml'] },
    });
    expect(readFileSync(join(folder, 'acme', 'docker-compose.yml'), 'utf8')).toBe('old');

    // A folder main did not name is refused, and so is the named one after that (used once).
    expect(await invoke('export:saveAll', { ...request, replaceIn: '/etc' })).toMatchObject({
      ok: false,
      code: 'not-allowed',
    });
    expect(await invoke('export:saveAll', { ...request, replaceIn: folder })).toMatchObject({
      ok: false,
      code: 'not-allowed',
    });
    expect(readFileSync(join(folder, 'acme', 'docker-compose.yml'), 'utf8')).toBe('old');

    await invoke('export:saveAll', request);
    expect(state.ui.chooseFolder).toHaveBeenCalledTimes(2);
    expect(await invoke('export:saveAll', { ...request, replaceIn: folder })).toEqual({
      ok: true,
      value: { kind: 'saved', saved: join(folder, 'acme'), files: ['docker-compose.yml'], env: null },
    });
    expect(state.ui.chooseFolder).toHaveBeenCalledTimes(2); // the confirmed folder, not a new question
    expect(readFileSync(join(folder, 'acme', 'docker-compose.yml'), 'utf8')).toBe('new');
  });

  it('export: reports the .env merge by name (never a value) and every file written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'portolan-handlers-'));
    dirs.push(folder);
    mkdirSync(join(folder, 'acme'));
    const previous = 'MYSQL_ROOT_PASSWORD=operator-root-secret\nNEXTAUTH_LICENSE=LIC-123\nOLD_VAR=old-value\n';
    writeFileSync(join(folder, 'acme', '.env'), previous, { mode: 0o600 });
    const fresh = 'MYSQL_ROOT_PASSWORD=fresh-root\nMYSQL_PASSWORD=fresh-generated\nNEXTAUTH_LICENSE=\nSMTP_PASSWORD=\n';
    const { invoke, state } = shell();
    vi.mocked(state.ui.chooseFolder).mockResolvedValue(folder);
    const request = {
      files: [
        { path: '.env', contents: fresh, mode: 0o600 },
        { path: 'docker-compose.yml', contents: 'services: {}\n', mode: 0o644 },
      ],
      folderName: 'acme',
    };
    expect(await invoke('export:saveAll', request)).toMatchObject({ value: { kind: 'exists', existing: ['.env'] } });
    const answer = await invoke('export:saveAll', { ...request, replaceIn: folder });
    expect(answer).toEqual({
      ok: true,
      value: {
        kind: 'saved',
        saved: join(folder, 'acme'),
        files: ['.env', 'docker-compose.yml'],
        env: {
          kept: 2,
          generated: ['MYSQL_PASSWORD'],
          asked: ['SMTP_PASSWORD'],
          restored: [],
          unused: ['OLD_VAR'],
          unfilled: ['SMTP_PASSWORD'],
          differs: [],
        },
      },
    });
    const text = JSON.stringify(answer);
    for (const value of ['operator-root-secret', 'LIC-123', 'old-value', 'fresh-root', 'fresh-generated']) {
      expect(text).not.toContain(value);
    }
    const written = readFileSync(join(folder, 'acme', '.env'), 'utf8');
    expect(written).toContain('MYSQL_ROOT_PASSWORD=operator-root-secret');
    expect(written).toContain('NEXTAUTH_LICENSE=LIC-123');
    expect(written).toContain('# OLD_VAR=old-value');
  });
});

describe('export:saveAll failures cross with their own code', () => {
  afterEach(() => void (inject.failure = null));

  it.each<[ExportWriteCode, string]>([
    ['export-disk-full', 'export-disk-full'],
    ['export-read-only', 'export-read-only'],
    ['export-permission-denied', 'export-permission-denied'],
    ['export-symlink', 'export-symlink'],
    ['export-exists', 'export-exists'],
    ['export-not-a-folder', 'export-not-a-folder'],
    ['export-special-filesystem', 'export-special-filesystem'],
    ['export-env-unreadable', 'env-unreadable'],
    ['env-syntax', 'env-invalid'],
    ['env-unterminated-quote', 'env-invalid'],
    ['env-duplicate-variable', 'env-invalid'],
    ['export-unsafe-path', 'invalid-request'],
    ['export-io', 'io'],
  ])('%s → %s', async (writerCode, ipcCode) => {
    expect(exportErrorCode(writerCode)).toBe(ipcCode);
    const folder = mkdtempSync(join(tmpdir(), 'portolan-handlers-'));
    dirs.push(folder);
    const { invoke, state } = shell();
    vi.mocked(state.ui.chooseFolder).mockResolvedValue(folder);
    const message = `${writerCode}: something while writing .env`;
    inject.failure = { code: writerCode, message };
    const request = { files: [{ path: '.env', contents: 'A=\n', mode: 0o600 }], folderName: 'acme' };
    expect(await invoke('export:saveAll', request)).toEqual({ ok: false, code: ipcCode, message });
  });

  it('a symbolic link inside the export folder (real writer): export-symlink, nothing written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'portolan-handlers-'));
    dirs.push(folder);
    mkdirSync(join(folder, 'acme'));
    mkdirSync(join(folder, 'elsewhere'));
    symlinkSync(join(folder, 'elsewhere'), join(folder, 'acme', 'nginx'));
    const { invoke, state } = shell();
    vi.mocked(state.ui.chooseFolder).mockResolvedValue(folder);
    const request = { files: [{ path: 'nginx/nginx.conf', contents: 'x', mode: 0o644 }], folderName: 'acme' };
    const answer = await invoke('export:saveAll', request);
    expect(answer).toMatchObject({ ok: false, code: 'export-symlink' });
    expect(() => statSync(join(folder, 'elsewhere', 'nginx.conf'))).toThrow();
  });

  it('an existing .env with a line it cannot keep (real writer): env-invalid with line:column', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'portolan-handlers-'));
    dirs.push(folder);
    mkdirSync(join(folder, 'acme'));
    writeFileSync(join(folder, 'acme', '.env'), 'A=1\nB="unterminated\n', { mode: 0o600 });
    const { invoke, state } = shell();
    vi.mocked(state.ui.chooseFolder).mockResolvedValue(folder);
    const request = { files: [{ path: '.env', contents: 'A=\n', mode: 0o600 }], folderName: 'acme' };
    await invoke('export:saveAll', request);
    const answer = await invoke('export:saveAll', { ...request, replaceIn: folder });
    expect(answer).toMatchObject({ ok: false, code: 'env-invalid', message: expect.stringMatching(/\.env:2:\d+:/) });
    expect(readFileSync(join(folder, 'acme', '.env'), 'utf8')).toBe('A=1\nB="unterminated\n');
  });
});

describe('export:saveAll checks the request itself, not only through the router', () => {
  /** The handlers registered on a router that checks nothing: what each would do on its own. */
  function unguarded() {
    const { state } = shell();
    const handlers = new Map<string, (request: unknown, event: InvokeEventLike) => unknown>();
    const router: IpcRouter = {
      channels: new Set(),
      handle: (channel, handler) => void handlers.set(channel, handler as (request: unknown) => unknown),
    };
    registerHandlers(router, state);
    const saveAll = (request: unknown) =>
      Promise.resolve().then(() => handlers.get('export:saveAll')!(request, { senderFrame: { url: APP } }));
    return { state, saveAll };
  }

  const file = (path: unknown, mode: unknown = 0o644) => ({ path, contents: 'x', mode });

  it.each<[string, unknown, RegExp]>([
    ['mode 0o777', { files: [file('docker-compose.yml', 0o777)], folderName: 'acme' }, /0o777 is not 0o600 or 0o644/],
    ['mode 0o755', { files: [file('run.sh', 0o755)], folderName: 'acme' }, /0o755 is not/],
    ['a setuid mode', { files: [file('x', 0o4644)], folderName: 'acme' }, /0o4644 is not/],
    ['.env readable by others', { files: [file('.env', 0o644)], folderName: 'acme' }, /\.env must have mode 0o600/],
    ['an absolute path', { files: [file('/etc/cron.d/x')], folderName: 'acme' }, /absolute/],
    ['a backslash', { files: [file('nginx\\nginx.conf')], folderName: 'acme' }, /backslash/],
    ['a drive letter', { files: [file('C:x')], folderName: 'acme' }, /drive letter/],
    ['a .. segment', { files: [file('a/../../b')], folderName: 'acme' }, /dot-segment/],
    ['a . segment', { files: [file('./docker-compose.yml')], folderName: 'acme' }, /dot-segment/],
    ['a hidden folder', { files: [file('.git/hooks/post-checkout')], folderName: 'acme' }, /hidden name ".git"/],
    ['a nested .env', { files: [file('nginx/.env', 0o600)], folderName: 'acme' }, /hidden name ".env"/],
    [
      'a hidden folder name',
      { files: [file('docker-compose.yml')], folderName: '.ssh' },
      /folder name is the hidden name/,
    ],
    ['a .. folder name', { files: [file('docker-compose.yml')], folderName: '..' }, /folder name is the dot-segment/],
  ])('refuses %s before asking for a folder', async (_what, request, reason) => {
    const { state, saveAll } = unguarded();
    await expect(saveAll(request)).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(reason),
    });
    expect(state.ui.chooseFolder).not.toHaveBeenCalled();
  });

  it('writes what it accepts with exactly the requested modes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'portolan-handlers-'));
    dirs.push(folder);
    const { state, saveAll } = unguarded();
    vi.mocked(state.ui.chooseFolder).mockResolvedValue(folder);
    const request = {
      files: [file('.env', 0o600), file('docker-compose.yml', 0o644), file('nginx/nginx.conf', 0o644)],
      folderName: 'acme-deployment',
    };
    await expect(saveAll(request)).resolves.toEqual({
      kind: 'saved',
      saved: join(folder, 'acme-deployment'),
      files: ['.env', 'docker-compose.yml', 'nginx/nginx.conf'],
      env: null,
    });
    const modeOf = (path: string) => statSync(join(folder, 'acme-deployment', path)).mode & 0o7777;
    expect([modeOf('.env'), modeOf('docker-compose.yml'), modeOf('nginx/nginx.conf')]).toEqual([0o600, 0o644, 0o644]);
  });
});

/** The first bytes of each picture format, enough for main to know one (shared/render/embedded.ts). */
const PICTURE_BYTES = {
  png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
  pdf: new TextEncoder().encode('%PDF-1.7\n%%EOF\n'),
  svg: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
} as const;

describe('picture:save', () => {
  function folder(): string {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-picture-save-'));
    dirs.push(dir);
    return dir;
  }

  it('asks where, beside the open project, and writes the bytes there', async () => {
    const dir = folder();
    const { invoke, state } = shell();
    await invoke('document:state', { dirty: false, path: '/work/a.portolan.yaml' });
    vi.mocked(state.ui.chooseSaveFile).mockResolvedValueOnce(join(dir, 'slides.png'));
    expect(await invoke('picture:save', { bytes: PICTURE_BYTES.png, name: 'acme@2x.png', format: 'png' })).toEqual({
      ok: true,
      value: { name: 'slides.png', path: join(dir, 'slides.png') },
    });
    expect(state.ui.chooseSaveFile).toHaveBeenCalledWith('/work/acme@2x.png', [
      { name: 'PNG picture', extensions: ['png'] },
    ]);
    expect(new Uint8Array(readFileSync(join(dir, 'slides.png')))).toEqual(PICTURE_BYTES.png);
    // A picture is no document: the window still names the project, and nothing new is watched.
    expect(state.path).toBe('/work/a.portolan.yaml');
  });

  it('replaces a file the dialog asked about, through a symbolic link too', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'real.pdf'), 'old');
    symlinkSync(join(dir, 'real.pdf'), join(dir, 'link.pdf'));
    const { invoke, state } = shell();
    vi.mocked(state.ui.chooseSaveFile).mockResolvedValueOnce(join(dir, 'link.pdf'));
    expect(await invoke('picture:save', { bytes: PICTURE_BYTES.pdf, name: 'acme.pdf', format: 'pdf' })).toMatchObject({
      ok: true,
    });
    expect(readFileSync(join(dir, 'real.pdf'), 'utf8')).toBe('%PDF-1.7\n%%EOF\n');
  });

  it('adds a missing extension, and then replaces nothing the dialog did not ask about', async () => {
    const dir = folder();
    const { invoke, state } = shell();
    vi.mocked(state.ui.chooseSaveFile).mockResolvedValue(join(dir, 'diagram'));
    expect(await invoke('picture:save', { bytes: PICTURE_BYTES.svg, name: 'acme.svg', format: 'svg' })).toEqual({
      ok: true,
      value: { name: 'diagram.svg', path: join(dir, 'diagram.svg') },
    });
    writeFileSync(join(dir, 'diagram.svg'), 'mine');
    expect(await invoke('picture:save', { bytes: PICTURE_BYTES.svg, name: 'acme.svg', format: 'svg' })).toMatchObject({
      ok: false,
      code: 'io',
      message: expect.stringMatching(/diagram\.svg.*unchanged/),
    });
    expect(readFileSync(join(dir, 'diagram.svg'), 'utf8')).toBe('mine');
  });

  it('writes nothing when the user cancels, and says why a write failed', async () => {
    const { invoke, state } = shell();
    expect(await invoke('picture:save', { bytes: PICTURE_BYTES.png, name: 'a.png', format: 'png' })).toEqual({
      ok: true,
      value: null,
    });
    vi.mocked(state.ui.chooseSaveFile).mockResolvedValueOnce('/no/such/folder/a.png');
    expect(await invoke('picture:save', { bytes: PICTURE_BYTES.png, name: 'a.png', format: 'png' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  it('refuses bytes that are not a picture of the format named, before asking', async () => {
    const { invoke, state } = shell();
    for (const [bytes, format] of [
      [PICTURE_BYTES.png, 'pdf'],
      [PICTURE_BYTES.svg, 'png'],
      [new TextEncoder().encode('#!/bin/sh\nrm -rf ~\n'), 'svg'],
    ] as const) {
      expect(await invoke('picture:save', { bytes, name: `x.${format}`, format }), format).toMatchObject({
        ok: false,
        code: 'not-allowed',
      });
    }
    expect(state.ui.chooseSaveFile).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ['no bytes', { name: 'a.png', format: 'png' }],
    ['bytes as an array', { bytes: [...PICTURE_BYTES.png], name: 'a.png', format: 'png' }],
    ['bytes as text', { bytes: 'PNG', name: 'a.png', format: 'png' }],
    ['empty bytes', { bytes: new Uint8Array(), name: 'a.png', format: 'png' }],
    ['a path for a name', { bytes: PICTURE_BYTES.png, name: '../../.bashrc.png', format: 'png' }],
    ['a name in another format', { bytes: PICTURE_BYTES.png, name: 'a.sh', format: 'png' }],
    ['an extension alone', { bytes: PICTURE_BYTES.png, name: '.png', format: 'png' }],
    ['an unknown format', { bytes: PICTURE_BYTES.png, name: 'a.exe', format: 'exe' }],
    ['an extra key', { bytes: PICTURE_BYTES.png, name: 'a.png', format: 'png', path: '/etc/x.png' }],
  ])('refuses a request with %s, through the router and in the handler itself', async (_what, request) => {
    const { invoke, state } = shell();
    expect(await invoke('picture:save', request)).toMatchObject({ ok: false, code: 'invalid-request' });
    const handlers = new Map<string, (request: unknown, event: InvokeEventLike) => unknown>();
    registerHandlers(
      { channels: new Set(), handle: (channel, handler) => void handlers.set(channel, handler as never) },
      state,
    );
    await expect(
      Promise.resolve().then(() => handlers.get('picture:save')!(request, { senderFrame: { url: APP } })),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    expect(state.ui.chooseSaveFile).not.toHaveBeenCalled();
  });
});

describe('opening a picture', () => {
  const picture = (path: string): OpenedFile => ({ ...opened(path), picture: 'png' });

  it('from the Open dialog: its project goes to the page, the picture not onto the recent list', async () => {
    const { invoke, state, files } = shell();
    files.open.mockResolvedValueOnce(picture('/work/slides.png'));
    expect(await invoke('project:open')).toEqual({ ok: true, value: picture('/work/slides.png') });
    expect(state.recent.add).not.toHaveBeenCalled();
  });

  it('from outside the page (command line, Finder): shown in the page, not added to the recent list', async () => {
    const { state, files } = shell();
    files.openPath.mockResolvedValueOnce(picture('/cli/slides.png'));
    await openFromOutside(state, '/cli/slides.png');
    expect(state.ui.send).toHaveBeenCalledWith('file:opened', picture('/cli/slides.png'));
    expect(state.recent.add).not.toHaveBeenCalled();
  });
});

describe('opening a file named outside the page', () => {
  it('shows it in the page after the prompt', async () => {
    const { state } = shell();
    await openFromOutside(state, '/cli/x.portolan.yaml');
    expect(state.ui.send).toHaveBeenCalledWith('file:opened', opened('/cli/x.portolan.yaml'));
  });

  it('drops a missing recent file from the list and says why', async () => {
    const { state, files } = shell();
    files.openPath.mockRejectedValueOnce(new DocumentFileError('not-found', 'no such file'));
    await openFromOutside(state, '/work/a.portolan.yaml');
    expect(state.recent.remove).toHaveBeenCalledWith('/work/a.portolan.yaml');
    expect(state.ui.showError).toHaveBeenCalledWith('Portolan cannot open a.portolan.yaml.', 'no such file');
    expect(state.ui.send).not.toHaveBeenCalled();
  });
});
