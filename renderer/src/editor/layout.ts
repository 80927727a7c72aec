import type { Panel } from '../store/editor';

/** Keyboard shortcuts of the layout, in `aria-keyshortcuts` form (Meta instead of Control on macOS). */
export const PANEL_SHORTCUTS: Readonly<Record<Panel, string>> = {
  palette: 'Control+B',
  inspector: 'Control+Alt+B',
  problems: 'Control+J',
};

export const PRESENT_SHORTCUT = 'F5';

/**
 * How the view is fitted after the layout changes. Presenting allows a little more than 100 %
 * so a small deployment fills the screen of a meeting room; editing never zooms past 100 %.
 */
export function fitOptionsFor(presenting: boolean) {
  return presenting
    ? ({ padding: { top: '48px', right: '48px', bottom: '48px', left: '48px' }, maxZoom: 1.5 } as const)
    : ({ padding: { top: '56px', right: '24px', bottom: '24px', left: '24px' }, maxZoom: 1 } as const);
}
