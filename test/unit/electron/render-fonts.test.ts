import { describe, expect, it } from 'vitest';
import { rasterFonts, readWoffFile, svgFonts } from '../../../electron/node/render-fonts';
import { FALLBACK_ORDER, loadPdfFonts } from '../../../shared/render/pdf-fonts';
import { isWoff } from '../../../shared/render/woff';

const TRUETYPE = [0, 1, 0, 0];

describe('the picture fonts from node_modules', () => {
  it('SVG: the four Latin WOFF2 faces, base64', async () => {
    const fonts = await svgFonts();
    expect(fonts.map((f) => `${f.family} ${f.weight}`)).toEqual([
      'Inter 400',
      'Inter 600',
      'JetBrains Mono 400',
      'JetBrains Mono 600',
    ]);
    for (const f of fonts) expect(Buffer.from(f.woff2Base64, 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2');
  });

  it('raster: TrueType, Latin faces first, other subsets only when the text needs them', async () => {
    const latin = await rasterFonts('plain text');
    expect(latin.map((f) => f.subset)).toEqual(['latin', 'latin', 'latin', 'latin']);
    const mixed = await rasterFonts('Привет Ελλάδα');
    expect(mixed.slice(0, 4).every((f) => f.subset === 'latin')).toBe(true);
    expect(new Set(mixed.map((f) => f.subset))).toEqual(new Set(['latin', 'cyrillic', 'greek']));
    for (const f of mixed) expect([...f.bytes.subarray(0, 4)]).toEqual(TRUETYPE);
  });

  it('PDF: every file the plan can ask for is there as WOFF, and loads as TrueType', async () => {
    for (const family of ['Inter', 'JetBrains Mono'] as const)
      for (const weight of [400, 600] as const)
        expect(isWoff(await readWoffFile({ family, weight, subset: 'latin' })), `${family} ${weight}`).toBe(true);
    const fonts = await loadPdfFonts('Łơ Привет Ѣ Ελλάδα ἀ', readWoffFile);
    expect(fonts.fonts).toHaveLength(4 + 2 * FALLBACK_ORDER.length);
    for (const f of fonts.fonts) expect([...f.bytes.subarray(0, 4)], f.name).toEqual(TRUETYPE);
    await expect(readWoffFile({ family: 'JetBrains Mono', weight: 400, subset: 'greek-ext' })).rejects.toThrow();
  });
});
