import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../../../bench/generate';
import { loadProject, saveProject, type LoadOptions } from '../../../../shared/format/index';
import { TEMPLATES } from '../../../../shared/templates/index';
import { AliasLimitError, parseBounded, toLocated, type Located } from '../../../../shared/format/located';
import { readPlain, type PlainLimits } from '../../../../shared/format/plain-reader';

// The plain reader must be indistinguishable from the `yaml` path on every file it reads: the same
// located tree (values, sources, offsets, key order and index), the same repeated keys, and the
// same bound crossed at the same offset. It may leave any file to yaml ('not-plain'), but it may
// never read a file yaml reports a problem in. Checked here on generated plain-style documents,
// and on the same documents with random edits that break them in every way a person could.

type Outcome =
  | { kind: 'read'; root: Located; duplicates: number[] }
  | { kind: 'too-many-tokens' | 'too-deep'; offset: number }
  | { kind: 'problems'; codes: string[] };

/** What the `yaml` path (parseBounded + toLocated, as load.ts runs them) makes of `text`. */
function viaYaml(text: string, limits: PlainLimits): Outcome {
  const parsed = parseBounded(text, limits);
  if (!parsed.ok) return { kind: parsed.limit, offset: parsed.offset };
  const duplicates: number[] = [];
  let root: Located;
  try {
    root = toLocated(parsed.doc, 10_000, { maxDepth: limits.maxDepth, onDuplicateKey: (o) => duplicates.push(o) });
  } catch (error) {
    if (error instanceof AliasLimitError) return { kind: 'problems', codes: [`alias-${error.bound}`] };
    throw error;
  }
  const codes = [...parsed.doc.errors, ...parsed.doc.warnings].map((e) => e.code);
  if (codes.length > 0) return { kind: 'problems', codes };
  return { kind: 'read', root, duplicates: duplicates.sort((a, b) => a - b) };
}

function viaPlain(text: string, limits: PlainLimits): Outcome | 'not-plain' {
  const out = readPlain(text, limits);
  if (out.kind === 'not-plain') return 'not-plain';
  if (out.kind === 'read')
    return { kind: 'read', root: out.root, duplicates: [...out.duplicates].sort((a, b) => a - b) };
  return { kind: out.kind, offset: out.offset };
}

const UNBOUNDED: PlainLimits = { maxDepth: 64, maxTokens: 10_000_000 };

/** The check itself: the plain reader reads `text` as yaml does, or leaves it to yaml. */
function agrees(text: string, limits: PlainLimits = UNBOUNDED): 'read' | 'bound' | 'not-plain' {
  const plain = viaPlain(text, limits);
  if (plain === 'not-plain') return 'not-plain';
  expect(plain, JSON.stringify(text)).toEqual(viaYaml(text, limits));
  return plain.kind === 'read' ? 'read' : 'bound';
}

// ---------------------------------------------------------------------------------------------
// Generated plain-style documents

/** Scalar texts YAML reads in many ways: numbers, booleans, nulls, indicators inside, Unicode. */
const TEXTS = [
  ...[
    'a',
    'name',
    'x y',
    'nextauth',
    'Zürich €',
    '😀',
    'a:b',
    'http://h:8/p',
    'a#b',
    'a [b]',
    'a,b',
    '{x}',
    '-x',
    'x-',
  ],
  ...['1', '-5', '+3', '1.10', '010', '0x1F', '0o17', '0b1', '.5', '1e3', '-1.5e-3', '.inf', '-.Inf', '.nan', '.NaN'],
  ...['true', 'True', 'TRUE', 'tRue', 'false', 'yes', 'no', 'on', 'null', 'Null', 'NULL', 'nul', '~', '~x', 'a\\b'],
];
/** Texts that are not plain scalars (indicators, spaces at the ends, nothing, tabs): quoted, or left to yaml. */
const TRICKY = [
  ...['---', '...', '-', "it's", 'a"b', '<<', '?x', ':x', '%x', '@x', '`x', '!x', '&x', '*x', '|x', '>x', '#x'],
  ...['k: v', 'a #b', 'a: ', 'a:', ' lead', 'trail ', '', 'tab\there', 'ctl\u0001', '- x'],
];
const DQ_ESCAPES = ['\\n', '\\t', '\\"', '\\\\', '\\x41', '\\u00e9', '\\U0001F600', '\\e', '\\N', '\\_', '\\/', '\\ '];
const BAD_ESCAPES = ['\\q', '\\U00110000', '\\x4', '\\u12'];

