import { describe, expect, it } from 'vitest';
import {
  COMPOSE_ALIAS_BUDGET,
  MAX_COMPOSE_BYTES,
  readComposeDocument,
  type ComposeDocument,
} from '../../../../../shared/import/compose/document';
import { MAX_DEPTH } from '../../../../../shared/format/located';
import { entryOf, toPlain, type CMap, type CNode } from '../../../../../shared/import/compose/tree';
import type { ImportOutcome } from '../../../../../shared/import/types';
import { lookupOf, problemOf } from './memory-fs';

// One compose file → located, interpolated tree: positions of nodes and of every error, anchors,
// aliases and merge keys, and the hostile inputs (alias bombs, huge and deeply nested files).

const read = (text: string, env: Record<string, string> = {}) => readComposeDocument('c.yml', text, lookupOf(env));

function doc(outcome: ImportOutcome<ComposeDocument>): CMap {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.value.root;
}

/** The node at a path of keys (and list indexes). */
function at(node: CNode, ...path: (string | number)[]): CNode {
  let n = node;
  for (const step of path) {
    if (typeof step === 'number') {
      if (n.kind !== 'seq') throw new Error(`not a list at ${step}`);
      n = n.items[step] as CNode;
    } else {
      if (n.kind !== 'map') throw new Error(`not a map at ${step}`);
      const e = entryOf(n, step);
      if (e === undefined) throw new Error(`no key ${step}`);
      n = e.value;
    }
  }
  return n;
}

const where = (n: CNode) => `${n.at.line}:${n.at.column}`;

describe('reading one compose file', () => {
  it('locates every key and value', () => {
    const root = doc(read('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n      - 443\n'));
    const web = at(root, 'services', 'web') as CMap;
    expect(where(web)).toBe('3:5');
    expect(entryOf(web, 'image')?.keyAt).toEqual({ file: 'c.yml', line: 3, column: 5 });
    expect(where(at(web, 'image'))).toBe('3:12');
    expect(where(at(web, 'ports'))).toBe('5:7');
    expect(where(at(web, 'ports', 1))).toBe('6:9');
    expect(at(web, 'ports', 1)).toMatchObject({ kind: 'scalar', value: 443 });
  });

  it('keeps how a number or boolean was written', () => {
    const root = doc(read('a: 1.10\nb: 0x1F\nc: true\nd: ~\ne:\nf: "1.10"\n'));
    expect(at(root, 'a')).toMatchObject({ value: 1.1, source: '1.10' });
    expect(at(root, 'b')).toMatchObject({ value: 31, source: '0x1F' });
    expect(at(root, 'c')).toEqual({ kind: 'scalar', at: { file: 'c.yml', line: 3, column: 4 }, value: true });
    expect(at(root, 'd')).toMatchObject({ value: null, source: '~' });
    // A key without a value points at the key.
    expect(at(root, 'e')).toMatchObject({ value: null, at: { line: 5, column: 1 } });
    expect(at(doc(read('a: [1, ]\nb:\n  -\n')), 'b', 0)).toMatchObject({ value: null, at: { line: 3, column: 4 } });
    expect(at(root, 'f')).toMatchObject({ value: '1.10' });
    expect(at(root, 'f')).not.toHaveProperty('source');
  });

  it('reads an empty file as an empty map', () => {
    for (const text of ['', '# nothing here\n', '\n\n']) {
      const outcome = read(text);
      expect(outcome.ok && outcome.value.empty).toBe(true);
    }
  });
});

