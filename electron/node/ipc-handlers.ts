/**
 * The IPC handlers: one per invoke channel of shared/ipc, registered on the checked router
 * (sender frame, payload guard, errors as data). They hold the shell's access rules — the page
 * reopens only files on the recent list, names only files main handed out, opens only the
 * nextAuth documentation — and run under Node with `state.ui` standing in for Electron.
 */
import { join } from 'node:path';
import { exportRequestProblem } from '../../shared/ipc/index';
import { DocumentFileError } from './document-files';
import { confirmLeaving, openPathForPage, saveReporting } from './document-flow';
import { existingExportFiles, writeExport } from './export-files';
import { isExternalLinkAllowed } from './external-links';
import { IpcFailure, type IpcRouter } from './ipc-handle';
import type { ShellState } from './shell-state';

/** A file error crosses to the page with its own code (`not-found`, `too-large`, …). */
const rethrow = (error: unknown): never => {
  if (error instanceof DocumentFileError) throw new IpcFailure(error.code, error.message);
  throw error;
};

export function registerHandlers(router: IpcRouter, state: ShellState): void {
  router.handle('project:open', async () => {
    const { proceed } = await confirmLeaving(state, 'open-other');
    if (!proceed) return null;
    const opened = await state.files.open().catch(rethrow);
    if (opened === null) return null;
    await state.recent.add(opened.path).catch(() => undefined);
    state.refreshMenu();
    return opened;
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

  router.handle('export:saveAll', async (request) => {
    // The router's guard already asked this; asking again here keeps the handler safe on its
    // own (modes 0o600/0o644 only, plain relative paths, no hidden names but the top `.env`).
    const problem = exportRequestProblem(request);
    if (problem !== null) throw new IpcFailure('invalid-request', `export:saveAll: ${problem}`);
    const { files, folderName } = request;
    const folder = await state.ui.chooseFolder('Export to folder');
    if (folder === null) return null;
    const existing = await existingExportFiles(join(folder, folderName), files);
    if (existing.length > 0 && !(await state.ui.confirmReplace(folderName, existing))) return null;
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
    await state.ui.openExternal(url);
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
