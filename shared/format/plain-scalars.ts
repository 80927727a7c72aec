import { isScalar, Schema, type ScalarTag } from 'yaml';

/**
 * Scalars as `yaml` reads them, for the plain reader (plain-reader.ts): a plain scalar resolved by
 * the core schema's own tags (the same objects `yaml`'s composer asks, so `1.10`, `0x1F`, `True`,
 * `~` and `.inf` resolve exactly as there), and one-line quoted scalars unescaped as `yaml` does.
 * Anything `yaml` would report as a problem comes back as `undefined`: the plain reader then
 * leaves the file to `yaml`, which reports it.
 */

/** The core schema's scalar tags that resolve plain text by test (null, bool, int, float), in yaml's order. */
const CORE_TAGS: readonly ScalarTag[] = new Schema({}).tags.filter(
  (tag): tag is ScalarTag => tag.default === true && !('collection' in tag && tag.collection) && 'test' in tag,
);

const RESOLVE_OPTIONS = { intAsBigInt: false } as const;

/**
 * Whether a plain scalar could be anything but text in the core schema: numbers start with a
 * digit, a sign or a dot; null is `~` or `null` (3 spellings), booleans `true`/`false` (3 each).
 * Most scalars of a project (ids, names, kinds) are skipped without running a test.
 */
function maybeResolved(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) return true; // 0-9 + - .
  if (c === 0x7e || c === 0x6e || c === 0x4e) return s.length <= 4; // ~ n N
  if (c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46) return s.length === 4 || s.length === 5; // t T f F
  return false;
}

/** Sentinel for "yaml would report this scalar": a tag's resolve called its error callback. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** The value `yaml` gives a plain scalar (never empty here) in the core schema. */
export function resolvePlain(s: string): unknown {
  if (!maybeResolved(s)) return s;
  for (const tag of CORE_TAGS) {
    if (tag.test?.test(s) !== true) continue;
    let failed = false;
    const res = tag.resolve(s, () => (failed = true), RESOLVE_OPTIONS);
    if (failed) return UNREADABLE;
    return isScalar(res) ? res.value : res;
  }
  return s;
}

/** yaml's escapes, but for `\<tab>` (the plain reader takes no tabs). */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['0', '\0'],
  ['a', '\x07'],
  ['b', '\b'],
  ['e', '\x1b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['v', '\v'],
  ['N', '\u0085'],
  ['_', '\u00a0'],
  ['L', '\u2028'],
  ['P', '\u2029'],
  [' ', ' '],
  ['"', '"'],
  ['/', '/'],
  ['\\', '\\'],
]);

const HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['x', 2],
  ['u', 4],
  ['U', 8],
]);

/**
 * The text of a double-quoted scalar on one line, `text[start]` being the opening quote: its
 * value and the offset just past the closing quote, or undefined where `yaml` would report a
 * problem or the scalar goes on past the line (left to yaml). Raw control characters and tabs
 * are not accepted here either (`isPlainChar`).
 */
export function doubleQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  let from = start + 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) return { value: value + text.slice(from, i), end: i + 1 };
    if (c === 0x5c /* \ */) {
      value += text.slice(from, i);
      const next = text[i + 1] ?? '';
      const simple = ESCAPES.get(next);
      if (simple !== undefined) {
        value += simple;
        i += 1;
      } else {
        const length = HEX_LENGTH.get(next);
        if (length === undefined) return undefined; // an invalid escape, or a line continuation
        const hex = text.slice(i + 2, i + 2 + length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) return undefined;
        value += String.fromCodePoint(code);
        i += 1 + length;
      }
      from = i + 1;
    } else if (!isPlainChar(c)) {
      return undefined; // a line break (a multi-line scalar), a tab or a control character
    }
  }
  return undefined; // not closed
}

/** A single-quoted scalar on one line (`''` is a quote), as doubleQuoted. */
export function singleQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  let from = start + 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x27 /* ' */) {
      if (text.charCodeAt(i + 1) !== 0x27) return { value: value + text.slice(from, i), end: i + 1 };
      value += text.slice(from, i + 1);
      i += 1;
      from = i + 1;
    } else if (!isPlainChar(c)) {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Characters the plain reader takes as they are, in any scalar or comment. The rest — tabs,
 * carriage returns, control characters, DEL and C1 controls, the byte-order mark and the Unicode
 * line and paragraph separators — is where YAML's rules get subtle (indentation, line breaks,
 * what may be written unescaped), so a file holding one is left to `yaml`.
 */
export function isPlainChar(c: number): boolean {
  if (c < 0x7f) return c >= 0x20;
  return c > 0x9f && c !== 0xfeff && c !== 0x2028 && c !== 0x2029;
}

/** What a character isPlainChar refuses is, for the message when yaml's bound then refuses the file. */
export function unusualChar(c: number): string {
  return c === 0x09 ? 'a tab' : c === 0x0d ? 'a carriage return' : 'a control or invisible character';
}
