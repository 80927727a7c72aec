import { memo, useEffect, useLayoutEffect, type RefObject } from 'react';
import type { Project } from '../../../shared/model/types';
import { projectToFlow } from '../flow';
import { useEditorStore } from '../store/context';
import { justOpened, SIDE_PANELS, type EditorStore, type SidePanel } from '../store/editor';
import { fitZoom, MIN_READABLE_ZOOM, panelsToFold, sidePanelWidths } from './layout';

/** The drawing's size in flow units: every node the canvas draws (components and zone areas). */
function drawingSize(project: Project): { width: number; height: number } | null {
  const nodes = projectToFlow(project).nodes;
  if (nodes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    const w = n.measured?.width ?? n.width ?? 0;
    const h = n.measured?.height ?? n.height ?? 0;
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + w);
    maxY = Math.max(maxY, n.position.y + h);
  }
  return { width: maxX - minX, height: maxY - minY };
}

/** Applies the fold decision for the window's width now (see `panelsToFold`). */
function fitPanelsToWindow(store: EditorStore, canvas: HTMLElement | null): void {
  const { project, panelIntent, fitPanels } = store.getState();
  if (project === null) return;
  const drawing = drawingSize(project);
  if (drawing === null) return;
  const fixed: Partial<Record<SidePanel, boolean>> = {};
  for (const panel of SIDE_PANELS) {
    if (panelIntent[panel] !== 'auto') fixed[panel] = panelIntent[panel] === 'folded';
  }
  const windowWidth = window.innerWidth;
  const canvasHeight = canvas?.clientHeight;
  const input = (height: number | undefined) => ({
    windowWidth,
    drawing,
    panels: sidePanelWidths(windowWidth),
    fixed,
    ...(height ? { canvasHeight: height } : {}),
  });
  const sides = panelsToFold(input(canvasHeight));
  const { layout, problemsIntent, diagnostics } = store.getState();
  const problems = document.querySelector<HTMLElement>('[data-testid="problems-panel"]');
  const quiet = !diagnostics.some((d) => !d.suppressed && (d.severity === 'error' || d.severity === 'warning'));
  // Folded by the editor: it opens again when the window has the room for it (decided here, on
  // open and resize only — never while the user edits; problems that appear show as counts on
  // its strip, and a click opens it, without moving the view).
  if (canvasHeight && !layout.panels.problems && problemsIntent === 'auto') {
    const shorter = canvasHeight - (PROBLEMS_OPEN - PROBLEMS_STRIP);
    const withPanel = panelsToFold(input(shorter));
    if (fitZoom(input(shorter), withPanel) >= MIN_READABLE_ZOOM) {
      fitPanels(withPanel, false);
      return;
    }
  }
  // Still too small, and the problems panel shows nothing but "no problems": it folds to its
  // strip (which keeps the counts) and gives the canvas its height.
  if (
    canvasHeight &&
    problems &&
    layout.panels.problems &&
    problemsIntent === 'auto' &&
    quiet &&
    fitZoom(input(canvasHeight), sides) < MIN_READABLE_ZOOM
  ) {
    const taller = canvasHeight + problems.offsetHeight - PROBLEMS_STRIP;
    const withRoom = panelsToFold(input(taller));
    const folded = fitZoom(input(taller), withRoom);
    // Folding makes the text readable, or at least noticeably larger.
    if (folded >= MIN_READABLE_ZOOM || folded > fitZoom(input(canvasHeight), sides) * 1.05) {
      fitPanels(withRoom, true);
      return;
    }
  }
  fitPanels(sides);
}

/** The problems panel's height open, and folded to its strip (title and counts), as problems.css draws it. */
const PROBLEMS_OPEN = 200;
const PROBLEMS_STRIP = 36;

/**
 * Folds the side panels when the window is too narrow for the diagram's small text to hold at
 * a fit, and opens them again when there is room: when a document is opened (a template, a
 * file) and when the window is resized. Panels the user folded or opened by hand are left as
 * they are (the store's `panelIntent`). `canvas` is the element the canvas fills, for its height.
 */
export const AutoFold = memo(function AutoFold({ canvas }: { readonly canvas: RefObject<HTMLElement | null> }) {
  const store = useEditorStore();
  // Before the first paint, so a document never shows with panels that are about to fold.
  useLayoutEffect(() => fitPanelsToWindow(store, canvas.current), [store, canvas]);
  useEffect(() => {
    let frame = 0;
    const onResize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fitPanelsToWindow(store, canvas.current));
    };
    const unsubscribe = store.subscribe((state, prev) => {
      if (justOpened(state, prev)) fitPanelsToWindow(store, canvas.current);
      // The problems panel folded or opened by hand changes the canvas's height: decide again
      // once the layout has it.
      else if (state.layout.panels.problems !== prev.layout.panels.problems && state.problemsIntent !== 'auto')
        onResize();
    });
    window.addEventListener('resize', onResize);
    return () => {
      unsubscribe();
      window.removeEventListener('resize', onResize);
      cancelAnimationFrame(frame);
    };
  }, [store, canvas]);
  return null;
});
