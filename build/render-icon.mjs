/**
 * Renders build/icon.svg to build/icon.png (512×512, transparent corners) with Debian's
 * Chromium through playwright-core — the same browser the end-to-end tests use. electron-builder
 * derives the Windows .ico and macOS .icns from this PNG.
 *
 * Usage: node build/render-icon.mjs   (PORTOLAN_CHROMIUM overrides /usr/bin/chromium)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const svg = readFileSync(fileURLToPath(new URL('./icon.svg', import.meta.url)), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.PORTOLAN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(
    `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`,
  );
  await page.screenshot({
    path: fileURLToPath(new URL('./icon.png', import.meta.url)),
    omitBackground: true,
    clip: { x: 0, y: 0, width: 512, height: 512 },
  });
} finally {
  await browser.close();
}
