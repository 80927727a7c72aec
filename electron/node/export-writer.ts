/**
 * Writes an export into a folder all or nothing: the operator finds either the complete previous
 * export or the complete new one, never a mix, whatever fails on the way (disk full, permission
 * denied, a read-only file system, a failed rename).
 *
 *  1. Check first, touching nothing: every path stays inside the folder; no symbolic link inside
 *     it is followed (a linked `nginx/` could send the files anywhere); a folder under `/proc` or
 *     another kernel file system is refused at once (Node's recursive mkdir spins there forever);
 *     existing files are replaced only with `overwrite`, and an existing `.env` is then merged
 *     (`shared/export/dotenv-merge`: the operator's values are kept) — one it cannot read safely
 *     stops the export with a code and a line:column.
 *  2. Stage: write every file into a temporary folder on the same file system — inside the target
 *     folder when it exists, beside it when not — with its mode, and fsync every file and folder.
 *  3. Swap: a new folder is renamed into place in one step. Into an existing folder, each file is
 *     first hard-linked into the staging folder as a backup, then each new file is renamed over
 *     its target; if any rename (or the final folder sync) fails, the files already moved are put
 *     back from the backups, so the previous export is byte-identical again.
 *  4. Clean up the staging folder (and any folder the failed attempt created).
 *
 * Every failure is a coded `ExportWriteFailure` whose message names the real cause and the file,
 * e.g. `export-disk-full: no space left on device while writing .env`. The file-system calls go
 * through `ExportFs`, so tests inject failures at any step.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import {
  describeDotenvMerge,
  mergeDotenv,
  type DotenvMergeReport,
  type DotenvProblemCode,
} from '../../shared/export/dotenv-merge';
import { divergingSharedValues } from '../../shared/export/hosts/env-agreement';
import { isExportDotenvPath, isSafeRelativePath } from '../../shared/ipc/index';
import { readTextFile } from './files';

/** A file to write: a relative path with forward slashes, its text and its mode (0o600 for `.env`). */
export interface ExportFileToWrite {
  readonly path: string;
  readonly contents: string;
  readonly mode: number;
}

export type ExportWriteCode =
  /** Files of the export already exist and `overwrite` was not given (`paths` lists them). */
  | 'export-exists'
  /** A symbolic link inside the export folder, where the export would write. */
  | 'export-symlink'
  /** Something that is not a folder where the export needs one (or a folder where it needs a file). */
  | 'export-not-a-folder'
  /** The folder is on a kernel file system (`/proc`, `/sys`, …), not one for files. */
  | 'export-special-filesystem'
  /** A file path that is absolute, has `..` or other characters an export never writes. */
  | 'export-unsafe-path'
  | 'export-disk-full'
  | 'export-permission-denied'
  | 'export-read-only'
  /** The existing `.env` cannot be read (too large, not UTF-8, I/O error). */
  | 'export-env-unreadable'
  /** Any other error of the file system; the message has the system's own code. */
  | 'export-io'
  /** The existing `.env` has a line Portolan cannot keep safely (`location` says where). */
  | DotenvProblemCode;

export interface ExportWriteFailure {
  readonly code: ExportWriteCode;
  /** Starts with the code: `export-disk-full: no space left on device while writing .env`. */
  readonly message: string;
  /** For `export-exists`: the files that exist, relative to the folder. */
  readonly paths?: readonly string[];
  /** For a `.env` problem: where it is (`file` is the path of the `.env` on disk). */
  readonly location?: { readonly file: string; readonly line: number; readonly column: number };
}

export type ExportWriteResult =
  | {
      readonly ok: true;
      /** The folder written (the real path when `out` is a symbolic link to a folder). */
      readonly folder: string;
      /** Every file, in the order given. */
      readonly written: readonly string[];
      /** Files that existed and were replaced (or, for `.env`, merged). */
      readonly replaced: readonly string[];
      /** When an existing `.env` was merged: what changed, by name. */
      readonly env?: DotenvMergeReport;
      /** Things worth telling that did not stop the export (a leftover temporary folder, …). */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly error: ExportWriteFailure };

