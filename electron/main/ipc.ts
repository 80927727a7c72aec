/**
 * Registers the IPC handlers (electron/node/ipc-handlers.ts) on Electron's ipcMain, trusting
 * only the app's own page: the URL main loaded into the window (`rendererSource()`), i.e.
 * app://portolan/index.html, or electron-vite's loopback dev server in an unpackaged dev start.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import type { ImportFileRole } from '../../shared/ipc/index';
import { chooseOpenFiles } from './dialogs';
import { createIpcRouter, isAppPageUrl } from '../node/ipc-handle';
import { registerHandlers } from '../node/ipc-handlers';
import type { ShellState } from '../node/shell-state';

const IMPORT_TITLES: { readonly [R in ImportFileRole]: string } = {
  compose: 'Choose compose files to import',
  env: 'Choose .env files',
  proxy: 'Choose reverse-proxy configurations',
};

export function registerIpc(state: ShellState<BrowserWindow>, pageUrl: string): void {
  const router = createIpcRouter(ipcMain, {
    isTrustedSender: (url) => isAppPageUrl(url, { pageUrl }),
    onRefused: (channel, code) => console.warn(`portolan: refused ${channel} (${code})`),
  });
  registerHandlers(router, state, {
    chooseImportFiles: (role, list) => chooseOpenFiles(state.window, IMPORT_TITLES[role], list),
  });
}
