import { LineCounter } from 'yaml';
import type { Located } from './located';
import { isDirectFormat } from './migrations';
import { literalLines } from './plain-literal';
import { MapBuilder, type ScannedScalar } from './plain-map';
import { doubleQuoted, isPlainChar, resolvePlain, singleQuoted, UNREADABLE, unusualChar } from './plain-scalars';

/**
 * The plain reader: a single linear pass that turns a project file written in the plain style —
 * the YAML Portolan saves and people write by hand — straight into the located tree. `yaml`'s
 * lexer, parser and composer cost about 3 µs and 1 KB per token (a 2,000-component project: over
 * a second and 160 MB in a fresh process); this pass costs a fifth of that time and about half
 * the memory, so the loader's token bound can be four times as high for such files.
 *
 * The plain style is block mappings and lists (`key: value`, `- item`, a list also at its key's
 * column), mappings and lists in brackets on one line, one-line plain and quoted scalars, literal
 * block scalars (`|`, `|-`) under a key, comments and blank lines, with `\n` line breaks (load.ts
 * reads `\r\n` files as `\n`). Whatever else YAML allows — anchors, aliases, tags, multi-line
 * flow collections and scalars, folded or kept block scalars, explicit keys, directives and
 * document markers, empty values, tabs — and every syntax error, ends the pass with `not-plain`
 * at the first such place, and the loader hands the file to `yaml` (load-yaml.ts), under that
 * path's tighter token bound. So on every file it reads, the plain reader gives exactly the tree,
 * duplicate keys, token count and bound positions the `yaml` path gives; the tests in
 * test/unit/shared/format/plain-reader.test.ts check that against `yaml` on generated and mutated
 * documents.
 *
 * It enforces the same bounds as parseBounded (located.ts) at the same places: tokens are the
 * `yaml` lexer's lexemes, weighted by tokenWeight, counted in the lexer's order, and the
 * collection that opens level `maxDepth + 1` is refused where it starts.
 */
export type PlainOutcome =
  | {
      readonly kind: 'read';
      readonly root: Located;
      /** Offsets of keys that repeat an earlier key of their mapping (compared as YAML compares them). */
      readonly duplicates: readonly number[];
      readonly lineCounter: LineCounter;
      /** The file's tokens, weighted (tokenWeight). */
      readonly tokens: number;
    }
  | { readonly kind: 'too-many-tokens' | 'too-deep'; readonly offset: number; readonly lineCounter: LineCounter }
  | {
      readonly kind: 'not-plain';
      readonly offset: number;
      /** What the reader met there, for the message when the `yaml` path refuses the file. */
      readonly reason: string;
      /** The tokens before that place, weighted as the `yaml` lexer splits them. */
      readonly tokens: number;
    };

export interface PlainLimits {
  readonly maxDepth: number;
  readonly maxTokens: number;
  /**
   * The newest project format the loader reads itself: a file whose first key is `format` with a
   * whole number it does not read directly (older than OLDEST_DIRECT_FORMAT, or newer) is left at
   * once (migrations run on `yaml`'s document), not read to its end.
   */
  readonly format?: number;
}

/** Ends the pass: a bound was crossed, or the file leaves the plain style. */
class Stop {
  constructor(
    readonly kind: 'too-many-tokens' | 'too-deep' | 'not-plain',
    readonly offset: number,
    readonly reason = '',
  ) {}
}

const SPACE = 0x20;
const NL = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const PIPE = 0x7c;

/** `,[]{}`: they end a plain scalar inside brackets. */
const isFlowIndicator = (c: number): boolean => c === COMMA || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;

/**
 * Characters that may not start a plain scalar in the plain style: YAML's indicators (`-`, `?`, `:`
 * only before a space; the plain reader leaves `?…` and `:…` to yaml as well). A `<<` key is text,
 * as in `yaml`'s YAML 1.2 (merge keys are off).
 */
