/**
 * Registers the IPC handlers (electron/node/ipc-handlers.ts) on Electron's ipcMain, trusting
 * only the app's own page: the built renderer, or electron-vite's dev server in development.
 */
import { ipcMain } from 'electron';
import { pathToFileURL } from 'node:url';
import { createIpcRouter, isAppPageUrl } from '../node/ipc-handle';
import { registerHandlers } from '../node/ipc-handlers';
import type { ShellState } from '../node/shell-state';

export function registerIpc(state: ShellState, rendererIndex: string): void {
  const rendererFileUrl = pathToFileURL(rendererIndex).href;
  const devServerUrl = state.isDev ? process.env.ELECTRON_RENDERER_URL : undefined;
  const router = createIpcRouter(ipcMain, {
    isTrustedSender: (url) => isAppPageUrl(url, { rendererFileUrl, devServerUrl }),
    onRefused: (channel, code) => console.warn(`portolan: refused ${channel} (${code})`),
  });
  registerHandlers(router, state);
}
