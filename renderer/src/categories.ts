/** How a catalog category is named in the UI; one home with the exported picture (shared/render/kinds.ts). */
export { CATEGORY_LABELS } from '../../shared/render/kinds';
