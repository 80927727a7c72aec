/**
 * Fault injection for everything the desktop shell writes: a project save (`writeFileAtomic`
 * and the document save path), the crash-recovery journal and the editor's export to a folder.
 * Disk full, permission denied, read-only file system, rename failure — each must leave the old
 * state byte-identical (same contents, same mode, no temporary file left) and report a code
 * that names the real cause. Kill mid-write is covered by crash-safety.test.ts.
 *
 * Two layers:
 * - injected: a `WriteFs` whose Nth call fails with the errno (runs on every machine, and is
 *   the only way to get EXDEV or a failing fsync/close on demand);
 * - real: the kernel's own ENOSPC (16 KiB tmpfs), EROFS (remounted read-only) and EBUSY (target
 *   bind-mounted onto itself) inside `unshare -rm`, and EACCES as an unprivileged user. These
 *   skip with a reason where the machine does not allow them, and must run under
 *   REQUIRE_REAL_TOOLS=1 (CI).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentFiles, DocumentFileError } from '../../../electron/node/document-files';
import { WriteError, writeFileAtomic, type WriteFailureCode } from '../../../electron/node/files';
import { createRecoveryJournal, parseJournal, serializeJournal } from '../../../electron/node/recovery-journal';
import type { ChildError, ChildResult } from '../../support/fault-child';
import { snapshotTree, tempFilesIn, type Tree } from '../../support/fault-tree';
import { faultyFs, type Fault } from '../../support/faulty-fs';
import { needMountNamespace, needUnprivileged, NOBODY, runInTinyFs, runUnprivileged } from '../../support/real-faults';

const OLD = 'format: 2\nmeta:\n  name: old project\n';
const NEW = 'format: 2\nmeta:\n  name: new project\n';
/** More than the 16 KiB tmpfs holds. */
const HUGE = `format: 2\n${'# padding that does not fit on a tiny disk\n'.repeat(2000)}`;
const OLD_JOURNAL = serializeJournal({ text: OLD, savedAt: 1 });

let root: string;
let n = 0;
const fresh = () => {
  const d = join(root, `case-${++n}`);
  mkdirSync(d);
  return d;
};
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'portolan-faults-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The promise every case keeps: nothing changed, nothing left behind. */
function expectUnchanged(before: Tree, after: Tree, file: string, contents: string, mode: number): void {
  // The comparison has something to compare: the old file is there as laid out.
  expect(before[file]).toMatchObject({ type: 'file', text: contents, mode });
  expect(tempFilesIn(after)).toEqual([]);
  expect(after).toEqual(before);
}

// ---------------------------------------------------------------------------------------------
// Injected faults
// ---------------------------------------------------------------------------------------------

interface InjectedCase {
  readonly name: string;
  readonly faults: readonly Fault[];
  readonly code: WriteFailureCode;
  /** The reason must say this (the real cause, in words). */
  readonly says: RegExp;
}

