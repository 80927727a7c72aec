/**
 * Sandboxed preload: the only bridge between the page and Electron. It exposes a frozen API on
 * `window.portolan`, named methods grouped by capability, each bound to one channel of the
 * contract in shared/ipc — never a generic `invoke(channel)` or `on(channel)`, and never
 * Electron's event objects (they carry `sender`). Main validates every call again; every
 * main→page event passes its contract guard (`EVENT_GUARDS`) here before the page sees it.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  EVENT_GUARDS,
  type DocumentSnapshot,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type IpcResult,
} from '../../shared/ipc/index';

function invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<IpcResult<InvokeResponse<C>>> {
  return ipcRenderer.invoke(channel, request) as Promise<IpcResult<InvokeResponse<C>>>;
}

/**
 * A listener for one main→page event that hands the page only payloads matching the contract
 * (a malformed one is dropped: the page never sees it, nor Electron's event object).
 */
function guarded<C extends EventChannel>(
  channel: C,
  handler: (payload: EventPayload<C>) => void,
): (event: unknown, payload: unknown) => void {
  const guard = EVENT_GUARDS[channel] as (value: unknown) => value is EventPayload<C>;
  return (_event, payload) => {
    if (guard(payload)) handler(payload);
  };
}

/** Subscribes to one main→page event; returns the unsubscribe function. */
function subscribe<C extends EventChannel>(channel: C, handler: (payload: EventPayload<C>) => void): () => void {
  if (typeof handler !== 'function') throw new TypeError('handler must be a function');
  const listener = guarded(channel, handler);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

/** What the page reports when main asks for the document (see `document.onQuery`). */
export type DocumentAnswer = Omit<DocumentSnapshot, 'requestId'>;

/**
 * Files main opens on its own (command line, second launch, macOS Finder) can arrive before the
 * page has subscribed: the last one is kept until a handler is there.
 */
const openedHandlers = new Set<(file: EventPayload<'file:opened'>) => void>();
let unclaimedOpen: EventPayload<'file:opened'> | null = null;
ipcRenderer.on(
  'file:opened',
  guarded('file:opened', (file) => {
    if (openedHandlers.size === 0) unclaimedOpen = file;
    for (const handler of openedHandlers) handler(file);
  }),
);

function onOpened(handler: (file: EventPayload<'file:opened'>) => void): () => void {
  if (typeof handler !== 'function') throw new TypeError('handler must be a function');
  openedHandlers.add(handler);
  const pending = unclaimedOpen;
  unclaimedOpen = null;
  if (pending !== null) queueMicrotask(() => handler(pending));
  return () => {
    openedHandlers.delete(handler);
  };
}

let removeQueryListener: (() => void) | null = null;

/** A file to import: one main chose (its path) or one dropped on the page (its path is resolved here). */
type ImportSource = File | string;

/** A dropped File's path, resolved here (a page cannot forge one); a path main handed out passes as is. */
const importPath = (source: ImportSource): string =>
  typeof source === 'string' ? source : webUtils.getPathForFile(source);

/** What `import.run` takes: like `import:run`'s request, with dropped files instead of paths. */
export interface ImportRunSources {
  readonly compose: readonly ImportSource[];
  readonly envFiles: readonly ImportSource[];
  readonly proxyConfigs: readonly ImportSource[];
  readonly profiles: readonly string[];
}

const api = Object.freeze({
  platform: 'desktop' as const,
  project: Object.freeze({
    open: () => invoke('project:open', {}),
    openRecent: (path: string) => invoke('project:openRecent', { path }),
    /** A file dropped on the page: its path is resolved here (a page cannot forge one). */
    openDropped: (file: File) => invoke('project:openDropped', { path: webUtils.getPathForFile(file) }),
    save: (request: InvokeRequest<'project:save'>) => invoke('project:save', request),
    saveAs: (request: InvokeRequest<'project:saveAs'>) => invoke('project:saveAs', request),
    onOpened,
    onChangedOnDisk: (handler: (file: EventPayload<'file:changedOnDisk'>) => void) =>
      subscribe('file:changedOnDisk', handler),
  }),
  export: Object.freeze({
    saveAll: (request: InvokeRequest<'export:saveAll'>) => invoke('export:saveAll', request),
  }),
  picture: Object.freeze({
    /** Main asks where and writes the picture's bytes. */
    save: (request: InvokeRequest<'picture:save'>) => invoke('picture:save', request),
  }),
  recent: Object.freeze({
    list: () => invoke('recent:list', {}),
  }),
  recovery: Object.freeze({
    load: () => invoke('recovery:load', {}),
    journal: (text: string) => invoke('recovery:journal', { text }),
    clear: () => invoke('recovery:clear', {}),
  }),
  shell: Object.freeze({
    openDocs: (url: string) => invoke('shell:openDocs', { url }),
  }),
  document: Object.freeze({
    /** Tells main whether the document has unsaved changes, and which file it is. */
    setState: (state: InvokeRequest<'document:state'>) => invoke('document:state', state),
    /**
     * Registers the function main calls (through a `document:query`) before closing the window
     * or replacing the document; one at a time, the last registration wins.
     */
    onQuery: (provide: () => DocumentAnswer | Promise<DocumentAnswer>) => {
      removeQueryListener?.();
      const remove = subscribe('document:query', ({ requestId }) => {
        void Promise.resolve()
          .then(provide)
          .then((answer) => invoke('document:snapshot', { ...answer, requestId }));
      });
      removeQueryListener = remove;
      return () => {
        remove();
        if (removeQueryListener === remove) removeQueryListener = null;
      };
    },
  }),
  import: Object.freeze({
    /** Main's open dialog, several files of one kind at once. */
    choose: (role: InvokeRequest<'import:choose'>['role']) => invoke('import:choose', { role }),
    /** Main reads the files (and those they name) from the disk and imports them. */
    run: (sources: ImportRunSources) =>
      invoke('import:run', {
        compose: [...sources.compose].map(importPath),
        envFiles: [...sources.envFiles].map(importPath),
        proxyConfigs: [...sources.proxyConfigs].map(importPath),
        profiles: [...sources.profiles],
      }),
  }),
  menu: Object.freeze({
    onCommand: (handler: (command: EventPayload<'menu:command'>['command']) => void) =>
      subscribe('menu:command', ({ command }) => handler(command)),
    /** The actions the page runs: the native menu shows only these. */
    setActions: (ids: InvokeRequest<'menu:setActions'>['ids']) => invoke('menu:setActions', { ids: [...ids] }),
  }),
});

export type PortolanDesktopApi = typeof api;

contextBridge.exposeInMainWorld('portolan', api);
