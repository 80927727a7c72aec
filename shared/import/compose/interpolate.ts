/**
 * Compose's variable interpolation, as docker compose v2 applies it to every string of a
 * compose file: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`,
 * `${VAR?message}`, `${VAR:+replacement}`, `${VAR+replacement}`, nested expressions inside
 * defaults, replacements and messages, and `$$` for a literal `$`.
 *
 * Follows compose-go's `template/template.go` (github.com/compose-spec/compose-go, v2; read at
 * commit e70e961c3a3a), which `docker compose` uses, rather than docker-compose 1.29 (Python)
 * where the two differ — v1 has no `:+`/`+`, does not interpolate inside defaults, and rejects a
 * `$` followed by anything but a name, `{` or `$`. What is taken from compose-go, each noted
 * where it is implemented below:
 * - names: `[_a-zA-Z][_a-zA-Z0-9]*` (`substitutionNamed`, case-insensitive pattern);
 * - a `$` not followed by `$`, a name or `{` stays as it is (the pattern does not match it);
 *   after `${` anything but a name followed by `}` or an operator is an invalid template;
 * - the operator is the one right after the name (`getSubstitutionFunctionForTemplate` picks the
 *   first of `:?`, `?`, `:-`, `-`, `:+`, `+` in the text, and a name holds none of them);
 * - an expression with an operator ends where `getFirstBraceClosingIndex` says: counting every
 *   `{` up and every `}` down (the character after a `{` is skipped), or else at the last `}` on
 *   the line (the pattern's greedy `(.*)}`, whose `.` does not cross a line break);
 * - defaults, replacements and messages are interpolated only when used (`withDefaultWhen…`,
 *   `withRequired`), so an unused branch cannot fail or warn;
 * - an unset variable without a default becomes the empty string, and compose warns
 *   `The "X" variable is not set. Defaulting to a blank string.` (`onUnset` reports it);
 * - a missing required variable fails with `required variable X is missing a value: message`
 *   (`MissingRequiredError`), the text `docker compose` prints.
 *
 * Hostile input: nesting is bounded (`MAX_NESTING`, an interpolation-syntax error beyond it), so
 * the stack does not grow with the input; the closing brace of every expression comes from one
 * pass over the text (`braceCloses`), and each nesting level looks for `$` in its own part once,
 * so the work stays linear in the length of the input.
 */

export type Lookup = (name: string) => string | undefined;

export type Interpolated =
  | { readonly ok: true; readonly value: string }
  | {
      readonly ok: false;
      readonly code: 'interpolation-syntax' | 'interpolation-required';
      readonly message: string;
      /** 0-based offset in the input text (a UTF-16 index, like String#indexOf). */
      readonly offset: number;
    };

/** Called for each variable used without a default that is not set, with the offset of its `$`. */
export type OnUnset = (name: string, offset: number) => void;

/** How deep `${A:-${B:-…}}` may nest before it is refused (compose has no limit; real files nest 1–3). */
export const MAX_NESTING = 32;

type Failure = Extract<Interpolated, { ok: false }>;

const DOLLAR = 0x24;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const NEWLINE = 0x0a;

const isNameStart = (c: number) => c === 0x5f || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39);

/** What compose adds to every invalid-template error (compose-go interpolation.newPathError). */
const ESCAPE_HINT = 'you may need to escape any $ with another $';

const syntax = (offset: number, what: string): Failure => ({
  ok: false,
  code: 'interpolation-syntax',
  message: `invalid interpolation format: ${what}; ${ESCAPE_HINT}`,
  offset,
});

/** Index after the name starting at `i` (equal to `i` when there is none). */
function nameEnd(text: string, i: number, end: number): number {
  if (i >= end || !isNameStart(text.charCodeAt(i))) return i;
  let j = i + 1;
  while (j < end && isNameChar(text.charCodeAt(j))) j++;
  return j;
}

/**
 * For every index `p`: where compose-go's brace count, started at `p` with depth 0, first goes
 * below 0 — the walk of `getFirstBraceClosingIndex` (every `{` counts up and skips the character
 * after it, every `}` counts down), cut at a line break — or -1. One pass from the end, so the
 * closing brace of every expression at every nesting level is found in linear time overall.
 */
function braceCloses(text: string): Int32Array {
  const n = text.length;
  const at = new Int32Array(n + 3).fill(-1);
  for (let p = n - 1; p >= 0; p--) {
    const c = text.charCodeAt(p);
    if (c === CLOSE) at[p] = p;
    else if (c === NEWLINE) at[p] = -1;
    else if (c === OPEN) {
      // Up one: the walk must come back down twice, the first time from after the skipped character.
      const first = text.charCodeAt(p + 1) === NEWLINE ? -1 : at[p + 2]!;
      at[p] = first < 0 ? -1 : at[first + 1]!;
    } else at[p] = at[p + 1]!;
  }
  return at;
}

interface Context {
  readonly text: string;
  readonly lookup: Lookup;
  readonly onUnset: OnUnset | undefined;
  /** `braceCloses(text)`, built when the first expression with an operator needs it. */
  closes?: Int32Array;
  /** The next line break at or after some earlier expression (expressions are met left to right). */
  lineEnd: number;
}

/**
 * Where the expression with an operator starting at `dollar` ends (the index of its `}`), as
 * compose-go finds it inside the text being interpolated (`[.., end)`): the pattern's greedy
 * `(.*)}` runs to the last `}` on the line, then `getFirstBraceClosingIndex` counts braces from
 * the `$`; where the count does not come back to 0 the last `}` stays the end. -1 when there is
 * no `}` after the operator on the line.
 */
