/**
 * End-to-end: a quick fix that asks for a value (issue 15, NA052: pin the nextAuth version). On
 * the manual template, the problems panel's Fix opens an inline form; a bad answer is refused
 * inline (aria-invalid, aria-describedby, focus kept), Esc closes the form back onto Fix, a good
 * answer pins the tag as one undo step, and undo brings the finding back. The inspector's Fix
 * button asks in the problems panel too. axe-core on the panel with the form open; screenshots of
 * the form in both themes.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { needChromium, saveScreenshot, showPanel } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

const na052 = (page: Page): Locator => page.locator('[data-testid="problem"][data-rule="NA052"]');
/** The test id of the focused element, or its tag name when it has none. */
const focusedId = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el === null ? null : (el.dataset.testid ?? el.tagName.toLowerCase());
  });

async function openManual(page: Page): Promise<Locator> {
  await page.getByTestId('template-manual').click();
  await showPanel(page, 'problems panel');
  const row = na052(page);
  await expect.poll(() => row.isVisible()).toBe(true);
  return row;
}

describe.skipIf(chromium.skip)('a quick fix that asks for a value (built renderer)', () => {
  const session = editorSession();

  it('refuses a bad version inline, pins a good one as one undo step, and undo brings NA052 back', async () => {
    const watched = await session.open();
    const { page } = watched;
    const row = await openManual(page);
    const fix = row.getByTestId('problem-fix');
    expect(await fix.getAttribute('aria-label')).toBe("Fix: Pin nextAuth's images to a version…");
    expect(await fix.getAttribute('aria-expanded')).toBe('false');

    await fix.click();
    const form = row.getByTestId('problem-fix-form');
    const input = form.getByLabel('nextAuth version (image tag)');
    await expect.poll(() => input.isVisible()).toBe(true);
    expect(await fix.getAttribute('aria-expanded')).toBe('true');
    expect(await focusedId(page)).toBe('problem-fix-answer');
    expect(await input.getAttribute('aria-invalid')).toBe('false');

    // The floating tag itself: refused, with the reason next to the field, focus kept.
    await input.fill('latest');
    await page.keyboard.press('Enter');
    const error = form.getByTestId('problem-fix-error');
    await expect.poll(() => error.textContent()).toMatch(/"latest" names whatever was published last/);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await focusedId(page)).toBe('problem-fix-answer');
    expect(await page.getByTestId('project-tag').count()).toBeLessThanOrEqual(1);
    // Once shown, the message follows the text.
    await input.fill('nextauth:1.4.2');
    await expect.poll(() => error.textContent()).toMatch(/without the image name/);
    expect(await axeViolations(page, '[data-testid="problems-panel"]')).toEqual([]);
    await saveScreenshot(page, 'ask-fix-refused-light');

    // Esc closes the form and puts focus back on Fix; nothing changed.
    await page.keyboard.press('Escape');
    await expect.poll(() => form.count()).toBe(0);
    expect(await focusedId(page)).toBe('problem-fix');
    expect(await fix.getAttribute('aria-expanded')).toBe('false');
    expect(await na052(page).count()).toBe(1);

    // Enter on Fix opens it again, empty; Cancel closes it the same way.
    await page.keyboard.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => form.count()).toBe(0);
    expect(await focusedId(page)).toBe('problem-fix');

    await fix.click();
    await input.fill('1.4.2');
    await page.keyboard.press('Enter');
    await expect.poll(() => na052(page).count()).toBe(0);
    expect(await page.getByTestId('problems-counts').textContent()).toBe('No problems');
    // Keyboard focus stays in the panel, where the row was.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('pl-problems-panel__body');
    await showPanel(page, 'inspector');
    await expect.poll(() => page.getByTestId('project-tag').inputValue()).toBe('1.4.2');

    // One undo step: the tag goes back to latest and the finding is back, without the form.
    await page.getByTestId('problems-panel').locator('.pl-problems-panel__body').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => na052(page).count()).toBe(1);
    expect(await page.getByTestId('project-tag').inputValue()).toBe('latest');
    expect(await na052(page).getByTestId('problem-fix-form').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => na052(page).count()).toBe(0);
    await session.done(watched);
  });

  it("the inspector's Fix asks in the problems panel", async () => {
    const watched = await session.open();
    const { page } = watched;
    await openManual(page);
    await showPanel(page, 'inspector');
    await page.getByTestId('node-nextauth').click();
    const inspectorFix = page.getByTestId('inspector-fix-NA052');
    await expect.poll(() => inspectorFix.isVisible()).toBe(true);
    await inspectorFix.click();
    const input = na052(page).getByTestId('problem-fix-answer');
    await expect.poll(() => input.isVisible()).toBe(true);
    expect(await focusedId(page)).toBe('problem-fix-answer');
    await input.fill('2024.1');
    await na052(page).getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => na052(page).count()).toBe(0);
    await session.done(watched);
  });

  it.each(['light', 'dark'] as const)('screenshot of the refused answer, %s', async (colorScheme) => {
    const watched = await session.open({ colorScheme });
    const { page } = watched;
    const row = await openManual(page);
    await row.getByTestId('problem-fix').click();
    await row.getByTestId('problem-fix-answer').fill('1.4 .2');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getByTestId('problem-fix-error').isVisible()).toBe(true);
    await saveScreenshot(page, `ask-fix-form-${colorScheme}`);
    expect(await axeViolations(page, '[data-testid="problems-panel"]')).toEqual([]);
    await session.done(watched);
  });
});
