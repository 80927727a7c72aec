import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/index';
import type { DesktopApi } from '../../renderer/src/bridge';
import type { PortolanDesktopApi } from '../../electron/preload/index';

/**
 * Imports the real preload with a fake `electron` module and checks what it exposes: named
 * methods grouped by capability, each bound to one contract channel, and nothing generic.
 */
const electron = vi.hoisted(() => {
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn(async (_channel: string, _request: unknown) => ({ ok: true, value: null })),
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
  await import('../../electron/preload/index');
  api = electron.exposed.get('portolan') as PortolanDesktopApi;
});

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
      recent: ['list'],
      recovery: ['clear', 'journal', 'load'],
      shell: ['openDocs'],
      document: ['onQuery', 'setState'],
      menu: ['onCommand'],
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
      [() => api.recent.list(), 'recent:list', {}],
      [() => api.recovery.load(), 'recovery:load', {}],
      [() => api.recovery.journal('j'), 'recovery:journal', { text: 'j' }],
      [() => api.recovery.clear(), 'recovery:clear', {}],
      [() => api.shell.openDocs('https://docs.nextauth.com/'), 'shell:openDocs', { url: 'https://docs.nextauth.com/' }],
      [() => api.document.setState({ dirty: true, path: null }), 'document:state', { dirty: true, path: null }],
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

  it('matches the API the renderer bridge expects (compile-time)', () => {
    const asBridgeSees: DesktopApi = api;
    expect(asBridgeSees.platform).toBe('desktop');
  });
});
