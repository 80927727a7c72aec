/**
 * End-to-end: the editor's layout for a meeting room — panels that fold away, presentation
 * mode, both screen sizes the issue names, and the dark theme that follows the system. Saves a
 * screenshot of each under test-results/ (open them: they are what the customer sees).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needChromium, saveScreenshot, settleViewport, type PageOptions, type WatchedPage } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

/** The canvas zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const match = /scale\(([\d.]+)\)/.exec(style);
  if (!match) throw new Error(`no scale in viewport style: ${style}`);
  return Number(match[1]);
}

/** The smallest rendered text on the component nodes, in screen pixels (font size × zoom). */
async function smallestNodeText(page: Page): Promise<number> {
  const scale = await zoom(page);
  const sizes = await page.locator('.react-flow__node-component').evaluateAll((nodes) => {
    const result: number[] = [];
    for (const node of nodes) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (!text.textContent?.trim() || !text.parentElement) continue;
        const style = getComputedStyle(text.parentElement);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        result.push(parseFloat(style.fontSize));
      }
    }
    return result;
  });
  expect(sizes.length).toBeGreaterThan(0);
  return Math.min(...sizes) * scale;
}

/** Which panels are open, read from their fold buttons (`aria-expanded`); not while presenting. */
async function openPanels(page: Page): Promise<Record<'palette' | 'inspector' | 'problems', boolean>> {
  const open = async (panel: string) =>
    (await page.getByTestId(`fold-${panel}`).getAttribute('aria-expanded')) === 'true';
  return { palette: await open('palette'), inspector: await open('inspector'), problems: await open('problems') };
}

