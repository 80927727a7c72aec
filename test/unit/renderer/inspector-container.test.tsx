import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ComponentInspector } from '../../../renderer/src/inspector/ComponentInspector';
import { Inspector } from '../../../renderer/src/inspector/Inspector';
import { keptYaml } from '../../../renderer/src/inspector/PassThroughSection';
import { EditorProvider } from '../../../renderer/src/store/context';
import { createEditorStore, type EditorStore } from '../../../renderer/src/store/editor';
import type { PassValue, Project } from '../../../shared/model/types';
import { component, patchComponent, template } from '../../support/fixtures';

/**
 * The inspector of a custom container (its image and port rows instead of the catalog's ports) and
 * the "Kept from import" sections: every kept key listed, folded, with its YAML and a remove button.
 */

function project(): Project {
  let p = component(template('manual'), { kind: 'container', id: 'relay', name: 'Relay', position: { x: 0, y: 0 } });
  p = patchComponent(p, 'relay', {
    image: 'ghcr.io/acme/relay:2',
    ports: [
      { name: 'smtp', number: 25, protocol: 'tcp' },
      { name: 'syslog', number: 514, protocol: 'udp' },
    ],
    passThrough: { logging: { driver: 'json-file', options: { 'max-size': '10m' } }, 'x-note': 'on' },
  });
  return { ...p, passThrough: { volumes: { shared: {} } } };
}

function opened(p: Project): EditorStore {
  const store = createEditorStore();
  store.getState().open(p, null);
  return store;
}

const render = (store: EditorStore, node: ReactElement) =>
  renderToStaticMarkup(<EditorProvider store={{ ...store, getInitialState: store.getState }}>{node}</EditorProvider>);

describe('the inspector of a custom container', () => {
  const html = render(opened(project()), <ComponentInspector id="relay" />);

  it('edits the image and each port (name, number, protocol), and lists no catalog ports', () => {
    expect(html).toContain('data-testid="inspector-container"');
    expect(html).toMatch(
      /data-testid="container-image"[^>]*value="ghcr.io\/acme\/relay:2"|value="ghcr.io\/acme\/relay:2"[^>]*data-testid="container-image"/,
    );
    expect(html).toContain('data-testid="container-port-name-1"');
    expect(html).toMatch(/value="514"/);
    expect(html).toContain('data-testid="container-port-remove-0"');
    expect(html).toContain('data-testid="container-port-add"');
    expect(html).not.toContain('data-testid="inspector-ports"');
  });

  it('lists its kept keys folded, each with its YAML and a way to remove it', () => {
    expect(html).toContain('Kept from import');
    expect(html).toContain('data-testid="kept-logging"');
    expect(html).toContain('data-testid="kept-remove-x-note"');
    // Folded by default: no <details open>.
    expect(html).toMatch(/<details><summary><code>logging<\/code><\/summary>/);
    expect(html).toContain('max-size: &quot;10m&quot;');
  });

  it('shows the project’s kept top-level keys when nothing is selected', () => {
    const store = opened(project());
    const page = render(store, <Inspector />);
    expect(page).toContain('data-testid="kept-volumes"');
  });

  it('a catalog kind without kept keys has no such section', () => {
    expect(render(opened(project()), <ComponentInspector id="nextauth" />)).not.toContain('Kept from import');
  });
});

describe('kept YAML', () => {
  it('is the key and its value as the compose file holds them, quoted where YAML 1.1 would misread', () => {
    const value: PassValue = { on: 'yes', list: [[], null, 1e21], text: 'a\nb' };
    expect(keptYaml('x-a', value)).toBe(
      'x-a:\n  "on": "yes"\n  list:\n    - []\n    - null\n    - 1.0e+21\n  text: "a\\nb"\n',
    );
  });
});
