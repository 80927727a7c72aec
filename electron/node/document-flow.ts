/**
 * Opening and saving as the user sees it: the unsaved-changes prompt before the document is
 * replaced or the window closed, the recent list, and error dialogs. The decisions are in
 * unsaved.ts, document-query.ts and document-files.ts; this file connects them, with Electron
 * behind `state.ui`.
 */
import { basename } from 'node:path';
import type { DocumentSnapshot, OpenedFile, SavedFile } from '../../shared/ipc/index';
import { DocumentFileError } from './document-files';
import { confirmUnsaved, type UnsavedOutcome } from './document-query';
import type { ShellState } from './shell-state';
import type { UnsavedReason } from './unsaved';

export function confirmLeaving(state: ShellState, reason: UnsavedReason): Promise<UnsavedOutcome> {
  return confirmUnsaved({
    reason,
    queries: state.queries,
    lastKnownDirty: state.dirty,
    ask: (prompt) => state.ui.askUnsaved(prompt),
    save: async (snapshot: DocumentSnapshot) => {
      if (snapshot.text === null) return false;
      const saved = await saveReporting(state, () =>
        state.files.save(snapshot.text as string, snapshot.path ?? undefined, snapshot.suggestedName ?? undefined),
      );
      return saved !== null;
    },
    displayName: (snapshot) => {
      const path = snapshot?.path ?? state.path;
      return path ? basename(path) : (snapshot?.suggestedName ?? null);
    },
  });
}

/** A save with its error shown to the user; null when cancelled or failed. */
export async function saveReporting(
  state: ShellState,
  save: () => Promise<SavedFile | null>,
): Promise<SavedFile | null> {
  try {
    const saved = await save();
    if (saved !== null) await afterSave(state, saved);
    return saved;
  } catch (error) {
    state.ui.showError('The project could not be saved.', (error as Error).message);
    return null;
  }
}

export async function afterSave(state: ShellState, saved: SavedFile): Promise<void> {
  await state.journal.clear();
  await state.recent.add(saved.path).catch(() => undefined);
  state.refreshMenu();
}

/**
 * After a file opened: a project file goes on the recent list. A picture does not — the list
 * holds the files Portolan edits, and a picture's project opens as new work each time.
 */
export async function afterOpen(state: ShellState, opened: OpenedFile): Promise<OpenedFile> {
  if (opened.picture === undefined) {
    await state.recent.add(opened.path).catch(() => undefined);
    state.refreshMenu();
  }
  return opened;
}

/**
 * Reads `path` for the page after the unsaved-changes prompt; null when the user stayed.
 * Throws DocumentFileError when the file cannot be opened.
 */
export async function openPathForPage(state: ShellState, path: string): Promise<OpenedFile | null> {
  const { proceed } = await confirmLeaving(state, 'open-other');
  if (!proceed) return null;
  return afterOpen(state, await state.files.openPath(path));
}

/** Opens a file named outside the page (command line, second launch, recent menu) and shows it. */
export async function openFromOutside(state: ShellState, path: string): Promise<void> {
  try {
    const opened = await openPathForPage(state, path);
    if (opened !== null) state.ui.send('file:opened', opened);
  } catch (error) {
    if (error instanceof DocumentFileError && error.code === 'not-found') {
      await state.recent.remove(path).catch(() => undefined);
      state.refreshMenu();
    }
    state.ui.showError(`Portolan cannot open ${basename(path)}.`, (error as Error).message);
  }
}