const INJECTED: readonly InjectedCase[] = [
  {
    name: 'disk full creating the temporary file',
    faults: [{ op: 'open', errno: 'ENOSPC' }],
    code: 'no-space',
    says: /no space left.*\(ENOSPC\)/,
  },
  {
    name: 'disk full halfway through the contents',
    faults: [{ op: 'write', errno: 'ENOSPC', partial: true }],
    code: 'no-space',
    says: /no space left.*\(ENOSPC\)/,
  },
  {
    name: 'disk full when flushing (delayed allocation)',
    faults: [{ op: 'sync', errno: 'ENOSPC' }],
    code: 'no-space',
    says: /no space left/,
  },
  { name: 'quota used up', faults: [{ op: 'write', errno: 'EDQUOT' }], code: 'no-space', says: /quota.*\(EDQUOT\)/ },
  {
    name: 'permission denied in the folder',
    faults: [{ op: 'open', errno: 'EACCES' }],
    code: 'permission-denied',
    says: /no permission to create files in .*\(EACCES\)/,
  },
  {
    name: 'the file itself is read-only',
    faults: [{ op: 'access', errno: 'EACCES' }],
    code: 'read-only-file',
    says: /is read-only \(EACCES\)/,
  },
  {
    name: 'the file is immutable',
    faults: [{ op: 'access', errno: 'EPERM' }],
    code: 'read-only-file',
    says: /may not be changed.*\(EPERM\)/,
  },
  {
    name: 'read-only file system (seen at the check)',
    faults: [{ op: 'access', errno: 'EROFS' }],
    code: 'read-only-fs',
    says: /read-only file system \(EROFS\)/,
  },
  {
    name: 'read-only file system (seen creating the temporary file)',
    faults: [{ op: 'open', errno: 'EROFS' }],
    code: 'read-only-fs',
    says: /read-only file system \(EROFS\)/,
  },
  {
    name: 'setting the mode refused',
    faults: [{ op: 'chmod', errno: 'EPERM' }],
    code: 'permission-denied',
    says: /\(EPERM\)/,
  },
  {
    name: 'rename across file systems',
    faults: [{ op: 'rename', errno: 'EXDEV' }],
    code: 'cross-device',
    says: /another file system \(EXDEV\)/,
  },
  {
    name: 'rename onto a busy target',
    faults: [{ op: 'rename', errno: 'EBUSY' }],
    code: 'busy',
    says: /in use \(EBUSY\)/,
  },
  {
    name: 'rename refused',
    faults: [{ op: 'rename', errno: 'EACCES' }],
    code: 'permission-denied',
    says: /no permission to replace .*\(EACCES\)/,
  },
  {
    name: 'I/O error when flushing',
    faults: [{ op: 'sync', errno: 'EIO' }],
    code: 'io',
    says: /input\/output error while flushing to disk/,
  },
  { name: 'I/O error on close', faults: [{ op: 'close', errno: 'EIO' }], code: 'io', says: /input\/output error/ },
];

describe('injected faults: writeFileAtomic', () => {
  it.each(INJECTED)('$name → $code, the old file untouched', async ({ faults, code, says }) => {
    const dir = fresh();
    const file = join(dir, 'project.portolan.yaml');
    writeFileSync(file, OLD);
    chmodSync(file, 0o600);
    const before = snapshotTree(dir);
    const fs = faultyFs(faults);
    const error = await writeFileAtomic(file, NEW, { overwrite: true, fs }).catch((e: unknown) => e);
    expect(fs.fired()).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).code).toBe(code);
    expect((error as WriteError).reason).toMatch(says);
    expect((error as WriteError).detail.existed).toBe(true);
    expect((error as WriteError).detail.tempLeft).toBeUndefined();
    expectUnchanged(before, snapshotTree(dir), 'project.portolan.yaml', OLD, 0o600);
  });

  it('a new file that cannot be written leaves nothing at all', async () => {
    const dir = fresh();
    const fs = faultyFs([{ op: 'write', errno: 'ENOSPC', partial: true }]);
    const error = await writeFileAtomic(join(dir, 'new.portolan.yaml'), NEW, { fs }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'no-space', detail: { existed: false } });
    expect(snapshotTree(dir)).toEqual({});
  });

  it('when even the cleanup fails, the cause is still the first fault and the leftover is named', async () => {
    const dir = fresh();
    const file = join(dir, 'project.portolan.yaml');
    writeFileSync(file, OLD);
    // The folder went read-only between writing the temporary file and renaming it.
    const fs = faultyFs([
      { op: 'rename', errno: 'EROFS' },
      { op: 'unlink', errno: 'EROFS' },
    ]);
    const error = (await writeFileAtomic(file, NEW, { overwrite: true, fs }).catch((e: unknown) => e)) as WriteError;
    expect(error.code).toBe('read-only-fs');
    const left = tempFilesIn(snapshotTree(dir));
    expect(left).toHaveLength(1);
    expect(error.detail.tempLeft).toBe(join(dir, left[0] as string));
    expect(error.message).toContain(`the temporary file ${join(dir, left[0] as string)} could not be removed`);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
  });
});

