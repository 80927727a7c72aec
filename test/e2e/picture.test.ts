/**
 * End-to-end: the diagram leaves the editor. Export diagram… writes PNG, PDF and SVG downloads
 * that carry the project (the SVG byte for byte what the CLI's composition writes); printing
 * shows the picture alone, fitted to the page; presentation steps through every traffic flow of
 * the manual template (a screenshot per flow, light and dark — open them: a customer sees these),
 * with redaction and problem badges switchable and the drawing out of reach of the pointer;
 * dropping an exported PNG opens the very project it was made from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { svgFonts } from '../../electron/node/render-fonts';
import { renderPdf, type Paper } from '../../electron/node/render-pdf';
import { trafficFlows } from '../../shared/diagram/flows';
import { saveProject } from '../../shared/format/index';
import { concatBytes } from '../../shared/render/bytes';
import { projectFromPicture } from '../../shared/render/embedded';
import { renderPicture } from '../../shared/render/picture';
import { pngSize } from '../../shared/render/png-text';
import { needChromium, saveScreenshot, settleViewport, type WatchedPage } from '../support/browser';
import { editorSession } from '../support/editor-session';
import { template } from '../support/fixtures';
import { pdfObjects } from '../support/pdf-objects';
import { needTool } from '../support/tools';

const chromium = needChromium();
const poppler = needTool('/usr/bin/pdftotext', 'PDF checks with poppler-utils');

/** Headless Chromium has the File System Access API but aborts its pickers: saves become downloads. */
const WITHOUT_SAVE_PICKER = () => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined });

/** The title block's date in these tests (the page's clock is fixed to it). */
const DATE = '2026-03-14';

const MANUAL_TEXT = saveProject(template('manual'));

