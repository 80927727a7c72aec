/**
 * Hostile and near-limit project files for the `loaderHostile` benchmark: each shape is a text
 * of about MAX_PROJECT_BYTES (the largest file the loader parses), or the largest of its kind
 * that stays inside a bound, with the outcome the loader must reach. A shape in the plain style
 * (shared/format/plain-reader.ts) is held to MAX_TOKENS; one that uses YAML beyond it (anchors,
 * tags, multi-line scalars, an older format) is read by `yaml` and held to MAX_YAML_TOKENS. All
 * text is ASCII, so characters are bytes.
 */
import { Lexer } from 'yaml';
import { saveProject } from '../../shared/format/index';
import { ALIAS_BUDGET, MAX_DEPTH, MAX_TOKENS, MAX_YAML_TOKENS, tokenWeight } from '../../shared/format/located';
import type { FormatCode } from '../../shared/format/problems';
import { MAX_PROJECT_BYTES } from '../../shared/model/constraints';
import { generateProject } from '../generate';

export interface Shape {
  readonly name: string;
  readonly what: string;
  /** `ok`: the project loads (warnings allowed); otherwise the first problem's code. */
  readonly expect: 'ok' | FormatCode;
  readonly text: () => string;
}

/** A little under the limit, so that every "5 MB" shape is parsed rather than refused by size. */
const SIZE = MAX_PROJECT_BYTES - 4096;
const HEAD = 'format: 2\nmeta:\n  name: Hostile\n';

