/**
 * The desktop shell's state and services, created once in index.ts and shared by the IPC
 * handlers and the menu: the main window, the open document, the recent list, the journal.
 */
import type { BrowserWindow } from 'electron';
import type { EventChannel, EventPayload } from '../../shared/ipc/index';
import type { DiskWatcher } from '../node/disk-state';
import type { DocumentFiles } from '../node/document-files';
import type { DocumentQueries } from '../node/document-query';
import type { RecentFiles } from '../node/recent-files';
import type { RecoveryJournal } from '../node/recovery-journal';

export interface ShellState {
  window: BrowserWindow | null;
  /** What the page last reported through `document:state`. */
  dirty: boolean;
  path: string | null;
  watcher: DiskWatcher | null;
  readonly files: DocumentFiles;
  readonly recent: RecentFiles;
  readonly journal: RecoveryJournal;
  readonly queries: DocumentQueries;
  readonly isDev: boolean;
  /** Rebuilds the native menu (after the recent list changed). */
  refreshMenu(): void;
  /** Sets the window title and macOS's edited mark from `path` and `dirty`. */
  refreshTitle(): void;
  /** Watches `path` for external changes (or stops watching when there is none). */
  refreshWatcher(): void;
}

/** Sends a typed event to the page, if the window is there. */
export function sendToPage<C extends EventChannel>(state: ShellState, channel: C, payload: EventPayload<C>): void {
  const win = state.window;
  if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
}
