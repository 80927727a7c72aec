/**
 * End-to-end: the expected peak of WebSocket clients in the editor (issue 15). On the manual
 * template, with nothing selected, the inspector's Capacity section is empty with the default as
 * placeholder; a fraction shows an inline error and changes nothing; a whole number is taken and
 * the hint follows it; the reverse proxy's own field shows the project's figure as placeholder and
 * takes an override; undo goes back. axe-core on the inspector.
 */
import { describe, expect, it } from 'vitest';
import { needChromium, showPanel } from '../support/browser';
import { axeViolations } from '../support/axe';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

describe.skipIf(chromium.skip)('the WebSocket capacity in the editor (built renderer)', () => {
  const session = editorSession();

  it('validates the figure inline, takes it, and takes an entry point override', async () => {
    const watched = await session.open();
    const { page } = watched;
    await page.getByTestId('template-manual').click();
    await showPanel(page, 'inspector');
    const section = page.getByTestId('inspector-capacity');
    await expect.poll(() => section.isVisible()).toBe(true);
    const field = section.getByLabel('Peak WebSocket clients');
    expect(await field.inputValue()).toBe('');
    expect(await field.getAttribute('placeholder')).toBe('10000 (default)');

    await field.fill('12.5');
    const error = section.getByTestId('project-capacity-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toMatch(/whole number from 1 to 400000/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill('30,000');
    await expect.poll(() => error.count()).toBe(0);
    await expect.poll(() => section.textContent()).toMatch(/HAProxy maxconn 37,500/);
    await field.blur();
    expect(await axeViolations(page, '[data-testid="inspector"]')).toEqual([]);

    await page.getByTestId('node-proxy').click();
    const own = page.getByTestId('entry-capacity');
    await expect.poll(() => own.isVisible()).toBe(true);
    expect(await own.getAttribute('placeholder')).toBe("30000 (the project's)");
    await own.fill('-5');
    await expect.poll(() => page.getByTestId('entry-capacity-error').isVisible()).toBe(true);
    await own.fill('2000');
    await expect
      .poll(() => page.getByTestId('inspector-entry-capacity').textContent())
      .toMatch(/2,000 WebSocket clients/);
    await own.blur();

    // Undo, outside a form field: the override goes, then the project figure.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => own.inputValue()).toBe('');
    await session.done(watched);
  });
});
