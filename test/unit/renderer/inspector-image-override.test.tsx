import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ComponentInspector } from '../../../renderer/src/inspector/ComponentInspector';
import { validateImageOverride } from '../../../renderer/src/inspector/validate';
import { EditorProvider } from '../../../renderer/src/store/context';
import { createEditorStore } from '../../../renderer/src/store/editor';
import type { Project } from '../../../shared/model/types';
import { patchComponent, template } from '../../support/fixtures';

/**
 * The Image field of a deployable catalog component: the override where there is one, the
 * catalog's image as the placeholder (nextAuth's with the registry and tag it takes from the
 * project), none on a kind that is not deployed; empty means no override.
 */

function html(p: Project, id: string): string {
  const store = createEditorStore();
  store.getState().open(p, null);
  return renderToStaticMarkup(
    <EditorProvider store={{ ...store, getInitialState: store.getState }}>
      <ComponentInspector id={id} />
    </EditorProvider>,
  );
}

/** The `<input>` of the Image field. */
const imageInput = (page: string): string | undefined =>
  /<input[^>]*data-testid="inspector-image"[^>]*>/.exec(page)?.[0];

describe('the image override field', () => {
  it('shows the override, with the catalog image as placeholder', () => {
    const input = imageInput(
      html(patchComponent(template('manual'), 'redis', { image: 'bitnami/redis:7.4' }), 'redis'),
    );
    expect(input).toContain('value="bitnami/redis:7.4"');
    expect(input).toMatch(/placeholder="redis:[^"]+"/);
  });

  it('is empty without an override; nextAuth shows where registry and tag go', () => {
    expect(imageInput(html(template('manual'), 'redis'))).toContain('value=""');
    expect(imageInput(html(template('manual'), 'nextauth'))).toContain(
      'placeholder="&lt;registry&gt;nextauth:&lt;tag&gt;"',
    );
  });

  it('is not offered on a kind that is not deployed', () => {
    expect(imageInput(html(template('manual'), 'fcm'))).toBeUndefined();
  });

  it('empty text clears the override; a bad reference is refused with the reason', () => {
    expect(validateImageOverride('  ')).toEqual({ ok: true, value: undefined });
    expect(validateImageOverride(' bitnami/redis:7.4 ')).toEqual({ ok: true, value: 'bitnami/redis:7.4' });
    expect(validateImageOverride('Bad Image')).toMatchObject({ ok: false });
  });
});
