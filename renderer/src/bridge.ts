import type { ExportFile } from '../../shared/export/index';
import { loadProject } from '../../shared/format/index';
import type { ImportResult } from '../../shared/import/project/types';
import type { ImportOutcome } from '../../shared/import/types';
import {
  exportResponseProblem,
  importResponseProblem,
  type ExportSaveResult,
  type ImportChosenFile,
  type ImportFileRole,
  type ImportRunResponse,
  type IpcResult,
  type MenuCommand,
  type PictureFormat,
} from '../../shared/ipc/index';
import { createBrowserBridge } from './bridge-browser';

/**
 * A project the host opened. `fromPicture`: `text` is the project a picture Portolan exported
 * carries (`name` is the picture's) — the picture is not the project's file, so the editor opens
 * it as new, unsaved work and a later Save asks where to keep it.
 */
export interface PickedFile {
  readonly name: string;
  readonly text: string;
  readonly fromPicture?: boolean;
}

/** A picture of the diagram to save: its bytes, file name, format and media type. */
export interface PictureToSave {
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly format: PictureFormat;
  readonly type: string;
}

/**
 * A file picked or dropped for an import, shown by its name. The page reads `file` itself (the
 * browser edition); `ref` stands for a file the host chose and reads (the desktop app).
 */
export interface ImportPick {
  readonly name: string;
  readonly file?: File;
  readonly ref?: string;
}

/** What to import: the compose files in `-f` order, `.env` files, proxy configurations and profiles. */
export interface ImportRequest {
  readonly compose: readonly ImportPick[];
  readonly envFiles: readonly ImportPick[];
  readonly proxyConfigs: readonly ImportPick[];
  /**
   * Files the compose files name (`extends`, `include`, `env_file`), for an import that cannot
   * read them from the disk (the browser edition); the desktop app reads them beside the compose file.
   */
  readonly others: readonly ImportPick[];
  readonly profiles: readonly string[];
}

export type ImportRunOutcome = ImportOutcome<ImportResult>;

/**
 * What the editor asks of its host: files, export, recovery and the recent list. The desktop
 * app answers through the preload API (`window.portolan`); a plain browser (the web edition,
 * the end-to-end tests) through `bridge-browser.ts`. This is the only file that reads
 * `window.portolan`: the rest of the renderer sees nothing but this interface.
 */
