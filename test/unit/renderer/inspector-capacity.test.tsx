import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EntryCapacitySection, validateWebsocketClients } from '../../../renderer/src/inspector/CapacitySection';
import { Inspector } from '../../../renderer/src/inspector/Inspector';
import { EditorProvider } from '../../../renderer/src/store/context';
import { createEditorStore } from '../../../renderer/src/store/editor';
import { setEntryCapacity, setProjectCapacity } from '../../../shared/model/capacity';
import type { ComponentId, Project } from '../../../shared/model/types';
import { template } from '../../support/fixtures';

/**
 * The expected peak of WebSocket clients in the inspector: the project's field beside TLS (nothing
 * selected) and an entry point's override. Typed text is validated (a whole number within the
 * bounds, thousands separators allowed, empty = none); edits go through the store and undo.
 */

function render(p: Project, node: ReactElement): string {
  const store = createEditorStore();
  store.getState().open(p, null);
  return renderToStaticMarkup(
    <EditorProvider store={{ ...store, getInitialState: store.getState }}>{node}</EditorProvider>,
  );
}

const input = (html: string, testId: string): string =>
  new RegExp(`<input[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? '';

const manual = template('manual');
const proxyId = manual.components.find((c) => c.kind === 'reverse-proxy')!.id as ComponentId;

describe('validateWebsocketClients', () => {
  it('takes a whole number within the bounds, with thousands separators, and empty as none', () => {
    expect(validateWebsocketClients('')).toEqual({ ok: true, value: undefined });
    expect(validateWebsocketClients('  ')).toEqual({ ok: true, value: undefined });
    expect(validateWebsocketClients('25000')).toEqual({ ok: true, value: 25_000 });
    expect(validateWebsocketClients('25,000')).toEqual({ ok: true, value: 25_000 });
    expect(validateWebsocketClients('1 000')).toEqual({ ok: true, value: 1_000 });
  });

  it('refuses a fraction, a negative, zero, text, a bad grouping and an absurd figure with a message', () => {
    for (const bad of ['12.5', '-3', '0', 'many', '1,00', '400001', '1e6', '99999999999999999999']) {
      const result = validateWebsocketClients(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error, bad).toMatch(/1 to 400000/);
    }
  });
});

describe('the capacity fields', () => {
  it('the project inspector shows the field beside TLS, empty with the default as placeholder', () => {
    const html = render(manual, <Inspector />);
    expect(html).toContain('data-testid="inspector-capacity"');
    expect(html.indexOf('inspector-tls')).toBeLessThan(html.indexOf('inspector-capacity'));
    const field = input(html, 'project-capacity');
    expect(field).toMatch(/value=""/);
    expect(field).toMatch(/placeholder="10000 \(default\)"/);
    expect(field).toMatch(/inputMode="numeric"/);
    expect(html).toContain('nginx worker_connections 25,256, HAProxy maxconn 12,500, 26,024 open files per proxy.');
  });

  it('shows a set figure, and an entry point shows its own or the project figure as placeholder', () => {
    const p = setProjectCapacity(manual, 30_000);
    expect(input(render(p, <Inspector />), 'project-capacity')).toMatch(/value="30000"/);
    const inherited = render(p, <EntryCapacitySection id={proxyId} />);
    expect(input(inherited, 'entry-capacity')).toMatch(/placeholder="30000 \(the project&#x27;s\)"/);
    expect(input(inherited, 'entry-capacity')).toMatch(/value=""/);
    const own = render(setEntryCapacity(p, proxyId, 2_000), <EntryCapacitySection id={proxyId} />);
    expect(input(own, 'entry-capacity')).toMatch(/value="2000"/);
    expect(own).toContain('2,000 WebSocket clients');
  });

  it('edits are one undo step each, and clearing the field removes the figure', () => {
    const store = createEditorStore();
    store.getState().open(manual, null);
    store.getState().change((p) => setProjectCapacity(p, 20_000), 'settings:capacity');
    store.getState().commit();
    store.getState().change((p) => setEntryCapacity(p, proxyId, 500), `field:${proxyId}:capacity`);
    store.getState().commit();
    const proxy = () => store.getState().project!.components.find((c) => c.id === proxyId)!;
    expect(proxy().capacity).toEqual({ websocketClients: 500 });
    store.getState().undo();
    expect(proxy().capacity).toBeUndefined();
    expect(store.getState().project!.settings.capacity).toEqual({ websocketClients: 20_000 });
    store.getState().change((p) => setProjectCapacity(p, undefined), 'settings:capacity');
    expect('capacity' in store.getState().project!.settings).toBe(false);
    store.getState().undo();
    expect(store.getState().project!.settings.capacity).toEqual({ websocketClients: 20_000 });
  });
});
