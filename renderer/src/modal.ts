import { useEffect, type KeyboardEvent, type RefObject } from 'react';

/**
 * Escape closes; Tab and Shift+Tab cycle inside the dialog; focus that lands outside (a click
 * on the page behind) comes back; the element focused before opening gets focus again on close.
 * Keys stop here, so the editor's shortcuts (Delete, Ctrl+Z) never act on the document behind.
 */
export function useModal(
  ref: RefObject<HTMLElement | null>,
  onEscape: () => void,
  /** What takes focus on open; by default the dialog itself. */
  initial?: RefObject<HTMLElement | null>,
) {
  useEffect(() => {
    const root = ref.current;
    if (root === null) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The dialog itself takes focus: screen readers announce its title, and Tab reaches the first control.
    (initial?.current ?? root).focus();
    const keepInside = (event: FocusEvent) => {
      if (event.target instanceof Node && !root.contains(event.target)) root.focus();
    };
    document.addEventListener('focusin', keepInside);
    return () => {
      document.removeEventListener('focusin', keepInside);
      before?.focus();
    };
  }, [ref, initial]);

  return (event: KeyboardEvent<HTMLElement>) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onEscape();
      return;
    }
    if (event.key !== 'Tab' || ref.current === null) return;
    const items = focusables(ref.current);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      el.getClientRects().length > 0 &&
      !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
  );
}
