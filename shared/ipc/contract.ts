/**
 * The IPC contract between the renderer (through the preload) and the Electron main process.
 * Channels are named `domain:verb`. Every renderer→main channel is an invoke with a request
 * guard here; main registers a handler for each through one typed helper that validates the
 * payload and the sender before the handler runs. Main→renderer events are typed as well.
 */
import { MENU_ACTION_IDS } from '../actions/menu';
import type { ActionId } from '../actions/registry';
import type { ImportReport } from '../import/project/types';
import type { ImportProblem } from '../import/types';
import { ENV_NAME_PATTERN, PROFILE_NAME_PATTERN } from '../model/constraints';
import { isEmptyRequest, isNonEmptyString, isRecordWith, isString, type Guard } from './guards';

/** Longest path main accepts from the page (Windows long paths reach 32,767 characters). */
export const MAX_PATH_LENGTH = 32_767;
/**
 * A project file's text: the format loader's MAX_PROJECT_BYTES (a test keeps them equal; not
 * imported, so the contract stays free of the YAML loader).
 */
export const MAX_PROJECT_TEXT = 5 * 1024 * 1024;
/** The recovery journal holds the project text plus a little metadata. */
export const MAX_JOURNAL_TEXT = MAX_PROJECT_TEXT * 2;
export const MAX_EXPORT_FILES = 200;
export const MAX_EXPORT_FILE_TEXT = MAX_PROJECT_TEXT;
export const MAX_NAME_LENGTH = 255;
/**
 * Largest picture the page may ask main to save: shared/render/embedded.ts's MAX_PICTURE_BYTES,
 * the largest picture Portolan reads back (a test keeps them equal; not imported, so the
 * contract stays free of the picture readers).
 */
export const MAX_PICTURE_SAVE_BYTES = 64 * 1024 * 1024;

/** The pictures of a diagram the page saves, and the pictures main opens a project from. */
export const PICTURE_FORMATS = ['svg', 'png', 'pdf'] as const;
export type PictureFormat = (typeof PICTURE_FORMATS)[number];

/** A project file as main hands it to the page: display name, full path and text. */
export interface OpenedFile {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  /**
   * Set when the file is a picture Portolan exported and `text` is the project it carries. The
   * picture is not the project's file: main grants no save to it, and the page opens the project
   * as new, unsaved work.
   */
  readonly picture?: PictureFormat;
}

/** A picture of the diagram the page asks main to save (after asking the user where). */
export interface PictureSaveRequest {
  readonly bytes: Uint8Array;
  /** The suggested file name, ending in `.<format>`. */
  readonly name: string;
  readonly format: PictureFormat;
}

export interface SavedFile {
  readonly name: string;
  readonly path: string;
}

export interface ExportFilePayload {
  /** Relative, forward slashes, e.g. `nginx/nginx.conf`. */
  readonly path: string;
  readonly contents: string;
  readonly mode: number;
}

/**
 * What an export into a folder did to the `.env` already there (the operator's values are kept),
 * by variable name only — never a value, so the page can show it as it is.
 */
export interface ExportEnvReport {
  /** How many of the file's values were kept as they were. */
  readonly kept: number;
  /** New variables the export filled in: generated secrets (and settings the file lacked). */
  readonly generated: readonly string[];
  /** New variables the operator has to fill in. */
  readonly asked: readonly string[];
  /** Variables back in use, their old value taken from the commented-out section. */
  readonly restored: readonly string[];
  /** Variables the export no longer uses: kept in the file, commented out. */
  readonly unused: readonly string[];
  /** Operator inputs still empty (new or kept). */
  readonly unfilled: readonly string[];
  /** Project settings whose kept value is not the project's. */
  readonly differs: readonly string[];
}

/** The answer to `export:saveAll` when something happened (null: the user cancelled). */
export type ExportSaveResult =
  | {
      readonly kind: 'saved';
      /** The export folder written. */
      readonly saved: string;
      /** Every file written, relative to `saved`. */
      readonly files: readonly string[];
      /** What happened to an existing `.env`; null when there was none. */
      readonly env: ExportEnvReport | null;
    }
  | {
      /** Nothing written: the folder holds an export. Ask, then send the request again with `replaceIn: folder`. */
      readonly kind: 'exists';
      /** The folder the user chose (what `replaceIn` must name). */
      readonly folder: string;
      /** The export folder inside it. */
      readonly target: string;
      /** The files of this export already there, relative to `target`. */
      readonly existing: readonly string[];
    };

