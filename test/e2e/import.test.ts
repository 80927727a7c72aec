/**
 * End-to-end: importing compose files in the browser edition (issue 14). The import dialog from
 * the welcome screen with compose + .env + nginx.conf picked through its file choosers, the
 * report, and the project opened with every service on the canvas; the same files dropped on
 * the window; a missing `extends` file refused with FILE:LINE:COL; screenshots of the dialog in
 * both sizes and themes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needChromium, PROJECT_ROOT, saveScreenshot } from '../support/browser';
import { axeViolations } from '../support/axe';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();
const CORPUS = join(PROJECT_ROOT, 'test', 'fixtures', 'import', 'corpus');
const NGINX = join(CORPUS, '02-nginx-front');
const EXTENDS = join(CORPUS, '05-extends-other-file');

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;
const THEMES = ['light', 'dark'] as const;

/** Drops files (name → text) on the element, as a file manager would. */
async function dropFiles(page: Page, selector: string, files: Record<string, string>): Promise<void> {
  await page.evaluate(
    ({ selector, files }) => {
      const data = new DataTransfer();
      for (const [name, text] of Object.entries(files)) data.items.add(new File([text], name, { type: 'text/plain' }));
      const target = document.querySelector(selector)!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    },
    { selector, files },
  );
}

const text = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

async function pickNginxFront(page: Page): Promise<void> {
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-input-compose').setInputFiles(join(NGINX, 'docker-compose.yml'));
  await dialog.getByTestId('import-input-env').setInputFiles(join(NGINX, '.env'));
  await dialog.getByTestId('import-input-proxy').setInputFiles(join(NGINX, 'nginx.conf'));
}

/** The ids of the components on the canvas. */
const canvasNodes = (page: Page) =>
  page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));

