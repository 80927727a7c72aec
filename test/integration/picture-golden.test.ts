/**
 * Golden pictures: each template, light and dark, rendered to PNG the way `portolan render`
 * does (the shared picture composition, then resvg with the bundled fonts) and compared pixel
 * by pixel with the reviewed PNG in test/golden/pictures/. The size must match exactly; a few
 * anti-aliasing differences are tolerated (another CPU may round a curve's edge differently),
 * a moved box, a lost label or a changed colour is not. On a mismatch the diff image is written
 * to test-results/ to look at. After an intended change to the picture, review the new pictures
 * and regenerate them: `UPDATE_GOLDEN=1 npx vitest run test/integration/picture-golden.test.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../shared/format/index';
import { renderPicture } from '../../shared/render/picture';
import type { PictureTheme } from '../../shared/render/types';
import { TEMPLATES } from '../../shared/templates/index';
import { rasterFonts, svgFonts } from '../../electron/node/render-fonts';
import { renderPng } from '../../electron/node/render-png';

const GOLDEN = resolve('test/golden/pictures');
const RESULTS = resolve('test-results');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** pixelmatch's per-pixel colour distance (0–1) below which two pixels count as the same. */
const THRESHOLD = 0.1;
/** Share of pixels that may differ beyond THRESHOLD: edge anti-aliasing only. */
const MAX_DIFFERING_SHARE = 0.001;

async function picture(text: string, theme: PictureTheme): Promise<Uint8Array> {
  const loaded = loadProject(text);
  if (!loaded.ok) throw new Error('template does not load');
  const { svg, content } = renderPicture(text, loaded.project, {
    theme,
    view: 'full',
    redact: false,
    date: '2026-06-01',
    fonts: await svgFonts(),
  });
  return renderPng(svg, { scale: 1, embeddedText: content.embeddedText, fonts: await rasterFonts(svg) });
}

describe('golden pictures of the templates', () => {
  for (const template of TEMPLATES) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${template.id}, ${theme}`, async () => {
        const name = `${template.id}-${theme}.png`;
        const png = await picture(template.text, theme);
        const file = join(GOLDEN, name);
        if (UPDATE || !existsSync(file)) {
          if (!UPDATE) throw new Error(`golden picture ${file} is missing: review the picture, then UPDATE_GOLDEN=1`);
          mkdirSync(GOLDEN, { recursive: true });
          writeFileSync(file, png);
          return;
        }
        const actual = PNG.sync.read(Buffer.from(png));
        const expected = PNG.sync.read(readFileSync(file));
        expect({ width: actual.width, height: actual.height }).toEqual({
          width: expected.width,
          height: expected.height,
        });
        const diff = new PNG({ width: actual.width, height: actual.height });
        const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, {
          threshold: THRESHOLD,
        });
        const share = differing / (actual.width * actual.height);
        if (share > MAX_DIFFERING_SHARE) {
          mkdirSync(RESULTS, { recursive: true });
          writeFileSync(join(RESULTS, `golden-diff-${name}`), PNG.sync.write(diff));
          writeFileSync(join(RESULTS, `golden-actual-${name}`), png);
        }
        expect(share, `${differing} pixels differ (see test-results/golden-diff-${name})`).toBeLessThanOrEqual(
          MAX_DIFFERING_SHARE,
        );
      });
    }
  }
});
