import { CONTROL_CHARACTERS } from './constraints';

/**
 * Text from a project (names, values, suppression reasons, descriptions, file paths) is shown in
 * three places that interpret characters: a terminal or CI log (the CLI's text output), a JSON
 * document someone may `cat`, and the editor's one-line headings and problem rows. In each, a
 * character can forge what is seen:
 *
 * - a line feed, carriage return or U+2028/U+2029 starts a new line, so a suppression reason can
 *   print a fake summary line (`0 errors, …`) after its finding;
 * - ESC (0x1B) starts a terminal escape sequence (colours, cursor moves, titles, OSC 8 links) and
 *   the 8-bit C1 introducers (CSI 0x9B, OSC 0x9D, DCS 0x90, …) do the same on terminals that read
 *   them; any C0 or C1 control, or DEL, can erase or hide what came before;
 * - the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the text
 *   around them ("Trojan Source"): a message can read as something else than what it says.
 *
 * `printable` writes each such character as a visible escape — the short JSON forms (`\n`, `\t`,
 * `\r`, `\b`, `\f`) and `\u001b` for the rest — and leaves every other character as it is (a
 * backslash too: the point is that nothing can add a line or drive the terminal, not that the
 * escaping can be undone). It is the one function for this: the CLI calls it at its output
 * boundary, the editor for the project text it shows, and the loader (through `quoted`) for the
 * values it names in its messages.
 */

/** The bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

// The control set lives in constraints (one home); the bidi controls are added for display.
const SET = `${CONTROL_CHARACTERS.source.slice(1, -1)}${BIDI_CONTROLS.source.slice(1, -1)}`;
const UNPRINTABLE_TEST = new RegExp(`[${SET}]`);
const UNPRINTABLE = new RegExp(`[${SET}]`, 'g');
// For text that spans lines (help output): a line feed between lines stays.
const UNPRINTABLE_BUT_NEWLINE = new RegExp(`(?!\\n)[${SET}]`, 'g');
// What JSON.stringify leaves raw: DEL, C1, the Unicode line separators and the bidi controls.
// (It escapes C0 itself, so these only ever occur inside JSON strings, where `\uXXXX` keeps the value.)
const RAW_IN_JSON = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029${BIDI_CONTROLS.source.slice(1, -1)}]`, 'g');

const SHORT: Readonly<Record<string, string>> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** `\n`, `\t`, … or `\u001b`: how an unprintable character is written. */
export const escapeCharacter = (c: string): string => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** True when `printable` would change the text. */
export const hasUnprintable = (text: string): boolean => UNPRINTABLE_TEST.test(text);

/**
 * The text with every control character (C0 including line feed and tab, DEL, C1), the Unicode
 * line and paragraph separators and the bidi controls written as visible escapes: the result is
 * one line that cannot drive a terminal or reorder what is around it.
 */
export function printable(text: string): string {
  // Most text has nothing to escape: test first, so the common case allocates nothing.
  return UNPRINTABLE_TEST.test(text) ? text.replace(UNPRINTABLE, escapeCharacter) : text;
}

/**
 * `printable` for a text made of lines (e.g. a help screen): line feeds stay, every other
 * unprintable character is escaped. A carriage return is escaped, so no line can overwrite another.
 */
export function printableLines(text: string): string {
  return UNPRINTABLE_TEST.test(text) ? text.replace(UNPRINTABLE_BUT_NEWLINE, escapeCharacter) : text;
}

/**
 * `JSON.stringify` whose output is printable too: the characters it leaves raw inside strings
 * (DEL, C1, U+2028/U+2029, bidi controls) are written as `\uXXXX`, which a JSON reader turns back
 * into the same value. Lone surrogates are already escaped by JSON.stringify.
 */
export function printableJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return text.replace(RAW_IN_JSON, escapeCharacter);
}

/**
 * How a message names a value: JSON string escapes (so quotes and backslashes inside are
 * visible), every unprintable character escaped, and at most `max` characters (cut at a whole
 * escape or character, then `...`). Put it between quotes: `names "${quoted(key)}" twice`.
 */
export function quoted(text: string, max = 80): string {
  const shown = printable(JSON.stringify(text).slice(1, -1));
  if (shown.length <= max) return shown;
  let end = max - 3;
  // Do not cut an escape (`\u00` + `1b`) or a surrogate pair in two.
  const escape = shown.lastIndexOf('\\', end - 1);
  if (escape >= 0 && escape >= end - 5) {
    let backslashes = 0;
    for (let i = escape; i >= 0 && shown[i] === '\\'; i--) backslashes++;
    const length = shown[escape + 1] === 'u' ? 6 : 2;
    if (backslashes % 2 === 1 && escape + length > end) end = escape;
  }
  const code = shown.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${shown.slice(0, end)}...`;
}
