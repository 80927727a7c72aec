import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadProject, saveProject, type FormatProblem } from '../../shared/format';
import { emptyProject, type Project, type ZoneId } from '../../shared/model';
import { TEMPLATES } from '../../shared/templates';
import { getBridge } from './bridge';
import type { FileActions } from './editor/commands';
import { EditorView } from './editor/EditorView';
import { LoadProblemsView } from './LoadProblemsView';
import { EditorProvider, useEditor } from './store/context';
import { createEditorStore, hasUnsavedWork, isDirty, type EditorStore } from './store/editor';
import { OpenFilePrompt } from './OpenFilePrompt';
import { TitleBar } from './TitleBar';
import { UnsavedDialog, type UnsavedAnswer, type UnsavedQuestion } from './UnsavedDialog';
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

/** How long after the last change the recovery copy is written. */
const AUTOSAVE_DELAY_MS = 800;

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
  const [failed, setFailed] = useState<{ title: string; problems: readonly FormatProblem[] } | null>(null);
  const [recovery, setRecovery] = useState<Recovery | null>(() => readRecovery());
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
      store.getState().open(loaded.project, name, saved ? text : null);
      if (name !== null && saved) bridge.recent.add(name);
    },
    [store, bridge],
  );

  const [question, setQuestion] = useState<UnsavedQuestion | null>(null);
  const [openPrompt, setOpenPrompt] = useState(false);

  const files = useMemo<FileActions>(() => {
    /** Saves the document; true when it was written (false: cancelled, or nothing to save). */
    const saveTo = async (asNew: boolean): Promise<boolean> => {
      const { project: p, fileName: current } = store.getState();
      if (p === null) return false;
      const text = saveProject(p);
      const suggested =
        current ?? `${p.meta.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'deployment'}.portolan.yaml`;
      const saved = await bridge.saveProjectFile(text, suggested, asNew ? undefined : (current ?? undefined));
      if (saved === null) return false;
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
        const picked = await bridge.openProjectFile();
        if (picked) openText(picked.text, picked.name, true);
      },
      backToTemplates: async () => {
        if (await mayLeave('go back to the templates')) store.getState().close();
      },
    };
  }, [store, bridge, openText]);

  // Autosave: the document is kept in the bridge's recovery slot a moment after each change
  // (debounced: serialising a large project on every frame of a drag would stall it).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const state = store.getState();
      if (state.project === null || !isDirty(state)) bridge.autosave.clear();
      else bridge.autosave.save(JSON.stringify({ fileName: state.fileName, text: saveProject(state.project) }));
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.project === previous.project && state.savedProject === previous.savedProject) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
    });
    // Leaving the page: keep what the timer has not written yet.
    const onHide = () => timer !== undefined && (clearTimeout(timer), flush());
    window.addEventListener('pagehide', onHide);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', onHide);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [store, bridge]);

  const title = project?.meta.name ?? null;
  useEffect(() => {
    document.title = title === null ? 'Portolan' : `${dirty ? '● ' : ''}${title} — Portolan`;
  }, [title, dirty]);

  return (
    <div className="pl-app">
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
      {openPrompt ? (
        <OpenFilePrompt
          onCancel={() => setOpenPrompt(false)}
          onChoose={() => {
            setOpenPrompt(false);
            void bridge.openProjectFile().then((picked) => picked && openText(picked.text, picked.name, true));
          }}
        />
      ) : null}
    </div>
  );
}
