/**
 * Whether a text is sure to fit where the diagram put it, so the canvas can leave it unclipped.
 * A clip (`overflow: hidden`) gives its element a paint property node of its own, and with
 * hundreds of labels and node texts in view those made every frame's paint and compositing
 * update several times the bare React Flow page's (bench/canvas). Texts are measured with the
 * bundled faces' advance widths (shared/diagram/metrics.ts, which leaves room for kerning);
 * a character those tables do not know (another script, an emoji) may be drawn wider than
 * estimated, so a text with one keeps its clip, and the drawing never changes.
 */
import { FONT_CHARS } from '../../../shared/diagram/font-metrics';
import { FONT, NAME_WIDTH, NODE_WIDTH, textWidth, type FontFace, type PortRow } from '../../../shared/diagram/metrics';

const MEASURED = new Set(FONT_CHARS);

/** Every character of `text` is one whose advance the metrics tables hold. */
export function measuredChars(text: string): boolean {
  for (const ch of text) if (!MEASURED.has(ch)) return false;
  return true;
}

/** `text` in `face` at `size` px is narrower than `width`, surely. */
export function surelyFits(text: string, width: number, face: FontFace, size: number): boolean {
  return measuredChars(text) && textWidth(text, face, size) <= width;
}

/** A port row's text between its paddings (canvas.css `.pl-port`: 14 px left, 12 px right). */
const PORT_TEXT_WIDTH = NODE_WIDTH - 26;
/** The flex gap between a port row's number, protocol and label. */
const PORT_GAP = 6;

/** A port row's number, protocol and label side by side within the row. */
export function portRowFits(port: PortRow): boolean {
  const mono = (text: string) => textWidth(text, 'JetBrains Mono 400', FONT.port.size);
  const fixed = mono(String(port.number)) + PORT_GAP + mono(port.protocol);
  if (!measuredChars(`${port.number}${port.protocol}`)) return false;
  if (!port.label) return fixed <= PORT_TEXT_WIDTH;
  return surelyFits(port.label, PORT_TEXT_WIDTH - fixed - PORT_GAP, 'Inter 400', FONT.port.size);
}

/** Which texts of a component node are clipped: those that might not fit. */
export interface TextClips {
  /** The name lines (one flag: they share a width). */
  readonly name: boolean;
  readonly kind: boolean;
  /** Per port row, its label. */
  readonly ports: readonly boolean[];
}

const NO_PORT_CLIPS: readonly boolean[] = [];

export function nodeTextClips(nameLines: readonly string[], detail: string, ports: readonly PortRow[]): TextClips {
  return {
    name: !nameLines.every((line) => surelyFits(line, NAME_WIDTH, 'Inter 600', FONT.name.size)),
    kind: !surelyFits(detail, NAME_WIDTH, 'Inter 400', FONT.kind.size),
    ports: ports.length === 0 ? NO_PORT_CLIPS : ports.map((p) => !portRowFits(p)),
  };
}
