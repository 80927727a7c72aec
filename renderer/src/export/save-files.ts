import type { ExportFile } from '../../../shared/export/index';
import { EXPORT_FILE_MODES } from '../../../shared/ipc/index';

export interface SavePlan {
  readonly files: readonly ExportFile[];
  /** The operator's files left as they are (not sent). */
  readonly kept: readonly string[];
}

/** Whether a path is the target's `keep`: that file, or a file under that folder (`secrets/values/`). */
export function isKept(path: string, keep: string | undefined): boolean {
  if (keep === undefined || keep === '') return false;
  return keep.endsWith('/') ? path.startsWith(keep) : path === keep;
}

/**
 * The files "Save all" sends, from the files the preview shows.
 *
 * - Replacing an export (`existing` lists what the folder holds): the target's `keep` files that
 *   the folder has are left out, so the values the operator filled in survive — as the CLI's
 *   `--overwrite` keeps `secrets/secret.yaml`. (Compose's `.env` needs no such care: the writer
 *   merges it.)
 * - To the desktop's folder writer: main accepts only the modes 0600 and 0644 (no executable bit
 *   reaches the disk through the page — shared/ipc), so a script's 0755 becomes 0644; the README
 *   and the dialog run scripts with `sh`, which needs no executable bit. A zip keeps every mode.
 */
export function filesToSave(
  files: readonly ExportFile[],
  options: {
    readonly platform: 'desktop' | 'browser';
    readonly keep?: string | undefined;
    readonly existing?: readonly string[] | undefined;
  },
): SavePlan {
  // main names existing files in the system's own separators; the export's paths use '/'.
  const existing = new Set((options.existing ?? []).map((p) => p.replaceAll('\\', '/')));
  const kept = files.filter((f) => existing.has(f.path) && isKept(f.path, options.keep)).map((f) => f.path);
  const sent = kept.length === 0 ? files : files.filter((f) => !kept.includes(f.path));
  return {
    kept,
    files: options.platform === 'desktop' ? sent.map(desktopMode) : sent,
  };
}

/** The mode main writes: a private file stays 0600, anything else is 0644. */
function desktopMode(file: ExportFile): ExportFile {
  if (EXPORT_FILE_MODES.includes(file.mode)) return file;
  return { ...file, mode: (file.mode & 0o077) === 0 ? 0o600 : 0o644 };
}
