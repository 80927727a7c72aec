/**
 * End-to-end: the project's TLS policy in the editor (issue 15). On the manual template, with
 * nothing selected, the inspector's TLS section shows intermediate; choosing old raises NA053 and
 * shows the reason field, writing a reason turns the finding into an info, and undo goes back.
 * The HSTS opt-ins are checkboxes. axe-core on the inspector; a screenshot of the section.
 */
import { describe, expect, it } from 'vitest';
import { needChromium, saveScreenshot, showPanel } from '../support/browser';
import { axeViolations } from '../support/axe';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

describe.skipIf(chromium.skip)('the TLS policy in the editor (built renderer)', () => {
  const session = editorSession();

  it('chooses a profile, asks for a reason below intermediate, and takes the HSTS opt-ins', async () => {
    const watched = await session.open();
    const { page } = watched;
    await page.getByTestId('template-manual').click();
    await showPanel(page, 'inspector');
    const section = page.getByTestId('inspector-tls');
    await expect.poll(() => section.isVisible()).toBe(true);
    const profile = section.getByLabel('Profile');
    expect(await profile.inputValue()).toBe('intermediate');
    expect(await section.getByTestId('project-tls-reason').count()).toBe(0);
    const na053 = async () => (await page.getByTestId('problem').allTextContents()).filter((t) => t.includes('NA053'));
    expect(await na053()).toEqual([]);

    await profile.selectOption('old');
    await expect.poll(async () => (await na053()).length).toBe(1);
    const reason = section.getByTestId('project-tls-reason');
    await expect.poll(() => reason.isVisible()).toBe(true);
    await reason.fill('Kiosks on Android 4 until March');
    await reason.blur();
    await expect.poll(async () => (await na053()).join(' ')).toMatch(/accepted: Kiosks on Android 4 until March/);

    const preload = section.getByRole('checkbox', { name: 'HSTS: preload' });
    await preload.check();
    expect(await preload.isChecked()).toBe(true);
    expect(await section.getByRole('checkbox', { name: 'HSTS: include subdomains' }).isChecked()).toBe(false);
    expect(await axeViolations(page, '[data-testid="inspector"]')).toEqual([]);
    await saveScreenshot(page, 'tls-settings');

    // Undo, outside a form field: the opt-in goes, then the reason, then the profile.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => preload.isChecked()).toBe(false);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => profile.inputValue()).toBe('intermediate');
    await expect.poll(async () => (await na053()).length).toBe(0);
    await session.done(watched);
  });
});