const text = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...TEXTS) },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY) },
);
const anyText = fc.constantFrom(...TEXTS, ...TRICKY);

const scalar: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 2, arbitrary: anyText.map((t) => `'${t.replace(/'/g, "''")}'`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(anyText, fc.constantFrom(...DQ_ESCAPES, ...DQ_ESCAPES, ...DQ_ESCAPES, ...BAD_ESCAPES), anyText)
      .map(([a, e, b]) => `"${a.replace(/["\\]/g, '')}${e}${b.replace(/["\\]/g, '')}"`),
  },
);
const key = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('a', 'b', 'id', 'k1', '1', '1.1', 'true', 'x y') },
  { weight: 1, arbitrary: scalar },
);

type Tree =
  | { t: 'scalar'; s: string }
  | { t: 'literal'; lines: string[]; strip: boolean }
  | { t: 'map'; entries: [string, Tree][]; flow: boolean }
  | { t: 'seq'; items: Tree[]; flow: boolean };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((s): Tree => ({ t: 'scalar', s })),
    fc
      .tuple(
        fc.array(fc.constantFrom('line', 'line', '  more', '', '#not a comment', 'a: b', '- x', '  ', '    '), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.boolean(),
      )
      .map(([lines, strip]): Tree => ({ t: 'literal', lines, strip })),
    fc
      .tuple(fc.array(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([entries, flow]): Tree => ({ t: 'map', entries, flow })),
    fc
      .tuple(fc.array(tie('node'), { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([items, flow]): Tree => ({ t: 'seq', items, flow })),
  ),
})).node;

/** How the writer varies its layout: indentation, lists at their key's column, spacing, comments. */
interface Style {
  readonly step: number;
  readonly seqAtKey: boolean;
  readonly dashSpaces: number;
  readonly comments: boolean;
  readonly blank: boolean;
  readonly flowSpaces: boolean;
}
const style: fc.Arbitrary<Style> = fc.record({
  step: fc.constantFrom(1, 2, 4),
  seqAtKey: fc.boolean(),
  dashSpaces: fc.constantFrom(1, 1, 3),
  comments: fc.boolean(),
  blank: fc.boolean(),
  flowSpaces: fc.boolean(),
});

