import { describe, expect, it, vi } from 'vitest';
import { createDesktopBridge, HostError, type DesktopApi } from '../../../../renderer/src/bridge';

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

/** A fake preload API: every method a spy with a sensible answer, overridable per test. */
function fakeApi(overrides: { [K in keyof DesktopApi]?: Partial<DesktopApi[K]> } = {}) {
  const handlers: Record<string, (payload: never) => void> = {};
  const api = {
    platform: 'desktop' as const,
    project: {
      open: vi.fn(() => ok({ name: 'a.portolan.yaml', path: '/w/a.portolan.yaml', text: 'A' })),
      openRecent: vi.fn((path: string) => ok({ name: 'r.yaml', path, text: 'R' })),
      openDropped: vi.fn(() => ok({ name: 'd.yaml', path: '/w/d.yaml', text: 'D' })),
      save: vi.fn((req: { path?: string }) =>
        ok({ name: 'a.portolan.yaml', path: req.path ?? '/w/new.portolan.yaml' }),
      ),
      saveAs: vi.fn(() => ok({ name: 'b.yaml', path: '/w/b.yaml' })),
      onOpened: vi.fn((h: (payload: never) => void) => ((handlers.opened = h), () => undefined)),
      onChangedOnDisk: vi.fn((h: (payload: never) => void) => ((handlers.changed = h), () => undefined)),
      ...overrides.project,
    },
    export: {
      saveAll: vi.fn(() => ok({ kind: 'saved' as const, saved: '/w/out/acme', files: ['.env'], env: null })),
      ...overrides.export,
    },
    picture: {
      save: vi.fn((): ReturnType<DesktopApi['picture']['save']> => ok({ name: 'slides.png', path: '/w/slides.png' })),
      ...overrides.picture,
    },
    recent: { list: vi.fn(() => ok(['/w/a.portolan.yaml', '/x/b.yaml'])), ...overrides.recent },
    recovery: {
      load: vi.fn(() => ok({ text: '{"text":"J"}', savedAt: 1 })),
      journal: vi.fn(() => ok(null)),
      clear: vi.fn(() => ok(null)),
      ...overrides.recovery,
    },
    shell: { openDocs: vi.fn(() => ok(null)), ...overrides.shell },
    document: {
      setState: vi.fn(() => ok(null)),
      onQuery: vi.fn((p: () => unknown) => ((handlers.query = p as never), () => undefined)),
      ...overrides.document,
    },
    menu: {
      onCommand: vi.fn((h: (payload: never) => void) => ((handlers.menu = h), () => undefined)),
      setActions: vi.fn(() => ok(null)),
      ...overrides.menu,
    },
  };
  return { api: api as DesktopApi & typeof api, handlers };
}