const BAD_PLAIN_START = new Set([...'?:,[]{}#&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0)));

/** What the indicators that end the plain style are, for the message when yaml's bound then refuses the file. */
const INDICATORS: ReadonlyMap<number, string> = new Map([
  [0x26, 'an anchor (&)'],
  [0x2a, 'an alias (*)'],
  [0x21, 'a tag (!)'],
  [0x3e, 'a folded block scalar (>)'],
  [0x7c, 'a block scalar in a list or brackets'],
  [0x3f, 'an explicit key (?)'],
]);

export function readPlain(text: string, limits: PlainLimits): PlainOutcome {
  const reader = new PlainReader(text, limits);
  try {
    const root = reader.document();
    return {
      kind: 'read',
      root,
      duplicates: reader.duplicates,
      lineCounter: reader.lineCounter,
      tokens: reader.tokens,
    };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return error.kind === 'not-plain'
      ? { kind: 'not-plain', offset: error.offset, reason: error.reason, tokens: reader.tokens }
      : { kind: error.kind, offset: error.offset, lineCounter: reader.lineCounter };
  }
}

class PlainReader {
  readonly lineCounter = new LineCounter();
  readonly duplicates: number[] = [];
  private pos = 0;
  /** The weighted tokens counted so far. */
  tokens = 0;
  /** Where the outermost open bracket stands (-1: none): a collection that does not close on its line is refused there. */
  private bracket = -1;
  /** Where the current line starts, and the column of its first character (-1 at the end of the text). */
  private lineStart = 0;
  private indent = 0;

  constructor(
    private readonly text: string,
    private readonly limits: PlainLimits,
  ) {
    this.lineCounter.addNewLine(0);
  }

  document(): Located {
    this.nextContent();
    if (this.indent !== 0) throw this.leave(this.pos, this.indent < 0 ? 'an empty file' : 'an indented first line');
    if (this.isItem()) throw this.leave(this.pos, 'a list at the top');
    const key = this.keyScalar();
    return this.blockMap(0, 1, key);
  }

  // --- bounds and exits

  /** Counts one lexeme starting at `offset`, of `weight` (tokenWeight's). */
  private token(offset: number, weight = 1): void {
    this.tokens += weight;
    if (this.tokens > this.limits.maxTokens) throw new Stop('too-many-tokens', offset);
  }

  private depth(level: number, offset: number): void {
    if (level > this.limits.maxDepth) throw new Stop('too-deep', offset);
  }

  private leave(offset: number, reason: string): Stop {
    return new Stop('not-plain', offset, reason);
  }

  private overLines(): Stop {
    return this.leave(this.bracket, 'a bracketed collection over several lines');
  }

  /** Leaves at a character isPlainChar refuses, saying which kind. */
  private unusualChar(at: number): Stop {
    return this.leave(at, unusualChar(this.code(at)));
  }

  private code(at = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  // --- lines

  /** A run of spaces (one lexeme), if any. */
  private spaces(): number {
    const start = this.pos;
    while (this.code() === SPACE) this.pos++;
    if (this.pos > start) this.token(start);
    return this.pos - start;
  }

  private newline(): void {
    this.token(this.pos);
    this.pos++;
    this.lineStart = this.pos;
    this.lineCounter.addNewLine(this.pos);
  }

  /** A comment from `#` to the end of the line (one lexeme). */
  private comment(): void {
    const start = this.pos;
    let c = this.code();
    while (c !== NL && c !== -1) {
      if (!isPlainChar(c)) throw this.unusualChar(this.pos);
      c = this.code(++this.pos);
    }
    this.token(start);
  }

  /** The end of a line after its content: spaces, a comment after a space, the line break. */
  private lineEnd(alreadySpaced = false): void {
    const spaced = this.spaces() > 0 || alreadySpaced;
    let c = this.code();
    if (c === HASH && spaced) {
      this.comment();
      c = this.code();
    }
    if (c === NL) this.newline();
    else if (c !== -1) throw this.leave(this.pos, 'more on a line than one value');
  }

  /**
   * Moves to the first character of the next line with content, past blank and comment lines, and
   * sets `indent` to its column (-1 at the end of the text).
   */
  private nextContent(): void {
    for (;;) {
      this.lineStart = this.pos;
      this.spaces();
      const c = this.code();
      if (c === NL) {
        this.newline();
      } else if (c === HASH) {
        this.comment();
        if (this.code() === NL) this.newline();
      } else if (c === -1) {
        this.indent = -1;
        return;
      } else {
        this.indent = this.pos - this.lineStart;
        if (this.indent === 0 && this.isMarker()) throw this.leave(this.pos, 'a document marker or directive');
        return;
      }
    }
  }

  /** `---`, `...` or `%` at the start of a line: documents and directives are yaml's business. */
  private isMarker(): boolean {
    const c = this.code();
    if (c === 0x25 /* % */) return true;
    if (c !== DASH && c !== 0x2e /* . */) return false;
    if (this.code(this.pos + 1) !== c || this.code(this.pos + 2) !== c) return false;
    const after = this.code(this.pos + 3);
    return after === SPACE || after === NL || after === -1;
  }

  /** `- ` at the current position: a list item. A `-` alone on its line (item below it) is left to yaml. */
  private isItem(): boolean {
    if (this.code() !== DASH) return false;
    const next = this.code(this.pos + 1);
    if (next === SPACE) return true;
    if (next === NL || next === -1) throw this.leave(this.pos, 'a list item with its value on the next lines');
    return false;
  }

  // --- block collections

  /** A block mapping at column `column`, its first key already read; returns at a line less indented. */
  private blockMap(column: number, level: number, first: ScannedScalar): Located {
    const map = new MapBuilder(first.offset, this.duplicates);
    for (let key = first; ; key = this.keyScalar()) {
      const colon = this.pos;
      this.token(colon);
      // yaml's parser opens a block mapping at its first `:`, and the bound is checked after each lexeme.
      if (key === first) this.depth(level, first.offset);
      this.pos++;
      const spaced = this.spaces() > 0;
      const value =
        spaced && !this.atLineEnd() ? this.inlineValue(column, level) : this.blockValue(column, level, colon, spaced);
      map.add(key, value);
      if (level === 1 && key === first) this.checkFormat(key, value);
      if (this.indent < column) return map.node();
      if (this.indent > column) throw this.leave(this.pos, 'a line indented deeper than the value before it');
      if (this.isItem()) throw this.leave(this.pos, 'a list item among the keys of a mapping');
    }
  }

  /** See PlainLimits.format. */
  private checkFormat(key: ScannedScalar, value: Located): void {
    const wanted = this.limits.format;
    if (wanted === undefined || key.value !== 'format' || value.type !== 'scalar') return;
    if (typeof value.value === 'number' && Number.isInteger(value.value) && !isDirectFormat(value.value, wanted)) {
      throw this.leave(value.offset, `format ${value.value}, which is upgraded first`);
    }
  }

  /** Nothing but spaces or a comment before the end of the line. */
  private atLineEnd(): boolean {
    const c = this.code();
    return c === NL || c === -1 || c === HASH;
  }

  /** The value of `key:` with nothing after it on its line: a block collection on the next lines. */
  private blockValue(column: number, level: number, colon: number, spaced: boolean): Located {
    this.lineEnd(spaced);
    this.nextContent();
    if (this.indent > column || (this.indent === column && this.isItem())) {
      if (this.isItem()) return this.blockSeq(this.indent, level + 1);
      return this.blockMap(this.indent, level + 1, this.keyScalar());
    }
    throw this.leave(colon, 'a key without a value');
  }

  /** A block list whose first `- ` is at the current position, column `column`. */
  private blockSeq(column: number, level: number): Located {
    const offset = this.pos;
    const items: Located[] = [];
    do {
      const dash = this.pos;
      this.token(dash);
      if (items.length === 0) this.depth(level, dash);
      this.pos++;
      this.spaces();
      items.push(this.item(level));
    } while (this.indent === column && this.isItem());
    if (this.indent > column) throw this.leave(this.pos, 'a line indented deeper than the value before it');
    return { type: 'seq', offset, items };
  }

  /** What follows `- `: a value on the line, or a mapping that starts on it (`- id: x`). */
  private item(level: number): Located {
    const c = this.code();
    if (c === NL || c === -1 || c === HASH) throw this.leave(this.pos, 'a list item with its value on the next lines');
    if (c === DASH && (this.code(this.pos + 1) === SPACE || this.code(this.pos + 1) === NL)) {
      throw this.leave(this.pos, 'a list inside a list item');
    }
    if (c === 0x5b || c === 0x7b) {
      const node = this.flow(level + 1);
      this.lineEnd();
      this.nextContent();
      return node;
    }
    const column = this.pos - this.lineStart;
    const scalar = this.blockScalarText();
    if (scalar.isKey) return this.blockMap(column, level + 1, scalar);
    this.lineEnd();
    this.nextContent();
    return { type: 'scalar', offset: scalar.offset, value: scalar.value, source: scalar.source };
  }

  /** The value after `key: ` on the same line; leaves the position on the next line with content. */
  private inlineValue(column: number, level: number): Located {
    const c = this.code();
    if (c === 0x5b || c === 0x7b) {
      const node = this.flow(level + 1);
      this.lineEnd();
      this.nextContent();
      return node;
    }
    if (c === PIPE) return this.literal(column);
    if (c === DASH && (this.code(this.pos + 1) === SPACE || this.code(this.pos + 1) === NL)) {
      throw this.leave(this.pos, 'a list item after a key on the same line');
    }
    const scalar = this.blockScalarText();
    if (scalar.isKey) throw this.leave(this.pos, 'a mapping after a key on the same line');
    this.lineEnd();
    this.nextContent();
    return { type: 'scalar', offset: scalar.offset, value: scalar.value, source: scalar.source };
  }

  /** A key at the current position: a scalar followed by `: ` or by `:` at the end of the line. */
  private keyScalar(): ScannedScalar {
    const scalar = this.blockScalarText();
    if (!scalar.isKey) throw this.leave(scalar.offset, 'a line that is not "key: value"');
    // yaml refuses an implicit key whose `:` stands more than 1,024 characters after its start.
    if (this.pos - scalar.offset > 1000) throw this.leave(scalar.offset, 'a very long key');
    return scalar;
  }

  // --- scalars

  /**
   * A plain or quoted scalar on one line in block context. `isKey` when a `:` indicator follows
   * it at once (for a plain scalar: no space before it); the position is then on the `:`.
   */
  private blockScalarText(): ScannedScalar {
    const start = this.pos;
    const c = this.code();
    if (c === DQUOTE || c === SQUOTE) {
      const value = this.quoted();
      const colon = this.code() === COLON && this.isIndicatorAfter(this.pos + 1, false);
      return { offset: start, value, source: value, isKey: colon };
    }
    this.plainStart(c, start, false);
    let end = start;
    let isKey = false;
    for (let i = start; ; i++) {
      const ch = this.code(i);
      if (ch === NL || ch === -1) break;
      if (ch === SPACE) {
        if (this.code(i + 1) === HASH) break;
      } else if (ch === COLON && this.isIndicatorAfter(i + 1, false)) {
        if (end !== i) throw this.leave(i, 'a space before a key\'s ":"');
        isKey = true;
        break;
      } else if (!isPlainChar(ch)) {
        throw this.unusualChar(i);
      } else {
        end = i + 1;
      }
    }
    return this.plain(start, end, isKey);
  }

  /** A plain scalar inside brackets: it also ends at `,[]{}`. */
  private flowScalarText(): ScannedScalar {
    const start = this.pos;
    const c = this.code();
    if (c === DQUOTE || c === SQUOTE) {
      const value = this.quoted();
      const colon = this.code() === COLON && this.isIndicatorAfter(this.pos + 1, true);
      return { offset: start, value, source: value, isKey: colon };
    }
    this.plainStart(c, start, true);
    let end = start;
    let isKey = false;
    for (let i = start; ; i++) {
      const ch = this.code(i);
      if (ch === NL || ch === -1) throw this.overLines();
      if (ch === SPACE) {
        if (this.code(i + 1) === HASH) throw this.leave(i, 'a comment inside brackets');
      } else if (ch === COLON && this.isIndicatorAfter(i + 1, true)) {
        if (end !== i) throw this.leave(i, 'a space before a key\'s ":"');
        isKey = true;
        break;
      } else if (isFlowIndicator(ch)) {
        break;
      } else if (!isPlainChar(ch)) {
        throw this.unusualChar(i);
      } else {
        end = i + 1;
      }
    }
    return this.plain(start, end, isKey);
  }

  /** A plain scalar may start here: not at an indicator (a `-` before a space is a list item's). */
  private plainStart(c: number, start: number, inFlow: boolean): void {
    if (c === -1 || c === NL || BAD_PLAIN_START.has(c) || (c === DASH && this.isIndicatorAfter(start + 1, inFlow))) {
      throw this.leave(start, INDICATORS.get(c) ?? 'YAML syntax beyond the plain style');
    }
  }

  /** After a `:`, what makes it an indicator: a space or the line's end, inside brackets also `,[]{}`. */
  private isIndicatorAfter(at: number, inFlow: boolean): boolean {
    const c = this.code(at);
    return c === SPACE || c === NL || c === -1 || (inFlow && isFlowIndicator(c));
  }

  private plain(start: number, end: number, isKey: boolean): ScannedScalar {
    const source = this.text.slice(start, end);
    const value = resolvePlain(source);
    if (value === UNREADABLE) throw this.leave(start, 'a value yaml cannot resolve');
    this.token(start);
    this.pos = end;
    return { offset: start, value, source, isKey };
  }

  /** A one-line quoted scalar at the current position (one lexeme: 1 + a quarter of its length if double-quoted). */
  private quoted(): string {
    const start = this.pos;
    const double = this.code() === DQUOTE;
    const read = double ? doubleQuoted(this.text, start) : singleQuoted(this.text, start);
    if (read === undefined) throw this.leave(start, 'a quoted value over several lines, or one yaml reports');
    const length = read.end - start;
    this.token(start, length > 2 && double ? 1 + (length >> 2) : 1);
    this.pos = read.end;
    const next = this.code();
    if (next !== SPACE && next !== NL && next !== -1 && next !== COLON && !isFlowIndicator(next)) {
      throw this.leave(this.pos, 'text right after a closing quote');
    }
    return read.value;
  }

  /**
   * A literal block scalar after `key: ` (`|` or `|-`, nothing else on the header line), of a
   * mapping at column `column`: the header, its line break, then its lines as one lexeme weighing
   * one more per line (plain-literal.ts).
   */
  private literal(column: number): Located {
    const header = this.pos;
    this.pos++;
    const strip = this.code() === DASH;
    if (strip) this.pos++;
    if (this.code() !== NL) throw this.leave(header, 'a block scalar header the plain style does not use');
    this.token(header);
    this.newline();
    const body = this.pos;
    const read = literalLines(this.text, body, column, this.limits.maxTokens - this.tokens - 1);
    // Over the bound, the lexeme is refused where it starts, as yaml does.
    if (read.kind === 'too-many-lines') throw new Stop('too-many-tokens', body);
    if (read.kind === 'not-plain') throw this.leave(read.offset, read.reason);
    this.token(body, 1 + read.lines);
    for (let at = this.text.indexOf('\n', body); at !== -1 && at < read.end; at = this.text.indexOf('\n', at + 1)) {
      this.lineCounter.addNewLine(at + 1);
    }
    this.pos = read.end;
    this.lineStart = read.end;
    const value = strip ? read.text : `${read.text}\n`;
    this.nextContent();
    return { type: 'scalar', offset: header, value, source: value };
  }

  // --- bracketed collections

  /** `{…}` or `[…]` on one line, at level `level`. */
  private flow(level: number): Located {
    const offset = this.pos;
    const isMap = this.code() === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    this.token(offset);
    this.depth(level, offset);
    this.pos++;
    if (this.bracket === -1) this.bracket = offset;
    const map = isMap ? new MapBuilder(offset, this.duplicates) : undefined;
    const items: Located[] = [];
    for (let count = 0; ; count++) {
      this.spaces();
      let c = this.code();
      if (c === close) break;
      if (c === NL || c === -1) throw this.overLines();
      if (count > 0) {
        if (c !== COMMA) throw this.leave(this.pos, 'a bracketed collection the plain style does not use');
        this.token(this.pos);
        this.pos++;
        this.spaces();
        c = this.code();
        if (c === close) throw this.leave(this.pos, 'a comma before a closing bracket');
      }
      if (map === undefined) {
        items.push(this.flowValue(level));
        continue;
      }
      if (c === NL || c === -1) throw this.overLines();
      if (c === 0x5b || c === 0x7b) throw this.leave(this.pos, 'a key that is a collection');
      const key = this.flowScalarText();
      if (!key.isKey || this.code(this.pos + 1) !== SPACE) throw this.leave(this.pos, 'a bracketed entry without ": "');
      this.token(this.pos);
      this.pos++;
      this.spaces();
      map.add(key, this.flowValue(level));
    }
    this.token(this.pos);
    this.pos++;
    if (this.bracket === offset) this.bracket = -1;
    return map?.node() ?? { type: 'seq', offset, items };
  }

  /** A value inside brackets: a scalar, or a nested bracketed collection. */
  private flowValue(level: number): Located {
    const c = this.code();
    if (c === 0x5b || c === 0x7b) return this.flow(level + 1);
    if (c === NL || c === -1) throw this.overLines();
    if (c === COMMA || c === 0x5d || c === 0x7d) throw this.leave(this.pos, 'an empty value inside brackets');
    const scalar = this.flowScalarText();
    if (scalar.isKey) throw this.leave(this.pos, 'a "key: value" pair the plain style does not use');
    return { type: 'scalar', offset: scalar.offset, value: scalar.value, source: scalar.source };
  }
}