function flowText(node: Tree, st: Style): string {
  const sp = st.flowSpaces ? ' ' : '';
  switch (node.t) {
    case 'scalar':
      // Brackets and commas end a plain scalar inside brackets: quote it there, as a writer would.
      return /^[^'"].*[,[\]{}]/.test(node.s) ? `'${node.s.replace(/'/g, "''")}'` : node.s;
    case 'literal':
      return '"lit"';
    case 'map':
      return node.entries.length === 0
        ? '{}'
        : `{${sp}${node.entries.map(([k, v]) => `${k}: ${flowText(v, st)}`).join(', ')}${sp}}`;
    case 'seq':
      return `[${sp}${node.items.map((v) => flowText(v, st)).join(', ')}${sp}]`;
  }
}

/** `node` as the value after `key:` (or after `- `) whose line is at `indent`. */
function valueText(node: Tree, indent: number, st: Style, afterDash: boolean): string {
  const eol = st.comments ? ' # c\n' : '\n';
  if (node.t === 'scalar' || ((node.t === 'map' || node.t === 'seq') && node.flow))
    return ` ${flowText(node, st)}${eol}`;
  if (node.t === 'literal') {
    const pad = ' '.repeat(indent + st.step);
    // Blank lines as written: empty, or spaces up to the indentation and beyond it.
    return ` |${node.strip ? '-' : ''}\n${node.lines.map((l) => (l.trim() === '' ? l.slice(0, pad.length + 2) : pad + l)).join('\n')}\n`;
  }
  const inner = afterDash ? indent + st.step : node.t === 'seq' && st.seqAtKey ? indent : indent + st.step;
  return `\n${blockText(node, inner, st)}`;
}

function blockText(node: Tree, indent: number, st: Style): string {
  const pad = ' '.repeat(indent);
  const gap = st.blank ? '\n' : '';
  const note = st.comments ? `${pad}# note\n` : '';
  if (node.t === 'map') {
    return node.entries.map(([k, v]) => `${note}${pad}${k}:${valueText(v, indent, st, false)}${gap}`).join('');
  }
  if (node.t === 'seq') {
    const dash = `-${' '.repeat(st.dashSpaces)}`;
    return node.items
      .map((item) => {
        if (item.t === 'map' && !item.flow) {
          // `- first: …` and the other keys under it, at the column after the dash.
          const body = blockText(item, indent + dash.length, st);
          return `${note}${pad}${dash}${body.slice(indent + dash.length + note.length)}`;
        }
        return `${note}${pad}${dash.trimEnd()}${valueText(item, indent, st, true)}`;
      })
      .join('');
  }
  return `${pad}${valueText(node, indent, st, false).trimStart()}`;
}

const document = fc
  .tuple(fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 5 }), style, fc.boolean())
  .map(
    ([entries, st, header]) =>
      `${header ? '# Portolan project\n\n' : ''}${blockText({ t: 'map', entries, flow: false }, 0, st)}`,
  );

/** A random edit: characters that matter to YAML, inserted, replacing one, or a character removed. */
const EDIT_CHARS = [
  ' ',
  '  ',
  '\n',
  ':',
  '-',
  '- ',
  '#',
  ' #',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '|',
  '>',
  '&a ',
  '*a',
  '!t ',
  '?',
  '%',
  '\t',
  '\r',
  '\\',
  '---\n',
  '...\n',
  'x',
  '\u2028',
  '\ufeff',
];
const edited = fc
  .tuple(
    document,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...EDIT_CHARS), fc.constantFrom('insert', 'replace', 'delete')), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([doc, edits]) => {
    let out = doc;
    for (const [at, ch, how] of edits) {
      const i = at % (out.length + 1);
      out =
        how === 'insert'
          ? out.slice(0, i) + ch + out.slice(i)
          : out.slice(0, i) + (how === 'replace' ? ch : '') + out.slice(i + 1);
    }
    return out;
  });

describe('what the plain style covers', () => {
  it.each([
    ["a list at its key's column", 'a:\n- x\n- y\nb: 1\n'],
    ['four-space indentation, items with extra spaces', 'a:\n    b: 1\n    c:\n    -   id: x\n        kind: y\n'],
    ['a literal block with empty lines inside and after it', 'a: |\n  x\n\n  y\n\nb: 1\n'],
    ['a stripped literal block', 'a: |-\n  x\n  # not a comment\nb: 1\n'],
    ['quoted scalars and keys', `a: 'it''s'\n"b c": "tab\\there \\u00e9"\n'd': ''\n`],
    ['comments everywhere', '# head\na: 1 # after\n# between\n  # indented\nb: {x: 1,y: [2, 3]} # after brackets\n'],
    ['URLs and other colons inside values', 'a: http://h:8/p\nb: { u: wss://x:1/ }\n'],
    ['numbers, booleans and nulls as YAML reads them', 'a: 010\nb: 0x1F\nc: True\nd: ~\ne: 1.10\nf: .inf\n'],
    ['no line break at the end', 'a: 1'],
    ['`<<`, a key like any other in YAML 1.2', 'a: 1\n<<: {b: 2}\n'],
  ])('reads %s', (_what, text) => {
    expect(agrees(text)).toBe('read');
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n', 'an anchor (&)'],
    ['a tag', 'a: !!str 1\n', 'a tag (!)'],
    ['a folded block scalar', 'a: >\n  folded\n', 'a folded block scalar (>)'],
    ['a plain scalar over two lines', 'a: multi\n  line\n', 'a line indented deeper than the value before it'],
    ['brackets over two lines', 'a: [1,\n  2]\n', 'a bracketed collection over several lines'],
    ['an explicit key', '? a\n: 1\n', 'an explicit key (?)'],
    ['a document marker', '---\na: 1\n', 'a document marker or directive'],
    ['a tab', 'a:\tb\n', 'a tab'],
    ['a Windows line break (the loader reads those files with \\n)', 'a: 1\r\nb: 2\r\n', 'a carriage return'],
    ['an empty value', 'a:\nb: 1\n', 'a key without a value'],
    ['a list in a list item', 'a:\n- - x\n', 'a list inside a list item'],
  ])('leaves %s to yaml', (_what, text, reason) => {
    expect(readPlain(text, UNBOUNDED)).toMatchObject({ kind: 'not-plain', reason });
  });
});

