/**
 * A zone region as the canvas draws it (canvas/ZoneNode.tsx, canvas.css .pl-zone-area): a
 * rounded rectangle tinted with the zone kind's colour (dashed for the internet), titled in small
 * capitals at its top-left, with the zone's problem badges after the title.
 */
import { FONT } from '../diagram/metrics';
import type { DiagramZone } from '../diagram/types';
import type { DrawContext } from './context';
import { INLINE_BADGE, badgesWidth, drawBadges } from './marks';
import { NO_PROBLEMS } from './problems';
import { baseline, ellipsize, measure } from './text';
import { element, empty, text, xmlChars } from './xml';
import { printable } from '../model/printable';

const BORDER = 1.25;
const RADIUS = 12;
const TITLE_PAD = 8;
const BADGE_GAP = 6;
/** 0.07 em at 12 px. */
const SPACING = 0.07 * FONT.zone.size;

export function drawZone(z: DiagramZone, ctx: DrawContext): string {
  const { c } = ctx;
  const { x, y, w, h } = z.box;
  const counts = ctx.problems?.get(z.zone) ?? NO_PROBLEMS;
  const badges = badgesWidth(counts, INLINE_BADGE);
  const m = { face: 'Inter 600', size: FONT.zone.size, spacing: SPACING } as const;
  // CSS uppercases what the canvas shows (the printable name). The title box is the geometry's:
  // badges take room from the name, which is shortened (the canvas clips it), so the box never
  // reaches further right, where a member's badges or TLS mark sit.
  const t = z.title;
  const extra = badges > 0 ? badges + BADGE_GAP : 0;
  const title = ellipsize(xmlChars(printable(z.name).toUpperCase()), t.w - 2 * TITLE_PAD - extra, m);
  const titleW = measure(title, m);
  return element(
    'g',
    { class: `pl-zone pl-zone--${z.kind}` },
    // The border lies inside the box (box-sizing: border-box).
    empty('rect', {
      x: x + BORDER / 2,
      y: y + BORDER / 2,
      width: w - BORDER,
      height: h - BORDER,
      rx: RADIUS - BORDER / 2,
      fill: c.zoneFill[z.kind],
      stroke: c.zoneLine[z.kind],
      'stroke-width': BORDER,
      'stroke-dasharray': z.kind === 'internet' ? '4 3' : undefined,
    }) +
      empty('rect', { x: t.x, y: t.y, width: t.w, height: t.h, rx: 4, fill: c.zoneTitleBg[z.kind] }) +
      element(
        'text',
        {
          x: t.x + TITLE_PAD,
          y: baseline(t.y, t.h, FONT.zone.size),
          'font-size': FONT.zone.size,
          'font-weight': 600,
          'letter-spacing': SPACING,
          fill: c.zoneTitleText[z.kind],
        },
        text(title),
      ) +
      (badges > 0
        ? drawBadges(counts, t.x + TITLE_PAD + titleW + BADGE_GAP, t.y + (t.h - INLINE_BADGE.h) / 2, INLINE_BADGE, c)
        : ''),
  );
}