export interface Bridge {
  readonly platform: 'desktop' | 'browser';
  /**
   * Asks for a project file, or a picture exported by Portolan (then `fromPicture` is set and
   * `text` is the project it carries); null when the user cancelled.
   */
  openProjectFile(): Promise<PickedFile | null>;
  /**
   * Saves the project text. `currentName` is the file the project came from (plain Save);
   * without it, or when the host cannot write there, the user picks a place starting from
   * `suggestedName`. Resolves to the saved file's name, null when the user cancelled.
   */
  saveProjectFile(text: string, suggestedName: string, currentName?: string): Promise<string | null>;
  /**
   * Saves every exported file under `folderName`; resolves to what was written (on the desktop
   * with the `.env` merge report), null when cancelled. On the desktop, when the chosen folder
   * already holds the export, nothing is written and the answer is `exists`: ask the user, then
   * call again with `replaceIn` set to the answer's `folder`.
   */
  saveExport(files: readonly ExportFile[], folderName: string, replaceIn?: string): Promise<ExportSaveResult | null>;
  /**
   * Saves a picture of the diagram (SVG, PNG or PDF); resolves to the saved file's name, null
   * when the user cancelled. The browser edition downloads it under its name; the desktop app
   * asks where in the system's save dialog and writes it (main, `picture:save`).
   */
  savePicture(picture: PictureToSave): Promise<string | null>;
  /** A recovery copy of the open project, so a reload or crash does not lose work. */
  readonly autosave: {
    load(): string | null;
    save(text: string): void;
    clear(): void;
  };
  /** Recently opened or saved file names (full paths on the desktop), most recent first. */
  readonly recent: {
    list(): string[];
    add(name: string): void;
  };
  /**
   * Desktop only. Resolves once the host's startup state is loaded (`autosave.load()` and
   * `recent.list()` read it synchronously): await it before the first render.
   */
  whenReady?(): Promise<void>;
  /** Desktop only: opens an entry of `recent.list()`; null when the user stayed on the current project. */
  openRecentFile?(entry: string): Promise<PickedFile | null>;
  /** Desktop only: opens a project file dropped on the window; null when the user stayed. */
  openDroppedFile?(file: File): Promise<PickedFile | null>;
  /** Desktop only: a native menu item was chosen; run the same action as its shortcut. Returns unsubscribe. */
  onMenuCommand?(handler: (command: MenuCommand) => void): () => void;
  /** Desktop only: the actions the page runs, so the native menu shows those and no other. */
  offerMenuCommands?(ids: readonly MenuCommand[]): void;
  /**
   * Desktop only: the host opened a file by itself (command line, second launch, Open Recent in
   * the menu, macOS Finder) — after its own unsaved-changes prompt. Show it as a saved file (or,
   * from a picture, as new work).
   */
  onOpenFile?(handler: (file: PickedFile) => void): () => void;
  /** Desktop only: reads a file shown under `name` again (after it changed on disk); null when the user stayed. */
  reloadFile?(name: string): Promise<PickedFile | null>;
  /** Desktop only: the open file was changed by another program; offer to reload it. */
  onExternalChange?(handler: (file: { name: string }) => void): () => void;
  /** Desktop only: report the dirty flag and file name whenever either changes (window title, close prompt). */
  reportState?(state: { dirty: boolean; fileName: string | null }): void;
  /**
   * Desktop only: the function the host calls before closing the window or replacing the
   * document, to decide on the unsaved-changes prompt and to save from it. Returns unsubscribe.
   */
  provideDocument?(provider: () => DocumentState): () => void;
  /** Desktop only: opens a nextAuth documentation link in the system browser. */
  openDocs?(url: string): Promise<void>;
  /**
   * Imports compose files into a new project (issue 14). The browser edition runs the import in
   * the page over the picked files; the desktop app runs it in main over the files on disk.
   */
  importCompose?(request: ImportRequest): Promise<ImportRunOutcome>;
  /** Desktop only: the native open dialog for files of one kind, several at once; null when cancelled. */
  pickImportFiles?(role: ImportFileRole): Promise<ImportPick[] | null>;
  /** Whether files a compose file names are read from the disk (desktop), so the user need not add them. */
  readonly importReadsDisk?: boolean;
}

/** What `provideDocument` reports. */
export interface DocumentState {
  readonly dirty: boolean;
  /** The project text as it would be saved, or null when there is no project. */
  readonly text: string | null;
  /** The file name the bridge returned when the project was opened or saved, if any. */
  readonly fileName: string | null;
  /** Name for a first save (e.g. `acme.portolan.yaml`). */
  readonly suggestedName: string | null;
}

type Answer<T> = Promise<IpcResult<T>>;
type OpenedFile = { name: string; path: string; text: string; picture?: PictureFormat };

/** The preload API the bridge relies on (electron/preload/index.ts; a test keeps them in step). */
export interface DesktopApi {
  readonly platform: 'desktop';
  readonly project: {
    open(): Answer<OpenedFile | null>;
    openRecent(path: string): Answer<OpenedFile | null>;
    openDropped(file: File): Answer<OpenedFile | null>;
    save(request: {
      text: string;
      path?: string;
      suggestedName?: string;
    }): Answer<{ name: string; path: string } | null>;
    saveAs(request: { text: string; suggestedName?: string }): Answer<{ name: string; path: string } | null>;
    onOpened(handler: (file: OpenedFile) => void): () => void;
    onChangedOnDisk(handler: (file: { path: string; name: string }) => void): () => void;
  };
  readonly export: {
    saveAll(request: { files: ExportFile[]; folderName: string; replaceIn?: string }): Answer<ExportSaveResult | null>;
  };
  readonly picture: {
    save(request: {
      bytes: Uint8Array;
      name: string;
      format: PictureFormat;
    }): Answer<{ name: string; path: string } | null>;
  };
  readonly recent: { list(): Answer<string[]> };
  readonly recovery: {
    load(): Answer<{ text: string; savedAt: number } | null>;
    journal(text: string): Answer<null>;
    clear(): Answer<null>;
  };
  readonly shell: { openDocs(url: string): Answer<null> };
  readonly document: {
    setState(state: { dirty: boolean; path: string | null }): Answer<null>;
    onQuery(
      provide: () => { dirty: boolean; text: string | null; suggestedName: string | null; path: string | null },
    ): () => void;
  };
  readonly menu: {
    onCommand(handler: (command: MenuCommand) => void): () => void;
    setActions(ids: MenuCommand[]): Answer<null>;
  };
  readonly import: {
    choose(role: ImportFileRole): Answer<ImportChosenFile[] | null>;
    run(sources: {
      compose: readonly (File | string)[];
      envFiles: readonly (File | string)[];
      proxyConfigs: readonly (File | string)[];
      profiles: readonly string[];
    }): Answer<ImportRunResponse>;
  };
}