describe('the plain reader reads exactly what yaml reads, or leaves the file to yaml', () => {
  it('on generated plain-style documents (and it reads a good part of them)', () => {
    const tally = { read: 0, bound: 0, 'not-plain': 0 };
    fc.assert(
      fc.property(document, (doc) => {
        tally[agrees(doc)]++;
      }),
      { numRuns: 1500 },
    );
    expect(tally.read).toBeGreaterThan(400);
  });

  it('on the same documents with random edits', () => {
    fc.assert(
      fc.property(edited, (doc) => {
        agrees(doc);
      }),
      { numRuns: 2000 },
    );
  });

  it('bounds: the same token or level crosses the bound, at the same offset', () => {
    const tally = { read: 0, bound: 0, 'not-plain': 0 };
    fc.assert(
      fc.property(
        document,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 6 }),
        (doc, maxTokens, maxDepth) => {
          tally[agrees(doc, { maxTokens, maxDepth })]++;
        },
      ),
      { numRuns: 1500 },
    );
    expect(tally.bound).toBeGreaterThan(300);
  });

  it('on saved projects, which it reads whole', () => {
    const text = saveProject(generateProject(60, { neighbours: 2 }));
    expect(agrees(text)).toBe('read');
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: loadProject gives the same result — project, problems with their line:column,
// element locations — whichever path reads the file. A tab in a last comment line changes nothing
// for YAML but keeps the plain reader out, so `text + TO_YAML` is the same file through `yaml`.

const TO_YAML = '#\tread by yaml\n';
const BOTH: LoadOptions = { maxYamlTokens: 10_000_000 };

const SOURCE = TEMPLATES.find((t) => t.id === 'manual')?.text ?? '';

/** Files with every kind of problem the loader reports after parsing, and one clean one. */
const WITH_PROBLEMS = [
  SOURCE,
  SOURCE.replace('components:', 'colour: blue\ncomponents:'),
  SOURCE.replace(/replicas: 1/, 'replicas: many'),
  SOURCE.replace(/kind: nextauth\n/, 'kind: nextauth-v9\n'),
  SOURCE.replace(/name: [^\n]+\n/, ''),
  SOURCE.replace(/id: ([a-z-]+)\n/, 'id: $1\n    id: $1\n'),
  SOURCE.replace('format: 2', 'format: 3'),
  SOURCE.replace('format: 2', 'format: "2"'),
  `${SOURCE}links:\n  - { id: dangling, from: nowhere, to: nothing, port: rest }\n`,
];

describe('loadProject gives the same result on the plain path and the yaml path', () => {
  const same = (text: string) => {
    expect(text.endsWith('\n')).toBe(true);
    expect(loadProject(text, BOTH), JSON.stringify(text.slice(0, 200))).toEqual(loadProject(text + TO_YAML, BOTH));
  };

  it.each(TEMPLATES.map((t) => [t.id, t.text] as const))('template %s', (_id, text) => same(text));

  it.each(WITH_PROBLEMS.map((t, i) => [i, t] as const))('a file with problems (%i)', (_i, text) => same(text));

  it('a generated project of 300 components', () => same(saveProject(generateProject(300, { neighbours: 4 }))));

  it('damaged copies of a real project', () => {
    fc.assert(
      fc.property(
        fc.nat(SOURCE.length - 1),
        fc.nat(40),
        fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...EDIT_CHARS)),
        (at, cut, insert) => {
          const damaged = SOURCE.slice(0, at) + insert + SOURCE.slice(at + cut);
          // Where the plain reader leaves the file, both runs take the yaml path (and the comment
          // may not be neutral: after an unclosed quote it is text).
          fc.pre(damaged.endsWith('\n') && readPlain(damaged, UNBOUNDED).kind !== 'not-plain');
          same(damaged);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('Windows line breaks: the same result as with \\n, on either path', () => {
    for (const text of [...TEMPLATES.map((t) => t.text), ...WITH_PROBLEMS]) {
      const crlf = text.replace(/\n/g, '\r\n');
      const expected = loadProject(text, BOTH);
      expect(loadProject(crlf, BOTH)).toEqual(expected);
      expect(loadProject(`${crlf}#\tread by yaml\r\n`, BOTH)).toEqual(expected);
    }
  });
});
