/**
 * Just enough of PDF's object syntax (ISO 32000-1 §7.2–7.3) to find a file attachment: numbers,
 * names, literal and hex strings, arrays, dictionaries, indirect references and the `N G obj`
 * headers that introduce objects. The input may be any file a user drops, so every loop advances,
 * nesting and object size are capped, and malformed syntax is an error the caller skips.
 */
import { decodeUtf8 } from './utf8-bytes';

/** The bytes of a byte string (one character per byte). */
export function byteArray(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export interface PdfName {
  readonly name: string;
}
export interface PdfString {
  /** The string's bytes, one character per byte. */
  readonly bytes: string;
}
export interface PdfRef {
  readonly ref: number;
  readonly gen: number;
}
export type PdfDict = ReadonlyMap<string, PdfValue>;
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | readonly PdfValue[] | PdfDict;

export class PdfSyntaxError extends Error {}

const MAX_DEPTH = 32;
/** Values in one object: the EmbeddedFiles name tree of a large attachment list stays far below. */
const MAX_VALUES = 200_000;

/** `\n`, `\r`, `\t`, `\b`, `\f` in a literal string. */
const ESCAPES: ReadonlyMap<number, string> = new Map([
  [110, '\n'],
  [114, '\r'],
  [116, '\t'],
  [98, '\b'],
  [102, '\f'],
]);

const isWhite = (c: number): boolean => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
const isDelim = (c: number): boolean =>
  c === 40 ||
  c === 41 ||
  c === 60 ||
  c === 62 ||
  c === 91 ||
  c === 93 ||
  c === 123 ||
  c === 125 ||
  c === 47 ||
  c === 37;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const hexValue = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;

export const isName = (v: PdfValue | undefined): v is PdfName => typeof v === 'object' && v !== null && 'name' in v;
export const isString = (v: PdfValue | undefined): v is PdfString =>
  typeof v === 'object' && v !== null && 'bytes' in v;
export const isRef = (v: PdfValue | undefined): v is PdfRef => typeof v === 'object' && v !== null && 'ref' in v;
export const isDict = (v: PdfValue | undefined): v is PdfDict => v instanceof Map;

/** Parses one value of `src` (a byte string) starting at `at`. */
export class PdfParser {
  private values = 0;
  /**
   * The furthest position any scan has looked at. After a syntax error the caller resumes past it,
   * so no byte is scanned twice by failed parses (an unterminated `(` scans to the end of the file
   * once, not once per object header after it).
   */
  reach: number;
  constructor(
    private readonly src: string,
    public at: number,
  ) {
    this.reach = at;
  }

  private touch(position: number): void {
    if (position > this.reach) this.reach = position;
  }

  skipSpace(): void {
    const s = this.src;
    while (this.at < s.length) {
      const c = s.charCodeAt(this.at);
      if (isWhite(c)) this.at++;
      else if (c === 37) {
        // A comment runs to the end of the line.
        while (this.at < s.length && s.charCodeAt(this.at) !== 10 && s.charCodeAt(this.at) !== 13) this.at++;
      } else break;
    }
    this.touch(this.at);
  }

  /** A bare word (`stream`, `endobj`, `R`) at the current position, without consuming it. */
  peekWord(): string {
    this.skipSpace();
    let end = this.at;
    while (end < this.src.length && end - this.at < 16) {
      const c = this.src.charCodeAt(end);
      if (isWhite(c) || isDelim(c)) break;
      end++;
    }
    return this.src.slice(this.at, end);
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('nested too deeply');
    if (++this.values > MAX_VALUES) throw new PdfSyntaxError('too many values in one object');
    this.skipSpace();
    const s = this.src;
    if (this.at >= s.length) throw new PdfSyntaxError('unexpected end');
    const c = s.charCodeAt(this.at);
    if (c === 47) return this.name();
    if (c === 40) return this.literal();
    if (c === 91) {
      this.at++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.at >= s.length) throw new PdfSyntaxError('unterminated array');
        if (s.charCodeAt(this.at) === 93) {
          this.at++;
          return items;
        }
        items.push(this.value(depth + 1));
      }
    }
    if (c === 60) {
      if (s.charCodeAt(this.at + 1) !== 60) return this.hex();
      this.at += 2;
      const dict = new Map<string, PdfValue>();
      for (;;) {
        this.skipSpace();
        if (this.at >= s.length) throw new PdfSyntaxError('unterminated dictionary');
        if (s.startsWith('>>', this.at)) {
          this.at += 2;
          return dict;
        }
        const key = this.value(depth + 1);
        if (!isName(key)) throw new PdfSyntaxError('a dictionary key is not a name');
        dict.set(key.name, this.value(depth + 1));
      }
    }
    if (isDigit(c) || c === 43 || c === 45 || c === 46) return this.numberOrRef();
    const word = this.peekWord();
    this.at += word.length;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    throw new PdfSyntaxError(`unexpected ${word === '' ? 'delimiter' : 'keyword'}`);
  }

  private name(): PdfName {
    const s = this.src;
    let at = this.at + 1;
    let name = '';
    while (at < s.length) {
      const c = s.charCodeAt(at);
      if (isWhite(c) || isDelim(c)) break;
      const hi = c === 35 ? hexValue(s.charCodeAt(at + 1)) : -1;
      const lo = c === 35 ? hexValue(s.charCodeAt(at + 2)) : -1;
      if (hi >= 0 && lo >= 0) {
        name += String.fromCharCode(hi * 16 + lo);
        at += 3;
      } else {
        name += s[at];
        at++;
      }
    }
    this.at = at;
    this.touch(at);
    return { name };
  }

  private literal(): PdfString {
    const s = this.src;
    let at = this.at + 1;
    let depth = 1;
    let out = '';
    while (at < s.length) {
      const c = s.charCodeAt(at);
      if (c === 92) {
        const n = s.charCodeAt(at + 1);
        const escaped = ESCAPES.get(n);
        if (escaped !== undefined) {
          out += escaped;
          at += 2;
        } else if (n >= 48 && n <= 55) {
          let code = 0;
          let k = 1;
          for (; k <= 3 && s.charCodeAt(at + k) >= 48 && s.charCodeAt(at + k) <= 55; k++)
            code = code * 8 + s.charCodeAt(at + k) - 48;
          out += String.fromCharCode(code & 0xff);
          at += k;
        } else if (n === 13 || n === 10) {
          // A backslash before an end of line continues the string on the next line.
          at += n === 13 && s.charCodeAt(at + 2) === 10 ? 3 : 2;
        } else {
          if (at + 1 < s.length) out += s[at + 1];
          at += 2;
        }
        continue;
      }
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) {
        this.at = at + 1;
        this.touch(this.at);
        return { bytes: out };
      }
      out += s[at];
      at++;
    }
    this.touch(s.length);
    throw new PdfSyntaxError('unterminated string');
  }

  private hex(): PdfString {
    const s = this.src;
    const end = s.indexOf('>', this.at);
    this.touch(end < 0 ? s.length : end + 1);
    if (end < 0) throw new PdfSyntaxError('unterminated hex string');
    const digits = s.slice(this.at + 1, end).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(digits)) throw new PdfSyntaxError('invalid hex string');
    const padded = digits.length % 2 ? `${digits}0` : digits;
    let out = '';
    for (let i = 0; i < padded.length; i += 2) out += String.fromCharCode(parseInt(padded.slice(i, i + 2), 16));
    this.at = end + 1;
    return { bytes: out };
  }

  private numberOrRef(): number | PdfRef {
    const s = this.src;
    const match = /^[+-]?(?:\d{1,20}(?:\.\d{0,20})?|\.\d{1,20})/.exec(s.slice(this.at, this.at + 48));
    if (!match) throw new PdfSyntaxError('invalid number');
    this.at += match[0].length;
    const n = Number(match[0]);
    // `N G R` is a reference: look ahead without consuming unless all three parts are there.
    if (/^\d+$/.test(match[0])) {
      const ref = /^[\0\t\n\f\r ]+(\d{1,5})[\0\t\n\f\r ]+R(?![^\0\t\n\f\r ()<>[\]{}/%])/.exec(
        s.slice(this.at, this.at + 32),
      );
      if (ref) {
        this.at += ref[0].length;
        return { ref: n, gen: Number(ref[1]) };
      }
    }
    return n;
  }
}

/** The text of a PDF text string: UTF-16BE after a byte-order mark, UTF-8 after its mark, else Latin-1. */
export function pdfText(value: PdfString): string {
  const b = value.bytes;
  if (b.startsWith('\xfe\xff')) {
    let out = '';
    for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b.charCodeAt(i) << 8) | b.charCodeAt(i + 1));
    return out;
  }
  if (b.startsWith('\xef\xbb\xbf')) return decodeUtf8(byteArray(b.slice(3))) ?? b.slice(3);
  return b;
}
