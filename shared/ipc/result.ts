/**
 * How every IPC call answers: a value, or an error that crosses the process boundary as plain
 * data (an Error thrown in main would reach the renderer as an opaque string).
 */
export type IpcErrorCode =
  | 'invalid-request'
  | 'forbidden'
  | 'unknown-channel'
  | 'not-found'
  | 'not-allowed'
  | 'too-large'
  | 'not-utf8'
  | 'io'
  /** The file is a picture (or named as one) that carries no readable Portolan project. */
  | 'not-a-project'
  | 'internal'
  // A desktop export that changed nothing (electron/node/export-writer.ts names the cause):
  /** Files of the export already exist and replacing them was not confirmed. */
  | 'export-exists'
  /** A symbolic link inside the export folder, where the export would write. */
  | 'export-symlink'
  /** A file where the export needs a folder, or the other way round. */
  | 'export-not-a-folder'
  /** The folder is on a kernel file system (`/proc`, `/sys`, …). */
  | 'export-special-filesystem'
  | 'export-disk-full'
  | 'export-permission-denied'
  | 'export-read-only'
  /** The folder's existing `.env` cannot be read (too large, not UTF-8). */
  | 'env-unreadable'
  /** The folder's existing `.env` has a line Portolan cannot keep safely (the message says line:column). */
  | 'env-invalid';

export interface IpcError {
  readonly ok: false;
  readonly code: IpcErrorCode;
  readonly message: string;
}

export interface IpcOk<T> {
  readonly ok: true;
  readonly value: T;
}

export type IpcResult<T> = IpcOk<T> | IpcError;

export function ipcOk<T>(value: T): IpcOk<T> {
  return { ok: true, value };
}

export function ipcError(code: IpcErrorCode, message: string): IpcError {
  return { ok: false, code, message };
}
