/**
 * The `canvas` benchmark: the built editor with a 500-component project (restored through the
 * autosave recovery) next to a bare React Flow page with the same nodes and links, both in
 * headless Chromium at 1440×900. Drags one node and pans the view (60 steps each, one per
 * frame), several times, and reports medians of main-thread busy time, long frames and p95
 * frame time; also the time until the components show and the renderer's initial JS size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  medianSample,
  STEPS,
  type GestureSample,
} from './measure';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RENDERER = join(ROOT, 'out', 'renderer');
const COMPONENTS = 500;
const RUNS = 3;
const WAIT_MS = 60_000;
const round = (n: number): number => Math.round(n * 100) / 100;

export interface GestureComparison {
  readonly subject: GestureSample;
  readonly baseline: GestureSample;
  /** subject taskMs ÷ baseline taskMs. */
  readonly ratio: number;
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

/** Builds the app (unless BENCH_SKIP_BUILD=1) and checks that out/renderer exists. */
function ensureRenderer(): void {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
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

interface PageRun {
  readonly drag: GestureSample;
  readonly pan: GestureSample;
}

/** Warm-up plus RUNS measured drags and pans, alternating direction so the view stays put. */
async function runGestures(page: Page, nodeSelector: string): Promise<PageRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  try {
    const drags: GestureSample[] = [];
    const pans: GestureSample[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const sign = run % 2 === 0 ? 1 : -1;
      const node = await centralNode(page, nodeSelector);
      const before = await page.locator(`.react-flow__node[data-id="${node.id}"]`).boundingBox();
      const drag = await measureGesture(page, cdp, () => dragBy(page, node, sign * 160, sign * 40));
      const after = await page.locator(`.react-flow__node[data-id="${node.id}"]`).boundingBox();
      if (!before || !after || Math.abs(after.x - before.x) < 40)
        throw new Error(`dragging node ${node.id} did not move it (${nodeSelector})`);
      const point = await emptyPanePoint(page);
      const pan = await measureGesture(page, cdp, () => dragBy(page, point, sign * 300, sign * 120));
      if (run > 0) {
        drags.push(drag);
        pans.push(pan);
      }
    }
    return { drag: medianSample(drags), pan: medianSample(pans) };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
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

async function measureEditor(browser: Browser, url: string, project: Project) {
  const context = await newContext(browser);
  try {
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
    const timeToVisibleMs = round(shown.at - start);
    const gestures = await runGestures(page, '.react-flow__node-component');
    return { timeToVisibleMs, rendered: shown.count, ...gestures };
  } finally {
    await context.close();
  }
}

async function measureBare(browser: Browser, url: string) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(url);
    await page.locator('.react-flow__pane').waitFor();
    const shown = await waitForStableNodes(page, '.react-flow__node-default');
    const gestures = await runGestures(page, '.react-flow__node-default');
    return { timeToVisibleMs: round(shown.at), rendered: shown.count, ...gestures };
  } finally {
    await context.close();
  }
}

const compareGesture = (subject: GestureSample, baseline: GestureSample): GestureComparison => ({
  subject,
  baseline,
  ratio: round(subject.taskMs / Math.max(baseline.taskMs, 0.01)),
});

export async function canvasBench(): Promise<CanvasResult> {
  ensureRenderer();
  const project = generateProject(COMPONENTS);
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
    const editor = await measureEditor(browser, editorServer.url, project);
    const bare = await measureBare(browser, bareServer.url);
    return {
      description: `editor canvas (built renderer, project restored from autosave) vs a bare React Flow page with the same graph; ${STEPS}-step drag of a central node and ${STEPS}-step pan, median of ${RUNS} runs after a warm-up`,
      components: project.components.length,
      links: project.links.length,
      timeToVisibleMs: editor.timeToVisibleMs,
      baselineTimeToVisibleMs: bare.timeToVisibleMs,
      renderedNodes: { subject: editor.rendered, baseline: bare.rendered },
      initialJsGzipBytes: initialJsGzipBytes(),
      runs: RUNS,
      steps: STEPS,
      drag: compareGesture(editor.drag, bare.drag),
      pan: compareGesture(editor.pan, bare.pan),
      targets: 'drag and pan: main-thread ratio <= 1.3 and subject p95 <= 33 ms; initialJsGzipBytes <= 450 KB',
    };
  } finally {
    await browser?.close().catch(() => undefined);
    for (const server of servers) await server.close().catch(() => undefined);
    rmSync(bareDir, { recursive: true, force: true });
  }
}
