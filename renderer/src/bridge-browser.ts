import type { RandomSource } from '../../shared/export/index';
import type { Bridge } from './bridge';
import { isPictureName, OPEN_ACCEPT } from './picture/picture-names';

/** localStorage key of the recovery copy of the open project. */
export const AUTOSAVE_KEY = 'portolan.autosave';
/** localStorage key of the recent file names (a JSON array of strings). */
export const RECENT_KEY = 'portolan.recent';
export const RECENT_LIMIT = 8;

/** The few Storage methods the bridge uses, so tests can pass a plain object. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `getRandomValues` fills at most 65,536 bytes per call. */
const RANDOM_CHUNK = 65_536;

/** The browser's secure generator, for the secrets the export writes into `.env`. */
export const browserRandom: RandomSource = {
  bytes(count) {
    const out = new Uint8Array(count);
    for (let at = 0; at < count; at += RANDOM_CHUNK) {
      crypto.getRandomValues(out.subarray(at, Math.min(count, at + RANDOM_CHUNK)));
    }
    return out;
  },
};

/**
 * The autosave slot. Writing may fail (quota, storage disabled by policy): recovery is a
 * convenience, so a failure never interrupts editing.
 */
export function storageAutosave(storage: StorageLike | null): Bridge['autosave'] {
  return {
    load: () => attempt(() => storage?.getItem(AUTOSAVE_KEY) ?? null, null),
    save: (text) => attempt(() => storage?.setItem(AUTOSAVE_KEY, text), undefined),
    clear: () => attempt(() => storage?.removeItem(AUTOSAVE_KEY), undefined),
  };
}

/** Recent file names, most recent first, without duplicates; a corrupt entry reads as empty. */
export function storageRecent(storage: StorageLike | null, limit = RECENT_LIMIT): Bridge['recent'] {
  const list = (): string[] =>
    attempt(() => {
      const parsed: unknown = JSON.parse(storage?.getItem(RECENT_KEY) ?? '[]');
      return Array.isArray(parsed)
        ? parsed.filter((n): n is string => typeof n === 'string' && n !== '').slice(0, limit)
        : [];
    }, []);
  return {
    list,
    add(name) {
      if (name === '') return;
      const next = [name, ...list().filter((n) => n !== name)].slice(0, limit);
      attempt(() => storage?.setItem(RECENT_KEY, JSON.stringify(next)), undefined);
    },
  };
}

function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** The File System Access API is Chromium-only and missing from TypeScript's DOM library. */
interface SaveFilePickerOptions {
  readonly suggestedName?: string;
  readonly types?: readonly { readonly description: string; readonly accept: Record<string, readonly string[]> }[];
}
type SaveFilePicker = (options?: SaveFilePickerOptions) => Promise<FileSystemFileHandle>;

export interface BrowserBridgeEnv {
  readonly window?: Window;
  /** Defaults to the window's localStorage, or none when the browser refuses access to it. */
  readonly storage?: StorageLike | null;
}

/** The bridge of the browser edition: file input to open, save picker or download to save, one zip for the export. */
export function createBrowserBridge(env: BrowserBridgeEnv = {}): Bridge {
  const win = env.window ?? (typeof window === 'undefined' ? undefined : window);
  const storage = env.storage !== undefined ? env.storage : attempt(() => win?.localStorage ?? null, null);
  // Handles of files saved through the picker: a later plain Save writes to the same file without asking again.
  const handles = new Map<string, FileSystemFileHandle>();

  return {
    platform: 'browser',

    async openProjectFile() {
      if (win === undefined) return null;
      const file = await pickFile(win.document, OPEN_ACCEPT);
      if (file === null) return null;
      if (isPictureName(file.name)) {
        // Pictures are rare here: their reader (PNG, PDF and SVG parsing) loads on first use.
        const { readPictureFile } = await import('./picture/open-picture');
        return { name: file.name, text: await readPictureFile(file), fromPicture: true };
      }
      return { name: file.name, text: await file.text() };
    },

    async saveProjectFile(text, suggestedName, currentName) {
      if (win === undefined) return null;
      const known = currentName === undefined ? undefined : handles.get(currentName);
      if (known !== undefined) {
        await writeHandle(known, text);
        return known.name;
      }
      const picker = (win as Window & { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
      if (typeof picker === 'function') {
        let handle: FileSystemFileHandle;
        try {
          handle = await picker.call(win, {
            suggestedName: currentName ?? suggestedName,
            types: [{ description: 'Portolan project', accept: { 'application/yaml': ['.yaml', '.yml'] } }],
          });
        } catch (error) {
          if (isAbort(error)) return null;
          throw error;
        }
        await writeHandle(handle, text);
        handles.set(handle.name, handle);
        return handle.name;
      }
      const name = currentName ?? suggestedName;
      downloadBlob(win, new Blob([text], { type: 'application/yaml' }), name);
      return name;
    },

    async saveExport(files, folderName) {
      if (win === undefined) return null;
      // fflate is loaded on first export only: it is not needed to draw.
      const { zipExport } = await import('./export/zip');
      const bytes = zipExport(files, { folder: folderName });
      const name = `${folderName}.zip`;
      downloadBlob(win, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name);
      return { kind: 'saved', saved: name, files: files.map((f) => f.path), env: null };
    },

    async savePicture({ bytes, name, type }) {
      if (win === undefined) return null;
      downloadBlob(win, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
      return name;
    },

    autosave: storageAutosave(storage),
    recent: storageRecent(storage),

    async importCompose(request) {
      // The import core loads with the first import, not with the editor: it is not needed to draw.
      const { importInPage } = await import('./import/run-in-page');
      return importInPage(request);
    },
  };
}

/** Opens the browser's file chooser through a detached `<input type=file>`; null when cancelled. */
function pickFile(doc: Document, accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.hidden = true;
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    doc.body.append(input);
    input.click();
  });
}

async function writeHandle(handle: FileSystemFileHandle, text: string): Promise<void> {
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Hands a blob to the browser's download manager under `name`. */
function downloadBlob(win: Window, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = win.document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  win.document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
