/**
 * End-to-end: a drop that reroutes many long edges is routed in a worker (renderer/src/canvas/
 * drop-routing.ts) — the bundled worker loads under the editor's content security policy, the
 * canvas says it is busy while the routes are found, and the picture it then draws is the one
 * the same editor draws when it routes the drop on its own thread (a page without workers).
 * That the routes are `dropDiagram`'s is proven in-process (test/unit/renderer/canvas-flow).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate';
import { diagramOf } from '../../shared/diagram/diagram';
import { planDrop } from '../../shared/diagram/drop';
import { saveProject } from '../../shared/format/index';
import { moveComponents, type ComponentId } from '../../shared/model/index';
import { routesAway } from '../../renderer/src/canvas/drop-routing';
import { needChromium, settleViewport, type WatchedPage } from '../support/browser';
import { editorSession } from '../support/editor-session';

const chromium = needChromium();

/** How far the hub is dragged, in flow px (the screen distance follows from the zoom). */
const MOVE = { x: 400, y: 160 };

declare global {
  interface Window {
    /** The canvas's aria-busy values, as they changed. */
    __busy?: (string | null)[];
  }
}

/** What a drop left on the page: where the hub is, every drawn edge's path, how busy the canvas was. */
interface Dropped {
  readonly at: { readonly x: number; readonly y: number };
  readonly paths: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly busy: string;
  readonly workers: readonly string[];
}

/** The first and last point of a drawn path (`M x,y … x,y`). */
const ends = (d: string): string[] => {
  const numbers = d.match(/-?[\d.]+/g) ?? [];
  return [...numbers.slice(0, 2), ...numbers.slice(-2)];
};

/**
 * Whether a drawn path is orthogonal: between its rounded corners (`Q` to a point one radius on),
 * every straight run (`L`) keeps its x or its y.
 */
function orthogonal(d: string): boolean {
  const points = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  const corners = [...d.matchAll(/Q-?[\d.]+,-?[\d.]+ (-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
  }));
  // Each L starts where the previous command ended: the M, or the end of a corner.
  const starts = [points[0]!, ...corners];
  return points.slice(1).every((p, i) => {
    const from = starts[i] ?? points[i]!;
    return p.x === from.x || p.y === from.y;
  });
}

