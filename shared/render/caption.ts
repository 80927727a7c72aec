/** The presentation's caption above the diagram: which flow is highlighted. */
import { printableLines } from '../model/printable';
import { baseline, wrapText } from './text';
import type { Colours } from './theme';
import { element, empty, text, xmlChars } from './xml';

const CAPTION_SIZE = 15;
const CAPTION_LINE = 20;
const CAPTION_PAD = 10;

/** The caption laid out in `width` (two lines at most), drawn at (0, 0): its markup and height. */
export function drawCaption(caption: string, width: number, c: Colours): { svg: string; height: number } {
  const lines = wrapText(
    xmlChars(printableLines(caption).replace(/\n/g, ' ')),
    width - 2 * CAPTION_PAD - 4,
    { face: 'Inter 600', size: CAPTION_SIZE },
    2,
  );
  if (lines.length === 0) return { svg: '', height: 0 };
  const h = lines.length * CAPTION_LINE + 2 * CAPTION_PAD - 4;
  let out = empty('rect', { x: 0, y: 0, width, height: h, rx: 8, fill: c.accentSoft });
  out += empty('rect', { x: 0, y: 0, width: 4, height: h, rx: 2, fill: c.accent });
  lines.forEach((line, i) => {
    out += element(
      'text',
      {
        x: CAPTION_PAD + 4,
        y: baseline(CAPTION_PAD - 2 + i * CAPTION_LINE, CAPTION_LINE, CAPTION_SIZE),
        'font-size': CAPTION_SIZE,
        'font-weight': 600,
        fill: c.accent,
      },
      text(line),
    );
  });
  return { svg: element('g', { class: 'pl-caption' }, out), height: h };
}
