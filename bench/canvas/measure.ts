/**
 * Gesture measurements in a Chromium page: main-thread busy time (DevTools
 * `Performance.getMetrics` TaskDuration before and after), and frame times collected with
 * requestAnimationFrame in the page while the gesture runs. Pages are driven only through
 * React Flow's DOM (`.react-flow`, `.react-flow__node[data-id]`, `.react-flow__pane`) and the
 * mouse, so the editor's canvas code can change underneath.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface GestureSample {
  /** Main-thread task time during the gesture, in ms (wall time: it includes time the thread waited for a core). */
  readonly taskMs: number;
  /** Main-thread CPU time during the gesture, in ms: what the page's own work cost, whatever else runs on the machine. */
  readonly cpuMs: number;
  /** Every frame time (requestAnimationFrame delta) during the gesture, in ms. */
  readonly frames: readonly number[];
}

export const STEPS = 60;

interface FrameProbe {
  frames: number[];
  running: boolean;
}

declare global {
  interface Window {
    __benchFrames?: FrameProbe;
    /** The project's component ids (set by an init script): which `.react-flow__node`s count. */
    __benchNodeIds?: ReadonlySet<string>;
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The main thread's task (wall) time and CPU time so far, in seconds. */
async function mainThreadSeconds(cdp: CDPSession): Promise<{ task: number; cpu: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((m) => m.name === 'TaskDuration');
  const cpu = metrics.find((m) => m.name === 'ThreadTime');
  if (!task || !cpu) throw new Error('Chromium reported no TaskDuration or ThreadTime metric');
  return { task: task.value, cpu: cpu.value };
}

/** Whether the page says some of it is still being updated (`aria-busy`). */
const busy = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.querySelector('[aria-busy="true"]') !== null);

/** Resolves after the page has produced `count` animation frames. */
export function nextFrames(page: Page, count = 1): Promise<void> {
  return page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let left = n;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    count,
  );
}

/**
 * Runs `gesture` (pointer down, STEPS moves one frame apart, pointer up) and measures it, up to
 * two frames after the pointer is released and the page is settled, so the work a drop causes
 * is counted too: a page that finishes a gesture's work later (the editor routes a large drop
 * in a worker and marks its canvas `aria-busy` until the routes are drawn) is measured until it
 * has — its own thread's share of that work included, and none of it left to run while the
 * other page is measured.
 */
export async function measureGesture(
  page: Page,
  cdp: CDPSession,
  gesture: () => Promise<void>,
): Promise<GestureSample> {
  await nextFrames(page, 3);
  await page.evaluate(() => {
    const probe: FrameProbe = { frames: [], running: true };
    window.__benchFrames = probe;
    let last = performance.now();
    const tick = (now: number) => {
      if (!probe.running) return;
      probe.frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
  await nextFrames(page, 1);
  const before = await mainThreadSeconds(cdp);
  await gesture();
  await nextFrames(page, 2);
  if (await busy(page)) {
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null, undefined, {
      polling: 50,
      timeout: 60_000,
    });
    await nextFrames(page, 2);
  }
  const after = await mainThreadSeconds(cdp);
  const frames = await page.evaluate(() => {
    const probe = window.__benchFrames!;
    probe.running = false;
    return probe.frames;
  });
  return {
    taskMs: round((after.task - before.task) * 1000),
    cpuMs: round((after.cpu - before.cpu) * 1000),
    frames: frames.map(round),
  };
}

interface Box {
  readonly x: number;
  readonly y: number;
}

/** The centre of the rendered component node closest to the centre of the canvas. */
export async function centralNode(page: Page): Promise<Box & { id: string }> {
  const found = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    const ids = window.__benchNodeIds!;
    let best: { id: string; x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      if (!ids.has(el.dataset.id ?? '')) continue;
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(r.height / 2, 12);
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (best === null || d < best.d) best = { id: el.dataset.id ?? '', x, y, d };
    }
    return best;
  });
  if (!found) throw new Error('no component node is rendered');
  return { id: found.id, x: found.x, y: found.y };
}

/** An empty point of the pane near the canvas centre (what a pan gesture grabs). */
export async function emptyPanePoint(page: Page): Promise<Box> {
  const found = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    for (let ring = 0; ring < 40; ring++) {
      for (let a = 0; a < 16; a++) {
        const x = cx + Math.cos((a / 16) * 2 * Math.PI) * ring * 10;
        const y = cy + Math.sin((a / 16) * 2 * Math.PI) * ring * 10;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!found) throw new Error('no empty point of the pane near the centre');
  return found;
}

/** Pointer down at `from`, STEPS moves (one per frame) by (dx, dy) in total, pointer up. */
export async function dragBy(page: Page, from: Box, dx: number, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= STEPS; i++) {
    await page.mouse.move(from.x + (dx * i) / STEPS, from.y + (dy * i) / STEPS);
    await nextFrames(page, 1);
  }
  await page.mouse.up();
}
