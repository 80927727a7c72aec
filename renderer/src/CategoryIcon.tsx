import type { KindCategory } from '../../shared/catalog/types';

const STROKE = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

/** A 16px line icon per catalog category (decorative: the text next to it names the kind). */
export function CategoryIcon({ category, size = 16 }: { category: KindCategory; size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false">
      {category === 'nextauth' ? (
        // shield with a check: the authentication server
        <>
          <path d="M8 1.8 13 3.6v4.1c0 3.1-2.1 5.4-5 6.5-2.9-1.1-5-3.4-5-6.5V3.6Z" {...STROKE} />
          <path d="m5.6 8 1.7 1.7 3.2-3.3" {...STROKE} />
        </>
      ) : category === 'edge' ? (
        // arrows splitting: proxy / entry point
        <>
          <path d="M1.8 8h5.4M7.2 8l3-3.6h4M7.2 8l3 3.6h4" {...STROKE} />
          <path d="m12.6 2.6 1.6 1.8-1.6 1.8M12.6 9.8l1.6 1.8-1.6 1.8" {...STROKE} />
        </>
      ) : category === 'data' ? (
        // cylinder: database / key-value store
        <>
          <ellipse cx="8" cy="3.8" rx="5" ry="1.9" {...STROKE} />
          <path d="M3 3.8v8.4c0 1 2.2 1.9 5 1.9s5-.9 5-1.9V3.8M3 8c0 1 2.2 1.9 5 1.9S13 9 13 8" {...STROKE} />
        </>
      ) : category === 'external' ? (
        // cloud: third-party service
        <path d="M4.6 12.6h6.9a2.9 2.9 0 0 0 .3-5.8 4 4 0 0 0-7.7 1A2.4 2.4 0 0 0 4.6 12.6Z" {...STROKE} />
      ) : (
        // person: client
        <>
          <circle cx="8" cy="5.2" r="2.7" {...STROKE} />
          <path d="M2.8 14c.6-2.7 2.7-4.3 5.2-4.3s4.6 1.6 5.2 4.3" {...STROKE} />
        </>
      )}
    </svg>
  );
}
