/**
 * The IPC contract between the renderer (through the preload) and the Electron main process.
 * Channels are named `domain:verb`. Every renderer→main channel is an invoke with a request
 * guard here; main registers a handler for each through one typed helper that validates the
 * payload and the sender before the handler runs. Main→renderer events are typed as well.
 */
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

/** A project file as main hands it to the page: display name, full path and text. */
export interface OpenedFile {
  readonly name: string;
  readonly path: string;
  readonly text: string;
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
  /** Ask for a folder and write every exported file under `folderName` in it. */
  'export:saveAll': {
    request: { files: ExportFilePayload[]; folderName: string };
    response: { saved: string } | null;
  };
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
}

export type InvokeChannel = keyof InvokeContract;
export type InvokeRequest<C extends InvokeChannel> = InvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = InvokeContract[C]['response'];

/** Commands the native menu sends to the editor (the same actions its shortcuts run). */
export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'saveAs',
  'export',
  'undo',
  'redo',
  'fitView',
  'commandPalette',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

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
 * A relative export path: forward slashes, segments of letters, digits, `.`, `_` and `-`,
 * no `.`/`..` segment, nothing absolute. Main re-checks it against the chosen folder.
 */
export function isSafeRelativePath(value: unknown): value is string {
  if (!isNonEmptyString(value, 1024)) return false;
  const segments = value.split('/');
  return segments.every((s) => /^[A-Za-z0-9._-]{1,255}$/.test(s) && s !== '.' && s !== '..');
}

function isExportFile(value: unknown): value is ExportFilePayload {
  return (
    isRecordWith(value, ['path', 'contents', 'mode']) &&
    isSafeRelativePath(value.path) &&
    isString(value.contents, MAX_EXPORT_FILE_TEXT) &&
    typeof value.mode === 'number' &&
    Number.isInteger(value.mode) &&
    value.mode >= 0 &&
    value.mode <= 0o777
  );
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
  'export:saveAll': (v): v is InvokeRequest<'export:saveAll'> =>
    isRecordWith(v, ['files', 'folderName']) &&
    isName(v.folderName) &&
    Array.isArray(v.files) &&
    v.files.length > 0 &&
    v.files.length <= MAX_EXPORT_FILES &&
    v.files.every(isExportFile) &&
    new Set(v.files.map((f: ExportFilePayload) => f.path)).size === v.files.length,
  'recent:list': isEmptyRequest,
  'recovery:load': isEmptyRequest,
  'recovery:journal': (v): v is { text: string } => isRecordWith(v, ['text']) && isString(v.text, MAX_JOURNAL_TEXT),
  'recovery:clear': isEmptyRequest,
  'shell:openDocs': (v): v is { url: string } => isRecordWith(v, ['url']) && isNonEmptyString(v.url, 2048),
  'document:state': (v): v is InvokeRequest<'document:state'> =>
    isRecordWith(v, ['dirty', 'path']) && typeof v.dirty === 'boolean' && (v.path === null || isPath(v.path)),
  'document:snapshot': isSnapshot,
};

export const INVOKE_CHANNELS = Object.keys(REQUEST_GUARDS) as InvokeChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_GUARDS, value);
}

const isOpenedFile = (v: unknown): v is OpenedFile =>
  isRecordWith(v, ['name', 'path', 'text']) && isName(v.name) && isPath(v.path) && isProjectText(v.text);

/** Guards for main→renderer events: the preload drops anything else. */
export const EVENT_GUARDS: { readonly [C in EventChannel]: Guard<EventPayload<C>> } = {
  'menu:command': (v): v is { command: MenuCommand } =>
    isRecordWith(v, ['command']) && (MENU_COMMANDS as readonly unknown[]).includes(v.command),
  'file:opened': isOpenedFile,
  'file:changedOnDisk': (v): v is { path: string; name: string } =>
    isRecordWith(v, ['path', 'name']) && isPath(v.path) && isName(v.name),
  'document:query': (v): v is { requestId: string } =>
    isRecordWith(v, ['requestId']) && isNonEmptyString(v.requestId, 64),
};
