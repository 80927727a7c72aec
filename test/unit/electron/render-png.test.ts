/**
 * The PNG path with the real rasteriser (resvg, in-process): the encoder against resvg's own,
 * a picture drawn in bands against the same picture drawn whole, and the resvg-js behaviour the
 * fast path leans on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrange } from '../../../shared/diagram/arrange';
import { loadProject, saveProject } from '../../../shared/format/index';
import type { Project } from '../../../shared/model/types';
import { PNG_PROJECT_KEYWORD } from '../../../shared/render/embedded';
import { renderPicture } from '../../../shared/render/picture';
import { pngChunks, readPngText } from '../../../shared/render/png-text';
import { TEMPLATES } from '../../../shared/templates/index';
import { bandSvg, outlineSvg } from '../../../electron/node/png-band-svg';
import { planBands } from '../../../electron/node/png-bands';
import { rasterFonts, svgFonts, type SfntFont } from '../../../electron/node/render-fonts';
import { NO_CROP_COPY, PngRenderError, renderPng } from '../../../electron/node/render-png';
import { diagramProject } from '../../support/diagram-projects';

let dir: string;
let fonts: SfntFont[];
let options: ResvgRenderOptions;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-png-test-'));
  // Every subset a picture here may need: the same files for resvg directly and for renderPng.
  fonts = await rasterFonts('Ā Ж Ω');
  const fontFiles = fonts.map((f, i) => {
    const path = join(dir, `${i}.ttf`);
    writeFileSync(path, f.bytes);
    return path;
  });
  options = {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Inter', monospaceFamily: 'JetBrains Mono' },
    logLevel: 'off',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pictureOf(text: string, theme: 'light' | 'dark' = 'light'): Promise<string> {
  const loaded = loadProject(text);
  if (!loaded.ok) throw new Error('does not load');
  return renderPicture(text, loaded.project, {
    theme,
    view: 'full',
    redact: false,
    date: '2026-06-01',
    fonts: await svgFonts(),
  }).svg;
}

function arranged(project: Project): Project {
  const moves = arrange(project, { all: true });
  return { ...project, components: project.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })) };
}

const pixelsOf = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));

/** How many pixels differ, and by how much at most in any channel. */
function difference(a: Uint8Array, b: Uint8Array): { pixels: number; most: number } {
  let pixels = 0;
  let most = 0;
  for (let i = 0; i < a.length; i += 4) {
    let d = 0;
    for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(a[i + k]! - b[i + k]!));
    if (d > 0) pixels++;
    most = Math.max(most, d);
  }
  return { pixels, most };
}

describe('a picture drawn whole', () => {
  it('has exactly the pixels of resvg’s own PNG, and carries the project', async () => {
    const svg = await pictureOf(TEMPLATES[0]!.text, 'dark');
    const png = await renderPng(svg, { scale: 1, embeddedText: 'the project', fonts });
    const ours = pixelsOf(png);
    const theirs = pixelsOf(
      new Resvg(svg, { ...options, fitTo: { mode: 'width', value: ours.width } }).render().asPng(),
    );
    expect({ width: ours.width, height: ours.height }).toEqual({ width: theirs.width, height: theirs.height });
    expect(Buffer.compare(ours.data, theirs.data)).toBe(0);
    expect(readPngText(png, PNG_PROJECT_KEYWORD)).toBe('the project');
    expect(pngChunks(png)[1]!.type).toBe('iTXt');
  });

  it('un-premultiplies see-through pixels exactly as resvg does', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200">' +
      '<circle cx="100" cy="100" r="80" fill="#3366cc" fill-opacity="0.37"/>' +
      '<rect x="120" y="20" width="150" height="160" rx="30" fill="#e04010" opacity="0.61"/>' +
      '<text x="20" y="190" font-size="17" fill="#102030" fill-opacity="0.5">Half there — Ж</text></svg>';
    for (const scale of [1, 1.7]) {
      const png = await renderPng(svg, { scale, embeddedText: '', fonts });
      const ours = pixelsOf(png);
      const theirs = pixelsOf(
        new Resvg(svg, { ...options, fitTo: { mode: 'width', value: ours.width } }).render().asPng(),
      );
      expect(Buffer.compare(ours.data, theirs.data), `at ${scale}x`).toBe(0);
    }
  });

  it('refuses what resvg cannot draw, with the error code', async () => {
    const broken = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g></svg>';
    await expect(renderPng(broken, { scale: 1, embeddedText: '', fonts })).rejects.toMatchObject({
      code: 'png-render-failed',
    });
    await expect(renderPng(broken, { scale: 1, embeddedText: '', fonts })).rejects.toBeInstanceOf(PngRenderError);
    const huge = '<svg xmlns="http://www.w3.org/2000/svg" width="30000" height="30000"></svg>';
    await expect(renderPng(huge, { scale: 1, embeddedText: '', fonts })).rejects.toMatchObject({
      code: 'png-too-large',
    });
  });
});

