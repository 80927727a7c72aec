/**
 * Reads a `.env` file the way docker compose v2 does (`--env-file`, a service's `env_file:`,
 * an include's `env_file`): compose-go's `dotenv/parser.go` (github.com/compose-spec/compose-go
 * v2, read at commit e70e961c3a3a), rule by rule:
 * - a UTF-8 byte order mark is dropped; blank lines and lines starting with `#` are skipped;
 * - `export NAME=value` is `NAME=value`; `NAME: value` (YAML style) is too;
 * - a name is letters, digits (any script), `_`, `.`, `-`, `[` and `]`; anything else is an error;
 *   a line that is a bare `NAME` takes the variable from the environment (`lookup`), if it is set;
 * - `'single quotes'` keep the value literally (only `\'` becomes `'`), and may span lines;
 * - `"double quotes"` may span lines, understand `\"`, `\\`, `\n`, `\t`, `\r`, `\a`, `\b`, `\f`,
 *   `\v`, `\$` (a literal `$`) and `\0` + three octal digits, then interpolate `${VAR}`;
 * - an unquoted value runs to the end of the line, is cut at the first ` #` and trimmed, then
 *   interpolated;
 * - interpolation (`interpolate.ts`) looks a name up in `lookup` first (the process environment:
 *   compose-go's `GetEnvFromFile` passes it) and then in the values read so far;
 * - after a closing quote the next statement starts right there, as in compose-go (so
 *   `A="x" B=y` sets both, and `A="x" # note` is a value and a comment).
 *
 * Not reused from `shared/export/dotenv-merge.ts`: that reader accepts only what every compose
 * version reads the same way on one line (it refuses multi-line values, names with `.`, text
 * after a closing quote) because it writes values back; an import must read what compose reads.
 *
 * Deliberate differences, both where compose-go accepts a line without a name: `=value` is an
 * env-invalid-name error (compose-go sets a variable named ``), and a bare `NAME` on the last
 * line without a line break is read like one with it (compose-go reads it as the value of ``).
 */
import type { ImportOutcome, ImportProblem, SourcePos } from '../types';
import { interpolate, type Interpolated, type Lookup } from './interpolate';

/** One variable a `.env` file set: its value and where its name is written. */
export interface EnvValue {
  readonly value: string;
  readonly at: SourcePos;
}

export type EnvValues = ReadonlyMap<string, EnvValue>;

export interface DotenvReadOptions {
  /**
   * Consulted first for `${VAR}` in values and for bare `NAME` lines: the process environment for
   * `--env-file` (compose-go `GetEnvFromFile`), the project's variables and then the service's
   * `environment:` for a service's `env_file:` (compose-go `WithServicesEnvironmentResolved`).
   */
  readonly lookup?: Lookup;
  /** Values read before this file (earlier `--env-file`s): this file's lines override them. */
  readonly initial?: EnvValues;
}

/** Go's `unicode.IsSpace`. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
/** compose-go's `isSpace`: a blank that is not a line break. */
const isGoSpace = (c: string | undefined) => c !== undefined && GO_SPACE.test(c);
/** `text` without trailing Go white space (a loop: a regex `\s+$` backtracks quadratically on long runs). */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isGoSpace(text[end - 1])) end--;
  return text.slice(0, end);
}
const isBlank = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f' || c === '\u0085' || c === '\u00a0';
/** Go's `regexp` `\s`, which ends the `export` prefix. */
const EXPORT = /^export[\t\n\f\r ]/;
const NAME_CHAR = /^[\p{L}\p{N}_.\-[\]]$/u;
/** `strconv.UnquoteChar` for the escapes compose-go's `expandEscapes` matches (`\c` is not one: it stays). */
const ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '\\': '\\',
};

class DotenvError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

/** A value's text with, for each character, the index in the file it was read from. */
interface Mapped {
  readonly text: string;
  readonly from: (index: number) => number;
}

