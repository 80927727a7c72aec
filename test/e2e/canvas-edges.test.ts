/**
 * End-to-end: the canvas's edges, which it draws itself (renderer/src/canvas/EdgeLayer.tsx) in
 * one SVG instead of one React Flow edge each, selected as React Flow selected its own: a click
 * on the path selects the edge alone, Shift adds or takes away, a click on a component or on the
 * empty pane deselects edges, Enter selects a focused edge and Escape deselects it; a dragged
 * component's edges follow it, and drop where the drawing puts them.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { template } from '../support/fixtures';
import { needChromium, settleViewport, type WatchedPage } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

/** The ids of the edges drawn selected, sorted. */
const selectedEdges = (page: Page) =>
  page.locator('.react-flow__edge.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());

/**
 * A point on an edge's drawn path (screen px) where the edge itself takes the pointer: not
 * under a node or a label.
 */
async function pointOnEdge(page: Page, id: string): Promise<{ x: number; y: number }> {
  const found = await page.evaluate((edgeId) => {
    const g = [...document.querySelectorAll('.react-flow__edge')].find((e) => e.getAttribute('data-id') === edgeId);
    const path = g?.querySelector<SVGPathElement>('.react-flow__edge-path');
    const m = path?.getScreenCTM();
    if (!g || !path || !m) return null;
    const length = path.getTotalLength();
    for (let i = 1; i < 40; i++) {
      const p = path.getPointAtLength((length * i) / 40);
      const x = m.a * p.x + m.c * p.y + m.e;
      const y = m.b * p.x + m.d * p.y + m.f;
      if (g.contains(document.elementFromPoint(x, y))) return { x, y };
    }
    return null;
  }, id);
  if (!found) throw new Error(`no point of edge ${id} takes the pointer`);
  return found;
}

/** An empty point of the pane (what a click on the background hits). */
async function emptyPoint(page: Page): Promise<{ x: number; y: number }> {
  const found = await page.evaluate(() => {
    const box = document.querySelector('.react-flow')!.getBoundingClientRect();
    for (let y = box.top + 120; y < box.bottom - 60; y += 17)
      for (let x = box.left + 40; x < box.right - 40; x += 17)
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    return null;
  });
  if (!found) throw new Error('no empty point of the pane');
  return found;
}

describe.skipIf(chromium.skip)('canvas edges in Chromium (built renderer)', () => {
  const session = editorSession();
  let watched: WatchedPage;
  const manual = template('manual');
  const [first, second] = manual.links;

  beforeAll(async () => {
    watched = await session.open();
    await watched.page.getByTestId('template-manual').click();
    await watched.page.locator('.react-flow__node-component').first().waitFor();
    await settleViewport(watched.page);
  });

  it('draws every link and route once, in one SVG, with React Flow’s markup and names', async () => {
    const { page } = watched;
    const ids = [...manual.links.map((l) => l.id), ...manual.routes.map((r) => `route:${r.id}`)];
    expect(await page.locator('.react-flow__edges svg.pl-edge-layer').count()).toBe(1);
    expect(await page.locator('.pl-edge-layer > .react-flow__edge').count()).toBe(ids.length);
    for (const id of ids) {
      const edge = page.getByTestId(`rf__edge-${id}`);
      expect(await edge.count(), id).toBe(1);
      expect(await edge.getAttribute('aria-roledescription')).toBe('edge');
      expect(await edge.getAttribute('tabindex')).toBe('0');
      // Named for assistive technology, and described as React Flow describes its edges.
      expect((await edge.getAttribute('aria-label'))?.length ?? 0, id).toBeGreaterThan(0);
      const described = (await edge.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`[id="${described}"]`).count(), id).toBe(1);
    }
  });

  it('a click on a path selects the edge alone; Shift adds and takes away; a component or the pane deselects', async () => {
    const { page } = watched;
    const a = await pointOnEdge(page, first!.id);
    await page.mouse.click(a.x, a.y);
    await expect.poll(() => selectedEdges(page)).toEqual([first!.id]);
    expect(await page.locator(`.pl-clabel[data-edge="${first!.id}"]`).getAttribute('class')).toContain('is-selected');

    const b = await pointOnEdge(page, second!.id);
    await page.keyboard.down('Shift');
    await page.mouse.click(b.x, b.y);
    await expect.poll(() => selectedEdges(page)).toEqual([first!.id, second!.id].sort());
    await page.mouse.click(a.x, a.y);
    await expect.poll(() => selectedEdges(page)).toEqual([second!.id]);
    await page.keyboard.up('Shift');

    // A click on the edge without Shift: it alone, again.
    await page.mouse.click(a.x, a.y);
    await expect.poll(() => selectedEdges(page)).toEqual([first!.id]);

    // Selecting a component deselects the edges (as it did with React Flow's own edges).
    await page.getByTestId(`node-${manual.components[0]!.id}`).click();
    await expect.poll(() => selectedEdges(page)).toEqual([]);
    expect(await page.getByTestId(`node-${manual.components[0]!.id}`).getAttribute('class')).toContain('is-selected');

    // And the empty pane deselects an edge.
    await page.mouse.click(a.x, a.y);
    await expect.poll(() => selectedEdges(page)).toEqual([first!.id]);
    const empty = await emptyPoint(page);
    await page.mouse.click(empty.x, empty.y);
    await expect.poll(() => selectedEdges(page)).toEqual([]);
  });

  it('from the keyboard: Enter selects the focused edge, Escape deselects it and lets go of the focus', async () => {
    const { page } = watched;
    const edge = page.getByTestId(`rf__edge-${second!.id}`);
    await edge.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => selectedEdges(page)).toEqual([second!.id]);
    await page.keyboard.press('Escape');
    await expect.poll(() => selectedEdges(page)).toEqual([]);
    expect(await edge.evaluate((e) => e === document.activeElement)).toBe(false);
  });

  it('a dragged component’s edges and labels follow it, and are drawn from its props once dropped', async () => {
    const { page } = watched;
    const link = manual.links.find((l) => l.to === first!.to)!;
    const target = page.getByTestId(`node-${link.to}`);
    const path = page.getByTestId(`rf__edge-${link.id}`).locator('.react-flow__edge-path');
    const label = page.locator(`.pl-clabel[data-edge="${link.id}"]`);
    const before = await path.getAttribute('d');
    const box = (await target.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2, box.y + 10 + i * 8);
    // Mid-drag: the path moved with the component, the label by a transform.
    await expect.poll(() => path.getAttribute('d')).not.toBe(before);
    await expect.poll(() => label.evaluate((e) => e.style.transform)).not.toBe('');
    await page.mouse.up();
    // Dropped: the label is placed by its box again, the path is the drop's.
    await expect.poll(() => label.evaluate((e) => e.style.transform)).toBe('');
    expect(await path.getAttribute('d')).not.toBe(before);
    await page.keyboard.press('Control+z');
    await expect.poll(() => path.getAttribute('d')).toBe(before);
  });

  it('saw no console errors', async () => {
    await session.done(watched);
  });
});
