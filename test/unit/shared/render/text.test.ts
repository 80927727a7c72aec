/**
 * The small pieces every part of the picture is written with: numbers (rounded, never `-0` or an
 * exponent), XML escaping (markup, quotes, characters XML forbids), attribute order, and text
 * wrapped and shortened with the bundled faces' measured widths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundedPath } from '../../../../shared/render/path';
import { baseline, ellipsize, measure, wrapText, type Measure } from '../../../../shared/render/text';
import { attrs, isXmlText, num, text, xmlEscape } from '../../../../shared/render/xml';

describe('num', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [-0.001, '0'],
    [1.005, '1'],
    [1.006, '1.01'],
    [-3.14159, '-3.14'],
    [12.5, '12.5'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0'],
    [Number.NaN, '0'],
    [Number.POSITIVE_INFINITY, '0'],
  ])('%d is written %s', (n, s) => {
    expect(num(n)).toBe(s);
  });

  it('writes plain decimals with at most two places (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e25, max: 1e25, noNaN: true }), (n) => /^-?\d+(\.\d{1,2})?$/.test(num(n))),
    );
  });
});

describe('xmlEscape and text', () => {
  it('escapes markup and both quotes, so `]]>` cannot appear', () => {
    expect(xmlEscape(`<a href="x" t='y'>&amp;]]></a>`)).toBe(
      '&lt;a href=&quot;x&quot; t=&apos;y&apos;&gt;&amp;amp;]]&gt;&lt;/a&gt;',
    );
  });

  it('replaces what XML forbids (even as a reference) with U+FFFD', () => {
    expect(xmlEscape('a\u0000b\u0008c\ufffed\uffffe\ud800f\udc00g')).toBe(
      'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg',
    );
    // Tab, line feed, carriage return, astral characters and the rest of the BMP stay.
    expect(xmlEscape('\t\n\r😀\u0085\u2028')).toBe('\t\n\r😀\u0085\u2028');
    expect(isXmlText('ok\t\n')).toBe(true);
    expect(isXmlText('no\u0001')).toBe(false);
  });

  it('shows project text as the canvas does: controls, line breaks and bidi overrides visible', () => {
    expect(text('a\nb\u001b[1m\u202e<')).toBe('a\\nb\\u001b[1m\\u202e&lt;');
  });

  it('writes attributes in the order given, numbers rounded, undefined left out', () => {
    expect(attrs({ b: 1.234, a: 'x"y', c: undefined, d: -0 })).toBe(' b="1.23" a="x&quot;y" d="0"');
  });
});

describe('wrapText and ellipsize', () => {
  const m: Measure = { face: 'Inter 400', size: 13 };

  it('breaks at spaces and keeps every word when there is room', () => {
    const words = 'The documented default: nextauth-portmap is the only public entry point and terminates TLS';
    const lines = wrapText(words, 200, m, 10);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(words);
    for (const line of lines) expect(measure(line, m)).toBeLessThanOrEqual(200);
  });

  it('breaks a word longer than a line, and ends the last line in … when text is left over', () => {
    const long = 'x'.repeat(200);
    const lines = wrapText(long, 100, m, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const line of lines) expect(measure(line, m)).toBeLessThanOrEqual(100);
  });

  it('fits every line and loses no text unless it says so (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'W', ' ', 'i', '.', '😀'), maxLength: 120 }),
        fc.integer({ min: 30, max: 400 }),
        fc.integer({ min: 1, max: 5 }),
        (value, width, max) => {
          const lines = wrapText(value, width, m, max);
          expect(lines.length).toBeLessThanOrEqual(max);
          for (const line of lines) expect(measure(line, m)).toBeLessThanOrEqual(width);
          const words = value.split(' ').filter(Boolean).join(' ');
          if (!lines.some((l) => l.endsWith('…')))
            expect(lines.join(' ').replace(/ /g, '')).toBe(words.replace(/ /g, ''));
        },
      ),
    );
  });

  it('shortens with … only what does not fit', () => {
    expect(ellipsize('Mobile API', 200, m)).toBe('Mobile API');
    const short = ellipsize('Account management', 80, m);
    expect(short.endsWith('…')).toBe(true);
    expect(measure(short, m)).toBeLessThanOrEqual(80);
  });

  it('puts the baseline where CSS centres the face in its line box', () => {
    // Inter: ascent 0.969, descent 0.241 em — 14 px text in a 16 px line box sits 13.1 px down.
    expect(baseline(0, 16, 14)).toBeCloseTo((16 - 1.21 * 14) / 2 + 0.969 * 14, 5);
    expect(baseline(0, 16, 14)).toBeCloseTo(13.1, 1);
    expect(baseline(10, 18, 12, 'JetBrains Mono')).toBeCloseTo(10 + 9 + 0.36 * 12, 2);
  });
});

describe('roundedPath', () => {
  it('rounds each corner by at most 6 px, less where a segment is short', () => {
    expect(
      roundedPath([
        { x: 0, y: 0 },
        { x: 20, y: 0 },
        { x: 20, y: 4 },
        { x: 40, y: 4 },
      ]),
    ).toBe('M0,0 L18,0 Q20,0 20,2 L20,2 Q20,4 22,4 L40,4');
    expect(roundedPath([])).toBe('');
    expect(
      roundedPath([
        { x: 1.234, y: -0.001 },
        { x: 5, y: -0.001 },
      ]),
    ).toBe('M1.23,0 L5,0');
  });
});