/** The file-system calls the writer makes; `nodeExportFs` is the real one, tests wrap it. */
export interface ExportFs {
  lstat(path: string): Promise<Stats>;
  stat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  /** The file system's type (Linux magic number), or undefined where the platform cannot say. */
  fsType(path: string): Promise<number | undefined>;
  readdir(path: string): Promise<string[]>;
  /** One folder (not recursive: a missing parent is an error). */
  mkdir(path: string, mode: number): Promise<void>;
  /** Creates a new file (never replaces one), writes it, sets `mode` exactly and flushes it to disk. */
  writeFile(path: string, contents: string, mode: number): Promise<void>;
  /** Flushes a folder's entries to disk (a no-op where folders cannot be synced). */
  syncFolder(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, path: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  /** Removes a folder and everything in it (never follows links). */
  rmTree(path: string): Promise<void>;
}

const errnoOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

export const nodeExportFs: ExportFs = {
  lstat: (path) => fs.lstat(path),
  stat: (path) => fs.stat(path),
  realpath: (path) => fs.realpath(path),
  fsType: async (path) => {
    if (process.platform !== 'linux') return undefined;
    return fs.statfs(path).then(
      (s) => Number(s.type),
      () => undefined,
    );
  },
  readdir: (path) => fs.readdir(path),
  mkdir: async (path, mode) => {
    await fs.mkdir(path, { mode });
  },
  writeFile: async (path, contents, mode) => {
    const handle = await fs.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.chmod(mode); // the umask must not change it: .env stays 0600, the rest 0644
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  syncFolder: async (path) => {
    const dir = await fs.open(path, 'r').catch((error: unknown) => {
      // Windows cannot open a folder; nothing to sync there.
      if (errnoOf(error) === 'EISDIR' || errnoOf(error) === 'EPERM') return undefined;
      throw error;
    });
    if (!dir) return;
    try {
      await dir.sync().catch((error: unknown) => {
        // File systems that cannot sync a folder say so; a real I/O failure is an error.
        if (!['EINVAL', 'ENOTSUP', 'EBADF', 'EISDIR', 'EPERM'].includes(errnoOf(error) ?? '')) throw error;
      });
    } finally {
      await dir.close();
    }
  },
  rename: (from, to) => fs.rename(from, to),
  link: (existing, path) => fs.link(existing, path),
  copyFile: (from, to) => fs.copyFile(from, to, constants.COPYFILE_EXCL),
  chmod: (path, mode) => fs.chmod(path, mode),
  unlink: (path) => fs.unlink(path),
  rmdir: (path) => fs.rmdir(path),
  rmTree: (path) => fs.rm(path, { recursive: true, force: true }),
};

/** Kernel file systems no export belongs on (Linux `statfs` magic numbers). */
const SPECIAL_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x1cd1, 'devpts'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x62656570, 'configfs'],
  [0xde5e81e4, 'efivarfs'],
  [0xf97cff8c, 'selinuxfs'],
  [0x19800202, 'mqueue'],
  [0x6e736673, 'nsfs'],
]);
const SPECIAL_ROOTS = ['/proc', '/sys'];

/** Largest `.env` a re-export reads back (a real one is a few kilobytes). */
export const MAX_PREVIOUS_ENV_BYTES = 1024 * 1024;

const STAGING = /^\.portolan-export-[0-9a-f]{12}\.tmp$/;
const stagingName = (prefix = '') => `${prefix}.portolan-export-${randomBytes(6).toString('hex')}.tmp`;

/** A failure with its code, thrown inside the writer and returned as data at its edge. */
class Failure extends Error {
  constructor(readonly failure: ExportWriteFailure) {
    super(failure.message);
  }
}

const fail = (code: ExportWriteCode, message: string, extra: Partial<ExportWriteFailure> = {}): never => {
  throw new Failure({ code, message: `${code}: ${message}`, ...extra });
};

