/**
 * A component as the canvas draws it (renderer/src/canvas/ComponentNode.tsx and canvas.css):
 * replica cards behind, the box with its category bar, the icon tile, the name on the lines
 * shared/diagram broke it into, the kind line, one row per port (full view), badges on the
 * top-right corner and the TLS mark on the top-left.
 */
import { FONT, NAME_WIDTH, NODE_HEADER, PORT_ROW, STACK_OFFSET, portY } from '../diagram/metrics';
import type { DiagramNode } from '../diagram/types';
import type { Component } from '../model/types';
import { DIMMED, type DrawContext } from './context';
import { ICON_STROKE_WIDTH, type IconShape } from './icons';
import { kindInfo, kindLine } from './kinds';
import { NODE_BADGE, badgesWidth, drawBadges, drawTlsMark, tlsMarkWidth } from './marks';
import { NO_PROBLEMS } from './problems';
import { baseline, ellipsize } from './text';
import { element, empty, num, text, xmlChars } from './xml';
import { printable } from '../model/printable';

const RADIUS = 10;
const PAD_LEFT = 14;
const PAD_RIGHT = 12;
const TILE = 32;
const ICON = 18;
const TEXT_X = PAD_LEFT + TILE + 10;
/** Monospace advance of JetBrains Mono (every glyph is 0.6 em wide). */
const MONO_ADVANCE = 0.6;
const NAME_MEASURE = { face: 'Inter 600', size: FONT.name.size } as const;

function shape(s: IconShape): string {
  switch (s.type) {
    case 'path':
      return empty('path', { d: s.d });
    case 'circle':
      return empty('circle', { cx: s.cx, cy: s.cy, r: s.r });
    case 'ellipse':
      return empty('ellipse', { cx: s.cx, cy: s.cy, rx: s.rx, ry: s.ry });
  }
}

/** A card (the node's outline, or a replica card behind it) with its 1 px ring outside the box. */
function card(x: number, y: number, w: number, h: number, fill: string, ring: string, ringWidth = 1): string {
  const o = ringWidth / 2;
  return empty('rect', {
    x: x - o,
    y: y - o,
    width: w + ringWidth,
    height: h + ringWidth,
    rx: RADIUS + o,
    fill,
    stroke: ring,
    'stroke-width': ringWidth,
  });
}

const MONO = "'JetBrains Mono', monospace";
const LABEL_MEASURE = { face: 'Inter 400', size: FONT.port.size } as const;

/** The port rows (.pl-port): number and protocol in the monospace face, the label right-aligned. */
function portRows(n: DiagramNode, ctx: DrawContext): string {
  const { c } = ctx;
  const { x, y, w } = n.box;
  const advance = MONO_ADVANCE * FONT.port.size;
  let out = empty('path', { d: `M${num(x)},${num(y + NODE_HEADER + 0.5)}H${num(x + w)}`, stroke: c.border });
  n.ports.forEach((p, i) => {
    const base = baseline(y + portY(i) - PORT_ROW / 2, PORT_ROW, FONT.port.size, 'JetBrains Mono');
    const number = String(p.number);
    const protoX = x + PAD_LEFT + number.length * advance + 6;
    const room = x + w - PAD_RIGHT - (protoX + p.protocol.length * advance + 6);
    const label = p.label ? ellipsize(xmlChars(printable(p.label)), room, LABEL_MEASURE) : '';
    const row =
      element('text', { x: x + PAD_LEFT, y: base, 'font-weight': 600, fill: c.text }, text(number)) +
      element('text', { x: protoX, y: base, fill: c.textMuted }, text(p.protocol)) +
      (label
        ? element(
            'text',
            {
              x: x + w - PAD_RIGHT,
              y: base,
              'font-family': 'Inter, sans-serif',
              'text-anchor': 'end',
              fill: c.textFaint,
            },
            text(label),
          )
        : '');
    out += element('g', { class: 'pl-port', 'font-family': MONO, 'font-size': FONT.port.size }, row);
  });
  return out;
}

