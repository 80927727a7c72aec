/**
 * A host region as the canvas draws it (canvas/HostLayer.tsx, canvas.css .pl-host): the outline of
 * its members' padded boxes as one shape — tinted with the host's colour and stroked with it, so
 * it reads unlike a zone (a pale area with a muted border and a title at its top-left) — and,
 * per group, a chip with a server glyph and the host's name. The path and glyph are built here
 * for both, so the canvas and a picture draw the same shape.
 */
import { HOST_CHIP_PAD, HOST_GLYPH, HOST_GLYPH_GAP } from '../diagram/hosts';
import { FONT } from '../diagram/metrics';
import type { DiagramHost, Point } from '../diagram/types';
import { printable } from '../model/printable';
import { hostSlot, type Colours } from './theme';
import { baseline, ellipsize } from './text';
import { element, empty, num, text, xmlChars } from './xml';

/** Corners of the outline are rounded by this much (less on a short side). */
const RADIUS = 8;
export const HOST_LINE_WIDTH = 1.75;
const CHIP_RADIUS = 10;
/**
 * The region's tint: the host colour, see-through, so a zone under it still shows its own tint
 * and where two hosts share a node the tints add up (canvas.css .pl-host__region).
 */
export const HOST_FILL_OPACITY = 0.08;

/** One closed loop with rounded corners. */
function loopPath(loop: readonly Point[]): string {
  const n = loop.length;
  let d = '';
  for (let i = 0; i < n; i++) {
    const a = loop[(i + n - 1) % n]!;
    const b = loop[i]!;
    const c = loop[(i + 1) % n]!;
    const r = Math.min(RADIUS, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const inX = b.x - Math.sign(b.x - a.x) * r;
    const inY = b.y - Math.sign(b.y - a.y) * r;
    const outX = b.x + Math.sign(c.x - b.x) * r;
    const outY = b.y + Math.sign(c.y - b.y) * r;
    d += `${i === 0 ? 'M' : ' L'}${num(inX)},${num(inY)} Q${num(b.x)},${num(b.y)} ${num(outX)},${num(outY)}`;
  }
  return `${d} Z`;
}

/** The SVG path of a group's outline (all its loops; fill it with `fill-rule="evenodd"` for holes). */
export const hostOutlinePath = (loops: readonly (readonly Point[])[]): string =>
  loops
    .filter((l) => l.length >= 4)
    .map(loopPath)
    .join(' ');

/** The server glyph (two stacked units) at (x, y), HOST_GLYPH square: outline path and lamp points. */
export function hostGlyph(x: number, y: number): { d: string; lamps: readonly Point[] } {
  const s = HOST_GLYPH;
  const unit = (top: number) => `M${num(x + 1)},${num(top)}H${num(x + s - 1)}V${num(top + s / 2 - 1.5)}H${num(x + 1)}Z`;
  return {
    d: `${unit(y + 0.75)} ${unit(y + s / 2 + 0.75)}`,
    lamps: [
      { x: x + 3.5, y: y + 0.75 + (s / 2 - 1.5) / 2 },
      { x: x + 3.5, y: y + s / 2 + 0.75 + (s / 2 - 1.5) / 2 },
    ],
  };
}

/** The name as the chip shows it: printable, shortened to the room the geometry gave it. */
export function chipName(name: string, room: number): string {
  return ellipsize(xmlChars(printable(name)), room, { face: 'Inter 600', size: FONT.label.size });
}

export function drawHost(h: DiagramHost, c: Colours): string {
  const slot = hostSlot(h.index);
  const colour = c.hosts[slot]!;
  const parts = h.groups.map((g) => {
    const { x, y, w, h: ch } = g.chip;
    const glyph = hostGlyph(x + HOST_CHIP_PAD, y + (ch - HOST_GLYPH) / 2);
    const textX = x + HOST_CHIP_PAD + HOST_GLYPH + HOST_GLYPH_GAP;
    const name = chipName(h.name, x + w - HOST_CHIP_PAD - textX);
    return (
      empty('path', {
        class: 'pl-host__region',
        d: hostOutlinePath(g.outline),
        'fill-rule': 'evenodd',
        fill: colour,
        'fill-opacity': HOST_FILL_OPACITY,
        stroke: colour,
        'stroke-width': HOST_LINE_WIDTH,
        'stroke-linejoin': 'round',
      }) +
      element(
        'g',
        { class: 'pl-host__chip' },
        empty('rect', {
          x: x + 0.5,
          y: y + 0.5,
          width: w - 1,
          height: ch - 1,
          rx: CHIP_RADIUS,
          fill: c.hostChipBg[slot],
          stroke: colour,
        }) +
          empty('path', { d: glyph.d, fill: 'none', stroke: colour, 'stroke-width': 1.2, 'stroke-linejoin': 'round' }) +
          glyph.lamps.map((p) => empty('circle', { cx: p.x, cy: p.y, r: 0.9, fill: colour })).join('') +
          element(
            'text',
            {
              x: textX,
              y: baseline(y, ch, FONT.label.size),
              'font-size': FONT.label.size,
              'font-weight': 600,
              fill: c.hostChipText[slot],
            },
            text(name),
          ),
      )
    );
  });
  return element('g', { class: `pl-host pl-host--${slot}`, 'data-host': h.host }, parts.join(''));
}
