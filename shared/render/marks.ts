/**
 * Small marks drawn on nodes, labels, zone titles and in the legend: the problem badges (a shape
 * per severity, as on the canvas: `!` on red, a triangle on amber) and the TLS mark (a padlock).
 */
import { textWidth } from '../diagram/metrics';
import { BADGE_GLYPHS, LOCK_GLYPH } from './icons';
import type { Counts } from './problems';
import { baseline } from './text';
import type { Colours } from './theme';
import { element, empty, num } from './xml';

export interface BadgeSize {
  readonly h: number;
  readonly font: number;
  /** The ring of canvas colour around a badge on a node (CSS box-shadow 0 0 0 2px). */
  readonly ring: number;
}
/** On a node's corner (canvas.css .pl-badge). */
export const NODE_BADGE: BadgeSize = { h: 17, font: 11, ring: 2 };
/** Inside a label or a zone title (.pl-clabel .pl-badge, .pl-zone-area__label .pl-badge). */
export const INLINE_BADGE: BadgeSize = { h: 14, font: 10, ring: 0 };
const GAP = 3;
const PAD_LEFT = 3;
const PAD_RIGHT = 5;
const GLYPH = 9;

type Severity = 'error' | 'warning';

function one(count: number, size: BadgeSize): number {
  return Math.max(size.h, PAD_LEFT + GLYPH + 1 + textWidth(String(count), 'Inter 600', size.font) + PAD_RIGHT);
}

function list(counts: Counts): [Severity, number][] {
  const out: [Severity, number][] = [];
  if (counts.errors > 0) out.push(['error', counts.errors]);
  if (counts.warnings > 0) out.push(['warning', counts.warnings]);
  return out;
}

/** The width of the badges for `counts` side by side (0 when there are none). */
export function badgesWidth(counts: Counts, size: BadgeSize): number {
  const items = list(counts);
  return items.reduce((w, [, n]) => w + one(n, size), 0) + Math.max(0, items.length - 1) * GAP;
}

/** The badges for `counts`, left to right from (`x`, `y`) (top-left). */
export function drawBadges(counts: Counts, x: number, y: number, size: BadgeSize, c: Colours): string {
  let out = '';
  let at = x;
  for (const [severity, count] of list(counts)) {
    const w = one(count, size);
    out += drawBadge(severity, count, at, y, w, size, c);
    at += w + GAP;
  }
  return out;
}

function drawBadge(severity: Severity, count: number, x: number, y: number, w: number, size: BadgeSize, c: Colours) {
  const fill = severity === 'error' ? c.error : c.warning;
  const ink = severity === 'error' ? c.badgeInk : c.warningInk;
  const glyph = BADGE_GLYPHS[severity];
  const r = size.h / 2;
  const ring = size.ring
    ? empty('rect', {
        x: x - size.ring,
        y: y - size.ring,
        width: w + 2 * size.ring,
        height: size.h + 2 * size.ring,
        rx: r + size.ring,
        fill: c.bgRaised,
      })
    : '';
  const gy = y + (size.h - GLYPH) / 2;
  return element(
    'g',
    { class: `pl-badge pl-badge--${severity}` },
    ring +
      empty('rect', { x, y, width: w, height: size.h, rx: r, fill }) +
      empty('path', {
        d: glyph.d,
        transform: `translate(${num(x + PAD_LEFT)} ${num(gy)}) scale(0.9)`,
        fill: 'none',
        stroke: ink,
        'stroke-width': glyph.strokeWidth,
        'stroke-linecap': 'round',
        'stroke-linejoin': 'round',
      }) +
      element(
        'text',
        {
          x: x + PAD_LEFT + GLYPH + 1,
          y: baseline(y, size.h, size.font),
          'font-size': size.font,
          'font-weight': 600,
          fill: ink,
        },
        String(count),
      ),
  );
}

export const TLS_MARK_HEIGHT = 16;
const TLS_FONT = 10;
const TLS_TEXT = 'TLS';

export const tlsMarkWidth = (): number => 4 + 10 + 3 + textWidth(TLS_TEXT, 'Inter 600', TLS_FONT) + 6;

/** The TLS mark (a padlock and "TLS" in a pill) with its top-left at (`x`, `y`). */
export function drawTlsMark(x: number, y: number, c: Colours, emphasis = false): string {
  const w = tlsMarkWidth();
  return element(
    'g',
    { class: 'pl-tls' },
    empty('rect', {
      x: x + 0.5,
      y: y + 0.5,
      width: w - 1,
      height: TLS_MARK_HEIGHT - 1,
      rx: (TLS_MARK_HEIGHT - 1) / 2,
      fill: emphasis ? c.accepted : c.tlsBg,
      stroke: c.accepted,
      'stroke-width': 1,
    }) +
      empty('path', {
        d: LOCK_GLYPH.d,
        transform: `translate(${num(x + 4)} ${num(y + 3)})`,
        fill: 'none',
        stroke: emphasis ? c.bgRaised : c.tlsInk,
        'stroke-width': LOCK_GLYPH.strokeWidth,
        'stroke-linecap': 'round',
        'stroke-linejoin': 'round',
      }) +
      element(
        'text',
        {
          x: x + 17,
          y: baseline(y, TLS_MARK_HEIGHT, TLS_FONT),
          'font-size': TLS_FONT,
          'font-weight': 600,
          fill: emphasis ? c.bgRaised : c.tlsInk,
        },
        TLS_TEXT,
      ),
  );
}
