import type { KindCategory } from '../../shared/catalog/types';

/** How a catalog category is named in the UI (used when a component's name already says its kind). */
export const CATEGORY_LABELS: Readonly<Record<KindCategory, string>> = {
  nextauth: 'nextAuth service',
  edge: 'Entry point',
  data: 'Data store',
  external: 'External service',
  client: 'Client',
};
