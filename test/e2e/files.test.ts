/**
 * End-to-end: project files in the browser edition. Save with Ctrl+S (a download where the
 * browser has no save picker, the picker's file handle where it has one), open the saved file
 * again through the file chooser, refuse a broken file with line:column problems without losing
 * the open project, and ask before unsaved work is replaced.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../shared/format/index';
import { needChromium, saveScreenshot, type WatchedPage, showPanel } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

/** Headless Chromium has the File System Access API but aborts its pickers: use downloads instead. */
const WITHOUT_SAVE_PICKER = () => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined });

/**
 * A save picker whose file handle records what is written (`window.__saved`) and how often the
 * picker was shown (`window.__picks`): the same code path as a real picker, without a dialog.
 */
const RECORDING_SAVE_PICKER = () => {
  const w = window as unknown as { __saved: string[]; __picks: number };
  w.__saved = [];
  w.__picks = 0;
  Object.defineProperty(window, 'showSaveFilePicker', {
    value: async (options: { suggestedName?: string }) => {
      w.__picks += 1;
      return {
        name: options.suggestedName ?? 'picked.portolan.yaml',
        createWritable: async () => {
          let text = '';
          return {
            write: async (chunk: string) => void (text += chunk),
            close: async () => void w.__saved.push(text),
          };
        },
      };
    },
  });
};

async function renameProject(page: Page, name: string): Promise<void> {
  await showPanel(page, 'inspector');
  const field = page.getByTestId('inspector').getByTestId('project-name');
  await field.fill(name);
  await field.press('Tab');
  await expect.poll(() => page.getByTestId('titlebar').getByTestId('project-name').textContent()).toBe(name);
}

describe.skipIf(chromium.skip)('project files in the browser edition (built renderer)', () => {
  const session = editorSession();
  const dir = mkdtempSync(join(tmpdir(), 'portolan-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const open = (script: () => void): Promise<WatchedPage> => session.open({ init: { script } });
  const done = session.done;

  it('Ctrl+S downloads the project; the file opens again as it was saved', async () => {
    const watched = await open(WITHOUT_SAVE_PICKER);
    const { page } = watched;
    await page.getByTestId('template-manual').click();
    await renameProject(page, 'Acme production');
    expect(await page.getByTestId('dirty-mark').count()).toBe(1);

    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    expect(download.suggestedFilename()).toBe('acme-production.portolan.yaml');
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const loaded = loadProject(readFileSync(saved, 'utf8'));
    expect(loaded.ok && loaded.project.meta.name).toBe('Acme production');
    await expect.poll(() => page.getByTestId('dirty-mark').count()).toBe(0);
    expect(await page.getByTestId('file-name').textContent()).toBe('acme-production.portolan.yaml');

    // Clean: back to the templates without a question; the file is in the recent list.
    await page.getByTestId('back-to-welcome').click();
    await expect.poll(() => page.getByTestId('welcome').count()).toBe(1);
    expect(await page.getByTestId('welcome').textContent()).toContain('acme-production.portolan.yaml');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-file').click()]);
    await chooser.setFiles(saved);
    await expect
      .poll(() => page.getByTestId('titlebar').getByTestId('project-name').textContent())
      .toBe('Acme production');
    expect(await page.getByTestId('file-name').textContent()).toBe('acme-production.portolan.yaml');
    expect(await page.getByTestId('dirty-mark').count()).toBe(0);
    await expect.poll(() => page.getByTestId('node-nextauth').count()).toBe(1);
    await saveScreenshot(page, 'files-reopened');
    await done(watched);
  });

  it('a broken file is refused with line:column problems, and the open project stays', async () => {
    const watched = await open(WITHOUT_SAVE_PICKER);
    const { page } = watched;
    await page.getByTestId('template-default').click();
    const broken = join(dir, 'broken.portolan.yaml');
    writeFileSync(broken, 'format: 1\nmeta:\n  name: [unclosed\ncomponents: {}\n');

    await expect.poll(() => page.getByTestId('node-nextauth').count()).toBe(1);
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    // Ctrl+O is the browser's own shortcut and grants no gesture: a prompt's button opens the chooser.
    await page.keyboard.press('Control+o');
    await expect.poll(() => page.getByTestId('open-file-prompt').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-file-choose');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 10_000 }),
      page.getByTestId('open-file-choose').press('Enter'),
    ]);
    await chooser.setFiles(broken);
    await expect.poll(() => page.getByTestId('load-problems').count()).toBe(1);
    const text = (await page.getByTestId('load-problems').textContent()) ?? '';
    expect(text).toMatch(/\d+:\d+/);
    expect(text).toMatch(/[A-Z]+\d{3}|[a-z]+-[a-z-]+/);
    await saveScreenshot(page, 'files-broken');

    await page.getByTestId('load-problems-back').click();
    await expect.poll(() => page.getByTestId('node-portmap').count()).toBe(1);
    await done(watched);
  });

  it('asks before unsaved work is replaced: Cancel stays, Save saves first, Don’t save discards', async () => {
    const watched = await open(RECORDING_SAVE_PICKER);
    const { page } = watched;
    await page.getByTestId('template-manual').click();
    await renameProject(page, 'Edited once');

    // Cancel (Escape): nothing happens.
    await page.getByTestId('back-to-welcome').click();
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('unsaved-save');
    await saveScreenshot(page, 'files-unsaved-question');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
    expect(await page.getByTestId('editor').count()).toBe(1);

    // Save: the picker is asked once, the file written, then the templates show.
    await page.getByTestId('back-to-welcome').click();
    await page.getByTestId('unsaved-save').click();
    await expect.poll(() => page.getByTestId('welcome').count()).toBe(1);
    const saved = await page.evaluate(() => (window as unknown as { __saved: string[] }).__saved);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toContain('name: Edited once');

    // A picked file is saved again in place: Ctrl+S writes through the same handle, no second picker.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-file').click()]);
    await chooser.setFiles({
      name: 'edited-once.portolan.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(saved[0]!),
    });
    await expect.poll(() => page.getByTestId('file-name').textContent()).toBe('edited-once.portolan.yaml');
    await renameProject(page, 'Edited twice');
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.keyboard.press('Control+Shift+s');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __saved: string[] }).__saved.length)).toBe(2);
    await renameProject(page, 'Edited thrice');
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __saved: string[] }).__saved.length)).toBe(3);
    const picks = await page.evaluate(() => (window as unknown as { __picks: number }).__picks);
    expect(picks).toBe(2); // the first save and the explicit Save as…; the last Ctrl+S reused the handle
    expect(await page.evaluate(() => (window as unknown as { __saved: string[] }).__saved[2])).toContain(
      'name: Edited thrice',
    );

    // Don't save: the edit is dropped and the templates show.
    await renameProject(page, 'Never saved');
    await page.getByTestId('back-to-welcome').click();
    await page.getByTestId('unsaved-discard').click();
    await expect.poll(() => page.getByTestId('welcome').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __saved: string[] }).__saved.length)).toBe(3);
    await done(watched);
  });
});
