import { useEffect } from 'react';
import type { KeyEventLike } from '../../../shared/actions/chord';
import { actionForKey } from '../../../shared/actions/keys';
import { useEditorStore } from '../store/context';
import type { EditorStore } from '../store/editor';
import type { EditorActions } from './commands';
import { isMac } from './shortcut-labels';
import { ownsKeys } from './text-field';

/** A keydown as the handler reads it (a DOM KeyboardEvent is one). */
export interface ShortcutEvent extends KeyEventLike {
  readonly target: EventTarget | null;
  preventDefault(): void;
}

/**
 * The keyboard handler: the registry says which action a keydown is (shared/actions/keys.ts —
 * this file holds no key of its own), the bindings say whether it can run. A key whose action
 * is not enabled is left to the page (the browser's own Ctrl+C copies selected text).
 */
export function shortcutHandler(store: EditorStore, actions: EditorActions, mac: boolean) {
  return (event: ShortcutEvent): void => {
    const s = store.getState();
    const id = actionForKey(event, {
      mac,
      typing: ownsKeys(event.target),
      dialogOpen: s.dialog !== null,
      presenting: s.layout.presenting,
    });
    if (id === null || !actions.enabled(id)) return;
    event.preventDefault();
    actions.run(id, 'keys');
  };
}

/**
 * The editor's keyboard shortcuts, on the window: every chord of the action registry. Dialogs
 * that hold the keyboard (useModal) stop keys before they reach it.
 */
export function useShortcuts(actions: EditorActions): void {
  const store = useEditorStore();
  useEffect(() => {
    const onKey = shortcutHandler(store, actions, isMac());
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, actions]);
}
