import { describe, expect, it } from 'vitest';
import { saveProject } from '../../../shared/format/index';
import {
  fitZoom,
  MIN_READABLE_ZOOM,
  panelsToFold,
  sidePanelWidths,
  type FoldInput,
} from '../../../renderer/src/editor/layout';
import { createEditorStore, DEFAULT_LAYOUT } from '../../../renderer/src/store/editor';
import { template } from '../../support/fixtures';

const NONE = { palette: false, inspector: false };
const input = (windowWidth: number, width: number, height = 300, canvasHeight?: number): FoldInput => ({
  windowWidth,
  drawing: { width, height },
  panels: sidePanelWidths(windowWidth),
  ...(canvasHeight === undefined ? {} : { canvasHeight }),
});

describe('panelsToFold: side panels give way when small text cannot hold', () => {
  it('is 11 px for 12 px text', () => {
    expect(MIN_READABLE_ZOOM * 12).toBeCloseTo(11);
  });

  it('folds nothing when the fit is readable with both panels open', () => {
    // 1440 − 264 − 340 = 836 px of canvas; 836 − 48 = 788 ≥ 800 × 11/12.
    expect(panelsToFold(input(1440, 800))).toEqual(NONE);
    expect(panelsToFold(input(1920, 1000))).toEqual(NONE);
  });

  it('folds the inspector first (the wider), then the palette too', () => {
    // Inspector folded: 1440 − 264 − 40 − 48 = 1088 px for the drawing.
    expect(panelsToFold(input(1440, 1100))).toEqual({ palette: false, inspector: true });
    // Both folded: 1440 − 80 − 48 = 1312 px.
    expect(panelsToFold(input(1440, 1300))).toEqual({ palette: true, inspector: true });
    // On a wide window the same drawing keeps both panels.
    expect(panelsToFold(input(1920, 1150))).toEqual(NONE);
  });

  it('keeps the zoom it promises, and gives the drawing the most room when nothing makes it readable', () => {
    const all = [
      NONE,
      { palette: true, inspector: false },
      { palette: false, inspector: true },
      { palette: true, inspector: true },
    ];
    for (const width of [600, 900, 1100, 1250, 1300, 1400, 4000]) {
      const fold = panelsToFold(input(1440, width));
      const zoom = fitZoom(input(1440, width), fold);
      if (zoom >= MIN_READABLE_ZOOM) continue;
      // Unreadable whatever folds: the largest text this window allows.
      for (const other of all)
        expect(zoom, `width ${width}`).toBeGreaterThanOrEqual(fitZoom(input(1440, width), other));
      expect(fold, `width ${width}`).toEqual({ palette: true, inspector: true });
    }
  });

  it('does not fold for nothing: a drawing too tall to read gains nothing from width', () => {
    // Height-bound at (630 − 120) / 1200 = 0.425 whatever the panels do.
    expect(panelsToFold(input(1440, 900, 1200, 630))).toEqual(NONE);
    // Width-bound, and folding the inspector makes it readable: only that one.
    const wide = input(1440, 1100, 500, 630);
    expect(fitZoom(wide, NONE)).toBeLessThan(MIN_READABLE_ZOOM);
    expect(panelsToFold(wide)).toEqual({ palette: false, inspector: true });
    // Readable width, unreadable height: nothing folds.
    expect(panelsToFold(input(1440, 1100, 700, 630))).toEqual(NONE);
  });

  it('keeps the panels the user decided by hand', () => {
    // The user folded the palette: that already gives the room, the inspector stays.
    expect(panelsToFold({ ...input(1440, 1020), fixed: { palette: true } })).toEqual({
      palette: true,
      inspector: false,
    });
    // The user opened the inspector: only the palette can go, and it goes when that is enough.
    expect(panelsToFold({ ...input(1440, 1000), fixed: { inspector: false } })).toEqual({
      palette: true,
      inspector: false,
    });
    // Not enough even so: the palette still goes (the most room there is), the inspector stays.
    expect(panelsToFold({ ...input(1440, 1300), fixed: { inspector: false } })).toEqual({
      palette: true,
      inspector: false,
    });
  });

  it('widens the panels on wide windows, like editor.css', () => {
    expect(sidePanelWidths(1440)).toEqual({ palette: 264, inspector: 340, rail: 40 });
    expect(sidePanelWidths(1920)).toEqual({ palette: 288, inspector: 380, rail: 40 });
  });
});

describe('the store tracks who folded a side panel', () => {
  const opened = () => {
    const store = createEditorStore();
    const project = template('manual');
    store.getState().open(project, 'manual.portolan.yaml', saveProject(project));
    return store;
  };
  const BOTH = { palette: true, inspector: true };

  it('folds and reopens automatically the panels nobody touched', () => {
    const store = opened();
    store.getState().fitPanels(BOTH);
    expect(store.getState().layout.panels).toEqual({ palette: false, inspector: false, problems: true });
    store.getState().fitPanels(NONE);
    expect(store.getState().layout).toEqual(DEFAULT_LAYOUT);
    const same = store.getState().layout;
    store.getState().fitPanels(NONE);
    expect(store.getState().layout).toBe(same);
  });

  it('never reopens a panel folded by hand, even in another document', () => {
    const store = opened();
    store.getState().togglePanel('palette', false);
    store.getState().fitPanels(NONE);
    expect(store.getState().layout.panels.palette).toBe(false);
    const project = template('ha');
    store.getState().open(project, null);
    store.getState().fitPanels(NONE);
    expect(store.getState().layout.panels.palette).toBe(false);
    expect(store.getState().panelIntent.palette).toBe('folded');
  });

  it('leaves a panel opened by hand open until another document is opened', () => {
    const store = opened();
    store.getState().fitPanels(BOTH);
    store.getState().togglePanel('inspector', true);
    store.getState().fitPanels(BOTH);
    expect(store.getState().layout.panels).toMatchObject({ palette: false, inspector: true });
    store.getState().open(template('default'), null);
    expect(store.getState().panelIntent.inspector).toBe('auto');
    store.getState().fitPanels(BOTH);
    expect(store.getState().layout.panels.inspector).toBe(false);
  });

  it('asks the canvas to move only for a "go to"; an added component is selected in the same update', () => {
    const store = opened();
    const updates: Array<{ components: number; selected: readonly string[] }> = [];
    store.subscribe((state) =>
      updates.push({ components: state.project!.components.length, selected: state.selection.components }),
    );
    store.getState().select({ components: ['redis'] });
    expect(store.getState().revealRequest).toBeNull();
    const id = store.getState().addComponent('redis-sentinel', { x: 0, y: 0 })!;
    expect(store.getState().revealRequest).toBeNull();
    // One update carries both the new component and its selection (no intermediate state).
    expect(updates.at(-1)).toEqual({ components: template('manual').components.length + 1, selected: [id] });
    expect(updates.at(-2)?.selected).toEqual(['redis']);
    store.getState().selectElements([{ type: 'component', id: 'mysql' }]);
    expect(store.getState().revealRequest?.refs).toEqual([{ type: 'component', id: 'mysql' }]);
  });
});
