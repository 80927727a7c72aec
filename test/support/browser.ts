/**
 * Drives Debian's Chromium through playwright-core for end-to-end tests of the built renderer.
 * Never downloads browsers (no `playwright install`): the executable is /usr/bin/chromium, or
 * $PORTOLAN_CHROMIUM.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStaticServer } from '../../electron/node/static-server';
import { needTool, type ToolNeed } from './tools';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');
export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results');

export const CHROMIUM_PATH = process.env.PORTOLAN_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const VIEWPORT = { width: 1440, height: 900 } as const;

/** Skip decision for browser tests (throws under REQUIRE_REAL_TOOLS=1 when Chromium is missing). */
export function needChromium(): ToolNeed {
  return needTool(CHROMIUM_PATH, 'end-to-end tests in Chromium');
}

/** Throws a clear error unless `npm run build:app` has produced out/renderer/index.html. */
export function requireBuiltRenderer(): string {
  const index = join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`The built renderer is missing (${index}). Run \`npm run build:app\` before the end-to-end tests.`);
  }
  return RENDERER_DIR;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  readonly errors: string[];
}

export interface PageOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The system theme the page sees (`prefers-color-scheme`). */
  readonly colorScheme?: 'light' | 'dark';
}

/**
 * A fresh page (1440×900, light, unless told otherwise) whose console errors, uncaught
 * exceptions and failed requests are recorded.
 */
export async function openWatchedPage(browser: Browser, options: PageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { ...(options.viewport ?? VIEWPORT) },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url;
    errors.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) =>
    errors.push(`requestfailed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`),
  );
  return { page, errors };
}

/** Saves a full-viewport screenshot to test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export interface ServedRenderer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the built renderer on 127.0.0.1 with the production static server (port 0). */
export async function serveBuiltRenderer(): Promise<ServedRenderer> {
  const root = requireBuiltRenderer();
  return startStaticServer({ root, port: 0 });
}

/**
 * Waits until the canvas viewport (React Flow's `.react-flow__viewport` transform) has not moved
 * for three samples in a row: fits, pans and centring animate, and a fit runs a frame or two
 * after the nodes are in. Gives up after about five seconds.
 */
export async function settleViewport(page: Page): Promise<void> {
  const transform = () => page.locator('.react-flow__viewport').getAttribute('style');
  let last = await transform();
  for (let i = 0, still = 0; i < 60 && still < 3; i++) {
    await page.waitForTimeout(80);
    const now = await transform();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** A box on the page in screen pixels, as `getBoundingClientRect()` gives it. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Whether two boxes overlap by more than half a pixel (touching edges do not count). */
export const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/**
 * Opens a side panel the editor folded (it folds them when the diagram needs the width), as a
 * user would: by its rail button. Does nothing when the panel is open.
 */
export async function showPanel(page: Page, panel: 'palette' | 'inspector' | 'problems panel'): Promise<void> {
  const button = page.getByRole('button', { name: `Show ${panel}` });
  if ((await button.count()) > 0 && (await button.getAttribute('aria-expanded')) === 'false') await button.click();
}