describe('interpolation', () => {
  const env = { TAG: '1.25', PORT: '8080', EMPTY: '' };

  it('interpolates values, keeps the text as written in source, and never touches keys', () => {
    const root = doc(read('services:\n  ${TAG}:\n    image: "nginx:${TAG}"\n    x-port: $PORT\n    n: 80\n', env));
    const service = entryOf(at(root, 'services') as CMap, '${TAG}');
    expect(service).toBeDefined();
    expect(at(root, 'services', '${TAG}', 'image')).toMatchObject({ value: 'nginx:1.25', source: 'nginx:${TAG}' });
    expect(at(root, 'services', '${TAG}', 'x-port')).toMatchObject({ value: '8080', source: '$PORT' });
  });

  it('interpolates x- extension fields and block scalars too (compose-go interpolates every string)', () => {
    const root = doc(read('x-tag: ${TAG}\nservices:\n  a:\n    command: |\n      echo ${PORT}\n', env));
    expect(toPlain(at(root, 'x-tag'))).toBe('1.25');
    expect(toPlain(at(root, 'services', 'a', 'command'))).toBe('echo 8080\n');
  });

  it('warns as compose does about a variable that is not set, where it is used', () => {
    const outcome = read('a: "x ${UNSET}"\nb: ${UNSET:-fine}\nc: |\n  $$ $UNSET\n');
    expect(outcome.ok && outcome.warnings).toEqual([
      {
        code: 'variable-unset',
        severity: 'warning',
        message: 'The "UNSET" variable is not set. Defaulting to a blank string.',
        at: { file: 'c.yml', line: 1, column: 7 },
      },
      expect.objectContaining({ code: 'variable-unset', at: { file: 'c.yml', line: 4, column: 6 } }),
    ]);
    expect(outcome.ok && toPlain(outcome.value.root)).toEqual({ a: 'x ', b: 'fine', c: '$ \n' });
  });

  it('leaves $$ as one $', () => {
    expect(toPlain(at(doc(read('a: "$$HOME"\n')), 'a'))).toBe('$HOME');
  });

  it('points an error at its $ in a plain, quoted or block scalar', () => {
    const cases: [string, string][] = [
      ['a: x ${NOPE:?gone}\n', '1:6'],
      ['a: "\\t\\x41 ${NOPE:?gone}"\n', '1:12'],
      ["a: 'it''s ${NOPE:?gone}'\n", '1:11'],
      ['a: |\n  first $$ line\n  ${NOPE:?gone}\n', '3:3'],
      ['a: >-\n  folded $$\n  text ${NOPE:?gone}\n', '3:8'],
      ['a: plain\n  continued ${NOPE:?gone}\n', '2:13'],
      ['a: [x, "${NOPE?}"]\n', '1:9'],
    ];
    for (const [text, pos] of cases) {
      const outcome = read(text);
      expect(problemOf(outcome), text).toBe(`interpolation-required c.yml:${pos}`);
    }
  });

  it('reports the :? message and a syntax error with their codes', () => {
    const outcome = read('services:\n  a:\n    image: ${IMAGE:?set IMAGE in .env}\n');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]?.message).toContain('set IMAGE in .env');
    expect(problemOf(read('a:\n  b: "${A"\n'))).toBe('interpolation-syntax c.yml:2:7');
  });
});

describe('anchors, aliases and merge keys', () => {
  const text = [
    'x-defaults: &defaults', //         1
    '  restart: always', //             2
    '  image: base', //                 3
    'x-logging: &logging', //           4
    '  logging: {driver: json-file}', // 5
    'services:', //                     6
    '  web:', //                        7
    '    <<: *defaults', //             8
    '    image: nginx', //              9
    '  api:', //                        10
    '    <<: [*logging, *defaults]', // 11
    '    ports: &ports ["80"]', //      12
    '  worker:', //                     13
    '    ports: *ports', //             14
    '    "<<": not a merge', //         15
    '',
  ].join('\n');

  it('merges a map, keys written in the map winning, merged entries keeping their own positions', () => {
    const web = at(doc(read(text)), 'services', 'web') as CMap;
    expect(toPlain(web)).toEqual({ restart: 'always', image: 'nginx' });
    expect(entryOf(web, 'restart')?.keyAt.line).toBe(2);
    expect(entryOf(web, 'image')?.keyAt.line).toBe(9);
  });

  it('merges a list of maps, earlier maps first', () => {
    const api = at(doc(read(text)), 'services', 'api') as CMap;
    expect(toPlain(api)).toEqual({ logging: { driver: 'json-file' }, restart: 'always', image: 'base', ports: ['80'] });
    expect(where(at(api, 'logging'))).toBe('5:12');
  });

  it('shares an aliased node, which keeps the position where it was written; a quoted "<<" is a key', () => {
    const root = doc(read(text));
    expect(at(root, 'services', 'worker', 'ports')).toBe(at(root, 'services', 'api', 'ports'));
    expect(where(at(root, 'services', 'worker', 'ports'))).toBe('12:19');
    expect(toPlain(at(root, 'services', 'worker', '<<'))).toBe('not a merge');
  });

  it('takes the later of two anchors with the same name', () => {
    expect(toPlain(doc(read('a: &x 1\nb: &x 2\nc: *x\n')))).toEqual({ a: 1, b: 2, c: 2 });
  });

  it('refuses a merge of something that is not a map, an unknown alias, and a self-containing alias', () => {
    expect(problemOf(read('a: &s [1]\nb:\n  <<: *s\n'))).toBe('yaml-syntax c.yml:1:8');
    expect(problemOf(read('b:\n  <<: plain\n'))).toBe('yaml-syntax c.yml:2:3');
    expect(problemOf(read('a: *nowhere\n'))).toBe('yaml-syntax c.yml:1:4');
    expect(problemOf(read('a: &a\n  b: *a\n'))).toBe('alias-limit c.yml:2:6');
  });
});

