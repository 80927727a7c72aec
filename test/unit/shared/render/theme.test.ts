/**
 * The picture's palette is the canvas's: each colour in shared/render/theme.ts equals the CSS
 * custom property the canvas draws with, in the light (`:root`) and the dark
 * (`prefers-color-scheme: dark`) block of the renderer's style sheets. A colour changed in one
 * place and not the other fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mix } from '../../../../shared/render/color';
import { PALETTES, coloursOf, type Palette } from '../../../../shared/render/theme';
import type { PictureTheme } from '../../../../shared/render/types';

const css = ['renderer/src/styles.css', 'renderer/src/canvas/canvas.css', 'renderer/src/problems/problems.css']
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** The value of `--name` in the light blocks, or in the dark ones. */
function variable(name: string, theme: PictureTheme): string {
  const values: { dark: boolean; value: string }[] = [];
  const decl = new RegExp(`--${name}:\\s*([^;]+);`, 'g');
  for (const m of css.matchAll(decl)) {
    // A declaration is dark when the nearest block opener before it sits in a dark media query.
    const before = css.slice(0, m.index);
    const media = before.lastIndexOf('@media (prefers-color-scheme: dark)');
    const dark = media >= 0 && !before.slice(media).includes('\n}\n');
    values.push({ dark, value: m[1]!.trim() });
  }
  const found = values.filter((v) => v.dark === (theme === 'dark'));
  if (found.length === 0) throw new Error(`--${name} has no ${theme} value`);
  // `var(--sev-error, #d1382c)`: the canvas's own fallback names the colour it falls back to.
  return found[0]!.value;
}

const FLAT: [keyof Palette, string][] = [
  ['bg', 'bg'],
  ['bgRaised', 'bg-raised'],
  ['border', 'border'],
  ['borderStrong', 'border-strong'],
  ['text', 'text'],
  ['textMuted', 'text-muted'],
  ['textFaint', 'text-faint'],
  ['accent', 'accent'],
  ['accentSoft', 'accent-soft'],
  ['edgeLink', 'edge-link'],
  ['edgeRoute', 'edge-route'],
  ['error', 'sev-error'],
  ['warning', 'sev-warning'],
  ['accepted', 'sev-accepted'],
];

describe.each(['light', 'dark'] as const)('the %s palette', (theme) => {
  const p = PALETTES[theme];

  it.each(FLAT)('%s is --%s', (key, name) => {
    expect(p[key]).toBe(variable(name, theme));
  });

  it('has the category and zone colours and the zone mixes of the canvas', () => {
    for (const [cat, colour] of Object.entries(p.category)) expect(colour, cat).toBe(variable(`cat-${cat}`, theme));
    for (const [zone, colour] of Object.entries(p.zone)) expect(colour, zone).toBe(variable(`zone-${zone}`, theme));
    expect(`${p.zoneFillMix}%`).toBe(variable('zone-fill-mix', theme));
    expect(`${p.zoneLineMix}%`).toBe(variable('zone-line-mix', theme));
  });

  it('has the badge inks of the canvas', () => {
    // The light badge ink is only in the light block; the dark one overrides it.
    expect(p.badgeInk).toBe(variable('cv-badge-ink', theme));
    expect(p.warningInk).toBe(variable('cv-warning-ink', theme));
  });

  it('mixes as CSS color-mix(in srgb) does', () => {
    const c = coloursOf(theme);
    expect(c.zoneFill.dmz).toBe(mix(p.zone.dmz, p.zoneFillMix, p.bg));
    expect(c.routeLabelBorder).toBe(mix(p.edgeRoute, 35, p.border));
  });
});

describe('mix', () => {
  it('mixes each sRGB channel and rounds', () => {
    expect(mix('#000000', 50, '#ffffff')).toBe('#808080');
    expect(mix('#ff0000', 100, '#0000ff')).toBe('#ff0000');
    expect(mix('#ff0000', 0, '#0000ff')).toBe('#0000ff');
    expect(mix('#2f5bd3', 6, '#ffffff')).toBe('#f3f5fc');
  });

  it('refuses what is not #rrggbb', () => {
    expect(() => mix('red', 50, '#ffffff')).toThrow(RangeError);
    expect(() => mix('#FFF', 50, '#ffffff')).toThrow(RangeError);
  });
});
