import { useEffect } from 'react';
import type { KeyEventLike } from '../../../shared/actions/chord';
import { actionForKey } from '../../../shared/actions/keys';
import { useEditorStore } from '../store/context';
import { isMac } from './shortcut-labels';

type KeyLike = KeyEventLike & Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/**
 * Keys that would change the drawing from the canvas itself — React Flow deletes the selection
 * and nudges a focused node with the arrows, the browser selects all — which the registry's
 * editing actions (not active while presenting) do not cover.
 */
export function isEditingKey(e: KeyLike, mac: boolean): boolean {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const key = e.key.toLowerCase();
  if (key === 'delete' || key === 'backspace' || key.startsWith('arrow')) return true;
  return mod && !e.altKey && ['z', 'y', 'x', 'v', 'd', 'a'].includes(key);
}

/** What a key does while presenting: step through the flows (the registry's chords), swallow an edit, or nothing. */
export function presentationKey(e: KeyLike, mac: boolean): 'next' | 'previous' | 'swallow' | null {
  const id = actionForKey(e, { mac, typing: false, dialogOpen: false, presenting: true });
  if (id === 'next-flow') return 'next';
  if (id === 'previous-flow') return 'previous';
  return id === null && isEditingKey(e, mac) ? 'swallow' : null;
}

/**
 * The keyboard while presenting, ahead of everything else (capture phase on the window): the
 * flow keys step through the traffic flows before React Flow can read an arrow as "move the
 * focused node", and keys that would edit the drawing do nothing — a stray Backspace or Ctrl+Z
 * in front of a customer cannot change the document. Every other key (Esc, F5, the command
 * palette) goes on to the editor's keyboard handler; an open dialog keeps its keys.
 */
export function usePresentationKeys(): void {
  const store = useEditorStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      if (!s.layout.presenting || s.dialog !== null) return;
      const action = presentationKey(e, isMac());
      if (action === null) return;
      e.preventDefault();
      e.stopPropagation();
      if (action === 'next') s.stepFlow(1);
      else if (action === 'previous') s.stepFlow(-1);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [store]);
}
