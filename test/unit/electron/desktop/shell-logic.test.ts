import { describe, expect, it, vi } from 'vitest';
import { fileFromArgv, filesFromArgv, isLaunchData, OpenQueue } from '../../../../electron/node/argv';
import { DOCS_URL, isExternalLinkAllowed } from '../../../../electron/node/external-links';
import { choiceFor, decideUnsaved, unsavedPrompt, type UnsavedPrompt } from '../../../../electron/node/unsaved';
import { parseWindowState, restoreBounds, type Rect } from '../../../../electron/node/window-state';
import { windowTitle } from '../../../../electron/node/window-title';
import { confirmUnsaved, createDocumentQueries } from '../../../../electron/node/document-query';
import type { DocumentSnapshot } from '../../../../shared/ipc/index';

describe('windowTitle', () => {
  it('shows the file name, an unsaved mark, and the app', () => {
    expect(windowTitle('/home/a/acme.portolan.yaml', false)).toBe('acme.portolan.yaml — Portolan');
    expect(windowTitle('/home/a/acme.portolan.yaml', true)).toBe('● acme.portolan.yaml — Portolan');
    expect(windowTitle(null, true)).toBe('● Untitled — Portolan');
    expect(windowTitle(null, false)).toBe('Untitled — Portolan');
  });
});

describe('isExternalLinkAllowed', () => {
  it.each(['https://docs.nextauth.com/', 'https://docs.nextauth.com/server/networking/#ports', DOCS_URL])(
    'opens %s',
    (url) => expect(isExternalLinkAllowed(url)).toBe(true),
  );
  it.each([
    'http://docs.nextauth.com/',
    'https://docs.nextauth.com.evil.com/',
    'https://evil.com/?https://docs.nextauth.com/',
    'https://user@docs.nextauth.com/',
    'https://docs.nextauth.com:8443/',
    'file:///etc/passwd',
    'smb://docs.nextauth.com/share',
    'javascript:alert(1)',
    'ms-settings:',
    'https://hub.docker.com/',
    '',
    'not a url',
  ])('refuses %s', (url) => expect(isExternalLinkAllowed(url)).toBe(false));
});

describe('command line', () => {
  const packaged = { defaultApp: false, cwd: '/home/a' };
  const dev = { defaultApp: true, cwd: '/home/a' };

  it('finds project files, resolving relative ones against the launch folder', () => {
    expect(fileFromArgv(['/opt/Portolan/portolan', 'acme.portolan.yaml'], packaged)).toBe('/home/a/acme.portolan.yaml');
    expect(fileFromArgv(['/opt/Portolan/portolan', '/srv/x.yaml'], packaged)).toBe('/srv/x.yaml');
    expect(fileFromArgv(['electron', '.', 'b.yml'], dev)).toBe('/home/a/b.yml');
  });

  it('skips switches, the app folder in development and files that are not projects', () => {
    expect(fileFromArgv(['electron', '.'], dev)).toBeNull();
    expect(fileFromArgv(['/opt/P/portolan'], packaged)).toBeNull();
    expect(
      fileFromArgv(
        ['/opt/P/portolan', '--no-sandbox', '--inspect=9229', '-psn_0_1234', 'notes.txt', 'x.yaml'],
        packaged,
      ),
    ).toBe('/home/a/x.yaml');
    expect(fileFromArgv(['/opt/P/portolan', '.yaml'], packaged)).toBeNull();
  });

  it('takes a picture too: the project it carries opens', () => {
    expect(fileFromArgv(['/opt/P/portolan', 'slides.PNG'], packaged)).toBe('/home/a/slides.PNG');
    expect(fileFromArgv(['/opt/P/portolan', '/srv/acme.pdf', 'photo.gif'], packaged)).toBe('/srv/acme.pdf');
  });

  it('takes names after -- literally, and the last file when several are given', () => {
    expect(filesFromArgv(['p', '--', '-odd.yaml', 'b.yaml'], packaged)).toEqual([
      '/home/a/-odd.yaml',
      '/home/a/b.yaml',
    ]);
    expect(fileFromArgv(['p', 'a.yaml', 'b.yaml'], packaged)).toBe('/home/a/b.yaml');
  });

  it('accepts a second launch’s forwarded data only in the expected shape', () => {
    expect(isLaunchData({ argv: ['p', 'a.yaml'], cwd: '/x' })).toBe(true);
    expect(isLaunchData({ argv: 'p a.yaml', cwd: '/x' })).toBe(false);
    expect(isLaunchData({ argv: [1], cwd: '/x' })).toBe(false);
    expect(isLaunchData(null)).toBe(false);
  });

  it('queues macOS open-file paths until the window can show them, keeping the last', () => {
    const queue = new OpenQueue();
    queue.push('/a.yaml');
    queue.push('/b.yaml');
    const opened: string[] = [];
    queue.ready((p) => opened.push(p));
    expect(opened).toEqual(['/b.yaml']);
    queue.push('/c.yaml');
    expect(opened).toEqual(['/b.yaml', '/c.yaml']);
    expect(queue.queued).toBeNull();
  });
});