describe.skipIf(chromium.skip)('import compose files in the browser edition (built renderer)', () => {
  const session = editorSession();

  it('imports compose + .env + nginx.conf picked in the dialog; the report shows; the project opens', async () => {
    const watched = await session.open();
    const { page } = watched;
    await page.getByTestId('import-compose').click();
    const dialog = page.getByTestId('import-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByTestId('import-run').isDisabled()).toBe(true);
    await pickNginxFront(page);
    expect(await dialog.getByTestId('import-file-compose').allTextContents()).toEqual(['1docker-compose.yml']);
    expect(await dialog.getByTestId('import-file-env').count()).toBe(1);
    expect(await dialog.getByTestId('import-file-proxy').count()).toBe(1);

    await dialog.getByTestId('import-run').click();
    const report = dialog.getByTestId('import-report');
    await expect.poll(() => report.isVisible()).toBe(true);
    const services = await report.getByTestId('import-service').locator('td:first-child').allTextContents();
    expect(services.sort()).toEqual(['cache', 'db', 'nextauth', 'web']);
    expect(await report.getByTestId('import-note').count()).toBeGreaterThan(0);
    // The filter shows one kind of note only.
    await report.getByTestId('import-filter-kept').check({ force: true });
    const kinds = await report.getByTestId('import-note').evaluateAll((n) => n.map((e) => e.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['kept']));

    await dialog.getByTestId('import-open').click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => canvasNodes(page)).toEqual(expect.arrayContaining(['web', 'nextauth', 'db', 'cache']));
    // New, unsaved work: no file yet, and the notice says where it came from.
    expect(await page.getByTestId('file-name').textContent()).toBe('not saved yet');
    expect(await page.getByText(/Imported 4 services from docker-compose\.yml/).count()).toBe(1);
    await session.done(watched);
  });

  it('opens the import dialog prefilled when compose files are dropped on the window, and the palette lists it', async () => {
    const watched = await session.open();
    const { page } = watched;
    await dropFiles(page, '.pl-app', {
      'docker-compose.override.yml': 'services:\n  cache:\n    image: redis:7.2\n',
      'docker-compose.yml': text(NGINX, 'docker-compose.yml'),
      '.env': text(NGINX, '.env'),
      'nginx.conf': text(NGINX, 'nginx.conf'),
    });
    const dialog = page.getByTestId('import-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // The base file first, then its override, as docker compose reads them.
    expect(await dialog.getByTestId('import-file-compose').allTextContents()).toEqual([
      '1docker-compose.yml',
      '2docker-compose.override.yml',
    ]);
    expect(await dialog.getByTestId('import-file-env').allTextContents()).toEqual(['.env']);
    expect(await dialog.getByTestId('import-file-proxy').allTextContents()).toEqual(['nginx.conf']);
    // Reordering: the override first.
    await dialog.getByRole('button', { name: 'Move docker-compose.override.yml up' }).click();
    expect(await dialog.getByTestId('import-file-compose').first().textContent()).toBe('1docker-compose.override.yml');
    await dialog.getByTestId('import-run').click();
    await expect.poll(() => dialog.getByTestId('import-report').isVisible()).toBe(true);
    await dialog.getByTestId('import-open').click();
    await expect.poll(() => canvasNodes(page)).toEqual(expect.arrayContaining(['web', 'nextauth', 'db', 'cache']));

    // In the editor the command palette offers the import.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Import compose');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByTestId('import-close').click();
    await expect.poll(() => dialog.count()).toBe(0);

    // A project file dropped alone still opens as a project (here a broken one: its problems show), not an import.
    await dropFiles(page, '.pl-app', { 'broken.portolan.yaml': 'format: [' });
    await expect.poll(() => page.getByTestId('load-problems').isVisible()).toBe(true);
    expect(await dialog.count()).toBe(0);
    await session.done(watched);
  });

  it('refuses a missing extends file with FILE:LINE:COL and opens nothing; adding it imports', async () => {
    const watched = await session.open();
    const { page } = watched;
    await page.getByTestId('import-compose').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-input-compose').setInputFiles(join(EXTENDS, 'docker-compose.yml'));
    await dialog.getByTestId('import-run').click();
    const problems = dialog.getByTestId('import-problems');
    await expect.poll(() => problems.isVisible()).toBe(true);
    const lines = await problems.getByTestId('import-problem').allTextContents();
    expect(lines[0]).toMatch(/^docker-compose\.yml:6:13 extends-unknown-file .*common\.yml/);
    expect(await problems.getByTestId('import-missing').textContent()).toContain('common.yml');
    expect(await page.getByTestId('welcome').isVisible()).toBe(true);

    await dialog.getByTestId('import-back').click();
    await dialog.getByTestId('import-input-other').setInputFiles(join(EXTENDS, 'common.yml'));
    await dialog.getByTestId('import-input-env').setInputFiles(join(EXTENDS, '.env'));
    await dialog.getByTestId('import-run').click();
    await expect.poll(() => dialog.getByTestId('import-report').isVisible()).toBe(true);
    await session.done(watched);
  });

  it.each(SIZES.flatMap((size) => THEMES.map((theme) => [size, theme] as const)))(
    'looks right at %o in the %s theme (before import, report, error)',
    async (size, theme) => {
      const watched = await session.open({ viewport: size, colorScheme: theme });
      const { page } = watched;
      const tag = `${size.width}x${size.height}-${theme}`;
      await page.getByTestId('import-compose').click();
      const dialog = page.getByTestId('import-dialog');
      await pickNginxFront(page);
      await dialog.getByTestId('import-profile-input').fill('debug monitoring ');
      await saveScreenshot(page, `import-dialog-${tag}`);
      expect(await axeViolations(page, '[data-testid="import-dialog"]')).toEqual([]);
      await dialog.getByTestId('import-run').click();
      await expect.poll(() => dialog.getByTestId('import-report').isVisible()).toBe(true);
      await saveScreenshot(page, `import-report-${tag}`);
      expect(await axeViolations(page, '[data-testid="import-dialog"]')).toEqual([]);
      await dialog.getByTestId('import-back').click();
      await dialog.getByTestId('import-section-compose').getByTestId('import-remove').click();
      await dialog.getByTestId('import-input-compose').setInputFiles(join(EXTENDS, 'docker-compose.yml'));
      await dialog.getByTestId('import-run').click();
      await expect.poll(() => dialog.getByTestId('import-problems').isVisible()).toBe(true);
      await saveScreenshot(page, `import-error-${tag}`);
      expect(await axeViolations(page, '[data-testid="import-dialog"]')).toEqual([]);
      await session.done(watched);
    },
  );
});
