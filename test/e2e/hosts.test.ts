/**
 * End-to-end: hosts in the editor (issue 16). On the HA template, with nothing selected, the
 * inspector's Hosts section adds two hosts, renames one, refuses a bad address inline and takes a
 * good one; NA057 (every nextauth on one host) appears. Ticking the second host under nextauth's
 * "Runs on" spreads its replicas ("3 replicas: node-a ×2, host-2 ×1"), so NA057 goes and NA054
 * (links that now cross hosts) comes; undo puts it back. axe-core on the inspector in light and
 * dark; screenshots of the Hosts section at 1440×900 go to /tmp/hosts-shots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needChromium, showPanel } from '../support/browser';
import { axeViolations } from '../support/axe';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();
const SHOTS = process.env.PORTOLAN_HOSTS_SHOTS ?? '/tmp/hosts-shots';

const problems = async (page: Page, rule: string) =>
  (await page.getByTestId('problem').allTextContents()).filter((t) => t.includes(rule));

describe.skipIf(chromium.skip)('hosts in the editor (built renderer)', () => {
  const session = editorSession();

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`adds hosts, spreads nextauth over them, sees the rules change, undoes (${colorScheme})`, async () => {
      const watched = await session.open({ colorScheme, viewport: { width: 1440, height: 900 } });
      const { page } = watched;
      await page.getByTestId('template-ha').click();
      await showPanel(page, 'inspector');
      const section = page.getByTestId('inspector-hosts');
      await expect.poll(() => section.isVisible()).toBe(true);
      expect(await problems(page, 'NA057')).toEqual([]);

      await section.getByTestId('host-add').click();
      await section.getByTestId('host-add').click();
      await expect.poll(() => section.getByTestId('host-row-host-2').isVisible()).toBe(true);
      await expect.poll(async () => (await problems(page, 'NA057')).length).toBe(1);

      const name = section.getByTestId('host-name-host-1');
      await name.fill('host-2');
      await expect.poll(() => section.getByTestId('host-name-host-1-error').textContent()).toMatch(/already called/);
      await name.fill('node-a');
      await name.blur();
      const address = section.getByTestId('host-address-host-1');
      await address.fill('10.0.0.256');
      await expect
        .poll(() => section.getByTestId('host-address-host-1-error').textContent())
        .toMatch(/neither a DNS name/);
      expect(await address.getAttribute('aria-invalid')).toBe('true');
      await address.fill('10.0.0.5');
      await address.blur();
      await expect.poll(() => section.getByTestId('host-address-host-1-error').count()).toBe(0);
      await expect.poll(async () => (await problems(page, 'NA057')).join(' ')).toMatch(/runs on host "node-a"/);

      expect(await axeViolations(page, '[data-testid="inspector"]')).toEqual([]);
      mkdirSync(SHOTS, { recursive: true });
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `hosts-section-1440x900-${colorScheme}.png`) });
      await section.screenshot({ path: join(SHOTS, `hosts-section-only-${colorScheme}.png`) });

      // nextauth: tick the second host.
      await page.getByTestId('node-nextauth').click();
      const runsOn = page.getByTestId('inspector-runs-on');
      await expect.poll(() => runsOn.isVisible()).toBe(true);
      expect(await page.getByTestId('runs-on-spread').textContent()).toMatch(/3 replicas: node-a ×3/);
      expect(await page.getByTestId('runs-on-host-1').isDisabled()).toBe(true);
      await page.getByTestId('runs-on-host-2').check();
      await expect
        .poll(() => page.getByTestId('runs-on-spread').textContent())
        .toBe('3 replicas: node-a ×2, host-2 ×1');
      await expect.poll(async () => (await problems(page, 'NA057')).length).toBe(0);
      await expect.poll(async () => (await problems(page, 'NA054')).length).toBeGreaterThan(0);
      expect(await axeViolations(page, '[data-testid="inspector"]')).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `runs-on-1440x900-${colorScheme}.png`) });

      // Undo, outside a form field: nextauth is back on the first host alone.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Control+z');
      await expect.poll(() => page.getByTestId('runs-on-spread').textContent()).toMatch(/node-a ×3/);
      await expect.poll(async () => (await problems(page, 'NA054')).length).toBe(0);
      await expect.poll(async () => (await problems(page, 'NA057')).length).toBe(1);
      await session.done(watched);
    });
  }
});
