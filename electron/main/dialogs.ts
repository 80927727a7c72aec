/**
 * Electron's dialogs behind the small interfaces electron/node asks for. Every dialog is
 * modal to the main window.
 */
import { dialog, type BrowserWindow } from 'electron';
import type { FileDialogs } from '../node/document-files';
import { OPEN_FILTERS, PROJECT_FILTER, type FileFilter } from '../node/open-path';
import type { UnsavedPrompt } from '../node/unsaved';

// Electron's types want mutable arrays; the filters themselves are electron/node's.
const filters = (list: readonly FileFilter[]) => list.map((f) => ({ name: f.name, extensions: [...f.extensions] }));
const PROJECT_FILTERS = filters([PROJECT_FILTER]);

export function fileDialogs(window: () => BrowserWindow | null): FileDialogs {
  return {
    async chooseOpen() {
      const win = window();
      const options = { properties: ['openFile' as const], filters: filters(OPEN_FILTERS) };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSave(defaultPath) {
      const win = window();
      const options = {
        defaultPath,
        filters: PROJECT_FILTERS,
        properties: ['showOverwriteConfirmation' as const],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async confirmOverwriteChanged(name) {
      const answer = await message(window(), {
        type: 'warning',
        message: `${name} was changed by another program.`,
        detail: 'Saving now replaces those changes with yours.',
        buttons: ['Overwrite', 'Save As…', 'Cancel'],
        defaultId: 2,
        cancelId: 2,
      });
      return answer === 0 ? 'overwrite' : answer === 1 ? 'save-as' : 'cancel';
    },
  };
}

/** Where to save a file of the kinds `list` names (the dialog asks before replacing one). */
export async function chooseSaveFile(
  win: BrowserWindow | null,
  defaultPath: string,
  list: readonly FileFilter[],
): Promise<string | null> {
  const options = { defaultPath, filters: filters(list), properties: ['showOverwriteConfirmation' as const] };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Files to open, several at once (the import's compose files, `.env` files, proxy configurations). */
export async function chooseOpenFiles(
  win: BrowserWindow | null,
  title: string,
  list: readonly FileFilter[],
): Promise<string[] | null> {
  const options = { title, filters: filters(list), properties: ['openFile' as const, 'multiSelections' as const] };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
}

export async function chooseFolder(win: BrowserWindow | null, title: string): Promise<string | null> {
  const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export function askUnsaved(win: BrowserWindow | null, prompt: UnsavedPrompt): Promise<number> {
  return message(win, { type: 'warning', ...prompt, buttons: [...prompt.buttons] });
}

export async function message(win: BrowserWindow | null, options: Electron.MessageBoxOptions): Promise<number> {
  const result = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return result.response;
}

export function showError(win: BrowserWindow | null, text: string, detail: string): void {
  void message(win, { type: 'error', message: text, detail, buttons: ['OK'] });
}

/** Whether to replace the files an export would overwrite. */
export async function confirmReplace(
  win: BrowserWindow | null,
  folderName: string,
  existing: readonly string[],
): Promise<boolean> {
  const answer = await message(win, {
    type: 'warning',
    message: `Replace ${existing.length} existing file${existing.length === 1 ? '' : 's'} in ${folderName}?`,
    detail: existing.slice(0, 10).join('\n'),
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  });
  return answer === 0;
}
