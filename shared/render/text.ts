/**
 * Text placement without a layout engine: lines are broken and shortened with the measured
 * advance widths of the bundled faces (shared/diagram/metrics.ts), and baselines put where CSS
 * puts them, so a picture sets text where the canvas does.
 */
import { textWidth, type FontFace } from '../diagram/metrics';

/** Ascent and descent of the bundled faces, in em (their hhea metrics, as Chromium reports them). */
const METRICS = {
  Inter: { ascent: 0.969, descent: 0.241 },
  'JetBrains Mono': { ascent: 1.02, descent: 0.3 },
} as const;

export type Family = keyof typeof METRICS;

/**
 * The baseline of a line of `size` px text centred in a line box of `line` px starting at `top`:
 * CSS centres the font's ascent + descent in the line box.
 */
export function baseline(top: number, line: number, size: number, family: Family = 'Inter'): number {
  const m = METRICS[family];
  return top + (line - (m.ascent + m.descent) * size) / 2 + m.ascent * size;
}

export interface Measure {
  readonly face: FontFace;
  readonly size: number;
  /** Extra space after each character (CSS letter-spacing), px. */
  readonly spacing?: number;
}

export function measure(value: string, m: Measure): number {
  const spacing = m.spacing ? [...value].length * m.spacing : 0;
  return textWidth(value, m.face, m.size) + spacing;
}

/** The longest prefix of `chars` that fits `width` (at least one character when `atLeastOne`). */
function fitting(chars: readonly string[], width: number, m: Measure, atLeastOne: boolean): number {
  let w = 0;
  let n = 0;
  while (n < chars.length) {
    const next = measure(chars[n]!, m);
    if (w + next > width && !(atLeastOne && n === 0)) break;
    w += next;
    n++;
  }
  return n;
}

/** `value` when it fits `width`, else as much as fits followed by "…". */
export function ellipsize(value: string, width: number, m: Measure): string {
  if (measure(value, m) <= width) return value;
  const chars = [...value];
  const n = fitting(chars, width - measure('…', m), m, false);
  return `${chars.slice(0, n).join('').trimEnd()}…`;
}

/** `value` with "…" at its end, shortened until both fit `width`. */
function withEllipsis(value: string, width: number, m: Measure): string {
  const chars = [...value];
  const n = fitting(chars, width - measure('…', m), m, false);
  return `${chars.slice(0, n).join('').trimEnd()}…`;
}

/**
 * `value` broken into lines of at most `width` at spaces (a word longer than a line is broken
 * anywhere), at most `maxLines`; the last line ends in "…" when text is left over.
 */
export function wrapText(value: string, width: number, m: Measure, maxLines: number): string[] {
  const words = value.split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, m) <= width) {
      line = candidate;
      i++;
    } else if (line) {
      lines.push(line);
      line = '';
    } else {
      // One word wider than a line: break it where it stops fitting.
      const chars = [...word];
      const n = fitting(chars, width, m, true);
      lines.push(chars.slice(0, n).join(''));
      if (n < chars.length) words[i] = chars.slice(n).join('');
      else i++;
    }
  }
  // The loop stops with a line pending only when every word is placed.
  if (line) lines.push(line);
  if (i < words.length && lines.length > 0) lines[lines.length - 1] = withEllipsis(lines[lines.length - 1]!, width, m);
  return lines;
}
