import { Schema, type ScalarTag } from 'yaml';

/**
 * Scalars exactly as `yaml` 2 writes them with save.ts's options (`lineWidth: 0`, `indent: 2`, no
 * `singleQuote`, `blockQuote` on, YAML 1.2 core schema), for the plain writer (plain-writer.ts).
 * Each function follows the one of the same name in yaml's stringify/stringifyString.js and
 * stringifyNumber.js step by step, without what those options switch off: line folding (a line
 * width of 0 never folds) and folded block scalars (with no width, yaml always picks literal).
 * test/unit/shared/format/plain-writer.test.ts compares the results with `yaml` itself; a change
 * of `yaml`'s version must pass it before the writer is trusted again.
 */

/** Where a scalar is written: what yaml's stringify context says about it. */
export interface ScalarPlace {
  /** The context's indentation: continuation lines of a multi-line scalar start with it. */
  readonly indent: string;
  /** A mapping key written without `? `. */
  readonly implicitKey: boolean;
  /** Inside a `{ … }` or `[ … ]` collection. */
  readonly inFlow: boolean;
}

/** Thrown where the writer cannot be sure of yaml's bytes: the caller then lets `yaml` write the whole project. */
export class NotPlain extends Error {}

/** The core schema's tags other than str: a plain scalar they would resolve must be quoted to stay text. */
const RESOLVING_TAGS: readonly ScalarTag[] = new Schema({}).tags.filter(
  (tag): tag is ScalarTag => tag.default === true && tag.tag !== 'tag:yaml.org,2002:str' && 'test' in tag,
);

/**
 * Whether any core tag's test could match: they all start with a digit, a sign or a dot (numbers),
 * `~` or an n (null), a t or an f (booleans). Most scalars (ids, names, kinds) skip the eight tests.
 */
function mayResolve(s: string): boolean {
  const c = s.charCodeAt(0);
  if (Number.isNaN(c)) return true;
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x7e) return true; // 0-9 + - . ~
  return c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46; // n N t T f F
}

const INDENT_STEP = '  ';
const DOUBLE_QUOTED_MIN_MULTI_LINE = 40;

/** yaml's stringifyNumber without format or fraction digits (the core schema writes every number so). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n < 0 ? '-.inf' : '.inf';
  return Object.is(n, -0) ? '-0' : JSON.stringify(n);
}

/**
 * A text scalar. `forceDouble`: the node's type is QUOTE_DOUBLE (save.ts's plainStyle sets it on
 * kept texts with a line break); otherwise the type is unset and yaml's default, PLAIN, applies.
 */
export function stringText(value: string, place: ScalarPlace, forceDouble: boolean): string {
  // Most texts of a project (ids, names, images, paths) are plain as they are, unless a core tag reads them.
  if (!forceDouble && SIMPLE.test(value)) return mayResolve(value) ? plainString(value, place) : value;
  if (forceDouble || NEEDS_ESCAPES.test(value) || blankWithSpaces(value)) return doubleQuoted(value, place);
  return plainString(value, place);
}

/**
 * Text of line breaks and spaces only. yaml writes it as a block scalar (`|+` and lines of spaces),
 * which reads back without the spaces: with no line of content, nothing tells the block's
 * indentation from the value's spaces. save.ts has yaml double-quote it instead, and so does
 * `stringText`, so that such a text survives a save and a load.
 */
export function blankWithSpaces(value: string): boolean {
  return /[\n\r]/.test(value) && /[\t ]/.test(value) && !/[^\s]/.test(value);
}

/**
 * Text yaml writes plain whatever its place (when no core tag reads it as something else): a
 * letter, `_` or `/` first (no indicator, no document marker), then no space, colon, bracket,
 * comma, quote or control character.
 */
const SIMPLE = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;

