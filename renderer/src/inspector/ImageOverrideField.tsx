import { imageFor } from '../../../shared/catalog/index';
import type { Component } from '../../../shared/model/types';
import { useEditorStore } from '../store/context';
import { TextField } from './fields';
import type { Inspected } from './inspected';
import { validateImageOverride } from './validate';

const NEXTAUTH_KINDS = new Set(['nextauth', 'nextauth-mgmt', 'nextauth-portmap']);

/** The component without its image override: it runs the catalog's image again. */
function withoutImage(c: Component): Component {
  const { image: _drop, ...rest } = c;
  return rest;
}

/**
 * The image a deployable catalog component runs, as an override of the catalog's (shown as the
 * placeholder). Empty runs the catalog image — for nextAuth's kinds, from the project's registry
 * and tag. An import sets it where the original ran another image (`bitnami/redis:7.4`), so the
 * export runs what the original ran.
 */
export function ImageOverrideField({ component }: { readonly component: Inspected }) {
  const store = useEditorStore();
  const catalog = imageFor(component.kind, component.flavour) ?? '';
  const placeholder = NEXTAUTH_KINDS.has(component.kind) ? `<registry>${catalog}:<tag>` : catalog;
  return (
    <TextField
      label="Image"
      mono
      value={component.image ?? ''}
      parse={validateImageOverride}
      onValue={(image) =>
        store
          .getState()
          .updateComponent(
            component.id,
            (c) => (image === undefined ? withoutImage(c) : { ...c, image }),
            `field:${component.id}:image`,
          )
      }
      placeholder={placeholder}
      hint="Empty runs the catalog image; set it to run another image or version"
      testId="inspector-image"
    />
  );
}
