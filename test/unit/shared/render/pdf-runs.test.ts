import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markFallbackRuns } from '../../../../shared/render/pdf-runs';

/** Latin-Extended for Ł…ž, Cyrillic for А…я: enough to tell runs apart. */
const subsetOf = (cp: number): string | undefined =>
  cp >= 0x100 && cp <= 0x24f ? 'latin-ext' : cp >= 0x400 && cp <= 0x45f ? 'cyrillic' : undefined;

describe('markFallbackRuns', () => {
  it('leaves Latin text and everything outside <text> alone', () => {
    const svg =
      '<svg><title>Łódź</title><metadata>Привет</metadata><text x="1">Caf&amp;é “q”</text><g><text>a<tspan>b</tspan></text></g></svg>';
    expect(markFallbackRuns(svg.replace(/Łódź|Привет/g, 'x'), subsetOf)).toBe(svg.replace(/Łódź|Привет/g, 'x'));
    expect(markFallbackRuns(svg, subsetOf)).toBe(svg);
  });

  it('wraps each run the Latin faces lack in a tspan naming its subset, inside nested tspans too', () => {
    expect(markFallbackRuns('<text x="1" y="2">Łódź – Привет!</text>', subsetOf)).toBe(
      '<text x="1" y="2"><tspan font-family="Inter latin-ext">Ł</tspan>ód<tspan font-family="Inter latin-ext">ź</tspan> – ' +
        '<tspan font-family="Inter cyrillic">Привет</tspan>!</text>',
    );
    expect(markFallbackRuns('<text><tspan class="a">Пр</tspan>x</text>', subsetOf)).toBe(
      '<text><tspan class="a"><tspan font-family="Inter cyrillic">Пр</tspan></tspan>x</text>',
    );
  });

  it('keeps characters no subset has as they are', () => {
    expect(markFallbackRuns('<text>日本 😀</text>', subsetOf)).toBe('<text>日本 😀</text>');
  });

  it('changes nothing but the added tspans, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (raw) => {
        const content = raw.replace(/[<>&]/g, '');
        const svg = `<svg><text x="0">${content}</text></svg>`;
        const marked = markFallbackRuns(svg, subsetOf);
        expect(marked.replace(/<tspan font-family="Inter [a-z-]+">|<\/tspan>/g, '')).toBe(svg);
      }),
    );
  });
});
