import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * One home for each fact (DESIGN.md, shared/model/constraints): the id, env-name and
 * control-character patterns, the secret-name test, the route-URL function, the host-name test
 * and the entry-point kinds are defined in shared/model/constraints.ts and nowhere else. Two
 * copies already drifted apart (the canvas printed other URLs than the problems panel; the export
 * dialog masked other variables than the rules treated as secret), so a second copy fails here.
 *
 * Regular expressions are read with the TypeScript parser (literals and `new RegExp('…')`), and
 * their character classes are compared as sets, so a copy written in another order or notation
 * (`[a-zA-Z0-9]`, `\x00-\x1f`, `/i`) is found as well.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const HOME = 'shared/model/constraints.ts';
const SCANNED = ['shared', 'renderer', 'electron'];

type Fact =
  | 'id pattern'
  | 'env-name pattern'
  | 'control characters'
  | 'secret-name test'
  | 'route URL'
  | 'host-name test'
  | 'entry-point kinds';

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly fact: Fact;
  readonly text: string;
}

/**
 * Copies in files that other changes in flight own. Each entry must still match a finding (a
 * stale entry fails, so the list only shrinks); remove it when its file imports the fact from
 * shared/model/constraints.
 */
const PENDING: readonly { readonly file: string; readonly fact: Fact; readonly why: string }[] = [];

// ---------------------------------------------------------------------------------------------
// Character classes as sets of code points

type Range = readonly [number, number];

interface CharClass {
  /** Where the class starts and ends in the pattern source (`[` … `]` inclusive / exclusive). */
  readonly start: number;
  readonly end: number;
  /** Merged, sorted code-point ranges. */
  readonly ranges: readonly Range[];
  /** Class escapes that are not plain ranges (`\s`, `\w`, `\p{…}`, …). */
  readonly escapes: readonly string[];
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };

/** The character classes of a pattern source; `ignoreCase` folds ASCII letters as `/i` does. */
function charClasses(source: string, ignoreCase: boolean): CharClass[] {
  const classes: CharClass[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c !== '[') {
      i++;
      continue;
    }
    const start = i;
    i++;
    if (source[i] === '^') i++;
    const ranges: Range[] = [];
    const escapes: string[] = [];
    let first = true;
    // One class atom: a code point, or undefined for a class escape (recorded in `escapes`).
    const atom = (): number | undefined => {
      const ch = source[i]!;
      if (ch !== '\\') {
        i++;
        return ch.codePointAt(0)!;
      }
      const e = source[i + 1]!;
      if (e === 'u' && source[i + 2] === '{') {
        const close = source.indexOf('}', i);
        const cp = parseInt(source.slice(i + 3, close), 16);
        i = close + 1;
        return cp;
      }
      if (e === 'u') {
        const cp = parseInt(source.slice(i + 2, i + 6), 16);
        i += 6;
        return cp;
      }
      if (e === 'x') {
        const cp = parseInt(source.slice(i + 2, i + 4), 16);
        i += 4;
        return cp;
      }
      if (e === 'p' || e === 'P') {
        const close = source.indexOf('}', i);
        escapes.push(source.slice(i, close + 1));
        i = close + 1;
        return undefined;
      }
      i += 2;
      if ('sSdDwWbB'.includes(e)) {
        escapes.push(`\\${e}`);
        return undefined;
      }
      return SIMPLE_ESCAPES[e] ?? e.codePointAt(0)!;
    };
    while (i < source.length && (source[i] !== ']' || first)) {
      first = false;
      const lo = atom();
      if (lo !== undefined && source[i] === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
        i++;
        const hi = atom();
        if (hi !== undefined) ranges.push([lo, hi]);
        else ranges.push([lo, lo], [45, 45]);
      } else if (lo !== undefined) ranges.push([lo, lo]);
    }
    i++;
    if (ignoreCase) {
      for (const [lo, hi] of [...ranges]) {
        for (let cp = Math.max(lo, 65); cp <= Math.min(hi, 90); cp++) ranges.push([cp + 32, cp + 32]);
        for (let cp = Math.max(lo, 97); cp <= Math.min(hi, 122); cp++) ranges.push([cp - 32, cp - 32]);
      }
    }
    classes.push({ start, end: i, ranges: merge(ranges), escapes });
  }
  return classes;
}