function closingBrace(ctx: Context, dollar: number, operatorEnd: number, end: number): number {
  const { text } = ctx;
  if (ctx.lineEnd < dollar) {
    const newline = text.indexOf('\n', dollar);
    ctx.lineEnd = newline < 0 ? text.length : newline;
  }
  const limit = Math.min(end, ctx.lineEnd);
  ctx.closes ??= braceCloses(text);
  // `$` counts nothing; `{` counts 1 and skips the first letter of the name; the walk goes on after it.
  const counted = ctx.closes[dollar + 3]!;
  if (counted >= 0 && counted < limit) return counted;
  const last = text.lastIndexOf('}', limit - 1);
  return last >= operatorEnd ? last : -1;
}

type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

/** The operator right after a name at `i`, if any. */
function operatorAt(text: string, i: number, end: number): Operator | undefined {
  if (i >= end) return undefined;
  const c = text[i];
  if (c === ':') {
    const next = i + 1 < end ? text[i + 1] : undefined;
    return next === '-' || next === '?' || next === '+' ? (`:${next}` as Operator) : undefined;
  }
  return c === '-' || c === '?' || c === '+' ? c : undefined;
}

/** Interpolates `text[start, end)` at nesting level `depth`. */
function substitute(ctx: Context, start: number, end: number, depth: number): Interpolated {
  const { text } = ctx;
  const parts: string[] = [];
  let literalFrom = start;
  let i = start;
  while (i < end) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0 || dollar >= end) break;
    const next = dollar + 1 < end ? text.charCodeAt(dollar + 1) : -1;
    if (next === DOLLAR) {
      parts.push(text.slice(literalFrom, dollar + 1));
      i = literalFrom = dollar + 2;
      continue;
    }
    if (next !== OPEN) {
      const stop = nameEnd(text, dollar + 1, end);
      if (stop === dollar + 1) {
        // `$` before anything else is kept as written (compose-go's pattern does not match it).
        i = dollar + 1;
        continue;
      }
      parts.push(text.slice(literalFrom, dollar), plain(ctx, text.slice(dollar + 1, stop), dollar));
      i = literalFrom = stop;
      continue;
    }
    const nameFrom = dollar + 2;
    const nameTo = nameEnd(text, nameFrom, end);
    if (nameTo === nameFrom)
      return syntax(
        dollar,
        nameFrom < end && text.charCodeAt(nameFrom) === CLOSE
          ? '"${}" names no variable'
          : nameFrom >= end
            ? '"${" is not closed'
            : `"\${" must be followed by a variable name (letters, digits and _, not starting with a digit)`,
      );
    const name = text.slice(nameFrom, nameTo);
    if (nameTo < end && text.charCodeAt(nameTo) === CLOSE) {
      parts.push(text.slice(literalFrom, dollar), plain(ctx, name, dollar));
      i = literalFrom = nameTo + 1;
      continue;
    }
    const op = operatorAt(text, nameTo, end);
    if (op === undefined)
      return syntax(
        dollar,
        nameTo >= end || text.charCodeAt(nameTo) === NEWLINE
          ? `"\${${name}" is not closed`
          : `unexpected ${JSON.stringify(text[nameTo])} after "\${${name}" (expected "}" or one of :- - :? ? :+ +)`,
      );
    const argFrom = nameTo + op.length;
    const close = closingBrace(ctx, dollar, argFrom, end);
    if (close < 0) return syntax(dollar, `"\${${name}${op}" is not closed by "}" on its line`);
    const applied = operate(ctx, name, op, argFrom, close, dollar, depth);
    if (!applied.ok) return applied;
    parts.push(text.slice(literalFrom, dollar), applied.value);
    i = literalFrom = close + 1;
  }
  if (literalFrom === start && parts.length === 0) return { ok: true, value: text.slice(start, end) };
  parts.push(text.slice(literalFrom, end));
  return { ok: true, value: parts.join('') };
}

/** `$NAME` / `${NAME}`: the value, or the empty string (and a warning) when unset. */
function plain(ctx: Context, name: string, offset: number): string {
  const value = ctx.lookup(name);
  if (value !== undefined) return value;
  ctx.onUnset?.(name, offset);
  return '';
}

/** `${NAME<op>ARG}` with ARG at `text[argFrom, argTo)`, interpolated only when it is used. */
function operate(
  ctx: Context,
  name: string,
  op: Operator,
  argFrom: number,
  argTo: number,
  dollar: number,
  depth: number,
): Interpolated {
  const value = ctx.lookup(name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  const argument = (): Interpolated =>
    depth + 1 > MAX_NESTING
      ? syntax(dollar, `expressions nested more than ${MAX_NESTING} levels deep`)
      : substitute(ctx, argFrom, argTo, depth + 1);
  switch (op) {
    case ':-':
      return nonEmpty ? { ok: true, value } : argument();
    case '-':
      return set ? { ok: true, value } : argument();
    case ':+':
      return nonEmpty ? argument() : { ok: true, value: value ?? '' };
    case '+':
      return set ? argument() : { ok: true, value: '' };
    case ':?':
    case '?': {
      if (op === ':?' ? nonEmpty : set) return { ok: true, value: value ?? '' };
      const reason = argument();
      if (!reason.ok) return reason;
      return {
        ok: false,
        code: 'interpolation-required',
        message:
          reason.value === ''
            ? `required variable ${name} is missing a value`
            : `required variable ${name} is missing a value: ${reason.value}`,
        offset: dollar,
      };
    }
  }
}

/**
 * `text` with every compose variable expression replaced (see the module comment). `onUnset`
 * hears of each variable used without a default that is not set, where compose warns.
 */
export function interpolate(text: string, lookup: Lookup, onUnset?: OnUnset): Interpolated {
  return substitute({ text, lookup, onUnset, lineEnd: -1 }, 0, text.length, 0);
}
