/**
 * The legend: what the picture's marks mean, and only the marks this picture has — a line style
 * nobody drew, a zone colour no zone has or a badge that is not shown is not explained.
 */
import type { Diagram } from '../diagram/types';
import type { ZoneKind } from '../model/types';
import type { DrawContext } from './context';
import { isEmphasised, labelShown } from './draw-edge';
import { HOST_FILL_OPACITY, HOST_LINE_WIDTH, hostGlyph } from './draw-host';
import { NODE_BADGE, TLS_MARK_HEIGHT, drawBadges, drawTlsMark, tlsMarkWidth } from './marks';
import { edgeElement } from './problems';
import { baseline, measure } from './text';
import type { Colours } from './theme';
import { element, empty, num, text } from './xml';

export type LegendItem =
  | { readonly kind: 'link'; readonly labelled: boolean }
  | { readonly kind: 'route' }
  | { readonly kind: 'highlight' }
  | { readonly kind: 'zone'; readonly zone: ZoneKind }
  | { readonly kind: 'host' }
  | { readonly kind: 'replicas' }
  | { readonly kind: 'tls' }
  | { readonly kind: 'error' }
  | { readonly kind: 'warning' };

const ZONE_ORDER: readonly ZoneKind[] = ['internet', 'dmz', 'internal', 'host'];
const ZONE_TEXT: Readonly<Record<ZoneKind, string>> = {
  internet: 'Internet',
  dmz: 'DMZ',
  internal: 'Internal network',
  host: 'Host or data centre',
};

export function legendText(item: LegendItem): string {
  switch (item.kind) {
    case 'link':
      return item.labelled ? 'Connection (protocol and port)' : 'Connection';
    case 'route':
      return 'Public URL';
    case 'highlight':
      return 'Highlighted flow';
    case 'zone':
      return ZONE_TEXT[item.zone];
    case 'host':
      return 'Host (where containers run)';
    case 'replicas':
      return 'Several instances (replicas)';
    case 'tls':
      return 'TLS ends here';
    case 'error':
      return 'Errors';
    case 'warning':
      return 'Warnings';
  }
}

/** The legend entries for what `diagram` shows when drawn with `ctx`, in a fixed order. */
export function legendItems(diagram: Diagram, ctx: DrawContext): LegendItem[] {
  const drawn = diagram.edges.filter((e) => e.points.length >= 2);
  const items: LegendItem[] = [];
  const links = drawn.filter((e) => e.variant === 'link');
  if (links.length > 0) items.push({ kind: 'link', labelled: links.some((e) => labelShown(e, ctx)) });
  if (drawn.some((e) => e.variant === 'route')) items.push({ kind: 'route' });
  if (drawn.some((e) => isEmphasised(e, ctx))) items.push({ kind: 'highlight' });
  const zones = new Set(diagram.zones.map((z) => z.kind));
  for (const zone of ZONE_ORDER) if (zones.has(zone)) items.push({ kind: 'zone', zone });
  if ((diagram.hosts?.length ?? 0) > 0) items.push({ kind: 'host' });
  if (diagram.nodes.some((n) => n.stack > 0)) items.push({ kind: 'replicas' });
  if (diagram.nodes.some((n) => ctx.tls.has(n.id))) items.push({ kind: 'tls' });
  const p = ctx.problems;
  if (p) {
    // Only the badges drawn: on nodes, on shown labels, on zone titles.
    const counts = [
      ...diagram.nodes.map((n) => p.get(n.id)),
      ...drawn.filter((e) => labelShown(e, ctx)).map((e) => p.get(edgeElement(e.id))),
      ...diagram.zones.map((z) => p.get(z.zone)),
    ];
    if (counts.some((c) => (c?.errors ?? 0) > 0)) items.push({ kind: 'error' });
    if (counts.some((c) => (c?.warnings ?? 0) > 0)) items.push({ kind: 'warning' });
  }
  return items;
}

const SYMBOL = 30;
const SYMBOL_GAP = 8;
const ITEM_GAP = 24;
const ROW = 24;
const FONT_SIZE = 12;
const HEADING = 'LEGEND';
const HEADING_SPACING = 0.07 * 11;
const MEASURE = { face: 'Inter 400', size: FONT_SIZE } as const;

function symbolWidth(item: LegendItem): number {
  if (item.kind === 'tls') return tlsMarkWidth();
  if (item.kind === 'error' || item.kind === 'warning') return 24;
  return SYMBOL;
}

