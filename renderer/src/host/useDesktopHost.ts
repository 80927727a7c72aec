import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/ipc/index';
import { saveProject } from '../../../shared/format/index';
import type { Bridge } from '../bridge';
import type { FileActions } from '../editor/commands';
import { hasUnsavedWork, isDirty, type EditorStore } from '../store/editor';

/** Whether focus is in a text field, whose own undo/redo the Edit menu should run. */
function inTextField(): boolean {
  const el = document.activeElement as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA'].includes(el.tagName));
}

/** The suggested file name for a first save: the project's name, slugged. */
export function suggestedFileName(name: string): string {
  return `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'deployment'
  }.portolan.yaml`;
}

export interface DesktopHostActions {
  readonly files: FileActions;
  /** Shows a file the host opened by itself (command line, second launch, Open Recent, Finder). */
  readonly openFile: (file: { name: string; text: string }) => void;
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
          suggestedName: state.project === null ? null : (state.fileName ?? suggestedFileName(state.project.meta.name)),
        };
      }),
    [store, bridge],
  );

  useEffect(() => {
    const run: Record<MenuCommand, () => unknown> = {
      new: () => files.backToTemplates(),
      open: () => files.open(),
      save: () => files.save(),
      saveAs: () => files.saveAs(),
      export: () => store.getState().project !== null && store.getState().setDialog('export'),
      // In a field the menu's Undo means the field's own undo, as everywhere else on the desktop.
      undo: () => (inTextField() ? document.execCommand('undo') : store.getState().undo()),
      redo: () => (inTextField() ? document.execCommand('redo') : store.getState().redo()),
      fitView: () => store.getState().requestFit(),
      commandPalette: () => store.getState().project !== null && store.getState().setDialog('commands'),
    };
    return bridge.onMenuCommand?.((command) => void run[command]());
  }, [store, bridge, files]);

  useEffect(() => bridge.onOpenFile?.(openFile), [bridge, openFile]);
  useEffect(() => bridge.onExternalChange?.(externalChange), [bridge, externalChange]);
}
