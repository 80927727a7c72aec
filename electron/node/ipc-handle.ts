/**
 * Registers IPC handlers for main. Every call is checked before its handler runs: the channel
 * must be in the contract, the sender must be the app's own page, and the payload must pass
 * the channel's guard. Handlers never throw across the boundary: failures become
 * `{ ok: false, code, message }`. `ipcMain` is injected so tests drive this without Electron.
 */
import {
  ipcError,
  ipcOk,
  isInvokeChannel,
  REQUEST_GUARDS,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type IpcErrorCode,
  type IpcResult,
} from '../../shared/ipc/index';

/** The parts of Electron's `IpcMainInvokeEvent` the checks read. */
export interface InvokeEventLike {
  readonly senderFrame?: { readonly url: string } | null;
}

/** The part of Electron's `ipcMain` the router uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
}

/** An error a handler throws on purpose, to answer with a specific code. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type InvokeHandler<C extends InvokeChannel> = (
  request: InvokeRequest<C>,
  event: InvokeEventLike,
) => InvokeResponse<C> | Promise<InvokeResponse<C>>;

export interface IpcRouterOptions {
  /** Whether a frame URL is the app's own page (see `isAppPageUrl`). */
  readonly isTrustedSender: (url: string) => boolean;
  /** Told about refused calls (never about payload contents). */
  readonly onRefused?: (channel: string, code: IpcErrorCode) => void;
}

export interface IpcRouter {
  handle<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): void;
  /** The checked listener of a channel, as registered with `ipcMain` (for tests). */
  readonly channels: ReadonlySet<InvokeChannel>;
}

export function createIpcRouter(ipcMain: IpcMainLike, options: IpcRouterOptions): IpcRouter {
  const channels = new Set<InvokeChannel>();
  return {
    channels,
    handle(channel, handler) {
      // The contract is the list of channels: a typo or a channel nobody specified is a bug.
      if (!isInvokeChannel(channel)) throw new Error(`IPC: refusing to register unknown channel ${String(channel)}`);
      if (channels.has(channel)) throw new Error(`IPC: channel ${channel} already has a handler`);
      channels.add(channel);
      const guard = REQUEST_GUARDS[channel];
      ipcMain.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
        const refuse = (code: IpcErrorCode, message: string) => {
          options.onRefused?.(channel, code);
          return ipcError(code, message);
        };
        const url = event?.senderFrame?.url;
        if (typeof url !== 'string' || !options.isTrustedSender(url)) {
          return refuse('forbidden', `${channel}: the sender is not the Portolan window`);
        }
        if (args.length > 1) return refuse('invalid-request', `${channel}: expected one argument`);
        const request = args[0];
        if (!guard(request)) return refuse('invalid-request', `${channel}: the request does not match the contract`);
        try {
          return ipcOk(await handler(request as InvokeRequest<typeof channel>, event));
        } catch (error) {
          if (error instanceof IpcFailure) return ipcError(error.code, error.message);
          return ipcError('internal', `${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    },
  };
}

export interface AppPageOptions {
  /** `file://` URL of the built renderer's index.html. */
  readonly rendererFileUrl: string;
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`), only in development. */
  readonly devServerUrl?: string | undefined;
}

/**
 * Whether a frame URL is the app's own page: exactly the renderer's index.html (any hash or
 * query), or a page of the dev server's origin in development. Anything else — another file,
 * a remote page, `about:blank`, a data: URL — is not allowed to call main.
 */
export function isAppPageUrl(url: string, options: AppPageOptions): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const expected = new URL(options.rendererFileUrl);
    return expected.protocol === 'file:' && parsed.host === expected.host && parsed.pathname === expected.pathname;
  }
  if (options.devServerUrl === undefined || options.devServerUrl === '') return false;
  let dev: URL;
  try {
    dev = new URL(options.devServerUrl);
  } catch {
    return false;
  }
  return (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin;
}
