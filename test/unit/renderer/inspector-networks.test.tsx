import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ComponentInspector } from '../../../renderer/src/inspector/ComponentInspector';
import { Inspector } from '../../../renderer/src/inspector/Inspector';
import { toggledNetworks } from '../../../renderer/src/inspector/NetworksSection';
import { EditorProvider } from '../../../renderer/src/store/context';
import { createEditorStore } from '../../../renderer/src/store/editor';
import type { Project } from '../../../shared/model/types';
import { component, patchComponent, template } from '../../support/fixtures';

/**
 * The inspector's compose networks: a component's networks as checkboxes (with its kept settings
 * on each), the rule's networks for one without its own, nothing for a kept network_mode, the
 * project's networks with their settings, and no networks section in a drawing that declares none.
 */

function networked(): Project {
  let p = template('manual');
  p = patchComponent(p, 'nextauth', {
    networks: ['front', 'back'],
    networkPassThrough: { back: { aliases: ['auth-core'] } },
  });
  p = patchComponent(p, 'proxy', { networks: ['front'] });
  p = patchComponent(p, 'redis', { passThrough: { network_mode: 'host' } });
  return {
    ...p,
    networks: [{ name: 'front' }, { name: 'back', passThrough: { internal: true, driver: 'bridge' } }],
  };
}

function render(p: Project, node: ReactElement): string {
  const store = createEditorStore();
  store.getState().open(p, null);
  return renderToStaticMarkup(
    <EditorProvider store={{ ...store, getInitialState: store.getState }}>{node}</EditorProvider>,
  );
}

/** Whether the checkbox of `network` is ticked in `html`. */
const ticked = (html: string, network: string): boolean => {
  const input = new RegExp(`<input[^>]*data-testid="network-member-${network}"[^>]*>`).exec(html)?.[0] ?? '';
  expect(input, `checkbox of ${network}`).not.toBe('');
  return /\schecked=""/.test(input);
};

describe('networks in the inspector', () => {
  it('a component’s networks are ticked, with compose’s default offered too and its kept settings shown', () => {
    const html = render(networked(), <ComponentInspector id="nextauth" />);
    expect(html).toContain('data-testid="inspector-networks"');
    expect(ticked(html, 'front')).toBe(true);
    expect(ticked(html, 'back')).toBe(true);
    expect(ticked(html, 'default')).toBe(false);
    expect(html).toContain('back (internal)');
    expect(html).toContain('settings kept from import');
    expect(html).toContain('auth-core');
  });

  it('one without networks of its own shows those it joins by rule', () => {
    // mgmt links to nextauth and is routed to by the proxy: front and back.
    const html = render(networked(), <ComponentInspector id="mgmt" />);
    expect(html).toContain('Joins the networks of what it is drawn with');
    expect(ticked(html, 'front')).toBe(true);
    expect(ticked(html, 'back')).toBe(true);
  });

  it('a kept network_mode: no checkboxes, the mode said', () => {
    const html = render(networked(), <ComponentInspector id="redis" />);
    expect(html).toContain('network_mode: host');
    expect(html).not.toContain('network-member-');
  });

  it('clients and a drawing without declared networks have no networks section', () => {
    expect(render(networked(), <ComponentInspector id="admin" />)).not.toContain('inspector-networks');
    expect(render(template('manual'), <ComponentInspector id="nextauth" />)).not.toContain('inspector-networks');
    expect(render(template('manual'), <Inspector />)).not.toContain('inspector-project-networks');
  });

  it('the project lists its networks with their settings, and offers to add one', () => {
    const html = render(networked(), <Inspector />);
    expect(html).toContain('data-testid="project-network-front"');
    expect(html).toContain('data-testid="project-network-back"');
    expect(html).toMatch(/internal: true/);
    expect(html).toContain('data-testid="project-network-add"');
    expect(html).toContain('data-testid="project-network-remove-back"');
  });

  it('ticking keeps the declared order; unticking the last leaves compose’s default', () => {
    const declared = networked().networks!;
    expect(toggledNetworks(declared, ['back'], 'front', true)).toEqual(['front', 'back']);
    expect(toggledNetworks(declared, ['front', 'back'], 'front', false)).toEqual(['back']);
    expect(toggledNetworks(declared, ['back'], 'default', true)).toEqual(['back', 'default']);
    expect(toggledNetworks(declared, ['back'], 'back', false)).toEqual([]);
  });

  it('a component added in the editor to such a project is offered the declared networks', () => {
    const p = component(networked(), { kind: 'container', id: 'tool', name: 'Tool', position: { x: 0, y: 0 } });
    const html = render(p, <ComponentInspector id="tool" />);
    expect(ticked(html, 'default')).toBe(true);
    expect(ticked(html, 'front')).toBe(false);
  });
});
