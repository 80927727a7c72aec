import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EVENT_GUARDS,
  INVOKE_CHANNELS,
  REQUEST_GUARDS,
  type EventChannel,
  type InvokeChannel,
} from '../../../../shared/ipc/index';
import { createDesktopBridge, type DesktopApi } from '../../../../renderer/src/bridge';
import type { PortolanDesktopApi } from '../../../../electron/preload/index';

/**
 * Imports the real preload with a fake `electron` module and checks what it exposes: named
 * methods grouped by capability, each bound to one contract channel, and nothing generic.
 */
const electron = vi.hoisted(() => {
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn(async (_channel: string, _request: unknown): Promise<{ ok: true; value: unknown }> => ({
      ok: true,
      value: null,
    })),
    emit(channel: string, payload: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'secret' }, payload);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: unknown) =>
      electron.listeners.set(
        channel,
        (electron.listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  },
  webUtils: { getPathForFile: (file: { fakePath?: string }) => file.fakePath ?? '' },
}));

let api: PortolanDesktopApi;
beforeAll(async () => {
  await import('../../../../electron/preload/index');
  api = electron.exposed.get('portolan') as PortolanDesktopApi;
});

// The preload's API must also be what the renderer bridge is typed against (compile time);
// the bridge test below proves it at run time.
const _sameShape: (api: PortolanDesktopApi) => DesktopApi = (api) => api;

/** The shape as data: group → sorted method names. */
function shape(value: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'object' && v !== null ? Object.keys(v).sort() : typeof v]),
  );
}

