/**
 * Where a character of a scalar's value was written in the file. Interpolation reports an
 * offset into the value (`${X:?missing}` fails at its `$`), but YAML may have written the value
 * differently: inside quotes, with escapes (`\x24`, `''`), folded over several lines, or as a
 * block scalar under an indentation. Single-line scalars are mapped exactly; for the others the
 * character is found by counting: the n-th `$` of the value is the n-th `$` of the written text
 * (true unless an escape sequence wrote one of them), and failing that the scalar's start.
 */

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/** How many source characters the double-quoted escape starting at `i` (a backslash) spans. */
function escapeLength(source: string, i: number): number {
  switch (source[i + 1]) {
    case 'x':
      return 4;
    case 'u':
      return 6;
    case 'U':
      return 10;
    default:
      return 2;
  }
}

/** The exact mapping for a quoted scalar on one line (`start` is its opening quote). */
function quotedOffset(source: string, start: number, end: number, style: ScalarStyle, offset: number): number {
  let v = 0;
  let i = start + 1;
  while (i < end && v < offset) {
    if (style === 'QUOTE_SINGLE' && source[i] === "'" && source[i + 1] === "'") i += 2;
    else if (style === 'QUOTE_DOUBLE' && source[i] === '\\') i += escapeLength(source, i);
    else i++;
    v++;
  }
  return i;
}

/**
 * The offset in `source` (the whole file) of character `offset` of `value`, the scalar written
 * from `start` to `end` in `style`.
 */
export function sourceOffsetOf(
  source: string,
  start: number,
  end: number,
  style: ScalarStyle,
  value: string,
  offset: number,
): number {
  const written = source.slice(start, end);
  const oneLine = !written.includes('\n');
  if (oneLine && style === 'PLAIN') return start + Math.min(offset, written.length);
  if (oneLine && (style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE')) {
    return quotedOffset(source, start, end, style, offset);
  }
  const wanted = value[offset];
  if (wanted === undefined) return start;
  let nth = 0;
  for (let i = value.indexOf(wanted); i !== -1 && i < offset; i = value.indexOf(wanted, i + 1)) nth++;
  // A block scalar's header line (`|`, `>-`, `|2`) holds none of the value.
  const bodyStart = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED' ? written.indexOf('\n') + 1 : 1;
  let at = written.indexOf(wanted, style === 'PLAIN' ? 0 : bodyStart);
  for (; at !== -1 && nth > 0; nth--) at = written.indexOf(wanted, at + 1);
  return at === -1 ? start : start + at;
}
