import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDotenv, type EnvValues } from '../../../../../shared/import/compose/dotenv-read';
import type { Lookup } from '../../../../../shared/import/compose/interpolate';
import type { ImportOutcome } from '../../../../../shared/import/types';

const none: Lookup = () => undefined;

function values(outcome: ImportOutcome<EnvValues>): Record<string, string> {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return Object.fromEntries([...outcome.value].map(([k, v]) => [k, v.value]));
}

const read = (text: string, lookup: Lookup = none) => values(readDotenv(text, '.env', { lookup }));

/** `code line:column` of the first problem. */
function problem(text: string, lookup: Lookup = none): string {
  const outcome = readDotenv(text, '.env', { lookup });
  if (outcome.ok) throw new Error(`read: ${JSON.stringify([...outcome.value])}`);
  const p = outcome.problems[0]!;
  return `${p.code} ${p.at.line}:${p.at.column}`;
}

describe('readDotenv: every form compose v2 (compose-go dotenv) reads', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['A=1\nB=2\n', { A: '1', B: '2' }],
    ['A=1\r\nB=2\r\n', { A: '1', B: '2' }],
    ['export A=1', { A: '1' }],
    ['export   A=1', { A: '1' }],
    ['export\tA=1', { A: '1' }],
    ['export=1', { export: '1' }],
    ['exported=1', { exported: '1' }],
    ['A: yaml style', { A: 'yaml style' }],
    ['A = spaced = value ', { A: 'spaced = value' }],
    ['  A=indented', { A: 'indented' }],
    ['A=', { A: '' }],
    ['A=\nB=2', { A: '', B: '2' }],
    ['# comment\nA=1\n  # indented comment\n\nB=2', { A: '1', B: '2' }],
    ['A=1 # inline comment', { A: '1' }],
    ['A=1# not a comment', { A: '1# not a comment' }],
    ['A=1\t# a tab is not enough', { A: '1\t# a tab is not enough' }],
    ['A= #value', { A: '#value' }], // blanks before the value go first, then ` #` is looked for
    ['A=a=b', { A: 'a=b' }],
    ['A=it\'s "fine"', { A: 'it\'s "fine"' }],
    ['A=1\nA=2', { A: '2' }],
    ['dotted.name=1', { 'dotted.name': '1' }],
    ['dash-name=1', { 'dash-name': '1' }],
    ['arr[0]=1', { 'arr[0]': '1' }],
    ['1LEADING=1', { '1LEADING': '1' }],
    ['ÄÖÜ=umlaut', { ÄÖÜ: 'umlaut' }],
    ['\uFEFFA=bom', { A: 'bom' }],
    // single quotes: literal
    ["A='x $B ${C} \\n'", { A: 'x $B ${C} \\n' }],
    ["A='it\\'s'", { A: "it's" }],
    ["A='a\\\\b'", { A: 'a\\\\b' }],
    ["A='multi\nline'", { A: 'multi\nline' }],
    ["A='x' # comment", { A: 'x' }],
    ["A=''", { A: '' }],
    // double quotes: escapes, then interpolation
    ['A="x\\ny"', { A: 'x\ny' }],
    ['A="\\t\\r\\a\\b\\f\\v"', { A: '\t\r\x07\b\f\v' }],
    ['A="\\"quoted\\""', { A: '"quoted"' }],
    ['A="a\\\\b"', { A: 'a\\b' }],
    ['A="a\\\\"', { A: 'a\\' }],
    ['A="\\$B"', { A: '$B' }],
    ['A="$$B"', { A: '$B' }],
    ['A="\\c\\x"', { A: '\\c\\x' }], // not escapes: kept
    ['A="\\0101"', { A: 'A' }], // \0 + three octal digits
    ['A="\\0377"', { A: '\u00ff' }],
    ['A="\\0400"', { A: '\\0400' }], // above 255: kept
    ['A="\\012"', { A: '\\012' }], // two digits: kept
    ['A="\\0"', { A: '\\0' }],
    ['A="\\0189"', { A: '\\0189' }],
    ['A="multi\nline"', { A: 'multi\nline' }],
    ['A="a"B=2', { A: 'a', B: '2' }], // the next statement starts after the quote
    ['A="a" B=2', { A: 'a', B: '2' }],
    ['A="a" # comment\nB=2', { A: 'a', B: '2' }],
    ['A=""', { A: '' }],
    // interpolation from earlier lines
    ['A=1\nB=${A}2', { A: '1', B: '12' }],
    ['A=1\nB="$A-${A}"', { A: '1', B: '1-1' }],
    ["A=1\nB='$A'", { A: '1', B: '$A' }],
    ['B=${U:-default}', { B: 'default' }],
    ['B=${U-}', { B: '' }],
    ['A=\nB=${A:-empty}', { A: '', B: 'empty' }],
    ['A=x\nB=${A:+set}', { A: 'x', B: 'set' }],
    ['B=$$A', { B: '$A' }],
  ])('%j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('looks a name up in the environment first, then in the lines before', () => {
    const env: Lookup = (n) => ({ SHELL_ONLY: 'shell', BOTH: 'from shell' })[n];
    expect(read('BOTH=file\nA=$BOTH\nB=${SHELL_ONLY}', env)).toEqual({ BOTH: 'file', A: 'from shell', B: 'shell' });
  });

  it('takes a bare NAME from the environment, and leaves it out when the environment lacks it', () => {
    const env: Lookup = (n) => (n === 'HOME' ? '/root' : undefined);
    expect(read('HOME\nMISSING\nA=1', env)).toEqual({ HOME: '/root', A: '1' });
    expect(read('HOME', env)).toEqual({ HOME: '/root' }); // last line without a line break
    expect(read('export HOME\n', env)).toEqual({ HOME: '/root' });
  });

  it('starts from the values of earlier files and overrides them', () => {
    const first = readDotenv('A=1\nB=2', 'one.env');
    if (!first.ok) throw new Error('first');
    const second = readDotenv('B=3\nC=$A$B', 'two.env', { initial: first.value });
    expect(values(second)).toEqual({ A: '1', B: '3', C: '13' });
    if (second.ok) expect(second.value.get('A')!.at.file).toBe('one.env');
  });
});

