/**
 * End-to-end: the built editor as the desktop app runs it, with a stand-in for the preload API
 * (`window.portolan`, the same shape electron/preload exposes; test/desktop/preload.test.ts
 * pins that shape). Electron cannot start on these machines, so this proves the renderer half
 * of the desktop shell: menu commands, files the host opens, the dirty state it is told, the
 * document it can ask for, the recovery journal, recent files, external changes and errors.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MENU_ACTION_IDS } from '../../shared/actions/menu';
import { projectFromSvg } from '../../shared/render/svg-embed';
import { TEMPLATES } from '../../shared/templates/index';
import { needChromium, saveScreenshot, type WatchedPage, showPanel } from '../support/browser';
import { axeViolations } from '../support/axe';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();
const MANUAL = TEMPLATES.find((t) => t.id === 'manual')!.text;

interface HostLog {
  calls: [string, unknown][];
  handlers: Record<string, (payload: unknown) => unknown>;
  /** When set, the next export:saveAll fails with this code (as main reports a writer failure). */
  failExport?: string;
}

/** Installs the stand-in preload API before the page's scripts run. */
function fakePreload(setup: { manual: string; journal: string | null; failSave: boolean }) {
  const log: HostLog = { calls: [], handlers: {} };
  (window as unknown as { __host: HostLog }).__host = log;
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  const record = (name: string, payload: unknown = null) => log.calls.push([name, payload]);
  const file = (path: string, text: string) => ({ name: path.split('/').pop(), path, text });
  const on = (name: string) => (handler: (payload: unknown) => unknown) => {
    log.handlers[name] = handler;
    return () => delete log.handlers[name];
  };
  (window as unknown as { portolan: unknown }).portolan = Object.freeze({
    platform: 'desktop',
    project: {
      open: () => (record('open'), ok(file('/work/acme.portolan.yaml', setup.manual))),
      openRecent: (path: string) => (record('openRecent', path), ok(file(path, setup.manual))),
      openDropped: (dropped: File) => (
        record('openDropped', dropped.name),
        ok(file(`/drop/${dropped.name}`, setup.manual))
      ),
      save: (request: { text: string; path?: string }) => {
        record('save', request);
        return setup.failSave
          ? Promise.resolve({ ok: false, code: 'io', message: 'the disk is full' })
          : ok({
              name: (request.path ?? '/work/new.portolan.yaml').split('/').pop(),
              path: request.path ?? '/work/new.portolan.yaml',
            });
      },
      saveAs: () => ok(null),
      onOpened: on('opened'),
      onChangedOnDisk: on('changed'),
    },
    export: {
      // Like main: the chosen folder (/work/out) holds this export, so the first answer asks;
      // sent again with replaceIn, the export is written and the .env merge reported by name.
      saveAll: (request: { files: { path: string }[]; folderName: string; replaceIn?: string }) => {
        record('saveAll', request);
        const target = `/work/out/${request.folderName}`;
        if (log.failExport !== undefined) {
          const code = log.failExport;
          delete log.failExport;
          return Promise.resolve({ ok: false, code, message: `${code}: no space left on device while writing .env` });
        }
        if (request.replaceIn === undefined) {
          return ok({ kind: 'exists', folder: '/work/out', target, existing: ['.env', 'docker-compose.yml'] });
        }
        return ok({
          kind: 'saved',
          saved: target,
          files: request.files.map((f) => f.path),
          env: {
            kept: 7,
            generated: ['MYSQL_PASSWORD'],
            asked: ['NEXTAUTH_LICENSE'],
            restored: [],
            unused: ['OLD_VAR'],
            unfilled: ['NEXTAUTH_LICENSE'],
            differs: [],
          },
        });
      },
    },
    picture: {
      // Like main: the user picks /work/slides.<format> in the save dialog and the bytes are written there.
      save: (request: { bytes: Uint8Array; name: string; format: string }) => {
        const { bytes, name, format } = request;
        const svg = format === 'svg' ? new TextDecoder().decode(bytes) : null;
        record('savePicture', { name, format, isBytes: bytes instanceof Uint8Array, size: bytes.length, svg });
        return ok({ name: `slides.${format}`, path: `/work/slides.${format}` });
      },
    },
    recent: { list: () => ok(['/work/acme.portolan.yaml', '/home/me/other.portolan.yaml']) },
    recovery: {
      load: () => ok(setup.journal === null ? null : { text: setup.journal, savedAt: 1 }),
      journal: (text: string) => (record('journal', text), ok(null)),
      clear: () => (record('clearJournal'), ok(null)),
    },
    shell: { openDocs: (url: string) => (record('openDocs', url), ok(null)) },
    document: {
      setState: (state: unknown) => (record('setState', state), ok(null)),
      onQuery: on('query'),
    },
    menu: { onCommand: on('menu'), setActions: (ids: string[]) => (record('setActions', ids), ok(null)) },
  });
}