describe.skipIf(chromium.skip)('pictures of the diagram (built renderer)', () => {
  const session = editorSession();
  const dir = mkdtempSync(join(tmpdir(), 'portolan-picture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function openManual(colorScheme: 'light' | 'dark' = 'light'): Promise<WatchedPage> {
    const watched = await session.open({ colorScheme, init: { script: WITHOUT_SAVE_PICKER } });
    await watched.page.clock.setFixedTime(new Date(`${DATE}T12:00:00`));
    await watched.page.getByTestId('template-manual').click();
    await expect.poll(() => watched.page.getByTestId('node-nextauth').count()).toBe(1);
    await settleViewport(watched.page);
    return watched;
  }

  async function saved(download: Download): Promise<{ name: string; bytes: Uint8Array }> {
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
  }

  async function exportAs(page: Page, format: 'svg' | 'png' | 'pdf'): Promise<{ name: string; bytes: Uint8Array }> {
    await page.getByTestId(`export-diagram-format-${format}`).check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('export-diagram-save').click(),
    ]);
    const file = await saved(download);
    await expect.poll(() => page.getByTestId('export-diagram-status').textContent()).toMatch(/^Downloaded /);
    return file;
  }

  /**
   * The editor's PDF against the CLI's for the same picture: object for object the same once
   * every stream is inflated (the builds differ in their deflate alone), and — read by Poppler,
   * as a user's viewer would — the same text and the same attached project file.
   */
  async function expectCliPdf(
    editor: { name: string; bytes: Uint8Array },
    cli: ReturnType<typeof renderPicture>,
    page: { paper: Paper; landscape: boolean },
  ): Promise<void> {
    const theirs = await renderPdf(cli.svg, cli.content, page);
    expect(pdfObjects(editor.bytes)).toEqual(pdfObjects(theirs));
    expect(projectFromPicture(editor.bytes)).toEqual(projectFromPicture(theirs));
    if (poppler.skip) return;
    const cliPath = join(dir, `cli-${editor.name}`);
    writeFileSync(cliPath, theirs);
    const editorPath = join(dir, editor.name);
    const text = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text(editorPath)).toBe(text(cliPath));
    const attachment = (path: string, out: string) => {
      execFileSync('pdfdetach', ['-save', '1', '-o', join(dir, out), path]);
      return readFileSync(join(dir, out), 'utf8');
    };
    expect(attachment(editorPath, 'editor.yaml')).toBe(attachment(cliPath, 'cli.yaml'));
  }

  /** Opens Export diagram… from the canvas (its shortcut) and waits for the preview. */
  async function openExportDialog(page: Page): Promise<void> {
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.keyboard.press('Control+Shift+E');
    await expect.poll(() => page.getByTestId('export-diagram-preview').count(), { timeout: 15_000 }).toBe(1);
  }

  /** Decodes a PNG in the page (a real decoder) and returns its size. */
  async function decodedSize(page: Page, png: Uint8Array): Promise<{ width: number; height: number }> {
    return page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      return { width: bitmap.width, height: bitmap.height };
    }, Buffer.from(png).toString('base64'));
  }

  it('Export diagram… downloads SVG, PNG and PDF that carry the project; the SVG is what the CLI writes', async () => {
    const watched = await openManual();
    const { page } = watched;
    await openExportDialog(page);
    await page.getByTestId('export-diagram-theme-light').check();
    await saveScreenshot(page, 'picture-export-dialog');

    // SVG: byte for byte the CLI's composition of the same file, date and options.
    const svg = await exportAs(page, 'svg');
    expect(svg.name).toBe('nextauth-behind-nginx.svg');
    const project = template('manual');
    const cli = renderPicture(MANUAL_TEXT, project, {
      theme: 'light',
      view: 'full',
      redact: false,
      date: DATE,
      fonts: await svgFonts(),
    });
    const svgText = new TextDecoder().decode(svg.bytes);
    expect(svgText === cli.svg, 'the editor and the CLI wrote different SVG').toBe(true);
    expect(projectFromPicture(svg.bytes)?.text).toBe(MANUAL_TEXT);
    const width = Number(/<svg\b[^>]*\swidth="([0-9.]+)"/.exec(svgText)![1]);
    const height = Number(/<svg\b[^>]*\sheight="([0-9.]+)"/.exec(svgText)![1]);

    // PNG at 2×: decodes at twice the picture's size and carries the project file exactly.
    await page.getByTestId('export-diagram-format-png').check();
    await page.getByTestId('export-diagram-scale-2').check();
    const png = await exportAs(page, 'png');
    expect(png.name).toBe('nextauth-behind-nginx@2x.png');
    const expected = { width: Math.ceil(width * 2), height: Math.ceil(height * 2) };
    expect(pngSize(png.bytes)).toEqual(expected);
    expect(await decodedSize(page, png.bytes)).toEqual(expected);
    expect(projectFromPicture(png.bytes)).toEqual({ kind: 'png', text: MANUAL_TEXT });

    // PDF on A4 landscape: a PDF whose attachment is the project, and the CLI's PDF but for the
    // deflate (PDFKit's browser build compresses with fflate, its Node build with zlib).
    await page.getByTestId('export-diagram-format-pdf').check();
    await page.getByTestId('export-diagram-paper-a4').check();
    await saveScreenshot(page, 'picture-export-dialog-pdf');
    const pdf = await exportAs(page, 'pdf');
    expect(pdf.name).toBe('nextauth-behind-nginx.pdf');
    expect(new TextDecoder().decode(pdf.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(projectFromPicture(pdf.bytes)).toEqual({ kind: 'pdf', text: MANUAL_TEXT });
    await expectCliPdf(pdf, cli, { paper: 'a4', landscape: true });
    if (!poppler.skip) {
      const path = join(dir, pdf.name);
      const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
      expect(text).toContain('nextAuth behind nginx');
      for (const c of project.components) expect(text.replace(/\s+/g, ' ')).toContain(c.name.split(' ')[0]);
      execFileSync('pdftoppm', ['-r', '40', '-png', path, join(dir, 'page')]);
      const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+1/);
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    }
    await session.done(watched);
  }, 90_000);

  it('redacted, the picture and the project it carries name no host of the drawing', async () => {
    const watched = await openManual();
    const { page } = watched;
    await openExportDialog(page);
    await page.getByTestId('export-diagram-redact').check();
    const png = await exportAs(page, 'png');
    expect(png.name).toMatch(/-redacted@2x\.png$/);
    const svg = await exportAs(page, 'svg');
    const hosts = template('manual').routes.map((r) => r.host);
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) {
      expect(new TextDecoder().decode(svg.bytes)).not.toContain(host);
      expect(projectFromPicture(png.bytes)!.text).not.toContain(host);
    }
    // One switch: presentation starts redacted too.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F5');
    await expect.poll(() => page.getByTestId('presentation-redact').getAttribute('aria-pressed')).toBe('true');
    await session.done(watched);
  }, 60_000);

  it('Copy diagram as image puts a PNG on the clipboard; a refusal says what to do instead', async () => {
    const watched = await openManual();
    const { page } = watched;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('on the clipboard as an image');
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item!.getType('image/png');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    });
    // The clipboard re-encodes images, so the project chunk does not survive; the picture does.
    const png = new Uint8Array(Buffer.from(copied, 'base64'));
    const size = pngSize(png);
    expect(size.width).toBeGreaterThan(2000);
    expect(await decodedSize(page, png)).toEqual(size);

    await page.evaluate(() => {
      navigator.clipboard.write = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await page.getByTestId('notice-dismiss').click();
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('The clipboard refused the picture');
    expect(await page.getByTestId('notice').textContent()).toContain('Export diagram');
    await session.done(watched);
  }, 60_000);

  it('prints the picture alone, title block and legend included, fitted to the page', async () => {
    const watched = await openManual();
    const { page } = watched;
    await page.emulateMedia({ media: 'print' });
    const image = page.getByTestId('print-picture').locator('img');
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 })
      .toBe(true);
    await saveScreenshot(page, 'picture-print');
    for (const gone of ['titlebar', 'editor', 'canvas'])
      expect(await page.getByTestId(gone).isVisible(), gone).toBe(false);
    const box = (await image.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.width).toBeGreaterThan(viewport.width * 0.9);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
    // The printed picture is the light SVG picture carrying the project.
    const src = (await image.getAttribute('src'))!;
    const svg = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');
    expect(projectFromPicture(new Uint8Array(svg))?.text).toBe(MANUAL_TEXT);
    // Landscape paper for a wide picture.
    expect(await page.getByTestId('print-picture').locator('style').textContent()).toContain('landscape');

    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('print-picture').isVisible()).toBe(false);
    expect(await page.getByTestId('titlebar').isVisible()).toBe(true);
    await session.done(watched);
  }, 60_000);

  for (const colorScheme of ['light', 'dark'] as const)
    it(`presents every traffic flow of the manual template, ${colorScheme}`, async () => {
      const watched = await openManual(colorScheme);
      const { page } = watched;
      const flows = trafficFlows(template('manual'));
      expect(flows.length).toBeGreaterThanOrEqual(7);
      await page.keyboard.press('F5');
      await expect.poll(() => page.getByTestId('presentation-bar').count()).toBe(1);
      await settleViewport(page);
      expect(await page.getByTestId('presentation-title').textContent()).toContain('nextAuth behind nginx');
      expect(await page.getByTestId('presentation-title').textContent()).toContain(DATE);
      expect(await page.getByTestId('presentation-legend').textContent()).toContain('Public URL');
      expect(await page.getByTestId('flow-position').textContent()).toBe(`${flows.length} flows`);
      // No handles on show.
      expect(
        await page
          .locator('.react-flow__handle')
          .evaluateAll((hs) => hs.every((h) => getComputedStyle(h).visibility === 'hidden')),
      ).toBe(true);
      await saveScreenshot(page, `picture-present-${colorScheme}-overview`);
      const viewport = await page.locator('.react-flow__viewport').getAttribute('style');

      for (const [i, flow] of flows.entries()) {
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => page.getByTestId('flow-position').textContent()).toBe(`${i + 1} / ${flows.length}`);
        expect(await page.getByTestId('flow-title').textContent()).toBe(flow.title);
        const caption = (await page.getByTestId('flow-caption').textContent()) ?? '';
        for (const url of flow.urls.slice(0, 3)) expect(caption).toContain(url);
        if (flow.tlsEnds.length > 0) expect(await page.getByTestId('flow-tls').textContent()).toMatch(/^TLS ends at /);
        await page.waitForTimeout(250); // the dimming eases in
        const opacity = (id: string) =>
          page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((n) => Number(getComputedStyle(n).opacity));
        for (const id of flow.nodes) expect(await opacity(id), `${flow.id}: ${id} on the path`).toBe(1);
        const off = template('manual').components.find((c) => !flow.nodes.includes(c.id));
        if (off) expect(await opacity(off.id), `${flow.id}: ${off.id} off the path`).toBeLessThan(0.5);
        for (const edge of flow.edges)
          expect(
            await page.locator(`.react-flow__edge[data-id="${edge}"]`).evaluate((e) => getComputedStyle(e).opacity),
          ).toBe('1');
        await saveScreenshot(page, `picture-present-${colorScheme}-flow-${i + 1}`);
      }
      // Stepping never moved the drawing; past the last flow comes the whole diagram again.
      expect(await page.locator('.react-flow__viewport').getAttribute('style')).toBe(viewport);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByTestId('flow-position').textContent()).toBe(`${flows.length} flows`);
      await page.keyboard.press('ArrowLeft');
      await expect
        .poll(() => page.getByTestId('flow-position').textContent())
        .toBe(`${flows.length} / ${flows.length}`);

      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('presentation-bar').count()).toBe(0);
      await expect.poll(() => page.getByTestId('titlebar').count()).toBe(1);
      await session.done(watched);
    }, 120_000);

  it('presenting: clicks neither select nor move, edits do nothing, redaction and badges switch', async () => {
    const watched = await openManual();
    const { page } = watched;
    // A problem to badge: the public WebSocket URL removed (NA010 on the mobile app).
    await page.getByTestId('edge-label-route:ws').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('[data-testid="badge-error"]').count()).toBeGreaterThan(0);
    // Selected and copied: Delete, paste or duplicate would each change the document if they got through.
    await page.getByTestId('node-nextauth').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('F5');
    await expect.poll(() => page.getByTestId('presentation-bar').count()).toBe(1);
    await settleViewport(page);
    const node = page.locator('.react-flow__node[data-id="nextauth"]');
    const before = await node.getAttribute('style');
    const box = (await node.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 20);
    await page.mouse.move(box.x + box.width / 2, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + 80, { steps: 8 });
    await page.mouse.up();
    expect(await node.getAttribute('class')).not.toContain('selected');
    expect(await page.getByTestId('node-nextauth').getAttribute('class')).not.toContain('is-selected');
    expect(await node.getAttribute('style')).toBe(before);
    for (const key of ['Delete', 'Backspace', 'Control+z', 'Control+v', 'Control+d', 'ArrowUp'])
      await page.keyboard.press(key);

    // Badges: shown, then hidden with their switch.
    expect(await page.locator('[data-testid="badge-error"]').count()).toBeGreaterThan(0);
    await page.getByTestId('presentation-badges').click();
    await expect.poll(() => page.locator('[data-testid="badge-error"]').count()).toBe(0);
    // Redaction: no host of the drawing on the canvas or in the caption.
    const hosts = template('manual').routes.map((r) => r.host);
    const canvasText = async () => (await page.getByTestId('presentation-canvas').textContent()) ?? '';
    const shown = (text: string) => hosts.filter((h) => text.includes(h));
    expect(shown(await canvasText()).length).toBeGreaterThan(0);
    await page.getByTestId('presentation-redact').click();
    await expect.poll(async () => shown(await canvasText())).toEqual([]);
    await page.keyboard.press('ArrowRight');
    for (const h of hosts) expect(await page.getByTestId('flow-caption').textContent()).not.toContain(h);
    await saveScreenshot(page, 'picture-present-redacted');

    // Back in the editor: the document is as it was before presenting — nothing deleted, pasted
    // or undone (the WebSocket route is still gone), and not redacted.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('titlebar').count()).toBe(1);
    expect(await page.getByTestId('node-nextauth').count()).toBe(1);
    expect(await page.locator('.react-flow__node[data-id="nextauth-2"]').count()).toBe(0);
    expect(await page.getByTestId('edge-label-route:ws').count()).toBe(0);
    expect(await page.getByTestId('canvas').textContent()).toContain(hosts.find((h) => h.startsWith('mobile'))!);
    await session.done(watched);
  }, 60_000);

  it('a project named in Polish, Cyrillic, Greek and Vietnamese prints as text in the PDF, as the CLI’s does', async () => {
    const watched = await openManual();
    const { page } = watched;
    const manual = template('manual');
    const project = {
      ...manual,
      meta: { ...manual.meta, name: 'Łódź – Привет Ελλάδα', description: 'Hà Nội ἀρχή Ѣ' },
      components: manual.components.map((c, i) => (i === 0 ? { ...c, name: 'Шлюз Gateway' } : c)),
    };
    const text = saveProject(project);
    await page.evaluate((yaml) => {
      const data = new DataTransfer();
      data.items.add(new File([yaml], 'scripts.portolan.yaml', { type: 'application/yaml' }));
      const target = document.querySelector('.pl-app')!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    }, text);
    await expect
      .poll(() => page.getByTestId('titlebar').getByTestId('project-name').textContent())
      .toBe(project.meta.name);
    await openExportDialog(page);
    await page.getByTestId('export-diagram-theme-light').check();
    await page.getByTestId('export-diagram-format-pdf').check();
    await page.getByTestId('export-diagram-paper-fit').check();
    const pdf = await exportAs(page, 'pdf');
    const cli = renderPicture(text, project, {
      theme: 'light',
      view: 'full',
      redact: false,
      date: DATE,
      fonts: await svgFonts(),
    });
    await expectCliPdf(pdf, cli, { paper: 'fit', landscape: true });
    if (!poppler.skip) {
      const path = join(dir, pdf.name);
      const printed = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const words of ['Łódź', 'Привет', 'Ελλάδα', 'Hà Nội', 'ἀρχή', 'Ѣ', 'Шлюз']) expect(printed).toContain(words);
      // Inter's fallback subsets are embedded: the glyphs are there, not boxes.
      const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
      expect(fonts.match(/Inter/g)!.length).toBeGreaterThanOrEqual(8);
    }
    await session.done(watched);
  }, 90_000);

  it('dropping an exported PNG opens the very project it carries; a picture without one is refused clearly', async () => {
    const watched = await openManual();
    const { page } = watched;
    await openExportDialog(page);
    const png = await exportAs(page, 'png');
    await page.keyboard.press('Escape');
    await page.getByTestId('back-to-welcome').click();
    await expect.poll(() => page.getByTestId('welcome').count()).toBe(1);

    const drop = (name: string, bytes: Uint8Array) =>
      page.evaluate(
        ({ name, base64 }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], name, { type: 'image/png' }));
          const target = document.querySelector('.pl-app')!;
          target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
          target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
        },
        { name, base64: Buffer.from(bytes).toString('base64') },
      );

    await drop(png.name, png.bytes);
    await expect
      .poll(() => page.getByTestId('titlebar').getByTestId('project-name').textContent())
      .toBe('nextAuth behind nginx');
    expect(await page.getByTestId('notice').textContent()).toContain(`carried by ${png.name}`);
    // Saved again, it is the file the picture was made from, byte for byte.
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    expect(download.suggestedFilename()).toBe('nextauth-behind-nginx.portolan.yaml');
    expect(new TextDecoder().decode((await saved(download)).bytes)).toBe(MANUAL_TEXT);

    // A PNG from elsewhere: a clear notice, and the open project stays.
    await drop('photo.png', stripText(png.bytes));
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('photo.png holds no Portolan project');
    expect(await page.getByTestId('titlebar').getByTestId('project-name').textContent()).toBe('nextAuth behind nginx');
    await saveScreenshot(page, 'picture-drop-refused');
    await session.done(watched);
  }, 60_000);
});

/** The PNG without its text chunks: an image as any other program would write it. */
function stripText(png: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (!['tEXt', 'zTXt', 'iTXt'].includes(type)) parts.push(png.subarray(at, at + 12 + length));
    at += 12 + length;
  }
  return concatBytes(parts);
}