describe('refused files', () => {
  it('reports YAML syntax errors at their line:column', () => {
    // `yaml` finds a quote that does not close where the text ends.
    expect(problemOf(read('services:\n  web:\n    image: "nginx\n'))).toBe('yaml-syntax c.yml:4:1');
    expect(problemOf(read('a: b: c\n'))).toBe('yaml-syntax c.yml:1:4');
    expect(problemOf(read('a: [1, 2\n'))).toMatch(/^yaml-syntax c\.yml:/);
    expect(problemOf(read('a: 1\n---\nb: 2\n'))).toBe('yaml-syntax c.yml:2:1');
  });

  it('refuses a repeated key at the repetition, also in a merged map', () => {
    expect(problemOf(read('services:\n  web:\n    image: a\n    image: b\n'))).toBe('yaml-syntax c.yml:4:5');
    expect(problemOf(read('x: &x {a: 1}\ny:\n  <<: *x\n  <<: *x\n'))).toBe('yaml-syntax c.yml:4:3');
    // A key written beside a merge overrides the merged one: that is no repetition.
    expect(read('x: &x {a: 1}\ny:\n  <<: *x\n  a: 2\n').ok).toBe(true);
  });

  it('refuses keys that are not text', () => {
    expect(problemOf(read('services:\n  1: {image: x}\n'))).toBe('wrong-type c.yml:2:3');
    expect(problemOf(read('? [a]\n: 1\n'))).toBe('wrong-type c.yml:1:3');
  });

  it('refuses a root that is not a map, and services that are not a map', () => {
    expect(problemOf(read('- a\n- b\n'))).toBe('not-a-compose-file c.yml:1:1');
    expect(problemOf(read('just text\n'))).toBe('not-a-compose-file c.yml:1:1');
    expect(problemOf(read('version: "3"\nservices:\n  - web\n'))).toBe('wrong-type c.yml:3:3');
    expect(problemOf(read('services: web\n'))).toBe('wrong-type c.yml:1:11');
  });
});

describe('hostile files', () => {
  it('stops an alias bomb with alias-limit at the alias that crossed the budget', () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    lines.push('services: {}');
    const outcome = read(lines.join('\n') + '\n');
    // 10^5 nodes per alias at line 6 (f), whose ten aliases cross the budget of 200,000.
    expect(COMPOSE_ALIAS_BUDGET).toBe(200_000);
    expect(problemOf(outcome)).toMatch(/^alias-limit c\.yml:6:\d+$/);
  });

  it('refuses a merge-key bomb too', () => {
    const lines = ['a0: &a0 {k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1}'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `a${i}: &a${i} {x: [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]}`,
      );
    expect(problemOf(read(lines.join('\n') + '\n'))).toMatch(/^alias-limit c\.yml:/);
  });

  it('refuses a file over 5 MB at once, unread', () => {
    const big = 'x-pad: "' + 'a'.repeat(6 * 1024 * 1024) + '"\n';
    expect(problemOf(read(big))).toBe('file-too-large c.yml:1:1');
    // Counted in UTF-8 bytes: 2 million three-byte characters are 6 MB.
    expect(problemOf(read('a: "' + '€'.repeat(2_000_000) + '"\n'))).toBe('file-too-large c.yml:1:1');
    expect(MAX_COMPOSE_BYTES).toBe(5 * 1024 * 1024);
  });

  it('refuses 10,000 levels of nesting at the first level too deep', () => {
    const flow = '['.repeat(10_000) + ']'.repeat(10_000);
    // The top-level map is the first level: the 64th bracket opens level 65.
    expect(problemOf(read(`a: ${flow}\n`))).toBe(`too-deep c.yml:1:${3 + MAX_DEPTH}`);
    const maps = '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(problemOf(read(`a: ${maps}\n`))).toMatch(/^too-deep c\.yml:1:\d+$/);
  });

  it('refuses aliases that nest deeper than the bound', () => {
    const lines = ['l0: &l0 [1]'];
    for (let i = 1; i <= 40; i++) lines.push(`l${i}: &l${i} [[*l${i - 1}]]`);
    expect(problemOf(read(lines.join('\n') + '\n'))).toMatch(/^too-deep c\.yml:\d+:\d+$/);
  });
});
