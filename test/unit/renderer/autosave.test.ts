import { describe, expect, it } from 'vitest';
import {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_HARD_WAIT_MS,
  AUTOSAVE_MAX_WAIT_MS,
  autosaveDelay,
  createAutosaver,
  GESTURE_QUIET_MS,
  gesturePostpone,
  type AutosaveHost,
} from '../../../renderer/src/host/useAutosave';

describe('autosave timing', () => {
  it('waits for a quiet moment after a single change', () => {
    expect(autosaveDelay(1_000, 1_000)).toBe(AUTOSAVE_DELAY_MS);
  });

  it('writes at most AUTOSAVE_MAX_WAIT_MS after the first unwritten change, however steady the edits', () => {
    // A change every 100 ms: each would restart a plain debounce, so nothing would ever be written.
    const start = 0;
    let due = Infinity;
    for (let now = start; now < 10_000 && now < due; now += 100) due = now + autosaveDelay(start, now);
    expect(due).toBeLessThanOrEqual(start + AUTOSAVE_MAX_WAIT_MS);
    expect(autosaveDelay(start, start + AUTOSAVE_MAX_WAIT_MS + 500)).toBe(0);
  });
});

/** A host on a hand-driven clock: timers and idle callbacks run when `advance` passes them. */
function fakeHost() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  const schedule = (run: () => void, ms: number) => {
    const id = next++;
    due.set(id, { at: now + ms, run });
    return id;
  };
  const cancel = (h: unknown) => due.delete(h as number);
  const events = new EventTarget();
  const host: AutosaveHost = {
    now: () => now,
    setTimeout: schedule,
    clearTimeout: cancel,
    // The page is idle at once unless told otherwise.
    requestIdle: (run) => schedule(run, 0),
    cancelIdle: cancel,
    events,
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const first = [...due].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!first) break;
      due.delete(first[0]);
      now = first[1].at;
      first[1].run();
    }
    now = end;
  };
  const fire = (type: string, pointerId = 1) => {
    const e = new Event(type);
    Object.assign(e, { pointerId });
    events.dispatchEvent(e);
  };
  return { host, advance, fire, now: () => now };
}

describe('autosave and gestures', () => {
  it('writes a quiet moment after a change when no gesture is in progress', () => {
    const { host, advance } = fakeHost();
    const writes: number[] = [];
    const saver = createAutosaver(() => writes.push(host.now()), host);
    saver.changed();
    advance(AUTOSAVE_DELAY_MS - 1);
    expect(writes).toEqual([]);
    advance(1);
    expect(writes).toEqual([AUTOSAVE_DELAY_MS]);
    saver.dispose();
  });

  it('waits while a pointer is down and until the view has been still for a moment', () => {
    const { host, advance, fire } = fakeHost();
    const writes: number[] = [];
    const saver = createAutosaver(() => writes.push(host.now()), host);
    saver.changed(); // a drop at 0
    advance(500);
    fire('pointerdown'); // a pan begins at 500
    for (let t = 0; t < 1_000; t += 16) {
      advance(16);
      fire('pointermove');
    }
    expect(writes).toEqual([]); // due at 800, but the pan lasts until ~1500
    fire('pointerup');
    const up = host.now();
    advance(GESTURE_QUIET_MS - 1);
    expect(writes).toEqual([]);
    advance(GESTURE_QUIET_MS);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBeGreaterThanOrEqual(up + GESTURE_QUIET_MS);
    // Wheel zooms and pans count as a gesture too.
    saver.changed();
    advance(AUTOSAVE_DELAY_MS - 100);
    fire('wheel');
    advance(150);
    expect(writes).toHaveLength(1);
    advance(GESTURE_QUIET_MS);
    expect(writes).toHaveLength(2);
    saver.dispose();
  });

  it('still writes when a gesture never ends, AUTOSAVE_HARD_WAIT_MS after the change', () => {
    const { host, advance, fire } = fakeHost();
    const writes: number[] = [];
    const saver = createAutosaver(() => writes.push(host.now()), host);
    saver.changed();
    fire('pointerdown');
    advance(AUTOSAVE_HARD_WAIT_MS + GESTURE_QUIET_MS);
    expect(writes).toEqual([AUTOSAVE_HARD_WAIT_MS]);
    saver.dispose();
  });

  it('writes what is pending at once when the page goes, and nothing after disposal', () => {
    const { host, advance, fire } = fakeHost();
    const writes: number[] = [];
    const saver = createAutosaver(() => writes.push(host.now()), host);
    saver.changed();
    fire('pointerdown');
    advance(100);
    saver.flushPending();
    expect(writes).toEqual([100]);
    saver.flushPending();
    expect(writes).toHaveLength(1);
    saver.changed();
    saver.dispose();
    fire('pointerup');
    advance(10_000);
    expect(writes).toHaveLength(1);
  });
});

describe('gesturePostpone', () => {
  it('is 0 without a gesture, the rest of the quiet time after one, and never past the hard wait', () => {
    expect(gesturePostpone({ pointerDown: false, lastActivity: -Infinity }, 0, 900)).toBe(0);
    expect(gesturePostpone({ pointerDown: false, lastActivity: 800 }, 0, 900)).toBe(GESTURE_QUIET_MS - 100);
    expect(gesturePostpone({ pointerDown: true, lastActivity: 900 }, 0, 900)).toBe(GESTURE_QUIET_MS);
    expect(gesturePostpone({ pointerDown: true, lastActivity: 900 }, 0, AUTOSAVE_HARD_WAIT_MS - 10)).toBe(10);
    expect(gesturePostpone({ pointerDown: true, lastActivity: 900 }, 0, AUTOSAVE_HARD_WAIT_MS)).toBe(0);
  });
});
