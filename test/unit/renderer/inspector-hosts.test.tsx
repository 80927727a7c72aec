import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ProjectHostsSection,
  validateHostAddress,
  validateHostName,
} from '../../../renderer/src/inspector/HostsSection';
import { Inspector } from '../../../renderer/src/inspector/Inspector';
import { RunsOnSection, toggledHosts } from '../../../renderer/src/inspector/RunsOnSection';
import { EditorProvider } from '../../../renderer/src/store/context';
import { createEditorStore, pasteInto } from '../../../renderer/src/store/editor';
import { addHost, removeHost, setComponentHosts } from '../../../shared/model/hosts-ops';
import type { ComponentId, HostId, Project } from '../../../shared/model/types';
import { template } from '../../support/fixtures';
import { onHosts, withHosts } from '../../support/hosts';

/**
 * Hosts in the inspector: the project's Hosts section (nothing selected) and a container
 * component's "Runs on" with its replica spread. Typed names and addresses are validated with the
 * model's checks; edits go through the store, one undo step each.
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

const ha = template('ha');
const nextauth = (p: Project) => p.components.find((c) => c.id === 'nextauth')!;
const h = (id: string) => id as HostId;

describe('validation of typed host fields', () => {
  it('names: the model’s check, as a sentence', () => {
    const p = withHosts(ha, 'a', 'b');
    expect(validateHostName('c', p, h('a'))).toEqual({ ok: true, value: 'c' });
    expect(validateHostName('A', p, h('a'))).toEqual({ ok: true, value: 'A' });
    expect(validateHostName('B', p, h('a'))).toEqual({ ok: false, error: 'Another host is already called "b"' });
    for (const bad of ['', ' a', 'a\tb', 'x'.repeat(81)]) expect(validateHostName(bad, p, h('a')).ok, bad).toBe(false);
  });

  it('addresses: empty is none, otherwise a DNS name or an IP address', () => {
    expect(validateHostAddress('')).toEqual({ ok: true, value: undefined });
    expect(validateHostAddress('node-1.example.com')).toEqual({ ok: true, value: 'node-1.example.com' });
    expect(validateHostAddress('2001:db8::5')).toEqual({ ok: true, value: '2001:db8::5' });
    for (const bad of ['10.0.0.256', 'node 1', 'https://node', '[::1]']) {
      const result = validateHostAddress(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^".*" is neither a DNS name/);
    }
  });
});

describe('the Hosts section', () => {
  it('a project without hosts shows the button and says everything runs on one host', () => {
    const html = render(ha, <Inspector />);
    expect(html).toContain('data-testid="inspector-hosts"');
    expect(html).toContain('data-testid="host-add"');
    expect(html).toContain('Everything runs on one Docker host');
    expect(html).not.toContain('data-testid="host-name-');
  });

  it('lists each host with its name, address and how many containers it runs', () => {
    const p = onHosts(withHosts(ha, 'a', 'b'), 'nextauth', 'a', 'b');
    const html = render(addHost(p, { name: 'c', address: '10.0.0.7' }).project, <ProjectHostsSection />);
    expect(input(html, 'host-name-a')).toMatch(/value="a"/);
    expect(input(html, 'host-address-c')).toMatch(/value="10.0.0.7"/);
    expect(input(html, 'host-address-a')).toMatch(/placeholder="asked at export"/);
    // a: lb, nextauth ×2, mgmt, redis, 3 Sentinels = 8; b: nextauth ×1; c: none.
    expect(html).toMatch(/data-testid="host-load-a"[^>]*>8 containers</);
    expect(html).toMatch(/data-testid="host-load-b"[^>]*>1 container</);
    expect(html).toMatch(/data-testid="host-load-c"[^>]*>0 containers</);
    expect(html).toContain('aria-label="Remove host a"');
  });

  it('add, remove and a component’s hosts are one undo step each', () => {
    const store = createEditorStore();
    store.getState().open(ha, null);
    store.getState().change((p) => addHost(p, { name: 'a', id: 'a' }).project);
    store.getState().change((p) => addHost(p, { name: 'b', id: 'b' }).project);
    store
      .getState()
      .change((p) => setComponentHosts(p, 'nextauth' as ComponentId, [h('a'), h('b')]), 'field:nextauth:hosts');
    store.getState().commit();
    expect(nextauth(store.getState().project!).hosts).toEqual(['a', 'b']);
    store.getState().change((p) => removeHost(p, h('b')));
    expect(store.getState().project!.hosts!.map((x) => x.id)).toEqual(['a']);
    expect(nextauth(store.getState().project!).hosts).toEqual(['a']);
    store.getState().undo();
    expect(nextauth(store.getState().project!).hosts).toEqual(['a', 'b']);
    store.getState().undo();
    expect(nextauth(store.getState().project!).hosts).toBeUndefined();
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().project!.hosts).toBeUndefined();
  });
});

describe('Runs on', () => {
  const inspected = (p: Project, id: string) => {
    const { position: _position, ...rest } = p.components.find((c) => c.id === id)!;
    return rest;
  };

  it('is not shown without hosts, nor for a client', () => {
    expect(render(ha, <RunsOnSection component={inspected(ha, 'nextauth')} />)).toBe('');
    const p = withHosts(ha, 'a', 'b');
    expect(render(p, <RunsOnSection component={inspected(p, 'mobile-app')} />)).toBe('');
  });

  it('ticks where it runs in effect and shows the spread; the last box cannot be unticked', () => {
    const p = withHosts(ha, 'host-a', 'host-b');
    const first = render(p, <RunsOnSection component={inspected(p, 'nextauth')} />);
    expect(input(first, 'runs-on-host-a')).toMatch(/checked=""/);
    expect(input(first, 'runs-on-host-a')).toMatch(/disabled=""/);
    expect(input(first, 'runs-on-host-b')).not.toMatch(/checked/);
    expect(first).toContain('3 replicas: host-a ×3 (the first host: none chosen)');
    const both = onHosts(p, 'nextauth', 'host-a', 'host-b');
    const html = render(both, <RunsOnSection component={inspected(both, 'nextauth')} />);
    expect(html).toContain('3 replicas: host-a ×2, host-b ×1');
    expect(input(html, 'runs-on-host-a')).not.toMatch(/disabled/);
  });

  it('toggling keeps the project’s order of hosts', () => {
    const declared = [h('a'), h('b'), h('c')];
    expect(toggledHosts(declared, [h('c')], h('a'), true)).toEqual(['a', 'c']);
    expect(toggledHosts(declared, [h('a'), h('c')], h('a'), false)).toEqual(['c']);
  });
});

describe('paste', () => {
  it('a component pasted from another document keeps only the hosts declared here', () => {
    const source = onHosts(withHosts(ha, 'a', 'b'), 'nextauth', 'a', 'b');
    const target = withHosts(ha, 'b');
    const { project, ids } = pasteInto(target, { components: [nextauth(source)], links: [] }, { x: 10, y: 10 });
    expect(project.components.find((c) => c.id === ids[0])!.hosts).toEqual(['b']);
  });
});
