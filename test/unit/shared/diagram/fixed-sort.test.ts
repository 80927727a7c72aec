import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedSort } from '../../../../shared/diagram/fixed-sort';

describe('fixedSort', () => {
  it('sorts like a stable sort for a total order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ k: fc.integer({ min: 0, max: 9 }), i: fc.nat() })), (items) => {
        const cmp = (a: { k: number }, b: { k: number }) => a.k - b.k;
        expect(fixedSort(items, cmp)).toEqual([...items].sort(cmp));
      }),
    );
  });

  it('gives one answer for a comparator that is not a total order, whatever ran before', () => {
    // Rock, paper, scissors: no order satisfies it; the answer must still be the same every time.
    const beats: Record<string, string> = { rock: 'scissors', paper: 'rock', scissors: 'paper' };
    const cmp = (a: string, b: string) => (beats[a] === b ? -1 : beats[b] === a ? 1 : 0);
    const items = ['rock', 'paper', 'scissors', 'rock', 'scissors', 'paper', 'paper'];
    const first = fixedSort(items, cmp);
    for (let n = 0; n < 200; n++) expect(fixedSort(items, cmp)).toEqual(first);
    expect(items).toEqual(['rock', 'paper', 'scissors', 'rock', 'scissors', 'paper', 'paper']);
  });
});
