import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { loadProject, saveProject, type FormatProblem } from '../../shared/format';
import { emptyProject, type Project, type ZoneId } from '../../shared/model';
import { projectFileName } from '../../shared/model/file-name';
import { TEMPLATES } from '../../shared/templates';
import { getBridge, HostError, type PickedFile } from './bridge';
import type { FileActions } from './editor/commands';
import { EditorView } from './editor/EditorView';
import type { ImportResult } from '../../shared/import/project/types';
import { addFiles, EMPTY_FILES, type DraftFiles } from './import/draft';
import { classifyDrop } from './import/drop';
import { ImportDialog } from './import/ImportDialog';
import { useAutosave } from './host/useAutosave';
import { useDesktopHost } from './host/useDesktopHost';
import { LoadProblemsView } from './LoadProblemsView';
import { Notice, type NoticeState } from './Notice';
import { OpenFilePrompt } from './OpenFilePrompt';
import { isPictureName } from './picture/picture-names';
import { EditorProvider, useEditor } from './store/context';
import { createEditorStore, hasUnsavedWork, isDirty, type EditorStore } from './store/editor';
import { TitleBar } from './TitleBar';
import { UnsavedDialog, type UnsavedAnswer, type UnsavedQuestion } from './UnsavedDialog';
import { useDocumentTitle } from './useDocumentTitle';
import { WelcomeView, type TemplateEntry } from './WelcomeView';

/** An empty deployment with the three usual zones, so new components land in the right one. */
function blankProject(): Project {
  const base = emptyProject('Untitled deployment');
  return {
    ...base,
    zones: [
      { id: 'internet' as ZoneId, name: 'Internet', kind: 'internet' },
      { id: 'dmz' as ZoneId, name: 'Edge (DMZ)', kind: 'dmz' },
      { id: 'internal' as ZoneId, name: 'Compose network', kind: 'internal' },
    ],
  };
}

/**
 * Whether the page may open a file chooser now (a click or Enter just happened). Browsers
 * without the User Activation API are trusted to decide for themselves. Ctrl+O counts as
 * activation but Chromium still refuses the chooser (the browser's own shortcut), so callers
 * say when Open came from it.
 */
function hasUserGesture(): boolean {
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
  return activation === undefined || activation.isActive;
}

/** What the autosave keeps: the text and the file it belongs to. */
interface Recovery {
  readonly fileName: string | null;
  readonly text: string;
}

function readRecovery(): Recovery | null {
  const raw = getBridge().autosave.load();
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<Recovery>;
    return typeof value.text === 'string'
      ? { fileName: typeof value.fileName === 'string' ? value.fileName : null, text: value.text }
      : null;
  } catch {
    return null;
  }
}

/** A failed file operation, in words for the notice strip. */
function describeFailure(what: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return error instanceof HostError ? `${what}: ${reason} (${error.code})` : `${what}: ${reason}`;
}

/** The application shell: the welcome view (templates, recent files, recovery) or the editor. */
export function App() {
  const [store] = useState<EditorStore>(() => createEditorStore());
  return (
    <EditorProvider store={store}>
      <Shell store={store} />
    </EditorProvider>
  );
}

