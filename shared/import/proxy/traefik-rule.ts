/**
 * Traefik's router rule language: matchers such as Host(`a`) and PathPrefix(`/x`) joined with
 * `&&`, `||`, `!` and parentheses, arguments in backticks or Go double-quoted strings
 * (https://doc.traefik.io/traefik/routing/routers/#rule; v2 matchers may take several
 * arguments, `Host(`a`, `b`)`, which means either). A rule is read into its alternatives (a
 * disjunction of conjunctions): each alternative that names a host is one or more routes.
 *
 * Bounded: rules over MAX_RULE_LENGTH characters, nesting over MAX_RULE_DEPTH and more than
 * MAX_ALTERNATIVES alternatives are refused, so `(a||b)&&(c||d)&&…` cannot blow up.
 */

export const MAX_RULE_LENGTH = 16_384;
export const MAX_RULE_DEPTH = 64;
export const MAX_ALTERNATIVES = 256;

export interface Matcher {
  readonly name: string;
  readonly args: readonly string[];
  /** Offset of the matcher's name in the rule. */
  readonly offset: number;
  readonly negated: boolean;
}

export type RuleOutcome =
  | { readonly ok: true; readonly alternatives: readonly (readonly Matcher[])[] }
  | { readonly ok: false; readonly offset: number; readonly message: string };

type Expr =
  | { readonly type: 'matcher'; readonly matcher: Matcher }
  | { readonly type: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'not'; readonly inner: Expr };

class RuleError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

type Token =
  | { readonly type: 'ident'; readonly text: string; readonly offset: number }
  | { readonly type: 'string'; readonly text: string; readonly offset: number }
  | { readonly type: '(' | ')' | ',' | '&&' | '||' | '!' | 'end'; readonly offset: number };

const GO_ESCAPES: Readonly<Record<string, string>> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === ',' || c === '!') {
      tokens.push({ type: c, offset: i++ });
    } else if ((c === '&' || c === '|') && rule[i + 1] === c) {
      tokens.push({ type: c === '&' ? '&&' : '||', offset: i });
      i += 2;
    } else if (c === '`') {
      const end = rule.indexOf('`', i + 1);
      if (end === -1) throw new RuleError(i, 'the `-quoted argument that starts here never ends');
      tokens.push({ type: 'string', text: rule.slice(i + 1, end), offset: i });
      i = end + 1;
    } else if (c === '"') {
      const start = i;
      let text = '';
      for (i++; i < rule.length && rule[i] !== '"'; i++) {
        if (rule[i] === '\n') break;
        if (rule[i] !== '\\') {
          text += rule[i];
          continue;
        }
        const e = rule[++i];
        const simple = e === undefined ? undefined : GO_ESCAPES[e];
        if (simple !== undefined) text += simple;
        else if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(rule.slice(i + 1, i + 3))) {
          text += String.fromCharCode(parseInt(rule.slice(i + 1, i + 3), 16));
          i += 2;
        } else if (
          (e === 'u' || e === 'U') &&
          new RegExp(`^[0-9A-Fa-f]{${e === 'u' ? 4 : 8}}$`).test(rule.slice(i + 1, i + (e === 'u' ? 5 : 9)))
        ) {
          const n = e === 'u' ? 4 : 8;
          const cp = parseInt(rule.slice(i + 1, i + 1 + n), 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            throw new RuleError(i - 1, `invalid escape \\${e}${rule.slice(i + 1, i + 1 + n)}`);
          text += String.fromCodePoint(cp);
          i += n;
        } else throw new RuleError(i - 1, `unknown escape "\\${e ?? ''}" in a double-quoted argument`);
      }
      if (rule[i] !== '"') throw new RuleError(start, 'the "-quoted argument that starts here never ends');
      tokens.push({ type: 'string', text, offset: start });
      i++;
    } else if (/[A-Za-z]/.test(c)) {
      const m = /^[A-Za-z][A-Za-z0-9]*/.exec(rule.slice(i, i + 64))!;
      tokens.push({ type: 'ident', text: m[0], offset: i });
      i += m[0].length;
    } else {
      throw new RuleError(i, `unexpected "${c}"`);
    }
  }
  tokens.push({ type: 'end', offset: rule.length });
  return tokens;
}

