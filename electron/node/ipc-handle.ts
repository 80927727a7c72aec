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
import { APP_ENTRY_URL, APP_SCHEME, localDevServerOrigin } from './app-protocol';

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
  /**
   * The page's own URL: `APP_ENTRY_URL` (`app://portolan/index.html`), or electron-vite's dev
   * server (`http://localhost:<port>/`) in an unpackaged dev start — whatever
   * `rendererSource()` chose, so the sender check and the page load can never disagree.
   */
  readonly pageUrl: string;
}

/**
 * Whether a frame URL is the app's own page. For app://: exactly `app://portolan/index.html`
 * (any hash or query) — another file of the renderer, another host of the scheme, a `file://`
 * page, a remote page, `about:blank` or a data: URL may not call main. For the dev server:
 * a page of that exact loopback http origin.
 */
export function isAppPageUrl(url: string, options: AppPageOptions): boolean {
  let parsed: URL;
  let page: URL;
  try {
    parsed = new URL(url);
    page = new URL(options.pageUrl);
  } catch {
    return false;
  }
  if (page.protocol === `${APP_SCHEME}:`) {
    return (
      options.pageUrl === APP_ENTRY_URL &&
      parsed.protocol === page.protocol &&
      parsed.host === page.host &&
      parsed.username === '' &&
      parsed.password === '' &&
      parsed.pathname === page.pathname
    );
  }
  const devOrigin = localDevServerOrigin(options.pageUrl);
  return devOrigin !== null && parsed.origin === devOrigin;
}