class Reader {
  private readonly lineStarts: number[] = [0];
  readonly values: Map<string, EnvValue>;
  readonly warnings: ImportProblem[] = [];
  private readonly lookup: Lookup;

  constructor(
    private readonly text: string,
    private readonly file: string,
    options: DotenvReadOptions,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.values = new Map(options.initial ?? []);
    const outer = options.lookup ?? (() => undefined);
    this.lookup = (name) => outer(name) ?? this.values.get(name)?.value;
  }

  /** The 1-based line and column of index `offset`. */
  pos(offset: number): SourcePos {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { file: this.file, line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  fail(code: ImportProblem['code'], offset: number, message: string): never {
    throw new DotenvError({ code, severity: 'error', message, at: this.pos(offset) });
  }

  read(): void {
    const { text } = this;
    let i = 0;
    for (;;) {
      i = this.statementStart(i);
      if (i >= text.length) return;
      i = this.statement(i);
    }
  }

  /** compose-go `getStatementStart`: skips white space and `#` comment lines. */
  private statementStart(i: number): number {
    const { text } = this;
    for (;;) {
      while (isGoSpace(text[i])) i++;
      if (text[i] !== '#') return i;
      const newline = text.indexOf('\n', i);
      if (newline < 0) return text.length;
      i = newline;
    }
  }

  /** One `NAME=value` (or bare `NAME`) from `start`; returns where the next statement may start. */
  private statement(start: number): number {
    const { text } = this;
    let i = start;
    if (EXPORT.test(text.slice(i, i + 7))) {
      i += 'export'.length;
      while (isBlank(text[i])) i++;
    }
    const nameFrom = i;
    let separator: '=' | ':' | '\n' | undefined;
    while (i < text.length) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (ch === '=' || ch === ':' || ch === '\n') {
        separator = ch;
        break;
      }
      if (!isBlank(ch) && !NAME_CHAR.test(ch))
        this.fail(
          'env-invalid-name',
          i,
          `unexpected character ${JSON.stringify(ch)} in variable name (compose accepts letters, digits, _ . - [ ])`,
        );
      i += ch.length;
    }
    const rawName = text.slice(nameFrom, i);
    const name = trimEnd(rawName);
    const blank = /[ \t\r\v\f\u0085\u00a0]/.exec(name);
    if (blank) this.fail('env-invalid-name', nameFrom + blank.index, 'a variable name cannot contain a space');
    if (separator === undefined || separator === '\n') {
      // A bare NAME: the environment's value, when it has one (compose-go `inherited`).
      if (name !== '') {
        const inherited = this.lookup(name);
        if (inherited !== undefined) this.set(name, inherited, nameFrom);
      }
      return i + 1;
    }
    if (name === '')
      this.fail('env-invalid-name', nameFrom, `expected a variable name before ${JSON.stringify(separator)}`);
    let v = i + 1;
    while (isBlank(text[v])) v++;
    const quote = text[v];
    if (quote === "'" || quote === '"') return this.quoted(name, nameFrom, quote, v);
    return this.unquoted(name, nameFrom, v);
  }

  private unquoted(name: string, nameFrom: number, from: number): number {
    const { text } = this;
    const newline = text.indexOf('\n', from);
    const lineEnd = newline < 0 ? text.length : newline;
    let value = text.slice(from, lineEnd);
    const comment = value.indexOf(' #');
    if (comment >= 0) value = value.slice(0, comment);
    value = trimEnd(value);
    const read = this.interpolated({ text: value, from: (k) => from + k });
    this.set(name, read, nameFrom);
    return lineEnd + 1;
  }

  /** compose-go `extractVarValue` for a value starting with a quote at `open`. */
  private quoted(name: string, nameFrom: number, quote: "'" | '"', open: number): number {
    const { text } = this;
    const chars: string[] = [];
    const origins: number[] = [];
    let escaped = false;
    for (let i = open + 1; i < text.length; i++) {
      const c = text[i]!;
      if (c !== quote) {
        if (!escaped && c === '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars.push('\\');
          origins.push(i - 1);
        }
        chars.push(c);
        origins.push(i);
        continue;
      }
      if (escaped) {
        // `\"` in double quotes, `\'` in single quotes: the quote itself.
        escaped = false;
        chars.push(c);
        origins.push(i - 1);
        continue;
      }
      const value = quote === "'" ? chars.join('') : this.interpolated(expandEscapes(chars, origins));
      this.set(name, value, nameFrom);
      return i + 1;
    }
    return this.fail(
      'env-unterminated-quote',
      open,
      `the ${quote === "'" ? 'single' : 'double'}-quoted value of ${name} has no closing ${quote}`,
    );
  }

  /** The value with `${VAR}` replaced (compose-go `expandVariables`). */
  private interpolated(value: Mapped): string {
    const result: Interpolated = interpolate(value.text, this.lookup, (variable, offset) =>
      this.warnings.push({
        code: 'variable-unset',
        severity: 'warning',
        message: `The "${variable}" variable is not set. Defaulting to a blank string.`,
        at: this.pos(value.from(offset)),
      }),
    );
    if (!result.ok) this.fail(result.code, value.from(result.offset), result.message);
    return result.value;
  }

  private set(name: string, value: string, nameFrom: number): void {
    this.values.set(name, { value, at: this.pos(nameFrom) });
  }
}

/**
 * compose-go `expandEscapes` over a double-quoted value whose characters came from `origins`:
 * the escapes of the module comment; `\$` becomes `$$` so interpolation leaves one `$`; any
 * other backslash stays.
 */
function expandEscapes(chars: readonly string[], origins: readonly number[]): Mapped {
  const out: string[] = [];
  const from: number[] = [];
  const emit = (s: string, origin: number) => {
    for (const c of s) {
      out.push(c);
      from.push(origin);
    }
  };
  for (let k = 0; k < chars.length;) {
    const c = chars[k]!;
    const next = chars[k + 1];
    if (c !== '\\' || next === undefined) {
      emit(c, origins[k]!);
      k++;
      continue;
    }
    if (next === '$') {
      emit('$$', origins[k]!);
      k += 2;
      continue;
    }
    if (Object.hasOwn(ESCAPES, next)) {
      emit(ESCAPES[next]!, origins[k]!);
      k += 2;
      continue;
    }
    if (next === '0') {
      // `\0` and up to three digits; exactly three octal digits up to 0377 are a character (Go's `\ddd`).
      let digits = '';
      while (digits.length < 3 && /^[0-9]$/.test(chars[k + 2 + digits.length] ?? ''))
        digits += chars[k + 2 + digits.length];
      const code = /^[0-7]{3}$/.test(digits) ? parseInt(digits, 8) : 256;
      if (code <= 255) emit(String.fromCharCode(code), origins[k]!);
      else for (let j = 0; j < 2 + digits.length; j++) emit(chars[k + j]!, origins[k + j]!);
      k += 2 + digits.length;
      continue;
    }
    emit(c, origins[k]!);
    k++;
  }
  return { text: out.join(''), from: (index) => from[index] ?? from.at(-1) ?? 0 };
}

/**
 * The variables `text` (the content of `file`) sets, in the order first set, as compose v2 reads
 * them (see the module comment). A value that refers to an unset variable reads it as empty, with
 * a `variable-unset` warning, as compose warns.
 */
export function readDotenv(text: string, file: string, options: DotenvReadOptions = {}): ImportOutcome<EnvValues> {
  const reader = new Reader(text.startsWith('\uFEFF') ? text.slice(1) : text, file, options);
  try {
    reader.read();
  } catch (error) {
    if (error instanceof DotenvError) return { ok: false, problems: [error.problem, ...reader.warnings] };
    throw error;
  }
  return { ok: true, value: reader.values, warnings: reader.warnings };
}