describe('preload API', () => {
  it('exposes exactly one object, window.portolan', () => {
    expect([...electron.exposed.keys()]).toEqual(['portolan']);
  });

  it('has named methods grouped by capability, and nothing else', () => {
    expect(shape(api)).toEqual({
      platform: 'string',
      project: ['onChangedOnDisk', 'onOpened', 'open', 'openDropped', 'openRecent', 'save', 'saveAs'],
      export: ['saveAll'],
      picture: ['save'],
      recent: ['list'],
      recovery: ['clear', 'journal', 'load'],
      shell: ['openDocs'],
      document: ['onQuery', 'setState'],
      menu: ['onCommand', 'setActions'],
      import: ['choose', 'run'],
    });
    expect(api.platform).toBe('desktop');
  });

  it('is frozen, top to bottom', () => {
    expect(Object.isFrozen(api)).toBe(true);
    for (const group of Object.values(api)) if (typeof group === 'object') expect(Object.isFrozen(group)).toBe(true);
  });

  it('has no generic invoke, send or on', () => {
    const names = Object.values(api).flatMap((g) => (typeof g === 'object' ? Object.keys(g) : []));
    expect(names.filter((n) => /^(invoke|send|sendSync|on|once|emit)$/i.test(n))).toEqual([]);
  });

  it('binds each method to its contract channel with the request the contract expects', async () => {
    const calls: [() => Promise<unknown>, string, unknown][] = [
      [() => api.project.open(), 'project:open', {}],
      [() => api.project.openRecent('/r.yaml'), 'project:openRecent', { path: '/r.yaml' }],
      [() => api.project.save({ text: 't', path: '/p.yaml' }), 'project:save', { text: 't', path: '/p.yaml' }],
      [() => api.project.saveAs({ text: 't' }), 'project:saveAs', { text: 't' }],
      [() => api.export.saveAll({ files: [], folderName: 'f' }), 'export:saveAll', { files: [], folderName: 'f' }],
      [
        () => api.picture.save({ bytes: new Uint8Array([1]), name: 'a.png', format: 'png' }),
        'picture:save',
        { bytes: new Uint8Array([1]), name: 'a.png', format: 'png' },
      ],
      [() => api.recent.list(), 'recent:list', {}],
      [() => api.recovery.load(), 'recovery:load', {}],
      [() => api.recovery.journal('j'), 'recovery:journal', { text: 'j' }],
      [() => api.recovery.clear(), 'recovery:clear', {}],
      [() => api.shell.openDocs('https://docs.nextauth.com/'), 'shell:openDocs', { url: 'https://docs.nextauth.com/' }],
      [() => api.document.setState({ dirty: true, path: null }), 'document:state', { dirty: true, path: null }],
      [() => api.menu.setActions(['save', 'undo']), 'menu:setActions', { ids: ['save', 'undo'] }],
      [() => api.import.choose('env'), 'import:choose', { role: 'env' }],
      [
        () => api.import.run({ compose: ['/a/compose.yml'], envFiles: [], proxyConfigs: [], profiles: ['debug'] }),
        'import:run',
        { compose: ['/a/compose.yml'], envFiles: [], proxyConfigs: [], profiles: ['debug'] },
      ],
    ];
    for (const [call, channel, request] of calls) {
      electron.invoke.mockClear();
      await call();
      expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(channel, request);
      expect(INVOKE_CHANNELS).toContain(channel);
    }
  });

  it('resolves a dropped file’s path itself (a page cannot name one)', async () => {
    electron.invoke.mockClear();
    await api.project.openDropped({ fakePath: '/home/a/x.portolan.yaml' } as unknown as File);
    expect(electron.invoke).toHaveBeenCalledWith('project:openDropped', { path: '/home/a/x.portolan.yaml' });
  });

  it('resolves the paths of files dropped for an import itself', async () => {
    electron.invoke.mockClear();
    const dropped = { fakePath: '/home/a/docker-compose.yml' } as unknown as File;
    await api.import.run({ compose: [dropped], envFiles: ['/home/a/.env'], proxyConfigs: [], profiles: [] });
    expect(electron.invoke).toHaveBeenCalledWith('import:run', {
      compose: ['/home/a/docker-compose.yml'],
      envFiles: ['/home/a/.env'],
      proxyConfigs: [],
      profiles: [],
    });
  });

  it('hands event payloads to the page without Electron’s event object', () => {
    const seen: unknown[] = [];
    const off = api.menu.onCommand((command) => seen.push(command));
    electron.emit('menu:command', { command: 'save' });
    off();
    electron.emit('menu:command', { command: 'undo' });
    expect(seen).toEqual(['save']);

    const changed: unknown[] = [];
    api.project.onChangedOnDisk((...args) => changed.push(args));
    electron.emit('file:changedOnDisk', { path: '/a.yaml', name: 'a.yaml' });
    expect(changed).toEqual([[{ path: '/a.yaml', name: 'a.yaml' }]]);
  });

  it('keeps a file main opened before the page subscribed', async () => {
    electron.emit('file:opened', { name: 'early.yaml', path: '/early.yaml', text: 'x' });
    const seen: unknown[] = [];
    api.project.onOpened((file) => seen.push(file));
    await Promise.resolve();
    expect(seen).toEqual([{ name: 'early.yaml', path: '/early.yaml', text: 'x' }]);
  });

  it('answers a document query through document:snapshot with the request id', async () => {
    electron.invoke.mockClear();
    api.document.onQuery(() => ({ dirty: true, text: 'doc', suggestedName: 'a.portolan.yaml', path: null }));
    electron.emit('document:query', { requestId: 'q1' });
    await vi.waitFor(() =>
      expect(electron.invoke).toHaveBeenCalledWith('document:snapshot', {
        requestId: 'q1',
        dirty: true,
        text: 'doc',
        suggestedName: 'a.portolan.yaml',
        path: null,
      }),
    );
  });

  it('carries every bridge operation to its contract channel at run time', async () => {
    // The real renderer bridge over the real preload: a method renamed, missing or bound to
    // another channel on either side fails here when it runs, not only in the compiler.
    const answers: Record<string, unknown> = {
      'project:open': { name: 'a.portolan.yaml', path: '/w/a.portolan.yaml', text: 'A' },
      'project:openRecent': { name: 'r.yaml', path: '/w/r.yaml', text: 'R' },
      'project:openDropped': { name: 'd.yaml', path: '/w/d.yaml', text: 'D' },
      'project:save': { name: 'a.portolan.yaml', path: '/w/a.portolan.yaml' },
      'export:saveAll': { kind: 'saved', saved: '/w/out/acme', files: ['docker-compose.yml'], env: null },
      'picture:save': { name: 'slides.png', path: '/w/slides.png' },
      'recent:list': ['/w/a.portolan.yaml'],
      'recovery:load': { text: 'J', savedAt: 1 },
    };
    electron.invoke.mockReset();
    electron.invoke.mockImplementation(async (channel: string) => ({ ok: true, value: answers[channel] ?? null }));
    const bridge = createDesktopBridge(api);
    await bridge.whenReady?.();
    expect(bridge.autosave.load()).toBe('J');
    expect(bridge.recent.list()).toEqual(['/w/a.portolan.yaml']);

    expect(await bridge.openProjectFile()).toEqual({ name: 'a.portolan.yaml', text: 'A' });
    expect(await bridge.saveProjectFile('t', 'a.portolan.yaml', 'a.portolan.yaml')).toBe('a.portolan.yaml');
    expect(
      await bridge.saveExport([{ path: 'docker-compose.yml', contents: 'x', mode: 0o644 }], 'acme-deployment'),
    ).toEqual({ kind: 'saved', saved: '/w/out/acme', files: ['docker-compose.yml'], env: null });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(await bridge.savePicture({ bytes: png, name: 'acme@2x.png', format: 'png', type: 'image/png' })).toBe(
      'slides.png',
    );
    expect(await bridge.openRecentFile?.('/w/r.yaml')).toEqual({ name: 'r.yaml', text: 'R' });
    expect(await bridge.reloadFile?.('r.yaml')).toEqual({ name: 'r.yaml', text: 'R' });
    expect(await bridge.openDroppedFile?.({ fakePath: '/w/d.yaml' } as unknown as File)).toEqual({
      name: 'd.yaml',
      text: 'D',
    });
    bridge.autosave.save('journal');
    bridge.autosave.clear();
    bridge.reportState?.({ dirty: true, fileName: 'a.portolan.yaml' });
    bridge.offerMenuCommands?.(['save', 'save-as', 'fit-view']);
    await bridge.openDocs?.('https://docs.nextauth.com/');
    await vi.waitFor(() => expect(electron.invoke).toHaveBeenCalledWith('recovery:clear', {}));

    const calls = electron.invoke.mock.calls.map(([channel, request]) => [channel, request]);
    expect(calls).toEqual(
      expect.arrayContaining([
        ['project:open', {}],
        ['project:save', { text: 't', path: '/w/a.portolan.yaml', suggestedName: 'a.portolan.yaml' }],
        [
          'export:saveAll',
          { files: [{ path: 'docker-compose.yml', contents: 'x', mode: 0o644 }], folderName: 'acme-deployment' },
        ],
        ['picture:save', { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), name: 'acme@2x.png', format: 'png' }],
        ['project:openRecent', { path: '/w/r.yaml' }],
        ['project:openDropped', { path: '/w/d.yaml' }],
        ['recovery:load', {}],
        ['recovery:journal', { text: 'journal' }],
        ['recovery:clear', {}],
        ['recent:list', {}],
        ['document:state', { dirty: true, path: '/w/a.portolan.yaml' }],
        ['shell:openDocs', { url: 'https://docs.nextauth.com/' }],
        ['menu:setActions', { ids: ['save', 'save-as', 'fit-view'] }],
      ]),
    );
    for (const [channel, request] of calls) {
      expect(INVOKE_CHANNELS).toContain(channel);
      // Each request the bridge sends through the preload is one main would accept.
      expect(REQUEST_GUARDS[channel as InvokeChannel](request), String(channel)).toBe(true);
    }

    // And the events back: menu commands, files main opened, external changes, document queries.
    const seen: unknown[] = [];
    const offs = [
      bridge.onMenuCommand?.((command) => seen.push(['menu', command])),
      bridge.onOpenFile?.((file) => seen.push(['opened', file])),
      bridge.onExternalChange?.((file) => seen.push(['changed', file])),
      bridge.provideDocument?.(() => ({
        dirty: true,
        text: 'doc',
        fileName: 'a.portolan.yaml',
        suggestedName: 'a.portolan.yaml',
      })),
    ];
    expect(offs.every((off) => typeof off === 'function')).toBe(true);
    electron.emit('menu:command', { command: 'export' });
    electron.emit('file:opened', { name: 'o.yaml', path: '/w/o.yaml', text: 'O' });
    electron.emit('file:changedOnDisk', { path: '/w/o.yaml', name: 'o.yaml' });
    electron.emit('document:query', { requestId: 'q9' });
    expect(seen).toEqual([
      ['menu', 'export'],
      ['opened', { name: 'o.yaml', text: 'O' }],
      ['changed', { name: 'o.yaml' }],
    ]);
    await vi.waitFor(() =>
      expect(electron.invoke).toHaveBeenCalledWith('document:snapshot', {
        requestId: 'q9',
        dirty: true,
        text: 'doc',
        suggestedName: 'a.portolan.yaml',
        path: '/w/a.portolan.yaml',
      }),
    );
    for (const off of offs) off?.();
    electron.invoke.mockImplementation(async () => ({ ok: true, value: null }));
  });
});

