import type { KindCategory } from '../../shared/catalog/types';
import type { ComponentKind } from '../../shared/model/types';
import { CATEGORY_ICONS, ICON_STROKE_WIDTH, iconOf, type IconShape } from '../../shared/render/icons';

const STROKE = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: ICON_STROKE_WIDTH,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

function Shape({ shape }: { shape: IconShape }) {
  switch (shape.type) {
    case 'path':
      return <path d={shape.d} {...STROKE} />;
    case 'circle':
      return <circle cx={shape.cx} cy={shape.cy} r={shape.r} {...STROKE} />;
    case 'ellipse':
      return <ellipse cx={shape.cx} cy={shape.cy} rx={shape.rx} ry={shape.ry} {...STROKE} />;
  }
}

/**
 * A 16px line icon per catalog category, or the kind's own where it has one (the custom
 * container) — decorative: the text next to it names the kind. The shapes live in
 * shared/render/icons.ts, which an exported picture draws too.
 */
export function CategoryIcon({
  category,
  kind,
  size = 16,
}: {
  category: KindCategory;
  kind?: ComponentKind;
  size?: number;
}) {
  const shapes = kind !== undefined ? iconOf(kind, category) : CATEGORY_ICONS[category];
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false">
      {shapes.map((shape, i) => (
        <Shape key={i} shape={shape} />
      ))}
    </svg>
  );
}