export interface RecoveryEntry {
  readonly text: string;
  /** When the journal was last written (ms since the epoch). */
  readonly savedAt: number;
}

/** What the page answers when main asks for the open document (before closing or replacing it). */
export interface DocumentSnapshot {
  readonly requestId: string;
  readonly dirty: boolean;
  /** The project text, so main can save it when the user picks Save in the prompt. */
  readonly text: string | null;
  /** Name suggested for a first save. */
  readonly suggestedName: string | null;
  /** The file the document belongs to (a path main handed out), if any. */
  readonly path: string | null;
}

/** The kinds of file the import dialog asks main to choose (the native dialog's filters differ). */
export const IMPORT_FILE_ROLES = ['compose', 'env', 'proxy'] as const;
export type ImportFileRole = (typeof IMPORT_FILE_ROLES)[number];

/** Most files of one kind an import takes (a real deployment has a handful). */
export const MAX_IMPORT_FILES = 64;
/** Most `--profile` names an import takes. */
export const MAX_IMPORT_PROFILES = 64;

/** A file chosen in main's open dialog for an import: display name and full path. */
export interface ImportChosenFile {
  readonly name: string;
  readonly path: string;
}

/**
 * What `import:run` imports: full paths (chosen in main's dialog or dropped on the window —
 * the preload resolves a dropped file's path), merged and read as `portolan import` reads them;
 * files they name (`extends`, `include`, `env_file`) come from the disk beside them.
 */
export interface ImportRunRequest {
  readonly compose: readonly string[];
  readonly envFiles: readonly string[];
  readonly proxyConfigs: readonly string[];
  readonly profiles: readonly string[];
}

/**
 * The import's outcome: the project as project-file text (the page loads it like any file, so a
 * project crosses the boundary in the one format both sides check), with the report; or the
 * problems that stopped it (FILE:LINE:COL each), nothing imported.
 */
export type ImportRunResponse =
  | { readonly kind: 'imported'; readonly projectText: string; readonly report: ImportReport }
  | { readonly kind: 'failed'; readonly problems: readonly ImportProblem[] };

/** Request and response of every renderer→main channel. */
export interface InvokeContract {
  /** Ask (after the unsaved-changes prompt) for a project file; null when cancelled. */
  'project:open': { request: Record<string, never> | undefined; response: OpenedFile | null };
  /** Open an entry of the recent list (only paths on that list are accepted). */
  'project:openRecent': { request: { path: string }; response: OpenedFile | null };
  /** Open a file dropped on the window (the preload resolves the dropped File's path). */
  'project:openDropped': { request: { path: string }; response: OpenedFile | null };
  /** Save to `path` (a path main handed out); without one, or when refused, ask where. */
  'project:save': { request: { text: string; path?: string; suggestedName?: string }; response: SavedFile | null };
  /** Always ask where to save. */
  'project:saveAs': { request: { text: string; suggestedName?: string }; response: SavedFile | null };
  /**
   * Ask for a folder and write every exported file under `folderName` in it. When files of the
   * export are already there nothing is written and the answer is `exists`: the page asks the
   * user, then sends the request again with `replaceIn` (the folder main just named — no other).
   */
  'export:saveAll': {
    request: { files: ExportFilePayload[]; folderName: string; replaceIn?: string };
    response: ExportSaveResult | null;
  };
  /**
   * Ask where to save a picture of the diagram (starting from `name`, beside the open project)
   * and write it there atomically; null when the user cancelled.
   */
  'picture:save': { request: PictureSaveRequest; response: SavedFile | null };
  'recent:list': { request: Record<string, never> | undefined; response: string[] };
  /** The journal left by a session that did not close cleanly, if any. */
  'recovery:load': { request: Record<string, never> | undefined; response: RecoveryEntry | null };
  /** Journal the unsaved document (written to the user-data folder, never over the user's file). */
  'recovery:journal': { request: { text: string }; response: null };
  'recovery:clear': { request: Record<string, never> | undefined; response: null };
  /** Open a documentation link in the system browser (https and allowlisted hosts only). */
  'shell:openDocs': { request: { url: string }; response: null };
  /** The page's document state, for the window title and the close prompt. */
  'document:state': { request: { dirty: boolean; path: string | null }; response: null };
  /** The page's answer to a `document:query` event. */
  'document:snapshot': { request: DocumentSnapshot; response: null };
  /**
   * The menu actions the page has bound (shared/actions): the native menu shows these and no
   * other, so an action not implemented yet never appears there.
   */
  'menu:setActions': { request: { ids: MenuCommand[] }; response: null };
  /** Ask for files of one kind to import (several at once); null when cancelled. */
  'import:choose': { request: { role: ImportFileRole }; response: ImportChosenFile[] | null };
  /** Import compose files (with `.env` and proxy configurations) from the disk. */
  'import:run': { request: ImportRunRequest; response: ImportRunResponse };
}

