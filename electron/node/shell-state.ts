/**
 * The desktop shell's state and services, created once in electron/main/index.ts and shared by
 * the IPC handlers, the menu and the window: the open document, the recent list, the journal,
 * and — behind `ui` — the few things only Electron can do (dialogs, sending to the page,
 * opening a browser). Kept free of `electron` so the handlers run and are tested under Node.
 */
import type { EventChannel, EventPayload, MenuCommand } from '../../shared/ipc/index';
import type { DiskWatcher } from './disk-state';
import type { DocumentFiles } from './document-files';
import type { DocumentQueries } from './document-query';
import type { FileFilter } from './open-path';
import type { RecentFiles } from './recent-files';
import type { RecoveryJournal } from './recovery-journal';
import type { UnsavedPrompt } from './unsaved';

/** What the shell asks of Electron; every dialog is modal to the main window. */
export interface ShellUi {
  /** Sends a typed event to the page, if the window is there. */
  send<C extends EventChannel>(channel: C, payload: EventPayload<C>): void;
  /** Shows the unsaved-changes prompt; resolves to the index of the chosen button. */
  askUnsaved(prompt: UnsavedPrompt): Promise<number>;
  showError(text: string, detail: string): void;
  /** A folder for an export; null when cancelled. */
  chooseFolder(title: string): Promise<string | null>;
  /** Where to save a file (a picture), starting at `defaultPath`; null when cancelled. */
  chooseSaveFile(defaultPath: string, filters: readonly FileFilter[]): Promise<string | null>;
  /** Whether to replace files an export would overwrite (names listed to the user). */
  confirmReplace(folderName: string, existing: readonly string[]): Promise<boolean>;
  /** Opens a URL in the system browser (callers check the allowlist first). */
  openExternal(url: string): Promise<void>;
}

export interface ShellState<W = unknown> {
  /** The main window; only electron/main looks at it. */
  window: W | null;
  /** What the page last reported through `document:state`. */
  dirty: boolean;
  path: string | null;
  /** The menu actions the page said it runs (`menu:setActions`); none until it has loaded. */
  menuActions: readonly MenuCommand[];
  watcher: DiskWatcher | null;
  readonly files: DocumentFiles;
  readonly recent: RecentFiles;
  readonly journal: RecoveryJournal;
  readonly queries: DocumentQueries;
  readonly isDev: boolean;
  readonly ui: ShellUi;
  /** Rebuilds the native menu (after the recent list or the page's actions changed). */
  refreshMenu(): void;
  /** Sets the window title and macOS's edited mark from `path` and `dirty`. */
  refreshTitle(): void;
  /** Watches `path` for external changes (or stops watching when there is none). */
  refreshWatcher(): void;
}
