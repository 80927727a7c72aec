import { afterEach, describe, expect, it } from 'vitest';
import { livePath, setLivePaths, subscribeLivePaths } from '../../../renderer/src/canvas/live-paths';

afterEach(() => setLivePaths(undefined));

describe('live edge paths during a drag', () => {
  it('hands each edge its moved path and tells the edges when the paths change', () => {
    let calls = 0;
    const stop = subscribeLivePaths(() => calls++);
    const moved = [
      { x: 0, y: 0 },
      { x: 40, y: 0 },
    ];
    setLivePaths(new Map([['a', moved]]));
    expect(livePath('a')).toBe(moved);
    expect(livePath('b')).toBeUndefined();
    expect(calls).toBe(1);
    // The drop: no live paths, every edge back to its props.
    setLivePaths(undefined);
    expect(livePath('a')).toBeUndefined();
    expect(calls).toBe(2);
    stop();
    setLivePaths(new Map([['a', moved]]));
    expect(calls).toBe(2);
  });

  it('stays quiet when nothing is or was live (no re-render of every edge outside drags)', () => {
    let calls = 0;
    const stop = subscribeLivePaths(() => calls++);
    setLivePaths(undefined);
    setLivePaths(new Map());
    expect(calls).toBe(0);
    stop();
  });
});