/** Relative luminance of a CSS `rgb(...)` colour (0 black … 1 white). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe.skipIf(chromium.skip)('editor layout in Chromium (built renderer)', () => {
  const session = editorSession();

  /** Opens a template in a fresh page; the caller closes it (errors are asserted there). */
  async function openTemplate(template: string, options: PageOptions = {}): Promise<WatchedPage> {
    const watched = await session.open(options);
    await watched.page.getByTestId(`template-${template}`).click();
    await expect.poll(() => watched.page.getByTestId('node-nextauth').count()).toBe(1);
    await settleViewport(watched.page);
    return watched;
  }
  const done = session.done;

  it('folding the side panels gives the diagram the room, and the keyboard brings them back', async () => {
    const watched = await openTemplate('manual');
    const { page } = watched;
    // At 1440×900 the editor has already folded the palette and the inspector to their rails,
    // and the problems panel (nothing to show) to its strip, so the text holds at fit.
    expect(await openPanels(page)).toEqual({ palette: false, inspector: false, problems: false });
    expect(await page.getByTestId('rail-palette').isVisible()).toBe(true);
    expect(await page.getByTestId('rail-inspector').isVisible()).toBe(true);
    expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(11);
    const autoFolded = await zoom(page);

    // Opened by hand from their rails, the panels stay open and take their room from the diagram.
    await page.getByRole('button', { name: 'Show palette' }).click();
    await page.getByRole('button', { name: 'Show inspector' }).click();
    await page.getByRole('button', { name: 'Show problems panel' }).click();
    await settleViewport(page);
    expect(await openPanels(page)).toEqual({ palette: true, inspector: true, problems: true });
    const before = await zoom(page);
    expect(before).toBeLessThan(autoFolded);

    await page.getByRole('button', { name: 'Hide palette' }).click();
    await page.getByRole('button', { name: 'Hide inspector' }).click();
    await page.getByRole('button', { name: 'Hide problems panel' }).click();
    await settleViewport(page);
    await expect.poll(() => page.getByTestId('palette').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show palette' }).getAttribute('aria-expanded')).toBe('false');
    // Folded, the problems strip keeps its counts so errors are still seen.
    await expect.poll(() => page.getByTestId('problems-counts').isVisible()).toBe(true);
    const folded = await zoom(page);
    expect(folded).toBeGreaterThan(before * 1.15);
    // Folded by hand, the diagram has the same room as the editor gave it by folding.
    expect(folded).toBeCloseTo(autoFolded, 3);
    await saveScreenshot(page, 'layout-folded-1440');

    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Control+Alt+b');
    await page.keyboard.press('Control+j');
    await expect.poll(() => page.getByTestId('palette').count()).toBe(1);
    // Open, the panel lists the template's one note (NA052: nextAuth's version is not pinned).
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Problems' })
          .locator('[data-testid="problem"][data-rule="NA052"]')
          .isVisible(),
      )
      .toBe(true);
    await expect.poll(() => page.getByRole('complementary', { name: 'Inspector' }).count()).toBe(1);
    await done(watched);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    for (const template of ['default', 'manual', 'ha']) {
      it(`presents ${template} at ${viewport.width}×${viewport.height}: the diagram alone, labels readable, Esc restores the editor`, async () => {
        const watched = await openTemplate(template, { viewport });
        const { page } = watched;
        const editing = await openPanels(page);
        if (viewport.width === 1440) {
          // Too narrow for the diagram with the panels open: the editor folded them all.
          expect(editing).toEqual({ palette: false, inspector: false, problems: false });
        } else {
          expect(editing.palette, 'the palette has room at 1920×1080').toBe(true);
        }
        await page.keyboard.press('F5');
        await expect.poll(() => page.getByTestId('presentation-bar').count()).toBe(1);
        await settleViewport(page);
        for (const gone of ['titlebar', 'palette', 'rail-palette', 'rail-inspector', 'problems-panel', 'layout-all']) {
          expect(await page.getByTestId(gone).isVisible(), gone).toBe(false);
        }
        // 10 px text at ≥ 90 % zoom: readable from across a meeting table on a shared screen.
        expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(9);
        await saveScreenshot(page, `present-${template}-${viewport.width}`);

        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByTestId('presentation-bar').count()).toBe(0);
        await expect.poll(() => page.getByTestId('titlebar').count()).toBe(1);
        // The editor comes back as it was before presenting: the same panels open, the same folded.
        await expect.poll(() => page.getByTestId('palette').count()).toBe(editing.palette ? 1 : 0);
        expect(await openPanels(page)).toEqual(editing);
        if (template === 'manual') await saveScreenshot(page, `editor-manual-${viewport.width}`);
        await done(watched);
      });
    }
  }

  it('Shift+1 and the command palette fit the diagram to the view again', async () => {
    const watched = await openTemplate('manual');
    const { page } = watched;
    const fitted = await zoom(page);
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await settleViewport(page);
    expect(await zoom(page)).toBeGreaterThan(fitted * 1.1);

    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Shift+Digit1');
    await settleViewport(page);
    expect(await zoom(page)).toBeCloseTo(fitted, 2);

    await page.locator('.react-flow__controls-zoomin').click();
    await settleViewport(page);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Fit the diagram');
    await page.keyboard.press('Enter');
    await settleViewport(page);
    expect(await zoom(page)).toBeCloseTo(fitted, 2);
    await done(watched);
  });

  it('follows a dark system theme: editor, problems and export dialog', async () => {
    const watched = await openTemplate('manual', { colorScheme: 'dark' });
    const { page } = watched;
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(luminance(background)).toBeLessThan(0.05);
    const text = await page
      .getByTestId('titlebar')
      .getByTestId('project-name')
      .evaluate((el) => getComputedStyle(el).color);
    // WCAG AA contrast for body text.
    expect((luminance(text) + 0.05) / (luminance(background) + 0.05)).toBeGreaterThan(4.5);

    // A problem, so the dark severity colours show too: the route is deleted in the inspector,
    // and the problem is read in the problems panel (both folded by the editor at 1440×900).
    await page.getByRole('button', { name: 'Show inspector' }).click();
    await page.getByTestId('node-proxy').click();
    await page.getByTestId('route-delete-ws').click();
    await page.getByRole('button', { name: 'Show problems panel' }).click();
    await expect.poll(() => page.locator('[data-testid="problem"][data-rule="NA010"]').isVisible()).toBe(true);
    await settleViewport(page);
    await saveScreenshot(page, 'dark-editor-1440');

    await page.getByTestId('open-export').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.waitForTimeout(200);
    const dialogBg = await page.getByRole('dialog').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(luminance(dialogBg)).toBeLessThan(0.05);
    await saveScreenshot(page, 'dark-export-1440');
    await done(watched);
  });

  it('the welcome view follows the dark theme too', async () => {
    const watched = await session.open({ colorScheme: 'dark' });
    await expect.poll(() => watched.page.getByTestId('template-default').count()).toBe(1);
    await saveScreenshot(watched.page, 'dark-welcome-1440');
    await done(watched);
  });
});
