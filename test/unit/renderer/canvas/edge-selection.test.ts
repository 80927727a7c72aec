import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  connectedEdges,
  edgeIsSelected,
  selectEdge,
  type EdgeElements,
} from '../../../../renderer/src/canvas/edge-selection';
import type { Selection } from '../../../../renderer/src/store/editor';

const link = (id: string): EdgeElements => ({ links: [id], routes: [] });
const route = (id: string): EdgeElements => ({ links: [], routes: [id] });
const sel = (components: string[], links: string[], routes: string[]): Selection => ({ components, links, routes });

describe('selecting edges as React Flow selected its own', () => {
  it('a click selects the edge alone: components and other edges are deselected', () => {
    expect(selectEdge(sel(['a'], ['l1'], ['r1']), link('l2'), 'click', false)).toEqual(sel([], ['l2'], []));
    expect(selectEdge(sel(['a'], ['l1'], []), route('r9'), 'click', false)).toEqual(sel([], [], ['r9']));
  });

  it('with the multi-selection key a click adds the edge, and on a selected edge takes it away', () => {
    const added = selectEdge(sel(['a'], ['l1'], []), route('r1'), 'click', true);
    expect(added).toEqual(sel(['a'], ['l1'], ['r1']));
    expect(selectEdge(added, route('r1'), 'click', true)).toEqual(sel(['a'], ['l1'], []));
  });

  it('a click without the key on a selected edge keeps it, alone', () => {
    expect(selectEdge(sel(['a'], ['l1', 'l2'], []), link('l1'), 'click', false)).toEqual(sel([], ['l1'], []));
  });

  it('Enter or Space selects (never toggles), Escape deselects only that edge', () => {
    const s = sel(['a'], ['l1'], ['r1']);
    expect(selectEdge(s, link('l1'), 'select', true)).toEqual(s);
    expect(selectEdge(s, link('l1'), 'select', false)).toEqual(sel([], ['l1'], []));
    expect(selectEdge(s, link('l1'), 'unselect', false)).toEqual(sel(['a'], [], ['r1']));
    // Escape on an edge that is not selected changes nothing.
    expect(selectEdge(s, link('zz'), 'unselect', true)).toEqual(s);
  });

  it('an edge that draws no element is never selected, and a gesture on it adds nothing', () => {
    const none: EdgeElements = { links: [], routes: [] };
    expect(edgeIsSelected(sel([], [], []), none)).toBe(false);
    expect(selectEdge(sel(['a'], ['l1'], []), none, 'click', true)).toEqual(sel(['a'], ['l1'], []));
  });

  it('never lists an element twice, whatever the gestures (property)', () => {
    const ids = fc.constantFrom('l1', 'l2', 'r1', 'r2');
    const gesture = fc.record({
      id: ids,
      kind: fc.constantFrom('click' as const, 'select' as const, 'unselect' as const),
      additive: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(gesture, { maxLength: 20 }), (gestures) => {
        let s = sel(['c'], [], []);
        for (const g of gestures) {
          const edge = g.id.startsWith('l') ? link(g.id) : route(g.id);
          s = selectEdge(s, edge, g.kind, g.additive);
          expect(new Set(s.links).size).toBe(s.links.length);
          expect(new Set(s.routes).size).toBe(s.routes.length);
          // What the gesture leaves the edge in: selected unless it was taken away.
          const taken =
            g.kind === 'unselect' || (g.kind === 'click' && g.additive && s !== undefined && !edgeIsSelected(s, edge));
          expect(edgeIsSelected(s, edge)).toBe(!taken);
        }
      }),
    );
  });
});

describe('the edges a selection rectangle selects', () => {
  const edges = [
    { source: 'a', target: 'b', data: link('ab') },
    { source: 'b', target: 'c', data: link('bc') },
    { source: 'p', target: 'c', data: route('pc') },
    { source: 'x', target: 'y' },
  ];

  it('every edge with an end among the caught components, once', () => {
    expect(connectedEdges(edges, new Set(['b']))).toEqual({ links: ['ab', 'bc'], routes: [] });
    expect(connectedEdges(edges, new Set(['c', 'b']))).toEqual({ links: ['ab', 'bc'], routes: ['pc'] });
    expect(connectedEdges(edges, new Set())).toEqual({ links: [], routes: [] });
  });

  it('skips edges without document elements', () => {
    expect(connectedEdges(edges, new Set(['x', 'y']))).toEqual({ links: [], routes: [] });
  });
});
