/**
 * The IPC handlers: one per invoke channel of shared/ipc, registered on the checked router
 * (sender frame, payload guard, errors as data). They hold the shell's access rules — the page
 * reopens only files on the recent list, names only files main handed out, writes a picture
 * only where the user chose in the save dialog, opens only the nextAuth documentation — and run under Node with `state.ui` standing in for Electron.
 */
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { DotenvMergeReport } from '../../shared/export/dotenv-merge';
import { importProject } from '../../shared/import/project/index';
import type { ImportCode } from '../../shared/import/types';
import {
  exportRequestProblem,
  importRunProblem,
  type ImportFileRole,
  type ImportRunRequest,
  type ImportRunResponse,
  pictureSaveProblem,
  type ExportEnvReport,
  type ExportFilePayload,
  type ExportSaveResult,
  type IpcErrorCode,
} from '../../shared/ipc/index';
import { DocumentFileError } from './document-files';
import { afterOpen, confirmLeaving, openPathForPage, saveReporting } from './document-flow';
import { ExportWriteError, existingExportFiles, writeExportReporting } from './export-files';
import type { ExportWriteCode } from './export-writer';
import { isExternalLinkAllowed } from './external-links';
import type { ReadFailure } from './files';
import { readImportFile, readReferencedFile } from './import-files';
import { IpcFailure, type IpcRouter } from './ipc-handle';
import { savePicture } from './picture-files';
import type { FileFilter } from './open-path';
import type { ShellState } from './shell-state';

/** A file error crosses to the page with its own code (`not-found`, `too-large`, …). */
const rethrow = (error: unknown): never => {
  if (error instanceof DocumentFileError) throw new IpcFailure(error.code, error.message);
  throw error;
};

/**
 * The page's code for a failed export: the writer's own where the page words it (disk full,
 * read-only, …), `env-invalid` for any line of the existing `.env` it cannot keep, `io` else.
 */
export function exportErrorCode(code: ExportWriteCode): IpcErrorCode {
  switch (code) {
    case 'export-exists':
    case 'export-symlink':
    case 'export-not-a-folder':
    case 'export-special-filesystem':
    case 'export-disk-full':
    case 'export-permission-denied':
    case 'export-read-only':
      return code;
    case 'export-env-unreadable':
      return 'env-unreadable';
    case 'export-unsafe-path':
      return 'invalid-request';
    case 'export-io':
      return 'io';
    default:
      return 'env-invalid'; // a DotenvProblemCode: `env-syntax`, `env-unterminated-quote`, …
  }
}

/** A writer failure crosses with its code; the message keeps the writer's (the real cause, line:column). */
const rethrowExport = (error: unknown): never => {
  if (error instanceof ExportWriteError) throw new IpcFailure(exportErrorCode(error.code), error.message);
  throw error;
};

/** The `.env` merge report as the page gets it: names and a count, never a value. */
export function envReportForPage(report: DotenvMergeReport | undefined): ExportEnvReport | null {
  if (report === undefined) return null;
  return {
    kept: report.kept.length,
    generated: [...report.generated],
    asked: [...report.asked],
    restored: [...report.restored],
    unused: [...report.unused, ...report.stillUnused.filter((n) => !report.unused.includes(n))],
    unfilled: [...report.unfilled],
    differs: [...report.differs],
  };
}

/** Paths under `root` as the page names export files: relative, forward slashes. */
const relativeTo = (root: string, paths: readonly string[]) => paths.map((p) => relative(root, p).split(sep).join('/'));

