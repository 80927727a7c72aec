/**
 * End-to-end: host regions on the canvas and the palette's Host entry (issue 16), in the built
 * renderer. On the HA template, two hosts added from the palette by keyboard (the focus lands in
 * the new host's name field in the inspector; nothing is added to the canvas); nextauth put on
 * both draws two host regions whose boxes contain nextauth's box; axe on the palette and canvas.
 * Then the HA template on three hosts at 1440×900 and 1920×1080, light and dark, in the editor
 * and presenting: screenshots to /tmp/host-region-shots/ (PORTOLAN_HOST_SHOTS), to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { needChromium, settleViewport, showPanel, type Rect } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();
const SHOTS = process.env.PORTOLAN_HOST_SHOTS ?? '/tmp/host-region-shots';

const box = async (page: Page, selector: string): Promise<Rect> => {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`${selector} is not on the page`);
  return b;
};
const inside = (outer: Rect, inner: Rect): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

/** The region of `host` around `component` (its group's outline path). */
const regionOf = (host: string, component: string) =>
  `.pl-host[data-host="${host}"] .pl-host__group:is([data-members~="${component}"]) .pl-host__region`;

/** Adds a host with the palette's Host entry, from the keyboard. */
async function addHostFromPalette(page: Page): Promise<void> {
  await showPanel(page, 'palette');
  await page.getByTestId('palette-item-host').focus();
  await page.keyboard.press('Enter');
}

/** Ticks `hosts` under the component's "Runs on". */
async function runOn(page: Page, component: string, hosts: readonly string[]): Promise<void> {
  await page.getByTestId(`node-${component}`).click();
  await showPanel(page, 'inspector');
  for (const h of hosts) await page.getByTestId(`runs-on-${h}`).check();
}

describe.skipIf(chromium.skip)('host regions on the canvas (built renderer)', () => {
  const session = editorSession();

  it('adds hosts from the palette and draws nextauth inside both host regions', async () => {
    const watched = await session.open({ viewport: { width: 1440, height: 900 } });
    const { page } = watched;
    await page.getByTestId('template-ha').click();
    await page.locator('.react-flow__node-component').first().waitFor();
    const nodes = await page.locator('.react-flow__node-component').count();
    expect(await page.locator('.pl-host').count()).toBe(0);

    await addHostFromPalette(page);
    // The inspector shows the project's Hosts with the keyboard in the new host's name.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('host-name-host-1');
    await addHostFromPalette(page);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('host-name-host-2');
    expect(await page.locator('.react-flow__node-component').count(), 'a host is not a canvas node').toBe(nodes);
    // Everything runs on the first host until told otherwise: one region, the second host has none.
    await expect.poll(() => page.locator('.pl-host').count()).toBe(1);

    await runOn(page, 'nextauth', ['host-2']);
    await expect.poll(() => page.locator('.pl-host').count()).toBe(2);
    await settleViewport(page);
    const node = await box(page, '[data-testid="node-nextauth"]');
    for (const host of ['host-1', 'host-2']) {
      const region = await box(page, regionOf(host, 'nextauth'));
      expect(inside(region, node), `${host}'s region holds nextauth`).toBe(true);
      await expect
        .poll(() => page.locator(`.pl-host[data-host="${host}"] .pl-host__chip text`).first().textContent())
        .toBe(host);
    }
    // The second region nests around the first instead of drawing over it.
    expect(
      inside(await box(page, regionOf('host-2', 'nextauth')), await box(page, regionOf('host-1', 'nextauth'))),
    ).toBe(true);

    await showPanel(page, 'palette');
    expect(await axeViolations(page, '[data-testid="palette"]')).toEqual([]);
    expect(await axeViolations(page, '[data-testid="canvas"]')).toEqual([]);
    await session.done(watched);
  });

  for (const colorScheme of ['light', 'dark'] as const)
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1920, height: 1080 },
    ])
      it(`shows the HA template on three hosts at ${viewport.width}×${viewport.height} (${colorScheme})`, async () => {
        const watched = await session.open({ colorScheme, viewport });
        const { page } = watched;
        await page.getByTestId('template-ha').click();
        await page.locator('.react-flow__node-component').first().waitFor();
        for (let i = 0; i < 3; i++) await addHostFromPalette(page);
        await runOn(page, 'nextauth', ['host-2', 'host-3']);
        await runOn(page, 'redis-sentinel', ['host-2', 'host-3']);
        await expect.poll(() => page.locator('.pl-host').count()).toBe(3);
        // Nothing selected, as a customer would see it; the view fitted again.
        await page.keyboard.press('Escape');
        await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('Shift+1');
        await settleViewport(page);
        mkdirSync(SHOTS, { recursive: true });
        const name = `ha-3-hosts-${viewport.width}x${viewport.height}-${colorScheme}`;
        await page.screenshot({ path: join(SHOTS, `${name}-editor.png`) });

        await page.keyboard.press('F5');
        await expect.poll(() => page.getByTestId('presentation-bar').count()).toBe(1);
        await settleViewport(page);
        expect(await page.locator('.pl-host').count()).toBe(3);
        await page.screenshot({ path: join(SHOTS, `${name}-presentation.png`) });
        await page.keyboard.press('Escape');
        await session.done(watched);
      });
});
