/**
 * End-to-end: the canvas of the BUILT renderer (`npm run build:app`) in Debian's Chromium.
 * Screenshots of the three templates at 1440×900 go to test-results/canvas-<template>.png.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getKind } from '../../shared/catalog/index';
import { regionMembers } from '../../shared/diagram/zones';
import { routeUrl } from '../../shared/model/constraints';
import { TEMPLATES, type TemplateId } from '../../shared/templates/index';
import { template } from '../support/fixtures';
import { needChromium, overlaps, saveScreenshot, type Rect, type WatchedPage } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

/** React Flow's viewport transform: pan in screen pixels and zoom. */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)\s*scale\(([\d.]+)\)/.exec(style);
  if (!m) throw new Error(`unexpected viewport transform: ${style}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/** True when the viewport has not moved over the last 150 ms (pans and fits animate). */
async function stillViewport(page: Page): Promise<boolean> {
  const a = await page.locator('.react-flow__viewport').getAttribute('style');
  await page.waitForTimeout(150);
  return a === (await page.locator('.react-flow__viewport').getAttribute('style'));
}

async function openTemplate(page: Page, url: string, id: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId(`template-${id}`).click();
  await page.getByTestId('canvas').waitFor();
  await page.locator('.react-flow__node-component').first().waitFor();
  // fitView runs once the nodes are in: wait until the viewport stops moving.
  let last = '';
  for (let i = 0; i < 20; i++) {
    const now = await page.locator('.react-flow__viewport').getAttribute('style');
    if (now === last) break;
    last = now ?? '';
    await page.waitForTimeout(100);
  }
}

const rects = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-testid') ?? '', ...e.getBoundingClientRect().toJSON() })),
    ) as Promise<Array<Rect & { id: string }>>;

/** The canvas edge ids (`route:<id>`) of a template's routes to one component. */
const routesTo = (id: TemplateId, target: string) =>
  template(id)
    .routes.filter((r) => r.target === target)
    .map((r) => `route:${r.id}`);

/** Selects edges by clicking their labels: the first alone, the others with Shift (adding). */
async function selectByLabels(page: Page, edgeIds: readonly string[]): Promise<void> {
  for (const [i, id] of edgeIds.entries())
    await page.locator(`.pl-clabel[data-edge="${id}"]`).click(i === 0 ? {} : { modifiers: ['Shift'] });
  await expect
    .poll(() =>
      page.locator('.react-flow__edge.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort()),
    )
    .toEqual([...edgeIds].sort());
  for (const id of edgeIds)
    expect(await page.locator(`.pl-clabel[data-edge="${id}"]`).getAttribute('class'), id).toContain('is-selected');
}

describe.skipIf(chromium.skip)('canvas in Chromium (built renderer)', () => {
  const session = editorSession();
  // One page for the suite: each test opens a template in it, and checks the page saw no errors.
  let watched: WatchedPage;
  beforeAll(async () => {
    watched = await session.open();
    // Each test navigates again: let this first load finish, or its icon request is aborted.
    await watched.page.waitForLoadState('networkidle');
  });

  it.each(TEMPLATES.map((t) => t.id))(
    'draws the %s template: ports, zones, labels that overlap nothing',
    async (id) => {
      const { page, errors } = watched;
      await openTemplate(page, session.url(), id);
      const project = template(id);

      // One node per component, one target handle per catalog port.
      expect(await page.locator('.react-flow__node-component').count()).toBe(project.components.length);
      for (const c of project.components) {
        const node = page.getByTestId(`node-${c.id}`);
        const ports = getKind(c.kind).ports.map((p) => p.name);
        const handles = await node
          .locator('.react-flow__handle.target[data-handleid^="port:"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-handleid')));
        expect(handles, c.id).toEqual(ports.map((p) => `port:${p}`));
        expect(await node.locator('.react-flow__handle.source[data-handleid="out"]').count()).toBe(1);
        // The name on at most two lines (the templates' names fit whole), and replicas as
        // cards stacked behind the node (at most two) and in the kind line.
        const lines = await node.locator('.pl-cnode__name-line').allTextContents();
        expect(lines.length, c.id).toBeGreaterThanOrEqual(1);
        expect(lines.length, c.id).toBeLessThanOrEqual(2);
        expect(lines.join(' '), c.id).toBe(c.name);
        const cards = page.getByTestId(`rf__node-${c.id}`).locator('.pl-cnode__card');
        expect(await cards.count(), `${c.id} cards`).toBe(Math.min(2, c.replicas - 1));
        const kind = (await node.getByTestId('node-kind').textContent()) ?? '';
        const spoken = (await page.getByTestId(`rf__node-${c.id}`).getAttribute('aria-label')) ?? '';
        if (c.replicas > 1) {
          expect(kind, c.id).toMatch(new RegExp(`(^|\\D)${c.replicas}(\\D|$)`));
          expect(spoken, c.id).toContain(`${c.replicas} replicas`);
        } else expect(spoken, c.id).not.toContain('replica');
      }
      // Every link and every route is one edge with one label of its own: `https 443` for a
      // link, the public URL for a route.
      const edgeIds = [...project.links.map((l) => l.id), ...project.routes.map((r) => `route:${r.id}`)];
      for (const edgeId of edgeIds) {
        expect(await page.getByTestId(`rf__edge-${edgeId}`).count(), edgeId).toBe(1);
        expect(await page.locator(`.pl-clabel[data-edge="${edgeId}"]`).count(), `label of ${edgeId}`).toBe(1);
      }
      expect(await page.locator('.react-flow__edge').count()).toBe(edgeIds.length);
      expect(await page.locator('.pl-clabel').count()).toBe(edgeIds.length);
      for (const link of project.links) {
        const target = project.components.find((c) => c.id === link.to)!;
        const port = getKind(target.kind).ports.find((p) => p.name === link.port)!;
        const text = await page.locator(`.pl-clabel[data-edge="${link.id}"] .pl-clabel__text`).textContent();
        expect(text, link.id).toMatch(new RegExp(`^${port.protocol} \\d+$`));
      }
      for (const route of project.routes) {
        const text = await page.locator(`.pl-clabel[data-edge="route:${route.id}"] .pl-clabel__text`).textContent();
        expect(text, route.id).toBe(routeUrl(route));
      }

      // Zones with members are one labelled rectangle per region (an internet zone holding
      // clients and external services: one where clients come in, one where services are
      // reached), and each region holds exactly its members.
      const regions = regionMembers(project);
      expect(await page.locator('.pl-zone-area').count()).toBe(regions.size);
      for (const [key, { zone, members }] of regions) {
        const area = page.getByTestId(`zone-zone:${key}`);
        expect(await area.count(), key).toBe(1);
        expect(await area.getByTestId('zone-label').textContent(), key).toBe(zone.name);
        const box = (await area.boundingBox())!;
        const inArea = (r: Rect) =>
          r.x >= box.x - 0.5 &&
          r.y >= box.y - 0.5 &&
          r.x + r.width <= box.x + box.width + 0.5 &&
          r.y + r.height <= box.y + box.height + 0.5;
        for (const c of project.components) {
          const node = (await page.getByTestId(`node-${c.id}`).boundingBox())!;
          expect(inArea(node), `${c.id} ${members.includes(c.id) ? 'inside' : 'outside'} ${key}`).toBe(
            members.includes(c.id),
          );
        }
      }
      for (const z of project.zones) {
        if (!project.components.some((c) => c.zone === z.id)) continue;
        expect(await page.locator(`[data-testid^="zone-zone:${z.id}"]`).count(), z.id).toBeGreaterThan(0);
      }

      // Labels: inside the view, on top of no node and no other label.
      const labels = await rects(page, '.pl-clabel');
      // Nodes with the replica cards stacked behind them.
      const nodes = await rects(page, '.pl-cnode, .pl-cnode__card');
      expect(nodes.length).toBeGreaterThanOrEqual(project.components.length);
      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      expect(labels.length).toBeGreaterThan(5);
      labels.forEach((a, i) => {
        expect(a.x >= canvas.x && a.x + a.width <= canvas.x + canvas.width, `${a.id} in view`).toBe(true);
        for (const n of nodes) expect(overlaps(a, n), `${a.id} over ${n.id}`).toBe(false);
        labels.forEach((b, j) => {
          if (j > i) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
        });
      });
      // Zone labels are not hidden under edge labels either.
      for (const z of await rects(page, '[data-testid="zone-label"]'))
        for (const l of labels) expect(overlaps(z, l), `zone label under ${l.id}`).toBe(false);

      await saveScreenshot(page, `canvas-${id}`);
      expect(errors).toEqual([]);
    },
  );

  it('drags a node as one undo step, connects a port, deletes a selected route and badges the problem', async () => {
    const { page, errors } = watched;
    await openTemplate(page, session.url(), 'manual');
    const redis = page.getByTestId('node-redis');
    const before = (await redis.boundingBox())!;
    await page.mouse.move(before.x + 60, before.y + 20);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(before.x + 60 - i * 6, before.y + 20 + i * 5);
    await page.mouse.up();
    const after = (await redis.boundingBox())!;
    expect(Math.abs(after.x - before.x) + Math.abs(after.y - before.y)).toBeGreaterThan(40);
    expect(await redis.getAttribute('class')).toContain('is-selected');
    await page.getByTestId('canvas').click({ position: { x: 20, y: 300 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await redis.boundingBox())!.x).toBeCloseTo(before.x, 0);

    // Connect the business application to MySQL's database port.
    const out = (await page.getByTestId('handle-out-business-app').boundingBox())!;
    const db = (await page.getByTestId('node-mysql').locator('[data-handleid="port:db"]').boundingBox())!;
    await page.mouse.move(out.x + out.width / 2, out.y + out.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(
        out.x + ((db.x - out.x) * i) / 12 + db.width / 2,
        out.y + ((db.y - out.y) * i) / 12 + db.height / 2,
      );
    }
    await page.mouse.up();
    await expect.poll(() => page.locator('[data-testid^="rf__edge-business-app-to-mysql"]').count()).toBe(1);

    // Select the routes to nextauth by their labels (one label per route; Shift adds the
    // second), delete them: the mobile-app rule shows as badges.
    const toNextauth = routesTo('manual', 'nextauth');
    expect(toNextauth).toHaveLength(2);
    const routeEdges = page.locator(toNextauth.map((id) => `[data-testid="rf__edge-${id}"]`).join(', '));
    expect(await page.locator('.pl-cnode [data-testid="badge-error"]').count()).toBe(0);
    await selectByLabels(page, toNextauth);
    await page.keyboard.press('Delete');
    await expect.poll(() => routeEdges.count()).toBe(0);
    for (const id of toNextauth) expect(await page.locator(`.pl-clabel[data-edge="${id}"]`).count(), id).toBe(0);
    await expect.poll(() => page.locator('.pl-cnode [data-testid="badge-error"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('node-mobile-app').locator('[data-testid="badge-error"]').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => routeEdges.count()).toBe(2);
    await expect.poll(() => page.locator('.pl-cnode [data-testid="badge-error"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('box-selects with shift-drag, and centres on an element selected outside the canvas', async () => {
    const { page, errors } = watched;
    await openTemplate(page, session.url(), 'manual');
    const mobile = (await page.getByTestId('node-mobile-app').boundingBox())!;
    const admin = (await page.getByTestId('node-admin').boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(mobile.x - 12, mobile.y - 12);
    await page.mouse.down();
    await page.mouse.move(admin.x + admin.width / 2, admin.y + admin.height / 2, { steps: 6 });
    await page.mouse.move(admin.x + admin.width + 12, admin.y + admin.height + 12, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect
      .poll(() =>
        page.locator('.pl-cnode.is-selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
      )
      .toEqual(['node-mobile-app', 'node-admin']);
    // Shift-click adds to the selection, and takes away again.
    await page.getByTestId('node-proxy').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.pl-cnode.is-selected').count()).toBe(3);
    await page.getByTestId('node-admin').click({ modifiers: ['Shift'] });
    await expect
      .poll(() =>
        page.locator('.pl-cnode.is-selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
      )
      .toEqual(['node-mobile-app', 'node-proxy']);

    // Delete the routes to nextauth (NA006: nothing exposes it), pan nextauth away, then pick
    // that problem in the problems panel: the canvas selects nextauth and centres on it.
    const toNextauth = routesTo('manual', 'nextauth');
    await selectByLabels(page, toNextauth);
    await page.keyboard.press('Delete');
    await expect
      .poll(() => page.locator(toNextauth.map((id) => `[data-testid="rf__edge-${id}"]`).join(', ')).count())
      .toBe(0);
    // Folded for room while it had nothing to say, the problems strip still counts the errors;
    // it is opened (as a user would) to pick one.
    const showProblems = page.getByTestId('fold-problems');
    if ((await showProblems.getAttribute('aria-expanded')) === 'false') {
      await expect.poll(() => page.getByTestId('problems-counts').textContent()).toMatch(/[1-9]\d* errors?/);
      await showProblems.click();
      await expect.poll(() => showProblems.getAttribute('aria-expanded')).toBe('true');
    }
    await expect.poll(() => stillViewport(page), { timeout: 5_000 }).toBe(true);
    const view = (await page.getByTestId('canvas').boundingBox())!;
    const node = page.getByTestId('node-nextauth');
    const centred = async () => {
      const b = (await node.boundingBox())!;
      return Math.abs(b.x + b.width / 2 - (view.x + view.width / 2)) < 40 &&
        Math.abs(b.y + b.height / 2 - (view.y + view.height / 2)) < 40
        ? 'centred'
        : JSON.stringify(b);
    };
    await page.mouse.move(view.x + view.width / 2, view.y + view.height - 40);
    await page.mouse.down();
    await page.mouse.move(view.x + 40, view.y + view.height - 40, { steps: 10 });
    await page.mouse.up();
    const panned = (await node.boundingBox())!;
    expect(panned.x + panned.width, 'nextauth panned away from the centre').toBeLessThan(view.x + view.width / 2);
    const problem = page.getByTestId('problem').filter({ hasText: 'NA006' }).getByTestId('problem-select');
    await problem.click();
    await expect.poll(() => node.getAttribute('class')).toContain('is-selected');
    await expect.poll(centred, { timeout: 3000 }).toBe('centred');
    await page.keyboard.press('Control+z');
    expect(errors).toEqual([]);
  });

  it('adds a component dropped from the palette where it is dropped', async () => {
    const { page, errors } = watched;
    await openTemplate(page, session.url(), 'default');
    // The editor folds the palette when the drawing needs the width: open it, as a user would.
    if ((await page.getByTestId('palette').count()) === 0) {
      await page.getByRole('button', { name: 'Show palette' }).click();
      await page.getByTestId('palette-item-redis-sentinel').waitFor();
      await expect.poll(() => stillViewport(page), { timeout: 5_000 }).toBe(true);
    }
    const count = await page.locator('.react-flow__node-component').count();
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const before = await viewport(page);
    await page
      .getByTestId('palette-item-redis-sentinel')
      .dragTo(page.getByTestId('canvas'), { targetPosition: { x: 200, y: canvas.height - 120 } });
    await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(count + 1);
    // The canvas may pan to reveal the new node: compare in diagram coordinates, once it is still.
    await expect.poll(() => stillViewport(page), { timeout: 5_000 }).toBe(true);
    const after = await viewport(page);
    const added = page.locator('.react-flow__node-component', { hasText: 'Redis Sentinel' });
    const box = (await added.boundingBox())!;
    const droppedAt = (200 - before.x) / before.zoom;
    const centre = (box.x + box.width / 2 - canvas.x - after.x) / after.zoom;
    expect(Math.abs(centre - droppedAt)).toBeLessThan(40);
    expect(await added.locator('.pl-cnode').getAttribute('class')).toContain('is-selected');
    expect(errors).toEqual([]);
  });
});
