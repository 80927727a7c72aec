/**
 * The `canvas` benchmark (`npm run bench -- canvas` runs it alone): the built editor with a
 * 500-component, ~1,000-link project (restored through the autosave recovery) next to a bare
 * React Flow page with the same nodes and links, both open in one headless Chromium at
 * 1440×900. Drags one node and pans the view (60 steps each, one per frame), the two pages
 * taking turns, and reports medians of main-thread busy time, long frames and p95 frame time
 * with the paired editor ÷ bare ratios; also the time until the components show and the
 * renderer's initial JS size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { startStaticServer, type StaticServer } from '../../electron/node/static-server';
import { saveProject } from '../../shared/format/index';
import type { Project } from '../../shared/model/types';
import { launchChromium, VIEWPORT } from '../../test/support/browser';
import { generateProject } from '../generate';
import {
  centralNode,
  dragBy,
  emptyPanePoint,
  measureGesture,
  median,
  medianSample,
  STEPS,
  type GestureSample,
} from './measure';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
// BENCH_RENDERER: another built renderer to measure (e.g. an older commit's, for a before/after).
const RENDERER = process.env.BENCH_RENDERER ?? join(ROOT, 'out', 'renderer');
const COMPONENTS = 500;
/** Each site also linked to the next four: ~1,000 links for 500 components (issue #5). */
const NEIGHBOURS = 4;
const RUNS = 5;
const WAIT_MS = 60_000;
const round = (n: number): number => Math.round(n * 100) / 100;

export interface GestureComparison {
  readonly subject: GestureSample;
  readonly baseline: GestureSample;
  /** The median of `ratios`. */
  readonly ratio: number;
  /** subject taskMs ÷ baseline taskMs of each run (the two measured back to back). */
  readonly ratios: readonly number[];
}

export interface CanvasResult {
  readonly description: string;
  readonly components: number;
  readonly links: number;
  /** Editor: from the click on "restore" until the rendered component nodes stop changing. */
  readonly timeToVisibleMs: number;
  /** Bare page: from navigation start until its rendered nodes stop changing (includes page load). */
  readonly baselineTimeToVisibleMs: number;
  readonly renderedNodes: { readonly subject: number; readonly baseline: number };
  readonly initialJsGzipBytes: number;
  readonly runs: number;
  readonly steps: number;
  readonly drag: GestureComparison;
  readonly pan: GestureComparison;
  readonly targets: string;
}

/** Builds the app (unless BENCH_SKIP_BUILD=1 or BENCH_RENDERER is set) and checks that the renderer exists. */
function ensureRenderer(): void {
  if (process.env.BENCH_SKIP_BUILD !== '1' && process.env.BENCH_RENDERER === undefined) {
    // stdout of the build goes to stderr: the benchmark's stdout is one JSON object.
    const run = spawnSync('npm', ['run', 'build:app'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (run.status !== 0) throw new Error(`\`npm run build:app\` failed (exit ${run.status ?? run.signal})`);
  }
  if (!existsSync(join(RENDERER, 'index.html')))
    throw new Error(`The built renderer is missing (${RENDERER}): run \`npm run build:app\` first.`);
}

function initialJsGzipBytes(): number {
  const assets = join(RENDERER, 'assets');
  const entries = readdirSync(assets).filter((f) => /^index-.*\.js$/.test(f));
  if (entries.length === 0) throw new Error(`no index-*.js in ${assets}`);
  return entries.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
}

/** The bare page, built with Vite into a temporary directory, with the project's graph as graph.json. */
async function buildBarePage(project: Project, outDir: string): Promise<void> {
  await build({
    root: join(HERE, 'bare'),
    base: './',
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  const graph = {
    nodes: project.components.map((c) => ({ id: c.id, position: c.position, data: { label: c.name } })),
    edges: project.links.map((l) => ({ id: l.id, source: l.from, target: l.to })),
  };
  writeFileSync(join(outDir, 'graph.json'), JSON.stringify(graph));
}

/**
 * Resolves when the count of nodes matching `selector` has been non-zero and unchanged for 30
 * frames: the time of the last change after `since` (a page performance.now() value) and the count.
 */
async function waitForStableNodes(page: Page, selector: string): Promise<{ at: number; count: number }> {
  return page.evaluate(
    ({ sel, limit }) =>
      new Promise<{ at: number; count: number }>((resolve, reject) => {
        const start = performance.now();
        let count = -1;
        let changedAt = start;
        let still = 0;
        const tick = () => {
          const now = performance.now();
          const n = document.querySelectorAll(sel).length;
          if (n !== count) {
            count = n;
            changedAt = now;
            still = 0;
          } else still++;
          if (count > 0 && still >= 30) return resolve({ at: changedAt, count });
          if (now - start > limit) return reject(new Error(`nodes (${sel}) did not settle: ${count} rendered`));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { sel: selector, limit: WAIT_MS },
  );
}

/** A page ready for gestures: the canvas shown, a DevTools session for its metrics. */
interface GesturePage {
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly nodeSelector: string;
  readonly timeToVisibleMs: number;
  readonly rendered: number;
}

async function gesturePage(
  page: Page,
  nodeSelector: string,
  timeToVisibleMs: number,
  rendered: number,
): Promise<GesturePage> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp, nodeSelector, timeToVisibleMs, rendered };
}

/** Drags the node nearest the centre by (dx, dy) and checks that it moved. */
async function measureDrag(p: GesturePage, sign: number): Promise<GestureSample> {
  const { page, nodeSelector } = p;
  const node = await centralNode(page, nodeSelector);
  const before = await page.locator(`.react-flow__node[data-id="${node.id}"]`).boundingBox();
  const drag = await measureGesture(page, p.cdp, () => dragBy(page, node, sign * 160, sign * 40));
  const after = await page.locator(`.react-flow__node[data-id="${node.id}"]`).boundingBox();
  if (!before || !after || Math.abs(after.x - before.x) < 40)
    throw new Error(`dragging node ${node.id} did not move it (${nodeSelector})`);
  return drag;
}

async function measurePan(p: GesturePage, sign: number): Promise<GestureSample> {
  const point = await emptyPanePoint(p.page);
  return measureGesture(p.page, p.cdp, () => dragBy(p.page, point, sign * 300, sign * 120));
}

/**
 * Warm-up plus RUNS measured drags and pans on both pages, alternating direction so the view
 * stays put. The pages take turns gesture by gesture (who goes first alternates too), so a
 * busy phase of the machine — other processes share its two cores — lands on both sides of a
 * ratio instead of skewing it; each ratio is the median of the paired per-run ratios.
 */
async function interleavedGestures(
  editor: GesturePage,
  bare: GesturePage,
): Promise<{ drag: GestureComparison; pan: GestureComparison }> {
  const drags: [GestureSample, GestureSample][] = [];
  const pans: [GestureSample, GestureSample][] = [];
  for (let run = 0; run <= RUNS; run++) {
    const sign = run % 2 === 0 ? 1 : -1;
    const order = run % 2 === 0 ? [editor, bare] : [bare, editor];
    const drag = new Map<GesturePage, GestureSample>();
    for (const p of order) drag.set(p, await measureDrag(p, sign));
    const pan = new Map<GesturePage, GestureSample>();
    for (const p of order) pan.set(p, await measurePan(p, sign));
    if (run === 0) continue; // warm-up
    drags.push([drag.get(editor)!, drag.get(bare)!]);
    pans.push([pan.get(editor)!, pan.get(bare)!]);
  }
  return { drag: compareGesture(drags), pan: compareGesture(pans) };
}

/**
 * A page context at the shared viewport. tsx (esbuild, keepNames) wraps named functions in the
 * callbacks passed to page.evaluate with `__name(...)`, which the page lacks: define it there.
 */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { ...VIEWPORT } });
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  return context;
}

async function openEditor(context: BrowserContext, url: string, project: Project): Promise<GesturePage> {
  const recovery = JSON.stringify({ fileName: null, text: saveProject(project) });
  await context.addInitScript((value) => {
    // Only the first load: the editor's own autosave must not be overwritten on reload.
    if (sessionStorage.getItem('bench.seeded') === null) {
      localStorage.setItem('portolan.autosave', value);
      sessionStorage.setItem('bench.seeded', '1');
    }
  }, recovery);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(url);
  const restore = page.getByTestId('recovery-restore');
  await restore.waitFor({ state: 'visible' });
  const clickedAt = page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        document.addEventListener('click', () => resolve(performance.now()), { capture: true, once: true }),
      ),
  );
  await restore.click();
  const start = await clickedAt;
  await page.locator('[data-testid="canvas"] .react-flow__pane').waitFor();
  const shown = await waitForStableNodes(page, '.react-flow__node-component');
  return gesturePage(page, '.react-flow__node-component', round(shown.at - start), shown.count);
}

