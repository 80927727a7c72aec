/**
 * The IPC handlers: one per channel of shared/ipc, registered through the checked router
 * (sender frame, payload guard, errors as data).
 */
import { ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isExternalLinkAllowed } from '../node/external-links';
import { existingExportFiles, writeExport } from '../node/export-files';
import { DocumentFileError } from '../node/document-files';
import { createIpcRouter, IpcFailure, isAppPageUrl } from '../node/ipc-handle';
import { chooseFolder, message } from './dialogs';
import { confirmLeaving, openPathForPage, saveReporting } from './document-flow';
import type { ShellState } from './shell-state';

export function registerIpc(state: ShellState, rendererIndex: string): void {
  const rendererFileUrl = pathToFileURL(rendererIndex).href;
  const devServerUrl = state.isDev ? process.env.ELECTRON_RENDERER_URL : undefined;
  const router = createIpcRouter(ipcMain, {
    isTrustedSender: (url) => isAppPageUrl(url, { rendererFileUrl, devServerUrl }),
    onRefused: (channel, code) => console.warn(`portolan: refused ${channel} (${code})`),
  });

  const rethrow = (error: unknown): never => {
    if (error instanceof DocumentFileError) throw new IpcFailure(error.code, error.message);
    throw error;
  };

  router.handle('project:open', async () => {
    const { proceed } = await confirmLeaving(state, 'open-other');
    if (!proceed) return null;
    const path = await state.files.open().catch(rethrow);
    if (path === null) return null;
    await state.recent.add(path.path).catch(() => undefined);
    state.refreshMenu();
    return path;
  });

  router.handle('project:openRecent', async ({ path }) => {
    // Only what the recent list holds: the page cannot read an arbitrary file this way.
    if (!(await state.recent.list()).includes(path)) throw new IpcFailure('not-allowed', 'not on the recent list');
    return openPathForPage(state, path).catch(rethrow);
  });

  router.handle('project:openDropped', async ({ path }) => openPathForPage(state, path).catch(rethrow));

  router.handle('project:save', ({ text, path, suggestedName }) =>
    saveReporting(state, () => state.files.save(text, path, suggestedName)),
  );

  router.handle('project:saveAs', ({ text, suggestedName }) =>
    saveReporting(state, () => state.files.saveAs(text, suggestedName, state.path ?? undefined)),
  );

  router.handle('export:saveAll', async ({ files, folderName }) => {
    const folder = await chooseFolder(state.window, 'Export to folder');
    if (folder === null) return null;
    const root = join(folder, folderName);
    const existing = await existingExportFiles(root, files);
    if (existing.length > 0) {
      const answer = await message(state.window, {
        type: 'warning',
        message: `Replace ${existing.length} existing file${existing.length === 1 ? '' : 's'} in ${folderName}?`,
        detail: existing.slice(0, 10).join('\n'),
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      });
      if (answer !== 0) return null;
    }
    return { saved: await writeExport(folder, folderName, files, { overwrite: true }) };
  });

  router.handle('recent:list', () => state.recent.list());

  router.handle('recovery:load', () => state.journal.load());
  router.handle('recovery:journal', ({ text }) => {
    state.journal.record(text);
    return null;
  });
  router.handle('recovery:clear', async () => {
    await state.journal.clear();
    return null;
  });

  router.handle('shell:openDocs', async ({ url }) => {
    if (!isExternalLinkAllowed(url)) throw new IpcFailure('not-allowed', 'only nextAuth documentation links open');
    await shell.openExternal(url);
    return null;
  });

  router.handle('document:state', ({ dirty, path }) => {
    state.dirty = dirty;
    // The page may only name a file main handed out; anything else shows as untitled.
    state.path = path !== null && state.files.isGranted(path) ? path : null;
    state.refreshTitle();
    state.refreshWatcher();
    return null;
  });

  router.handle('document:snapshot', (snapshot) => {
    state.queries.answer(snapshot);
    return null;
  });
}
