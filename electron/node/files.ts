import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type ReadFailure = {
  readonly ok: false;
  readonly code: 'not-found' | 'is-directory' | 'file-too-large' | 'not-utf8' | 'io';
  readonly message: string;
};
export type ReadResult = { readonly ok: true; readonly text: string } | ReadFailure;

/**
 * Reads a UTF-8 text file, refusing files over `maxBytes` before reading them and bytes
 * that are not valid UTF-8 (a binary file is not silently turned into replacement characters).
 */
export async function readTextFile(path: string, maxBytes: number): Promise<ReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, constants.O_RDONLY);
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, code: 'is-directory', message: `${path} is a folder, not a file` };
    if (stat.size > maxBytes) {
      return {
        ok: false,
        code: 'file-too-large',
        message: `${path} is ${stat.size} bytes, over the ${maxBytes}-byte limit; refusing to read it`,
      };
    }
    const bytes = await handle.readFile();
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
    } catch {
      return { ok: false, code: 'not-utf8', message: `${path} is not UTF-8 text` };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, code: 'not-found', message: `${path} does not exist` };
    if (code === 'EISDIR') return { ok: false, code: 'is-directory', message: `${path} is a folder, not a file` };
    return { ok: false, code: 'io', message: `cannot read ${path}: ${(error as Error).message}` };
  } finally {
    await handle?.close();
  }
}