/** yaml forces double quotes on control characters (but tab and line feed) and unpaired surrogates. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

const containsDocumentMarker = (s: string): boolean => /^(%|---|\.\.\.)/m.test(s);

function plainString(value: string, place: ScalarPlace): string {
  const { implicitKey, inFlow, indent } = place;
  if ((implicitKey && value.includes('\n')) || (inFlow && /[[\]{},]/.test(value))) return quoted(value, place);
  if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
    return implicitKey || inFlow || !value.includes('\n') ? quoted(value, place) : blockLiteral(value, place);
  }
  if (!implicitKey && !inFlow && value.includes('\n')) return blockLiteral(value, place);
  if (containsDocumentMarker(value)) {
    // At the root yaml sets forceBlockIndent on its context, which later scalars see: never here (the root is a mapping).
    if (indent === '') throw new NotPlain('a document marker at the root');
    // Only the root mapping's keys stand at one step (Portolan's own names): kept for fidelity to yaml.
    if (implicitKey && indent === INDENT_STEP) return quoted(value, place);
  }
  const str = value.replace(/\n+/g, `$&\n${indent}`);
  // Text a core tag would read as null, a boolean or a number is quoted to stay text.
  if (mayResolve(str) && RESOLVING_TAGS.some((tag) => tag.test?.test(str) === true)) return quoted(value, place);
  return str;
}

/** yaml's quotedString with `singleQuote` unset: single quotes only for text with `"` and no `'`. */
function quoted(value: string, place: ScalarPlace): string {
  return value.includes('"') && !value.includes("'") ? singleQuoted(value, place) : doubleQuoted(value, place);
}

function singleQuoted(value: string, place: ScalarPlace): string {
  if ((place.implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, place);
  const indent = place.indent || (containsDocumentMarker(value) ? '  ' : '');
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`)}'`;
}

/** Short escapes yaml writes instead of JSON's `\uXXXX`. */
const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['0000', '\\0'],
  ['0007', '\\a'],
  ['000b', '\\v'],
  ['001b', '\\e'],
  ['0085', '\\N'],
  ['00a0', '\\_'],
  ['2028', '\\L'],
  ['2029', '\\P'],
]);

/**
 * yaml's doubleQuotedString: JSON's escaping with YAML's short escapes, and — outside keys, for
 * text of 40 characters or more — each line break written as an escaped break plus a real one
 * (`\n` then a blank line), so the scalar goes on over several lines.
 */
export function doubleQuoted(value: string, place: ScalarPlace): string {
  const json = JSON.stringify(value);
  const { implicitKey } = place;
  const indent = place.indent || (containsDocumentMarker(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // a space before a line break is escaped, or reading would fold it away
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const next = json[i + 1];
    if (next === 'u') {
      str += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      const short = SHORT_ESCAPES.get(code);
      str += short ?? (code.startsWith('00') ? `\\x${code.substring(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === 'n') {
      if (implicitKey || json[i + 2] === '"' || json.length < DOUBLE_QUOTED_MIN_MULTI_LINE) {
        i += 1;
      } else {
        str += `${json.slice(start, i)}\n\n`;
        while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
          str += '\n';
          i += 2;
        }
        str += indent;
        if (json[i + 2] === ' ') str += '\\'; // a space after the break is escaped, or it would be taken as indentation
        i += 1;
        start = i + 1;
      }
    } else {
      i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

/** yaml's blockEndNewlines: runs of line breaks inside the trailing whitespace, each but the last. */
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** yaml's blockString with no line width: always a literal block scalar (`|`), with chomping and indentation indicators. */
function blockLiteral(value: string, place: ScalarPlace): string {
  // A block scalar cannot end in whitespace after its last line break.
  if (/\n[\t ]+$/.test(value)) return quoted(value, place);
  const indent = place.indent || (containsDocumentMarker(value) ? '  ' : '');
  let endStart = value.length;
  for (; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNlPos = -1;
  for (; startEnd < body.length; ++startEnd) {
    const ch = body[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = body.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? (indent ? '2' : '1') : '') + chomp;
  return `|${header}\n${indent}${start}${body.replace(/\n+/g, `$&${indent}`)}${end}`;
}