const set = (...parts: (string | Range)[]): Range[] =>
  merge(
    parts.flatMap((p) =>
      typeof p === 'string' ? [...p].map((ch): Range => [ch.charCodeAt(0), ch.charCodeAt(0)]) : [p],
    ),
  );
const same = (a: CharClass, b: readonly Range[]): boolean =>
  a.escapes.length === 0 &&
  a.ranges.length === b.length &&
  a.ranges.every((r, k) => r[0] === b[k]![0] && r[1] === b[k]![1]);
const covers = (ranges: readonly Range[], lo: number, hi: number): boolean =>
  ranges.some((r) => r[0] <= lo && r[1] >= hi);

const ALPHA = set([65, 90], [97, 122]);
const ALNUM = set([48, 57], [65, 90], [97, 122]);
const ID_START = ALNUM;
const ID_REST = merge([...ALNUM, ...set('_.-')]);
const ENV_START = merge([...ALPHA, ...set('_')]);
const ENV_REST = merge([...ALNUM, ...set('_')]);
const CONTROL_SET: readonly Range[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x2028, 0x2029],
];

/** A class of control characters only, holding every C0 control but the whitespace ones (tab to CR). */
const isControlClass = (c: CharClass): boolean =>
  c.escapes.length === 0 &&
  covers(c.ranges, 0x00, 0x08) &&
  covers(c.ranges, 0x0e, 0x1f) &&
  c.ranges.every(([lo, hi]) => CONTROL_SET.some((s) => s[0] <= lo && s[1] >= hi));

/** The facts a pattern source restates. */
function patternFacts(source: string, flags: string): Fact[] {
  const facts = new Set<Fact>();
  const classes = charClasses(source, flags.includes('i'));
  classes.forEach((c, k) => {
    const next = classes[k + 1];
    const adjacent = next !== undefined && next.start === c.end;
    if (adjacent && same(c, ID_START) && same(next, ID_REST)) facts.add('id pattern');
    if (adjacent && same(c, ENV_START) && same(next, ENV_REST)) facts.add('env-name pattern');
    if (isControlClass(c)) facts.add('control characters');
  });
  if (/\\p\{(?:Cc|Control)\}/.test(source)) facts.add('control characters');
  if (/PASSW(?:OR)?D/i.test(source) && /SECRET|TOKEN|API_?KEY/i.test(source)) facts.add('secret-name test');
  return [...facts];
}

// ---------------------------------------------------------------------------------------------
// Sources

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Definitions and literals that restate a fact without a regular expression. */
const TEXT_FACTS: readonly { readonly fact: Fact; readonly pattern: RegExp }[] = [
  { fact: 'route URL', pattern: /\bfunction routeUrl\b|\b(?:const|let|var) routeUrl\s*[:=]/ },
  { fact: 'host-name test', pattern: /\bfunction isHostname\b|\b(?:const|let|var) isHostname\s*[:=]/ },
  {
    fact: 'secret-name test',
    pattern: /\bfunction (?:isSecretName|looksSecret)\b|\b(?:const|let|var) (?:isSecretName|looksSecret)\s*[:=]/,
  },
  {
    fact: 'entry-point kinds',
    pattern:
      /=== 'reverse-proxy'\s*\|\|[^;\n]*=== 'nextauth-portmap'|=== 'nextauth-portmap'\s*\|\|[^;\n]*=== 'reverse-proxy'|\[\s*'reverse-proxy',\s*'nextauth-portmap'\s*\]|\[\s*'nextauth-portmap',\s*'reverse-proxy'\s*\]/,
  },
];