describe('readDotenv: positions', () => {
  it('gives every variable the line and column of its name', () => {
    const outcome = readDotenv('# head\nA=1\n  export B=2\nC="x\ny"\nD=4', 'conf/.env');
    if (!outcome.ok) throw new Error('not read');
    const at = Object.fromEntries([...outcome.value].map(([k, v]) => [k, `${v.at.file}:${v.at.line}:${v.at.column}`]));
    expect(at).toEqual({ A: 'conf/.env:2:1', B: 'conf/.env:3:10', C: 'conf/.env:4:1', D: 'conf/.env:6:1' });
  });

  it('counts columns after a byte order mark as an editor shows them', () => {
    const outcome = readDotenv('\uFEFFA=1', '.env');
    expect(outcome.ok && outcome.value.get('A')!.at).toEqual({ file: '.env', line: 1, column: 1 });
  });

  it('warns where an unset variable is used, as compose does', () => {
    const outcome = readDotenv('A=1\nB=x$NOPE\nC="a\\tb ${ALSO_NOT}"', '.env');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.warnings.map((w) => [w.code, w.severity, w.message, w.at.line, w.at.column])).toEqual([
      ['variable-unset', 'warning', 'The "NOPE" variable is not set. Defaulting to a blank string.', 2, 4],
      ['variable-unset', 'warning', 'The "ALSO_NOT" variable is not set. Defaulting to a blank string.', 3, 9],
    ]);
  });
});

