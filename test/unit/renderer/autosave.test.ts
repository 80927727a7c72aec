import { describe, expect, it } from 'vitest';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, autosaveDelay } from '../../../renderer/src/host/useAutosave';

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
