/**
 * What the export dialog says after "Save all": the files written, what happened to the
 * folder's `.env`, why an export failed, and the question before replacing an export. Pure, so
 * the wording is tested without a page. Only variable names, file counts and folder paths are
 * ever put into words — never a value (the report holds none: shared/ipc refuses anything but
 * names) — and paths go through `printable`, as every string from outside the page does.
 */
import type { ExportEnvReport, ExportSaveResult } from '../../../shared/ipc/index';
import { printable } from '../../../shared/model/printable';

type Saved = Extract<ExportSaveResult, { kind: 'saved' }>;

const list = (names: readonly string[]) => names.join(', ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Exported 5 files to /home/me/acme-deployment" (a browser download names its zip). */
export function describeSaved(result: Saved, platform: 'desktop' | 'browser' = 'desktop'): string {
  const count = plural(result.files.length, 'file');
  return platform === 'browser'
    ? `Exported ${count} as one download: ${printable(result.saved)}`
    : `Exported ${count} to ${printable(result.saved)}`;
}

/**
 * The `.env` merge in plain words, e.g. "Kept 7 values from your .env; generated MYSQL_PASSWORD;
 * fill in NEXTAUTH_LICENSE; no longer used (kept, commented out): OLD_VAR". Null when there was
 * no `.env` before (a fresh export has nothing to report).
 */
export function describeEnvReport(env: ExportEnvReport | null): string | null {
  if (env === null) return null;
  const newlyAsked = new Set(env.asked);
  const stillEmpty = env.unfilled.filter((name) => !newlyAsked.has(name));
  const parts = [
    env.kept === 0 ? 'Kept no values from your .env' : `Kept ${plural(env.kept, 'value')} from your .env`,
    ...(env.generated.length > 0 ? [`generated ${list(env.generated)}`] : []),
    ...(env.restored.length > 0 ? [`back in use with your old value: ${list(env.restored)}`] : []),
    ...(env.asked.length > 0 ? [`fill in ${list(env.asked)}`] : []),
    ...(stillEmpty.length > 0 ? [`still to fill in: ${list(stillEmpty)}`] : []),
    ...(env.unused.length > 0 ? [`no longer used (kept, commented out): ${list(env.unused)}`] : []),
    ...(env.differs.length > 0 ? [`kept your value though the project says otherwise: ${list(env.differs)}`] : []),
  ];
  return parts.join('; ');
}

/** What a replacing export leaves of the operator's work: a merged `.env`, a file kept whole. */
export interface ReplaceKeeps {
  /** The export has a top-level `.env`, which the writer merges (the operator's values win). */
  readonly dotenv: boolean;
  /** What of the folder the export leaves as it is (the target's `keep`: a file or `folder/`), or null. */
  readonly kept: string | null;
}

/** The question before replacing an export the chosen folder already holds, and what it keeps. */
export function replaceQuestion(target: string, keeps: ReplaceKeeps = { dotenv: true, kept: null }): string {
  const parts = [
    `Replace the export in ${printable(target)}?`,
    ...(keeps.dotenv ? ['Your .env values are kept.'] : []),
    ...(keeps.kept !== null
      ? [
          `Your ${printable(keeps.kept)} ${keeps.kept.endsWith('/') ? 'files are' : 'is'} kept as ${keeps.kept.endsWith('/') ? 'they are' : 'it is'}.`,
        ]
      : []),
  ];
  return parts.join(' ');
}

/** After an export that left the operator's file alone: where the new keys are to be found. */
export function describeKept(kept: string): string {
  return kept.endsWith('/')
    ? `The files in ${printable(kept)} were kept as you filled them in; the preview shows the ones this export expects, add any missing.`
    : `${printable(kept)} was kept as you filled it in; the preview shows the keys this export expects, add any it lacks.`;
}

/** Where in the `.env` a line could not be kept, from the writer's `FILE:LINE:COLUMN:` message. */
function envLocation(message: string): string {
  const at = /:(\d+):(\d+):/.exec(message);
  return at === null ? '' : ` (line ${at[1]}, column ${at[2]})`;
}

/**
 * A failed export in words, by its code: "The disk is full: nothing was changed in acme-deployment".
 * The writer changes nothing when it fails, so every coded cause says so; an unknown code shows
 * the host's own message (made printable).
 */
export function describeExportFailure(code: string, message: string, folder: string): string {
  const where = printable(folder);
  const unchanged = `nothing was changed in ${where}`;
  switch (code) {
    case 'export-disk-full':
      return `The disk is full: ${unchanged}.`;
    case 'export-read-only':
      return `The folder is on a read-only disk: ${unchanged}.`;
    case 'export-permission-denied':
      return `Portolan may not write there (permission denied): ${unchanged}.`;
    case 'export-symlink':
      return `The export folder holds a symbolic link where a file or folder of the export goes; Portolan does not follow links: ${unchanged}.`;
    case 'export-exists':
      return `Files of this export appeared in ${where} meanwhile; nothing was replaced. Save again to choose.`;
    case 'export-not-a-folder':
      return `Something that is not a folder is where the export needs one: ${unchanged}.`;
    case 'export-special-filesystem':
      return `That folder is on a system file system that holds no files: ${unchanged}. Choose a folder on a disk.`;
    case 'env-unreadable':
      return `The .env already in ${where} cannot be read, so its values could not be kept: ${unchanged}.`;
    case 'env-invalid':
      return `Your .env has a line Portolan cannot keep safely${envLocation(message)}: ${unchanged}. Fix that line and export again.`;
    case 'io':
      return `The export could not be written (${printable(message)}): ${unchanged}.`;
    default:
      return `Could not save: ${printable(message)}`;
  }
}
