import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trafficFlows } from '../../../shared/diagram/flows';
import { saveProject } from '../../../shared/format/index';
import { createEditorStore, DEFAULT_AUDIENCE, flowsOf, stepFlowIndex } from '../../../renderer/src/store/editor';
import { template } from '../../support/fixtures';

const opened = () => {
  const store = createEditorStore();
  const project = template('manual');
  store.getState().open(project, 'manual.portolan.yaml', saveProject(project));
  return store;
};

describe('stepping through the traffic flows', () => {
  it('goes round: the whole diagram, flow 1 … flow N, the whole diagram; ← from the whole diagram is the last flow', () => {
    expect(stepFlowIndex(null, 1, 3)).toBe(0);
    expect(stepFlowIndex(0, 1, 3)).toBe(1);
    expect(stepFlowIndex(2, 1, 3)).toBeNull();
    expect(stepFlowIndex(null, -1, 3)).toBe(2);
    expect(stepFlowIndex(0, -1, 3)).toBeNull();
    expect(stepFlowIndex(null, 1, 0)).toBeNull();
    expect(stepFlowIndex(null, -1, 0)).toBeNull();
  });

  it('N+1 steps either way come back to where they started, and every index stays in range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: -1, max: 39 }),
        fc.constantFrom(1, -1),
        (count, at, delta) => {
          const start = at < 0 || at >= count ? null : at;
          let i: number | null = start;
          for (let k = 0; k <= count; k++) {
            i = stepFlowIndex(i, delta as 1 | -1, count);
            if (i !== null) expect(i >= 0 && i < count).toBe(true);
          }
          expect(i).toBe(start);
        },
      ),
    );
  });

  it('a stale index (the project lost flows) steps from the end', () => {
    expect(stepFlowIndex(9, -1, 3)).toBe(1);
    expect(stepFlowIndex(9, 1, 3)).toBeNull();
  });

  it('steps only while presenting, and every presentation starts from the whole diagram', () => {
    const store = opened();
    const count = trafficFlows(store.getState().project!).length;
    expect(count).toBeGreaterThan(3);
    store.getState().stepFlow(1);
    expect(store.getState().presentedFlow).toBeNull();
    store.getState().setPresenting(true);
    store.getState().stepFlow(1);
    store.getState().stepFlow(1);
    expect(store.getState().presentedFlow).toBe(1);
    store.getState().stepFlow(-1);
    store.getState().stepFlow(-1);
    store.getState().stepFlow(-1);
    expect(store.getState().presentedFlow).toBe(count - 1);
    store.getState().setPresenting(false);
    expect(store.getState().presentedFlow).toBeNull();
    store.getState().setPresenting(true);
    expect(store.getState().presentedFlow).toBeNull();
  });

  it('showFlow takes only an index the project has', () => {
    const store = opened();
    const count = flowsOf(store.getState().project!).length;
    store.getState().showFlow(2);
    expect(store.getState().presentedFlow).toBe(2);
    for (const bad of [-1, count, 1.5, Number.NaN]) {
      store.getState().showFlow(bad);
      expect(store.getState().presentedFlow).toBeNull();
    }
  });

  it('flowsOf computes once per project object', () => {
    const project = template('manual');
    expect(flowsOf(project)).toBe(flowsOf(project));
    expect(flowsOf(project)).toEqual(trafficFlows(project));
  });
});

describe('the audience switches', () => {
  it('redaction and badges are view state: never undone, never dirty, kept when another document opens', () => {
    const store = opened();
    const { project, history } = store.getState();
    expect(store.getState().audience).toEqual(DEFAULT_AUDIENCE);
    store.getState().toggleRedaction();
    store.getState().toggleProblemBadges();
    expect(store.getState().audience).toEqual({ redact: true, problemBadges: false });
    expect(store.getState().project).toBe(project);
    expect(store.getState().history).toBe(history);
    store.getState().toggleRedaction(true);
    expect(store.getState().audience.redact).toBe(true);
    store.getState().open(template('ha'), null, null);
    expect(store.getState().audience).toEqual({ redact: true, problemBadges: false });
    store.getState().toggleProblemBadges(true);
    expect(store.getState().audience.problemBadges).toBe(true);
  });

  it('a notice stays until cleared', () => {
    const store = opened();
    store.getState().notify({ kind: 'error', text: 'The clipboard refused the picture.' });
    expect(store.getState().notice?.kind).toBe('error');
    store.getState().notify(null);
    expect(store.getState().notice).toBeNull();
  });
});
