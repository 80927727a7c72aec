/**
 * End-to-end: the readability promises checked on the rendered page, not on the model — node,
 * label, zone and title boxes measured from the DOM, edge paths read from the SVG — for the
 * three templates, with the same checker the geometry tests use (at least 90 % of the links
 * pointing right, issue 12). Also the smallest text at fit and the screenshots of each template
 * at 1440×900 and 1920×1080, light and dark, in the editor and in presentation (open them: they
 * are what a customer sees).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkDiagram, type CheckInput } from '../../shared/diagram/check';
import { trafficTier } from '../../shared/diagram/order';
import type { Box, Point } from '../../shared/diagram/types';
import { needChromium, saveScreenshot, settleViewport, type WatchedPage } from '../support/browser';
import { templateProjects } from '../support/diagram-projects';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

interface Measured {
  readonly nodes: { id: string; box: Box }[];
  readonly labels: { id: string; box: Box }[];
  readonly edges: { id: string; source: string; target: string; points: Point[] }[];
  readonly zones: { id: string; box: Box; title: Box }[];
  /** The smallest font size on nodes and labels, in screen px. */
  readonly smallestText: number;
}

/** Everything the checker needs, in screen pixels, from the page as drawn. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
    const m = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(viewport.style.transform)!;
    const [tx, ty, k] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const origin = viewport.parentElement!.getBoundingClientRect();
    const toScreen = (x: number, y: number) => ({ x: origin.x + tx + x * k, y: origin.y + ty + y * k });
    const nodes = [...document.querySelectorAll('.react-flow__node-component')].map((el) => {
      // The node's own box with the replica cards behind it (what must stay clear).
      const boxes = [el.querySelector('.pl-cnode')!, ...el.querySelectorAll('.pl-cnode__card')].map(rect);
      const x0 = Math.min(...boxes.map((b) => b.x));
      const y0 = Math.min(...boxes.map((b) => b.y));
      const x1 = Math.max(...boxes.map((b) => b.x + b.w));
      const y1 = Math.max(...boxes.map((b) => b.y + b.h));
      return { id: el.getAttribute('data-id')!, box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } };
    });
    const labels = [...document.querySelectorAll('.pl-clabel')].map((el) => ({
      id: el.getAttribute('data-edge')!,
      box: rect(el),
    }));
    const edges = [...document.querySelectorAll('.react-flow__edge')].map((el) => {
      const d = el.querySelector('path.pl-edge-path')!.getAttribute('d')!;
      // M and L points, and the corner each Q rounds (its control point): the polyline drawn.
      const points: { x: number; y: number }[] = [];
      for (const [, cmd, args] of d.matchAll(/([MLQ])([^MLQ]*)/g)) {
        const nums = args!
          .trim()
          .split(/[\s,]+/)
          .map(Number);
        const [x, y] = cmd === 'Q' ? [nums[0]!, nums[1]!] : [nums[0]!, nums[1]!];
        points.push(toScreen(x, y));
      }
      return {
        id: el.getAttribute('data-id')!,
        source: el.getAttribute('data-source') ?? '',
        target: el.getAttribute('data-target') ?? '',
        points,
      };
    });
    const zones = [...document.querySelectorAll('.react-flow__node-zone')].map((el) => ({
      id: el.getAttribute('data-id')!,
      box: rect(el.querySelector('.pl-zone-area')!),
      title: rect(el.querySelector('[data-testid="zone-label"]')!),
    }));
    let smallest = Infinity;
    for (const root of document.querySelectorAll('.react-flow__node-component, .pl-clabel, .pl-zone-area__label')) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.textContent?.trim() || !t.parentElement) continue;
        smallest = Math.min(smallest, parseFloat(getComputedStyle(t.parentElement).fontSize) * k);
      }
    }
    return { nodes, labels, edges, zones, smallestText: smallest };
  });
}

describe.skipIf(chromium.skip)('the diagram as drawn in Chromium (built renderer)', () => {
  const session = editorSession();

  async function openTemplate(
    template: string,
    viewport: { width: number; height: number },
    colorScheme: 'light' | 'dark',
  ): Promise<WatchedPage> {
    const watched = await session.open({ viewport, colorScheme });
    await watched.page.getByTestId(`template-${template}`).click();
    await expect.poll(() => watched.page.getByTestId('node-nextauth').count()).toBe(1);
    // Panels fold for the window and the view refits (animated): measure what stays on screen.
    await watched.page.waitForTimeout(700);
    await settleViewport(watched.page);
    return watched;
  }

  for (const { name, project } of templateProjects()) {
    it(`${name}: no overlaps, no edge through a node, whole zones, links with the traffic — measured on the page`, async () => {
      const watched = await openTemplate(name, { width: 1920, height: 1080 }, 'light');
      const { page } = watched;
      const m = await measure(page);
      expect(m.nodes.length).toBe(project.components.length);
      expect(m.labels.length).toBe(project.links.length + project.routes.length);
      const byEdgeId = new Map<string, { source: string; target: string; link: boolean }>([
        ...project.links.map((l) => [l.id as string, { source: l.from, target: l.to, link: true }] as const),
        ...project.routes.map((r) => [`route:${r.id}`, { source: r.via, target: r.target, link: false }] as const),
      ]);
      const zoneOf = (regionId: string) => regionId.replace(/^zone:/, '').replace(/:(in|out)$/, '');
      const contains = (a: Box, b: Box) =>
        b.x >= a.x - 1 && b.y >= a.y - 1 && b.x + b.w <= a.x + a.w + 1 && b.y + b.h <= a.y + a.h + 1;
      const input: CheckInput = {
        nodes: m.nodes,
        labels: m.labels,
        edges: m.edges.map((e) => ({ ...e, ...byEdgeId.get(e.id)! })),
        // Members as the page shows them: the nodes inside each region's box.
        zones: m.zones.map((z) => ({
          id: z.id,
          zone: zoneOf(z.id),
          box: z.box,
          title: z.title,
          members: m.nodes.filter((n) => contains(z.box, n.box)).map((n) => n.id),
        })),
        zoneMembers: new Map(
          project.zones.map((z) => [z.id, project.components.filter((c) => c.zone === z.id).map((c) => c.id)] as const),
        ),
        internetZones: new Set(project.zones.filter((z) => z.kind === 'internet').map((z) => z.id)),
        tiers: new Map(project.components.map((c) => [c.id, trafficTier(c)] as const)),
      };
      const report = checkDiagram(input, { tolerance: 1 });
      expect(report.violations).toEqual([]);
      expect(report.betweenTiersLeftToRight).toBe(report.betweenTiers);
      // Issue 12: at least 90 % of all links, inside a tier too, point right on the page.
      expect(report.leftToRightShare).toBeGreaterThanOrEqual(0.9);
      await session.done(watched);
    });
  }

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ])
    for (const colorScheme of ['light', 'dark'] as const)
      for (const { name } of templateProjects())
        it(`${name} at ${viewport.width}×${viewport.height}, ${colorScheme}: text ≥ 11 px at fit, in the editor and presenting`, async () => {
          const watched = await openTemplate(name, viewport, colorScheme);
          const { page } = watched;
          const size = `${viewport.width}x${viewport.height}`;
          expect((await measure(page)).smallestText).toBeGreaterThanOrEqual(11);
          await saveScreenshot(page, `diagram-${name}-${size}-${colorScheme}`);
          await page.keyboard.press('F5');
          await expect.poll(() => page.getByTestId('presentation-bar').count()).toBe(1);
          await settleViewport(page);
          expect((await measure(page)).smallestText).toBeGreaterThanOrEqual(11);
          await saveScreenshot(page, `diagram-${name}-${size}-${colorScheme}-present`);
          await session.done(watched);
        });
});