/** The stat fields the writer reads. */
export interface FileStats {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** The calls the writer makes on an open file. */
export interface WriteHandle {
  /** Text is written as UTF-8; bytes (a rendered picture) as they are. */
  writeFile(data: string | Uint8Array, encoding: 'utf8'): Promise<void>;
  stat(): Promise<FileStats>;
  chmod(mode: number): Promise<void>;
  chown(uid: number, gid: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file-system calls `writeFileAtomic` makes — Node's `fs.promises` unless a caller passes
 * another (the fault-injection tests pass one that fails on the Nth call of an operation).
 */
export interface WriteFs {
  lstat(path: string): Promise<FileStats>;
  realpath(path: string): Promise<string>;
  access(path: string, mode: number): Promise<void>;
  open(path: string, flags: string, mode?: number): Promise<WriteHandle>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, path: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
}

export const nodeWriteFs: WriteFs = {
  lstat: (path) => fs.lstat(path),
  realpath: (path) => fs.realpath(path),
  access: (path, mode) => fs.access(path, mode),
  open: (path, flags, mode) => fs.open(path, flags, mode),
  rename: (from, to) => fs.rename(from, to),
  link: (existing, path) => fs.link(existing, path),
  unlink: (path) => fs.unlink(path),
  readdir: (path) => fs.readdir(path),
};

export interface WriteOptions {
  /**
   * The file's mode after the write, new or replaced (e.g. 0o600 for `.env`): the caller's
   * decision wins over the mode a replaced file had.
   */
  readonly mode?: number;
  /**
   * Without `mode`: the mode of a new file (default 0o644, less what the umask removes); a
   * replaced file keeps its own mode, owner and group.
   */
  readonly newFileMode?: number;
  /** Replace an existing file; without it an existing target is an error. */
  readonly overwrite?: boolean;
  /**
   * What to do when the target is a symbolic link (with `overwrite`): `follow` writes through
   * it to the file it points at (the link stays a link — what a save of a symlinked project
   * does); `refuse` (the default) fails with the code `is-symlink`, so a link planted in an
   * export folder is never followed.
   */
  readonly symlinks?: 'follow' | 'refuse';
  /** The file system to use (tests inject faults through it). */
  readonly fs?: WriteFs;
}

/** Why a write failed, one code per cause a user can act on. */
export type WriteFailureCode =
  /** The target exists and replacing it was not asked for. */
  | 'exists'
  /** The file system is full (ENOSPC) or the user's quota is used up (EDQUOT). */
  | 'no-space'
  /** No permission to create the temporary file or to replace the target (EACCES, EPERM). */
  | 'permission-denied'
  /** The target file itself is not writable (its mode, or an immutable flag). */
  | 'read-only-file'
  /** The folder is on a file system mounted read-only (EROFS). */
  | 'read-only-fs'
  /** The folder to write into does not exist. */
  | 'folder-missing'
  /** The target is a folder or another non-regular file. */
  | 'not-a-file'
  /** The target is a symbolic link and following it was not asked for. */
  | 'is-symlink'
  /** The target is a symbolic link to nothing. */
  | 'broken-symlink'
  /** The new file could not be moved onto the target across file systems (EXDEV). */
  | 'cross-device'
  /** The target is in use: a mount point, a running program (EBUSY, ETXTBSY). */
  | 'busy'
  /** Any other input/output failure (EIO, …); the message carries the system's code. */
  | 'io';

/** Where in the write a failure happened. */
export type WriteStep = 'inspect' | 'create' | 'write' | 'chmod' | 'sync' | 'rename';

/**
 * A failed write. The target is as it was (the new contents only ever went to a temporary
 * file, which is removed); `reason` names the real cause in words with the system's code,
 * e.g. `no space left on the file system holding /home/ana (ENOSPC)`.
 */
export class WriteError extends Error {
  constructor(
    readonly code: WriteFailureCode,
    /** The path the caller asked to write. */
    readonly path: string,
    readonly reason: string,
    readonly detail: {
      readonly step: WriteStep;
      /** The system's error code (`ENOSPC`), when the failure came from a system call. */
      readonly errno?: string;
      /** Whether a file was there before (it still is, unchanged). */
      readonly existed: boolean;
      /** A temporary file that could not be removed (rare: the folder went read-only mid-write). */
      readonly tempLeft?: string;
      readonly cause?: unknown;
    },
  ) {
    super(
      `cannot write ${path}: ${reason}` +
        (detail.tempLeft ? ` (the temporary file ${detail.tempLeft} could not be removed)` : ''),
      detail.cause === undefined ? undefined : { cause: detail.cause },
    );
  }
}

export class TargetExistsError extends WriteError {
  /** The system's name for the condition, for callers that compare errno codes. */
  readonly errno = 'EEXIST';
  constructor(path: string) {
    super('exists', path, 'it already exists', { step: 'inspect', existed: true });
    this.message = `${path} already exists (use --force to replace it)`;
  }
}

const TEMP_SUFFIX = '.tmp';

const errnoOf = (error: unknown): string | undefined => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

interface FailureContext {
  readonly path: string;
  /** The file really written (the target of a followed symlink). */
  readonly target: string;
  readonly step: WriteStep;
  readonly existed: boolean;
  readonly tempLeft?: string;
}

/** Turns a system error into a WriteError that names the cause a user can act on. */
function failure(error: unknown, ctx: FailureContext): WriteError {
  if (error instanceof WriteError) return error;
  const errno = errnoOf(error);
  const folder = dirname(ctx.target);
  const tail = errno ? ` (${errno})` : '';
  const make = (code: WriteFailureCode, reason: string) =>
    new WriteError(code, ctx.path, reason, {
      step: ctx.step,
      errno,
      existed: ctx.existed,
      tempLeft: ctx.tempLeft,
      cause: error,
    });
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return make(
        'no-space',
        errno === 'EDQUOT'
          ? `the disk quota for ${folder} is used up${tail}`
          : `no space left on the file system holding ${folder}${tail}`,
      );
    case 'EROFS':
      return make('read-only-fs', `${folder} is on a read-only file system${tail}`);
    case 'EACCES':
    case 'EPERM':
      if (ctx.step === 'inspect') return make('permission-denied', `no permission to look into ${folder}${tail}`);
      if (ctx.step === 'create') return make('permission-denied', `no permission to create files in ${folder}${tail}`);
      if (ctx.step === 'rename') return make('permission-denied', `no permission to replace ${ctx.target}${tail}`);
      return make('permission-denied', `permission denied while writing beside ${ctx.target}${tail}`);
    case 'ENOENT':
    case 'ENOTDIR':
      if (ctx.step === 'create' || ctx.step === 'inspect') {
        return make('folder-missing', `the folder ${folder} does not exist${tail}`);
      }
      return make('io', `the file or its folder disappeared while writing${tail}`);
    case 'EISDIR':
      return make('not-a-file', `${ctx.target} is a folder, not a file${tail}`);
    case 'EXDEV':
      return make('cross-device', `the new file could not be moved onto ${ctx.target}: another file system${tail}`);
    case 'EBUSY':
    case 'ETXTBSY':
      return make('busy', `${ctx.target} is in use${tail}`);
    default: {
      const what = errno ?? (error as Error | null)?.message ?? String(error);
      const during: Record<WriteStep, string> = {
        inspect: 'checking the file',
        create: 'creating the temporary file',
        write: 'writing',
        chmod: 'setting the mode',
        sync: 'flushing to disk',
        rename: 'replacing the file',
      };
      return make('io', `${errno === 'EIO' ? 'input/output error' : 'failure'} while ${during[ctx.step]} (${what})`);
    }
  }
}

/**
 * A WriteError for a failure outside `writeFileAtomic` (creating a folder for it, say); a
 * WriteError passes through unchanged.
 */
export function toWriteError(error: unknown, path: string, step: WriteStep, existed = false): WriteError {
  return failure(error, { path, target: path, step, existed });
}

interface Target {
  /** The file to replace (the end of a followed symlink). */
  readonly real: string;
  /** Its stat before the write; null for a new file. */
  readonly existing: FileStats | null;
}

/** What is at `path` now, following a symlink only when asked. */
async function inspectTarget(fsys: WriteFs, path: string, options: WriteOptions): Promise<Target> {
  const fail = (error: unknown, existed: boolean, target = path) =>
    failure(error, { path, target, step: 'inspect', existed });
  let stats: FileStats;
  try {
    stats = await fsys.lstat(path);
  } catch (error) {
    // Nothing there: a new file (a missing folder is reported when the temporary file is made).
    if (errnoOf(error) === 'ENOENT') return { real: path, existing: null };
    throw fail(error, false);
  }
  if (!options.overwrite) throw new TargetExistsError(path);
  let real = path;
  if (stats.isSymbolicLink()) {
    if ((options.symlinks ?? 'refuse') === 'refuse') {
      throw new WriteError('is-symlink', path, `${path} is a symbolic link; refusing to follow it`, {
        step: 'inspect',
        existed: true,
      });
    }
    try {
      real = await fsys.realpath(path);
      stats = await fsys.lstat(real);
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'ENOENT' || errno === 'ENOTDIR' || errno === 'ELOOP') {
        throw new WriteError('broken-symlink', path, `${path} is a symbolic link to a file that does not exist`, {
          step: 'inspect',
          errno,
          existed: true,
          cause: error,
        });
      }
      throw fail(error, true, real);
    }
  }
  if (!stats.isFile()) {
    throw new WriteError('not-a-file', path, `${real} is ${stats.isDirectory() ? 'a folder' : 'not a regular file'}`, {
      step: 'inspect',
      existed: true,
    });
  }
  // A file the user made read-only stays so: a rename would replace it regardless of its mode.
  try {
    await fsys.access(real, constants.W_OK);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno !== 'EACCES' && errno !== 'EPERM') throw fail(error, true, real);
    const why = errno === 'EPERM' ? 'may not be changed (immutable)' : 'is read-only';
    throw new WriteError('read-only-file', path, `${real} ${why} (${errno})`, {
      step: 'inspect',
      errno,
      existed: true,
      cause: error,
    });
  }
  return { real, existing: stats };
}