describe('createDesktopBridge', () => {
  it('loads the crash journal and the recent list before the first render', async () => {
    const { api } = fakeApi();
    const bridge = createDesktopBridge(api);
    expect(bridge.platform).toBe('desktop');
    await bridge.whenReady?.();
    expect(bridge.autosave.load()).toBe('{"text":"J"}');
    expect(bridge.recent.list()).toEqual(['/w/a.portolan.yaml', '/x/b.yaml']);
  });

  it('is ready even when the host fails to answer', async () => {
    const failing = () => Promise.resolve({ ok: false as const, code: 'io' as const, message: 'x' });
    const { api } = fakeApi({ recovery: { load: failing }, recent: { list: failing } });
    const bridge = createDesktopBridge(api);
    await bridge.whenReady?.();
    expect(bridge.autosave.load()).toBeNull();
    expect(bridge.recent.list()).toEqual([]);
  });

  it('opens through main and saves back to the same file by its name', async () => {
    const { api } = fakeApi();
    const bridge = createDesktopBridge(api);
    expect(await bridge.openProjectFile()).toEqual({ name: 'a.portolan.yaml', text: 'A' });
    expect(await bridge.saveProjectFile('A2', 'x.portolan.yaml', 'a.portolan.yaml')).toBe('a.portolan.yaml');
    expect(api.project.save).toHaveBeenLastCalledWith({
      text: 'A2',
      path: '/w/a.portolan.yaml',
      suggestedName: 'x.portolan.yaml',
    });
  });

  it('asks where to save when the name is not a file main handed out (Save As)', async () => {
    const { api } = fakeApi();
    const bridge = createDesktopBridge(api);
    await bridge.saveProjectFile('T', 'acme.portolan.yaml');
    expect(api.project.save).toHaveBeenLastCalledWith({ text: 'T', suggestedName: 'acme.portolan.yaml' });
    await bridge.saveProjectFile('T', 'acme.portolan.yaml', 'never-opened.yaml');
    expect(api.project.save).toHaveBeenLastCalledWith({ text: 'T', suggestedName: 'acme.portolan.yaml' });
  });

  it('drops a suggested name main would refuse instead of failing the save', async () => {
    const { api } = fakeApi();
    await createDesktopBridge(api).saveProjectFile('T', '../evil/a.yaml');
    expect(api.project.save).toHaveBeenLastCalledWith({ text: 'T' });
  });

  it('returns null when the user cancels', async () => {
    const { api } = fakeApi({ project: { open: () => ok(null), save: () => ok(null) } });
    const bridge = createDesktopBridge(api);
    expect(await bridge.openProjectFile()).toBeNull();
    expect(await bridge.saveProjectFile('T', 'a.yaml')).toBeNull();
  });

  it('rejects with the host’s error code', async () => {
    const { api } = fakeApi({
      project: { open: () => Promise.resolve({ ok: false as const, code: 'too-large' as const, message: 'big' }) },
    });
    const error = await createDesktopBridge(api)
      .openProjectFile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'too-large', message: 'big' });
  });

  it('saves the export through main', async () => {
    const { api } = fakeApi();
    const files = [{ path: '.env', contents: 'A=1\n', mode: 0o600 }];
    expect(await createDesktopBridge(api).saveExport(files, 'acme')).toEqual({
      kind: 'saved',
      saved: '/w/out/acme',
      files: ['.env'],
      env: null,
    });
    expect(api.export.saveAll).toHaveBeenCalledWith({ files, folderName: 'acme' });
  });

  it('refuses an export answer that carries more than names', async () => {
    const env = { kept: 1, generated: ['A=secret'], asked: [], restored: [], unused: [], unfilled: [], differs: [] };
    const { api } = fakeApi({
      export: { saveAll: vi.fn(() => ok({ kind: 'saved' as const, saved: '/w/out/acme', files: ['.env'], env })) },
    });
    await expect(createDesktopBridge(api).saveExport([], 'acme')).rejects.toMatchObject({ code: 'invalid-response' });
  });

  it('journals and clears recovery through main, without throwing on failure', async () => {
    const { api } = fakeApi({ recovery: { journal: vi.fn(() => Promise.reject(new Error('gone'))) } });
    const bridge = createDesktopBridge(api);
    await bridge.whenReady?.();
    expect(() => bridge.autosave.save('text')).not.toThrow();
    expect(api.recovery.journal).toHaveBeenCalledWith('text');
    bridge.autosave.clear();
    expect(api.recovery.clear).toHaveBeenCalled();
    expect(bridge.autosave.load()).toBeNull();
  });

  it('opens recent and dropped files', async () => {
    const { api } = fakeApi();
    const bridge = createDesktopBridge(api);
    expect(await bridge.openRecentFile?.('/x/b.yaml')).toEqual({ name: 'r.yaml', text: 'R' });
    expect(api.project.openRecent).toHaveBeenCalledWith('/x/b.yaml');
    const file = {} as File;
    expect(await bridge.openDroppedFile?.(file)).toEqual({ name: 'd.yaml', text: 'D' });
    expect(api.project.openDropped).toHaveBeenCalledWith(file);
  });

  it('saves a picture through main, which asks where; the picture is not a file a Save goes back to', async () => {
    const { api } = fakeApi();
    const bridge = createDesktopBridge(api);
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(await bridge.savePicture({ bytes, name: 'acme@2x.png', format: 'png', type: 'image/png' })).toBe(
      'slides.png',
    );
    expect(api.picture.save).toHaveBeenCalledWith({ bytes, name: 'acme@2x.png', format: 'png' });
    await bridge.saveProjectFile('T', 'acme.portolan.yaml', 'slides.png');
    expect(api.project.save).toHaveBeenLastCalledWith({ text: 'T', suggestedName: 'acme.portolan.yaml' });

    vi.mocked(api.picture.save).mockReturnValueOnce(ok(null));
    expect(await bridge.savePicture({ bytes, name: 'a.png', format: 'png', type: 'image/png' })).toBeNull();
    vi.mocked(api.picture.save).mockReturnValueOnce(
      Promise.resolve({ ok: false, code: 'io', message: 'the disk is full' }),
    );
    await expect(bridge.savePicture({ bytes, name: 'a.png', format: 'png', type: 'image/png' })).rejects.toMatchObject({
      code: 'io',
      message: 'the disk is full',
    });
  });

  it('opens the project a picture carries as new work: never saved back to the picture', async () => {
    const picture = { name: 'slides.png', path: '/w/slides.png', text: 'P', picture: 'png' as const };
    const { api, handlers } = fakeApi({
      project: { open: vi.fn(() => ok(picture)), openRecent: vi.fn(() => ok(picture)) },
    });
    const bridge = createDesktopBridge(api);
    expect(await bridge.openProjectFile()).toEqual({ name: 'slides.png', text: 'P', fromPicture: true });
    expect(await bridge.openRecentFile?.('/w/slides.png')).toEqual({
      name: 'slides.png',
      text: 'P',
      fromPicture: true,
    });
    const seen: unknown[] = [];
    bridge.onOpenFile?.((f) => seen.push(f));
    handlers.opened?.(picture as never);
    expect(seen).toEqual([{ name: 'slides.png', text: 'P', fromPicture: true }]);
    // Neither a Save nor the window title ever names the picture's path.
    await bridge.saveProjectFile('T', 'acme.portolan.yaml', 'slides.png');
    expect(api.project.save).toHaveBeenLastCalledWith({ text: 'T', suggestedName: 'acme.portolan.yaml' });
    bridge.reportState?.({ dirty: true, fileName: 'slides.png' });
    expect(api.document.setState).toHaveBeenLastCalledWith({ dirty: true, path: null });
    expect(await bridge.reloadFile?.('slides.png')).toBeNull();
  });

  it('reloads a file it knows by name from its path, and nothing it does not know', async () => {
    const { api } = fakeApi();
    const bridge = createDesktopBridge(api);
    expect(await bridge.reloadFile?.('a.portolan.yaml')).toBeNull();
    expect(api.project.openRecent).not.toHaveBeenCalled();
    await bridge.openProjectFile(); // a.portolan.yaml ← /w/a.portolan.yaml
    expect(await bridge.reloadFile?.('a.portolan.yaml')).toEqual({ name: 'r.yaml', text: 'R' });
    expect(api.project.openRecent).toHaveBeenCalledWith('/w/a.portolan.yaml');
  });

  it('passes menu commands, files main opened and external changes to the editor', async () => {
    const { api, handlers } = fakeApi();
    const bridge = createDesktopBridge(api);
    const seen: unknown[] = [];
    bridge.onMenuCommand?.((c) => seen.push(['menu', c]));
    bridge.onOpenFile?.((f) => seen.push(['open', f]));
    bridge.onExternalChange?.((f) => seen.push(['changed', f]));
    handlers.menu?.('undo' as never);
    handlers.opened?.({ name: 'c.yaml', path: '/c/c.yaml', text: 'C' } as never);
    handlers.changed?.({ name: 'c.yaml', path: '/c/c.yaml' } as never);
    expect(seen).toEqual([
      ['menu', 'undo'],
      ['open', { name: 'c.yaml', text: 'C' }],
      ['changed', { name: 'c.yaml' }],
    ]);
    // A file main opened is saved back to its own path.
    await bridge.saveProjectFile('C2', 'c.yaml', 'c.yaml');
    expect(api.project.save).toHaveBeenLastCalledWith({ text: 'C2', path: '/c/c.yaml', suggestedName: 'c.yaml' });
  });

  it('tells main which menu actions the page runs; a refused report changes nothing for the page', async () => {
    const refused = vi.fn(() =>
      Promise.resolve({ ok: false as const, code: 'invalid-request' as const, message: 'x' }),
    );
    const { api } = fakeApi({ menu: { setActions: refused } });
    const bridge = createDesktopBridge(api);
    const ids = ['save', 'undo'] as const;
    expect(() => bridge.offerMenuCommands?.(ids)).not.toThrow();
    expect(refused).toHaveBeenCalledWith(['save', 'undo']);
    // A copy: the page's list is not handed to the host to keep.
    expect((refused.mock.calls[0] as unknown[])[0]).not.toBe(ids);
  });

  it('reports state and answers document queries with main’s paths', async () => {
    const { api, handlers } = fakeApi();
    const bridge = createDesktopBridge(api);
    await bridge.openProjectFile();
    bridge.reportState?.({ dirty: true, fileName: 'a.portolan.yaml' });
    expect(api.document.setState).toHaveBeenCalledWith({ dirty: true, path: '/w/a.portolan.yaml' });
    bridge.reportState?.({ dirty: false, fileName: null });
    expect(api.document.setState).toHaveBeenLastCalledWith({ dirty: false, path: null });

    bridge.provideDocument?.(() => ({
      dirty: true,
      text: 'T',
      fileName: 'a.portolan.yaml',
      suggestedName: 'a.portolan.yaml',
    }));
    const answer = (handlers.query as unknown as () => unknown)();
    expect(answer).toEqual({ dirty: true, text: 'T', path: '/w/a.portolan.yaml', suggestedName: 'a.portolan.yaml' });
  });

  it('opens documentation links through main', async () => {
    const { api } = fakeApi();
    await createDesktopBridge(api).openDocs?.('https://docs.nextauth.com/server/');
    expect(api.shell.openDocs).toHaveBeenCalledWith('https://docs.nextauth.com/server/');
  });
});
