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
  | 'internal';

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