/** The native dialog's filters for each kind of file an import takes (electron/main/dialogs.ts shows them). */
export const IMPORT_FILTERS: { readonly [R in ImportFileRole]: readonly FileFilter[] } = {
  compose: [
    { name: 'Compose file', extensions: ['yml', 'yaml'] },
    { name: 'All files', extensions: ['*'] },
  ],
  // `.env` has no extension to filter on: every file is offered.
  env: [{ name: 'All files', extensions: ['*'] }],
  proxy: [
    { name: 'Reverse-proxy configuration', extensions: ['conf', 'cfg', 'caddyfile', 'yml', 'yaml', 'toml'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** What only Electron can do for an import: the native open dialog, several files at once. */
export interface ImportUi {
  /** Full paths of the chosen files, in the order chosen; null when cancelled. */
  chooseImportFiles(role: ImportFileRole, filters: readonly FileFilter[]): Promise<readonly string[] | null>;
}

/** A file the user named that cannot be read, as an import problem at its first line. */
function unreadable(path: string, failure: ReadFailure): ImportRunResponse {
  const code: ImportCode = failure.code === 'file-too-large' ? 'file-too-large' : 'file-not-found';
  return {
    kind: 'failed',
    problems: [{ code, severity: 'error', message: failure.message, at: { file: path, line: 1, column: 1 } }],
  };
}

/** The project's name when the compose files name none: the folder of the first one, as the CLI names it. */
function folderName(file: string): string {
  const name = basename(dirname(resolve(file)));
  return name === '' || name === '/' ? 'Imported deployment' : name;
}

/**
 * `import:run` on the disk, as `portolan import` runs it: the named files read whole (each at
 * most MAX_IMPORT_BYTES, UTF-8), the files they name read on demand beside them, no process
 * environment (the editor's import depends on the files alone). The project crosses to the page
 * as project-file text.
 */
export async function runImportFromDisk(request: ImportRunRequest): Promise<ImportRunResponse> {
  const problem = importRunProblem(request);
  if (problem !== null) throw new IpcFailure('invalid-request', `import:run: ${problem}`);
  const given: { path: string; text: string }[] = [];
  for (const path of [...request.compose, ...request.proxyConfigs]) {
    const read = await readImportFile(path);
    if (!read.ok) return unreadable(path, read);
    given.push({ path, text: read.text });
  }
  const outcome = importProject({
    compose: given.slice(0, request.compose.length),
    proxyConfigs: given.slice(request.compose.length),
    envFiles: [...request.envFiles],
    profiles: [...request.profiles],
    environment: {},
    readFile: readReferencedFile,
    fallbackName: folderName(request.compose[0]!),
  });
  if (!outcome.ok) return { kind: 'failed', problems: outcome.problems };
  return { kind: 'imported', projectText: outcome.value.text, report: outcome.value.report };
}

/** The chosen files as the page shows them: name and full path. */
const chosen = (paths: readonly string[]) => paths.map((path) => ({ name: basename(path), path }));

export function registerHandlers(router: IpcRouter, state: ShellState, importUi?: ImportUi): void {
  /**
   * The folder named in the last `exists` answer: the only one a `replaceIn` may name (so the
   * page can write only where the user chose), used once.
   */
  let replaceable: string | null = null;

  const saveExport = async (
    folder: string,
    folderName: string,
    files: readonly ExportFilePayload[],
    overwrite: boolean,
  ): Promise<ExportSaveResult> => {
    const result = await writeExportReporting(folder, folderName, files, { overwrite }).catch(rethrowExport);
    return {
      kind: 'saved',
      saved: join(folder, folderName),
      files: files.map((f) => f.path),
      env: envReportForPage(result.env),
    };
  };

  router.handle('project:open', async () => {
    const { proceed } = await confirmLeaving(state, 'open-other');
    if (!proceed) return null;
    const opened = await state.files.open().catch(rethrow);
    return opened === null ? null : afterOpen(state, opened);
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
    const { files, folderName, replaceIn } = request;
    if (replaceIn !== undefined) {
      // The user confirmed, in the page, replacing the export main found in this folder.
      const allowed = replaceIn === replaceable;
      replaceable = null;
      if (!allowed) throw new IpcFailure('not-allowed', 'export:saveAll: replaceIn names no folder main offered');
      return saveExport(replaceIn, folderName, files, true);
    }
    replaceable = null;
    const folder = await state.ui.chooseFolder('Export to folder');
    if (folder === null) return null;
    const target = join(folder, folderName);
    const existing = await existingExportFiles(target, files);
    if (existing.length > 0) {
      replaceable = folder;
      return { kind: 'exists', folder, target, existing: relativeTo(target, existing) };
    }
    // Nothing to replace: a file that appears meanwhile is refused (`export-exists`), not replaced.
    return saveExport(folder, folderName, files, false);
  });

  router.handle('picture:save', async (request) => {
    // Asked again here, as for exports: the handler stays safe however it is reached.
    const problem = pictureSaveProblem(request);
    if (problem !== null) throw new IpcFailure('invalid-request', `picture:save: ${problem}`);
    return savePicture(request, {
      chooseSaveFile: (defaultPath, filters) => state.ui.chooseSaveFile(defaultPath, filters),
      // Beside the open project when it has a file (a path main handed out), else where the dialog starts.
      ...(state.path !== null ? { folder: dirname(state.path) } : {}),
    }).catch(rethrow);
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

  // Without a dialog (tests, a shell that has none) nothing is chosen.
  router.handle('import:choose', async ({ role }) => {
    if (importUi === undefined) return null;
    const paths = await importUi.chooseImportFiles(role, IMPORT_FILTERS[role]);
    return paths === null ? null : chosen(paths);
  });

  router.handle('import:run', (request) => runImportFromDisk(request));

  // The menu offers what the page runs: actions it has not bound are not shown.
  router.handle('menu:setActions', ({ ids }) => {
    state.menuActions = [...ids];
    state.refreshMenu();
    return null;
  });
}
