import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  diskState,
  fingerprintAfter,
  hashText,
  saveDecision,
  watchDiskFile,
} from '../../../../electron/node/disk-state';
import { createDocumentFiles, type FileDialogs } from '../../../../electron/node/document-files';
import { existingExportFiles, exportTargets, writeExport } from '../../../../electron/node/export-files';
import { removeStaleTempFiles } from '../../../../electron/node/files';
import { hasProjectExtension, isOpenableName, readProjectFile } from '../../../../electron/node/open-path';
import { PNG_PROJECT_KEYWORD } from '../../../../shared/render/embedded';
import { addPngText } from '../../../../shared/render/png-text';
import { tinyPng } from '../../../support/tiny-png';
import { createRecentFiles, parseRecent, withRecent } from '../../../../electron/node/recent-files';
import { createRecoveryJournal, parseJournal } from '../../../../electron/node/recovery-journal';
import { loadWindowState, saveWindowState } from '../../../../electron/node/window-state';

let dir: string;
let n = 0;
const fresh = () => {
  const d = join(dir, `case-${++n}`);
  mkdirSync(d);
  return d;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-desktop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dialogs(
  over: Partial<FileDialogs> = {},
): FileDialogs & { [K in keyof FileDialogs]: ReturnType<typeof vi.fn> } {
  return {
    chooseOpen: vi.fn(async () => null),
    chooseSave: vi.fn(async () => null),
    confirmOverwriteChanged: vi.fn(async () => 'cancel' as const),
    ...over,
  } as never;
}

describe('opening project files', () => {
  it('accepts project extensions, and picture extensions as pictures', () => {
    for (const ok of ['a.portolan.yaml', 'A.YAML', 'b.yml']) expect(hasProjectExtension(ok)).toBe(true);
    for (const bad of ['a.json', 'yaml', '.yaml', 'a.yaml.exe', 'a.txt', 'a.png'])
      expect(hasProjectExtension(bad)).toBe(false);
    for (const ok of ['a.svg', 'A.PNG', 'b.pdf', 'c.yaml']) expect(isOpenableName(ok)).toBe(true);
    for (const bad of ['a.gif', '.png', 'a.png.exe', 'pdf']) expect(isOpenableName(bad)).toBe(false);
  });

  it('reads the project a picture carries, never granting the picture as the project’s file', async () => {
    const d = fresh();
    const text = 'format: 1\nname: Acme\n';
    const png = addPngText(tinyPng(), PNG_PROJECT_KEYWORD, text);
    writeFileSync(join(d, 'slides.png'), png);
    writeFileSync(join(d, 'photo.png'), tinyPng());
    writeFileSync(join(d, 'fake.png'), 'format: 1\n');
    writeFileSync(join(d, 'renamed.yaml'), png);
    expect(await readProjectFile(join(d, 'slides.png'))).toEqual({
      ok: true,
      name: 'slides.png',
      path: join(d, 'slides.png'),
      text,
      picture: 'png',
    });
    // The bytes decide: a picture under a project name still opens as a picture.
    expect(await readProjectFile(join(d, 'renamed.yaml'))).toMatchObject({ ok: true, text, picture: 'png' });
    expect(await readProjectFile(join(d, 'photo.png'))).toMatchObject({
      ok: false,
      code: 'not-a-project',
      message: expect.stringMatching(/holds no Portolan project/),
    });
    // Text under a picture's name is no project file: a Save would write YAML into "fake.png".
    expect(await readProjectFile(join(d, 'fake.png'))).toMatchObject({ ok: false, code: 'not-a-project' });

    const dialogs = { chooseOpen: async () => join(d, 'slides.png'), chooseSave: async () => null } as never;
    const files = createDocumentFiles({ dialogs });
    expect(await files.open()).toMatchObject({ name: 'slides.png', text, picture: 'png' });
    expect(files.isGranted(join(d, 'slides.png'))).toBe(false);
    expect(files.baseline(join(d, 'slides.png'))).toBeUndefined();
  });

  it('reads a project file and refuses others with a code', async () => {
    const d = fresh();
    writeFileSync(join(d, 'a.portolan.yaml'), 'format: 1\n');
    writeFileSync(join(d, 'big.yaml'), 'x'.repeat(2000));
    writeFileSync(join(d, 'bin.yaml'), Buffer.from([0xff, 0xfe, 0x00]));
    writeFileSync(join(d, 'note.txt'), 'x');
    mkdirSync(join(d, 'dir.yaml'));
    expect(await readProjectFile(join(d, 'a.portolan.yaml'))).toEqual({
      ok: true,
      name: 'a.portolan.yaml',
      path: join(d, 'a.portolan.yaml'),
      text: 'format: 1\n',
    });
    expect(await readProjectFile(join(d, 'big.yaml'), 1000)).toMatchObject({ ok: false, code: 'too-large' });
    expect(await readProjectFile(join(d, 'bin.yaml'))).toMatchObject({ ok: false, code: 'not-utf8' });
    expect(await readProjectFile(join(d, 'note.txt'))).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(await readProjectFile(join(d, 'dir.yaml'))).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(await readProjectFile(join(d, 'gone.yaml'))).toMatchObject({ ok: false, code: 'not-found' });
    expect(await readProjectFile('relative.yaml')).toMatchObject({ ok: false, code: 'not-allowed' });
  });
});

describe('document files (open, save, save as)', () => {
  it('opens through the dialog, then saves back to the same file atomically', async () => {
    const d = fresh();
    const file = join(d, 'acme.portolan.yaml');
    writeFileSync(file, 'v1\n');
    const files = createDocumentFiles({ dialogs: dialogs({ chooseOpen: vi.fn(async () => file) }) });
    expect(await files.open()).toEqual({ name: 'acme.portolan.yaml', path: file, text: 'v1\n' });
    expect(await files.save('v2\n', file)).toEqual({ name: 'acme.portolan.yaml', path: file });
    expect(readFileSync(file, 'utf8')).toBe('v2\n');
    expect(readdirSync(d)).toEqual(['acme.portolan.yaml']);
  });

  it('never writes to a path the user did not grant: it asks where instead', async () => {
    const d = fresh();
    const victim = join(d, 'victim.yaml');
    writeFileSync(victim, 'keep\n');
    const chosen = join(d, 'chosen.portolan.yaml');
    const dlg = dialogs({ chooseSave: vi.fn(async () => chosen) });
    const files = createDocumentFiles({ dialogs: dlg, defaultFolder: d });
    expect(await files.save('new\n', victim, 'suggested.portolan.yaml')).toEqual({
      name: 'chosen.portolan.yaml',
      path: chosen,
    });
    expect(dlg.chooseSave).toHaveBeenCalledWith(join(d, 'suggested.portolan.yaml'));
    expect(readFileSync(victim, 'utf8')).toBe('keep\n');
    expect(readFileSync(chosen, 'utf8')).toBe('new\n');
    expect(files.isGranted(chosen)).toBe(true);
    expect(files.isGranted(victim)).toBe(false);
  });

  it('Save As starts next to the current file; cancelling writes nothing', async () => {
    const d = fresh();
    const dlg = dialogs();
    const files = createDocumentFiles({ dialogs: dlg });
    expect(await files.saveAs('x', undefined, join(d, 'cur.yaml'))).toBeNull();
    expect(dlg.chooseSave).toHaveBeenCalledWith(join(d, 'cur.yaml'));
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses to overwrite a file changed on disk unless the user confirms', async () => {
    const d = fresh();
    const file = join(d, 'shared.portolan.yaml');
    writeFileSync(file, 'ours\n');
    const confirm = vi.fn(async () => 'cancel' as const);
    const files = createDocumentFiles({ dialogs: dialogs({ confirmOverwriteChanged: confirm }) });
    await files.openPath(file);

    // Someone else edits the file (same size, so only the contents differ).
    writeFileSync(file, 'them\n');
    expect(await files.save('mine\n', file)).toBeNull();
    expect(confirm).toHaveBeenCalledWith('shared.portolan.yaml');
    expect(readFileSync(file, 'utf8')).toBe('them\n');

    // Confirmed: written, and the new contents become the baseline (no question next time).
    confirm.mockImplementation(async () => 'overwrite' as never);
    expect(await files.save('mine\n', file)).toEqual({ name: 'shared.portolan.yaml', path: file });
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    confirm.mockClear();
    await files.save('mine again\n', file);
    expect(confirm).not.toHaveBeenCalled();
  });

  it('offers Save As instead of overwriting an external change', async () => {
    const d = fresh();
    const file = join(d, 'a.yaml');
    const other = join(d, 'b.yaml');
    writeFileSync(file, 'ours\n');
    const files = createDocumentFiles({
      dialogs: dialogs({
        confirmOverwriteChanged: vi.fn(async () => 'save-as' as const),
        chooseSave: vi.fn(async () => other),
      }),
    });
    await files.openPath(file);
    writeFileSync(file, 'theirs, longer\n');
    expect(await files.save('mine\n', file)).toEqual({ name: 'b.yaml', path: other });
    expect(readFileSync(file, 'utf8')).toBe('theirs, longer\n');
    expect(readFileSync(other, 'utf8')).toBe('mine\n');
  });

  it('does not count a touch without a change, and recreates a deleted file without asking', async () => {
    const d = fresh();
    const file = join(d, 'a.yaml');
    writeFileSync(file, 'same\n');
    const confirm = vi.fn(async () => 'cancel' as const);
    const files = createDocumentFiles({ dialogs: dialogs({ confirmOverwriteChanged: confirm }) });
    await files.openPath(file);
    writeFileSync(file, 'same\n');
    expect(await files.save('next\n', file)).not.toBeNull();
    rmSync(file);
    expect(await files.save('again\n', file)).not.toBeNull();
    expect(confirm).not.toHaveBeenCalled();
    expect(readFileSync(file, 'utf8')).toBe('again\n');
  });

  it('reports an unreadable file with its code', async () => {
    const files = createDocumentFiles({ dialogs: dialogs() });
    await expect(files.openPath(join(fresh(), 'missing.yaml'))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('external change detection', () => {
  it('states the disk state against the fingerprint of what we wrote', async () => {
    const file = join(fresh(), 'a.yaml');
    writeFileSync(file, 'one\n');
    const baseline = await fingerprintAfter(file, 'one\n');
    expect(await diskState(file, baseline)).toBe('unchanged');
    writeFileSync(file, 'two\n');
    expect(await diskState(file, baseline)).toBe('changed');
    rmSync(file);
    expect(await diskState(file, baseline)).toBe('missing');
    expect(saveDecision('changed', false)).toBe('ask');
    expect(saveDecision('changed', true)).toBe('write');
    expect(saveDecision('unchanged', false)).toBe('write');
    expect(saveDecision('missing', false)).toBe('write');
  });

  it('tells main when another program changes the open file, but not about our own save', async () => {
    const file = join(fresh(), 'watched.yaml');
    writeFileSync(file, 'one\n');
    const changes: string[] = [];
    const watcher = watchDiskFile({
      path: file,
      baseline: await fingerprintAfter(file, 'one\n'),
      onChange: (s) => changes.push(s),
      intervalMs: 20,
    });
    try {
      // Our own save: the baseline moves first, so nothing is reported.
      writeFileSync(file, 'ours, saved\n');
      watcher.setBaseline(await fingerprintAfter(file, 'ours, saved\n'));
      // A save whose contents were announced is ours even before the baseline moves.
      watcher.expectContents(hashText('ours again\n'));
      writeFileSync(file, 'ours again\n');
      writeFileSync(file, 'external edit\n');
      await vi.waitFor(() => expect(changes).toEqual(['changed']), { timeout: 10_000, interval: 20 });
      rmSync(file);
      await vi.waitFor(() => expect(changes).toEqual(['changed', 'missing']), { timeout: 10_000, interval: 20 });
    } finally {
      watcher.close();
    }
  });
});

describe('recent files', () => {
  it('keeps paths most recent first, deduplicated and capped', () => {
    expect(withRecent(['/a', '/b', '/c'], '/b', 3)).toEqual(['/b', '/a', '/c']);
    expect(withRecent(['/a', '/b', '/c'], '/d', 3)).toEqual(['/d', '/a', '/b']);
    expect(withRecent(['/a'], '/x/../a')).toEqual(['/a']);
  });

  it('tolerates a damaged file', () => {
    for (const bad of ['', '{', 'null', '[]', '{"files":"x"}']) expect(parseRecent(bad)).toEqual([]);
    expect(parseRecent('{"files":["/a", 3, "", "rel.yaml", "/a", "/b\\u0000"]}')).toEqual(['/a']);
  });

  it('is stored in its own JSON file, prunes missing files and survives corruption', async () => {
    const d = fresh();
    const store = join(d, 'recent-files.json');
    const existing = [join(d, 'one.yaml'), join(d, 'two.yaml')];
    for (const f of existing) writeFileSync(f, 'x');
    const recent = createRecentFiles({ file: store, limit: 3 });
    for (const f of [...existing, join(d, 'gone.yaml')]) await recent.add(f);
    expect(await recent.list()).toEqual(existing.slice().reverse());
    expect(parseRecent(readFileSync(store, 'utf8'))).toEqual(existing.slice().reverse());
    for (const f of ['a', 'b', 'c', 'd'].map((x) => join(d, `${x}.yaml`))) {
      writeFileSync(f, 'x');
      await recent.add(f);
    }
    expect(await recent.list()).toHaveLength(3);
    writeFileSync(store, '{ not json');
    expect(await recent.list()).toEqual([]);
    await recent.add(existing[0] as string);
    expect(await recent.list()).toEqual([existing[0]]);
    await recent.remove(existing[0] as string);
    expect(await recent.list()).toEqual([]);
    expect(statSync(store).mode & 0o777).toBe(0o600);
  });
});

describe('window state file', () => {
  it('round-trips and reads a damaged file as none', async () => {
    const file = join(fresh(), 'window-state.json');
    expect(await loadWindowState(file)).toBeNull();
    await saveWindowState(file, { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false });
    expect(await loadWindowState(file)).toEqual({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false });
    writeFileSync(file, '\0\0');
    expect(await loadWindowState(file)).toBeNull();
  });
});

describe('export to a folder', () => {
  const files = [
    { path: 'docker-compose.yml', contents: 'services: {}\n', mode: 0o644 },
    { path: '.env', contents: 'SECRET=1\n', mode: 0o600 },
    { path: 'nginx/nginx.conf', contents: 'events {}\n', mode: 0o644 },
  ];

  it('writes every file under <folder>/<name> with its mode', async () => {
    const d = fresh();
    const root = await writeExport(d, 'acme', files, { overwrite: false });
    expect(root).toBe(join(d, 'acme'));
    expect(readFileSync(join(root, 'nginx/nginx.conf'), 'utf8')).toBe('events {}\n');
    expect(statSync(join(root, '.env')).mode & 0o777).toBe(0o600);
    expect(await existingExportFiles(root, files)).toHaveLength(3);
    await expect(writeExport(d, 'acme', files, { overwrite: false })).rejects.toThrow(/already exists/);
    chmodSync(join(root, '.env'), 0o644);
    await writeExport(d, 'acme', files, { overwrite: true });
    expect(statSync(join(root, '.env')).mode & 0o777).toBe(0o600);
  });

  it('refuses paths that leave the export folder', () => {
    for (const path of ['../x', '/etc/passwd', 'a/../../x', 'a\\..\\x']) {
      expect(() => exportTargets('/tmp/out', [{ path, contents: '', mode: 0o644 }])).toThrow(/refusing/);
    }
  });
});

describe('recovery journal', () => {
  it('writes at once, then at most once per interval with the latest text', async () => {
    vi.useFakeTimers();
    try {
      const file = join(fresh(), 'recovery', 'journal.json');
      let now = 10_000;
      const journal = createRecoveryJournal({ file, intervalMs: 1000, now: () => now });
      journal.record('one');
      await vi.waitFor(async () => expect((await journal.load())?.text).toBe('one'));
      journal.record('two');
      journal.record('three');
      expect((await journal.load())?.text).toBe('one');
      now += 1000;
      await vi.advanceTimersByTimeAsync(1000);
      expect(await journal.load()).toEqual({ text: 'three', savedAt: 11_000 });
      journal.record('four');
      await journal.flush();
      expect((await journal.load())?.text).toBe('four');
      await journal.clear();
      expect(await journal.load()).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a clear is not undone by a write that was still waiting', async () => {
    const file = join(fresh(), 'journal.json');
    const journal = createRecoveryJournal({ file, intervalMs: 60_000 });
    journal.record('a');
    journal.record('b');
    await journal.clear();
    await journal.flush();
    expect(await journal.load()).toBeNull();
  });

  it('reads a damaged journal as none, and removes temporary files a crash left behind', async () => {
    const d = fresh();
    const file = join(d, 'journal.json');
    writeFileSync(file, '{"format":1,"text":');
    expect(parseJournal(readFileSync(file, 'utf8'))).toBeNull();
    writeFileSync(join(d, '.journal.json.0123456789ab.tmp'), 'partial');
    writeFileSync(join(d, '.journal.json.notours.tmp'), 'keep');
    const journal = createRecoveryJournal({ file });
    expect(await journal.load()).toBeNull();
    expect(readdirSync(d).sort()).toEqual(['.journal.json.notours.tmp', 'journal.json']);
    expect(await removeStaleTempFiles(file)).toBe(0);
  });
});
