/**
 * Electron main process: thin glue. Every security decision lives in pure functions in
 * electron/node/window-options.ts (pinned by tests); this file only wires them to Electron.
 */
import { app, BrowserWindow, session } from 'electron';
import { fileURLToPath } from 'node:url';
import {
  isNavigationAllowed,
  isPermissionAllowed,
  mainWindowOptions,
  windowOpenDecision,
} from '../node/window-options';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));

// Every renderer is sandboxed, whatever a window asks for.
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadFile(rendererIndex);
}

// Guards for every web contents, including ones we did not create on purpose.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
});

// Single instance: a second launch focuses the existing window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
      callback(isPermissionAllowed(permission));
    });
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