class RuleParser {
  private k = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private get next(): Token {
    return this.tokens[this.k]!;
  }

  private expect(type: Token['type'], what: string): Token {
    const t = this.next;
    if (t.type !== type) throw new RuleError(t.offset, `expected ${what}, found ${describe(t)}`);
    this.k++;
    return t;
  }

  parse(): Expr {
    const e = this.or(0);
    if (this.next.type !== 'end')
      throw new RuleError(this.next.offset, `expected "&&", "||" or the end, found ${describe(this.next)}`);
    return e;
  }

  private or(depth: number): Expr {
    let left = this.and(depth);
    while (this.next.type === '||') {
      this.k++;
      left = { type: 'or', left, right: this.and(depth) };
    }
    return left;
  }

  private and(depth: number): Expr {
    let left = this.unary(depth);
    while (this.next.type === '&&') {
      this.k++;
      left = { type: 'and', left, right: this.unary(depth) };
    }
    return left;
  }

  private unary(depth: number): Expr {
    if (depth > MAX_RULE_DEPTH)
      throw new RuleError(this.next.offset, `the rule nests more than ${MAX_RULE_DEPTH} deep`);
    const t = this.next;
    if (t.type === '!') {
      this.k++;
      return { type: 'not', inner: this.unary(depth + 1) };
    }
    if (t.type === '(') {
      this.k++;
      const inner = this.or(depth + 1);
      this.expect(')', '")"');
      return inner;
    }
    if (t.type !== 'ident')
      throw new RuleError(t.offset, `expected a matcher such as Host(\`…\`), found ${describe(t)}`);
    this.k++;
    this.expect('(', `"(" after ${t.text}`);
    const args: string[] = [];
    if (this.next.type !== ')') {
      for (;;) {
        const s = this.expect('string', 'an argument in backticks or double quotes');
        args.push((s as { text: string }).text);
        if (this.next.type !== ',') break;
        this.k++;
      }
    }
    this.expect(')', `"," or ")" in ${t.text}(…)`);
    return { type: 'matcher', matcher: { name: t.text, args, offset: t.offset, negated: false } };
  }
}

function describe(t: Token): string {
  if (t.type === 'end') return 'the end of the rule';
  if (t.type === 'ident') return `"${t.text}"`;
  if (t.type === 'string') return 'an argument';
  return `"${t.type}"`;
}

/** Alternatives of an expression, negation pushed down to the matchers (De Morgan). */
function alternatives(e: Expr, negate: boolean): Matcher[][] {
  switch (e.type) {
    case 'matcher':
      return [[negate ? { ...e.matcher, negated: !e.matcher.negated } : e.matcher]];
    case 'not':
      return alternatives(e.inner, !negate);
    case 'or':
    case 'and': {
      const left = alternatives(e.left, negate);
      const right = alternatives(e.right, negate);
      if ((e.type === 'or') !== negate) return bounded([...left, ...right], e);
      if (left.length * right.length > MAX_ALTERNATIVES) throw tooMany(e);
      return left.flatMap((l) => right.map((r) => [...l, ...r]));
    }
  }
}

const firstOffset = (e: Expr): number =>
  e.type === 'matcher' ? e.matcher.offset : e.type === 'not' ? firstOffset(e.inner) : firstOffset(e.left);
const tooMany = (e: Expr) =>
  new RuleError(
    firstOffset(e),
    `the rule has more than ${MAX_ALTERNATIVES} alternatives once && and || are multiplied out`,
  );
function bounded(list: Matcher[][], e: Expr): Matcher[][] {
  if (list.length > MAX_ALTERNATIVES) throw tooMany(e);
  return list;
}

/** A rule as the alternatives it matches; a syntax error with its offset in the rule. */
export function parseRule(rule: string): RuleOutcome {
  if (rule.length > MAX_RULE_LENGTH) {
    return { ok: false, offset: 0, message: `the rule is longer than ${MAX_RULE_LENGTH} characters` };
  }
  try {
    const expr = new RuleParser(tokenize(rule)).parse();
    return { ok: true, alternatives: alternatives(expr, false) };
  } catch (e) {
    if (e instanceof RuleError) return { ok: false, offset: e.offset, message: e.message };
    throw e;
  }
}