describe('window state', () => {
  const defaults = { width: 1440, height: 900, minWidth: 960, minHeight: 600 };
  const primary: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
  const right: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

  it('reads only well-formed saved state', () => {
    expect(parseWindowState('{"bounds":{"x":10,"y":20,"width":1000,"height":700},"maximized":true}')).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    });
    for (const bad of [
      '',
      '{',
      'null',
      '{"bounds":{"x":"1","y":0,"width":1,"height":1}}',
      '{"bounds":{"x":0,"y":0,"width":0,"height":5}}',
      '{"bounds":{"x":1e300,"y":0,"width":5,"height":5}}',
    ]) {
      expect(parseWindowState(bad)).toBeNull();
    }
  });

  it('centres the default size on the primary display the first time', () => {
    expect(restoreBounds(null, [primary, right], defaults)).toEqual({ x: 240, y: 75, width: 1440, height: 900 });
  });

  it('keeps bounds that are visible, on whichever display', () => {
    const onRight = { bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(restoreBounds(onRight, [primary, right], defaults)).toEqual(onRight.bounds);
  });

  it('brings back a window whose display is gone', () => {
    const onRight = { bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(restoreBounds(onRight, [primary], defaults)).toEqual({ x: 240, y: 75, width: 1440, height: 900 });
    const above = { bounds: { x: 100, y: -2000, width: 1200, height: 800 }, maximized: false };
    expect(restoreBounds(above, [primary], defaults)).toEqual({ x: 240, y: 75, width: 1440, height: 900 });
  });

  it('shrinks and moves a window that hangs over the display edge, respecting the minimum size', () => {
    const big = { bounds: { x: 1400, y: 900, width: 3000, height: 2000 }, maximized: false };
    const laptop: Rect = { x: 0, y: 0, width: 1600, height: 1000 };
    const r = restoreBounds(big, [laptop], defaults);
    expect(r).toEqual({ x: 0, y: 0, width: 1600, height: 1000 });
    const tiny = { bounds: { x: 10, y: 10, width: 100, height: 100 }, maximized: false };
    expect(restoreBounds(tiny, [laptop], defaults)).toEqual({ x: 10, y: 10, width: 960, height: 600 });
  });
});

