/**
 * The canvas viewport for the rest of the editor: fitting the drawing clear of the overlays,
 * finding room for a keyboard-added component, and the flow box of a set of elements. The pure
 * functions take plain numbers (unit-tested); the hooks read React Flow's store, so they must
 * run inside the same `<ReactFlowProvider>` as the canvas (EditorView provides one).
 */
import { useCallback } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { Position, Project } from '../../../shared/model/types';
import type { ElementRef } from '../../../shared/rules/types';
import { inflate, intersects, union } from '../../../shared/diagram/box';
import { outerBox as componentBox } from '../../../shared/diagram/nodes';
import type { Box } from '../../../shared/diagram/types';
import { routeEdgeId } from '../flow';
import type { EditorStore } from '../store/editor';
import { applyAutoLayout } from './layout';

/** The drag-and-drop payload the canvas accepts (the palette's `KIND_MIME`): a ComponentKind. */
export const DROP_MIME = 'application/x-portolan-kind';

/** localStorage key of the minimap switch: `shown` or `hidden`. */
export const MINIMAP_KEY = 'portolan.minimap';

/** The minimap starts hidden (it would cost the fitted drawing a band of its room) until shown. */
export function minimapShownInitially(stored: string | null): boolean {
  return stored === 'shown';
}

/** Auto-layout (the new components, or all of them), then a fit that shows the arranged drawing. */
export async function arrange(store: EditorStore, all: boolean): Promise<number> {
  const moved = await applyAutoLayout(store, { all });
  store.getState().requestFit();
  return moved;
}

/** A rectangle in flow units (px at zoom 1): shared/diagram's. */
export type { Box };

/** A rectangle in screen pixels, relative to the canvas's top-left corner. */
export interface ScreenRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** React Flow's viewport: the screen position of the flow origin, and the zoom. */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface FitOptions {
  /** Screen pixels kept free around the drawing on every side. */
  readonly margin: number;
  /** Screen pixels kept between the drawing and an overlay. */
  readonly gap: number;
  readonly minZoom: number;
  readonly maxZoom: number;
}

/**
 * How the view is fitted. Presenting allows a little more than 100 % so a small deployment
 * fills the screen of a meeting room; editing never zooms past 100 %.
 */
