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

export interface WriteOptions {
  /** File mode for a new file (e.g. 0o600 for `.env`). */
  readonly mode?: number;
  /** Replace an existing file; without it an existing target is an error. */
  readonly overwrite?: boolean;
}

export class TargetExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(readonly path: string) {
    super(`${path} already exists (use --force to replace it)`);
  }
}

/**
 * Writes a file so that readers only ever see the complete old or the complete new
 * contents: write a temporary file in the same folder, flush it to disk, then rename it
 * over the target (rename within one folder is atomic on POSIX and NTFS).
 */
export async function writeFileAtomic(path: string, contents: string, options: WriteOptions = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await fs.open(temp, 'wx', options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) await fs.rename(temp, path);
    else await publishNew(temp, path);
  } finally {
    await fs.rm(temp, { force: true });
  }
  await syncFolder(dirname(path));
}

const TEMP_SUFFIX = '.tmp';

/** Whether `name` is a temporary file `writeFileAtomic` made for a file named `target`. */
export function isTempFileOf(name: string, target: string): boolean {
  const prefix = `.${target}.`;
  return name.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length));
}

/**
 * Deletes temporary files left beside `path` by writes that a crash or a kill interrupted
 * (a finished or failed write removes its own). Call it when no write of `path` is running.
 */
export async function removeStaleTempFiles(path: string): Promise<number> {
  const target = basename(path);
  const names = await fs.readdir(dirname(path)).catch(() => [] as string[]);
  const stale = names.filter((name) => isTempFileOf(name, target));
  await Promise.all(stale.map((name) => fs.rm(join(dirname(path), name), { force: true })));
  return stale.length;
}

/** Moves `temp` to `path` only if `path` does not exist, without a check-then-write race. */
async function publishNew(temp: string, path: string): Promise<void> {
  try {
    await fs.link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new TargetExistsError(path);
    // File systems without hard links: fall back to a check followed by a rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    const exists = await fs.lstat(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new TargetExistsError(path);
    await fs.rename(temp, path);
  }
}

/** Makes a rename durable where the platform can sync a folder (not on Windows). */
async function syncFolder(folder: string): Promise<void> {
  const dir = await fs.open(folder, 'r').catch(() => undefined);
  if (!dir) return;
  await dir.sync().catch(() => undefined);
  await dir.close();
}
