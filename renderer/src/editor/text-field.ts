/** The element with focus, if there is a document (none in unit tests). */
export function focusedElement(): Element | null {
  return typeof document === 'undefined' ? null : document.activeElement;
}

/** Editable text: an input, a text area or editable content (what keeps its own undo history). */
export function hasOwnUndo(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable === true || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA');
}

/**
 * Whether keys pressed here belong to the element: text fields and selects (type-ahead). There,
 * only the registry's `inTextFields` shortcuts act.
 */
export function ownsKeys(target: EventTarget | null): boolean {
  return hasOwnUndo(target) || (target as HTMLElement | null)?.tagName === 'SELECT';
}
