import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadProject, saveProject, type FormatProblem } from '../../shared/format';
import { emptyProject, type Project, type ZoneId } from '../../shared/model';
import { TEMPLATES } from '../../shared/templates';
import { getBridge } from './bridge';
import type { FileActions } from './editor/commands';
import { EditorView } from './editor/EditorView';
import { LoadProblemsView } from './LoadProblemsView';
import { EditorProvider, useEditor } from './store/context';
import { createEditorStore, isDirty, type EditorStore } from './store/editor';
import { TitleBar } from './TitleBar';
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

  const files = useMemo<FileActions>(() => {
    const saveTo = async (asNew: boolean) => {
      const { project: p, fileName: current } = store.getState();
      if (p === null) return;
      const text = saveProject(p);
      const suggested =
        current ?? `${p.meta.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'deployment'}.portolan.yaml`;
      const saved = await bridge.saveProjectFile(text, suggested, asNew ? undefined : (current ?? undefined));
      if (saved !== null) {
        store.getState().markSaved(saved, text);
        bridge.recent.add(saved);
        bridge.autosave.clear();
      }
    };
    return {
      save: () => saveTo(false),
      saveAs: () => saveTo(true),
      open: async () => {
        const picked = await bridge.openProjectFile();
        if (picked) openText(picked.text, picked.name, true);
      },
      backToTemplates: () => store.getState().close(),
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
          projectName={failed ? failed.title : title}
          fileName={fileName}
          dirty={dirty}
          onBack={project !== null || failed ? () => (setFailed(null), store.getState().close()) : null}
          onCommands={project !== null ? () => store.getState().setDialog('commands') : null}
          onExport={project !== null ? () => store.getState().setDialog('export') : null}
        />
      )}
      {failed ? (
        <LoadProblemsView title={failed.title} problems={failed.problems} onBack={() => setFailed(null)} />
      ) : project !== null ? (
        <EditorView files={files} />
      ) : (
        <WelcomeView
          entries={entries}
          onOpen={(entry) => entry.loaded.ok && store.getState().open(entry.loaded.project, null, null)}
          onOpenFile={files.open}
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
    </div>
  );
}
