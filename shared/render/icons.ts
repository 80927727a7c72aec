/**
 * The line icons the canvas and a picture both draw, as data: one home for the shapes, so the
 * React icon (renderer/src/CategoryIcon.tsx) and the SVG writer cannot drift apart.
 */
import type { KindCategory } from '../catalog/types';
import type { ComponentKind } from '../model/types';

export type IconShape =
  | { readonly type: 'path'; readonly d: string }
  | { readonly type: 'circle'; readonly cx: number; readonly cy: number; readonly r: number }
  | { readonly type: 'ellipse'; readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number };

/** Category icons on a 16×16 grid, stroked (1.6, round caps and joins) in the category colour. */
export const ICON_STROKE_WIDTH = 1.6;

export const CATEGORY_ICONS: Readonly<Record<KindCategory, readonly IconShape[]>> = {
  // shield with a check: the authentication server
  nextauth: [
    { type: 'path', d: 'M8 1.8 13 3.6v4.1c0 3.1-2.1 5.4-5 6.5-2.9-1.1-5-3.4-5-6.5V3.6Z' },
    { type: 'path', d: 'm5.6 8 1.7 1.7 3.2-3.3' },
  ],
  // arrows splitting: proxy / entry point
  edge: [
    { type: 'path', d: 'M1.8 8h5.4M7.2 8l3-3.6h4M7.2 8l3 3.6h4' },
    { type: 'path', d: 'm12.6 2.6 1.6 1.8-1.6 1.8M12.6 9.8l1.6 1.8-1.6 1.8' },
  ],
  // cylinder: database / key-value store
  data: [
    { type: 'ellipse', cx: 8, cy: 3.8, rx: 5, ry: 1.9 },
    { type: 'path', d: 'M3 3.8v8.4c0 1 2.2 1.9 5 1.9s5-.9 5-1.9V3.8M3 8c0 1 2.2 1.9 5 1.9S13 9 13 8' },
  ],
  // cloud: third-party service
  external: [{ type: 'path', d: 'M4.6 12.6h6.9a2.9 2.9 0 0 0 .3-5.8 4 4 0 0 0-7.7 1A2.4 2.4 0 0 0 4.6 12.6Z' }],
  // person: client
  client: [
    { type: 'circle', cx: 8, cy: 5.2, r: 2.7 },
    { type: 'path', d: 'M2.8 14c.6-2.7 2.7-4.3 5.2-4.3s4.6 1.6 5.2 4.3' },
  ],
};

/**
 * Kinds drawn with an icon of their own instead of their category's: the custom container is a
 * plain box (a shipping container's side, two ribs), since it can be any service.
 */
export const KIND_ICONS: Readonly<Partial<Record<ComponentKind, readonly IconShape[]>>> = {
  container: [
    { type: 'path', d: 'M2 4.6h12v7.6H2Z' },
    { type: 'path', d: 'M5.3 6.6v3.6M8 6.6v3.6M10.7 6.6v3.6' },
  ],
};

/** The icon a component of this kind and category is drawn with (canvas, palette, inspector and pictures). */
export const iconOf = (kind: ComponentKind, category: KindCategory): readonly IconShape[] =>
  KIND_ICONS[kind] ?? CATEGORY_ICONS[category];

/** Marks on the problem badges, on a 10×10 grid: `!` for errors, a triangle for warnings. */
export const BADGE_GLYPHS = {
  error: { d: 'M5 2.2v3.6M5 7.7v.1', strokeWidth: 1.8 },
  warning: { d: 'M5 1.6 9 8.6H1Z', strokeWidth: 1.3 },
} as const;

/** A padlock on a 10×10 grid (stroked 1.2): where TLS ends. */
export const LOCK_GLYPH = { d: 'M2.6 4.6h4.8v4H2.6ZM3.6 4.6V3.2a1.4 1.4 0 0 1 2.8 0v1.4', strokeWidth: 1.2 } as const;
