import type { ExportFile } from '../../shared/export/index';
import { createBrowserBridge } from './bridge-browser';

/**
 * What the editor asks of its host: files, export, recovery and the recent list. The desktop
 * app answers through the preload API (`window.portolan`); a plain browser (the web edition,
 * the end-to-end tests) through `bridge-browser.ts`. This is the only file that reads
 * `window.portolan`: the rest of the renderer sees nothing but this interface.
 */
export interface Bridge {
  readonly platform: 'desktop' | 'browser';
  /** Asks for a project file; null when the user cancelled. */
  openProjectFile(): Promise<{ name: string; text: string } | null>;
  /**
   * Saves the project text. `currentName` is the file the project came from (plain Save);
   * without it, or when the host cannot write there, the user picks a place starting from
   * `suggestedName`. Resolves to the saved file's name, null when the user cancelled.
   */
  saveProjectFile(text: string, suggestedName: string, currentName?: string): Promise<string | null>;
  /** Saves every exported file under `folderName`; resolves to what was written, null when cancelled. */
  saveExport(files: readonly ExportFile[], folderName: string): Promise<{ saved: string } | null>;
  /** A recovery copy of the open project, so a reload or crash does not lose work. */
  readonly autosave: {
    load(): string | null;
    save(text: string): void;
    clear(): void;
  };
  /** Recently opened or saved file names, most recent first. */
  readonly recent: {
    list(): string[];
    add(name: string): void;
  };
}

/** The part of the preload API the bridge relies on (see electron/preload/index.ts). */
export interface DesktopApi {
  readonly platform: 'desktop';
}

function isDesktopApi(value: unknown): value is DesktopApi {
  return typeof value === 'object' && value !== null && (value as { platform?: unknown }).platform === 'desktop';
}

/** The preload API, when the page runs inside the desktop app. */
function desktopApi(): DesktopApi | null {
  if (typeof window === 'undefined') return null;
  const api = (window as Window & { portolan?: unknown }).portolan;
  return isDesktopApi(api) ? api : null;
}

/**
 * The desktop implementation. The preload API exposes no file capabilities yet, so files go
 * through Chromium's own pickers and downloads (which Electron serves with native dialogs);
 * each capability moves to `api` as the preload gains it, without touching the callers.
 */
export function createDesktopBridge(api: DesktopApi, fallback: Bridge = createBrowserBridge()): Bridge {
  return { ...fallback, platform: api.platform };
}

let current: Bridge | undefined;

/** The bridge of this page, created once: the browser one keeps file handles between saves. */
export function getBridge(): Bridge {
  if (current === undefined) {
    const api = desktopApi();
    current = api === null ? createBrowserBridge() : createDesktopBridge(api);
  }
  return current;
}