function scan(file: string, text: string): Finding[] {
  const found: Finding[] = [];
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const report = (node: ts.Node, source: string, flags: string) => {
    for (const fact of patternFacts(source, flags)) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      found.push({ file, line, fact, text: node.getText(sf).slice(0, 120) });
    }
  };
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const close = literal.lastIndexOf('/');
      report(node, literal.slice(1, close), literal.slice(close + 1));
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern !== undefined && ts.isStringLiteralLike(pattern)) {
        report(node, pattern.text, flags !== undefined && ts.isStringLiteralLike(flags) ? flags.text : '');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  text.split('\n').forEach((lineText, k) => {
    for (const { fact, pattern } of TEXT_FACTS) {
      if (pattern.test(lineText)) found.push({ file, line: k + 1, fact, text: lineText.trim().slice(0, 120) });
    }
  });
  return found;
}

const files = SCANNED.flatMap(sourceFiles).map((f) => f.split(sep).join('/'));
const findings = files
  .filter((f) => f !== HOME)
  .flatMap((file) =>
    scan(relative(ROOT, join(ROOT, file)).split(sep).join('/'), readFileSync(join(ROOT, file), 'utf8')),
  );

const show = (f: Finding): string => `${f.file}:${f.line} restates the ${f.fact}: ${f.text}`;

describe('one home for each fact (shared/model/constraints.ts)', () => {
  it('finds the facts in their home (the scan can fail)', () => {
    const home = scan(HOME, readFileSync(join(ROOT, HOME), 'utf8'));
    const facts = new Set(home.map((f) => f.fact));
    for (const fact of [
      'id pattern',
      'env-name pattern',
      'control characters',
      'secret-name test',
      'route URL',
      'host-name test',
    ] as const) {
      expect(facts, fact).toContain(fact);
    }
    expect(files.length).toBeGreaterThan(50);
  });

  it.each([
    ['/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/', 'id pattern'],
    ['/^[a-z0-9][-a-z0-9_.]{0,63}$/i', 'id pattern'],
    ['/\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}/g', 'env-name pattern'],
    ["new RegExp('^[_a-zA-Z][_a-zA-Z0-9]+$')", 'env-name pattern'],
    ['/[\\u0000-\\u001f\\u007f]/', 'control characters'],
    ['/^[^\\x00-\\x1F\\x7F-\\x9F]+$/', 'control characters'],
    ['/[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029]/', 'control characters'],
    ['/\\p{Cc}/u', 'control characters'],
    ['/(PASSWORD|SECRET|TOKEN)$/', 'secret-name test'],
    ["const isEntry = (c) => c.kind === 'reverse-proxy' || c.kind === 'nextauth-portmap';", 'entry-point kinds'],
    ['export function routeUrl(route) {}', 'route URL'],
  ])('recognises a copy: %s', (code, fact) => {
    expect(scan('x.ts', `const x = ${code};\n`).map((f) => f.fact)).toContain(fact);
  });

  it.each([
    ['a tag (starts with "_" too)', '/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/'],
    ['a property key (".", "-" inside)', '/^[A-Za-z_][A-Za-z0-9_.-]*$/'],
    ['whitespace and markdown syntax with controls', '/[\\\\`*_\\s\\u0000-\\u001f\\u007f-\\u009f]/'],
    ['a single NUL', "text.includes('\\0')"],
  ])('leaves a different shape alone: %s', (_name, code) => {
    expect(scan('x.ts', `const x = ${code};\n`)).toEqual([]);
  });

  it('has no second copy in shared/, renderer/ or electron/', () => {
    const pending = (f: Finding) => PENDING.some((p) => p.file === f.file && p.fact === f.fact);
    expect(findings.filter((f) => !pending(f)).map(show)).toEqual([]);
  });

  it('lists only pending copies that still exist', () => {
    const stale = PENDING.filter((p) => !findings.some((f) => f.file === p.file && f.fact === p.fact));
    expect(stale.map((p) => `${p.file}: no ${p.fact} copy any more — remove it from PENDING`)).toEqual([]);
  });
});
