/**
 * End-to-end: the BUILT renderer (out/renderer, from `npm run build:app`) served by the
 * production static server and driven in Debian's Chromium.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../shared/format';
import { TEMPLATES } from '../../shared/templates';
import {
  launchChromium,
  needChromium,
  openWatchedPage,
  requireBuiltRenderer,
  saveScreenshot,
  serveBuiltRenderer,
  type ServedRenderer,
  type WatchedPage,
} from '../support/browser';

const chromium = needChromium();

describe.skipIf(chromium.skip)('desktop shell in Chromium (built renderer)', () => {
  let served: ServedRenderer | undefined;
  let browser: Browser | undefined;
  let watched: WatchedPage;

  beforeAll(async () => {
    requireBuiltRenderer();
    served = await serveBuiltRenderer();
    browser = await launchChromium();
    watched = await openWatchedPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('shows the welcome view with the three templates', async () => {
    const { page, errors } = watched;
    const response = await page.goto(served!.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByTestId('welcome').waitFor();
    await expect(page.title()).resolves.toBe('Portolan');
    expect(await page.getByTestId('product-name').textContent()).toBe('Portolan');
    expect(await page.getByTestId('project-name').count()).toBe(0);

    const list = page.getByRole('list', { name: 'Templates' });
    expect(await list.getByRole('button').count()).toBe(TEMPLATES.length);
    expect(TEMPLATES).toHaveLength(3);
    for (const template of TEMPLATES) {
      const card = page.getByRole('button', { name: template.title, exact: true });
      expect(await card.count(), template.title).toBe(1);
      expect(await card.getAttribute('data-testid')).toBe(`template-${template.id}`);
      expect(await card.textContent()).toContain(template.description);
    }
    await saveScreenshot(page, 'shell-welcome');
    expect(errors).toEqual([]);
  });

  it('opens each template on the canvas with one node per component, and goes back', async () => {
    const { page, errors } = watched;
    // Screenshot the manual reverse-proxy template (the richest diagram); check every template.
    const ordered = [...TEMPLATES].sort((a, b) => (a.id === 'manual' ? 1 : 0) - (b.id === 'manual' ? 1 : 0));
    for (const template of ordered) {
      const loaded = loadProject(template.text);
      expect(loaded.ok, `${template.id}: ${JSON.stringify(loaded.problems)}`).toBe(true);
      if (!loaded.ok) return;
      const { project } = loaded;

      await page.getByRole('button', { name: template.title, exact: true }).click();
      await page.getByTestId('canvas').waitFor();
      await page.locator('.react-flow__node').first().waitFor();

      // Title bar and window title name the project.
      expect(await page.getByTestId('project-name').textContent()).toBe(project.meta.name);
      await expect(page.title()).resolves.toBe(`${project.meta.name} — Portolan`);

      // One React Flow node per component, each with its name, at its position.
      await expect
        .poll(() => page.locator('.react-flow__node').count(), { timeout: 5_000 })
        .toBe(project.components.length);
      for (const component of project.components) {
        const node = page.getByTestId(`node-${component.id}`);
        expect(await node.getByTestId('node-name').textContent()).toBe(component.name);
        expect((await node.getByTestId('node-kind').textContent())?.length).toBeGreaterThan(0);
        await expect
          .poll(() => node.isVisible(), { timeout: 5_000, message: `${component.id} visible after fitView` })
          .toBe(true);
      }
      // Node layout follows component.position (relative order is preserved on screen).
      const [a, b] = [...project.components].sort((p, q) => p.position.x - q.position.x);
      const last = [...project.components].sort((p, q) => q.position.x - p.position.x)[0];
      if (a && b && last && last.position.x > a.position.x) {
        const boxA = await page.getByTestId(`node-${a.id}`).boundingBox();
        const boxLast = await page.getByTestId(`node-${last.id}`).boundingBox();
        expect(boxA!.x).toBeLessThan(boxLast!.x);
      }
      // One edge per link, rendered between the right nodes.
      for (const link of project.links) {
        expect(await page.getByTestId(`rf__edge-${link.id}`).count(), link.id).toBe(1);
      }

      // The sidebar lists every component.
      expect(await page.getByTestId('sidebar').locator('[data-testid^="component-item-"]').count()).toBe(
        project.components.length,
      );
      expect(await page.getByTestId('component-count').textContent()).toBe(String(project.components.length));

      if (template.id === 'manual') {
        // Selecting from the list selects the node on the canvas.
        const first = project.components.find((c) => c.kind === 'nextauth') ?? project.components[0]!;
        await page.getByTestId(`component-item-${first.id}`).click();
        await expect.poll(() => page.getByTestId(`node-${first.id}`).getAttribute('class')).toContain('is-selected');
        await page.getByTestId('canvas').click({ position: { x: 700, y: 20 } });
        await page.waitForTimeout(300);
        await page.getByRole('button', { name: 'Fit View' }).click();
        await page.waitForTimeout(400);
        await saveScreenshot(page, 'shell-canvas');
      }

      await page.getByRole('button', { name: 'Back to templates' }).click();
      await page.getByTestId('welcome').waitFor();
      expect(await page.getByTestId('project-name').count()).toBe(0);
      await expect(page.title()).resolves.toBe('Portolan');
    }
    expect(errors).toEqual([]);
  });
});
