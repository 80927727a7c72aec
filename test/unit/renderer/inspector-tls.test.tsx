import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../../renderer/src/inspector/Inspector';
import { hstsOptIns, withTls } from '../../../renderer/src/inspector/TlsSection';
import { EditorProvider } from '../../../renderer/src/store/context';
import { createEditorStore } from '../../../renderer/src/store/editor';
import { setTls } from '../../../shared/model/ops';
import type { Project } from '../../../shared/model/types';
import { template } from '../../support/fixtures';

/**
 * The project's TLS policy in the inspector (nothing selected): a labelled profile select with the
 * guideline's version, the two HSTS opt-ins as checkboxes, and the reason field once a profile
 * below intermediate is chosen; edits go through setTls, so the default policy is stored as none.
 */

function render(p: Project, node: ReactElement): string {
  const store = createEditorStore();
  store.getState().open(p, null);
  return renderToStaticMarkup(
    <EditorProvider store={{ ...store, getInitialState: store.getState }}>{node}</EditorProvider>,
  );
}

const tag = (html: string, testId: string): string =>
  new RegExp(`<(?:select|input|textarea)[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? '';

describe('the TLS section of the project inspector', () => {
  it('shows intermediate by default, both opt-ins off and no reason field', () => {
    const html = render(template('manual'), <Inspector />);
    expect(html).toContain('data-testid="inspector-tls"');
    expect(html).toMatch(
      /<option value="intermediate" selected="">Intermediate — TLS 1\.2 and 1\.3 \(default\)<\/option>/,
    );
    expect(html).toContain('Mozilla&#x27;s server-side TLS guidelines 5.7 (2023-05-15)');
    // Labelled controls: the select by <label for>, the checkboxes by their wrapping label.
    const select = tag(html, 'project-tls-profile');
    const id = /id="([^"]+)"/.exec(select)![1]!;
    expect(html).toContain(`<label for="${id}" class="pl-insp-field__label">Profile</label>`);
    expect(select).toMatch(/aria-describedby="[^"]+-hint"/);
    expect(tag(html, 'project-tls-subdomains')).not.toMatch(/checked/);
    expect(tag(html, 'project-tls-preload')).not.toMatch(/checked/);
    expect(html).toMatch(/<span>HSTS: include subdomains<\/span>/);
    expect(tag(html, 'project-tls-reason')).toBe('');
  });

  it('shows the chosen profile, the opt-ins and the reason of a project that sets them', () => {
    const p = setTls(template('manual'), { profile: 'old', hsts: { preload: true }, reason: 'kiosks' });
    const html = render(p, <Inspector />);
    expect(html).toMatch(/<option value="old" selected="">/);
    expect(tag(html, 'project-tls-preload')).toMatch(/checked=""/);
    expect(tag(html, 'project-tls-subdomains')).not.toMatch(/checked/);
    expect(html).toMatch(/<textarea[^>]*data-testid="project-tls-reason"[^>]*>kiosks<\/textarea>/);
  });

  it('an edit through the store changes only what it names, and the default is stored as none', () => {
    const store = createEditorStore();
    store.getState().open(template('manual'), null);
    const edit = (patch: Parameters<typeof withTls>[1]) =>
      store.getState().change((p) => setTls(p, withTls(p.settings.tls, patch)), 'settings:tls');
    edit({ profile: 'modern' });
    expect(store.getState().project!.settings.tls).toEqual({ profile: 'modern' });
    edit({ hsts: hstsOptIns(true, false) });
    expect(store.getState().project!.settings.tls).toEqual({ profile: 'modern', hsts: { includeSubDomains: true } });
    edit({ hsts: hstsOptIns(false, false), profile: 'intermediate' });
    expect(store.getState().project!.settings.tls).toBeUndefined();
    expect('tls' in store.getState().project!.settings).toBe(false);
  });
});