/** The code and words for a system error, e.g. ENOSPC → `export-disk-full`, "no space left on device". */
export function describeErrno(error: unknown): { code: ExportWriteCode; reason: string } {
  const errno = errnoOf(error);
  switch (errno) {
    case 'ENOSPC':
      return { code: 'export-disk-full', reason: 'no space left on device' };
    case 'EDQUOT':
      return { code: 'export-disk-full', reason: 'disk quota exceeded' };
    case 'EACCES':
    case 'EPERM':
      return { code: 'export-permission-denied', reason: 'permission denied' };
    case 'EROFS':
      return { code: 'export-read-only', reason: 'read-only file system' };
    default: {
      const text = error instanceof Error ? error.message : String(error);
      return { code: 'export-io', reason: errno && !text.startsWith(errno) ? `${errno}: ${text}` : text };
    }
  }
}

/** Runs one step; a system error becomes a coded failure saying what was being done. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Failure) throw error;
    const { code, reason } = describeErrno(error);
    return fail(code, `${reason} while ${what}`);
  }
}

const isMissing = (error: unknown) => errnoOf(error) === 'ENOENT';

/** `lstat`, or undefined when nothing is there. */
async function lstatOrNone(io: ExportFs, path: string, what: string): Promise<Stats | undefined> {
  try {
    return await io.lstat(path);
  } catch (error) {
    if (isMissing(error)) return undefined;
    const { code, reason } = describeErrno(error);
    return fail(code, `${reason} while ${what}`);
  }
}

/**
 * Refuses a folder on a kernel file system before anything is created: by path (`/proc/…`,
 * `/sys/…`, also after resolving links) and by the type of the nearest existing folder.
 * Returns that folder and the names below it that do not exist yet.
 */
