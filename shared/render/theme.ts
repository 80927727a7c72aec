/**
 * The picture's colours: the canvas's CSS custom properties (renderer/src/styles.css,
 * canvas/canvas.css, problems/problems.css) per theme, and the colours the canvas derives from
 * them with `color-mix`, written out. A test reads those style sheets and fails when a value here
 * drifts from them, so the picture keeps the canvas's look.
 */
import type { KindCategory } from '../catalog/types';
import type { ZoneKind } from '../model/types';
import { mix } from './color';
import type { PictureTheme } from './types';

export interface Palette {
  /** --bg: the canvas behind everything. */
  readonly bg: string;
  /** --bg-raised: nodes, labels. */
  readonly bgRaised: string;
  readonly border: string;
  readonly borderStrong: string;
  readonly text: string;
  readonly textMuted: string;
  readonly textFaint: string;
  readonly accent: string;
  readonly accentSoft: string;
  readonly edgeLink: string;
  readonly edgeRoute: string;
  /** --sev-error / --sev-warning (the canvas's --cv-error / --cv-warning). */
  readonly error: string;
  readonly warning: string;
  /** --sev-accepted: the TLS marks borrow the "all is well" green. */
  readonly accepted: string;
  /** --cv-badge-ink / --cv-warning-ink: marks on a filled badge. */
  readonly badgeInk: string;
  readonly warningInk: string;
  readonly category: Readonly<Record<KindCategory, string>>;
  readonly zone: Readonly<Record<ZoneKind, string>>;
  /** --zone-fill-mix / --zone-line-mix, in percent. */
  readonly zoneFillMix: number;
  readonly zoneLineMix: number;
  /**
   * --host-0 … --host-5: one colour per declared host, in the project's order (the seventh host
   * takes the first again). Apart from the zone and category hues, and strong enough to read as an
   * outline on the canvas of each theme.
   */
  readonly hosts: readonly string[];
  /** --shadow-s, as one colour and opacity (a 1 px drop under each node). */
  readonly shadow: string;
  readonly shadowOpacity: number;
}

export const PALETTES: Readonly<Record<PictureTheme, Palette>> = {
  light: {
    bg: '#f6f7f9',
    bgRaised: '#ffffff',
    border: '#dfe3e8',
    borderStrong: '#c5ccd5',
    text: '#16191d',
    textMuted: '#5b6470',
    textFaint: '#656d78',
    accent: '#2f5bd3',
    accentSoft: '#e8eefc',
    edgeLink: '#8b94a1',
    edgeRoute: '#2f5bd3',
    error: '#d1382c',
    warning: '#c77c02',
    accepted: '#4f8a5b',
    badgeInk: '#ffffff',
    warningInk: '#2b1d00',
    category: { nextauth: '#4353d6', edge: '#0f8a7e', data: '#c06a0b', external: '#7a4fc7', client: '#5f6b7a' },
    zone: { internet: '#7b8594', dmz: '#0f8a7e', internal: '#4353d6', host: '#a15c87' },
    zoneFillMix: 5,
    zoneLineMix: 34,
    hosts: ['#c2410c', '#5f7a0f', '#0369a1', '#a16207', '#7e3fa0', '#be2e78'],
    shadow: '#101828',
    shadowOpacity: 0.08,
  },
  dark: {
    bg: '#111317',
    bgRaised: '#1a1d23',
    border: '#2b3038',
    borderStrong: '#3a414b',
    text: '#e8eaee',
    textMuted: '#a0a8b3',
    textFaint: '#878f9a',
    accent: '#7b9cff',
    accentSoft: '#1f2a45',
    edgeLink: '#6b7480',
    edgeRoute: '#7b9cff',
    error: '#ff6b5e',
    warning: '#f2b23e',
    accepted: '#79c089',
    badgeInk: '#15171b',
    warningInk: '#15171b',
    category: { nextauth: '#8592ff', edge: '#3cc4b5', data: '#f0a24a', external: '#b291f0', client: '#9aa5b4' },
    zone: { internet: '#8d97a6', dmz: '#3cc4b5', internal: '#8592ff', host: '#d68fbf' },
    zoneFillMix: 7,
    zoneLineMix: 38,
    hosts: ['#fb8a4c', '#a9c94a', '#5ab8ef', '#e3b341', '#c99af0', '#f178b6'],
    shadow: '#000000',
    shadowOpacity: 0.4,
  },
};

/** Every colour the picture draws with, the canvas's `color-mix` results included. */
export interface Colours extends Palette {
  /** Icon tile behind a category glyph: color-mix(cat 13%, transparent) over the node. */
  readonly glyphBg: Readonly<Record<KindCategory, string>>;
  readonly zoneFill: Readonly<Record<ZoneKind, string>>;
  readonly zoneLine: Readonly<Record<ZoneKind, string>>;
  readonly zoneTitleBg: Readonly<Record<ZoneKind, string>>;
  readonly zoneTitleText: Readonly<Record<ZoneKind, string>>;
  readonly routeLabelBg: string;
  readonly routeLabelBorder: string;
  /** The node's ring when it has errors / warnings. */
  readonly errorRing: string;
  readonly warningRing: string;
  /** The halo around an emphasised node (color-mix(accent 18%, transparent) over the canvas). */
  readonly accentHalo: string;
  readonly tlsBg: string;
  readonly tlsInk: string;
  /** Per host colour (canvas.css .pl-host__chip): the chip's fill and its text. */
  readonly hostChipBg: readonly string[];
  readonly hostChipText: readonly string[];
}

function byKey<K extends string>(keys: Readonly<Record<K, string>>, f: (value: string) => string): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(keys) as K[]) out[k] = f(keys[k]);
  return out;
}

/** The colour slot of the host at `index` among the project's hosts. */
export const hostSlot = (index: number): number => index % PALETTES.light.hosts.length;

function colours(p: Palette): Colours {
  return {
    ...p,
    glyphBg: byKey(p.category, (c) => mix(c, 13, p.bgRaised)),
    zoneFill: byKey(p.zone, (z) => mix(z, p.zoneFillMix, p.bg)),
    zoneLine: byKey(p.zone, (z) => mix(z, p.zoneLineMix, p.bg)),
    zoneTitleBg: byKey(p.zone, (z) => mix(z, 12, p.bg)),
    zoneTitleText: byKey(p.zone, (z) => mix(z, 65, p.text)),
    routeLabelBg: mix(p.edgeRoute, 6, p.bgRaised),
    routeLabelBorder: mix(p.edgeRoute, 35, p.border),
    errorRing: mix(p.error, 70, p.border),
    warningRing: mix(p.warning, 60, p.border),
    accentHalo: mix(p.accent, 18, p.bg),
    tlsBg: mix(p.accepted, 14, p.bgRaised),
    tlsInk: mix(p.accepted, 80, p.text),
    hostChipBg: p.hosts.map((h) => mix(h, 14, p.bgRaised)),
    hostChipText: p.hosts.map((h) => mix(h, 70, p.text)),
  };
}

const COLOURS: Readonly<Record<PictureTheme, Colours>> = {
  light: colours(PALETTES.light),
  dark: colours(PALETTES.dark),
};

export const coloursOf = (theme: PictureTheme): Colours => COLOURS[theme];