describe('preload event guards', () => {
  // Each main→page event passes its contract guard (EVENT_GUARDS) before the page sees it.
  it.each<[EventChannel, unknown]>([
    ['menu:command', { command: 'rm -rf /' }],
    ['menu:command', { command: 'save', extra: true }],
    ['menu:command', 'save'],
    ['menu:command', null],
    ['file:changedOnDisk', { path: '/a.yaml', name: '../a' }],
    ['file:changedOnDisk', { path: '', name: 'a.yaml' }],
    ['file:changedOnDisk', { path: '/a.yaml' }],
    ['document:query', { requestId: '' }],
    ['document:query', { requestId: 'x'.repeat(65) }],
    ['document:query', undefined],
  ])('drops a malformed %s payload (%j)', async (channel, payload) => {
    expect(EVENT_GUARDS[channel](payload)).toBe(false);
    const seen: unknown[] = [];
    electron.invoke.mockClear();
    const offs = [
      api.menu.onCommand((command) => seen.push(command)),
      api.project.onChangedOnDisk((file) => seen.push(file)),
      api.document.onQuery(() => {
        seen.push('queried');
        return { dirty: false, text: null, suggestedName: null, path: null };
      }),
    ];
    electron.emit(channel, payload);
    await Promise.resolve();
    await Promise.resolve();
    offs.forEach((off) => off());
    expect(seen).toEqual([]);
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('delivers the same events when well-formed (so the guard is what dropped them)', async () => {
    const seen: unknown[] = [];
    electron.invoke.mockClear();
    const offs = [
      api.menu.onCommand((command) => seen.push(command)),
      api.project.onChangedOnDisk((file) => seen.push(file)),
      api.document.onQuery(() => ({ dirty: false, text: null, suggestedName: null, path: null })),
    ];
    electron.emit('menu:command', { command: 'save' });
    electron.emit('file:changedOnDisk', { path: '/a.yaml', name: 'a.yaml' });
    electron.emit('document:query', { requestId: 'ok' });
    await vi.waitFor(() => expect(electron.invoke).toHaveBeenCalledWith('document:snapshot', expect.anything()));
    offs.forEach((off) => off());
    expect(seen).toEqual(['save', { path: '/a.yaml', name: 'a.yaml' }]);
  });

  it('neither delivers nor keeps a malformed opened file', async () => {
    for (const bad of [
      { name: 'a/b.yaml', path: '/a.yaml', text: 'x' },
      { name: 'a.yaml', path: '/a.yaml', text: 'x', extra: 1 },
      { name: 'a.yaml', path: '/a.yaml', text: 'x'.repeat(5 * 1024 * 1024 + 1) },
      { name: 'a.yaml', path: '', text: 'x' },
      'a.yaml',
    ]) {
      expect(EVENT_GUARDS['file:opened'](bad)).toBe(false);
      electron.emit('file:opened', bad);
    }
    const seen: unknown[] = [];
    const off = api.project.onOpened((file) => seen.push(file));
    electron.emit('file:opened', { name: 'bad', path: '/bad', text: 1 });
    await Promise.resolve();
    expect(seen).toEqual([]);
    electron.emit('file:opened', { name: 'good.yaml', path: '/good.yaml', text: 'g' });
    expect(seen).toEqual([{ name: 'good.yaml', path: '/good.yaml', text: 'g' }]);
    off();
  });
});
