/**
 * Sizes of everything the diagram draws. Boxes have fixed sizes that the canvas's CSS and the
 * SVG writer draw with the same numbers, so geometry never waits for (or depends on) a DOM.
 * Text sizes are chosen so the smallest text is 12 px at zoom 1 (≥ 11 px down to zoom 0.92).
 */
import { componentPorts, getKind, portNumber } from '../catalog/index';
import type { PortProtocol } from '../catalog/types';
import type { Component } from '../model/types';
import { ADVANCES, FONT_CHARS } from './font-metrics';

export const NODE_WIDTH = 204;
/** The header: icon, the name on up to two lines, the kind. The whole node for kinds without ports. */
export const NODE_HEADER = 54;
export const PORT_ROW = 18;
const PORTS_PAD_TOP = 3;
const PORTS_PAD_BOTTOM = 5;
/** Each replica card behind a node shows this much of itself, right and down. */
export const STACK_OFFSET = 4;
/** Cards drawn behind a node with replicas: two say "several" without growing the box much. */
export const MAX_STACK = 2;

export const FONT = {
  name: { size: 14, weight: 600, line: 16 },
  kind: { size: 12, weight: 400, line: 15 },
  port: { size: 12, weight: 400, line: 18 },
  label: { size: 12, weight: 400, line: 14 },
  zone: { size: 12, weight: 600, line: 14 },
} as const;

/**
 * Edge labels: the bundled sans face (Inter) at 12 px, 18 px tall — proportional, because a
 * public URL in a monospace face takes a third more of the gap in front of its port.
 */
export const LABEL_HEIGHT = 16;
const LABEL_PAD_X = 12;
/** Width of one diagnostics badge inside a label (dot, count, gap). */
export const BADGE_WIDTH = 26;

export function labelSize(text: string, badges = 0): { w: number; h: number } {
  return {
    w: Math.ceil(textWidth(text, 'Inter 400', FONT.label.size) + LABEL_PAD_X + badges * BADGE_WIDTH),
    h: LABEL_HEIGHT,
  };
}

/** Zone titles: uppercase 12 px semibold, 0.07 em letter spacing, 8 px padding each side. */
export const ZONE_TITLE_HEIGHT = 18;
export function zoneTitleWidth(name: string): number {
  const upper = name.toUpperCase();
  return Math.ceil(textWidth(upper, 'Inter 600', FONT.zone.size) + [...upper].length * 0.07 * FONT.zone.size + 16);
}

export interface PortRow {
  /** Catalog port name, used in links and routes. */
  readonly name: string;
  readonly number: number;
  readonly protocol: PortProtocol;
  /** The catalog's label when it says more than the protocol (e.g. `WebSockets`), else empty. */
  readonly label: string;
}

/**
 * The component's ports in catalog order, with its own numbers (overrides, flavour); a custom
 * container's own ports in its order. A container port's label is its name, which the row shows already.
 */
export function portRows(component: Component): PortRow[] {
  // Loading rejects unknown kinds, so this only guards against a catalog/document mismatch.
  if ((getKind(component.kind) as ReturnType<typeof getKind> | undefined) === undefined) return [];
  return componentPorts(component).map((port) => {
    const label =
      component.kind === 'container' || port.label.toLowerCase() === port.protocol.toLowerCase() ? '' : port.label;
    return { name: port.name, number: portNumber(component, port.name) ?? port.number, protocol: port.protocol, label };
  });
}

export function nodeHeight(portCount: number): number {
  return portCount === 0 ? NODE_HEADER : NODE_HEADER + PORTS_PAD_TOP + portCount * PORT_ROW + PORTS_PAD_BOTTOM;
}

/** Vertical centre of port row `index`, relative to the node's top. */
export function portY(index: number): number {
  return NODE_HEADER + PORTS_PAD_TOP + index * PORT_ROW + PORT_ROW / 2;
}

/** Replica cards drawn behind a node. */
export function stackDepth(replicas: number): number {
  return Math.max(0, Math.min(MAX_STACK, replicas - 1));
}

export type FontFace = keyof typeof ADVANCES;

const ADVANCE_INDEX = new Map([...FONT_CHARS].map((ch, i) => [ch, i] as const));

/** One character's advance in thousandths of an em; characters outside the table count wide. */
function advance(ch: string, face: FontFace): number {
  const i = ADVANCE_INDEX.get(ch);
  if (i !== undefined) return ADVANCES[face][i]!;
  return ch.codePointAt(0)! >= 0x2e80 ? 1000 : 720;
}

/**
 * The width of a text in one of the bundled faces (font-metrics.ts), with a little room for
 * kerning and hinting: names are broken into lines, labels and titles sized from it, the same
 * on the canvas and in a picture (neither lets the browser wrap).
 */
export function textWidth(text: string, face: FontFace = 'Inter 600', size: number = FONT.name.size): number {
  let em = 0;
  for (const ch of text) em += advance(ch, face);
  return (em / 1000) * size * 1.02;
}

/** Room for the name beside the icon and the badges. */
export const NAME_WIDTH = NODE_WIDTH - 68;

/**
 * A name on at most two lines: broken at spaces (or anywhere, for a long word), and only the
 * second line ends in "…" when even two lines cannot hold it.
 */
export function wrapName(name: string, width = NAME_WIDTH): string[] {
  if (textWidth(name) <= width) return [name];
  const words = name.split(/\s+/).filter(Boolean);
  let first = '';
  let i = 0;
  for (; i < words.length; i++) {
    const next = first ? `${first} ${words[i]!}` : words[i]!;
    if (textWidth(next) > width) break;
    first = next;
  }
  let rest: string;
  if (first === '') {
    // One word longer than a line: break it.
    const chars = [...name];
    let n = 0;
    let w = 0;
    while (n < chars.length && w + textWidth(chars[n]!) <= width) w += textWidth(chars[n++]!);
    first = chars.slice(0, n).join('');
    rest = chars.slice(n).join('');
  } else rest = words.slice(i).join(' ');
  return [first, ellipsize(rest, width)];
}

function ellipsize(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  const chars = [...text];
  let w = textWidth('…');
  let n = 0;
  while (n < chars.length && w + textWidth(chars[n]!) <= width) w += textWidth(chars[n++]!);
  return `${chars.slice(0, n).join('').trimEnd()}…`;
}