export type InvokeChannel = keyof InvokeContract;
export type InvokeRequest<C extends InvokeChannel> = InvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = InvokeContract[C]['response'];

/**
 * What the native menu sends to the editor: the id of an action in the registry's menu layout
 * (shared/actions), run by the page exactly as its shortcut and the command palette run it.
 */
export const MENU_COMMANDS: readonly ActionId[] = MENU_ACTION_IDS;
export type MenuCommand = ActionId;

const isMenuCommand = (value: unknown): value is MenuCommand => (MENU_COMMANDS as readonly unknown[]).includes(value);

/** A `menu:setActions` list: menu action ids, each once. */
function isMenuCommandList(value: unknown): value is MenuCommand[] {
  return (
    Array.isArray(value) &&
    value.length <= MENU_COMMANDS.length &&
    value.every(isMenuCommand) &&
    new Set(value).size === value.length
  );
}

/** Payload of every main→renderer event. */
export interface EventContract {
  'menu:command': { command: MenuCommand };
  /** Main opened a file (command line, second launch, Open Recent in the menu): show it. */
  'file:opened': OpenedFile;
  /** The open file was changed by another program since we last read or wrote it. */
  'file:changedOnDisk': { path: string; name: string };
  /** Main needs the document (closing the window, replacing it): answer with `document:snapshot`. */
  'document:query': { requestId: string };
}

export type EventChannel = keyof EventContract;
export type EventPayload<C extends EventChannel> = EventContract[C];

const isPath = (value: unknown): value is string => isNonEmptyString(value, MAX_PATH_LENGTH) && !value.includes('\0');
const isProjectText = (value: unknown): value is string => isString(value, MAX_PROJECT_TEXT);
const isName = (value: unknown): value is string =>
  isNonEmptyString(value, MAX_NAME_LENGTH) && !/[\0/\\]/.test(value) && value !== '.' && value !== '..';
const optional =
  <T>(guard: Guard<T>) =>
  (value: unknown): value is T | undefined =>
    value === undefined || guard(value);

/**
 * The only modes an exported file may have: `0o600` (owner only — the `.env` with its secrets)
 * and `0o644` (everything else). No executable, group-writable, world-writable, setuid,
 * setgid or sticky bit can reach the disk through an export.
 */
export const EXPORT_FILE_MODES: readonly number[] = [0o600, 0o644];

export function isExportFileMode(value: unknown): value is number {
  return typeof value === 'number' && EXPORT_FILE_MODES.includes(value);
}

/** The one hidden name an export may write: the `.env` file, at the top of the export folder (mode 0o600). */
export const EXPORT_DOTENV_PATH = '.env';

/** A host's `.env` in the compose export per host (issue 16): `hosts/<folder>/.env`, mode 0o600 too. */
const HOST_DOTENV_PATH = /^hosts\/([a-z0-9][a-z0-9-]*)\/\.env$/;

/** Whether an export path is a `.env` file: the top one, or a host's (`hosts/<folder>/.env`). */
export function isExportDotenvPath(value: string): boolean {
  if (value === EXPORT_DOTENV_PATH) return true;
  const host = HOST_DOTENV_PATH.exec(value);
  return host !== null && exportNameProblem(host[1]!) === null;
}

/** Device names Windows reserves in every folder (`CON`, `nul.txt`, `COM1.log`, …). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Why one name (a path segment or the export folder's name) is refused, or null. Letters,
 * digits, `.`, `_` and `-` only (so no `/`, `\`, `:` or drive letter, no control character);
 * no `.`/`..`, no hidden name (leading `.`), no trailing `.` (Windows drops it), no Windows
 * device name.
 */