function isDesktopApi(value: unknown): value is DesktopApi {
  return typeof value === 'object' && value !== null && (value as { platform?: unknown }).platform === 'desktop';
}

/** The preload API, when the page runs inside the desktop app. */
function desktopApi(): DesktopApi | null {
  if (typeof window === 'undefined') return null;
  const api = (window as Window & { portolan?: unknown }).portolan;
  return isDesktopApi(api) ? api : null;
}

/** An error main reported (`{ ok: false, code, message }`), thrown so callers see a normal rejection. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

async function unwrap<T>(answer: Answer<T>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new HostError(result.code, result.message);
  return result.value;
}

/** Main's file names are full paths; the editor shows and passes back the file name only. */
const SUGGESTED_NAME = /^[^\\/\0]{1,255}$/;

/**
 * The desktop implementation over the preload API. Files are read and written by main
 * (native dialogs, atomic saves, external-change checks); the editor sees file names, and the
 * bridge remembers which path each name stands for so a plain Save goes back to that file.
 */
export function createDesktopBridge(api: DesktopApi): Bridge {
  const paths = new Map<string, string>();
  let recovery: string | null = null;
  let recent: string[] = [];

  const shown = (file: OpenedFile | { name: string; path: string }) => {
    paths.set(file.name, file.path);
    return file.name;
  };
  // A picture's project is new work: its name is the picture's, never a file a Save goes back to.
  const opened = (file: OpenedFile | null): PickedFile | null =>
    file === null
      ? null
      : file.picture !== undefined
        ? { name: file.name, text: file.text, fromPicture: true }
        : { name: shown(file), text: file.text };
  const refreshRecent = () =>
    unwrap(api.recent.list()).then(
      (list) => void (recent = list),
      () => undefined,
    );
  const pathOf = (name: string | null) => (name === null ? null : (paths.get(name) ?? null));
  /** Files main chose for an import, by an opaque reference: the page holds names, not paths. */
  const importPaths = new Map<string, string>();
  const importSource = (pick: ImportPick): File | string => {
    const path = pick.ref === undefined ? undefined : importPaths.get(pick.ref);
    if (path !== undefined) return path;
    if (pick.file !== undefined) return pick.file;
    throw new HostError('not-found', `${pick.name} is no longer available: add it again`);
  };

  const ready = Promise.all([
    unwrap(api.recovery.load()).then(
      (entry) => void (recovery = entry?.text ?? null),
      () => undefined,
    ),
    refreshRecent(),
  ]).then(() => undefined);

  return {
    platform: api.platform,
    whenReady: () => ready,

    async openProjectFile() {
      const file = opened(await unwrap(api.project.open()));
      void refreshRecent();
      return file;
    },

    async saveProjectFile(text, suggestedName, currentName) {
      const path = currentName === undefined ? undefined : paths.get(currentName);
      const name = SUGGESTED_NAME.test(suggestedName) ? suggestedName : undefined;
      const saved = await unwrap(
        api.project.save({
          text,
          ...(path !== undefined ? { path } : {}),
          ...(name !== undefined ? { suggestedName: name } : {}),
        }),
      );
      void refreshRecent();
      return saved === null ? null : shown(saved);
    },

    async saveExport(files, folderName, replaceIn) {
      const answer = await unwrap(
        api.export.saveAll({
          files: files.map((f) => ({ ...f })),
          folderName,
          ...(replaceIn !== undefined ? { replaceIn } : {}),
        }),
      );
      // Only names and paths are shown from it: anything else (a value, a control character) is refused.
      const problem = exportResponseProblem(answer);
      if (problem !== null) throw new HostError('invalid-response', `export:saveAll answered badly: ${problem}`);
      return answer;
    },

    async savePicture({ bytes, name, format }) {
      const saved = await unwrap(api.picture.save({ bytes, name, format }));
      return saved === null ? null : saved.name;
    },

    autosave: {
      load: () => recovery,
      save(text) {
        // Journaling is a safety net: a failed write must never interrupt editing.
        void api.recovery.journal(text).catch(() => undefined);
      },
      clear() {
        recovery = null;
        void api.recovery.clear().catch(() => undefined);
      },
    },

    recent: {
      list: () => [...recent],
      // Main records every file it opens or saves; this only refreshes the copy shown.
      add: () => void refreshRecent(),
    },

    async openRecentFile(entry) {
      const file = opened(await unwrap(api.project.openRecent(entry)));
      void refreshRecent();
      return file;
    },

    async reloadFile(name) {
      const path = paths.get(name);
      if (path === undefined) return null;
      return opened(await unwrap(api.project.openRecent(path)));
    },

    async openDroppedFile(file) {
      const result = opened(await unwrap(api.project.openDropped(file)));
      void refreshRecent();
      return result;
    },

    onMenuCommand: (handler) => api.menu.onCommand(handler),

    offerMenuCommands(ids) {
      // The menu is a convenience: a refused report leaves it as it was, the page works on.
      void api.menu.setActions([...ids]).catch(() => undefined);
    },

    onOpenFile: (handler) =>
      api.project.onOpened((file) => {
        void refreshRecent();
        handler(opened(file)!);
      }),

    onExternalChange: (handler) => api.project.onChangedOnDisk((file) => handler({ name: file.name })),

    reportState({ dirty, fileName }) {
      void api.document.setState({ dirty, path: pathOf(fileName) }).catch(() => undefined);
    },

    provideDocument: (provider) =>
      api.document.onQuery(() => {
        const state = provider();
        const suggested = state.suggestedName;
        return {
          dirty: state.dirty,
          text: state.text,
          path: pathOf(state.fileName),
          suggestedName: suggested !== null && SUGGESTED_NAME.test(suggested) ? suggested : null,
        };
      }),

    async openDocs(url) {
      await unwrap(api.shell.openDocs(url));
    },

    importReadsDisk: true,

    async pickImportFiles(role) {
      const files = await unwrap(api.import.choose(role));
      if (files === null) return null;
      return files.map((file) => {
        const ref = `import-${importPaths.size + 1}`;
        importPaths.set(ref, file.path);
        return { name: file.name, ref };
      });
    },

    async importCompose(request) {
      const answer = await unwrap(
        api.import.run({
          compose: request.compose.map(importSource),
          envFiles: request.envFiles.map(importSource),
          proxyConfigs: request.proxyConfigs.map(importSource),
          profiles: [...request.profiles],
        }),
      );
      // Only the shapes the dialog shows; the project itself is checked by the format loader.
      const problem = importResponseProblem(answer);
      if (problem !== null) throw new HostError('invalid-response', `import:run answered badly: ${problem}`);
      if (answer.kind === 'failed') return { ok: false, problems: answer.problems };
      const loaded = loadProject(answer.projectText);
      if (!loaded.ok) throw new HostError('invalid-response', 'import:run answered with a project that does not load');
      return {
        ok: true,
        value: { project: loaded.project, text: answer.projectText, report: answer.report },
        warnings: answer.report.warnings,
      };
    },
  };
}

let current: Bridge | undefined;

/** The bridge of this page, created once: the browser one keeps file handles between saves. */
export function getBridge(): Bridge {
  if (current === undefined) {
    const api = desktopApi();
    current = api === null ? createBrowserBridge() : createDesktopBridge(api);
  }
  return current;
}
