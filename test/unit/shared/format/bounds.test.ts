import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Alias, isAlias, isMap, isScalar, isSeq, Lexer, parseDocument, type Document } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateProject } from '../../../../bench/generate';
import { diagramProject } from '../../../support/diagram-projects';
import { loadProject, saveProject, type LoadOptions } from '../../../../shared/format/index';
import {
  AliasLimitError,
  MAX_DEPTH,
  MAX_TOKENS,
  MAX_YAML_TOKENS,
  parseBounded,
  toLocated,
  type Located,
} from '../../../../shared/format/located';
import { MAX_PROJECT_BYTES } from '../../../../shared/model/constraints';

// The loader's hard bounds (issue 11): every bound fires with its code at a line:column, the
// files just inside each bound load, and duplicate keys and aliases are found as YAML defines them
// in one pass. Speed is the loaderHostile benchmark's business, never asserted here.

const HEAD = 'format: 2\nmeta:\n  name: Acme\n';

const located = (text: string, options?: LoadOptions) =>
  loadProject(text, options).problems.map((p) => ({ code: p.code, line: p.line, column: p.column }));

/** 1-based line and column of `offset` in `text`. */
function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** `count` block mappings nested under `x:` (the project itself is one more level). */
const blockMaps = (count: number): string =>
  'x:\n' +
  Array.from({ length: count }, (_, i) => `${'  '.repeat(i + 1)}k:\n`).join('') +
  `${'  '.repeat(count + 1)}v\n`;

