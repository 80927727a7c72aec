/**
 * Accessibility of the built editor in Chromium: axe-core (the engine behind Lighthouse's and
 * the browser extensions' audits) finds no WCAG 2.1 A/AA or best-practice violation on any
 * screen, in the light and the dark theme; and a keyboard-only walkthrough reaches every panel
 * and dialog, with an accessible name on everything that takes focus.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needChromium, saveScreenshot, type WatchedPage } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

interface Violation {
  readonly id: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe on the page as it is now. The source goes in through the DevTools protocol
 * (`evaluate`), which the page's Content-Security-Policy does not govern — the app's own CSP
 * stays as shipped.
 */
async function audit(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { runOnly: { type: 'tag', values: tags } })) as {
      violations: { id: string; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
}

function report(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.id} (${v.help}): ${v.targets.join(' | ')}`).join('\n');
}

/** The focused element: its accessible-name ingredients and the landmark or dialog it is in. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (labelled
        ? labelled
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : null) ??
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
        ? (el.labels?.[0]?.textContent ?? el.getAttribute('placeholder') ?? el.title)
        : (el.textContent ?? el.title));
    const area = el.closest(
      '[role="dialog"], aside, main, [data-testid="titlebar"], [role="region"], section[aria-label]',
    );
    return {
      tag: el.tagName.toLowerCase(),
      name: (name ?? '').trim(),
      area: area
        ? (area.getAttribute('aria-label') ??
          document.getElementById(area.getAttribute('aria-labelledby') ?? '')?.textContent ??
          area.getAttribute('data-testid') ??
          area.tagName)
        : 'page',
    };
  });
}

describe.skipIf(chromium.skip)('accessibility in Chromium (built renderer)', () => {
  const session = editorSession();

  async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<WatchedPage> {
    const watched = await session.open({ colorScheme });
    await expect.poll(() => watched.page.getByTestId('template-manual').count()).toBe(1);
    return watched;
  }
  const done = session.done;

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no violation on any screen (${scheme} theme)`, async () => {
      const watched = await open(scheme);
      const { page } = watched;
      const screens: [string, () => Promise<void>][] = [
        ['welcome', async () => {}],
        [
          'editor',
          async () => {
            await page.getByTestId('template-manual').click();
            await expect.poll(() => page.getByTestId('node-nextauth').count()).toBe(1);
            // At 1440×900 the editor folds the side panels to their rails and the quiet problems
            // panel to its strip: that is the editor as first seen.
            await expect.poll(() => page.getByTestId('rail-palette').count()).toBe(1);
            expect(await page.getByTestId('rail-inspector').count()).toBe(1);
            expect(await page.getByTestId('fold-problems').getAttribute('aria-expanded')).toBe('false');
          },
        ],
        [
          'panels opened from their rails, the inspector with routes and a problem',
          async () => {
            await page.getByRole('button', { name: 'Show palette' }).click();
            await page.getByRole('button', { name: 'Show inspector' }).click();
            await page.getByRole('button', { name: 'Show problems panel' }).click();
            await expect.poll(() => page.getByTestId('palette').count()).toBe(1);
            await page.getByTestId('node-proxy').click();
            await page.getByTestId('route-delete-ws').click();
            await expect.poll(() => page.locator('[data-testid="problem"][data-rule="NA010"]').isVisible()).toBe(true);
          },
        ],
        [
          'export dialog',
          async () => {
            await page.getByTestId('open-export').click();
            await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
          },
        ],
        [
          'command palette',
          async () => {
            await page.keyboard.press('Escape');
            await page.keyboard.press('Control+k');
            await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
          },
        ],
        [
          'folded panels',
          async () => {
            await page.keyboard.press('Escape');
            await page.getByRole('button', { name: 'Hide palette' }).click();
            await page.getByRole('button', { name: 'Hide inspector' }).click();
            // The strip now counts an error (and the template's note that nextAuth's version is not pinned).
            await page.getByRole('button', { name: 'Hide problems panel' }).click();
            await expect.poll(() => page.getByTestId('problems-counts').textContent()).toBe('1 error · 1 info');
          },
        ],
        [
          'presentation',
          async () => {
            await page.keyboard.press('F5');
            await expect.poll(() => page.getByTestId('presentation-bar').count()).toBe(1);
          },
        ],
      ];
      for (const [screen, reach] of screens) {
        await reach();
        await page.waitForTimeout(150);
        const violations = await audit(page);
        expect(violations, `${screen} (${scheme}):\n${report(violations)}`).toEqual([]);
      }
      await done(watched);
    }, 90_000);
  }

  it('keyboard only: open a template, reach every panel, add a component, use both dialogs', async () => {
    const watched = await open();
    const { page } = watched;

    // Welcome: Tab reaches the template cards; Enter opens one.
    let onCard = false;
    for (let i = 0; i < 20 && !onCard; i++) {
      await page.keyboard.press('Tab');
      onCard = (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'template-manual';
    }
    expect(onCard).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('node-nextauth').count()).toBe(1);

    // At 1440×900 the editor folded the palette and the inspector to their rails and the quiet
    // problems panel to its strip: Tab reaches each one's "Show" button, Enter opens the panel.
    for (const show of ['Show palette', 'Show inspector', 'Show problems panel']) {
      let onButton = false;
      for (let i = 0; i < 400 && !onButton; i++) {
        await page.keyboard.press('Tab');
        onButton = (await focused(page))?.name === show;
      }
      expect(onButton, `Tab never reached "${show}"`).toBe(true);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.getByTestId('palette').count()).toBe(1);
    await expect.poll(() => page.getByRole('complementary', { name: 'Inspector' }).count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="problem"][data-rule="NA052"]').isVisible()).toBe(true);

    // Tab through the whole editor once round: every stop is named, every panel is reached.
    const areas = new Set<string>();
    const unnamed: string[] = [];
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now === null) continue;
      areas.add(now.area);
      if (now.name === '') unnamed.push(`${now.tag} in ${now.area}`);
      if (areas.size >= 5 && now.area === 'titlebar') break;
    }
    expect(unnamed, unnamed.join('\n')).toEqual([]);
    for (const area of ['titlebar', 'Palette', 'Diagram', 'Problems', 'Inspector']) {
      expect([...areas], `Tab never reached ${area}`).toContain(area);
    }

    // The palette adds at the centre of the view with Enter.
    const before = await page.locator('.react-flow__node-component').count();
    await page.getByRole('searchbox').focus();
    await page.keyboard.type('redis sentinel');
    await expect.poll(() => page.locator('[data-palette-item]').count()).toBe(1);
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-kind')))
      .toBe('redis-sentinel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(before + 1);

    // Command palette: focus in its input, Escape closes it and gives focus back.
    await page.keyboard.press('Control+k');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null))
      .toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // Export dialog: focus stays inside while tabbing, Escape closes.
    await page.keyboard.press('Control+e');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    const inDialog = () => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
    await expect.poll(inDialog).toBe(true);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
      expect(await inDialog(), `focus left the export dialog after ${i + 1} presses`).toBe(true);
    }
    await saveScreenshot(page, 'a11y-export-keyboard');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await done(watched);
  }, 90_000);
});
