/**
 * Electron main process: thin glue. Every decision lives in electron/node (security settings,
 * IPC checks, file handling, menu, window state — all tested under plain Node); this file
 * wires them to Electron's APIs.
 */
import { app, BrowserWindow, Menu, nativeTheme, protocol, screen, session, shell } from 'electron';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_SCHEME, createAppProtocolHandler, privilegedSchemes, rendererSource } from '../node/app-protocol';
import { fileFromArgv, isLaunchData, OpenQueue, type LaunchData } from '../node/argv';
import { watchDiskFile } from '../node/disk-state';
import { createDocumentFiles } from '../node/document-files';
import { createDocumentQueries } from '../node/document-query';
import { DOCS_URL, isExternalLinkAllowed } from '../node/external-links';
import { buildMenuTemplate } from '../node/menu-template';
import { createRecentFiles } from '../node/recent-files';
import { createRecoveryJournal } from '../node/recovery-journal';
import { loadWindowState, restoreBounds, saveWindowState } from '../node/window-state';
import { windowTitle } from '../node/window-title';
import {
  isNavigationAllowed,
  isPermissionAllowed,
  MAIN_WINDOW_HEIGHT,
  MAIN_WINDOW_WIDTH,
  mainWindowOptions,
  windowOpenDecision,
} from '../node/window-options';
import { confirmLeaving, openFromOutside } from '../node/document-flow';
import type { ShellState, ShellUi } from '../node/shell-state';
import { askUnsaved, chooseFolder, chooseSaveFile, confirmReplace, fileDialogs, message, showError } from './dialogs';
import { registerIpc } from './ipc';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererRoot = fileURLToPath(new URL('../renderer/', import.meta.url));
const packaged = app.isPackaged;
// Where the page comes from: app://portolan/index.html; only an unpackaged start may use
// electron-vite's loopback dev server, and a packaged one never reads the variable.
const page = rendererSource({ packaged, devServerUrl: () => process.env.ELECTRON_RENDERER_URL });
if (page.kind === 'app' && page.ignored !== undefined) console.warn(`portolan: ${page.ignored}`);

// Every renderer is sandboxed, whatever a window asks for; the theme follows the system.
app.enableSandbox();
// The renderer's own scheme (electron/node/app-protocol.ts): privileges must be set before `ready`.
protocol.registerSchemesAsPrivileged(privilegedSchemes());

const userData = () => app.getPath('userData');
const windowStateFile = () => join(userData(), 'window-state.json');
const opens = new OpenQueue();
/** Quit was asked for (Cmd+Q, the Quit menu item): once the window may close, the app ends too. */
let quitting = false;

// macOS hands files to open (Finder, dock) through this event, possibly before `ready`.
app.on('open-file', (event, path) => {
  event.preventDefault();
  opens.push(path);
});

// Single instance: a second launch hands its command line to this one and quits.
const launch: LaunchData = { argv: process.argv, cwd: process.cwd() };
if (!app.requestSingleInstanceLock(launch)) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

/** The one way out to the system browser: nextAuth documentation links (https, allowlisted) only. */
async function openDocs(url: string): Promise<void> {
  if (isExternalLinkAllowed(url)) await shell.openExternal(url);
}

// Guards for every web contents, including ones we did not create on purpose.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (isNavigationAllowed(contents.getURL(), url)) return;
    event.preventDefault();
    // A plain documentation link in the page opens in the system browser instead.
    void openDocs(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A documentation link clicked in the page opens in the system browser, nothing else does.
    void openDocs(url);
    return windowOpenDecision(url);
  });
});