describe(`nesting depth: ${MAX_DEPTH} levels load, the next is refused where it opens`, () => {
  // The project mapping is level 1, so `x:` holds MAX_DEPTH - 1 levels at the bound.
  const cases: { style: string; text: (levels: number) => string; at: { line: number; column: number } }[] = [
    {
      style: 'flow lists',
      text: (n) => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`,
      at: { line: 4, column: 3 + MAX_DEPTH },
    },
    {
      style: 'flow mappings',
      text: (n) => `x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`,
      at: { line: 4, column: 4 + 4 * (MAX_DEPTH - 1) },
    },
    { style: 'block mappings', text: blockMaps, at: { line: 4 + MAX_DEPTH, column: 2 * MAX_DEPTH + 1 } },
    {
      style: 'compact block lists',
      text: (n) => `x:\n  ${'- '.repeat(n)}v\n`,
      at: { line: 5, column: 3 + 2 * (MAX_DEPTH - 1) },
    },
  ];

  it.each(cases)('$style', ({ text, at }) => {
    const inside = loadProject(HEAD + text(MAX_DEPTH - 1));
    expect(inside.ok).toBe(true);
    expect(inside.problems.map((p) => p.code)).toEqual(['unknown-key']);

    const over = loadProject(HEAD + text(MAX_DEPTH));
    expect(over.problems.map((p) => ({ code: p.code, line: p.line, column: p.column }))).toEqual([
      { code: 'too-deep', ...at },
    ]);
    expect(over.problems[0]?.message).toContain(`more than ${MAX_DEPTH} deep`);
  });

  it('2 MB of brackets that never close is refused at the first bracket too deep', () => {
    // This file took 12 s and 1.2 GB before it was refused; now parsing stops at the 65th bracket.
    expect(located(`${HEAD}x: ${'['.repeat(2 * 1024 * 1024)}`)).toEqual([
      { code: 'too-deep', line: 4, column: 3 + MAX_DEPTH },
    ]);
  });

  it('aliases that nest lists past the bound are refused at the alias whose expansion goes over', () => {
    // a_i expands to i + 1 nested lists under the project mapping: a62 reaches the bound exactly.
    const chain = (last: number) =>
      HEAD +
      Array.from({ length: last + 1 }, (_, i) => (i === 0 ? 'a0: &a0 [x]\n' : `a${i}: &a${i} [*a${i - 1}]\n`)).join('');
    expect(loadProject(chain(MAX_DEPTH - 2)).ok).toBe(true);
    const text = chain(MAX_DEPTH - 1);
    expect(located(text)).toEqual([{ code: 'too-deep', ...positionIn(text, text.lastIndexOf('*a')) }]);
  });

  it('an anchor that holds an alias to itself is refused, not expanded forever', () => {
    expect(located(`${HEAD}x: &x [*x]\n`)).toEqual([{ code: 'too-deep', line: 4, column: 8 }]);
  });
});

/** Tokens as the `yaml` lexer splits the text, without its markers (single control characters). */
const lexemes = (text: string): number =>
  [...new Lexer().lex(text)].filter((l) => !(l.length === 1 && l < ' ' && l !== '\n')).length;

describe(`token count: ${MAX_TOKENS.toLocaleString('en-US')} tokens load, the next is refused where it stands`, () => {
  it('at the shipped bound, counted as the yaml lexer splits the text', () => {
    // `x: [1,1,…,1]`: each `,1` is two tokens; a space before the line break makes the count exact.
    const head = `${HEAD}x: [1`;
    const items = Math.floor((MAX_TOKENS - lexemes(`${head}]\n`)) / 2);
    const atBound = [']\n', '] \n']
      .map((tail) => `${head}${',1'.repeat(items)}${tail}`)
      .find((t) => lexemes(t) === MAX_TOKENS);
    expect(atBound).toBeDefined();
    if (atBound === undefined) return;
    const inside = loadProject(atBound);
    expect(inside.ok && inside.problems.map((p) => p.code)).toEqual(['unknown-key']);

    // One token more: a comment on the last line.
    const over = `${atBound}#`;
    expect(lexemes(over)).toBe(MAX_TOKENS + 1);
    expect(located(over)).toEqual([{ code: 'too-many-tokens', line: over.split('\n').length, column: 1 }]);
    expect(loadProject(over).problems[0]?.message).toContain(
      `more than ${MAX_TOKENS.toLocaleString('en-US')} YAML tokens`,
    );
  });

  it('points at the first token over the bound', () => {
    // a : ␠ 1 ⏎ b : ␠ — the 8th token is the space after "b:".
    expect(located('a: 1\nb: 2\nc: 3\n', { maxTokens: 7 })).toEqual([{ code: 'too-many-tokens', line: 2, column: 3 }]);
    expect(located('a: 1\nb: 2\nc: 3\n', { maxTokens: 8 })).toEqual([{ code: 'too-many-tokens', line: 2, column: 4 }]);
  });

  it('a generated 5 MB project is refused; the largest generated project under the bound loads', () => {
    let components = 16_000;
    let big = saveProject(generateProject(components));
    while (big.length < MAX_PROJECT_BYTES - 300_000) big = saveProject(generateProject((components += 500)));
    expect(big.length).toBeLessThanOrEqual(MAX_PROJECT_BYTES);
    expect(loadProject(big).problems.map((p) => p.code)).toEqual(['too-many-tokens']);

    // About 5,570 components: far beyond any real deployment, and the canvas benchmark's 2,000.
    const largest = saveProject(generateProject(5_500));
    expect(lexemes(largest)).toBeLessThanOrEqual(MAX_TOKENS);
    const result = loadProject(largest);
    expect(result.problems).toEqual([]);
    expect(result.ok && result.project.components).toHaveLength(5_500);
  });

  it('the 2,000-component projects of the canvas benchmark and the diagram tests load', () => {
    const projects = [generateProject(2_000, { neighbours: 4 }), diagramProject(2_000, 1), diagramProject(2_000, 2)];
    for (const project of projects) {
      const text = saveProject(project);
      expect(lexemes(text)).toBeGreaterThan(MAX_YAML_TOKENS);
      const result = loadProject(text);
      expect(result.problems).toEqual([]);
      expect(result.ok && result.project).toEqual(project);
    }
  });

  it('each line inside a multi-line value counts: 150,000 empty lines in a block scalar are refused at its text', () => {
    expect(located(`${HEAD}  description: |\n    a\n${'\n'.repeat(MAX_TOKENS)}    b\n`)).toEqual([
      { code: 'too-many-tokens', line: 5, column: 1 },
    ]);
  });

  it('double-quoted text counts a token per 4 characters (yaml unescapes it one character at a time)', () => {
    const long = 'x'.repeat(4 * MAX_TOKENS);
    expect(located(`${HEAD}  description: "${long}"\n`)).toEqual([{ code: 'too-many-tokens', line: 4, column: 16 }]);
    const single = loadProject(`${HEAD}  description: '${long}'\n`);
    expect(single.ok && single.project.meta.description).toBe(long);
  });
});

