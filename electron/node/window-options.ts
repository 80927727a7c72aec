/**
 * Security-relevant window settings for the desktop shell, as pure data so tests can pin them.
 * This module must not import `electron`: the shapes below are structurally compatible with
 * Electron's `WebPreferences` / `BrowserWindowConstructorOptions`, and `electron/main` passes
 * them straight through.
 */

/**
 * The Content-Security-Policy for the renderer: the meta tag in renderer/index.html (a test
 * keeps them equal) and the response header of every app:// and static-server response.
 * `'self'` is the app's own origin, `app://portolan` (electron/node/app-protocol.ts).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; " +
  "script-src 'self'; " +
  "style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; " +
  "font-src 'self'; " +
  "connect-src 'self'; " +
  "object-src 'none'; " +
  "base-uri 'none'; " +
  "form-action 'none'; " +
  "frame-src 'none'";

export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly experimentalFeatures: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  readonly spellcheck: false;
  /** No `auxclick` events: a middle click cannot open anything (Electronegativity AUXCLICK_JS_CHECK). */
  readonly disableBlinkFeatures: 'Auxclick';
  /** Developer tools: never in a packaged build (`false` also ignores `openDevTools()`). */
  readonly devTools: boolean;
}

export interface BuildOptions {
  /** `app.isPackaged`: an installed build, as opposed to a start from the source tree. */
  readonly packaged: boolean;
}

/**
 * `webPreferences` for every Portolan window: isolated, sandboxed, no Node in the page, and no
 * developer tools when packaged.
 */
export function secureWebPreferences(preloadPath: string, build: BuildOptions): SecureWebPreferences {
  if (typeof preloadPath !== 'string' || preloadPath.length === 0) {
    throw new TypeError('secureWebPreferences: preloadPath must be a non-empty path');
  }
  if (typeof build?.packaged !== 'boolean') {
    throw new TypeError('secureWebPreferences: say whether the build is packaged');
  }
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
    devTools: !build.packaged,
  };
}

export const MAIN_WINDOW_WIDTH = 1440;
export const MAIN_WINDOW_HEIGHT = 900;

export interface MainWindowOptions {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly title: string;
  readonly show: boolean;
  readonly webPreferences: SecureWebPreferences;
}

/** Constructor options for the single main window (shown once the first frame is ready). */
export function mainWindowOptions(preloadPath: string, build: BuildOptions): MainWindowOptions {
  return {
    width: MAIN_WINDOW_WIDTH,
    height: MAIN_WINDOW_HEIGHT,
    minWidth: 960,
    minHeight: 600,
    title: 'Portolan',
    show: false,
    webPreferences: secureWebPreferences(preloadPath, build),
  };
}

/**
 * Navigation guard: the editor is a single page, so the top frame never navigates away.
 * (In-page hash changes and reloads do not raise `will-navigate`.)
 */
export function isNavigationAllowed(_fromUrl: string, _toUrl: string): boolean {
  return false;
}

/** New-window guard: `window.open` and `target=_blank` never create windows. */
export function windowOpenDecision(_url: string): { readonly action: 'deny' } {
  return { action: 'deny' };
}

/**
 * The one permission a page may have: writing a picture to the clipboard (Copy diagram as image:
 * `navigator.clipboard.write` with a PNG asks for `clipboard-sanitized-write`; Chromium sanitises
 * what is written, and the page never reads the clipboard).
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/** Permission guard: everything but {@link ALLOWED_PERMISSIONS} — camera, notifications, reading the clipboard — is refused. */
export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.includes(permission);
}
