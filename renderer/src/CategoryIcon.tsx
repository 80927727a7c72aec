import type { KindCategory } from '../../shared/catalog/types';
import { CATEGORY_ICONS, ICON_STROKE_WIDTH, type IconShape } from '../../shared/render/icons';

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
 * A 16px line icon per catalog category (decorative: the text next to it names the kind). The
 * shapes live in shared/render/icons.ts, which an exported picture draws too.
 */
export function CategoryIcon({ category, size = 16 }: { category: KindCategory; size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false">
      {CATEGORY_ICONS[category].map((shape, i) => (
        <Shape key={i} shape={shape} />
      ))}
    </svg>
  );
}
