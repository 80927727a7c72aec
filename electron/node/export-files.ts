/**
 * Writes the export dialog's files into a folder the user chose: each under `<folder>/<name>/`,
 * with its mode, all or nothing, through the same writer as `portolan export`
 * (`export-writer.ts`): an existing `.env` is merged (the operator's values are kept), a link
 * inside the folder is refused, and a failure leaves the previous export as it was. Paths are
 * checked again here (the contract already refused anything but plain relative paths) so
 * nothing can land outside the export folder.
 */
import { promises as fs } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isSafeRelativePath, type ExportFilePayload } from '../../shared/ipc/index';
import {
  writeExportFiles,
  type ExportFs,
  type ExportWriteCode,
  type ExportWriteFailure,
  type ExportWriteResult,
} from './export-writer';

/** The absolute target of each file, or an error naming the first unsafe path. */
export function exportTargets(root: string, files: readonly ExportFilePayload[]): string[] {
  const base = resolve(root);
  return files.map((file) => {
    if (!isSafeRelativePath(file.path)) throw new Error(`refusing export path ${JSON.stringify(file.path)}`);
    const target = resolve(base, ...file.path.split('/'));
    const rel = relative(base, target);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      throw new Error(`refusing export path ${JSON.stringify(file.path)}: outside the export folder`);
    }
    return target;
  });
}

/** Files of the export that already exist (the caller asks before replacing them). */
export async function existingExportFiles(root: string, files: readonly ExportFilePayload[]): Promise<string[]> {
  const targets = exportTargets(root, files);
  const found = await Promise.all(
    targets.map((t) =>
      fs.lstat(t).then(
        () => t,
        () => null,
      ),
    ),
  );
  return found.filter((t): t is string => t !== null);
}

/** A failed desktop export: the writer's code (`export-disk-full`, `env-unterminated-quote`, …) and message. */
export class ExportWriteError extends Error {
  readonly code: ExportWriteCode;
  constructor(readonly failure: ExportWriteFailure) {
    super(failure.message);
    this.code = failure.code;
  }
}

/**
 * Writes every file under `<folder>/<folderName>` (replacing existing ones only with
 * `overwrite`, merging an existing `.env`) and returns what happened; throws `ExportWriteError`
 * when nothing was changed because something failed.
 */
export async function writeExportReporting(
  folder: string,
  folderName: string,
  files: readonly ExportFilePayload[],
  options: { overwrite: boolean; fs?: ExportFs },
): Promise<Extract<ExportWriteResult, { ok: true }>> {
  const root = join(folder, folderName);
  exportTargets(root, files);
  const result = await writeExportFiles(root, files, options);
  if (!result.ok) throw new ExportWriteError(result.error);
  return result;
}

/** `writeExportReporting`, answering the folder written (what `export:saveAll` hands back). */
export async function writeExport(
  folder: string,
  folderName: string,
  files: readonly ExportFilePayload[],
  options: { overwrite: boolean; fs?: ExportFs },
): Promise<string> {
  await writeExportReporting(folder, folderName, files, options);
  return join(folder, folderName);
}