describe('a picture drawn in bands', () => {
  let svg: string;
  let whole: PNG;

  beforeAll(async () => {
    // 60 components laid out: about 1,600 x 3,000 px, 500 texts.
    const project = arranged(diagramProject(60, 7));
    svg = await pictureOf(saveProject(project));
    const outline = outlineSvg(svg)!;
    // Large enough to be cut: the case this part is about.
    expect(planBands(outline.width, outline.height, Math.ceil(outline.width)).length).toBeGreaterThan(1);
    whole = pixelsOf(
      new Resvg(svg, { ...options, fitTo: { mode: 'width', value: Math.ceil(outline.width) } }).render().asPng(),
    );
  });

  it('is the picture drawn whole, but for f32 rounding of a few edge pixels; the same bytes every time', async () => {
    const png = await renderPng(svg, { scale: 1, embeddedText: 'p', fonts });
    const banded = pixelsOf(png);
    expect({ width: banded.width, height: banded.height }).toEqual({ width: whole.width, height: whole.height });
    const { pixels, most } = difference(banded.data, whole.data);
    expect(pixels / (whole.width * whole.height)).toBeLessThan(0.0001);
    expect(most).toBeLessThan(64);
    expect(pngChunks(png).filter((c) => c.type === 'IDAT').length).toBeGreaterThan(1);
    expect(
      Buffer.compare(Buffer.from(await renderPng(svg, { scale: 1, embeddedText: 'p', fonts })), Buffer.from(png)),
    ).toBe(0);
  });

  it('leaving out the texts out of reach changes no pixel of a band', async () => {
    const outline = outlineSvg(svg)!;
    expect(outline.texts.length).toBeGreaterThan(100);
    const everything = { ...outline, texts: [] };
    const width = Math.ceil(outline.width);
    for (const band of planBands(outline.width, outline.height, width)) {
      const pruned = bandSvg(svg, outline, band.top, band.height);
      expect(pruned.length).toBeLessThan(bandSvg(svg, everything, band.top, band.height).length);
      const a = await renderAsync(pruned, { ...options, fitTo: { mode: 'width', value: width } });
      const b = await renderAsync(bandSvg(svg, everything, band.top, band.height), {
        ...options,
        fitTo: { mode: 'width', value: width },
      });
      expect(a.height).toBe(band.rows);
      expect(Buffer.compare(a.pixels, b.pixels), `band at ${band.top}`).toBe(0);
    }
  });

  it('at 2x too', async () => {
    const at2 = pixelsOf(await renderPng(svg, { scale: 2, embeddedText: 'p', fonts }));
    expect({ width: at2.width, height: at2.height }).toEqual({ width: whole.width * 2, height: whole.height * 2 });
  });

  it('at a fractional scale the rows allow (1.5x of an even height): the bands line up', async () => {
    // Shapes, strokes and text across 1000 x 5000 units, the band cuts falling anywhere among them.
    const shapes = Array.from({ length: 400 }, (_, i) => {
      const x = (i * 137) % 900;
      const y = (i * 613) % 4900;
      return (
        `<rect x="${x}.5" y="${y}.25" width="${40 + (i % 60)}" height="${20 + (i % 90)}" rx="6" fill="#${((0x203040 + i * 2749) % 0xffffff).toString(16).padStart(6, '0')}" stroke="#123" stroke-width="1.5"/>` +
        `<path d="M${x},${y} L${x + 30},${y + 400}" stroke="#345" stroke-dasharray="6 4"/>` +
        `<text x="${x}" y="${y + 14}" font-size="${10 + (i % 9)}" fill="#111">Label ${i} · Ж</text>`
      );
    }).join('');
    const busy = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="5000" viewBox="0 0 1000 5000"><rect width="1000" height="5000" fill="#f6f7f9"/>${shapes}</svg>`;
    const outline = outlineSvg(busy)!;
    expect(outline.texts).toHaveLength(400);
    expect(planBands(1000, 5000, 1500).length).toBeGreaterThan(1);
    const banded = pixelsOf(await renderPng(busy, { scale: 1.5, embeddedText: '', fonts }));
    const at15 = pixelsOf(new Resvg(busy, { ...options, fitTo: { mode: 'width', value: 1500 } }).render().asPng());
    expect({ width: banded.width, height: banded.height }).toEqual({ width: 1500, height: 7500 });
    const { pixels, most } = difference(banded.data, at15.data);
    expect(pixels / (1500 * 7500)).toBeLessThan(0.0001);
    expect(most).toBeLessThan(128);
  });
});

describe('resvg-js behaviour the fast path leans on', () => {
  it('an empty crop rectangle returns the whole picture (no copy), not an empty one', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="10" height="10"/></svg>';
    const image = await renderAsync(svg, { ...options, crop: NO_CROP_COPY });
    expect({ width: image.width, height: image.height }).toEqual({ width: 64, height: 48 });
  });
});