describe('unsaved-changes prompt', () => {
  it('does not ask when nothing would be lost', () => {
    expect(unsavedPrompt({ dirty: false, canSave: true, name: 'a.yaml' }, 'close')).toBeNull();
    expect(decideUnsaved({ dirty: false, canSave: true, name: null }, null)).toBe('proceed');
  });

  it('offers Save, Don’t Save and Cancel, with Save as the default', () => {
    const prompt = unsavedPrompt({ dirty: true, canSave: true, name: 'acme.portolan.yaml' }, 'open-other');
    expect(prompt).toMatchObject({
      message: 'Save the changes to acme.portolan.yaml before opening another file?',
      buttons: ['Save', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
    });
    expect(unsavedPrompt({ dirty: true, canSave: true, name: null }, 'close')?.message).toBe(
      'Save the changes to this project before closing?',
    );
  });

  it('offers only Don’t Save and Cancel when the page could not hand over its text', () => {
    const prompt = unsavedPrompt({ dirty: true, canSave: false, name: null }, 'close');
    expect(prompt?.buttons).toEqual(["Don't Save", 'Cancel']);
    expect(prompt?.cancelId).toBe(1);
  });

  it('maps answers to decisions; a closed dialog is Cancel', () => {
    const status = { dirty: true, canSave: true, name: null };
    const prompt = unsavedPrompt(status, 'close');
    if (prompt === null) throw new Error('expected a prompt');
    expect(decideUnsaved(status, choiceFor(prompt, 0))).toBe('save-then-proceed');
    expect(decideUnsaved(status, choiceFor(prompt, 1))).toBe('proceed');
    expect(decideUnsaved(status, choiceFor(prompt, 2))).toBe('stay');
    expect(decideUnsaved(status, choiceFor(prompt, 7))).toBe('stay');
    expect(decideUnsaved({ ...status, canSave: false }, 'save')).toBe('stay');
  });
});

describe('asking the page before closing (confirmUnsaved)', () => {
  const snapshot = (over: Partial<DocumentSnapshot> = {}): DocumentSnapshot => ({
    requestId: 'r',
    dirty: true,
    text: 'T',
    suggestedName: 'a.portolan.yaml',
    path: null,
    ...over,
  });
  const flow = (answer: DocumentSnapshot | null, button: number, saved = true) => ({
    reason: 'close' as const,
    queries: { request: () => Promise.resolve(answer) },
    lastKnownDirty: true,
    ask: vi.fn((_prompt: UnsavedPrompt) => Promise.resolve(button)),
    save: vi.fn(() => Promise.resolve(saved)),
    displayName: () => 'a.portolan.yaml',
  });

  it('closes a clean document without asking', async () => {
    const f = flow(snapshot({ dirty: false }), 0);
    expect(await confirmUnsaved(f)).toEqual({ proceed: true, answered: true });
    expect(f.ask).not.toHaveBeenCalled();
  });

  it('saves the page’s text when the user picks Save, and stays when the save is cancelled', async () => {
    const f = flow(snapshot(), 0);
    expect(await confirmUnsaved(f)).toEqual({ proceed: true, answered: true });
    expect(f.save).toHaveBeenCalledWith(snapshot());
    expect(await confirmUnsaved(flow(snapshot(), 0, false))).toEqual({ proceed: false, answered: true });
  });

  it('stays on Cancel and proceeds on Don’t Save', async () => {
    expect((await confirmUnsaved(flow(snapshot(), 2))).proceed).toBe(false);
    expect((await confirmUnsaved(flow(snapshot(), 1))).proceed).toBe(true);
  });

  it('asks (without Save) when the page does not answer but last said it was dirty', async () => {
    const f = flow(null, 0);
    expect(await confirmUnsaved(f)).toEqual({ proceed: true, answered: false });
    expect(f.ask.mock.calls[0]?.[0]).toMatchObject({ buttons: ["Don't Save", 'Cancel'] });
  });

  it('matches answers to questions by request id, and times out', async () => {
    vi.useFakeTimers();
    try {
      const sent: string[] = [];
      const queries = createDocumentQueries({ send: (id) => sent.push(id), timeoutMs: 1000 });
      const first = queries.request();
      expect(queries.answer(snapshot({ requestId: 'stranger' }))).toBe(false);
      expect(queries.answer(snapshot({ requestId: sent[0] as string, text: 'mine' }))).toBe(true);
      await expect(first).resolves.toMatchObject({ text: 'mine' });
      const second = queries.request();
      vi.advanceTimersByTime(1000);
      await expect(second).resolves.toBeNull();
      expect(queries.answer(snapshot({ requestId: sent[1] as string }))).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
