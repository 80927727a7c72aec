import { useEffect } from 'react';
import { saveProject } from '../../../shared/format/index';
import type { Bridge } from '../bridge';
import { isDirty, type EditorStore } from '../store/editor';

/** Quiet time after the last change before the recovery copy is written. */
export const AUTOSAVE_DELAY_MS = 800;
/**
 * Longest a change waits while edits keep coming (a long drag, steady typing): the desktop
 * app promises that a crash loses at most 5 s of work, and its journal adds up to 1 s more.
 */
export const AUTOSAVE_MAX_WAIT_MS = 2_000;

/**
 * How long to wait before writing, for a change at `now` when the oldest unwritten change is
 * from `pendingSince`: the quiet delay, cut short so no change waits past the maximum.
 */
export function autosaveDelay(pendingSince: number, now: number): number {
  return Math.max(0, Math.min(AUTOSAVE_DELAY_MS, pendingSince + AUTOSAVE_MAX_WAIT_MS - now));
}

/**
 * Keeps the bridge's recovery slot current: a moment after each change, or every
 * AUTOSAVE_MAX_WAIT_MS during continuous editing — never on every frame of a drag, since
 * serialising a large project per frame would stall it. A clean document clears the slot.
 */
export function useAutosave(store: EditorStore, bridge: Bridge): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pendingSince: number | undefined;
    const flush = () => {
      timer = undefined;
      pendingSince = undefined;
      const state = store.getState();
      if (state.project === null || !isDirty(state)) bridge.autosave.clear();
      else bridge.autosave.save(JSON.stringify({ fileName: state.fileName, text: saveProject(state.project) }));
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.project === previous.project && state.savedProject === previous.savedProject) return;
      const now = Date.now();
      pendingSince ??= now;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, autosaveDelay(pendingSince, now));
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
}