function Shell({ store }: { readonly store: EditorStore }) {
  const bridge = getBridge();
  const project = useEditor((s) => s.project);
  const fileName = useEditor((s) => s.fileName);
  const dirty = useEditor((s) => isDirty(s));
  const presenting = useEditor((s) => s.layout.presenting);
  const editorNotice = useEditor((s) => s.notice);
  const [failed, setFailed] = useState<{ title: string; problems: readonly FormatProblem[] } | null>(null);
  const [recovery, setRecovery] = useState<Recovery | null>(() => readRecovery());
  const [question, setQuestion] = useState<UnsavedQuestion | null>(null);
  const [openPrompt, setOpenPrompt] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  /** The import dialog, open with these files (dropped on the window, or none). */
  const [importing, setImporting] = useState<DraftFiles | null>(null);
  const entries = useMemo<TemplateEntry[]>(
    () => TEMPLATES.map((template) => ({ template, loaded: loadProject(template.text) })),
    [],
  );

  const openText = useCallback(
    (text: string, name: string | null, saved: boolean) => {
      const loaded = loadProject(text);
      if (!loaded.ok) {
        setFailed({ title: name ?? 'Recovered work', problems: loaded.problems });
        return;
      }
      setFailed(null);
      store.getState().open(loaded.project, name, saved ? text : null);
      if (name !== null && saved) bridge.recent.add(name);
    },
    [store, bridge],
  );
  /**
   * Opens the project a picture carries as a new, unsaved document: the picture is not its file
   * (Save asks where to keep the project), and the notice says where it came from.
   */
  const openFromPicture = useCallback(
    (picture: string, text: string) => {
      const loaded = loadProject(text);
      if (!loaded.ok) {
        setFailed({ title: `The project in ${picture}`, problems: loaded.problems });
        return;
      }
      setFailed(null);
      store.getState().open(loaded.project, null, null);
      setNotice({ kind: 'info', text: `Opened the project carried by ${picture}. Save keeps it as a project file.` });
    },
    [store],
  );
  const openPicked = useCallback(
    (picked: PickedFile | null) => {
      if (picked === null) return;
      if (picked.fromPicture === true) openFromPicture(picked.name, picked.text);
      else openText(picked.text, picked.name, true);
    },
    [openText, openFromPicture],
  );
  /** Runs a file operation; a failure (unreadable file, full disk, refused path) shows as a notice. */
  const guarded = useCallback(async <T,>(what: string, operation: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await operation();
    } catch (error) {
      setNotice({ kind: 'error', text: describeFailure(what, error) });
      return undefined;
    }
  }, []);

  const files = useMemo<FileActions & { openImported: (result: ImportResult, from: string) => Promise<void> }>(() => {
    /** Saves the document; true when it was written (false: cancelled, failed, or nothing to save). */
    const saveTo = async (asNew: boolean): Promise<boolean> => {
      const { project: p, fileName: current } = store.getState();
      if (p === null) return false;
      const text = saveProject(p);
      const saved = await guarded('Could not save the project', () =>
        bridge.saveProjectFile(
          text,
          current ?? projectFileName(p.meta.name),
          asNew ? undefined : (current ?? undefined),
        ),
      );
      if (saved === undefined || saved === null) return false;
      store.getState().markSaved(saved, text);
      bridge.recent.add(saved);
      bridge.autosave.clear();
      return true;
    };
    /** Whether unsaved work may be replaced: asks Save / Don't save / Cancel when there is any. */
    const mayLeave = async (action: string): Promise<boolean> => {
      const state = store.getState();
      if (state.project === null || !hasUnsavedWork(state)) return true;
      const answer = await new Promise<UnsavedAnswer>((resolve) =>
        setQuestion({
          name: state.fileName ?? state.project!.meta.name,
          action,
          answer: (a) => {
            setQuestion(null);
            resolve(a);
          },
        }),
      );
      return answer === 'discard' || (answer === 'save' && (await saveTo(false)));
    };
    return {
      save: async () => void (await saveTo(false)),
      saveAs: async () => void (await saveTo(true)),
      open: async (options) => {
        // The desktop host asks before it replaces the document (it owns the native dialog).
        if (bridge.platform === 'browser' && !(await mayLeave('open another file'))) return;
        if (bridge.platform === 'browser' && (options?.fromShortcut === true || !hasUserGesture())) {
          setOpenPrompt(true); // its button opens the chooser with a gesture
          return;
        }
        openPicked((await guarded('Could not open the file', () => bridge.openProjectFile())) ?? null);
      },
      openRecent: async (entry) => {
        const open = bridge.openRecentFile;
        if (open) openPicked((await guarded('Could not open the file', () => open.call(bridge, entry))) ?? null);
      },
      openDropped: async (file) => {
        if (isPictureName(file.name)) {
          // A picture is read here on both platforms: its bytes are not a project file for the host to open.
          if (!(await mayLeave('open another file'))) return;
          const text = await guarded('Could not open the picture', async () => {
            const { readPictureFile } = await import('./picture/open-picture');
            return readPictureFile(file);
          });
          if (text !== undefined) openFromPicture(file.name, text);
        } else if (bridge.openDroppedFile) {
          const open = bridge.openDroppedFile;
          openPicked((await guarded('Could not open the file', () => open.call(bridge, file))) ?? null);
        } else if (await mayLeave('open another file')) {
          openPicked(
            (await guarded('Could not open the file', async () => ({ name: file.name, text: await file.text() }))) ??
              null,
          );
        }
      },
      backToTemplates: async () => {
        if (await mayLeave('go back to the templates')) store.getState().close();
      },
      ...(bridge.importCompose ? { importCompose: () => setImporting(EMPTY_FILES) } : {}),
      /**
       * Opens an imported project as new, unsaved work (like a picture's project): the compose
       * files are not its file, so Save asks where to keep it. The dialog closes first, so the
       * unsaved-changes question is the only dialog on screen.
       */
      openImported: async (result, from) => {
        setImporting(null);
        if (!(await mayLeave('open the imported project'))) return;
        setFailed(null);
        store.getState().open(result.project, null, null);
        const count = result.report.services.length;
        setNotice({
          kind: 'info',
          text: `Imported ${count} service${count === 1 ? '' : 's'} from ${from}. Save keeps it as a project file.`,
        });
      },
    };
  }, [store, bridge, guarded, openPicked, openFromPicture]);

  const externalChange = useCallback(
    (file: { name: string }) =>
      setNotice({
        kind: 'info',
        text: `${file.name} was changed by another program.`,
        actions: [
          {
            label: 'Reload from disk',
            primary: true,
            run: () => {
              const reload = bridge.reloadFile;
              if (reload)
                void guarded('Could not reload the file', () => reload.call(bridge, file.name)).then((p) =>
                  openPicked(p ?? null),
                );
            },
          },
          { label: 'Keep my version', run: () => undefined },
        ],
      }),
    [bridge, guarded, openPicked],
  );
  useAutosave(store, bridge);
  // A file the host opened by itself is shown as a saved file — or, from a picture, as new work.
  useDesktopHost(store, bridge, { files, openFile: openPicked, externalChange });
  useDocumentTitle(project?.meta.name ?? null, dirty);

  // A project file or picture dragged onto the window opens (after the unsaved-changes question);
  // compose files (with their .env and proxy configurations, several at once) open the import dialog.
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    const action = classifyDrop([...e.dataTransfer.files]);
    if (action.kind === 'none') return;
    e.preventDefault();
    if (action.kind === 'import' && files.importCompose !== undefined)
      setImporting(
        addFiles(
          importing ?? EMPTY_FILES,
          action.files.map((file) => ({ name: file.name, file })),
        ),
      );
    else if (action.kind === 'open') void files.openDropped?.(action.file);
  };

  const title = project?.meta.name ?? null;
  // A file operation's notice first; an editor action's (copy as image, print) otherwise.
  const shownNotice = notice ?? editorNotice;
  return (
    <div className="pl-app" onDragOver={onDragOver} onDrop={onDrop}>
      {presenting ? null : (
        <TitleBar
          // While a file's problems show, the bar names nothing: the page says which file failed.
          projectName={failed ? null : title}
          fileName={fileName}
          dirty={dirty}
          onBack={failed ? null : project !== null ? () => void files.backToTemplates() : null}
          onCommands={project !== null && !failed ? () => store.getState().setDialog('commands') : null}
          onExport={project !== null && !failed ? () => store.getState().setDialog('export') : null}
        />
      )}
      {shownNotice && !presenting ? (
        <Notice
          notice={shownNotice}
          onDismiss={() => {
            setNotice(null);
            store.getState().notify(null);
          }}
        />
      ) : null}
      {failed ? (
        <LoadProblemsView
          title={failed.title}
          problems={failed.problems}
          onBack={() => setFailed(null)}
          backLabel={project !== null ? `Back to ${project.meta.name}` : 'Back to templates'}
        />
      ) : project !== null ? (
        <EditorView files={files} />
      ) : (
        <WelcomeView
          entries={entries}
          onOpen={(entry) => entry.loaded.ok && store.getState().open(entry.loaded.project, null, null)}
          onOpenFile={() => void files.open()}
          onImport={files.importCompose}
          onOpenRecent={bridge.openRecentFile ? (entry) => void files.openRecent?.(entry) : undefined}
          onBlank={() => store.getState().open(blankProject(), null, null)}
          recent={bridge.recent.list()}
          recovery={
            recovery
              ? {
                  name: recovery.fileName ?? 'Unsaved project',
                  restore: () => {
                    openText(recovery.text, recovery.fileName, false);
                    setRecovery(null);
                  },
                  discard: () => {
                    bridge.autosave.clear();
                    setRecovery(null);
                  },
                }
              : null
          }
        />
      )}
      {question ? <UnsavedDialog question={question} /> : null}
      {importing !== null ? (
        <ImportDialog
          bridge={bridge}
          initial={importing}
          onClose={() => setImporting(null)}
          onOpen={(result, from) => void files.openImported(result, from)}
        />
      ) : null}
      {openPrompt ? (
        <OpenFilePrompt
          onCancel={() => setOpenPrompt(false)}
          onChoose={() => {
            setOpenPrompt(false);
            void guarded('Could not open the file', () => bridge.openProjectFile()).then((p) => openPicked(p ?? null));
          }}
        />
      ) : null}
    </div>
  );
}