describe(`files beyond the plain style are held to ${MAX_YAML_TOKENS.toLocaleString('en-US')} tokens, refused where they leave it`, () => {
  // The canvas benchmark's largest project: plain, so it loads (above); with one anchor, yaml reads it.
  const canvas = saveProject(generateProject(2_000, { neighbours: 4 }));
  const lines = canvas.split('\n');
  const at = Math.floor(lines.length / 2);

  it('an anchor halfway through: too-many-tokens at the anchor, naming both bounds', () => {
    const text = [...lines.slice(0, at), 'extra: &a 1', ...lines.slice(at)].join('\n');
    const result = loadProject(text);
    expect(result.problems.map((p) => ({ code: p.code, line: p.line, column: p.column }))).toEqual([
      { code: 'too-many-tokens', line: at + 1, column: 8 },
    ]);
    const message = result.problems[0]?.message ?? '';
    expect(message).toContain('an anchor (&)');
    expect(message).toContain(`at most ${MAX_YAML_TOKENS.toLocaleString('en-US')} tokens`);
    expect(message).toContain(`a plain one ${MAX_TOKENS.toLocaleString('en-US')}`);
  });

  it('with Windows line breaks, the same line and column', () => {
    const text = [...lines.slice(0, at), 'extra: &a 1', ...lines.slice(at)].join('\r\n');
    expect(located(text)).toEqual([{ code: 'too-many-tokens', line: at + 1, column: 8 }]);
  });

  it('a syntax error past the yaml bound: refused where the plain reader stopped, which is the error', () => {
    const line = lines.findIndex((l, i) => i >= at && l.startsWith('    name: '));
    const text = [...lines.slice(0, line), '    name: [unclosed', ...lines.slice(line + 1)].join('\n');
    const result = loadProject(text);
    expect(result.problems.map((p) => ({ code: p.code, line: p.line, column: p.column }))).toEqual([
      { code: 'too-many-tokens', line: line + 1, column: 11 },
    ]);
    expect(result.problems[0]?.message).toContain('a bracketed collection over several lines');
  });

  it('within the yaml bound, the syntax error itself is reported', () => {
    const small = saveProject(generateProject(100));
    const text = small.replace('components:\n', 'components:\n  bad: [unclosed\n');
    expect(located(text).map((p) => p.code)).toContain('yaml-syntax');
  });

  it('a format 1 file over the yaml bound is refused at its format (migrations run on yaml)', () => {
    const text = canvas.replace('format: 2', 'format: 1');
    const result = loadProject(text);
    expect(result.problems.map((p) => ({ code: p.code, line: p.line, column: p.column }))).toEqual([
      { code: 'too-many-tokens', line: 1, column: 9 },
    ]);
    expect(result.problems[0]?.message).toContain('format 1, which is upgraded first');
  });

  it('maxYamlTokens is never more than maxTokens; equal, the plain message and position', () => {
    // The plain reader counts 17 tokens up to the anchor (`a: ` is the 15th to 17th), then leaves.
    const text = `${HEAD}a: &x 1\nb: 2\nc: 3\n`;
    expect(located(text, { maxTokens: 16 })).toEqual([{ code: 'too-many-tokens', line: 4, column: 3 }]);
    // yaml's 21st token is the line break after `1`.
    expect(located(text, { maxTokens: 20 })).toEqual([{ code: 'too-many-tokens', line: 4, column: 8 }]);
    expect(loadProject(text, { maxTokens: 20 }).problems[0]?.message).toContain('the most a project file may have');
    expect(located(text, { maxTokens: 100, maxYamlTokens: 20 })).toEqual([
      { code: 'too-many-tokens', line: 4, column: 4 },
    ]);
    expect(located(text, { maxTokens: 100, maxYamlTokens: 99 }).map((p) => p.code)).toEqual([
      'unknown-key',
      'unknown-key',
      'unknown-key',
    ]);
  });
});

