/**
 * The line under a component's name — its kind (and flavour), or its category when the name
 * already says the kind — as the canvas and a picture both show it.
 */
import { findFlavour, getKind } from '../catalog/index';
import type { KindCategory } from '../catalog/types';
import { FONT, NAME_WIDTH, textWidth } from '../diagram/metrics';
import type { Component } from '../model/types';
import { CATEGORY_ICONS, iconOf, type IconShape } from './icons';

/** How a catalog category is named (used when a component's name already says its kind). */
export const CATEGORY_LABELS: Readonly<Record<KindCategory, string>> = {
  nextauth: 'nextAuth service',
  edge: 'Entry point',
  data: 'Data store',
  external: 'External service',
  client: 'Client',
};

export interface KindInfo {
  readonly label: string;
  readonly category: KindCategory;
  readonly detail: string;
  /** The icon to draw: the kind's own (KIND_ICONS) or its category's. */
  readonly icon: readonly IconShape[];
}

export function kindInfo(component: Component): KindInfo {
  // Loading rejects unknown kinds, so the fallback only guards against a catalog/document mismatch.
  const spec = getKind(component.kind) as ReturnType<typeof getKind> | undefined;
  if (!spec)
    return { label: component.kind, category: 'external', detail: component.kind, icon: CATEGORY_ICONS.external };
  const icon = iconOf(component.kind, spec.category);
  if (component.kind === 'container')
    return { label: spec.label, category: spec.category, detail: imageLine(component), icon };
  const flavour = component.flavour ? findFlavour(component.kind, component.flavour) : undefined;
  // The kind and its flavour when the line holds both, else the flavour (the icon says the kind).
  const both = flavour ? `${spec.label} · ${flavour.label}` : spec.label;
  const kindText = flavour && textWidth(both, 'Inter 400', FONT.kind.size) > NAME_WIDTH ? flavour.label : both;
  const detail =
    component.name.trim().toLowerCase() === spec.label.toLowerCase() ? CATEGORY_LABELS[spec.category] : kindText;
  return { label: spec.label, category: spec.category, detail, icon };
}

/**
 * A custom container's kind line is its image — what tells two of them apart — as much of it as
 * fits: the whole reference, else without its registry and digest, else the kind's label.
 */
function imageLine(component: Component): string {
  const image = component.image ?? '';
  const fits = (s: string) => textWidth(s, 'Inter 400', FONT.kind.size) <= NAME_WIDTH;
  if (image !== '' && fits(image)) return image;
  const short = image.replace(/@.*$/, '').replace(/^.*\//, '');
  return short !== '' && fits(short) ? short : 'Custom container';
}

/** The kind line as drawn: the cards behind a replicated node say "several", the line says how many. */
export function kindLine(component: Component, info: KindInfo = kindInfo(component)): string {
  return component.replicas > 1 ? `${component.replicas} × ${info.detail}` : info.detail;
}