function exportNameProblem(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.length > MAX_NAME_LENGTH) return 'a name longer than 255 characters';
  if (name === '.' || name === '..') return `the dot-segment ${JSON.stringify(name)}`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return `${JSON.stringify(name)}: only letters, digits, '.', '_' and '-'`;
  if (name.startsWith('.')) return `the hidden name ${JSON.stringify(name)}`;
  if (name.endsWith('.')) return `${JSON.stringify(name)} ends with '.'`;
  if (WINDOWS_DEVICE_NAME.test(name)) return `${JSON.stringify(name)} is a Windows device name`;
  return null;
}

/**
 * Why an export file path is refused, or null: it must be relative, with forward slashes,
 * made of names `exportNameProblem` accepts — except `.env` itself at the top level and in a host's
 * folder (`hosts/<folder>/.env`, issue 16). So no
 * absolute path (`/x`, `C:\x`, `C:x`, `\\server\x`), no backslash, no `.`/`..` segment, no empty
 * segment, no hidden file or folder (`.git/config`, `nginx/.htpasswd`, `sub/.env`).
 */
export function exportPathProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'the path is empty or not text';
  if (value.length > 1024) return 'the path is longer than 1024 characters';
  if (value.startsWith('/')) return 'the path is absolute';
  if (value.includes('\\')) return 'the path contains a backslash';
  if (/^[A-Za-z]:/.test(value)) return 'the path starts with a drive letter';
  if (isExportDotenvPath(value)) return null;
  for (const segment of value.split('/')) {
    const problem = exportNameProblem(segment);
    if (problem !== null) return `the path has ${problem}`;
  }
  return null;
}

/** A relative export path `exportPathProblem` accepts. Main re-checks it against the chosen folder. */
export function isSafeRelativePath(value: unknown): value is string {
  return exportPathProblem(value) === null;
}

/** Why the export folder's name (one name, created inside the folder the user picks) is refused, or null. */
export function exportFolderNameProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'the folder name is not text';
  const problem = exportNameProblem(value);
  return problem === null ? null : `the folder name is ${problem}`;
}

/**
 * Why an `export:saveAll` request is refused, or null: the contract's guard and the handler in
 * main both ask this (the handler again, so a handler reached some other way stays safe).
 */