async function checkFileSystem(io: ExportFs, out: string): Promise<{ real: string; missing: string[] }> {
  const refuse = (kind: string) =>
    fail(
      'export-special-filesystem',
      `${out} is on ${kind}, a kernel file system that holds no files; choose a folder on a disk`,
    );
  const rootOf = (path: string) => SPECIAL_ROOTS.find((r) => path === r || path.startsWith(`${r}/`));
  if (rootOf(out) !== undefined) refuse(rootOf(out)!);
  const missing: string[] = [];
  let existing = out;
  for (;;) {
    const stats = await lstatOrNone(io, existing, `looking at ${existing}`);
    if (stats) break;
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(existing.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    existing = parent;
  }
  const real = await step(`resolving ${existing}`, () => io.realpath(existing));
  if (rootOf(real) !== undefined) refuse(rootOf(real)!);
  const type = await io.fsType(real).catch(() => undefined);
  const special = type === undefined ? undefined : SPECIAL_FILESYSTEMS.get(type);
  if (special !== undefined) refuse(special);
  return { real, missing };
}

interface Target {
  readonly file: ExportFileToWrite;
  /** Folders of its path (relative), shallow first, e.g. `nginx` for `nginx/nginx.conf`. */
  readonly folders: readonly string[];
  readonly exists: boolean;
}

/**
 * Looks at every target inside `root` without following links: a link anywhere on a path, a
 * file where a folder is needed or a folder where the file goes is refused.
 */
async function inspectTargets(
  io: ExportFs,
  root: string,
  files: readonly ExportFileToWrite[],
  rootExists: boolean,
): Promise<Target[]> {
  const seen = new Map<string, 'file' | 'folder'>();
  const targets: Target[] = [];
  const checked = new Map<string, Stats | undefined>();
  const look = async (rel: string) => {
    if (!rootExists) return undefined;
    if (!checked.has(rel)) checked.set(rel, await lstatOrNone(io, join(root, rel), `looking at ${rel}`));
    return checked.get(rel);
  };
  for (const file of files) {
    if (!isSafeRelativePath(file.path))
      fail('export-unsafe-path', `refusing to write ${JSON.stringify(file.path)}: not a plain relative path`);
    const segments = file.path.split('/');
    const folders = segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'));
    for (const folder of folders) {
      if (seen.get(folder) === 'file')
        fail('export-unsafe-path', `${folder} is both a file and a folder of the export`);
      seen.set(folder, 'folder');
      const stats = await look(folder);
      if (stats?.isSymbolicLink())
        fail(
          'export-symlink',
          `${folder} in ${root} is a symbolic link; Portolan does not follow links inside an export folder (replace it with a real folder, or export elsewhere)`,
        );
      if (stats && !stats.isDirectory())
        fail('export-not-a-folder', `${folder} in ${root} is not a folder, but the export writes ${file.path} in it`);
    }
    if (seen.has(file.path)) fail('export-unsafe-path', `${file.path} appears twice in the export`);
    seen.set(file.path, 'file');
    const stats = await look(file.path);
    if (stats?.isSymbolicLink())
      fail(
        'export-symlink',
        `${file.path} in ${root} is a symbolic link; Portolan does not write through links inside an export folder (remove it, or export elsewhere)`,
      );
    if (stats?.isDirectory()) fail('export-not-a-folder', `${file.path} in ${root} is a folder, not a file`);
    targets.push({ file, folders, exists: stats !== undefined });
  }
  return targets;
}

/** The merge reports of several hosts' `.env` files as one, each name once: what the caller tells the operator. */
function unionReport(reports: readonly DotenvMergeReport[]): DotenvMergeReport {
  const names = (pick: (r: DotenvMergeReport) => readonly string[]) => [...new Set(reports.flatMap(pick))];
  return {
    kept: names((r) => r.kept),
    restored: names((r) => r.restored),
    generated: names((r) => r.generated),
    asked: names((r) => r.asked),
    unused: names((r) => r.unused),
    stillUnused: names((r) => r.stillUnused),
    unfilled: names((r) => r.unfilled),
    differs: names((r) => r.differs),
    notesMoved: reports.reduce((n, r) => n + r.notesMoved, 0),
  };
}

/** Reads the existing `.env` and merges the fresh one into it, or fails with a code and line:column. */
async function mergedEnv(root: string, fresh: ExportFileToWrite) {
  const path = join(root, fresh.path);
  const read = await readTextFile(path, MAX_PREVIOUS_ENV_BYTES);
  if (!read.ok) {
    if (read.code === 'io') {
      const { code, reason } = describeErrno({ code: /\b(E[A-Z]+)\b/.exec(read.message)?.[1] });
      if (code !== 'export-io') return fail(code, `${reason} while reading the existing ${fresh.path}`);
    }
    return fail('export-env-unreadable', `cannot keep the values of the existing ${fresh.path}: ${read.message}`);
  }
  const merged = mergeDotenv(read.text, fresh.contents);
  if (!merged.ok) {
    const { code, line, column, message } = merged.problem;
    if (merged.source === 'fresh')
      return fail('export-io', `the export's own ${fresh.path} does not read back: ${message}`);
    return fail(
      code,
      `${path}:${line}:${column}: ${message}; nothing was written (fix that line, then export again — its values are kept)`,
      { location: { file: path, line, column } },
    );
  }
  return merged;
}

/** Creates each missing folder of `folders` (absolute, shallow first), adding each one to `created` at once. */
async function makeFolders(
  io: ExportFs,
  folders: readonly string[],
  label: (f: string) => string,
  created: string[],
): Promise<void> {
  for (const folder of folders) {
    const stats = await lstatOrNone(io, folder, `looking at ${label(folder)}`);
    if (stats) continue;
    await step(`creating the folder ${label(folder)}`, () => io.mkdir(folder, 0o755));
    created.push(folder);
  }
}

/** Best-effort removal of what a failed attempt created; returns what could not be removed. */
async function removeAll(io: ExportFs, paths: readonly string[], how: 'rmdir' | 'rmTree'): Promise<string[]> {
  const left: string[] = [];
  for (const path of paths) await io[how](path).catch(() => left.push(path));
  return left;
}

export interface ExportWriteOptions {
  /** Replace existing files (and merge an existing `.env`); without it they refuse the export. */
  readonly overwrite: boolean;
  readonly fs?: ExportFs;
}

/**
 * Writes `files` into the folder `out` all or nothing (see the module comment). Never throws:
 * every failure comes back as `{ ok: false, error }` with the previous export untouched.
 */
export async function writeExportFiles(
  out: string,
  files: readonly ExportFileToWrite[],
  options: ExportWriteOptions,
): Promise<ExportWriteResult> {
  const io = options.fs ?? nodeExportFs;
  try {
    return await writeAll(io, resolve(out), files, options.overwrite);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: error.failure };
    const { code, reason } = describeErrno(error);
    return { ok: false, error: { code, message: `${code}: ${reason}` } };
  }
}

