/**
 * End-to-end: calm interaction on the canvas of the BUILT renderer (`npm run build:app`) in
 * Debian's Chromium. A drop lands where it was released and the view stays put; keyboard-adds
 * find free room in view; Arrange refits the drawing clear of every overlay (legend, toolbar,
 * zoom controls, minimap, attribution); the empty canvas invites the first step; the side
 * panels fold for a diagram that would not be readable, and respect what the user folded.
 * Screenshots: test-results/interaction-{1440x900,1920x1080}-{light,dark}.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NODE_HEADER } from '../../shared/diagram/metrics';
import {
  needChromium,
  overlaps,
  saveScreenshot,
  settleViewport,
  type PageOptions,
  type Rect,
} from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

const inside = (a: Rect, b: Rect) =>
  a.x >= b.x - 0.5 &&
  a.y >= b.y - 0.5 &&
  a.x + a.width <= b.x + b.width + 0.5 &&
  a.y + a.height <= b.y + b.height + 0.5;

/** React Flow's viewport transform, as written in its style. */
const transform = (page: Page) => page.locator('.react-flow__viewport').getAttribute('style');

async function zoom(page: Page): Promise<number> {
  const style = (await transform(page)) ?? '';
  const match = /scale\(([\d.]+)\)/.exec(style);
  if (!match) throw new Error(`no scale in viewport style: ${style}`);
  return Number(match[1]);
}

const rects = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-testid') ?? e.className, ...e.getBoundingClientRect().toJSON() })),
    ) as Promise<Array<Rect & { id: string }>>;

/** The overlays a fit must keep clear of, by name (only those shown). */
async function overlayRects(page: Page): Promise<Array<Rect & { id: string }>> {
  const named = {
    legend: '.pl-cv-legend-panel',
    toolbar: '.pl-canvas-toolbar',
    controls: '.react-flow__controls',
    minimap: '.react-flow__minimap',
    attribution: '.react-flow__attribution',
  };
  const found: Array<Rect & { id: string }> = [];
  for (const [id, selector] of Object.entries(named)) {
    for (const r of await rects(page, selector)) if (r.width > 0 && r.height > 0) found.push({ ...r, id });
  }
  return found;
}

async function expectDrawingClearOfOverlays(page: Page, what: string): Promise<void> {
  const nodes = await rects(page, '.react-flow__node-component');
  const overlays = await overlayRects(page);
  expect(overlays.map((o) => o.id)).toEqual(expect.arrayContaining(['legend', 'toolbar', 'controls', 'attribution']));
  for (const n of nodes)
    for (const o of overlays) expect(overlaps(n, o), `${what}: ${n.id} under the ${o.id}`).toBe(false);
}

