import type { ActionId } from '../../../shared/actions/registry';
import type { Panel, SidePanel } from '../store/editor';

/** The action that shows or hides each panel (its shortcut is in the action registry). */
export const PANEL_ACTIONS: Readonly<Record<Panel, ActionId>> = {
  palette: 'toggle-palette',
  inspector: 'toggle-inspector',
  problems: 'toggle-problems',
};

/**
 * The smallest zoom at which the diagram's smallest text (12 px at zoom 1) still renders at
 * 11 px: below it, small text cannot hold, and the side panels give the canvas their width.
 */
export const MIN_READABLE_ZOOM = 11 / 12;

/** A panel folds for unreadable text only when that makes the text at least this much larger. */
const MEANINGFUL_GAIN = 1.05;

/** The side panels' widths, as editor.css lays them out (wider panels from 1800 px). */
export function sidePanelWidths(windowWidth: number): Readonly<Record<SidePanel, number>> & { readonly rail: number } {
  return windowWidth >= 1800 ? { palette: 288, inspector: 380, rail: 40 } : { palette: 264, inspector: 340, rail: 40 };
}

export interface FoldInput {
  /** The window's (and the editor's) width, in screen pixels. */
  readonly windowWidth: number;
  /** The canvas's height (side panels do not change it); omitted: only the width counts. */
  readonly canvasHeight?: number;
  /** The drawing's size in flow units (zoom 1). */
  readonly drawing: { readonly width: number; readonly height: number };
  /** Open widths of the side panels and the width of the rail a folded one leaves. */
  readonly panels: Readonly<Record<SidePanel, number>> & { readonly rail: number };
  /** Screen pixels a fit keeps free around the drawing (margins, overlays) across and down. */
  readonly allowance?: { readonly x: number; readonly y: number };
  /** The fit never zooms past this (100 % while editing). */
  readonly maxZoom?: number;
  /** Panels the user opened (false) or folded (true) by hand: the decision keeps them so. */
  readonly fixed?: Partial<Record<SidePanel, boolean>>;
}

/** The fold decision: true folds the panel. */
export type FoldDecision = Readonly<Record<SidePanel, boolean>>;

/** The zoom a fit reaches with the given panels folded. */
export function fitZoom(input: FoldInput, fold: FoldDecision): number {
  const { panels, drawing } = input;
  const allowance = input.allowance ?? { x: 48, y: 120 };
  const canvasWidth =
    input.windowWidth -
    (fold.palette ? panels.rail : panels.palette) -
    (fold.inspector ? panels.rail : panels.inspector);
  const across = (canvasWidth - allowance.x) / Math.max(drawing.width, 1);
  const down =
    input.canvasHeight === undefined ? Infinity : (input.canvasHeight - allowance.y) / Math.max(drawing.height, 1);
  return Math.max(0, Math.min(across, down, input.maxZoom ?? 1));
}

/**
 * Which side panels to fold so that fitting the diagram keeps its text readable (zoom at
 * least MIN_READABLE_ZOOM): none when it already is; else the fewest panels that get there,
 * the widest first (the inspector). When no folding gets there (a diagram too big for this
 * window), the folding that makes its text largest: the diagram is what the window is for.
 * Panels in `fixed` stay as the user left them.
 */
export function panelsToFold(input: FoldInput): FoldDecision {
  const { panels } = input;
  const wider: SidePanel = panels.inspector >= panels.palette ? 'inspector' : 'palette';
  const other: SidePanel = wider === 'inspector' ? 'palette' : 'inspector';
  const fixed = input.fixed ?? {};
  const options: FoldDecision[] = [
    { palette: false, inspector: false },
    { palette: wider === 'palette', inspector: wider === 'inspector' },
    { palette: other === 'palette', inspector: other === 'inspector' },
    { palette: true, inspector: true },
  ].map((o) => ({ palette: fixed.palette ?? o.palette, inspector: fixed.inspector ?? o.inspector }));
  const readable = options.find((o) => fitZoom(input, o) >= MIN_READABLE_ZOOM - 1e-9);
  if (readable) return readable;
  // Nothing reaches it: the most the panels can give (text as large as this window allows) —
  // unless that gains next to nothing (a drawing too tall gains nothing from width).
  let best = options[0]!;
  for (const o of options) if (fitZoom(input, o) > fitZoom(input, best) * MEANINGFUL_GAIN) best = o;
  return best;
}