async function writeAll(
  io: ExportFs,
  out: string,
  files: readonly ExportFileToWrite[],
  overwrite: boolean,
): Promise<ExportWriteResult> {
  const { real, missing } = await checkFileSystem(io, out);
  const outExists = missing.length === 0;
  let root = join(real, ...missing);
  if (outExists) {
    const stats = await step(`looking at ${out}`, () => io.stat(out));
    if (!stats.isDirectory()) fail('export-not-a-folder', `${out} is not a folder`);
    root = real; // a --out that is itself a link to a folder is written through to that folder
  }
  const targets = await inspectTargets(io, root, files, outExists);
  const existing = targets.filter((t) => t.exists).map((t) => t.file.path);
  if (existing.length > 0 && !overwrite)
    fail('export-exists', `refusing to replace what already exists in ${out}: ${existing.join(', ')}`, {
      paths: existing,
    });

  const warnings: string[] = [];
  let env: DotenvMergeReport | undefined;
  const contents = new Map(files.map((f) => [f.path, f.contents]));
  // The top `.env`, or each host's (`hosts/<host>/.env`, issue 16): every one is merged the same way.
  const reports: DotenvMergeReport[] = [];
  for (const t of targets) {
    if (!isExportDotenvPath(t.file.path) || !t.exists) continue;
    const merged = await mergedEnv(root, t.file);
    contents.set(t.file.path, merged.text);
    if (t.file.path === '.env') env = merged.report;
    else reports.push(merged.report);
  }
  if (env === undefined && reports.length > 0) env = unionReport(reports);
  // Each host's `.env` keeps its own values, so a secret two hosts share can drift apart: say which.
  for (const { name, paths } of divergingSharedValues(
    files.map((f) => ({ path: f.path, text: contents.get(f.path)! })),
  ))
    warnings.push(
      `${name} differs between ${paths.join(', ')}: the hosts share it (DEPLOYMENT.md, "Values shared between hosts"), so give it the same value in each`,
    );
  if (outExists) {
    const names = await io.readdir(root).catch(() => [] as string[]);
    for (const name of names.filter((n) => STAGING.test(n)))
      warnings.push(
        `${join(root, name)} is left from an interrupted export (it may hold the files it replaced); delete it once checked`,
      );
  }

  // 2. Stage everything on the same file system as the targets.
  const createdOutside: string[] = [];
  const staging = outExists ? join(root, stagingName()) : join(dirname(root), stagingName(`.${missing.at(-1)}`));
  const folderNames = [...new Set(targets.flatMap((t) => t.folders))];
  const createdInside: string[] = [];
  const moved: { target: Target; backup?: string }[] = [];
  let backups: Map<string, string> | undefined;
  let stagingMade = false;
  try {
    // The parents of a new --out ("created when missing").
    if (!outExists)
      await makeFolders(
        io,
        missing.slice(0, -1).map((_, i) => join(real, ...missing.slice(0, i + 1))),
        (f) => f,
        createdOutside,
      );
    // A new export's staging folder becomes the export folder; inside one it stays private.
    await step(`creating a temporary folder in ${dirname(staging)}`, () =>
      io.mkdir(staging, outExists ? 0o700 : 0o755),
    );
    stagingMade = true;
    for (const folder of folderNames)
      await step(`creating the folder ${folder}`, () => io.mkdir(join(staging, folder), 0o755));
    for (const t of targets)
      await step(`writing ${t.file.path}`, () =>
        io.writeFile(join(staging, t.file.path), contents.get(t.file.path)!, t.file.mode),
      );
    for (const folder of [...folderNames].reverse())
      await step(`syncing the folder ${folder}`, () => io.syncFolder(join(staging, folder)));
    await step('syncing the temporary folder', () => io.syncFolder(staging));

    if (!outExists) {
      // 3a. A new folder appears whole, in one rename.
      await step(`moving the export into place as ${out}`, () => io.rename(staging, root));
      stagingMade = false;
      // In place: a failed sync of the parent no longer undoes anything, so it is only told.
      await io
        .syncFolder(dirname(root))
        .catch((e: unknown) => warnings.push(`could not sync ${dirname(root)}: ${describeErrno(e).reason}`));
      return {
        ok: true,
        folder: root,
        written: files.map((f) => f.path),
        replaced: [],
        ...(env ? { env } : {}),
        warnings,
      };
    }

    // 3b. Keep every file about to be replaced (a hard link costs no space), then swap each in.
    backups = new Map();
    const backupRoot = join(staging, '.previous');
    await step('creating the backup folder', () => io.mkdir(backupRoot, 0o700));
    for (const folder of folderNames)
      await step(`creating the backup folder ${folder}`, () => io.mkdir(join(backupRoot, folder), 0o700));
    for (const t of targets.filter((x) => x.exists)) {
      const target = join(root, t.file.path);
      const backup = join(backupRoot, t.file.path);
      await step(`keeping a copy of ${t.file.path}`, async () => {
        try {
          await io.link(target, backup);
        } catch (error) {
          // File systems without hard links: a copy, with the same mode.
          if (!['EPERM', 'ENOTSUP', 'EXDEV', 'EMLINK', 'ENOSYS', 'EOPNOTSUPP'].includes(errnoOf(error) ?? ''))
            throw error;
          await io.copyFile(target, backup);
          await io.chmod(backup, (await io.lstat(target)).mode & 0o7777);
        }
      });
      backups.set(t.file.path, backup);
    }
    await makeFolders(
      io,
      folderNames.map((f) => join(root, f)),
      (f) => f.slice(root.length + 1),
      createdInside,
    );
    for (const t of targets) {
      await step(`moving ${t.file.path} into place`, () =>
        io.rename(join(staging, t.file.path), join(root, t.file.path)),
      );
      moved.push({ target: t, ...(backups.has(t.file.path) ? { backup: backups.get(t.file.path)! } : {}) });
    }
    for (const folder of [...folderNames].reverse())
      await step(`syncing the folder ${folder}`, () => io.syncFolder(join(root, folder)));
    await step(`syncing ${out}`, () => io.syncFolder(root));
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    // 4. Put back what was moved, newest first, then remove what this attempt created.
    const notRestored: string[] = [];
    for (const { target, backup } of moved.reverse()) {
      const path = join(root, target.file.path);
      const undo = backup === undefined ? io.unlink(path) : io.rename(backup, path);
      await undo.catch(() => notRestored.push(target.file.path));
    }
    if (moved.length > 0) await io.syncFolder(root).catch(() => undefined);
    await removeAll(io, [...createdInside].reverse(), 'rmdir');
    if (notRestored.length === 0 && stagingMade) await removeAll(io, [staging], 'rmTree');
    await removeAll(io, [...createdOutside].reverse(), 'rmdir');
    const unchanged = outExists
      ? notRestored.length === 0
        ? '; the previous export is unchanged'
        : `; could not put back ${notRestored.join(', ')}: the previous files are in ${join(staging, '.previous')}`
      : '; nothing was written';
    throw new Failure({ ...error.failure, message: `${error.failure.message}${unchanged}` });
  }
  // 5. Done: the backups and the emptied staging folder go.
  const left = await removeAll(io, [staging], 'rmTree');
  for (const path of left) warnings.push(`could not remove the temporary folder ${path}; delete it`);
  return {
    ok: true,
    folder: root,
    written: files.map((f) => f.path),
    replaced: existing,
    ...(env ? { env } : {}),
    warnings,
  };
}

/** `describeDotenvMerge`, re-exported for the CLI and the desktop shell. */
export { describeDotenvMerge };
