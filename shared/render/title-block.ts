/**
 * The title block at the top of a picture: the project's name and description on the left, the
 * date and revision in a small box on the right, as on a drawing — so a picture pasted into a
 * slide or a ticket still says what it shows and which version of the project it is.
 */
import { printable, printableLines } from '../model/printable';
import { baseline, ellipsize, measure, wrapText, type Measure } from './text';
import type { Colours } from './theme';
import type { TitleBlock } from './types';
import { element, empty, text, xmlChars } from './xml';

const NAME: Measure = { face: 'Inter 600', size: 20 };
const NAME_LINE = 26;
const NAME_LINES = 2;
const DESCRIPTION: Measure = { face: 'Inter 400', size: 13 };
const DESCRIPTION_LINE = 19;
const DESCRIPTION_LINES = 6;
const GAP = 6;
const BOX_PAD = 10;
const BOX_ROW = 20;
const KEY: Measure = { face: 'Inter 600', size: 10, spacing: 0.07 * 10 };
/** The value column is monospace (revision hashes line up); JetBrains Mono advances 0.6 em. */
const VALUE_SIZE = 12;
const VALUE: Measure = { face: 'JetBrains Mono 400', size: VALUE_SIZE };
const KEY_GAP = 16;
/** The least width the name and description keep beside the box. */
const MIN_TEXT = 240;

/** Description paragraphs (its line breaks kept), each made printable. */
function paragraphs(description: string): string[] {
  return printableLines(description)
    .split('\n')
    .map((p) => xmlChars(p.trim()));
}

function descriptionLines(description: string, width: number): string[] {
  const out: string[] = [];
  for (const p of paragraphs(description)) {
    if (p === '') continue;
    if (out.length >= DESCRIPTION_LINES) {
      // More paragraphs than room: the last line shown says so (unless it already does).
      const last = out[out.length - 1]!;
      if (!last.endsWith('…')) out[out.length - 1] = wrapText(`${last} …`, width, DESCRIPTION, 1)[0]!;
      break;
    }
    out.push(...wrapText(p, width, DESCRIPTION, DESCRIPTION_LINES - out.length));
  }
  return out;
}

/** The title block laid out in `width`, drawn at (0, 0): its markup and height. */
export function drawTitleBlock(title: TitleBlock, width: number, c: Colours): { svg: string; height: number } {
  const rows: [string, string][] = [
    ['DATE', xmlChars(printable(title.date))],
    ['REVISION', xmlChars(printable(title.revision))],
  ];
  const keyW = Math.max(...rows.map(([k]) => measure(k, KEY)));
  const valueW = Math.max(...rows.map(([, v]) => measure(v, VALUE)));
  const boxW = Math.min(Math.ceil(2 * BOX_PAD + keyW + KEY_GAP + valueW), Math.max(0, width - MIN_TEXT - 24));
  const boxH = 2 * BOX_PAD + rows.length * BOX_ROW - 4;
  const textW = width - boxW - 24;
  const valueRoom = boxW - 2 * BOX_PAD - keyW - KEY_GAP;

  const name = wrapText(xmlChars(printable(title.name)), textW, NAME, NAME_LINES);
  const description = descriptionLines(title.description, textW);
  let out = '';
  let y = 0;
  for (const line of name) {
    out += element(
      'text',
      {
        class: 'pl-title',
        x: 0,
        y: baseline(y, NAME_LINE, NAME.size),
        'font-size': NAME.size,
        'font-weight': 600,
        fill: c.text,
      },
      text(line),
    );
    y += NAME_LINE;
  }
  if (description.length > 0) y += GAP;
  for (const line of description) {
    out += element(
      'text',
      {
        class: 'pl-description',
        x: 0,
        y: baseline(y, DESCRIPTION_LINE, DESCRIPTION.size),
        'font-size': DESCRIPTION.size,
        fill: c.textMuted,
      },
      text(line),
    );
    y += DESCRIPTION_LINE;
  }

  // The box: keys in small capitals, values in the monospace face.
  const bx = width - boxW;
  let box = empty('rect', {
    x: bx + 0.5,
    y: 0.5,
    width: boxW - 1,
    height: boxH - 1,
    rx: 6,
    fill: c.bgRaised,
    stroke: c.border,
  });
  rows.forEach(([key, value], i) => {
    const top = BOX_PAD - 2 + i * BOX_ROW;
    box +=
      element(
        'text',
        {
          x: bx + BOX_PAD,
          y: baseline(top, BOX_ROW, KEY.size),
          'font-size': KEY.size,
          'font-weight': 600,
          'letter-spacing': KEY.spacing,
          fill: c.textFaint,
        },
        key,
      ) +
      element(
        'text',
        {
          x: bx + BOX_PAD + keyW + KEY_GAP,
          y: baseline(top, BOX_ROW, VALUE_SIZE, 'JetBrains Mono'),
          'font-family': "'JetBrains Mono', monospace",
          'font-size': VALUE_SIZE,
          fill: c.text,
        },
        text(ellipsize(value, valueRoom, VALUE)),
      );
  });
  out += element('g', { class: 'pl-title-box' }, box);
  return { svg: element('g', { class: 'pl-title-block' }, out), height: Math.max(y, boxH) };
}