describe('readDotenv: errors with line:column', () => {
  it.each([
    ['A$=1', 'env-invalid-name 1:2'],
    ['A B=1', 'env-invalid-name 1:2'],
    ['A"=1', 'env-invalid-name 1:2'],
    ['ok=1\n  bad name=1', 'env-invalid-name 2:6'],
    ['=1', 'env-invalid-name 1:1'],
    [': yaml', 'env-invalid-name 1:1'],
    ['A="never closed', 'env-unterminated-quote 1:3'],
    ['A=1\nB=  "spans\nlines', 'env-unterminated-quote 2:5'],
    ["A='x\ny", 'env-unterminated-quote 1:3'],
    ['A="escaped quote at end\\"', 'env-unterminated-quote 1:3'],
    ['A=${', 'interpolation-syntax 1:3'],
    ['A=x\nB=ab${1}', 'interpolation-syntax 2:5'],
    ['B="\\t${B:?needed}"', 'interpolation-required 1:6'],
    ['B="line\n${B:?needed}"', 'interpolation-required 2:1'],
    ['B=${U:?}', 'interpolation-required 1:3'],
  ])('%j → %s', (text, expected) => {
    expect(problem(text)).toBe(expected);
  });

  it('says what compose says for a required variable', () => {
    const outcome = readDotenv('A=${PASSWORD:?set PASSWORD first}', '.env');
    expect(!outcome.ok && outcome.problems[0]!.message).toBe(
      'required variable PASSWORD is missing a value: set PASSWORD first',
    );
  });

  it('keeps the warnings found before an error', () => {
    const outcome = readDotenv('A=$U\nB="x', '.env');
    expect(!outcome.ok && outcome.problems.map((p) => p.code)).toEqual(['env-unterminated-quote', 'variable-unset']);
  });
});

describe('readDotenv: hostile input', () => {
  it.each([
    ['many lines', 'A=1\n'.repeat(200_000)],
    ['one long value', `A=${'x'.repeat(2_000_000)}`],
    ['long blanks inside a value', `A=x${' '.repeat(1_000_000)}y`],
    ['long blanks after a name', `A${' '.repeat(1_000_000)}=1`],
    ['a long double-quoted value with escapes', `A="${'\\n$$'.repeat(300_000)}"`],
    ['many comments', '#\n'.repeat(500_000)],
    ['many interpolations', `A=1\nB=${'${A}'.repeat(300_000)}`],
  ])('reads %s whole', (_, text) => {
    expect(readDotenv(text, '.env').ok).toBe(true);
  });

  it('does not let a variable named like an Object property misbehave', () => {
    const outcome = readDotenv('constructor=1\n__proto__=2\nB=${toString:-d}', '.env');
    expect(outcome.ok && [...outcome.value].map(([k, v]) => [k, v.value])).toEqual([
      ['constructor', '1'],
      ['__proto__', '2'],
      ['B', 'd'],
    ]);
  });

  it('never throws, and reports positions inside the text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 =:#'"\\$\n{}-]*$/), (text) => {
        const outcome = readDotenv(text, '.env');
        const lines = text.split('\n');
        const positions = outcome.ok ? [...outcome.value.values()].map((v) => v.at) : outcome.problems.map((p) => p.at);
        for (const at of positions) {
          expect(at.line).toBeGreaterThanOrEqual(1);
          expect(at.line).toBeLessThanOrEqual(lines.length);
          expect(at.column).toBeGreaterThanOrEqual(1);
          expect(at.column).toBeLessThanOrEqual(lines[at.line - 1]!.length + 1);
        }
      }),
    );
  });
});

describe('readDotenv: properties', () => {
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);

  it('a single-quoted value without quotes or backslashes reads back exactly, line breaks included', () => {
    fc.assert(
      fc.property(
        name,
        fc.string().filter((v) => !/['\\]/.test(v)),
        (key, value) => {
          expect(read(`${key}='${value}'`)).toEqual({ [key]: value });
        },
      ),
    );
  });

  it('a double-quoted value with \\, ", $ and line breaks escaped reads back exactly', () => {
    fc.assert(
      fc.property(name, fc.string(), (key, value) => {
        const escaped = value.replace(/[\\"$\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
        expect(read(`${key}="${escaped}"`)).toEqual({ [key]: value });
      }),
    );
  });

  it('a plain unquoted value reads back exactly', () => {
    fc.assert(
      fc.property(name, fc.stringMatching(/^[A-Za-z0-9_./:@,+-]*$/), (key, value) => {
        expect(read(`${key}=${value}`)).toEqual({ [key]: value });
      }),
    );
  });
});
