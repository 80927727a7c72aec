import { afterEach, describe, expect, it } from 'vitest';
import { liveChannel, liveLabels, livePaths } from '../../../renderer/src/canvas/live-paths';

afterEach(() => {
  livePaths.set(undefined);
  liveLabels.set(undefined);
});

const moved = [
  { x: 0, y: 0 },
  { x: 40, y: 0 },
];

describe('live geometry during a drag', () => {
  it('writes each moved element its new value, and its props again when the drag ends', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = livePaths.attach('a', (v) => a.push(v));
    const stopB = livePaths.attach('b', (v) => b.push(v));
    livePaths.set(new Map([['a', moved]]));
    expect(livePaths.get('a')).toBe(moved);
    expect(livePaths.get('b')).toBeUndefined();
    expect(a).toEqual([moved]);
    // Untouched elements are not told anything.
    expect(b).toEqual([]);
    // The same value on the next frame: nothing to write.
    livePaths.set(new Map([['a', moved]]));
    expect(a).toEqual([moved]);
    // The drop: back to the props.
    livePaths.set(undefined);
    expect(livePaths.get('a')).toBeUndefined();
    expect(a).toEqual([moved, undefined]);
    expect(b).toEqual([]);
    stopA();
    stopB();
    livePaths.set(new Map([['a', moved]]));
    expect(a).toEqual([moved, undefined]);
  });

  it('places an element that appears during a drag (scrolled into view) at once', () => {
    livePaths.set(new Map([['late', moved]]));
    const seen: unknown[] = [];
    const stop = livePaths.attach('late', (v) => seen.push(v));
    expect(seen).toEqual([moved]);
    stop();
    // Detached: the end of the drag no longer reaches it.
    livePaths.set(undefined);
    expect(seen).toEqual([moved]);
  });

  it('stays quiet when nothing is or was live (outside drags nothing is written)', () => {
    const seen: unknown[] = [];
    const stop = livePaths.attach('a', (v) => seen.push(v));
    livePaths.set(undefined);
    livePaths.set(new Map());
    expect(seen).toEqual([]);
    stop();
  });

  it('keeps channels and elements apart: a re-attached element replaces nothing of another', () => {
    const channel = liveChannel<number>();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = channel.attach('x', (v) => first.push(v));
    const stopSecond = channel.attach('x', (v) => second.push(v));
    stopFirst();
    channel.set(new Map([['x', 1]]));
    expect(first).toEqual([]);
    expect(second).toEqual([1]);
    // Labels and paths are separate channels.
    expect(liveLabels.get('x')).toBeUndefined();
    stopSecond();
  });
});
