import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trafficFlows } from '../../../shared/diagram/flows';
import { routeUrl } from '../../../shared/model/constraints';
import { checkProject } from '../../../shared/rules/index';
import { cssString, flowHighlightCss } from '../../../renderer/src/editor/flow-highlight';
import { presentationLegend } from '../../../renderer/src/editor/presentation-legend';
import { presentedDocument } from '../../../renderer/src/editor/PresentationCanvas';
import { flowPosition } from '../../../renderer/src/editor/PresentationOverlay';
import { isEditingKey, presentationKey } from '../../../renderer/src/editor/usePresentationKeys';
import { pictureProblems } from '../../../renderer/src/picture/options';
import { template } from '../../support/fixtures';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('the flow highlight stylesheet', () => {
  const flow = trafficFlows(template('manual'))[0]!;

  it('names every component, edge and label of the flow, and the components where TLS ends', () => {
    const css = flowHighlightCss(flow);
    expect(flow.nodes.length).toBeGreaterThan(1);
    expect(flow.tlsEnds.length).toBeGreaterThan(0);
    for (const id of flow.nodes) expect(css).toContain(`.react-flow__node[data-id="${id}"]`);
    for (const id of flow.edges) {
      expect(css).toContain(`.react-flow__edge[data-id="${id}"] .pl-edge-path`);
      expect(css).toContain(`.pl-clabel[data-edge="${id}"]`);
    }
    for (const id of flow.tlsEnds) expect(css).toContain(`.react-flow__node[data-id="${id}"] .pl-cnode::after`);
    // Scoped: nothing outside the presentation canvas is touched.
    for (const rule of css.split('}').filter((r) => r.trim() !== ''))
      for (const selector of rule.split('{')[0]!.split(',')) expect(selector.trim()).toMatch(/^\.pl-present-flow /);
  });

  it('an empty flow makes no rules', () => {
    expect(flowHighlightCss({ nodes: [], edges: [], tlsEnds: [] })).toBe('');
  });

  it('no id can close the string, the selector or the rule', () => {
    expect(cssString('a"b')).toBe('"a\\"b"');
    expect(cssString('a\\b')).toBe('"a\\\\b"');
    expect(cssString('a\nb')).toBe('"a\\a b"');
    expect(cssString('é')).toBe('"\\e9 "');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (id) => {
        const literal = cssString(id);
        const inner = literal.slice(1, -1);
        // Only escaped quotes inside, no raw control or non-ASCII character, nothing after the closing quote.
        expect(inner.replace(/\\./g, '')).not.toMatch(/["\n\r\f]/);
        expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
        const css = flowHighlightCss({ nodes: [id], edges: [id], tlsEnds: [id] });
        expect(css.split('{').length - 1).toBe(css.split('}').length - 1);
      }),
    );
  });
});

describe('keys while presenting', () => {
  it('→ and Page Down step forward, ← and Page Up back (the registry’s chords)', () => {
    expect(presentationKey(key('ArrowRight'), false)).toBe('next');
    expect(presentationKey(key('PageDown'), false)).toBe('next');
    expect(presentationKey(key('ArrowLeft'), false)).toBe('previous');
    expect(presentationKey(key('PageUp'), false)).toBe('previous');
  });

  it('keys that would edit the drawing do nothing; the rest go on to the editor', () => {
    for (const k of [
      key('Delete'),
      key('Backspace'),
      key('ArrowUp'),
      key('z', { ctrlKey: true }),
      key('v', { ctrlKey: true }),
    ])
      expect(presentationKey(k, false), k.key).toBe('swallow');
    expect(presentationKey(key('z', { metaKey: true }), true)).toBe('swallow');
    // Cmd+Z on Linux and Ctrl+Z on macOS are not the editor's undo.
    expect(isEditingKey(key('z', { metaKey: true }), false)).toBe(false);
    for (const k of [key('Escape'), key('F5'), key('k', { ctrlKey: true }), key('p', { ctrlKey: true }), key('Tab')])
      expect(presentationKey(k, false), k.key).toBeNull();
  });

  it('says where the presenter is', () => {
    expect(flowPosition(null, 7)).toBe('7 flows');
    expect(flowPosition(null, 1)).toBe('1 flow');
    expect(flowPosition(1, 7)).toBe('2 / 7');
  });
});

describe('the presented document', () => {
  it('redacted: no host of a public URL is shown, ids stay, and the document is not changed', () => {
    const project = template('manual');
    const before = JSON.stringify(project);
    const diagnostics = checkProject(project);
    const shown = presentedDocument(project, diagnostics, { redact: true, problemBadges: true });
    expect(JSON.stringify(project)).toBe(before);
    const hosts = project.routes.map((r) => r.host);
    expect(hosts.length).toBeGreaterThan(0);
    const text = JSON.stringify(shown.project);
    for (const host of hosts) expect(text).not.toContain(host);
    expect(shown.project.components.map((c) => c.id)).toEqual(project.components.map((c) => c.id));
    expect(shown.project.routes.map(routeUrl).every((u) => u.includes('.example'))).toBe(true);
    // The caption's URLs come from the presented project's flows.
    for (const flow of trafficFlows(shown.project))
      for (const url of flow.urls) for (const h of hosts) expect(url).not.toContain(h);
    expect(shown.diagnostics).toBe(diagnostics);
  });

  it('not redacted: the document itself; badges hidden: no diagnostics', () => {
    const project = template('default');
    const diagnostics = checkProject(project);
    const shown = presentedDocument(project, diagnostics, { redact: false, problemBadges: false });
    expect(shown.project).toBe(project);
    expect(shown.diagnostics).toEqual([]);
  });
});

describe('the presentation legend', () => {
  it('explains what the drawing and its flows show, and nothing else', () => {
    const project = template('manual');
    const kinds = presentationLegend(project, trafficFlows(project), undefined).map((e) => e.item.kind);
    expect(kinds).toEqual(expect.arrayContaining(['link', 'route', 'highlight', 'zone', 'tls']));
    expect(kinds).not.toContain('error');
    expect(kinds).not.toContain('warning');
    // Without flows nothing is highlighted and no TLS end is marked on the canvas.
    const still = presentationLegend(project, [], undefined).map((e) => e.item.kind);
    expect(still).not.toContain('highlight');
    expect(still).not.toContain('tls');
  });

  it('shows the badges only when they are shown and there are some', () => {
    const project = template('manual');
    const broken = { ...project, routes: project.routes.filter((r) => r.id !== 'ws') };
    const problems = pictureProblems(checkProject(broken));
    expect(problems.some((p) => p.severity === 'error')).toBe(true);
    const shown = presentationLegend(broken, [], problems).map((e) => e.item.kind);
    expect(shown).toContain('error');
    const hidden = presentationLegend(broken, [], undefined).map((e) => e.item.kind);
    expect(hidden).not.toContain('error');
    for (const entry of presentationLegend(broken, trafficFlows(broken), problems)) expect(entry.text).not.toBe('');
  });
});