/** `head`, then `unit(0)`, `unit(1)`, … while the text stays within `size`, then `tail`. */
function fill(head: string, unit: (i: number) => string, tail = '', size = SIZE): string {
  const parts = [head];
  let bytes = head.length + tail.length;
  for (let i = 0; ; i++) {
    const u = unit(i);
    if (bytes + u.length > size) break;
    parts.push(u);
    bytes += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

const key = (i: number): string => `K${String(i).padStart(7, '0')}`;

/** Tokens as the loader counts them (the `yaml` lexer's, weighted). */
export function countTokens(text: string): number {
  let n = 0;
  for (const lexeme of new Lexer().lex(text)) n += tokenWeight(lexeme);
  return n;
}

/** The generated project of `components` components, saved. */
const generated = (components: number): string => saveProject(generateProject(components));

/**
 * `build(n)` for about the largest `n` whose text stays within `bound` tokens (and SIZE): a shape
 * as large as the loader accepts. Tokens grow linearly with `n`, so two samples give the estimate.
 */
function largestAccepted(build: (n: number) => string, bound = MAX_TOKENS): string {
  const [t1, t2] = [countTokens(build(1000)), countTokens(build(2000))];
  const per = (t2 - t1) / 1000;
  let n = Math.floor((bound - (t1 - per * 1000)) / per);
  let text = build(n);
  while (countTokens(text) > bound || text.length > SIZE) text = build((n = Math.floor(n * 0.99)));
  return text;
}

/** Files that leave the plain style are read by `yaml`, under its tighter bound. */
const largestForYaml = (build: (n: number) => string): string => largestAccepted(build, MAX_YAML_TOKENS);

/** The largest generated project within SIZE (in steps of 100 components). */
function benign5MB(): string {
  let n = Math.floor(SIZE / 320 / 100) * 100;
  let text = generated(n);
  while (text.length <= SIZE) text = generated((n += 100));
  return generated(n - 100);
}

/** Collections nested by `open(level)` until the text is SIZE, closed by `close(level)` in reverse. */
function nested(head: string, open: (level: number) => string, close: (level: number) => string): string {
  const opens: string[] = [];
  const closes: string[] = [];
  let bytes = head.length;
  for (let level = 0; ; level++) {
    const o = open(level);
    const c = close(level);
    if (bytes + o.length + c.length > SIZE) break;
    opens.push(o);
    closes.push(c);
    bytes += o.length + c.length;
  }
  return head + opens.join('') + closes.reverse().join('');
}

const component = (body: string): string => `components:\n  - id: c0\n    kind: nextauth\n    name: Wide\n${body}`;

/** A format 1 site: nextauth, its MySQL and the link, with the connection URI typed as the drawing derives it. */
const v1Site = (i: number): string =>
  `  - { id: n${i}, kind: nextauth, name: N, environment: { NEXTAUTH_DB_URI: "mysql://nextauth:\${MYSQL_PASSWORD}@db${i}:3306/nextauth?loc=Local" } }\n` +
  `  - { id: db${i}, kind: database, name: D, flavour: mysql, environment: { MYSQL_DATABASE: nextauth, MYSQL_USER: nextauth, MYSQL_PASSWORD: { secret: 32 } } }\n`;

const lines = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('');
const BOUND = `${MAX_TOKENS.toLocaleString('en-US')} tokens`;
const YAML_BOUND = `${MAX_YAML_TOKENS.toLocaleString('en-US')} tokens (the bound for YAML beyond the plain style)`;

export const SHAPES: readonly Shape[] = [
  // --- benign, for scale
  {
    name: 'benign5MB',
    what: 'a generated project of ~16,700 components (5 MB): over the token bound',
    expect: 'too-many-tokens',
    text: benign5MB,
  },
  {
    name: 'benignLargest',
    what: `the largest generated project under ${BOUND}`,
    expect: 'ok',
    text: () => largestAccepted(generated),
  },
  {
    name: 'canvas2000',
    what: "the canvas benchmark's largest project: 2,000 components, each site linked to its 4 neighbours",
    expect: 'ok',
    text: () => saveProject(generateProject(2000, { neighbours: 4 })),
  },
  {
    name: 'plainThenAnchorLargest',
    what: `the largest generated project under ${BOUND}, then an anchor: read in full, then by yaml up to its bound`,
    expect: 'too-many-tokens',
    text: () => largestAccepted((n) => `${generated(n)}x: &a 1\n`),
  },
  // --- wide maps
  {
    name: 'wideRoot40k',
    what: '40,000 unknown keys in the top-level map (473 KB; the issue: 6.7 s): a warning each',
    expect: 'ok',
    text: () => HEAD + lines(40_000, (i) => `${key(i)}: v\n`),
  },
  {
    name: 'wideRootLargest',
    what: `the most unknown top-level keys under ${BOUND}: a warning each`,
    expect: 'ok',
    text: () => largestAccepted((n) => HEAD + lines(n, (i) => `${key(i)}: v\n`)),
  },
  {
    name: 'widePropertiesLargest',
    what: `the most keys in one component's properties under ${BOUND}`,
    expect: 'ok',
    text: () => largestAccepted((n) => HEAD + component('    properties:\n') + lines(n, (i) => `      ${key(i)}: 1\n`)),
  },
  {
    name: 'wideEnvironmentsLargest',
    what: `the most environment variables over 6 components under ${BOUND}`,
    expect: 'ok',
    text: () =>
      largestAccepted(
        (n) =>
          HEAD +
          'components:\n' +
          lines(
            6,
            (c) =>
              `  - id: c${c}\n    kind: nextauth\n    name: C${c}\n    environment:\n` +
              lines(Math.ceil(n / 6), (i) => `      ${key(i)}: value\n`),
          ),
      ),
  },
  {
    name: 'wideFlowMapLargest',
    what: `the most properties in one flow mapping on one line under ${BOUND}`,
    expect: 'ok',
    text: () =>
      largestAccepted(
        (n) =>
          HEAD +
          component('    properties: {') +
          Array.from({ length: n }, (_, i) => `${key(i)}: 1`).join(', ') +
          '}\n',
      ),
  },
  {
    name: 'wideMap5MB',
    what: "one component's environment filled to 5 MB (~300,000 keys)",
    expect: 'too-many-tokens',
    text: () => fill(HEAD + component('    environment:\n'), (i) => `      ${key(i)}: v\n`),
  },
  {
    name: 'duplicateKeysLargest',
    what: `one key repeated in one map as often as ${BOUND} allow: a problem each`,
    expect: 'yaml-syntax',
    text: () => largestAccepted((n) => HEAD + component('    properties:\n') + '      same: 1\n'.repeat(n)),
  },
  // --- deep nesting
  {
    name: 'deepBlockMaps5MB',
    what: 'block mappings nested by indentation to 5 MB (~2,300 levels)',
    expect: 'too-deep',
    text: () =>
      nested(
        HEAD + 'x:\n',
        (level) => `${' '.repeat(2 * level + 2)}k:\n`,
        () => '',
      ),
  },
  {
    name: 'deepBlockSeqs5MB',
    what: '`- - - - …` on one line, 5 MB (2.6 million levels)',
    expect: 'too-deep',
    text: () =>
      nested(
        HEAD + 'x:\n  ',
        () => '- ',
        () => '',
      ),
  },
  {
    name: 'deepFlowSeqs5MB',
    what: '`[[[[…]]]]`, 5 MB (2.6 million levels)',
    expect: 'too-deep',
    text: () =>
      nested(
        HEAD + 'x: ',
        () => '[',
        () => ']',
      ),
  },
  {
    name: 'deepFlowSeqsUnclosed5MB',
    what: '`[[[[…` never closed, 5 MB (the issue: 12 s and 1.2 GB at 2 MB)',
    expect: 'too-deep',
    text: () =>
      nested(
        HEAD + 'x: ',
        () => '[',
        () => '',
      ),
  },
  {
    name: 'deepFlowMaps5MB',
    what: '`{a: {a: …}}`, 5 MB',
    expect: 'too-deep',
    text: () =>
      nested(
        HEAD + 'x: ',
        () => '{a: ',
        () => '}',
      ),
  },
  {
    name: 'depthAtLimit',
    what: `${MAX_DEPTH} nested collections (the bound), under an unknown key`,
    expect: 'ok',
    text: () => HEAD + 'x: ' + '['.repeat(MAX_DEPTH - 1) + ']'.repeat(MAX_DEPTH - 1) + '\n',
  },
  {
    name: 'aliasChainDeep',
    what: 'each anchor a list holding the previous alias: expansion nests past the bound',
    expect: 'too-deep',
    text: () => HEAD + lines(2 * MAX_DEPTH, (i) => (i === 0 ? 'a0: &a0 [x]\n' : `a${i}: &a${i} [*a${i - 1}]\n`)),
  },
  // --- long scalars and lines
  {
    name: 'longQuoted5MB',
    what: 'a 5 MB double-quoted description with escapes',
    expect: 'too-many-tokens',
    text: () => fill(`${HEAD}  description: "`, (i) => (i % 8 === 7 ? '\\n' : 'abcdefgh'), '"\n'),
  },
  {
    name: 'longQuotedLargest',
    what: `the longest double-quoted description under ${BOUND}`,
    expect: 'ok',
    text: () => largestAccepted((n) => `${HEAD}  description: "${'abcdefg\\n'.repeat(n)}"\n`),
  },
  {
    name: 'longBlockScalar5MB',
    what: 'a 5 MB literal block description (68,000 lines)',
    expect: 'ok',
    text: () => fill(`${HEAD}  description: |\n`, () => `    ${'lorem ipsum '.repeat(6)}\n`),
  },
  {
    name: 'blockScalarBlankLines5MB',
    what: 'a literal block description of 5 million empty lines',
    expect: 'too-many-tokens',
    text: () => fill(`${HEAD}  description: |\n    a\n`, () => '\n', '    b\n'),
  },
  {
    name: 'longPlainMultiline5MB',
    what: 'a 5 MB plain description folded over 68,000 lines',
    expect: 'ok',
    text: () => fill(`${HEAD}  description:\n`, () => `    ${'lorem ipsum '.repeat(6)}\n`),
  },
  {
    name: 'longKey5MB',
    what: 'one 5 MB key',
    expect: 'yaml-syntax',
    text: () => fill(HEAD, () => 'k'.repeat(1000), ': v\n'),
  },
  {
    name: 'longLineLinks5MB',
    what: 'links as one flow list on a single 5 MB line',
    expect: 'too-many-tokens',
    text: () => fill(`${HEAD}links: [`, (i) => `${i ? ', ' : ''}{ id: l${i}, from: a, to: b, port: rest }`, ']\n'),
  },
  {
    name: 'longLineScalars5MB',
    what: '`[1,1,1,…]`: 2.6 million items on one line',
    expect: 'too-many-tokens',
    text: () => fill(`${HEAD}x: [1`, () => ',1', ']\n'),
  },
  // --- aliases
  {
    name: 'manyAliases',
    what: `${(ALIAS_BUDGET - 1).toLocaleString('en-US')} aliases (the alias budget) among as many environment variables as ${YAML_BOUND} allow`,
    expect: 'ok',
    text: () =>
      largestForYaml(
        (n) =>
          HEAD +
          component('    environment:\n      ANCHOR: &v shared value\n') +
          lines(n, (i) => `      ${key(i)}: ${i < ALIAS_BUDGET - 1 ? '*v' : 'own value'}\n`),
      ),
  },
  {
    name: 'aliasBomb',
    what: 'a "billion laughs" file: 10^9 nodes from 9 lines',
    expect: 'alias-limit',
    text: () =>
      HEAD +
      ['a: &a [x, x, x, x, x, x, x, x, x, x]']
        .concat([...'bcdefghi'].map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`))
        .join('\n') +
      '\n',
  },
  {
    name: 'aliasBombWide5MB',
    what: 'a 5 MB anchored list, then aliases to it',
    expect: 'too-many-tokens',
    text: () => fill(`${HEAD}a: &a [x`, () => ', x', ']\nb: [*a, *a, *a]\n'),
  },
  // --- documents, whitespace, comments, tags
  {
    name: 'manyDocuments5MB',
    what: '`---` documents of one key each, 5 MB',
    expect: 'yaml-syntax',
    text: () => fill(HEAD, () => '---\na: 1\n'),
  },
  {
    name: 'secondDocument5MB',
    what: 'a small project, then a second document of 5 MB',
    expect: 'too-many-tokens',
    text: () => fill(`${HEAD}---\n`, (i) => `${key(i)}: v\n`),
  },
  {
    name: 'comments5MB',
    what: 'a small project followed by 5 MB of comment lines',
    expect: 'ok',
    text: () => fill(HEAD, () => `# ${'comment '.repeat(9)}\n`),
  },
  {
    name: 'blankLines5MB',
    what: 'a small project followed by 5 MB of empty lines',
    expect: 'too-many-tokens',
    text: () => fill(HEAD, () => '\n'),
  },
  {
    name: 'unknownTagsLargest',
    what: `properties with an unknown tag each (a warning per value), as many as ${YAML_BOUND} allow`,
    expect: 'ok',
    text: () =>
      largestForYaml((n) => HEAD + component('    properties:\n') + lines(n, (i) => `      ${key(i)}: !x v\n`)),
  },
  // --- the format 1 → 2 migration on a wide file
  {
    name: 'format1WideRoot',
    what: `format 1: 13 unknown top-level keys per nextauth + MySQL pair whose typed URI the migration deletes, up to ${YAML_BOUND}`,
    expect: 'ok',
    text: () =>
      largestForYaml(
        (n) =>
          'format: 1\nmeta:\n  name: Old\n' +
          lines(13 * n, (i) => `${key(i)}: v\n`) +
          'components:\n' +
          lines(n, v1Site) +
          'links:\n' +
          lines(n, (i) => `  - { id: l${i}, from: n${i}, to: db${i}, port: db }\n`),
      ),
  },
];