async function openBare(context: BrowserContext, url: string): Promise<GesturePage> {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(url);
  await page.locator('.react-flow__pane').waitFor();
  const shown = await waitForStableNodes(page, '.react-flow__node-default');
  return gesturePage(page, '.react-flow__node-default', round(shown.at), shown.count);
}

function compareGesture(pairs: readonly (readonly [GestureSample, GestureSample])[]): GestureComparison {
  const ratios = pairs.map(([subject, baseline]) => round(subject.taskMs / Math.max(baseline.taskMs, 0.01)));
  return {
    subject: medianSample(pairs.map(([subject]) => subject)),
    baseline: medianSample(pairs.map(([, baseline]) => baseline)),
    ratio: round(median(ratios)),
    ratios,
  };
}

export async function canvasBench(): Promise<CanvasResult> {
  ensureRenderer();
  const project = generateProject(COMPONENTS, { neighbours: NEIGHBOURS });
  const bareDir = mkdtempSync(join(tmpdir(), 'portolan-bench-bare-'));
  const servers: StaticServer[] = [];
  let browser: Browser | undefined;
  try {
    await buildBarePage(project, bareDir);
    const editorServer = await startStaticServer({ root: RENDERER, port: 0 });
    servers.push(editorServer);
    const bareServer = await startStaticServer({ root: bareDir, port: 0 });
    servers.push(bareServer);
    browser = await launchChromium();
    const editorContext = await newContext(browser);
    const bareContext = await newContext(browser);
    const editor = await openEditor(editorContext, editorServer.url, project);
    const bare = await openBare(bareContext, bareServer.url);
    const { drag, pan } = await interleavedGestures(editor, bare);
    return {
      description: `editor canvas (built renderer, project restored from autosave) vs a bare React Flow page with the same graph; ${STEPS}-step drag of a central node and ${STEPS}-step pan, the two pages taking turns, median of ${RUNS} paired runs after a warm-up`,
      components: project.components.length,
      links: project.links.length,
      timeToVisibleMs: editor.timeToVisibleMs,
      baselineTimeToVisibleMs: bare.timeToVisibleMs,
      renderedNodes: { subject: editor.rendered, baseline: bare.rendered },
      initialJsGzipBytes: initialJsGzipBytes(),
      runs: RUNS,
      steps: STEPS,
      drag,
      pan,
      targets: 'drag and pan: main-thread ratio <= 1.3 and subject p95 <= 33 ms; initialJsGzipBytes <= 450 KB',
    };
  } finally {
    await browser?.close().catch(() => undefined);
    for (const server of servers) await server.close().catch(() => undefined);
    rmSync(bareDir, { recursive: true, force: true });
  }
}