function line(colour: string, width: number, dash?: string): string {
  const y = ROW / 2;
  return (
    empty('path', {
      d: `M0,${num(y)}H${num(SYMBOL - 5)}`,
      stroke: colour,
      'stroke-width': width,
      'stroke-dasharray': dash,
    }) +
    empty('polygon', {
      points: `${num(SYMBOL - 6)},${num(y - 4.8)} ${num(SYMBOL)},${num(y)} ${num(SYMBOL - 6)},${num(y + 4.8)}`,
      fill: colour,
      stroke: colour,
      'stroke-width': 1.2,
      'stroke-linejoin': 'round',
    })
  );
}

function symbol(item: LegendItem, c: Colours): string {
  switch (item.kind) {
    case 'link':
      return line(c.edgeLink, 1.5);
    case 'route':
      return line(c.edgeRoute, 1.5, '6 4');
    case 'highlight':
      return line(c.accent, 2.5);
    case 'zone':
      return empty('rect', {
        x: 0.625,
        y: 5.625,
        width: SYMBOL - 1.25,
        height: 12.75,
        rx: 4,
        fill: c.zoneFill[item.zone],
        stroke: c.zoneLine[item.zone],
        'stroke-width': 1.25,
        'stroke-dasharray': item.zone === 'internet' ? '4 3' : undefined,
      });
    case 'host': {
      // The first host's colour, outlined and tinted as a region is, with the server glyph.
      const colour = c.hosts[0]!;
      const glyph = hostGlyph(SYMBOL / 2 - 6, (ROW - 12) / 2);
      return (
        empty('rect', {
          x: 0.875,
          y: 3.875,
          width: SYMBOL - 1.75,
          height: ROW - 7.75,
          rx: 6,
          fill: colour,
          'fill-opacity': HOST_FILL_OPACITY,
          stroke: colour,
          'stroke-width': HOST_LINE_WIDTH,
        }) +
        empty('path', { d: glyph.d, fill: 'none', stroke: colour, 'stroke-width': 1.2, 'stroke-linejoin': 'round' })
      );
    }
    case 'replicas':
      return [8, 4, 0]
        .map((d) =>
          empty('rect', {
            x: d + 0.5,
            y: 3.5 + d,
            width: 20,
            height: 12,
            rx: 3,
            fill: c.bgRaised,
            stroke: d === 0 ? c.border : c.borderStrong,
          }),
        )
        .join('');
    case 'tls':
      return drawTlsMark(0, (ROW - TLS_MARK_HEIGHT) / 2, c);
    case 'error':
      return drawBadges({ errors: 1, warnings: 0 }, 2, (ROW - NODE_BADGE.h) / 2, NODE_BADGE, c);
    case 'warning':
      return drawBadges({ errors: 0, warnings: 1 }, 2, (ROW - NODE_BADGE.h) / 2, NODE_BADGE, c);
  }
}

/** The legend laid out in rows of at most `width`, drawn at (0, 0): its markup and height (0 when empty). */
export function drawLegend(items: readonly LegendItem[], width: number, c: Colours): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  const headingW = measure(HEADING, { face: 'Inter 600', size: 11, spacing: HEADING_SPACING }) + ITEM_GAP;
  let out = element(
    'text',
    {
      x: 0,
      y: baseline(0, ROW, 11),
      'font-size': 11,
      'font-weight': 600,
      'letter-spacing': HEADING_SPACING,
      fill: c.textFaint,
    },
    HEADING,
  );
  let x = headingW;
  let y = 0;
  for (const item of items) {
    const label = legendText(item);
    const w = symbolWidth(item) + SYMBOL_GAP + measure(label, MEASURE);
    if (x > headingW && x + w > width) {
      x = headingW;
      y += ROW;
    }
    out += element(
      'g',
      {
        class: `pl-legend-item pl-legend-item--${item.kind}${item.kind === 'zone' ? `-${item.zone}` : ''}`,
        transform: `translate(${num(x)} ${num(y)})`,
      },
      symbol(item, c) +
        element(
          'text',
          {
            x: symbolWidth(item) + SYMBOL_GAP,
            y: baseline(0, ROW, FONT_SIZE),
            'font-size': FONT_SIZE,
            fill: c.textMuted,
          },
          text(label),
        ),
    );
    x += w + ITEM_GAP;
  }
  return { svg: element('g', { class: 'pl-legend' }, out), height: y + ROW };
}