export function fitOptionsFor(presenting: boolean): FitOptions {
  return presenting
    ? { margin: 48, gap: 16, minZoom: 0.1, maxZoom: 1.5 }
    : { margin: 16, gap: 12, minZoom: 0.1, maxZoom: 1 };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** Where the drawing's near edge goes on one axis: centred on the canvas if the margins allow. */
function place(canvas: number, drawn: number, before: number, after: number): number {
  const centred = (canvas - drawn) / 2;
  const low = before;
  const high = canvas - after - drawn;
  // Too big for the free band (zoom at its minimum): centre it in the band.
  if (high < low) return (before + canvas - after - drawn) / 2;
  return clamp(centred, low, high);
}

/**
 * The viewport showing the whole drawing (`bounds`, flow units) as large as it can be without
 * any overlay (toolbar, legend, zoom controls, minimap, attribution — screen rects relative to
 * the canvas) covering it. Each overlay sits near an edge or a corner, so the drawing keeps
 * clear of it either below/above it (a band across the canvas) or beside it (a band down the
 * canvas); every combination is tried and the one allowing the largest zoom wins, the most
 * centred on a tie. Null for an empty drawing or a canvas not laid out yet.
 */
export function fitAvoiding(
  bounds: Box | null,
  canvas: Size,
  overlays: readonly ScreenRect[],
  options: FitOptions,
): Viewport | null {
  if (bounds === null || canvas.width <= 0 || canvas.height <= 0) return null;
  const w = Math.max(bounds.w, 1);
  const h = Math.max(bounds.h, 1);
  const { width: W, height: H } = canvas;
  // More than 10 overlays would be 1024+ combinations: the rest count as bands across the top/bottom.
  const solid = overlays.filter((o) => o.width > 0 && o.height > 0);
  const choices = solid.slice(0, 10);
  let best: { viewport: Viewport; offset: number } | null = null;
  for (let mask = 0; mask < 1 << choices.length; mask++) {
    let top = options.margin;
    let bottom = options.margin;
    let left = options.margin;
    let right = options.margin;
    solid.forEach((o, i) => {
      const across = i >= choices.length || (mask & (1 << i)) !== 0;
      if (across) {
        if (o.y + o.height / 2 < H / 2) top = Math.max(top, o.y + o.height + options.gap);
        else bottom = Math.max(bottom, H - o.y + options.gap);
      } else if (o.x + o.width / 2 < W / 2) left = Math.max(left, o.x + o.width + options.gap);
      else right = Math.max(right, W - o.x + options.gap);
    });
    const freeW = W - left - right;
    const freeH = H - top - bottom;
    if (freeW <= 0 || freeH <= 0) continue;
    const zoom = clamp(Math.min(freeW / w, freeH / h), options.minZoom, options.maxZoom);
    const sx = place(W, w * zoom, left, right);
    const sy = place(H, h * zoom, top, bottom);
    const offset = Math.hypot(sx - (W - w * zoom) / 2, sy - (H - h * zoom) / 2);
    const viewport = { x: sx - bounds.x * zoom, y: sy - bounds.y * zoom, zoom };
    if (
      best === null ||
      zoom > best.viewport.zoom + 1e-9 ||
      (Math.abs(zoom - best.viewport.zoom) <= 1e-9 && offset < best.offset - 1e-9)
    ) {
      best = { viewport, offset };
    }
  }
  if (best !== null) return best.viewport;
  // The overlays leave no band at all (a tiny canvas): fit with the margins alone.
  const zoom = clamp(
    Math.min((W - 2 * options.margin) / w, (H - 2 * options.margin) / h),
    options.minZoom,
    options.maxZoom,
  );
  return { x: (W - w * zoom) / 2 - bounds.x * zoom, y: (H - h * zoom) / 2 - bounds.y * zoom, zoom };
}

/** The flow-space rect a screen rect (canvas-relative) covers under a viewport. */
export function screenToFlowBox(rect: ScreenRect, viewport: Viewport): Box {
  return {
    x: (rect.x - viewport.x) / viewport.zoom,
    y: (rect.y - viewport.y) / viewport.zoom,
    w: rect.width / viewport.zoom,
    h: rect.height / viewport.zoom,
  };
}

const overlapping = intersects;
const grow = (b: Box, d: number): Box => inflate(b, d);

/**
 * How far the view must move (flow units; the view's top-left moves by `dx, dy`) so that `box`
 * is inside it: zero when it already is, else the least movement on each axis. A box larger
 * than the view is shown from its top-left.
 */
export function panToShow(view: Box, box: Box): Position {
  const axis = (v: number, vLen: number, b: number, bLen: number) => {
    if (bLen > vLen || b < v) return b - v;
    if (b + bLen > v + vLen) return b + bLen - (v + vLen);
    return 0;
  };
  return { x: axis(view.x, view.w, box.x, box.w), y: axis(view.y, view.h, box.y, box.h) };
}

export interface FreeSpotOptions {
  /** Flow units kept free between the new box and every obstacle. */
  readonly clearance?: number;
  /** Positions are multiples of the grid (the canvas snaps drops and drags to it). */
  readonly grid?: number;
  /** At most about this many candidate positions per axis (a coarser step beyond). */
  readonly maxSteps?: number;
}

/**
 * Where a box of `size` (flow units) goes when it is added without a pointer: the free spot
 * (no obstacle within `clearance`) inside `view` whose centre is nearest the view's centre;
 * when the view has no room, the free spot outside it that needs the least panning to show
 * (nearest the centre on a tie). Returns the box's top-left, on the grid.
 */
export function findFreeSpot(
  view: Box,
  size: { readonly w: number; readonly h: number },
  obstacles: readonly Box[],
  options: FreeSpotOptions = {},
): Position {
  const clearance = options.clearance ?? 24;
  const grid = options.grid ?? 16;
  const maxSteps = options.maxSteps ?? 240;
  const cx = view.x + view.w / 2;
  const cy = view.y + view.h / 2;
  // `+ 0`: never -0 (a document would save it as `-0`).
  const snapTo = (v: number, step: number) => Math.round(v / step) * step + 0;
  const free = (x: number, y: number) => {
    const box = grow({ x, y, w: size.w, h: size.h }, clearance);
    return !obstacles.some((o) => overlapping(box, o));
  };
  const centreDistance = (x: number, y: number) => Math.hypot(x + size.w / 2 - cx, y + size.h / 2 - cy);

  // Inside the view: every grid position whose box fits, nearest the centre first.
  // (Zoomed far out, a coarser multiple of the grid keeps the search small.)
  const viewStep = grid * Math.max(1, Math.ceil(Math.max(view.w, view.h) / grid / maxSteps));
  const inView: Array<{ x: number; y: number; d: number }> = [];
  const x0 = Math.ceil(view.x / viewStep) * viewStep + 0;
  const y0 = Math.ceil(view.y / viewStep) * viewStep + 0;
  for (let x = x0; x + size.w <= view.x + view.w; x += viewStep)
    for (let y = y0; y + size.h <= view.y + view.h; y += viewStep) inView.push({ x, y, d: centreDistance(x, y) });
  inView.sort((a, b) => a.d - b.d);
  for (const c of inView) if (free(c.x, c.y)) return { x: c.x, y: c.y };

  // Outside: a region reaching past every obstacle, where a free spot always exists.
  let region = grow(view, Math.max(size.w, size.h) + clearance);
  for (const o of obstacles) {
    const reach = grow(o, Math.max(size.w, size.h) + 2 * clearance + grid);
    const x = Math.min(region.x, reach.x);
    const y = Math.min(region.y, reach.y);
    region = {
      x,
      y,
      w: Math.max(region.x + region.w, reach.x + reach.w) - x,
      h: Math.max(region.y + region.h, reach.y + reach.h) - y,
    };
  }
  const step = grid * Math.max(1, Math.ceil(Math.max(region.w, region.h) / grid / maxSteps));
  const outside: Array<{ x: number; y: number; pan: number; d: number }> = [];
  for (let x = snapTo(region.x, step); x <= region.x + region.w; x += step)
    for (let y = snapTo(region.y, step); y <= region.y + region.h; y += step) {
      const shift = panToShow(view, { x, y, w: size.w, h: size.h });
      outside.push({ x, y, pan: Math.hypot(shift.x, shift.y), d: centreDistance(x, y) });
    }
  outside.sort((a, b) => a.pan - b.pan || a.d - b.d);
  for (const c of outside) if (free(c.x, c.y)) return { x: c.x, y: c.y };
  // Unreachable (the region's border is free by construction); keep the type total.
  return { x: snapTo(region.x + region.w, grid), y: snapTo(cy - size.h / 2, grid) };
}

/** Every React Flow panel over the canvas (and the presentation bar), canvas-relative. */
function overlayRects(state: ReactFlowState): ScreenRect[] {
  const root = state.domNode;
  if (!root) return [];
  const origin = root.getBoundingClientRect();
  const container = root.closest('.pl-editor__canvas') ?? root;
  const rects: ScreenRect[] = [];
  for (const el of container.querySelectorAll('.react-flow__panel, [data-canvas-overlay]')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue; // display: none (presenting)
    rects.push({ x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height });
  }
  return rects;
}

/** The flow box of every node React Flow holds (components and zone areas), or null. */
function nodeBoxes(state: ReactFlowState, only?: (type: string | undefined) => boolean): Box[] {
  const boxes: Box[] = [];
  for (const node of state.nodeLookup.values()) {
    if (only && !only(node.type)) continue;
    const w = node.measured.width ?? node.width ?? 0;
    const h = node.measured.height ?? node.height ?? 0;
    if (w === 0 || h === 0 || node.hidden) continue;
    const { x, y } = node.internals.positionAbsolute;
    boxes.push({ x, y, w, h });
  }
  return boxes;
}

/**
 * Fits the drawing to the canvas clear of the overlays (see `fitAvoiding`). Returns whether
 * there was anything to fit. Stable across renders.
 */
export function useFitDrawing(): (options: FitOptions & { readonly duration?: number }) => boolean {
  const api = useStoreApi();
  return useCallback(
    ({ duration, ...options }) => {
      const state = api.getState();
      const boxes = nodeBoxes(state);
      if (boxes.length === 0 || !state.panZoom) return false;
      const viewport = fitAvoiding(
        boxes.reduce(union),
        { width: state.width, height: state.height },
        overlayRects(state),
        options,
      );
      if (viewport === null) return false;
      void state.panZoom.setViewport(viewport, duration ? { duration } : undefined);
      return true;
    },
    [api],
  );
}

/** Whether any component node's screen box meets an overlay (after the minimap is shown, say). */
export function useOverlaysCoverDrawing(): () => boolean {
  const api = useStoreApi();
  return useCallback(() => {
    const state = api.getState();
    const [x, y, zoom] = state.transform;
    const covered = overlayRects(state).map((r) => screenToFlowBox(r, { x, y, zoom }));
    return nodeBoxes(state, (t) => t === 'component').some((n) => covered.some((o) => overlapping(n, o)));
  }, [api]);
}

/** Screen pixels kept between a keyboard-added component and the canvas border. */
const VIEW_INSET = 16;

/**
 * A function placing a new component of `size` (flow units) without a pointer: the free spot
 * nearest the centre of the view (clear of the nodes and of the overlays by 24 px), or, when
 * the view is full, the nearest one outside it — and then the view pans as little as shows it.
 * Null while no canvas is mounted. Stable across renders; call it at the moment of use.
 */
export function useFreeSpotInView(): (size: { readonly w: number; readonly h: number }) => Position | null {
  const api = useStoreApi();
  return useCallback(
    (size) => {
      const state = api.getState();
      const { domNode, width, height, transform, panZoom } = state;
      if (!domNode || width === 0 || height === 0) return null;
      const [tx, ty, zoom] = transform;
      const viewport = { x: tx, y: ty, zoom };
      const view = screenToFlowBox(
        { x: VIEW_INSET, y: VIEW_INSET, width: width - 2 * VIEW_INSET, height: height - 2 * VIEW_INSET },
        viewport,
      );
      const obstacles = [
        ...nodeBoxes(state, (t) => t === 'component'),
        ...overlayRects(state).map((r) => screenToFlowBox(r, viewport)),
      ];
      const spot = findFreeSpot(view, size, obstacles);
      const shift = panToShow(view, { ...spot, ...size });
      if ((shift.x !== 0 || shift.y !== 0) && panZoom) {
        void panZoom.setViewport({ x: tx - shift.x * zoom, y: ty - shift.y * zoom, zoom }, { duration: 200 });
      }
      return spot;
    },
    [api],
  );
}

/** The flow-space box covering the given elements (links and routes by both ends), or null. */
export function elementsBounds(project: Project, refs: readonly ElementRef[]): Box | null {
  const byId = new Map(project.components.map((c) => [c.id as string, c]));
  const boxes: Box[] = [];
  const addComponent = (id: string) => {
    const c = byId.get(id);
    if (c) boxes.push(componentBox(c));
  };
  for (const ref of refs) {
    if (ref.type === 'component') addComponent(ref.id);
    else if (ref.type === 'link') {
      const link = project.links.find((l) => l.id === ref.id);
      if (link) [link.from, link.to].forEach(addComponent);
    } else if (ref.type === 'route') {
      // A route id, or the id of the edge drawing a group of routes.
      const route = project.routes.find((r) => r.id === ref.id || routeEdgeId(r) === ref.id);
      if (route) [route.via, route.target].forEach(addComponent);
    } else if (ref.type === 'zone') {
      for (const c of project.components) if (c.zone === ref.id) boxes.push(componentBox(c));
    }
  }
  return boxes.length === 0 ? null : boxes.reduce(union);
}
