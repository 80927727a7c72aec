/**
 * The canvas's view, moved only when asked: fits (opening, layout changes, Arrange, Shift+1),
 * keeping a newly shown minimap clear of the drawing, and revealing elements a "go to" or a
 * selection elsewhere names. Nothing else moves the view.
 */
import { memo, useEffect, useRef, type RefObject } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { ElementRef } from '../../../shared/rules/types';
import { justOpened, type EditorStore, type Selection } from '../store/editor';
import {
  elementsBounds,
  fitOptionsFor,
  panToShow,
  screenToFlowBox,
  useFitDrawing,
  useOverlaysCoverDrawing,
} from './viewport';

/** The ids of a selection, for comparisons. */
function selectionIds(s: Selection): string[] {
  return [...s.components, ...s.links, ...s.routes];
}

/**
 * Fits the drawing to the canvas, clear of the overlays: when the canvas mounts, when another
 * document is opened, when a panel folds or opens or presentation starts or ends (the canvas
 * changed size), and whenever a fit is asked for (Arrange, Shift+1, menu, command palette).
 * Nothing else moves the view.
 */
export const ViewFit = memo(function ViewFit({
  store,
  setFitted,
}: {
  readonly store: EditorStore;
  /** False from a document's opening until its first fit: the canvas hides the drawing meanwhile. */
  readonly setFitted: (fitted: boolean) => void;
}) {
  const fit = useFitDrawing();
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      // Two frames: the grid reflows first, then React Flow measures its size and the nodes.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          fit(fitOptionsFor(store.getState().layout.presenting));
          setFitted(true);
        });
      });
    };
    schedule();
    const unsubscribe = store.subscribe((state, prev) => {
      const opened = justOpened(state, prev);
      if (opened) setFitted(false);
      if (opened || state.layout !== prev.layout || state.fitRequests !== prev.fitRequests) schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, fit, setFitted]);
  return null;
});

/** When the minimap is switched on over the drawing, the drawing is fitted clear of it. */
export const KeepMinimapClear = memo(function KeepMinimapClear({
  minimap,
  store,
}: {
  readonly minimap: boolean;
  readonly store: EditorStore;
}) {
  const covered = useOverlaysCoverDrawing();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!minimap) return;
    const frame = requestAnimationFrame(() => {
      if (covered()) store.getState().requestFit();
    });
    return () => cancelAnimationFrame(frame);
  }, [minimap, covered, store]);
  return null;
});

/**
 * Brings elements into view when asked from outside the canvas. A "go to" from the problems
 * panel (`revealRequest`) centres on the elements. Selecting existing elements elsewhere (a
 * peer in the inspector) pans as little as shows them, only when they are not in view. New
 * components (a drop, a keyboard add, a paste) never move the view: a drop lands where it was
 * released, and a keyboard add finds its own room in view.
 */
export const RevealSelection = memo(function RevealSelection({
  store,
  selecting,
}: {
  readonly store: EditorStore;
  readonly selecting: RefObject<boolean>;
}) {
  const rf = useReactFlow();
  const api = useStoreApi();
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.project === null) return;
        const { width, height, transform } = api.getState();
        const [tx, ty, zoom] = transform;
        if (state.revealRequest !== prev.revealRequest && state.revealRequest !== null) {
          const box = elementsBounds(state.project, state.revealRequest.refs);
          if (!box) return;
          const target = Math.min(Math.max(zoom, 1), 1.25);
          if (box.w * target > width * 0.8 || box.h * target > height * 0.8) {
            void rf.fitBounds({ x: box.x, y: box.y, width: box.w, height: box.h }, { padding: 0.2, duration: 300 });
          } else {
            void rf.setCenter(box.x + box.w / 2, box.y + box.h / 2, { zoom: target, duration: 300 });
          }
          return;
        }
        // Only a selection made elsewhere, of elements that already were there.
        if (state.selection === prev.selection || selecting.current || state.project !== prev.project) return;
        const before = new Set(selectionIds(prev.selection));
        const added = selectionIds(state.selection).filter((id) => !before.has(id));
        if (added.length === 0) return;
        const refs: ElementRef[] = [
          ...state.selection.components.map((id) => ({ type: 'component' as const, id })),
          ...state.selection.links.map((id) => ({ type: 'link' as const, id })),
          ...state.selection.routes.map((id) => ({ type: 'route' as const, id })),
        ].filter((r) => added.includes(r.id));
        const box = elementsBounds(state.project, refs);
        if (!box) return;
        const view = screenToFlowBox({ x: 24, y: 24, width: width - 48, height: height - 48 }, { x: tx, y: ty, zoom });
        const shift = panToShow(view, box);
        if (shift.x === 0 && shift.y === 0) return;
        void rf.setViewport({ x: tx - shift.x * zoom, y: ty - shift.y * zoom, zoom }, { duration: 200 });
      }),
    [store, rf, api, selecting],
  );
  return null;
});
