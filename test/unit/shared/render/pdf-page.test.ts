import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PAGE_MARGIN,
  PAPERS,
  pageLayout,
  pdfDate,
  pdfFontFor,
  pdfInfo,
  projectAttachment,
} from '../../../../shared/render/pdf-page';

describe('the PDF page', () => {
  it('fits any picture inside the margins of every paper, centred, keeping its proportions', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 20_000, noNaN: true }),
        fc.double({ min: 10, max: 20_000, noNaN: true }),
        fc.constantFrom(...PAPERS),
        fc.boolean(),
        (width, height, paper, landscape) => {
          const l = pageLayout({ width, height }, paper, landscape);
          const [pw, ph] = l.page;
          const eps = 1e-6;
          expect(l.x).toBeGreaterThanOrEqual(PAGE_MARGIN - eps);
          expect(l.y).toBeGreaterThanOrEqual(PAGE_MARGIN - eps);
          expect(l.x + l.width).toBeLessThanOrEqual(pw - PAGE_MARGIN + eps);
          expect(l.y + l.height).toBeLessThanOrEqual(ph - PAGE_MARGIN + eps);
          expect(l.width / l.height).toBeCloseTo(width / height, 6);
          if (paper !== 'fit') {
            expect(Math.abs(l.x - (pw - l.x - l.width))).toBeLessThan(1e-6);
            expect(pw > ph).toBe(landscape);
          }
        },
      ),
    );
  });

  it('A4 is 595.28 × 841.89 points; fit is the picture at 72/96 plus the margins', () => {
    expect(pageLayout({ width: 100, height: 100 }, 'a4', false).page).toEqual([595.28, 841.89]);
    expect(pageLayout({ width: 960, height: 480 }, 'fit', true).page).toEqual([
      720 + 2 * PAGE_MARGIN,
      360 + 2 * PAGE_MARGIN,
    ]);
  });

  it('maps CSS font families to the registered faces', () => {
    const registered = new Set(['Inter', 'JetBrains Mono']);
    expect(pdfFontFor("'JetBrains Mono', monospace", false, registered)).toBe('JetBrains Mono');
    expect(pdfFontFor('Inter, sans-serif', true, registered)).toBe('Inter-Bold');
    expect(pdfFontFor('ui-monospace, monospace', false, registered)).toBe('JetBrains Mono');
    expect(pdfFontFor('Comic Sans', false, registered)).toBe('Inter');
  });

  it('dates the document by the title block, never by the clock', () => {
    expect(pdfDate('2026-03-14').toISOString()).toBe('2026-03-14T00:00:00.000Z');
    for (const bad of ['2026-3-14', 'today', '2026-13-45x', '']) expect(() => pdfDate(bad)).toThrow();
    const info = pdfInfo({ name: 'Acme', description: '', date: '2026-03-14', revision: 'abc1234' });
    expect(info).toMatchObject({ Title: 'Acme', Creator: 'Portolan' });
    expect('Subject' in info).toBe(false);
    expect(projectAttachment('acme.portolan.yaml', '2026-03-14')).toMatchObject({
      name: 'acme.portolan.yaml',
      type: 'application/yaml',
      relationship: 'Source',
    });
  });
});
