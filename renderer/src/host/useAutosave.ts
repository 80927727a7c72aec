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
/** A gesture counts as over this long after its last pointer or wheel event. */
export const GESTURE_QUIET_MS = 300;
/** Longest the write waits for an idle moment once it is due. */
export const AUTOSAVE_IDLE_TIMEOUT_MS = 1_000;
/**
 * Longest an unwritten change waits in all (gestures included): past it, the copy is written
 * even mid-gesture, so the 5 s promise (with the journal's 1 s) still holds.
 */
export const AUTOSAVE_HARD_WAIT_MS = 4_000;

/**
 * How long to wait before writing, for a change at `now` when the oldest unwritten change is
 * from `pendingSince`: the quiet delay, cut short so no change waits past the maximum.
 */
export function autosaveDelay(pendingSince: number, now: number): number {
  return Math.max(0, Math.min(AUTOSAVE_DELAY_MS, pendingSince + AUTOSAVE_MAX_WAIT_MS - now));
}

/** What the page's pointer and wheel say about a gesture in progress. */
export interface GestureState {
  readonly pointerDown: boolean;
  /** Time of the last pointer or wheel event of a gesture (−Infinity: none yet). */
  readonly lastActivity: number;
}

/**
 * How much longer a due write should wait for the gesture in progress (0: write now). Writing
 * serialises the whole project — tens of ms on a large one — which inside a drag or a pan is a
 * dropped frame, so it waits until the pointer is up and the view has been still for a moment,
 * but never past AUTOSAVE_HARD_WAIT_MS after the oldest unwritten change.
 */
export function gesturePostpone(gesture: GestureState, pendingSince: number, now: number): number {
  const left = pendingSince + AUTOSAVE_HARD_WAIT_MS - now;
  if (left <= 0) return 0;
  if (gesture.pointerDown) return Math.min(GESTURE_QUIET_MS, left);
  const quiet = gesture.lastActivity + GESTURE_QUIET_MS - now;
  return quiet > 0 ? Math.min(quiet, left) : 0;
}

/** The browser's clock, timers and idle callbacks, injectable so tests can drive them. */
export interface AutosaveHost {
  readonly now: () => number;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
  readonly requestIdle: (run: () => void, timeoutMs: number) => unknown;
  readonly cancelIdle: (handle: unknown) => void;
  /** Where pointer and wheel events arrive (the window). */
  readonly events: EventTarget;
}

export interface Autosaver {
  /** The document changed: write it a moment later. */
  changed(): void;
  /** Write now what is pending (leaving the page). */
  flushPending(): void;
  dispose(): void;
}

/**
 * Schedules `write`: AUTOSAVE_DELAY_MS after the last change (at most AUTOSAVE_MAX_WAIT_MS
 * after the first), then at the next idle moment (or after AUTOSAVE_IDLE_TIMEOUT_MS), and not
 * while a gesture is in progress (see `gesturePostpone`).
 */
export function createAutosaver(write: () => void, host: AutosaveHost): Autosaver {
  let timer: unknown;
  let idle: unknown;
  let pendingSince: number | undefined;
  const pointers = new Set<number>();
  let lastActivity = -Infinity;

  const cancel = () => {
    if (timer !== undefined) host.clearTimeout(timer);
    if (idle !== undefined) host.cancelIdle(idle);
    timer = idle = undefined;
  };
  const flush = () => {
    cancel();
    pendingSince = undefined;
    write();
  };
  const attempt = () => {
    timer = undefined;
    idle = host.requestIdle(() => {
      idle = undefined;
      const now = host.now();
      const wait = gesturePostpone({ pointerDown: pointers.size > 0, lastActivity }, pendingSince ?? now, now);
      if (wait > 0) timer = host.setTimeout(attempt, wait);
      else flush();
    }, AUTOSAVE_IDLE_TIMEOUT_MS);
  };

  const onDown = (e: Event) => {
    pointers.add((e as PointerEvent).pointerId ?? 0);
    lastActivity = host.now();
  };
  const onUp = (e: Event) => {
    pointers.delete((e as PointerEvent).pointerId ?? 0);
    lastActivity = host.now();
  };
  const onMove = () => {
    if (pointers.size > 0) lastActivity = host.now();
  };
  const onWheel = () => {
    lastActivity = host.now();
  };
  const listeners: [string, (e: Event) => void][] = [
    ['pointerdown', onDown],
    ['pointerup', onUp],
    ['pointercancel', onUp],
    ['pointermove', onMove],
    ['wheel', onWheel],
  ];
  for (const [type, fn] of listeners) host.events.addEventListener(type, fn, { capture: true, passive: true });

  return {
    changed() {
      const now = host.now();
      pendingSince ??= now;
      cancel();
      timer = host.setTimeout(attempt, autosaveDelay(pendingSince, now));
    },
    flushPending() {
      if (pendingSince !== undefined) flush();
    },
    dispose() {
      cancel();
      for (const [type, fn] of listeners) host.events.removeEventListener(type, fn, { capture: true });
    },
  };
}

function browserHost(): AutosaveHost {
  const hasIdle = typeof window.requestIdleCallback === 'function';
  return {
    now: () => performance.now(),
    setTimeout: (run, ms) => window.setTimeout(run, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
    requestIdle: (run, timeout) =>
      hasIdle ? window.requestIdleCallback(run, { timeout }) : { timeout: window.setTimeout(run, 1) },
    cancelIdle: (h) =>
      typeof h === 'number' ? window.cancelIdleCallback(h) : window.clearTimeout((h as { timeout: number }).timeout),
    events: window,
  };
}

/**
 * Keeps the bridge's recovery slot current: a moment after each change, or every
 * AUTOSAVE_MAX_WAIT_MS during continuous editing — never on every frame of a drag, and not in
 * the middle of a gesture, since serialising a large project would stall it. A clean document
 * clears the slot.
 */
export function useAutosave(store: EditorStore, bridge: Bridge): void {
  useEffect(() => {
    const autosaver = createAutosaver(() => {
      const state = store.getState();
      if (state.project === null || !isDirty(state)) bridge.autosave.clear();
      else bridge.autosave.save(JSON.stringify({ fileName: state.fileName, text: saveProject(state.project) }));
    }, browserHost());
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.project === previous.project && state.savedProject === previous.savedProject) return;
      autosaver.changed();
    });
    // Leaving the page: keep what has not been written yet.
    const onHide = () => autosaver.flushPending();
    window.addEventListener('pagehide', onHide);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', onHide);
      autosaver.dispose();
    };
  }, [store, bridge]);
}