describe('injected faults: the document save path', () => {
  it.each(INJECTED)('$name → io ($code), the old file untouched', async ({ faults, code, says }) => {
    const dir = fresh();
    const file = join(dir, 'project.portolan.yaml');
    writeFileSync(file, OLD);
    chmodSync(file, 0o600);
    const fs = faultyFs(faults);
    const files = createDocumentFiles({
      dialogs: {
        chooseOpen: async () => file,
        chooseSave: async () => file,
        confirmOverwriteChanged: async () => 'overwrite',
      },
      fs,
    });
    await files.openPath(file);
    const before = snapshotTree(dir);
    const error = await files.save(NEW, file).catch((e: unknown) => e);
    expect(fs.fired()).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(DocumentFileError);
    expect(error).toMatchObject({ code: 'io', reason: code });
    expect((error as Error).message).toMatch(says);
    expect((error as Error).message).toContain('the file on disk is unchanged');
    expectUnchanged(before, snapshotTree(dir), 'project.portolan.yaml', OLD, 0o600);
    // The baseline is still the old file: a later save does not think it changed outside.
    expect(files.baseline(file)?.size).toBe(OLD.length);
  });
});

describe('injected faults: the recovery journal', () => {
  it.each(INJECTED)('$name → onError($code), the previous journal untouched', async ({ faults, code, says }) => {
    const dir = fresh();
    const file = join(dir, 'recovery', 'journal.json');
    mkdirSync(join(dir, 'recovery'));
    writeFileSync(file, OLD_JOURNAL, { mode: 0o600 });
    const before = snapshotTree(dir);
    const fs = faultyFs(faults);
    const errors: WriteError[] = [];
    const journal = createRecoveryJournal({ file, fs, onError: (e) => errors.push(e) });
    journal.record(NEW);
    await journal.flush();
    expect(fs.fired()).toBeGreaterThan(0);
    expect(errors.map((e) => e.code)).toEqual([code]);
    expect(errors[0]?.reason).toMatch(says);
    expectUnchanged(before, snapshotTree(dir), 'recovery/journal.json', OLD_JOURNAL, 0o600);
    expect(await journal.load()).toEqual({ text: OLD, savedAt: 1 });
  });

  it('keeps the text that failed and writes it on the next flush (once the disk has room)', async () => {
    const dir = fresh();
    const file = join(dir, 'journal.json');
    writeFileSync(file, OLD_JOURNAL, { mode: 0o600 });
    const errors: WriteError[] = [];
    const journal = createRecoveryJournal({
      file,
      fs: faultyFs([{ op: 'write', errno: 'ENOSPC', partial: true }]),
      onError: (e) => errors.push(e),
    });
    journal.record(NEW);
    await journal.flush();
    expect(errors).toHaveLength(1);
    expect(parseJournal(readFileSync(file, 'utf8'))?.text).toBe(OLD);
    await journal.flush();
    expect(parseJournal(readFileSync(file, 'utf8'))?.text).toBe(NEW);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a clear during a failing write is not undone by the retry', async () => {
    const dir = fresh();
    const file = join(dir, 'journal.json');
    const fs = faultyFs([{ op: 'write', errno: 'ENOSPC' }]);
    const errors: WriteError[] = [];
    const journal = createRecoveryJournal({ file, fs, onError: (e) => errors.push(e) });
    journal.record(NEW);
    await journal.clear();
    await journal.flush();
    expect(errors.map((e) => e.code)).toEqual(['no-space']);
    expect(await journal.load()).toBeNull();
    expect(snapshotTree(dir)).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
// Real faults
// ---------------------------------------------------------------------------------------------

/** What the four writers are asked to do in a real-fault child, against the same old state. */
type Subject = 'write' | 'save' | 'journal' | 'export';

const FILE: Record<Subject, string> = {
  write: 'projects/project.portolan.yaml',
  save: 'projects/project.portolan.yaml',
  journal: 'recovery/journal.json',
  export: 'acme/docker-compose.yml',
};
const OLD_OF: Record<Subject, string> = { write: OLD, save: OLD, journal: OLD_JOURNAL, export: OLD };

function opFor(subject: Subject, contents: string) {
  switch (subject) {
    case 'write':
      return { kind: 'write', path: FILE.write, contents, options: { overwrite: true } } as const;
    case 'save':
      return { kind: 'save', path: FILE.save, contents } as const;
    case 'journal':
      return { kind: 'journal', path: FILE.journal, contents } as const;
    case 'export':
      return {
        kind: 'export',
        folderName: 'acme',
        files: [{ path: 'docker-compose.yml', contents, mode: 0o644 }],
      } as const;
  }
}

/** The error a subject reports: thrown, or (the journal) handed to onError. */
function reportedError(subject: Subject, result: ChildResult): ChildError | undefined {
  return subject === 'journal' ? result.reported[0] : (result.error ?? undefined);
}

/** The export writer's code for each cause (it has its own `export-*` union). */
const EXPORT_CODE: Partial<Record<WriteFailureCode, string>> = {
  'no-space': 'export-disk-full',
  'read-only-fs': 'export-read-only',
  'permission-denied': 'export-permission-denied',
  busy: 'export-io',
};

/** The system error each real fault must come from (checked where the error carries it). */
const ERRNO_OF: Partial<Record<WriteFailureCode, string>> = {
  'no-space': 'ENOSPC',
  'read-only-fs': 'EROFS',
  busy: 'EBUSY',
  'permission-denied': 'EACCES',
  'read-only-file': 'EACCES',
};

/** Asserts the subject reported the code for `cause`, whichever way it carries it. */
function expectCode(subject: Subject, error: ChildError | undefined, cause: WriteFailureCode): void {
  expect(error, 'no error was reported').toBeDefined();
  // The kernel made the fault: the writer saw the real errno.
  if (subject === 'write' || subject === 'journal') expect(error?.errno).toBe(ERRNO_OF[cause]);
  if (subject === 'export') return expect(error?.code).toBe(EXPORT_CODE[cause]);
  if (subject === 'save') expect(error).toMatchObject({ name: 'DocumentFileError', code: 'io' });
  expect(error?.name === 'DocumentFileError' ? error.reason : error?.code).toBe(cause);
}

const SUBJECTS: readonly Subject[] = ['write', 'save', 'journal', 'export'];
const SAVED: readonly Subject[] = ['write', 'save', 'journal'];

/** The folder a subject's file lives in. */
const folderOf = (subject: Subject) => FILE[subject].slice(0, FILE[subject].lastIndexOf('/'));

/** The old state: the subject's file with mode 0600 (export: the .env-like mode a user set). */
function layoutFor(subject: Subject, mode = 0o600) {
  return { files: [{ path: FILE[subject], contents: OLD_OF[subject], mode }] };
}

describe.skipIf(needMountNamespace().skip)('real faults in a private mount namespace', () => {
  it.each(SUBJECTS)('disk full (a 16 KiB tmpfs): %s reports no-space, the old state intact', async (subject) => {
    const result = await runInTinyFs({ layout: layoutFor(subject), fault: { kind: 'none' }, op: opFor(subject, HUGE) });
    const error = reportedError(subject, result);
    expectCode(subject, error, 'no-space');
    expect(error?.message).toMatch(/no space left/);
    if (subject !== 'export') expect(error?.message).toMatch(/on the file system holding .*\(ENOSPC\)/);
    expectUnchanged(result.before, result.after as Tree, FILE[subject], OLD_OF[subject], 0o600);
  });

  it.each(SUBJECTS)('read-only file system (remount,ro): %s reports read-only-fs', async (subject) => {
    const result = await runInTinyFs({
      layout: layoutFor(subject),
      fault: { kind: 'read-only' },
      op: opFor(subject, NEW),
    });
    const error = reportedError(subject, result);
    expectCode(subject, error, 'read-only-fs');
    expect(error?.message).toMatch(
      subject === 'export' ? /read-only file system/ : /is on a read-only file system \(EROFS\)/,
    );
    // Not the temporary file's name: the user never heard of it.
    expect(error?.message).not.toMatch(/\.tmp/);
    expectUnchanged(result.before, result.after as Tree, FILE[subject], OLD_OF[subject], 0o600);
  });

  it.each(SUBJECTS)('rename fails (target is a mount point, EBUSY): %s reports busy', async (subject) => {
    const result = await runInTinyFs({
      layout: layoutFor(subject),
      fault: { kind: 'busy-target', path: FILE[subject] },
      op: opFor(subject, NEW),
    });
    const error = reportedError(subject, result);
    expectCode(subject, error, 'busy');
    expect(error?.message).toMatch(subject === 'export' ? /EBUSY/ : /is in use \(EBUSY\)/);
    expectUnchanged(result.before, result.after as Tree, FILE[subject], OLD_OF[subject], 0o600);
  });

  it('disk full saving a symlinked project: the link and the file it names are both intact', async () => {
    const result = await runInTinyFs({
      layout: {
        files: [{ path: 'real/project.portolan.yaml', contents: OLD, mode: 0o640 }],
        symlinks: [{ path: 'link.portolan.yaml', to: 'real/project.portolan.yaml' }],
      },
      fault: { kind: 'none' },
      op: { kind: 'save', path: 'link.portolan.yaml', contents: HUGE },
    });
    expect(result.error).toMatchObject({ name: 'DocumentFileError', code: 'io', reason: 'no-space' });
    expect(result.before['link.portolan.yaml']).toMatchObject({ type: 'symlink' });
    expectUnchanged(result.before, result.after as Tree, 'real/project.portolan.yaml', OLD, 0o640);
  });

  it('export: disk full partway through a multi-file export leaves the previous export byte-identical', async () => {
    const files = ['a.conf', 'b.conf', 'c.conf'];
    const result = await runInTinyFs({
      layout: { files: files.map((f) => ({ path: `acme/${f}`, contents: OLD, mode: 0o644 })) },
      fault: { kind: 'none' },
      op: {
        kind: 'export',
        folderName: 'acme',
        files: [
          { path: 'a.conf', contents: NEW, mode: 0o644 },
          { path: 'b.conf', contents: HUGE, mode: 0o644 },
          { path: 'c.conf', contents: NEW, mode: 0o644 },
        ],
      },
    });
    expect(result.error).toMatchObject({ name: 'ExportWriteFailure', code: 'export-disk-full' });
    for (const f of files) expectUnchanged(result.before, result.after as Tree, `acme/${f}`, OLD, 0o644);
  });
});

describe.skipIf(needUnprivileged().skip)('real permission faults (an unprivileged process)', () => {
  const asNobody = { kind: 'unprivileged', ...NOBODY } as const;
  const nobodyOwns = process.getuid?.() === 0 ? NOBODY : {};

  it.each(SUBJECTS)('a folder it may not write: %s reports permission-denied', async (subject) => {
    // The file is the user's own and writable; its folder is not (owned by root, or 0555).
    const file = FILE[subject];
    const result = await runUnprivileged({
      layout: {
        dirs: [{ path: folderOf(subject), mode: 0o555 }],
        files: [{ path: file, contents: OLD_OF[subject], mode: 0o600, ...nobodyOwns }],
      },
      fault: asNobody,
      op: opFor(subject, NEW),
    });
    expect(result.uid).not.toBe(0);
    const error = reportedError(subject, result);
    expectCode(subject, error, 'permission-denied');
    expect(error?.message).toMatch(
      subject === 'export' ? /permission denied/ : /no permission to create files in .*\(EACCES\)/,
    );
    expectUnchanged(result.before, result.after, file, OLD_OF[subject], 0o600);
  });

  // Not export: an export replaces its own files whatever their mode (export-writer.ts decides).
  it.each(SAVED)('a read-only file (0444) in a writable folder: %s reports read-only-file', async (subject) => {
    const file = FILE[subject];
    const result = await runUnprivileged({
      layout: {
        dirs: [{ path: folderOf(subject), mode: 0o755, ...nobodyOwns }],
        files: [{ path: file, contents: OLD_OF[subject], mode: 0o444, ...nobodyOwns }],
      },
      fault: asNobody,
      op: opFor(subject, NEW),
    });
    expect(result.uid).not.toBe(0);
    const error = reportedError(subject, result);
    expectCode(subject, error, 'read-only-file');
    expect(error?.message).toMatch(/is read-only \(EACCES\)/);
    expectUnchanged(result.before, result.after, file, OLD_OF[subject], 0o444);
  });
});
