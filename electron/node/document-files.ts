/**
 * Open, Save and Save As for the desktop app, with Electron's dialogs injected. Main keeps
 * which files the user has granted access to (picked in a dialog, named on the command line,
 * dropped on the window, chosen from the recent list): the page may ask to save to one of
 * those paths, never to one it made up. Every save is atomic and, for a file we opened or
 * saved before, refuses to overwrite an external change unless the user confirms.
 */
import { basename, dirname, join } from 'node:path';
import type { OpenedFile, SavedFile } from '../../shared/ipc/index';
import { diskState, fingerprintAfter, hashText, saveDecision, type Fingerprint } from './disk-state';
import { WriteError, writeFileAtomic, type WriteFailureCode, type WriteFs } from './files';
import { readProjectFile, type OpenFailureCode } from './open-path';

export interface FileDialogs {
  /** Pick a project (or a picture carrying one) to open; null when cancelled. */
  chooseOpen(): Promise<string | null>;
  /** Pick where to save; null when cancelled. */
  chooseSave(defaultPath: string): Promise<string | null>;
  /** The open file changed on disk since we read it: overwrite it, save elsewhere, or stop. */
  confirmOverwriteChanged(name: string): Promise<'overwrite' | 'save-as' | 'cancel'>;
}

export interface DocumentFilesOptions {
  readonly dialogs: FileDialogs;
  /** Told about every file opened or saved (recent list, watcher, title). */
  readonly onCurrent?: (path: string, baseline: Fingerprint) => void;
  /** Told just before we write `path`, with the SHA-256 of the new contents (for the watcher). */
  readonly onWriting?: (path: string, sha256: string) => void;
  /** Folder the first Save As starts in (e.g. Documents). */
  readonly defaultFolder?: string;
  /** Mode of a project file Save As creates (default 0o644); a replaced file keeps its own. */
  readonly newFileMode?: 0o600 | 0o644;
  /** The file system saves write through (tests inject faults here). */
  readonly fs?: WriteFs;
}

/**
 * Why an open or save failed, for an error dialog or the IPC answer. `code` is one the IPC
 * contract knows; a failed save also carries the writer's own `reason` (`no-space`,
 * `read-only-fs`, …), and its message names the cause and says the file on disk is unchanged.
 */
export class DocumentFileError extends Error {
  constructor(
    readonly code: OpenFailureCode,
    message: string,
    readonly reason?: WriteFailureCode,
  ) {
    super(message);
  }
}

/** The IPC code for a failed write: a missing folder or link target is `not-found`, the rest `io`. */
function ipcCodeOf(reason: WriteFailureCode): DocumentFileError['code'] {
  return reason === 'folder-missing' || reason === 'broken-symlink' ? 'not-found' : 'io';
}

/** A save failure as the user reads it: the cause, and what became of the file on disk. */
export function saveFailure(path: string, error: unknown): DocumentFileError {
  if (!(error instanceof WriteError)) {
    return new DocumentFileError('io', `cannot save ${path}: ${(error as Error).message}`);
  }
  const after = error.detail.existed ? 'the file on disk is unchanged' : 'nothing was written';
  const hint =
    error.code === 'read-only-file' || error.code === 'read-only-fs' ? ' Use Save As to save a copy elsewhere.' : '';
  const left = error.detail.tempLeft ? ` The temporary file ${error.detail.tempLeft} could not be removed.` : '';
  return new DocumentFileError(
    ipcCodeOf(error.code),
    `cannot save ${path}: ${error.reason}; ${after}.${hint}${left}`,
    error.code,
  );
}

export interface DocumentFiles {
  /** Asks for a file and reads it; null when cancelled. */
  open(): Promise<OpenedFile | null>;
  /**
   * Reads a file named outside a dialog (argv, drop, recent) and grants access to it — unless it
   * is a picture (`picture` set): the project it carries opens as new work.
   */
  openPath(path: string): Promise<OpenedFile>;
  save(text: string, path?: string, suggestedName?: string): Promise<SavedFile | null>;
  saveAs(text: string, suggestedName?: string, from?: string): Promise<SavedFile | null>;
  /** Whether the page may name this path in a save. */
  isGranted(path: string): boolean;
  /** The fingerprint of what we last read or wrote at `path`. */
  baseline(path: string): Fingerprint | undefined;
}

export function createDocumentFiles(options: DocumentFilesOptions): DocumentFiles {
  const granted = new Map<string, Fingerprint>();

  const remember = (path: string, fingerprint: Fingerprint) => {
    granted.set(path, fingerprint);
    options.onCurrent?.(path, fingerprint);
  };

  const openPath = async (path: string): Promise<OpenedFile> => {
    const read = await readProjectFile(path);
    if (!read.ok) throw new DocumentFileError(read.code, read.message);
    // A picture is not the project's file: no save may go to it, and it is not watched.
    if (read.picture !== undefined) return { name: read.name, path, text: read.text, picture: read.picture };
    remember(path, await fingerprintAfter(path, read.text));
    return { name: read.name, path, text: read.text };
  };

  const writeTo = async (path: string, text: string): Promise<SavedFile> => {
    options.onWriting?.(path, hashText(text));
    try {
      // A symlinked project file is written through: the link stays, the file it names changes.
      await writeFileAtomic(path, text, {
        overwrite: true,
        symlinks: 'follow',
        newFileMode: options.newFileMode,
        fs: options.fs,
      });
    } catch (error) {
      throw saveFailure(path, error);
    }
    remember(path, await fingerprintAfter(path, text));
    return { name: basename(path), path };
  };

  const saveAs = async (text: string, suggestedName?: string, from?: string): Promise<SavedFile | null> => {
    const name = suggestedName ?? (from ? basename(from) : 'deployment.portolan.yaml');
    const folder = from ? dirname(from) : options.defaultFolder;
    const chosen = await options.dialogs.chooseSave(folder ? join(folder, name) : name);
    if (chosen === null) return null;
    // The OS dialog already asked about replacing an existing file.
    return writeTo(chosen, text);
  };

  return {
    async open() {
      const path = await options.dialogs.chooseOpen();
      return path === null ? null : openPath(path);
    },
    openPath,
    async save(text, path, suggestedName) {
      const baseline = path === undefined ? undefined : granted.get(path);
      if (path === undefined || baseline === undefined) return saveAs(text, suggestedName);
      const state = await diskState(path, baseline);
      if (saveDecision(state, false) === 'ask') {
        const answer = await options.dialogs.confirmOverwriteChanged(basename(path));
        if (answer === 'cancel') return null;
        if (answer === 'save-as') return saveAs(text, suggestedName, path);
      }
      return writeTo(path, text);
    },
    saveAs,
    isGranted: (path) => granted.has(path),
    baseline: (path) => granted.get(path),
  };
}