describe.skipIf(chromium.skip)('calm interaction in Chromium (built renderer)', () => {
  const session = editorSession();

  async function openBlank(options: PageOptions = {}) {
    const watched = await session.open(options);
    await watched.page.getByTestId('blank-project').click();
    await watched.page.getByTestId('canvas-empty').waitFor();
    await settleViewport(watched.page);
    return watched;
  }

  async function openTemplate(template: string, options: PageOptions = {}) {
    const watched = await session.open(options);
    await watched.page.getByTestId(`template-${template}`).click();
    await watched.page.locator('.react-flow__node-component').first().waitFor();
    await settleViewport(watched.page);
    return watched;
  }

  it('the empty canvas invites the first step, and claims nothing', async () => {
    const watched = await openBlank();
    const { page } = watched;
    const empty = page.getByTestId('canvas-empty');
    expect(await empty.textContent()).toContain('Drag a component from the palette, or start from a template');
    expect(await page.getByTestId('problems-empty').textContent()).toContain('Nothing to check yet');
    expect(await page.getByTestId('problems-panel').textContent()).not.toContain('follows every documented rule');
    await page.getByTestId('empty-templates').click();
    await expect.poll(() => page.getByTestId('template-default').count()).toBe(1);
    await session.done(watched);
  });

  it('drops land where they are released and the view does not move; keyboard-adds find free room in view', async () => {
    const watched = await openBlank();
    const { page } = watched;
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const before = await transform(page);

    // The pointer holds a node by the middle of its header (NODE_HEADER px high at zoom 1);
    // drops snap to the 16 px grid, so the header's middle is within half a grid step of the pointer.
    const scale = await zoom(page);
    const tolerance = 8 * scale + 1.5;
    const drops = [
      { kind: 'nextauth', x: canvas.width * 0.3, y: canvas.height * 0.35 },
      { kind: 'database', x: canvas.width * 0.72, y: canvas.height * 0.6 },
    ];
    for (const [i, drop] of drops.entries()) {
      await page
        .getByTestId(`palette-item-${drop.kind}`)
        .dragTo(page.getByTestId('canvas'), { targetPosition: { x: drop.x, y: drop.y } });
      await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(i + 1);
      await settleViewport(page);
      expect(await transform(page), `the view moved after dropping ${drop.kind}`).toBe(before);
      const node = (await page.getByTestId(`node-${drop.kind}`).boundingBox())!;
      expect(Math.abs(node.x + node.width / 2 - (canvas.x + drop.x)), `${drop.kind} x`).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(node.y + (NODE_HEADER * scale) / 2 - (canvas.y + drop.y)), `${drop.kind} y`).toBeLessThanOrEqual(
        tolerance,
      );
    }

    // Three keyboard-adds (Enter on a palette item): each in a free spot of the view.
    for (const kind of ['redis', 'reverse-proxy', 'mobile-app']) {
      await page.getByTestId(`palette-item-${kind}`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId(`node-${kind}`).count()).toBe(1);
    }
    await settleViewport(page);
    expect(await transform(page), 'the view moved for a keyboard-add although there was room').toBe(before);
    const nodes = await rects(page, '.react-flow__node-component');
    expect(nodes).toHaveLength(5);
    const view = (await page.getByTestId('canvas').boundingBox())!;
    nodes.forEach((a, i) => {
      expect(inside(a, view), `${a.id} in view`).toBe(true);
      nodes.forEach((b, j) => {
        if (j > i) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
      });
    });
    // Nor under an overlay.
    for (const n of nodes)
      for (const o of await overlayRects(page)) expect(overlaps(n, o), `${n.id} / ${o.id}`).toBe(false);
    await session.done(watched);
  });

  it('a keyboard-add into a full view pans as little as shows the new component', async () => {
    const watched = await openTemplate('ha');
    const { page } = watched;
    // The editor may have folded the palette for the drawing's room: open it, as a user would.
    if ((await page.getByTestId('palette').count()) === 0) {
      await page.getByRole('button', { name: 'Show palette' }).click();
      await page.getByTestId('palette-item-redis-sentinel').waitFor();
      await page.waitForTimeout(120);
      await settleViewport(page);
    }
    // Zoom in until the view is full of the drawing.
    for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomin').click();
    await settleViewport(page);
    const count = await page.locator('.react-flow__node-component').count();
    await page.getByTestId('palette-item-redis-sentinel').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(count + 1);
    await settleViewport(page);
    const added = page.locator('.react-flow__node-component', { hasText: 'Redis Sentinel' });
    const box = (await added.boundingBox())!;
    const view = (await page.getByTestId('canvas').boundingBox())!;
    expect(inside(box, view), 'the new component is in view').toBe(true);
    for (const n of await rects(page, '.react-flow__node-component'))
      if (n.id !== (await added.getAttribute('data-testid'))) expect(overlaps(box, n), n.id).toBe(false);
    await session.done(watched);
  });

  it('Arrange all refits the drawing clear of the legend, the toolbar, the controls, the minimap and the attribution', async () => {
    const watched = await openTemplate('ha');
    const { page } = watched;
    // Move the view away, then Arrange all: the drawing comes back, fitted.
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await settleViewport(page);
    const zoomedIn = await transform(page);
    await page.getByTestId('layout-all').click();
    await expect.poll(async () => (await transform(page)) !== zoomedIn).toBe(true);
    await settleViewport(page);
    await expectDrawingClearOfOverlays(page, 'after Arrange all');

    // The minimap (hidden by default, at every window width): shown over the drawing, the view refits.
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    await page.getByTestId('minimap-toggle').click();
    await expect.poll(() => page.locator('.react-flow__minimap').count()).toBe(1);
    await settleViewport(page);
    await expectDrawingClearOfOverlays(page, 'with the minimap');
    await page.getByTestId('layout-all').click();
    await settleViewport(page);
    await expectDrawingClearOfOverlays(page, 'Arrange all with the minimap');
    // The choice is remembered.
    expect(await page.evaluate(() => localStorage.getItem('portolan.minimap'))).toBe('shown');

    // The legend lets pointers through: a click on a node under it would still select it.
    expect(await page.locator('.pl-cv-legend-panel').evaluate((e) => getComputedStyle(e).pointerEvents)).toBe('none');
    // The attribution stays, small.
    const attribution = page.locator('.react-flow__attribution a');
    expect(await attribution.textContent()).toBe('React Flow');
    expect(parseFloat(await attribution.evaluate((e) => getComputedStyle(e).fontSize))).toBeLessThanOrEqual(10);
    await session.done(watched);
  });

  it('the side panels fold when the diagram needs the width, and never against the user', async () => {
    const wide = { width: 2560, height: 1440 };
    const watched = await openTemplate('manual', { viewport: wide });
    const { page } = watched;
    const shown = async () => ({
      palette: await page.getByTestId('palette').count(),
      inspector: await page.getByRole('complementary', { name: 'Inspector' }).count(),
    });
    const resize = async (width: number) => {
      await page.setViewportSize({ width, height: wide.height });
      await page.waitForTimeout(120);
      await settleViewport(page);
    };
    expect(await shown()).toEqual({ palette: 1, inspector: 1 });

    // Narrower and narrower: the inspector (the wider panel) folds first, the palette after it,
    // and a panel folds only where that makes the fitted drawing readable (12 px text ≥ 11 px).
    const seen: string[] = [];
    for (let width = 2400; width >= 1000; width -= 100) {
      await resize(width);
      const now = await shown();
      seen.push(`${now.palette}${now.inspector}`);
      if (now.palette === 0) expect(now.inspector, `palette folded before the inspector at ${width}`).toBe(0);
      if (now.palette === 0 || now.inspector === 0)
        expect(await zoom(page), `zoom at ${width}`).toBeGreaterThanOrEqual(11 / 12 - 0.005);
    }
    expect(seen, 'the inspector folded at some width').toContain('10');

    // Wide again: what folded by itself comes back.
    await resize(wide.width);
    await expect.poll(shown).toEqual({ palette: 1, inspector: 1 });

    // Folded by hand, the inspector stays folded whatever the width.
    await page.getByRole('button', { name: 'Hide inspector' }).click();
    for (const width of [1500, 1300, wide.width]) {
      await resize(width);
      expect((await shown()).inspector, `at ${width}`).toBe(0);
    }
    await session.done(watched);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const size = `${viewport.width}x${viewport.height}`;
      it(`looks right at ${size} (${colorScheme}): the fitted drawing clear of every overlay`, async () => {
        const watched = await openTemplate('ha', { viewport, colorScheme });
        const { page } = watched;
        // The minimap is hidden by default, however wide the window: the drawing gets the room.
        expect(await page.locator('.react-flow__minimap').count()).toBe(0);
        expect(await page.getByTestId('minimap-toggle').getAttribute('aria-pressed')).toBe('false');
        await expectDrawingClearOfOverlays(page, `${size} ${colorScheme}, opened`);
        // Hovering nothing, so the screenshot shows the canvas at rest.
        await page.mouse.move(1, viewport.height - 1);
        await saveScreenshot(page, `interaction-${size}-${colorScheme}`);
        await page.getByTestId('layout-all').click();
        await settleViewport(page);
        await page.waitForTimeout(300);
        await settleViewport(page);
        await expectDrawingClearOfOverlays(page, `${size} ${colorScheme}, arranged`);
        // Shown on demand, the minimap keeps clear of the drawing too (the view refits if needed).
        await page.getByTestId('minimap-toggle').click();
        await expect.poll(() => page.locator('.react-flow__minimap').count()).toBe(1);
        await page.waitForTimeout(150);
        await settleViewport(page);
        expect((await overlayRects(page)).map((o) => o.id)).toContain('minimap');
        await expectDrawingClearOfOverlays(page, `${size} ${colorScheme}, with the minimap`);
        await session.done(watched);
      });
    }
  }
});
