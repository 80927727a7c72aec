import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  FONT_FACES,
  parseUnicodeRanges,
  rasterFiles,
  subsetsFor,
  UNICODE_SUBSETS,
  type FontFamily,
} from '../../../../shared/render/font-subsets';
import { FALLBACK_ORDER, pdfFontPlan } from '../../../../shared/render/pdf-fonts';

const require = createRequire(import.meta.url);
const PACKAGES: Readonly<Record<FontFamily, string>> = { Inter: 'inter', 'JetBrains Mono': 'jetbrains-mono' };

const RANGES = {
  latin: parseUnicodeRanges('U+0000-00FF,U+0131,U+2000-206F'),
  'latin-ext': parseUnicodeRanges('U+0100-02BA'),
  cyrillic: parseUnicodeRanges('U+0400-045F'),
  greek: parseUnicodeRanges('U+0370-03FF'),
};

const cp = (ch: string) => ch.codePointAt(0)!;

describe('the font subsets a picture may use', () => {
  it('are the subsets of the installed @fontsource packages, range for range', () => {
    for (const family of Object.keys(PACKAGES) as FontFamily[]) {
      const json = JSON.parse(
        readFileSync(require.resolve(`@fontsource/${PACKAGES[family]}/unicode.json`), 'utf8'),
      ) as Record<string, string>;
      expect(UNICODE_SUBSETS[family], family).toEqual(json);
    }
  });

  it('reads CSS unicode ranges, skipping what is not one', () => {
    expect(parseUnicodeRanges('U+0000-00FF, U+0131,U+1F00-1FFF,junk,U+110000000')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x1f00, 0x1fff],
    ]);
  });

  it('takes Latin always, and each other subset only for a character Latin lacks', () => {
    expect(subsetsFor('Acme – “Ops” café', RANGES)).toEqual(['latin']);
    expect(subsetsFor('Łódź and Привет', RANGES)).toEqual(['latin', 'cyrillic', 'latin-ext']);
    expect(subsetsFor('Ελλάδα 日本', RANGES)).toEqual(['latin', 'greek']);
  });

  it('gives the rasteriser the Latin file of every face first, then the other subsets', () => {
    expect(rasterFiles('plain text').map((f) => `${f.family} ${f.weight} ${f.subset}`)).toEqual(
      FONT_FACES.map((f) => `${f.family} ${f.weight} latin`),
    );
    const mixed = rasterFiles('Привет Ελλάδα ἀρχή');
    expect(mixed.slice(0, 4).every((f) => f.subset === 'latin')).toBe(true);
    // JetBrains Mono has no Greek Extended: only Inter brings it.
    expect(mixed.filter((f) => f.subset === 'greek-ext').map((f) => f.family)).toEqual(['Inter', 'Inter']);
    expect(new Set(mixed.map((f) => f.subset))).toEqual(new Set(['latin', 'cyrillic', 'greek', 'greek-ext']));
  });
});

describe('the PDF font plan', () => {
  const names = (text: string) => pdfFontPlan(text).files.map((f) => `${f.name} ${f.weight} ${f.subset}`);

  it('registers the four Latin faces, and Inter in each other subset the text needs, nearest to Latin first', () => {
    expect(names('plain text')).toEqual([
      'Inter 400 latin',
      'Inter 600 latin',
      'JetBrains Mono 400 latin',
      'JetBrains Mono 600 latin',
    ]);
    expect(names('Привет Łódź').slice(4)).toEqual([
      'Inter latin-ext 400 latin-ext',
      'Inter latin-ext 600 latin-ext',
      'Inter cyrillic 400 cyrillic',
      'Inter cyrillic 600 cyrillic',
    ]);
  });

  it('sends each character to the first fallback that has it, and none for Latin or for what no subset has', () => {
    const every = 'Łơ Привет Ѣ Ελλάδα ἀ 日本';
    const plan = pdfFontPlan(every);
    expect(plan.files.slice(4).map((f) => f.subset)).toEqual(FALLBACK_ORDER.flatMap((subset) => [subset, subset]));
    expect(plan.subsetOf(cp('é'))).toBeUndefined();
    expect(plan.subsetOf(cp('€'))).toBeUndefined();
    expect(plan.subsetOf(cp('Ł'))).toBe('latin-ext');
    // ơ is in both Latin Extended and Vietnamese: the nearer one wins.
    expect(plan.subsetOf(cp('ơ'))).toBe('latin-ext');
    expect(plan.subsetOf(cp('П'))).toBe('cyrillic');
    expect(plan.subsetOf(cp('Ѣ'))).toBe('cyrillic-ext');
    expect(plan.subsetOf(cp('λ'))).toBe('greek');
    expect(plan.subsetOf(cp('ἀ'))).toBe('greek-ext');
    expect(plan.subsetOf(cp('日'))).toBeUndefined();
    // A subset the text did not bring in is never named, even for a character it has.
    expect(pdfFontPlan('plain').subsetOf(cp('П'))).toBeUndefined();
  });
});