export function drawNode(n: DiagramNode, component: Component, ctx: DrawContext): string {
  const { c } = ctx;
  const { x, y, w, h } = n.box;
  const info = kindInfo(component);
  const cat = c.category[info.category];
  const counts = ctx.problems?.get(n.id) ?? NO_PROBLEMS;
  const emphasised = ctx.highlight?.nodes.has(n.id) ?? false;
  const dimmed = ctx.highlight !== undefined && !emphasised;
  let out = element('title', {}, text(`${component.name} — ${info.label}`));

  // Replica cards, the farthest first.
  for (let i = 0; i < n.stack; i++) {
    const d = (n.stack - i) * STACK_OFFSET;
    out += card(x + d, y + d, w, h, c.bgRaised, c.borderStrong);
  }
  // --shadow-s: a faint band under the bottom edge.
  out += empty('rect', {
    x: x - 0.5,
    y: y + 1,
    width: w + 1,
    height: h + 1,
    rx: RADIUS,
    fill: c.shadow,
    'fill-opacity': c.shadowOpacity,
  });
  // Emphasis as the canvas shows a selection: a 2 px accent ring in a 3 px halo.
  if (emphasised) out += card(x - 2, y - 2, w + 4, h + 4, 'none', c.accentHalo, 3);
  const ring = emphasised ? c.accent : counts.errors ? c.errorRing : counts.warnings ? c.warningRing : c.border;
  out += card(x, y, w, h, c.bgRaised, ring, emphasised ? 2 : 1);
  // The category bar on the left border (CSS ::before: top 12, 36 tall, 3 wide, right corners round).
  out += empty('path', { d: `M${num(x)},${num(y + 12)}a3,3 0 0 1 3,3v30a3,3 0 0 1 -3,3z`, fill: cat });

  // Icon tile, vertically centred in the header.
  const tileY = y + (NODE_HEADER - TILE) / 2;
  out += empty('rect', { x: x + PAD_LEFT, y: tileY, width: TILE, height: TILE, rx: 8, fill: c.glyphBg[info.category] });
  // 18/16 exactly: a constant, so written in full rather than rounded like coordinates.
  const scale = String(ICON / 16);
  out += element(
    'g',
    {
      transform: `translate(${num(x + PAD_LEFT + (TILE - ICON) / 2)} ${num(tileY + (TILE - ICON) / 2)}) scale(${scale})`,
      fill: 'none',
      stroke: cat,
      'stroke-width': ICON_STROKE_WIDTH,
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
    },
    info.icon.map(shape).join(''),
  );

  // Name lines and the kind line, centred as one block in the header.
  const lines = n.nameLines;
  const block = lines.length * FONT.name.line + FONT.kind.line;
  const top = y + (NODE_HEADER - block) / 2;
  lines.forEach((raw, i) => {
    // Lines come measured before control characters are shown as escapes; one that grew is
    // shortened (the canvas clips it).
    const line = raw === printable(raw) ? raw : ellipsize(xmlChars(printable(raw)), NAME_WIDTH, NAME_MEASURE);
    out += element(
      'text',
      {
        class: 'pl-name',
        x: x + TEXT_X,
        y: baseline(top + i * FONT.name.line, FONT.name.line, FONT.name.size),
        'font-size': FONT.name.size,
        'font-weight': 600,
        fill: c.text,
      },
      text(line),
    );
  });
  const kind = ellipsize(xmlChars(kindLine(component, info)), NAME_WIDTH, { face: 'Inter 400', size: FONT.kind.size });
  out += element(
    'text',
    {
      x: x + TEXT_X,
      y: baseline(top + lines.length * FONT.name.line, FONT.kind.line, FONT.kind.size),
      'font-size': FONT.kind.size,
      fill: c.textMuted,
    },
    text(kind),
  );

  if (ctx.view === 'full' && n.ports.length > 0) out += portRows(n, ctx);
  // Badges sit on the top-right corner (CSS: top −9 px, right −6 px); the TLS mark left of them,
  // on the top border too — clear of the zone title, which is at the region's top-left.
  const badges = badgesWidth(counts, NODE_BADGE);
  if (badges > 0) out += drawBadges(counts, x + w + 6 - badges, y - 9, NODE_BADGE, c);
  if (ctx.tls.has(n.id))
    out += drawTlsMark(x + w - PAD_RIGHT - tlsMarkWidth() - (badges > 0 ? badges : 0), y - 8, c, emphasised);
  return element('g', { class: 'pl-node', opacity: dimmed ? DIMMED : undefined }, out);
}
