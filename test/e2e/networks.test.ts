/**
 * End-to-end: compose networks in the editor (issue 14). A compose project with networks
 * (corpus 16: a proxy on `dmz`, nextauth on `dmz` and the internal `data`, the data services on
 * `data`) is imported in the browser edition; the inspector ticks nextauth's networks and shows
 * its kept `ipv4_address`; unticking `data` makes the checker report that nextauth no longer
 * reaches its database and Redis (NA049), and undo takes it back; the project's networks are listed when nothing is
 * selected. Screenshots of both inspector views; axe-core on the inspector.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needChromium, PROJECT_ROOT, saveScreenshot, showPanel } from '../support/browser';
import { axeViolations } from '../support/axe';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();
const DIGEST = join(PROJECT_ROOT, 'test', 'fixtures', 'import', 'corpus', '16-registry-digest');

async function importDigest(page: Page): Promise<void> {
  await page.getByTestId('import-compose').click();
  const dialog = page.getByTestId('import-dialog');
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await dialog.getByTestId('import-input-compose').setInputFiles(join(DIGEST, 'docker-compose.yml'));
  await dialog.getByTestId('import-input-env').setInputFiles(join(DIGEST, '.env'));
  await dialog.getByTestId('import-run').click();
  await expect.poll(() => dialog.getByTestId('import-report').isVisible()).toBe(true);
  await dialog.getByTestId('import-open').click();
  await expect.poll(() => dialog.count()).toBe(0);
}

const problemTexts = (page: Page) => page.getByTestId('problem').allTextContents();

describe.skipIf(chromium.skip)('compose networks in the editor (built renderer)', () => {
  const session = editorSession();

  it('shows and edits a component’s networks; the checker follows; the project lists its networks', async () => {
    const watched = await session.open();
    const { page } = watched;
    await importDigest(page);
    await showPanel(page, 'inspector');
    await page.locator('.react-flow__node[data-id="nextauth"]').click();
    const section = page.getByTestId('inspector-networks');
    await expect.poll(() => section.isVisible()).toBe(true);
    const box = (n: string) => section.getByTestId(`network-member-${n}`);
    expect(await box('dmz').isChecked()).toBe(true);
    expect(await box('data').isChecked()).toBe(true);
    expect(await box('default').isChecked()).toBe(false);
    expect(await section.textContent()).toContain('data (internal)');
    await section.getByText('settings kept from import').click();
    expect(await section.textContent()).toMatch(/ipv4_address: "172\.28\.0\.10"/);
    expect(await axeViolations(page, '[data-testid="inspector"]')).toEqual([]);
    await saveScreenshot(page, 'networks-component');

    expect((await problemTexts(page)).some((t) => t.includes('NA049'))).toBe(false);
    // Off `data`, nextauth no longer reaches its database and Redis.
    await box('data').uncheck();
    expect(await box('data').isChecked()).toBe(false);
    await expect
      .poll(async () => (await problemTexts(page)).filter((t) => /share no compose network/.test(t)).length)
      .toBeGreaterThan(0);
    // Undo (outside a form field, where the editor's shortcuts apply) puts it back, and the finding goes.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => box('data').isChecked()).toBe(true);
    await expect
      .poll(async () => (await problemTexts(page)).filter((t) => /share no compose network/.test(t)).length)
      .toBe(0);

    // Nothing selected: the project's networks, with their settings and a way to add one.
    await page.keyboard.press('Escape');
    const project = page.getByTestId('inspector-project-networks');
    await expect.poll(() => project.isVisible()).toBe(true);
    expect(await project.getByTestId('project-network-dmz').count()).toBe(1);
    expect(await project.getByTestId('project-network-data').count()).toBe(1);
    await project.getByTestId('project-network-name').fill('bad name');
    expect(await project.getByTestId('project-network-add').isDisabled()).toBe(true);
    await project.getByTestId('project-network-name').fill('monitoring');
    await project.getByTestId('project-network-add').click();
    await expect.poll(() => project.getByTestId('project-network-monitoring').count()).toBe(1);
    expect(await axeViolations(page, '[data-testid="inspector"]')).toEqual([]);
    await saveScreenshot(page, 'networks-project');
    await session.done(watched);
  });
});
