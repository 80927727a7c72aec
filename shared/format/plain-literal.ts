import { isPlainChar, unusualChar } from './plain-scalars';

/**
 * The lines of a literal block scalar (`|`, `|-`) for the plain reader, as `yaml`'s lexer and
 * composer take them: its indentation is its first non-empty line's (empty lines before that one
 * may not be deeper, or yaml reports them); a line that starts less indented ends it. Its lexeme
 * runs from the first line's start to the break of its last non-empty line; the empty lines after
 * that one are not part of it (yaml lexes them as blank lines), unless one holds more spaces than
 * the indentation, which yaml keeps: that, tabs and the like, and a scalar without a line break at
 * the end of the file are left to yaml.
 */
export type LiteralLines =
  /** The text (no final line break: that is the chomping's), its lines, and where the next line starts. */
  | { readonly kind: 'lines'; readonly text: string; readonly lines: number; readonly end: number }
  /** More lines than asked for: the lexeme is over the token bound. */
  | { readonly kind: 'too-many-lines' }
  | { readonly kind: 'not-plain'; readonly offset: number; readonly reason: string };

const SPACE = 0x20;
const NL = 0x0a;

/**
 * Reads the lines from `body` (the start of the line after the header) of a block scalar under a
 * key at `column`. Stops at `maxLines` lines of the lexeme, so that memory stays in proportion to
 * what the token bound lets through: 5 MB of empty lines inside a block cost no memory.
 */
export function literalLines(text: string, body: number, column: number, maxLines: number): LiteralLines {
  const code = (at: number): number => (at < text.length ? text.charCodeAt(at) : -1);
  const leave = (offset: number, reason: string): LiteralLines => ({ kind: 'not-plain', offset, reason });
  const parts: string[] = [];
  let indent = -1;
  /** Empty lines since the last non-empty one: how many, and the spaces past the indentation some hold. */
  let blanks = 0;
  let blankSpaces: Map<number, string> | undefined;
  let deepestBlank = 0;
  let lines = 0;
  let end = body;
  for (let at = body; at < text.length;) {
    let i = at;
    while (code(i) === SPACE) i++;
    if (code(i) === -1) return leave(at, 'a block scalar at the end of the file without a line break');
    if (code(i) === NL) {
      deepestBlank = Math.max(deepestBlank, i - at);
      if (indent !== -1 && i - at > indent) (blankSpaces ??= new Map()).set(blanks, text.slice(at + indent, i));
      blanks++;
      at = i + 1;
      continue;
    }
    if (indent === -1) {
      if (i - at <= column || deepestBlank > i - at) return leave(at, 'a block scalar yaml reads differently');
      indent = i - at;
    } else if (i - at < indent) {
      break;
    }
    let lineEnd = i;
    for (let c = code(lineEnd); c !== NL; c = code(++lineEnd)) {
      if (c === -1) return leave(at, 'a block scalar at the end of the file without a line break');
      if (!isPlainChar(c)) return leave(lineEnd, unusualChar(c));
    }
    lines += blanks + 1;
    if (lines > maxLines) return { kind: 'too-many-lines' };
    for (let k = 0; k < blanks; k++) parts.push(blankSpaces?.get(k) ?? '');
    parts.push(text.slice(at + indent, lineEnd));
    blanks = 0;
    blankSpaces = undefined;
    deepestBlank = 0;
    end = lineEnd + 1;
    at = end;
  }
  if (indent === -1) return leave(body, 'a block scalar without content');
  if (blankSpaces !== undefined) return leave(end, 'a block scalar that ends in spaces');
  return { kind: 'lines', text: parts.join('\n'), lines, end };
}
