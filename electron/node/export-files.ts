/**
 * Writes the export dialog's files into a folder the user chose: each under `<folder>/<name>/`,
 * atomically, with its mode. Paths are checked again here (the contract already refused
 * anything but plain relative paths) so nothing can land outside the export folder.
 */
import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isSafeRelativePath, type ExportFilePayload } from '../../shared/ipc/index';
import { writeFileAtomic } from './files';

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

/** Writes every file (replacing existing ones only with `overwrite`); returns the folder. */
export async function writeExport(
  folder: string,
  folderName: string,
  files: readonly ExportFilePayload[],
  options: { overwrite: boolean },
): Promise<string> {
  const root = join(folder, folderName);
  const targets = exportTargets(root, files);
  for (const [index, file] of files.entries()) {
    const target = targets[index] as string;
    await fs.mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, file.contents, { mode: file.mode, overwrite: options.overwrite });
    // A replaced file keeps the new mode too (the .env must stay 0600).
    await fs.chmod(target, file.mode).catch(() => undefined);
  }
  return root;
}
