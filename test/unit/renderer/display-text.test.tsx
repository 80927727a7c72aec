import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { saveProject } from '../../../shared/format/index';
import { suppress, type Project } from '../../../shared/model/index';
import { checkProject } from '../../../shared/rules/index';
import { Inspector } from '../../../renderer/src/inspector/Inspector';
import { ProblemsPanel } from '../../../renderer/src/problems/ProblemsPanel';
import { EditorProvider } from '../../../renderer/src/store/context';
import { createEditorStore } from '../../../renderer/src/store/editor';
import { projectToFlow } from '../../../renderer/src/flow';
import { template } from '../../support/fixtures';

/**
 * The editor shows project text through React, which interprets no escape sequence; what can
 * still forge what is seen is a line break in a one-line field and the bidi overrides, which
 * reorder a message ("Trojan Source"). The problems panel and the inspector's headings show such
 * text `printable` (shared/model/printable), as the CLI prints it.
 */

const FORGED = 'x\n0 errors\u202eesrever\u2066\u001b[31m\u0085';
const SHOWN = 'x\\n0 errors\\u202eesrever\\u2066\\u001b[31m\\u0085';
// eslint-disable-next-line no-control-regex
const RAW = /[\n\u0085\u001b\u202a-\u202e\u2066-\u2069]/;

function hostile(): Project {
  let p = template('manual');
  p = {
    ...p,
    meta: { ...p.meta, name: `Acme ${FORGED}` },
    components: p.components.map((c) => (c.id === 'nextauth' ? { ...c, name: `nextauth ${FORGED}` } : c)),
  };
  const d = checkProject(p).find((x) => x.elements[0]?.id === 'nextauth');
  if (d === undefined) throw new Error('the case must produce a finding about nextauth');
  return suppress(p, { rule: d.rule, element: 'nextauth', reason: `accepted ${FORGED}` });
}

function render(project: Project, node: React.ReactNode, select?: string[]): string {
  const store = createEditorStore();
  store.getState().open(project, 'hostile.portolan.yaml', saveProject(project));
  if (select) store.getState().select({ components: select });
  // A server render reads the store's initial state: hand it the opened one.
  const opened: typeof store = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(<EditorProvider store={opened}>{node}</EditorProvider>);
}

/** The text content of the elements whose class contains `cls`. */
function texts(html: string, cls: string): string[] {
  return [...html.matchAll(new RegExp(`class="[^"]*${cls}[^"]*"[^>]*>(.*?)</`, 'gs'))].map((m) => m[1]!);
}

describe('project text on screen', () => {
  const project = hostile();

  it('the problems panel shows messages and reasons as one line, with no bidi override or control', () => {
    const html = render(project, <ProblemsPanel />);
    const messages = texts(html, 'pl-prob__message');
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.some((m) => m.includes(SHOWN))).toBe(true);
    for (const m of messages) expect(m).not.toMatch(RAW);
    expect(html).toContain(`accepted ${SHOWN}`);
    expect(html).not.toMatch(RAW);
  });

  it("the inspector's headings show the project's and a component's name as one line", () => {
    expect(texts(render(project, <Inspector />), 'pl-insp-header__title')).toEqual([`Acme ${SHOWN}`]);
    const component = render(project, <Inspector />, ['nextauth']);
    expect(texts(component, 'pl-insp-header__title')).toEqual([`nextauth ${SHOWN}`]);
    for (const m of texts(component, 'pl-insp-issue__msg')) expect(m).not.toMatch(RAW);
  });
});

describe('project text on the canvas', () => {
  it('node names, zone names and edge titles show a hostile name as one line', () => {
    const base = hostile();
    const project = { ...base, zones: base.zones.map((z) => ({ ...z, name: `${z.name} ${FORGED}` })) };
    const graph = projectToFlow(project, checkProject(project));
    const nextauth = graph.nodes.find((n) => n.id === 'nextauth')!;
    expect((nextauth.data as { name: string }).name).toBe(`nextauth ${SHOWN}`);
    expect(nextauth.ariaLabel).not.toMatch(RAW);
    const zones = graph.nodes.filter((n) => n.type === 'zone');
    expect(zones.length).toBeGreaterThan(0);
    for (const z of zones) expect((z.data as { name: string }).name).not.toMatch(RAW);
    const texts = graph.edges.flatMap((e) => {
      const d = e.data as { title?: string } | undefined;
      return [d?.title ?? '', e.ariaLabel ?? ''];
    });
    expect(texts.some((t) => t.includes(SHOWN))).toBe(true);
    // A route edge's tooltip lists its URLs one per line (the app's line breaks); within a line, nothing raw.
    for (const t of texts) for (const line of t.split('\n')) expect(line).not.toMatch(RAW);
  });
});
