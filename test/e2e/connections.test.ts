/**
 * End-to-end: nextauth's Connections section in the BUILT editor (out/renderer, from
 * `npm run build:app`), driven in Chromium. The database URI is derived from the link to MySQL
 * and shown as the export writes it; Override takes it over as a typed value (one undo step),
 * the export still writes the same URI; a change to the database shows as a disagreement;
 * "Use the drawing" gives it back. Also audits the section with axe and saves screenshots of
 * it at both meeting-room sizes, light and dark, under test-results/.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needChromium, saveScreenshot, settleViewport, type WatchedPage } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const DERIVED = 'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local';

/** The NEXTAUTH_DB_URI line of the compose file in the export dialog's preview; closes the dialog. */
async function composeDbUri(page: Page): Promise<string> {
  await page.getByTestId('open-export').click();
  await page.locator('[data-testid="export-file"][data-path="docker-compose.yml"]').click();
  const preview = page.getByTestId('export-preview-text');
  await expect.poll(() => preview.textContent()).toMatch(/NEXTAUTH_DB_URI/);
  const line = ((await preview.textContent()) ?? '').split('\n').find((l) => l.includes('NEXTAUTH_DB_URI'));
  await page.getByTestId('export-close').click();
  await expect.poll(() => page.getByTestId('export-dialog').count()).toBe(0);
  return (line ?? '').trim();
}

/** axe on the inspector only (the rest of the editor has its own audit in accessibility.test.ts). */
async function auditInspector(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run(
      { include: [['[data-testid="inspector"]']] },
      { runOnly: { type: 'tag', values: tags } },
    )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
    return result.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }, AXE_TAGS);
}

/** Scrolls the inspector so the Connections section is at its top (for screenshots). */
async function showConnections(page: Page): Promise<void> {
  await page.getByTestId('inspector-connections').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(150);
}

/**
 * Opens the manual template and selects nextauth; the inspector scrolls its Connections into
 * view. At 1440×900 and 1920×1080 the editor folds the inspector to its rail for the diagram's
 * room: it is opened from there, as a user would.
 */
async function inspectNextauth(page: Page): Promise<void> {
  await page.getByTestId('template-manual').click();
  await expect.poll(() => page.getByTestId('node-nextauth').count()).toBe(1);
  await page.getByRole('button', { name: 'Show inspector' }).click();
  await expect.poll(() => page.getByTestId('inspector').count()).toBe(1);
  await settleViewport(page);
  await page.getByTestId('node-nextauth').click();
  await expect.poll(() => page.getByTestId('inspector-connections').count()).toBe(1);
}