/** Removes `temp`; false when it is still there. */
async function removeTemp(fsys: WriteFs, temp: string): Promise<boolean> {
  try {
    await fsys.unlink(temp);
    return true;
  } catch (error) {
    return errnoOf(error) === 'ENOENT';
  }
}

/**
 * Writes a file so that readers only ever see the complete old or the complete new
 * contents: write a temporary file in the same folder, flush it to disk, then rename it
 * over the target (rename within one folder is atomic on POSIX and NTFS).
 *
 * A replaced file keeps what it was: its mode (unless `mode` says otherwise), its owner and
 * group where the process may set them, and — with `symlinks: 'follow'` — a symlink stays a
 * symlink and the file it points at is replaced (the temporary file is made beside that
 * file, so the rename stays within one folder). Any failure leaves the target as it was,
 * removes the temporary file and throws a {@link WriteError} naming the cause.
 */
export async function writeFileAtomic(
  path: string,
  contents: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const fsys = options.fs ?? nodeWriteFs;
  const { real, existing } = await inspectTarget(fsys, path, options);
  const folder = dirname(real);
  const temp = join(folder, `.${basename(real)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  // The final mode, set exactly (no umask) — or undefined: a new file with the default mode.
  const exactMode = options.mode ?? (existing ? existing.mode & 0o7777 : undefined);
  // Created no more open than it will end up, so the contents are never readable by more people.
  const createMode = (exactMode ?? options.newFileMode ?? 0o644) & 0o777;
  let step: WriteStep = 'create';
  let handle: WriteHandle | undefined;
  try {
    handle = await fsys.open(temp, 'wx', createMode);
    step = 'write';
    await handle.writeFile(contents, 'utf8');
    step = 'chmod';
    if (existing) await keepOwner(handle, existing);
    if (exactMode !== undefined) await handle.chmod(exactMode);
    step = 'sync';
    await handle.sync();
    const open = handle;
    handle = undefined;
    await open.close();
    step = 'rename';
    if (options.overwrite) await fsys.rename(temp, real);
    else await publishNew(fsys, temp, real);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // A failed open made no file; anything later leaves a temporary file to remove.
    const removed = step === 'create' || (await removeTemp(fsys, temp));
    throw failure(error, {
      path,
      target: real,
      step,
      existed: existing !== null,
      tempLeft: removed ? undefined : temp,
    });
  }
  if (!options.overwrite) await removeTemp(fsys, temp);
  await syncFolder(fsys, folder);
}

/** Gives the new file the replaced file's owner and group, where the process may (root may). */
async function keepOwner(handle: WriteHandle, existing: FileStats): Promise<void> {
  const mine = await handle.stat();
  if (mine.uid === existing.uid && mine.gid === existing.gid) return;
  // Not permitted for an ordinary user saving someone else's file: it then becomes theirs, as
  // with any editor that saves by rename.
  await handle.chown(existing.uid, existing.gid).catch(() => undefined);
}

/** Whether `name` is a temporary file `writeFileAtomic` made for a file named `target`. */
export function isTempFileOf(name: string, target: string): boolean {
  const prefix = `.${target}.`;
  return name.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length));
}

/**
 * Deletes temporary files left beside `path` (or beside the file a symlink at `path` points
 * at) by writes that a crash or a kill interrupted (a finished or failed write removes its
 * own). Call it when no write of `path` is running.
 */
export async function removeStaleTempFiles(path: string, fsys: WriteFs = nodeWriteFs): Promise<number> {
  const real = await fsys.realpath(path).catch(() => path);
  const target = basename(real);
  const names = await fsys.readdir(dirname(real)).catch(() => [] as string[]);
  const stale = names.filter((name) => isTempFileOf(name, target));
  const removed = await Promise.all(stale.map((name) => removeTemp(fsys, join(dirname(real), name))));
  return removed.filter(Boolean).length;
}

/** Moves `temp` to `path` only if `path` does not exist, without a check-then-write race. */
async function publishNew(fsys: WriteFs, temp: string, path: string): Promise<void> {
  try {
    await fsys.link(temp, path);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EEXIST') throw new TargetExistsError(path);
    // File systems without hard links: fall back to a check followed by a rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    const exists = await fsys.lstat(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new TargetExistsError(path);
    await fsys.rename(temp, path);
  }
}

/** Makes a rename durable where the platform can sync a folder (not on Windows). */
async function syncFolder(fsys: WriteFs, folder: string): Promise<void> {
  const dir = await fsys.open(folder, 'r').catch(() => undefined);
  if (!dir) return;
  await dir.sync().catch(() => undefined);
  await dir.close().catch(() => undefined);
}
