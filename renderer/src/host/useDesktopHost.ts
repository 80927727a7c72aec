import { useEffect } from 'react';
import { saveProject } from '../../../shared/format/index';
import { projectFileName } from '../../../shared/model/file-name';
import type { Bridge, PickedFile } from '../bridge';
import { actionBindings, editorActions, menuOffer, type FileActions } from '../editor/commands';
import { hasUnsavedWork, isDirty, type EditorStore } from '../store/editor';

export interface DesktopHostActions {
  readonly files: FileActions;
  /** Shows a file the host opened by itself (command line, second launch, Open Recent, Finder). */
  readonly openFile: (file: PickedFile) => void;
  /** The open file changed on disk: let the user choose between reloading and keeping theirs. */
  readonly externalChange: (file: { name: string }) => void;
}

/**
 * Connects the editor to the desktop host, where the bridge offers it: the native menu runs
 * the same actions as the shortcuts, the host learns the dirty state (window title, close
 * prompt) and can ask for the document before it closes or replaces it, and files the host
 * opens by itself show up here. In the browser edition the bridge has none of these: no-op.
 */
export function useDesktopHost(store: EditorStore, bridge: Bridge, actions: DesktopHostActions): void {
  const { files, openFile, externalChange } = actions;

  useEffect(() => {
    const report = bridge.reportState;
    if (report === undefined) return;
    let last = '';
    const send = () => {
      const state = store.getState();
      const next = { dirty: isDirty(state), fileName: state.fileName };
      const key = JSON.stringify(next);
      if (key === last) return; // a drag changes the document on every frame, not the flag
      last = key;
      report.call(bridge, next);
    };
    send();
    return store.subscribe(send);
  }, [store, bridge]);

  useEffect(
    () =>
      bridge.provideDocument?.(() => {
        const state = store.getState();
        return {
          dirty: state.project !== null && hasUnsavedWork(state),
          text: state.project === null ? null : saveProject(state.project),
          fileName: state.fileName,
          suggestedName: state.project === null ? null : (state.fileName ?? projectFileName(state.project.meta.name)),
        };
      }),
    [store, bridge],
  );

  // The menu runs the registry's actions through the same bindings as the shortcuts and the
  // palette (an item whose action cannot run now does nothing), and shows only those bound.
  useEffect(() => {
    const actions = editorActions(store, actionBindings(store, files));
    const off = bridge.onMenuCommand?.((command) => void actions.run(command, 'menu'));
    bridge.offerMenuCommands?.(menuOffer(actions));
    return off;
  }, [store, bridge, files]);

  useEffect(() => bridge.onOpenFile?.(openFile), [bridge, openFile]);
  useEffect(() => bridge.onExternalChange?.(externalChange), [bridge, externalChange]);
}