async function start(): Promise<void> {
  nativeTheme.themeSource = 'system';
  // app://portolan/… answers only with files inside the built renderer folder.
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(isPermissionAllowed(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));

  const ui: ShellUi = {
    send: (channel, payload) => {
      const win = state.window;
      if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
    },
    askUnsaved: (prompt) => askUnsaved(state.window, prompt),
    showError: (text, detail) => showError(state.window, text, detail),
    chooseFolder: (title) => chooseFolder(state.window, title),
    chooseSaveFile: (defaultPath, filters) => chooseSaveFile(state.window, defaultPath, filters),
    confirmReplace: (folderName, existing) => confirmReplace(state.window, folderName, existing),
    openExternal: openDocs,
  };
  const state: ShellState<BrowserWindow> = {
    window: null,
    ui,
    dirty: false,
    path: null,
    menuActions: [],
    watcher: null,
    isDev: !packaged,
    files: createDocumentFiles({
      dialogs: fileDialogs(() => state.window),
      defaultFolder: app.getPath('documents'),
      onWriting: (path, sha256) => {
        if (path === state.path) state.watcher?.expectContents(sha256);
      },
      onCurrent: (path, baseline) => {
        if (path === state.path) state.watcher?.setBaseline(baseline);
      },
    }),
    recent: createRecentFiles({ file: join(userData(), 'recent-files.json') }),
    journal: createRecoveryJournal({ file: join(userData(), 'recovery', 'journal.json') }),
    queries: createDocumentQueries({ send: (requestId) => state.ui.send('document:query', { requestId }) }),
    refreshMenu: () => void refreshMenu(state),
    refreshTitle: () => {
      const win = state.window;
      if (!win || win.isDestroyed()) return;
      win.setTitle(windowTitle(state.path, state.dirty));
      if (process.platform === 'darwin') {
        // The dot in the close button and the proxy icon in the title bar are macOS conventions.
        win.setDocumentEdited(state.dirty);
        win.setRepresentedFilename(state.path ?? '');
      }
    },
    refreshWatcher: () => {
      state.watcher?.close();
      state.watcher = null;
      const path = state.path;
      const baseline = path === null ? undefined : state.files.baseline(path);
      if (path === null || baseline === undefined) return;
      state.watcher = watchDiskFile({
        path,
        baseline,
        onChange: () => state.ui.send('file:changedOnDisk', { path, name: basename(path) }),
      });
    },
  };

  registerIpc(state, page.url);
  await refreshMenu(state);
  await createMainWindow(state);

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const data = isLaunchData(additionalData) ? additionalData : { argv, cwd: workingDirectory };
    const win = state.window;
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const file = fileFromArgv(data.argv, { defaultApp: process.defaultApp === true, cwd: data.cwd });
    if (file !== null) opens.push(file);
  });

  const first = fileFromArgv(process.argv, { defaultApp: process.defaultApp === true, cwd: process.cwd() });
  if (first !== null) opens.push(first);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow(state);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
    void state.journal.flush();
  });
}

async function refreshMenu(state: ShellState<BrowserWindow>): Promise<void> {
  const recent = await state.recent.list().catch(() => []);
  const template = buildMenuTemplate({
    platform: process.platform,
    packaged,
    recent,
    available: state.menuActions,
    actions: {
      command: (command) => state.ui.send('menu:command', { command }),
      openRecent: (path) => void openFromOutside(state, path),
      clearRecent: () => void state.recent.clear().then(() => refreshMenu(state)),
      openDocs: () => void openDocs(DOCS_URL),
      about: () =>
        void message(state.window, {
          type: 'info',
          message: `Portolan ${app.getVersion()}`,
          detail:
            'Draw nextAuth server deployments, check them against the documented rules, export what operators run.',
          buttons: ['OK'],
        }),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as Electron.MenuItemConstructorOptions[]));
}

async function createMainWindow(state: ShellState<BrowserWindow>): Promise<void> {
  const saved = await loadWindowState(windowStateFile());
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const options = mainWindowOptions(preloadPath, { packaged });
  const bounds = restoreBounds(saved, areas, {
    width: MAIN_WINDOW_WIDTH,
    height: MAIN_WINDOW_HEIGHT,
    minWidth: options.minWidth,
    minHeight: options.minHeight,
  });
  const win = new BrowserWindow({
    ...options,
    ...bounds,
    // Restated where the window is made, on purpose: isolation, the sandbox and no auxclick must
    // not rest on a helper staying right, and Electronegativity (which cannot follow the spread)
    // sees them here. secureWebPreferences() returns the same values (test/unit/electron/window-options.test.ts).
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  state.window = win;
  if (saved?.maximized) win.maximize();

  // The title is main's (file name + unsaved mark), not the page's <title>.
  win.on('page-title-updated', (event) => event.preventDefault());
  state.refreshTitle();
  win.once('ready-to-show', () => win.show());
  win.webContents.once('did-finish-load', () => opens.ready((path) => void openFromOutside(state, path)));

  let closing = false;
  let confirming = false;
  win.on('close', (event) => {
    void saveWindowState(windowStateFile(), { bounds: win.getNormalBounds(), maximized: win.isMaximized() }).catch(
      () => undefined,
    );
    if (closing) return;
    event.preventDefault();
    // One prompt at a time, however often the close button is pressed.
    if (confirming) return;
    confirming = true;
    void confirmLeaving(state, 'close').then(async ({ proceed, answered }) => {
      confirming = false;
      if (!proceed) {
        quitting = false;
        return;
      }
      // A clean close drops the crash journal; if the page did not answer, keep it for next time.
      if (answered) await state.journal.clear();
      closing = true;
      win.close();
      if (quitting) app.quit();
    });
  });
  win.on('closed', () => {
    if (state.window === win) state.window = null;
    state.watcher?.close();
    state.watcher = null;
  });

  await win.loadURL(page.url);
}