export function exportRequestProblem(value: unknown): string | null {
  if (!isRecordWith(value, ['files', 'folderName', 'replaceIn'])) return 'expected { files, folderName, replaceIn? }';
  const folder = exportFolderNameProblem(value.folderName);
  if (folder !== null) return folder;
  if (value.replaceIn !== undefined && !isPath(value.replaceIn)) return 'replaceIn is not a folder path';
  const files = value.files;
  if (!Array.isArray(files) || files.length === 0) return 'no files to export';
  if (files.length > MAX_EXPORT_FILES) return `more than ${MAX_EXPORT_FILES} files`;
  const seen = new Set<string>();
  const folders = new Set<string>();
  for (const [index, file] of files.entries()) {
    if (!isRecordWith(file, ['path', 'contents', 'mode'])) return `file ${index}: expected { path, contents, mode }`;
    const path = exportPathProblem(file.path);
    if (path !== null) return `file ${index}: ${path}`;
    if (!isString(file.contents, MAX_EXPORT_FILE_TEXT)) return `file ${index}: contents too large or not text`;
    if (!isExportFileMode(file.mode)) {
      return `file ${index}: mode ${typeof file.mode === 'number' ? `0o${file.mode.toString(8)}` : String(file.mode)} is not 0o600 or 0o644`;
    }
    // The secrets file is never readable by other users, whatever the page asks.
    if (isExportDotenvPath(file.path as string) && file.mode !== 0o600)
      return `file ${index}: ${file.path as string} must have mode 0o600`;
    // Case-insensitive, as on the file systems of macOS and Windows.
    const key = (file.path as string).toLowerCase();
    if (seen.has(key)) return `file ${index}: ${JSON.stringify(file.path)} appears twice`;
    seen.add(key);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  for (const key of seen) if (folders.has(key)) return `${JSON.stringify(key)} is both a file and a folder`;
  return null;
}

/** Most names a `.env` report lists (a real `.env` has a few dozen variables). */
export const MAX_ENV_REPORT_NAMES = 1000;

const isEnvName = (value: unknown): value is string =>
  isNonEmptyString(value, MAX_NAME_LENGTH) && ENV_NAME_PATTERN.test(value);

/** Why a list of names or paths is refused, or null. */
function listProblem(value: unknown, what: string, max: number, item: (v: unknown) => boolean): string | null {
  if (!Array.isArray(value)) return `${what} is not a list`;
  if (value.length > max) return `${what} has more than ${max} entries`;
  const bad = value.findIndex((v) => !item(v));
  return bad === -1 ? null : `${what} ${bad} is not a plain name`;
}

const ENV_REPORT_LISTS = ['generated', 'asked', 'restored', 'unused', 'unfilled', 'differs'] as const;

/**
 * Why an `ExportEnvReport` is refused, or null: a count and lists of variable names — anything
 * that is not a name (a value, a line of the file, a control character) is refused, so a value
 * can never reach the page through the report.
 */
export function exportEnvReportProblem(value: unknown): string | null {
  if (!isRecordWith(value, ['kept', ...ENV_REPORT_LISTS])) return 'expected { kept, generated, asked, … }';
  for (const key of ['kept', ...ENV_REPORT_LISTS]) if (!(key in value)) return `env.${key} is missing`;
  if (typeof value.kept !== 'number' || !Number.isSafeInteger(value.kept) || value.kept < 0) {
    return 'env.kept is not a count';
  }
  for (const key of ENV_REPORT_LISTS) {
    const problem = listProblem(value[key], `env.${key}`, MAX_ENV_REPORT_NAMES, isEnvName);
    if (problem !== null) return problem;
  }
  return null;
}

/** Why an `export:saveAll` answer is refused, or null (the desktop bridge asks before showing it). */
export function exportResponseProblem(value: unknown): string | null {
  if (value === null) return null;
  if (!isRecordWith(value, ['kind', 'saved', 'files', 'env', 'folder', 'target', 'existing'])) {
    return 'expected null or { kind, … }';
  }
  if (value.kind === 'saved') {
    if (!isRecordWith(value, ['kind', 'saved', 'files', 'env'])) return 'expected { kind, saved, files, env }';
    if (!isPath(value.saved)) return 'saved is not a folder path';
    const files = listProblem(value.files, 'files', MAX_EXPORT_FILES, isSafeRelativePath);
    if (files !== null) return files;
    if (value.env === undefined) return 'env is missing';
    return value.env === null ? null : exportEnvReportProblem(value.env);
  }
  if (value.kind === 'exists') {
    if (!isRecordWith(value, ['kind', 'folder', 'target', 'existing']))
      return 'expected { kind, folder, target, existing }';
    if (!isPath(value.folder)) return 'folder is not a folder path';
    if (!isPath(value.target)) return 'target is not a folder path';
    const existing = listProblem(value.existing, 'existing', MAX_EXPORT_FILES, isSafeRelativePath);
    if (existing !== null) return existing;
    return (value.existing as unknown[]).length === 0 ? 'existing is empty' : null;
  }
  return `unknown kind ${JSON.stringify(String(value.kind)).slice(0, 40)}`;
}

export function isExportSaveResponse(value: unknown): value is ExportSaveResult | null {
  return exportResponseProblem(value) === null;
}

const isPictureFormat = (value: unknown): value is PictureFormat =>
  (PICTURE_FORMATS as readonly unknown[]).includes(value);

/**
 * Why a `picture:save` request is refused, or null: a plain name ending in the format's
 * extension, and the picture's bytes — a Uint8Array, not empty, within MAX_PICTURE_SAVE_BYTES.
 * (Main also checks that the bytes are a picture of that format before it writes them.)
 */
export function pictureSaveProblem(value: unknown): string | null {
  if (!isRecordWith(value, ['bytes', 'name', 'format'])) return 'expected { bytes, name, format }';
  if (!isPictureFormat(value.format)) return 'format is not svg, png or pdf';
  if (!isName(value.name)) return 'name is not a plain file name';
  if (!value.name.toLowerCase().endsWith(`.${value.format}`) || value.name.length === value.format.length + 1)
    return `name does not end in .${value.format}`;
  if (!(value.bytes instanceof Uint8Array)) return 'bytes is not a Uint8Array';
  if (value.bytes.length === 0) return 'the picture is empty';
  if (value.bytes.length > MAX_PICTURE_SAVE_BYTES) return `the picture is over ${MAX_PICTURE_SAVE_BYTES} bytes`;
  return null;
}

const isImportRole = (value: unknown): value is ImportFileRole =>
  (IMPORT_FILE_ROLES as readonly unknown[]).includes(value);

/** Why a list of import paths is refused, or null. */
function importPathsProblem(value: unknown, what: string, min: number): string | null {
  if (!Array.isArray(value)) return `${what} is not a list`;
  if (value.length < min) return `${what} is empty`;
  if (value.length > MAX_IMPORT_FILES) return `${what} has more than ${MAX_IMPORT_FILES} files`;
  const bad = value.findIndex((v) => !isPath(v));
  return bad === -1 ? null : `${what} ${bad} is not a file path`;
}

/**
 * Why an `import:run` request is refused, or null: one to MAX_IMPORT_FILES paths per kind (at
 * least one compose file), each a non-empty path without NUL, and plain profile names. The
 * guard and the handler both ask it.
 */
export function importRunProblem(value: unknown): string | null {
  if (!isRecordWith(value, ['compose', 'envFiles', 'proxyConfigs', 'profiles']))
    return 'expected { compose, envFiles, proxyConfigs, profiles }';
  for (const key of ['compose', 'envFiles', 'proxyConfigs', 'profiles'])
    if (!(key in value)) return `${key} is missing`;
  const problem =
    importPathsProblem(value.compose, 'compose', 1) ??
    importPathsProblem(value.envFiles, 'envFiles', 0) ??
    importPathsProblem(value.proxyConfigs, 'proxyConfigs', 0);
  if (problem !== null) return problem;
  const profiles = value.profiles;
  if (!Array.isArray(profiles)) return 'profiles is not a list';
  if (profiles.length > MAX_IMPORT_PROFILES) return `more than ${MAX_IMPORT_PROFILES} profiles`;
  const bad = profiles.findIndex((p) => typeof p !== 'string' || !PROFILE_NAME_PATTERN.test(p));
  return bad === -1 ? null : `profile ${bad} is not a profile name`;
}

const isPos = (v: unknown): boolean =>
  isRecordWith(v, ['file', 'line', 'column']) &&
  isString(v.file, MAX_PATH_LENGTH) &&
  Number.isSafeInteger(v.line) &&
  Number.isSafeInteger(v.column);
const isProblem = (v: unknown): boolean =>
  isRecordWith(v, ['code', 'severity', 'message', 'at']) &&
  isNonEmptyString(v.code, 64) &&
  (v.severity === 'error' || v.severity === 'warning') &&
  isString(v.message, 64 * 1024) &&
  isPos(v.at);
const isNote = (v: unknown): boolean =>
  isRecordWith(v, ['kind', 'text', 'at']) &&
  (v.kind === 'kept' || v.kind === 'interpreted' || v.kind === 'not-understood') &&
  isString(v.text, 64 * 1024) &&
  isPos(v.at);
const isServiceOutcome = (v: unknown): boolean =>
  isRecordWith(v, ['service', 'at', 'kind', 'flavour', 'component', 'why']) &&
  isString(v.service, MAX_NAME_LENGTH * 4) &&
  isPos(v.at) &&
  isNonEmptyString(v.kind, 64) &&
  (v.flavour === undefined || isNonEmptyString(v.flavour, 64)) &&
  isString(v.component, MAX_NAME_LENGTH * 4) &&
  isString(v.why, 64 * 1024);
const everyOf = (value: unknown, item: (v: unknown) => boolean, max = 100_000): boolean =>
  Array.isArray(value) && value.length <= max && value.every(item);

/**
 * Why an `import:run` answer is refused, or null (the desktop bridge asks before showing it):
 * only the shapes the dialog shows — text it renders as text, positions as numbers.
 */
export function importResponseProblem(value: unknown): string | null {
  if (!isRecordWith(value, ['kind', 'projectText', 'report', 'problems'])) return 'expected { kind, … }';
  if (value.kind === 'failed') {
    if (!isRecordWith(value, ['kind', 'problems'])) return 'expected { kind, problems }';
    return everyOf(value.problems, isProblem) ? null : 'problems is not a list of import problems';
  }
  if (value.kind !== 'imported') return 'unknown kind';
  if (!isRecordWith(value, ['kind', 'projectText', 'report'])) return 'expected { kind, projectText, report }';
  if (!isNonEmptyString(value.projectText, MAX_PROJECT_TEXT)) return 'projectText is not a project text';
  const report = value.report;
  if (!isRecordWith(report, ['files', 'services', 'inactive', 'notes', 'warnings'])) return 'report is not a report';
  if (!everyOf(report.files, (f) => isString(f, MAX_PATH_LENGTH))) return 'report.files is not a list of paths';
  if (!everyOf(report.services, isServiceOutcome)) return 'report.services is not a list of services';
  if (!everyOf(report.inactive, (s) => isString(s, MAX_NAME_LENGTH * 4))) return 'report.inactive is not a list';
  if (!everyOf(report.notes, isNote)) return 'report.notes is not a list of notes';
  if (!everyOf(report.warnings, isProblem)) return 'report.warnings is not a list of problems';
  return null;
}

function isSnapshot(value: unknown): value is DocumentSnapshot {
  return (
    isRecordWith(value, ['requestId', 'dirty', 'text', 'suggestedName', 'path']) &&
    isNonEmptyString(value.requestId, 64) &&
    typeof value.dirty === 'boolean' &&
    (value.text === null || isProjectText(value.text)) &&
    (value.suggestedName === null || isName(value.suggestedName)) &&
    (value.path === null || isPath(value.path))
  );
}

/** One guard per channel: the only payloads main will hand to a handler. */
export const REQUEST_GUARDS: { readonly [C in InvokeChannel]: Guard<InvokeRequest<C>> } = {
  'project:open': isEmptyRequest,
  'project:openRecent': (v): v is { path: string } => isRecordWith(v, ['path']) && isPath(v.path),
  'project:openDropped': (v): v is { path: string } => isRecordWith(v, ['path']) && isPath(v.path),
  'project:save': (v): v is InvokeRequest<'project:save'> =>
    isRecordWith(v, ['text', 'path', 'suggestedName']) &&
    isProjectText(v.text) &&
    optional(isPath)(v.path) &&
    optional(isName)(v.suggestedName),
  'project:saveAs': (v): v is InvokeRequest<'project:saveAs'> =>
    isRecordWith(v, ['text', 'suggestedName']) && isProjectText(v.text) && optional(isName)(v.suggestedName),
  'export:saveAll': (v): v is InvokeRequest<'export:saveAll'> => exportRequestProblem(v) === null,
  'picture:save': (v): v is PictureSaveRequest => pictureSaveProblem(v) === null,
  'recent:list': isEmptyRequest,
  'recovery:load': isEmptyRequest,
  'recovery:journal': (v): v is { text: string } => isRecordWith(v, ['text']) && isString(v.text, MAX_JOURNAL_TEXT),
  'recovery:clear': isEmptyRequest,
  'shell:openDocs': (v): v is { url: string } => isRecordWith(v, ['url']) && isNonEmptyString(v.url, 2048),
  'document:state': (v): v is InvokeRequest<'document:state'> =>
    isRecordWith(v, ['dirty', 'path']) && typeof v.dirty === 'boolean' && (v.path === null || isPath(v.path)),
  'document:snapshot': isSnapshot,
  'menu:setActions': (v): v is { ids: MenuCommand[] } => isRecordWith(v, ['ids']) && isMenuCommandList(v.ids),
  'import:choose': (v): v is { role: ImportFileRole } => isRecordWith(v, ['role']) && isImportRole(v.role),
  'import:run': (v): v is ImportRunRequest => importRunProblem(v) === null,
};

export const INVOKE_CHANNELS = Object.keys(REQUEST_GUARDS) as InvokeChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_GUARDS, value);
}

const isOpenedFile = (v: unknown): v is OpenedFile =>
  isRecordWith(v, ['name', 'path', 'text', 'picture']) &&
  isName(v.name) &&
  isPath(v.path) &&
  isProjectText(v.text) &&
  optional(isPictureFormat)(v.picture);

/** Guards for main→renderer events: the preload drops anything else. */
export const EVENT_GUARDS: { readonly [C in EventChannel]: Guard<EventPayload<C>> } = {
  'menu:command': (v): v is { command: MenuCommand } => isRecordWith(v, ['command']) && isMenuCommand(v.command),
  'file:opened': isOpenedFile,
  'file:changedOnDisk': (v): v is { path: string; name: string } =>
    isRecordWith(v, ['path', 'name']) && isPath(v.path) && isName(v.name),
  'document:query': (v): v is { requestId: string } =>
    isRecordWith(v, ['requestId']) && isNonEmptyString(v.requestId, 64),
};
