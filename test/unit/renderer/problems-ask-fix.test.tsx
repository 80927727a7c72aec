import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AskFixForm } from '../../../renderer/src/problems/AskFixForm';
import { ProblemsPanel } from '../../../renderer/src/problems/ProblemsPanel';
import { EditorProvider } from '../../../renderer/src/store/context';
import { createEditorStore, type EditorStore } from '../../../renderer/src/store/editor';
import { setTls } from '../../../shared/model/ops';
import type { Project } from '../../../shared/model/types';
import { getRule, type Diagnostic } from '../../../shared/rules/index';
import { template } from '../../support/fixtures';

/**
 * A quick fix that asks for a value (NA052: the nextAuth version) in the editor: the store applies
 * it only with an accepted answer, as one undo step, and keeps the open question (so the
 * inspector's Fix button can open it in the problems panel) until its finding goes; the panel
 * renders the question as a labelled inline form under the row.
 */

function opened(p: Project = template('manual')): EditorStore {
  const store = createEditorStore();
  store.getState().open(p, null);
  return store;
}

const na052 = (store: EditorStore): Diagnostic | undefined =>
  store.getState().diagnostics.find((d) => d.rule === 'NA052');

const render = (store: EditorStore): string =>
  renderToStaticMarkup(
    <EditorProvider store={{ ...store, getInitialState: store.getState }}>
      <ProblemsPanel />
    </EditorProvider>,
  );

/** The opening tag of the element with this test id. */
const tag = (html: string, testId: string): string =>
  new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? '';

describe('the store and a fix that asks', () => {
  it('without an answer it opens the question in the problems panel and changes nothing', () => {
    const store = opened();
    store.getState().togglePanel('problems', false);
    const before = store.getState().project;
    const d = na052(store)!;
    store.getState().fix(d);
    expect(store.getState().project).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().fixQuestion).toBe(d);
    expect(store.getState().layout.panels.problems).toBe(true);
  });

  it('refuses an answer the question refuses, and keeps asking', () => {
    const store = opened();
    const d = na052(store)!;
    store.getState().askFix(d);
    for (const answer of ['', 'latest', 'nextauth:1.4.2', 'a'.repeat(129), '1 4']) store.getState().fix(d, answer);
    expect(store.getState().project!.settings.tag).toBe('latest');
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().fixQuestion).toBe(d);
  });

  it('applies an accepted answer as one undo step; the question closes and undo brings the finding back', () => {
    const store = opened();
    const d = na052(store)!;
    store.getState().askFix(d);
    store.getState().fix(d, ' 1.4.2 ');
    expect(store.getState().project!.settings.tag).toBe('1.4.2');
    expect(na052(store)).toBeUndefined();
    expect(store.getState().fixQuestion).toBeNull();
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().project!.settings.tag).toBe('latest');
    expect(na052(store)).toBeDefined();
    // Undo brings the finding back, not the form.
    expect(store.getState().fixQuestion).toBeNull();
  });

  it('keeps the question across an unrelated edit, and closes it when another edit solves the finding', () => {
    const store = opened();
    store.getState().askFix(na052(store)!);
    store.getState().change((p) => ({ ...p, settings: { ...p.settings, registry: 'registry.example.com/nextauth' } }));
    // A recheck made new diagnostics: the question follows the same finding.
    expect(store.getState().fixQuestion).toBe(na052(store));
    store.getState().change((p) => ({ ...p, settings: { ...p.settings, tag: '2.0.0' } }));
    expect(store.getState().fixQuestion).toBeNull();
  });

  it('opening another document closes the question', () => {
    const store = opened();
    store.getState().askFix(na052(store)!);
    store.getState().open(template('ha'), null);
    expect(store.getState().fixQuestion).toBeNull();
  });
});

describe('the problems panel and a fix that asks', () => {
  it('shows Fix as a toggle, closed until asked', () => {
    const html = render(opened());
    expect(html).not.toContain('data-testid="problem-fix-form"');
    const fix = tag(html, 'problem-fix');
    expect(fix).toContain('aria-expanded="false"');
    expect(fix).toContain('aria-label="Fix: Pin nextAuth&#x27;s images to a version…"');
  });

  it('renders the open question as a labelled form under its row, not yet invalid', () => {
    const store = opened();
    store.getState().askFix(na052(store)!);
    const html = render(store);
    expect(tag(html, 'problem-fix')).toContain('aria-expanded="true"');
    const form = tag(html, 'problem-fix-form');
    expect(form).toContain('aria-label="Pin nextAuth&#x27;s images to a version"');
    const input = tag(html, 'problem-fix-answer');
    const id = /id="([^"]+)"/.exec(input)![1]!;
    expect(html).toContain(`<label class="pl-accept__label" for="${id}">nextAuth version (image tag)</label>`);
    expect(input).toContain('placeholder="e.g. 1.4.2"');
    expect(input).toContain('value=""');
    expect(input).toContain('aria-invalid="false"');
    expect(input).not.toContain('aria-describedby');
    expect(html).not.toContain('data-testid="problem-fix-error"');
    expect(tag(html, 'problem-fix-apply')).toContain('type="submit"');
    expect(tag(html, 'problem-fix-cancel')).toContain('type="button"');
    // The form sits in the NA052 row.
    expect(html).toMatch(/data-rule="NA052"(?:(?!<\/li>).)*data-testid="problem-fix-form"/s);
  });

  it('starts from the version the project already pins elsewhere', () => {
    const p = template('manual');
    const store = opened({
      ...p,
      components: p.components.map((c) => (c.id === 'nextauth' ? { ...c, image: 'nextauth:1.4.2' } : c)),
    });
    store.getState().askFix(na052(store)!);
    expect(tag(render(store), 'problem-fix-answer')).toContain('value="1.4.2"');
  });

  it('a fix that does not ask keeps a plain Fix button', () => {
    const p = setTls(
      { ...template('manual'), settings: { ...template('manual').settings, tag: '1.4.2' } },
      {
        profile: 'old',
      },
    );
    const html = render(opened(p));
    expect(html).toMatch(/data-rule="NA053"/);
    expect(tag(html, 'problem-fix')).not.toContain('aria-expanded');
  });

  it('the form alone: the initial answer, and no error before Apply', () => {
    const question = getRule('NA052')!.fix!.ask!;
    const html = renderToStaticMarkup(
      <AskFixForm question={question} initial="7.1" fixTitle="Pin…" onApply={() => {}} onCancel={() => {}} />,
    );
    expect(tag(html, 'problem-fix-answer')).toContain('value="7.1"');
    expect(html).not.toContain('role="alert"');
  });
});