describe('duplicate keys are found in one pass, where YAML finds them', () => {
  const key = (i: number) => `K${String(i).padStart(7, '0')}`;

  it('in a map of 40,000 keys, every repeat is reported at its own line:column', () => {
    // Line i of the map holds key i, except three lines that repeat an earlier key (one quoted).
    const repeats = new Map([
      [12_345, key(7)],
      [20_000, `"${key(100)}"`],
      [39_999, key(0)],
    ]);
    const head = `${HEAD}components:\n  - id: c\n    kind: redis\n    name: C\n    properties:\n`;
    const firstLine = head.split('\n').length;
    const text = head + Array.from({ length: 40_000 }, (_, i) => `      ${repeats.get(i) ?? key(i)}: v\n`).join('');
    const expected = [...repeats.keys()].map((i) => ({
      code: 'yaml-syntax',
      line: firstLine + i,
      column: 7,
      message: 'Map keys must be unique',
    }));
    const problems = (result: ReturnType<typeof loadProject>) =>
      result.problems.map((p) => ({ code: p.code, line: p.line, column: p.column, message: p.message }));
    expect(problems(loadProject(text))).toEqual(expected);
    // The same through yaml (a tab in a comment keeps the plain reader out), past its token bound.
    expect(problems(loadProject(`${text}#\t\n`, { maxYamlTokens: 1_000_000 }))).toEqual(expected);
  });

  it('as YAML compares keys: 1.1 and 1.10, a and \'a\', true and True are the same; 1.10 and "1.10" are not', () => {
    expect(located(`${HEAD}x: { 1.1: a, 1.10: b, a: 1, 'a': 2, true: 1, True: 2 }\n`)).toEqual([
      { code: 'yaml-syntax', line: 4, column: 14 },
      { code: 'yaml-syntax', line: 4, column: 29 },
      { code: 'yaml-syntax', line: 4, column: 46 },
    ]);
    // Different to YAML, the same property name to Portolan: reported by the loader instead.
    const text = `${HEAD}components:\n  - id: c\n    kind: redis\n    name: C\n    properties: { 1.10: a, "1.10": b }\n`;
    expect(located(text)).toEqual([{ code: 'invalid-value', line: 8, column: 28 }]);
  });

  it('in a format 1 file, before the migration could delete one copy and hide the other', () => {
    const v1 = readFileSync(new URL('../../../fixtures/formats/v1/default.portolan.yaml', import.meta.url), 'utf8');
    const line = v1.split('\n').find((l) => l.includes('NEXTAUTH_DB_URI:'));
    expect(line).toBeDefined();
    if (line === undefined) return;
    // The first copy is what the drawing derives (the migration deletes it); the second is not.
    const text = v1.replace(line, `${line}\n${line.replace(/mysql:3306/, 'elsewhere:3306')}`);
    const second = text.indexOf('NEXTAUTH_DB_URI:', text.indexOf('NEXTAUTH_DB_URI:') + 1);
    expect(located(text)).toEqual([{ code: 'yaml-syntax', ...positionIn(text, second) }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Against `yaml` itself: on random documents, the duplicates found in one pass are the ones
// `uniqueKeys` reports, and aliases expand to what `Alias.resolve` finds.

const KEYS = ['a', "'a'", '"a"', 'b', '1.1', '1.10', '"1.10"', 'true', 'True', '~', 'null', '.nan', '0x1', '1'];
const ANCHORS = ['p', 'q', 'r'];

const anchor = fc.option(fc.constantFrom(...ANCHORS), { nil: undefined, freq: 3 });
/** A key, sometimes anchored (YAML visits a key before its value, so its anchor counts from there). */
const keyArb = fc.tuple(anchor, fc.constantFrom(...KEYS)).map(([a, k]) => (a ? `&${a} ${k}` : k));

/** Flow-style YAML (it nests anywhere without indentation rules) with anchors, aliases and repeated keys. */
const nodeArb: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc
    .tuple(
      anchor,
      fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('x', '1', '1.10', 'true', '~', '"q"'),
        fc.constantFrom(...ANCHORS).map((a) => `*${a}`),
        fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
        fc
          .array(fc.tuple(keyArb, tie('node')), { maxLength: 4 })
          .map((entries) => `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
      ),
    )
    // An alias takes no anchor of its own.
    .map(([a, body]) => (a !== undefined && !body.startsWith('*') ? `&${a} ${body}` : body)),
})).node;

/** The document through yaml's own alias resolution, as nested arrays (maps as key/value pairs). */
function viaYaml(node: unknown, doc: Document, depth = 0): unknown {
  if (depth > MAX_DEPTH + 8) throw new Error('too deep');
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target === undefined ? null : viaYaml(target, doc, depth);
  }
  if (isMap(node)) {
    return node.items.map((pair) => {
      const k = pair.key;
      const key = isScalar(k) ? (typeof k.value === 'string' ? k.value : (k.source ?? String(k.value))) : String(k);
      return [key, viaYaml(pair.value, doc, depth + 1)];
    });
  }
  if (isSeq(node)) return node.items.map((item) => viaYaml(item, doc, depth + 1));
  return isScalar(node) ? node.value : null;
}

const plain = (node: Located): unknown =>
  node.type === 'map'
    ? node.entries.map((e) => [e.key, plain(e.value)])
    : node.type === 'seq'
      ? node.items.map(plain)
      : node.value;

describe('the one-pass checks agree with yaml on random documents', () => {
  it('duplicate keys: the same keys at the same places as uniqueKeys', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, nodeArb), { maxLength: 6 }), (entries) => {
        const text = entries.map(([k, v]) => `${k}: ${v}\n`).join('');
        const expected = parseDocument(text, { uniqueKeys: true })
          .errors.filter((e) => e.code === 'DUPLICATE_KEY')
          .map((e) => e.pos[0]);
        const parsed = parseBounded(text, { maxDepth: MAX_DEPTH, maxTokens: MAX_TOKENS });
        if (!parsed.ok) throw new Error('a small document was refused');
        const found: number[] = [];
        try {
          toLocated(parsed.doc, 1_000_000, { onDuplicateKey: (offset) => found.push(offset) });
        } catch (error) {
          // A cycle through an alias ends the pass early, with the duplicates found so far.
          if (!(error instanceof AliasLimitError)) throw error;
          fc.pre(false);
        }
        expect(found.sort((x, y) => x - y)).toEqual(expected.sort((x, y) => x - y));
      }),
      { numRuns: 500 },
    );
  });

  it('aliases: each expands to the node Alias.resolve finds (the last anchor of its name before it)', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 6 }), (values) => {
        const text = values.map((v, i) => `k${i}: ${v}\n`).join('');
        const doc = parseDocument(text, { uniqueKeys: false });
        fc.pre(doc.errors.length === 0);
        let expected: unknown;
        try {
          expected = viaYaml(doc.contents, doc);
        } catch {
          fc.pre(false); // an anchor that holds an alias to itself
        }
        expect(plain(toLocated(doc, 1_000_000))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('no quadratic path', () => {
  afterEach(() => vi.restoreAllMocks());

  it('aliases are resolved from a table kept during the pass, never by Alias.resolve (a walk of the whole document each)', () => {
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    const text = `${HEAD}components:\n  - id: a\n    kind: redis\n    name: &n A\n    position: &p { x: 1, y: 2 }\n  - id: b\n    kind: redis\n    name: *n\n    position: *p\n`;
    const result = loadProject(text);
    expect(result.ok && result.project.components[1]).toMatchObject({ name: 'A', position: { x: 1, y: 2 } });
    expect(resolve).not.toHaveBeenCalled();
  });
});