describe.skipIf(chromium.skip)('a large drop in Chromium (built renderer)', () => {
  const session = editorSession();
  // 300 components, each site's clients also linked to the next four sites: moving a site's
  // nextauth reroutes about a hundred edges among 333 obstacles, which the canvas hands away.
  const project = generateProject(300, { neighbours: 4 });
  const recovery = JSON.stringify({ fileName: null, text: saveProject(project) });
  const pages: WatchedPage[] = [];

  async function open(workers: boolean): Promise<Page> {
    const watched = await session.open({
      init: {
        script: ({ value, workers }: { value: string; workers: boolean }) => {
          localStorage.setItem('portolan.autosave', value);
          // A browser without workers: the canvas routes every drop on its own thread.
          if (!workers) Reflect.deleteProperty(window, 'Worker');
        },
        arg: { value: recovery, workers },
      },
    });
    pages.push(watched);
    await watched.page.getByTestId('recovery-restore').click();
    await watched.page.locator('.react-flow__node-component').first().waitFor();
    await settleViewport(watched.page);
    return watched.page;
  }

  /**
   * A site's nextauth whose drop is a lot of routing work, well inside the view: near the pane's
   * border React Flow pans the view while dragging, and the drop would land elsewhere.
   */
  async function hubOf(page: Page): Promise<string> {
    const before = diagramOf(project);
    const shown = await page.locator('.react-flow__node-component').evaluateAll((els) => {
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      return els
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return (
            r.left > pane.left + 150 &&
            r.right < pane.right - 150 &&
            r.top > pane.top + 150 &&
            r.bottom < pane.bottom - 150
          );
        })
        .map((e) => e.getAttribute('data-id') ?? '');
    });
    const hub = shown.find((id) => {
      if (!id.endsWith('-nextauth')) return false;
      const c = project.components.find((x) => x.id === id)!;
      const at = { x: c.position.x + MOVE.x, y: c.position.y + MOVE.y };
      const plan = planDrop(before, moveComponents(project, new Map([[id as ComponentId, at]])));
      return 'routing' in plan && routesAway(plan.routing);
    });
    if (hub === undefined) throw new Error('no nextauth well inside the view whose drop is routed away');
    return hub;
  }

  async function drop(page: Page, hub: string): Promise<Dropped> {
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="canvas"]')!;
      window.__busy = [];
      new MutationObserver(() => window.__busy!.push(canvas.getAttribute('aria-busy'))).observe(canvas, {
        attributes: true,
        attributeFilter: ['aria-busy'],
      });
    });
    const zoom = await page.evaluate(
      () => new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a,
    );
    const node = page.locator(`.react-flow__node[data-id="${hub}"]`);
    const box = (await node.boundingBox())!;
    const from = { x: box.x + box.width / 2, y: box.y + Math.min(10, box.height / 2) };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++)
      await page.mouse.move(from.x + (MOVE.x * zoom * i) / 12, from.y + (MOVE.y * zoom * i) / 12);
    await page.mouse.up();
    // Busy until the routes are drawn, then not.
    await expect.poll(() => page.evaluate(() => window.__busy!.at(-1))).toBe(null);
    const at = await node.evaluate((e) => {
      const m = new DOMMatrixReadOnly(getComputedStyle(e).transform);
      return { x: m.e, y: m.f };
    });
    const paths = Object.fromEntries(
      await page
        .locator('.pl-edge-layer > .react-flow__edge')
        .evaluateAll((els) =>
          els.map((e) => [e.getAttribute('data-id')!, e.querySelector('.react-flow__edge-path')!.getAttribute('d')!]),
        ),
    );
    const labels = Object.fromEntries(
      await page
        .locator('.pl-clabel')
        .evaluateAll((els) =>
          els.map((e) => [e.getAttribute('data-edge')!, `${e.style.marginLeft},${e.style.marginTop},${e.style.width}`]),
        ),
    );
    return { at, paths, labels, busy: await page.evaluate(() => window.__busy!.join(',')), workers };
  }

  it('routes the drop in a worker, busy meanwhile, and draws what routing it on its own thread draws', async () => {
    const withWorker = await open(true);
    const hub = await hubOf(withWorker);
    const routedAway = await drop(withWorker, hub);
    expect(routedAway.busy).toBe('true,');
    expect(
      routedAway.workers.some((url) => /route-worker/.test(url)),
      routedAway.workers.join(' '),
    ).toBe(true);
    expect(routedAway.at).not.toEqual(project.components.find((c) => c.id === hub)!.position);

    const without = await open(false);
    const routedHere = await drop(without, hub);
    expect(routedHere.workers).toEqual([]);
    expect(routedHere.at).toEqual(routedAway.at);
    // The hub's edges among them, and every path drawn the same.
    const hubEdges = [...project.links.filter((l) => l.from === hub || l.to === hub).map((l) => l.id)];
    expect(hubEdges.length).toBeGreaterThan(0);
    for (const id of hubEdges) expect(routedAway.paths[id], id).toBeDefined();
    // Every edge drawn, starting and ending where it does when routed here, and every label in
    // the same place. (Not the bends: in Chromium the router's nudging varies by a pixel or so
    // with the history of the thread it runs on — a fresh worker and a page that has routed
    // before disagree there even for the same request; in Node it does not.)
    expect(Object.keys(routedAway.paths).sort()).toEqual(Object.keys(routedHere.paths).sort());
    for (const [id, d] of Object.entries(routedAway.paths)) expect(ends(d), id).toEqual(ends(routedHere.paths[id]!));
    expect(routedAway.labels).toEqual(routedHere.labels);
    // The hub's edges have their routes: a route missing from the answer would be drawn as a
    // diagonal from the source to the label (finishDrop's fallback), not orthogonal.
    for (const id of hubEdges) expect(orthogonal(routedAway.paths[id]!), id).toBe(true);
  });

  it('saw no console errors', async () => {
    for (const watched of pages) await session.done(watched);
  });
});