describe.skipIf(chromium.skip)('nextauth connections in Chromium (built renderer)', () => {
  const session = editorSession();

  describe('override and back', () => {
    let watched: WatchedPage;
    beforeEach(async () => {
      watched = await session.open();
    });
    afterEach(() => session.done(watched));

    it('shows the derived URI, takes it over as an override, and gives it back to the drawing', async () => {
      const { page } = watched;
      await inspectNextauth(page);
      const db = page.getByTestId('connection-database');
      const uri = page.getByTestId('connection-uri-database');

      // Derived from the link to MySQL: service name and port, the password as a .env reference.
      expect(await page.getByTestId('connection-endpoint-database').textContent()).toBe('mysql:3306');
      expect(await uri.textContent()).toBe(DERIVED);
      expect(await page.getByTestId('connection-state-database').textContent()).toBe('from the drawing');
      expect(await page.getByTestId('connection-account-database').textContent()).toBe('nextauth on database nextauth');
      expect(await page.getByTestId('connection-password-database').textContent()).toBe(
        'from .env variable MYSQL_PASSWORD',
      );
      // Redis: derived too, no account.
      expect(await page.getByTestId('connection-uri-kv').textContent()).toBe('redis://redis:6379');
      // Nothing typed, nothing suggested: the drawing writes the connection variables.
      expect(await page.getByTestId('env-row-NEXTAUTH_DB_URI').count()).toBe(0);
      expect(await page.getByTestId('env-suggest-NEXTAUTH_DB_URI').count()).toBe(0);
      expect(await page.getByTestId('env-suggest-NEXTAUTH_KV_URI').count()).toBe(0);
      const exported = await composeDbUri(page);
      expect(exported).toContain('mysql:3306');
      expect(exported).toContain('${MYSQL_PASSWORD}');

      // Override: the literal lands in the environment, marked as an override; the export is unchanged.
      await page.getByTestId('connection-override-database').click();
      await expect.poll(() => page.getByTestId('env-row-NEXTAUTH_DB_URI').count()).toBe(1);
      expect(await page.getByTestId('env-value-NEXTAUTH_DB_URI').inputValue()).toBe(DERIVED);
      expect(await page.getByTestId('env-note-NEXTAUTH_DB_URI').textContent()).toMatch(
        /override of a drawn connection/,
      );
      expect(await page.getByTestId('connection-state-database').textContent()).toBe('typed override');
      expect(await page.getByTestId('connection-typed-database').textContent()).toMatch(/same as the drawing/);
      expect(await composeDbUri(page)).toBe(exported);
      await showConnections(page);
      await saveScreenshot(page, 'connections-override');

      // One undo step takes it back, redo restores it.
      await page.keyboard.press('Control+z');
      await expect.poll(() => page.getByTestId('env-row-NEXTAUTH_DB_URI').count()).toBe(0);
      expect(await page.getByTestId('connection-state-database').textContent()).toBe('from the drawing');
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => page.getByTestId('env-row-NEXTAUTH_DB_URI').count()).toBe(1);

      // The target is a button that selects it: MySQL's database renamed, and nextauth's override now disagrees.
      await db.getByTestId('peer-mysql').click();
      await expect.poll(() => page.getByTestId('inspector-title').textContent()).toBe('MySQL');
      const name = page.getByTestId('env-value-MYSQL_DATABASE');
      await name.fill('auth');
      await name.press('Tab');
      await page.getByTestId('node-nextauth').click();
      await expect.poll(() => page.getByTestId('connection-state-database').textContent()).toBe('typed override');
      await expect
        .poll(() => page.getByTestId('connection-problems-database-mismatch').textContent())
        .toBe('The override names the database "nextauth", but the drawing says "auth".');
      expect(await page.getByTestId('connection-drawn-database').textContent()).toBe(
        'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/auth?loc=Local',
      );
      expect(await page.getByTestId('inspector-issue-NA034').count()).toBe(1);
      await showConnections(page);
      await saveScreenshot(page, 'connections-mismatch');
      expect(await auditInspector(page), 'mismatch').toEqual([]);

      // Use the drawing: the override is gone, the derived URI follows the database.
      await page.getByTestId('connection-use-drawing-database').click();
      await expect.poll(() => page.getByTestId('env-row-NEXTAUTH_DB_URI').count()).toBe(0);
      expect(await uri.textContent()).toBe('mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/auth?loc=Local');
      expect(await page.getByTestId('connection-state-database').textContent()).toBe('from the drawing');
      expect(await page.getByTestId('inspector-issue-NA034').count()).toBe(0);
      expect(await composeDbUri(page)).toContain('@mysql:3306/auth?loc=Local');
    });

    it('says when nothing is connected, and shows the checker’s problem inline', async () => {
      const { page } = watched;
      await inspectNextauth(page);
      // An account variable missing on MySQL: the derived URI cannot be written (NA035).
      await page.getByTestId('connection-database').getByTestId('peer-mysql').click();
      await page.getByTestId('env-remove-MYSQL_USER').click();
      await page.getByTestId('node-nextauth').click();
      await expect.poll(() => page.getByTestId('connection-state-database').textContent()).toBe('incomplete');
      expect(await page.getByTestId('connection-problems-database').textContent()).toMatch(
        /MySQL.*does not set MYSQL_USER/,
      );
      expect(await page.getByTestId('connection-uri-database').count()).toBe(0);
      expect(await page.getByTestId('connection-override-database').count()).toBe(0);
      await showConnections(page);
      await saveScreenshot(page, 'connections-incomplete');
      expect(await auditInspector(page), 'incomplete').toEqual([]);

      // No link to Redis: one line says what to draw.
      await page.getByTestId('node-redis').click();
      await page.keyboard.press('Delete');
      await expect.poll(() => page.getByTestId('node-redis').count()).toBe(0);
      await page.getByTestId('node-nextauth').click();
      await expect
        .poll(() => page.getByTestId('connection-none-kv').textContent())
        .toBe('No key-value store connected — draw a link from nextauth to Redis or Redis Sentinel');
      await showConnections(page);
      await saveScreenshot(page, 'connections-none');
      expect(await auditInspector(page), 'none').toEqual([]);
    });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no violation in the nextauth inspector; screenshots (${colorScheme})`, async () => {
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 1920, height: 1080 },
      ]) {
        const watched = await session.open({ colorScheme, viewport });
        const { page } = watched;
        await inspectNextauth(page);
        await showConnections(page);
        const size = `${viewport.width}x${viewport.height}`;
        await saveScreenshot(page, `connections-${size}-${colorScheme}`);
        expect(await auditInspector(page), `derived (${size}, ${colorScheme})`).toEqual([]);

        await page.getByTestId('connection-override-database').click();
        await expect.poll(() => page.getByTestId('env-row-NEXTAUTH_DB_URI').count()).toBe(1);
        await showConnections(page);
        await saveScreenshot(page, `connections-${size}-${colorScheme}-override`);
        expect(await auditInspector(page), `override (${size}, ${colorScheme})`).toEqual([]);
        await session.done(watched);
      }
    }, 90_000);
  }
});