const calls = (page: Page, name: string) =>
  page.evaluate(
    (n) => (window as unknown as { __host: HostLog }).__host.calls.filter(([c]) => c === n).map(([, p]) => p),
    name,
  );
const fire = (page: Page, handler: string, payload: unknown = undefined) =>
  page.evaluate(([h, p]) => (window as unknown as { __host: HostLog }).__host.handlers[h as string]!(p), [
    handler,
    payload,
  ] as const);

async function rename(page: Page, name: string): Promise<void> {
  await showPanel(page, 'inspector');
  const field = page.getByTestId('inspector').getByTestId('project-name');
  await field.fill(name);
  await field.press('Tab');
}

describe.skipIf(chromium.skip)('the editor inside the desktop shell (stand-in preload, built renderer)', () => {
  const session = editorSession();

  async function open(setup: { journal?: string | null; failSave?: boolean } = {}): Promise<WatchedPage> {
    const arg = { manual: MANUAL, journal: setup.journal ?? null, failSave: setup.failSave ?? false };
    const watched = await session.open({ init: { script: fakePreload as (arg: never) => void, arg } });
    await expect.poll(() => watched.page.getByTestId('welcome').count()).toBe(1);
    return watched;
  }
  const done = session.done;

  it('recent files reopen with one click; the host hears the dirty state and can ask for the document', async () => {
    const watched = await open();
    const { page } = watched;
    await expect.poll(() => page.getByTestId('recent-item').count()).toBe(2);
    await saveScreenshot(page, 'desktop-welcome-recent');
    await page.getByTestId('recent-item').first().click();
    await expect.poll(() => page.getByTestId('file-name').textContent()).toBe('acme.portolan.yaml');
    expect(await calls(page, 'openRecent')).toEqual(['/work/acme.portolan.yaml']);
    await expect.poll(() => calls(page, 'setState')).toContainEqual({ dirty: false, path: '/work/acme.portolan.yaml' });

    await rename(page, 'Acme (edited)');
    await expect.poll(() => calls(page, 'setState')).toContainEqual({ dirty: true, path: '/work/acme.portolan.yaml' });
    const snapshot = (await fire(page, 'query')) as { dirty: boolean; text: string; path: string };
    expect(snapshot.dirty).toBe(true);
    expect(snapshot.path).toBe('/work/acme.portolan.yaml');
    expect(snapshot.text).toContain('name: Acme (edited)');

    // The journal gets the edit within the autosave's wait (well inside the 5 s promise).
    await expect.poll(() => calls(page, 'journal'), { timeout: 5_000 }).toHaveLength(1);
    expect(JSON.parse((await calls(page, 'journal'))[0] as string).text).toContain('Acme (edited)');
    await done(watched);
  });

  it('menu commands run the editor’s own actions', async () => {
    const watched = await open();
    const { page } = watched;
    // The page told the host which menu actions it runs: the bound ones, none it has not implemented.
    const offered = (await calls(page, 'setActions')).at(-1) as string[];
    expect(offered).toEqual(expect.arrayContaining(['new', 'open', 'save', 'save-as', 'undo', 'fit-view', 'present']));
    expect(offered.every((id) => MENU_ACTION_IDS.includes(id as never))).toBe(true);
    expect(new Set(offered).size).toBe(offered.length);
    await page.getByTestId('recent-item').first().click();
    await rename(page, 'Renamed by menu test');

    await fire(page, 'menu', 'undo');
    await expect
      .poll(() => page.getByTestId('titlebar').getByTestId('project-name').textContent())
      .not.toBe('Renamed by menu test');
    await fire(page, 'menu', 'redo');
    await expect
      .poll(() => page.getByTestId('titlebar').getByTestId('project-name').textContent())
      .toBe('Renamed by menu test');

    await fire(page, 'menu', 'save');
    await expect.poll(() => calls(page, 'save')).toHaveLength(1);
    const saved = (await calls(page, 'save'))[0] as { text: string; path: string };
    expect(saved.path).toBe('/work/acme.portolan.yaml');
    expect(saved.text).toContain('name: Renamed by menu test');
    await expect.poll(() => page.getByTestId('dirty-mark').count()).toBe(0);

    await fire(page, 'menu', 'export');
    await expect.poll(() => page.getByTestId('export-dialog').count()).toBe(1);
    await page.keyboard.press('Escape');
    await fire(page, 'menu', 'command-palette');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.keyboard.press('Escape');
    await fire(page, 'menu', 'fit-view');

    // New: the document is clean, so straight back to the templates.
    await fire(page, 'menu', 'new');
    await expect.poll(() => page.getByTestId('welcome').count()).toBe(1);
    await done(watched);
  });

  it('export to a folder: asks before replacing, then shows the files and the .env report; a failure says why', async () => {
    const watched = await open();
    const { page } = watched;
    await page.getByTestId('recent-item').first().click();
    await fire(page, 'menu', 'export');
    await expect.poll(() => page.getByTestId('export-dialog').count()).toBe(1);
    const fileCount = await page.getByTestId('export-file').count();
    expect(fileCount).toBeGreaterThan(1);

    await page.getByTestId('export-save').click();
    const replace = page.getByTestId('export-replace');
    await expect.poll(() => replace.count()).toBe(1);
    const folderName = ((await calls(page, 'saveAll'))[0] as { folderName: string }).folderName;
    const target = `/work/out/${folderName}`;
    expect(await replace.textContent()).toContain(`Replace the export in ${target}? Your .env values are kept.`);
    expect(await replace.textContent()).toContain('.env, docker-compose.yml');
    // The safe answer writes nothing.
    await page.getByTestId('export-replace-cancel').click();
    await expect.poll(() => replace.count()).toBe(0);
    expect(await calls(page, 'saveAll')).toHaveLength(1);

    await page.getByTestId('export-save').click();
    await expect.poll(() => replace.count()).toBe(1);
    await page.getByTestId('export-replace-confirm').click();
    const result = page.getByTestId('export-result');
    await expect.poll(() => result.count()).toBe(1);
    const sent = (await calls(page, 'saveAll')) as { replaceIn?: string }[];
    expect(sent.map((r) => r.replaceIn)).toEqual([undefined, undefined, '/work/out']);
    expect(await result.textContent()).toContain(`Exported ${fileCount} files to ${target}`);
    expect(await page.getByTestId('export-env-report').textContent()).toBe(
      'Kept 7 values from your .env; generated MYSQL_PASSWORD; fill in NEXTAUTH_LICENSE; no longer used (kept, commented out): OLD_VAR',
    );
    expect(await axeViolations(page, '[data-testid="export-dialog"]')).toEqual([]);
    await saveScreenshot(page, 'desktop-export-result');

    await page.evaluate(() => void ((window as unknown as { __host: HostLog }).__host.failExport = 'export-disk-full'));
    await page.getByTestId('export-save').click();
    const failed = page.getByTestId('export-save-failed');
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.textContent()).toContain(`The disk is full: nothing was changed in ${folderName}.`);
    expect(await page.getByTestId('export-result').count()).toBe(0);
    expect(await axeViolations(page, '[data-testid="export-dialog"]')).toEqual([]);
    await done(watched);
  });

  it('shows files the host opens, offers to reload a file changed on disk, and reports failed saves', async () => {
    const watched = await open({ failSave: true });
    const { page } = watched;
    await fire(page, 'opened', { name: 'from-argv.portolan.yaml', path: '/cli/from-argv.portolan.yaml', text: MANUAL });
    await expect.poll(() => page.getByTestId('file-name').textContent()).toBe('from-argv.portolan.yaml');

    await fire(page, 'changed', { name: 'from-argv.portolan.yaml', path: '/cli/from-argv.portolan.yaml' });
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('changed by another program');
    await saveScreenshot(page, 'desktop-external-change');
    await page.getByRole('button', { name: 'Reload from disk' }).click();
    await expect.poll(() => calls(page, 'openRecent')).toEqual(['/cli/from-argv.portolan.yaml']);

    await rename(page, 'Will not fit on disk');
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'the disk is full (io)' }).count()).toBe(1);
    expect(await page.getByTestId('dirty-mark').count()).toBe(1); // not marked saved
    await done(watched);
  });

  it('saves a picture through the host’s save dialog, and opens the project a picture carries as new work', async () => {
    const watched = await open();
    const { page } = watched;
    await page.getByTestId('recent-item').first().click();
    await expect.poll(() => page.getByTestId('file-name').textContent()).toBe('acme.portolan.yaml');

    await fire(page, 'menu', 'export-diagram');
    await expect.poll(() => page.getByTestId('export-diagram-preview').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('export-diagram-format-svg').check();
    await page.getByTestId('export-diagram-save').click();
    await expect.poll(() => page.getByTestId('export-diagram-status').textContent()).toMatch(/^Saved slides\.svg \(/);
    const [sent] = (await calls(page, 'savePicture')) as {
      name: string;
      format: string;
      isBytes: boolean;
      size: number;
      svg: string;
    }[];
    expect(sent).toMatchObject({ name: 'nextauth-behind-nginx.svg', format: 'svg', isBytes: true });
    expect(sent!.size).toBeGreaterThan(1000);
    expect(projectFromSvg(sent!.svg)).toBe(MANUAL);
    await page.keyboard.press('Escape');

    // Main opened a picture (Open dialog, command line, Finder): its project, unsaved, no file.
    await fire(page, 'opened', { name: 'slides.png', path: '/work/slides.png', text: MANUAL, picture: 'png' });
    await expect.poll(() => page.getByTestId('file-name').textContent()).toBe('not saved yet');
    expect(await page.getByTestId('notice').textContent()).toContain('carried by slides.png');
    await expect.poll(() => calls(page, 'setState')).toContainEqual({ dirty: true, path: null });
    // Save asks where (no path): the picture is never written over with YAML.
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.keyboard.press('Control+s');
    await expect.poll(() => calls(page, 'save')).toHaveLength(1);
    const saved = (await calls(page, 'save'))[0] as { text: string; path?: string; suggestedName?: string };
    expect(saved.path).toBeUndefined();
    expect(saved.suggestedName).toBe('nextauth-behind-nginx.portolan.yaml');
    expect(saved.text).toBe(MANUAL);
    await done(watched);
  });

  it('a file dropped on the window opens through the host; a crash journal is offered for restore', async () => {
    const journal = JSON.stringify({
      fileName: 'acme.portolan.yaml',
      text: MANUAL.replace(/name: .*/, 'name: Journaled work'),
    });
    const watched = await open({ journal });
    const { page } = watched;
    await expect.poll(() => page.getByTestId('recovery').count()).toBe(1);
    await page.getByTestId('recovery-restore').click();
    await expect
      .poll(() => page.getByTestId('titlebar').getByTestId('project-name').textContent())
      .toBe('Journaled work');

    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['format: 1'], 'dropped.portolan.yaml', { type: 'application/yaml' }));
      const target = document.querySelector('.pl-app')!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    });
    await expect.poll(() => calls(page, 'openDropped')).toEqual(['dropped.portolan.yaml']);
    await expect.poll(() => page.getByTestId('file-name').textContent()).toBe('dropped.portolan.yaml');
    await done(watched);
  });
});
