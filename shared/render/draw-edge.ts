/**
 * Edges and their labels as the canvas draws them (canvas/PortEdge.tsx, EdgeLabels.tsx,
 * canvas.css): a link solid, a public URL dashed in the route colour, each along its routed path
 * with rounded corners and a closed arrow into the port; each label a small box on its edge's
 * last straight run.
 */
import { FONT } from '../diagram/metrics';
import type { DiagramEdge, Point } from '../diagram/types';
import { DIMMED, type DrawContext } from './context';
import { INLINE_BADGE, badgesWidth, drawBadges } from './marks';
import { roundedPath } from './path';
import { NO_PROBLEMS, edgeElement, type Counts } from './problems';
import { baseline, measure } from './text';
import { element, empty, num, text, xmlChars } from './xml';

/**
 * React Flow's closed arrow at 16 × the 1.5 px stroke over a 20-unit view box (1.2 px a unit):
 * 5 units long, 8 wide, outlined with a 1-unit round-joined stroke.
 */
const ARROW_LENGTH = 6;
const ARROW_HALF_WIDTH = 4.8;
const ARROW_STROKE = 1.2;
const EMPHASIS_WIDTH = 2.5;

export const isEmphasised = (e: DiagramEdge, ctx: DrawContext): boolean =>
  ctx.highlight !== undefined && (ctx.highlight.edges.has(e.id) || ctx.highlight.edges.has(edgeElement(e.id)));

function countsOf(e: DiagramEdge, ctx: DrawContext): Counts {
  return ctx.problems?.get(edgeElement(e.id)) ?? NO_PROBLEMS;
}

function strokeOf(e: DiagramEdge, ctx: DrawContext): string {
  const counts = countsOf(e, ctx);
  if (isEmphasised(e, ctx)) return ctx.c.accent;
  if (counts.errors) return ctx.c.error;
  if (counts.warnings) return ctx.c.warning;
  return e.variant === 'route' ? ctx.c.edgeRoute : ctx.c.edgeLink;
}

/** The arrow at the path's end, pointing along its last segment. */
function arrow(points: readonly Point[], colour: string): string {
  const tip = points[points.length - 1]!;
  let from = tip;
  for (let i = points.length - 2; i >= 0 && from === tip; i--)
    if (points[i]!.x !== tip.x || points[i]!.y !== tip.y) from = points[i]!;
  const len = Math.hypot(tip.x - from.x, tip.y - from.y);
  // A path of one point has no direction: it points right, as every edge arrives.
  const [dx, dy] = len > 0 ? [(tip.x - from.x) / len, (tip.y - from.y) / len] : [1, 0];
  const bx = tip.x - dx * ARROW_LENGTH;
  const by = tip.y - dy * ARROW_LENGTH;
  const pts = [
    [bx - dy * ARROW_HALF_WIDTH, by + dx * ARROW_HALF_WIDTH],
    [tip.x, tip.y],
    [bx + dy * ARROW_HALF_WIDTH, by - dx * ARROW_HALF_WIDTH],
  ];
  return empty('polygon', {
    points: pts.map(([px, py]) => `${num(px!)},${num(py!)}`).join(' '),
    fill: colour,
    stroke: colour,
    'stroke-width': ARROW_STROKE,
    'stroke-linejoin': 'round',
  });
}

export function drawEdge(e: DiagramEdge, ctx: DrawContext): string {
  if (e.points.length < 2) return '';
  const colour = strokeOf(e, ctx);
  const emphasised = isEmphasised(e, ctx);
  const dimmed = ctx.highlight !== undefined && !emphasised;
  return element(
    'g',
    { class: `pl-edge pl-edge--${e.variant}`, opacity: dimmed ? DIMMED : undefined },
    empty('path', {
      d: roundedPath(e.points),
      fill: 'none',
      stroke: colour,
      'stroke-width': emphasised ? EMPHASIS_WIDTH : 1.5,
      'stroke-dasharray': e.variant === 'route' ? '6 4' : undefined,
    }) + arrow(e.points, colour),
  );
}

/** Whether the edge's label is drawn: every label in the full view, only public URLs in the overview. */
export const labelShown = (e: DiagramEdge, ctx: DrawContext): boolean =>
  e.label.box.w > 0 && (ctx.view === 'full' || e.variant === 'route');

const LABEL_GAP = 5;

export function drawLabel(e: DiagramEdge, ctx: DrawContext): string {
  const { c } = ctx;
  const { x, y, w, h } = e.label.box;
  const route = e.variant === 'route';
  const counts = countsOf(e, ctx);
  const emphasised = isEmphasised(e, ctx);
  const dimmed = ctx.highlight !== undefined && !emphasised;
  // Already printable (shared/diagram/edges.ts).
  const label = xmlChars(e.label.text);
  // Badges, then the text, centred as one row (CSS: inline-flex, justify-content center, gap 5).
  const badges = badgesWidth(counts, INLINE_BADGE);
  const textW = measure(label, { face: 'Inter 400', size: FONT.label.size });
  const content = badges + (badges > 0 ? LABEL_GAP : 0) + textW;
  const left = x + (w - content) / 2;
  const border = emphasised ? c.accent : route ? c.routeLabelBorder : c.border;
  return element(
    'g',
    { class: `pl-label pl-label--${e.variant}`, opacity: dimmed ? DIMMED : undefined },
    empty('rect', {
      x: x + 0.5,
      y: y + 0.5,
      width: w - 1,
      height: h - 1,
      rx: 4.5,
      fill: route ? c.routeLabelBg : c.bgRaised,
      stroke: border,
      'stroke-width': emphasised ? 1.5 : 1,
    }) +
      (badges > 0 ? drawBadges(counts, left, y + (h - INLINE_BADGE.h) / 2, INLINE_BADGE, c) : '') +
      element(
        'text',
        {
          x: left + (badges > 0 ? badges + LABEL_GAP : 0),
          y: baseline(y, h, FONT.label.size),
          'font-size': FONT.label.size,
          fill: route ? c.edgeRoute : c.textMuted,
        },
        text(label),
      ),
  );
}
