import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../../../bench/generate';
import { composeBenchFiles } from '../../../../bench/import/generate';
import { writePlainProject } from '../../../../shared/format/plain-writer';
import { formatNeeded, saveProject, saveProjectWithYaml } from '../../../../shared/format/save';
import { importProject } from '../../../../shared/import/project/index';
import type { Component, PassValue, Project } from '../../../../shared/model/types';
import { TEMPLATES } from '../../../../shared/templates/index';
import {
  arbitraryFormat2Project,
  arbitraryHostileProject,
  arbitraryProject,
  hostileText,
  passValueArbitrary,
  projectArbitrary,
} from '../../../support/arbitraries';
import { template } from '../../../support/fixtures';

/** The plain writer's text, or undefined where it leaves the project to yaml. */
const fast = (project: Project): string | undefined => writePlainProject(project, formatNeeded(project));

/** Texts that take every branch of yaml's scalar writer: plain, single, double, literal block, and their edge cases. */
const HOSTILE: readonly string[] = [
  '',
  ' ',
  '  ',
  'a',
  '<<',
  '__proto__',
  'constructor',
  'on',
  'yes',
  'no',
  'y',
  'true',
  'True',
  'TRUE',
  'false',
  'null',
  'Null',
  'NULL',
  '~',
  '1.10',
  '0x1F',
  '0o17',
  '0b101',
  '1e3',
  '1E+3',
  '.5',
  '5.',
  '+1',
  '-1',
  '-0',
  '.inf',
  '-.Inf',
  '.NaN',
  '8080',
  '007',
  '1_000',
  '12:30',
  '2001-12-14',
  '- a',
  '-',
  '?',
  '? a',
  ':',
  ':a',
  'a:',
  'a: b',
  'a:b',
  'a #b',
  'a#b',
  '#x',
  ...[...'-?:,[]{}#&*!|>\'"%@`'].map((c) => `${c}x`),
  'x,y',
  'x[0]',
  'x{a}',
  "it's",
  'say "hi"',
  'both \' and "',
  '---',
  '--- a',
  '---a',
  '...',
  '%YAML',
  'a\n---\nb',
  'a\n...',
  'a\n%b',
  ' lead',
  'trail ',
  'tab\there',
  '\ttab',
  'tab\t',
  'line\nbreak',
  'line\n\nbreaks',
  '\nleading break',
  'trailing break\n',
  'trailing breaks\n\n',
  'only\n \n',
  '\n',
  '\n\n',
  ' \n',
  '\n ',
  'a \nb',
  'a\n b',
  'a\n  indented\nb',
  '  indented first\nline',
  'crlf\r\nline',
  'cr\ronly',
  'nul\0',
  'bell\x07',
  'esc\x1b[31m',
  'del\x7f',
  'c1\x85\x9b',
  'nbsp\u00a0',
  'ls\u2028ps\u2029',
  'bom\ufeff',
  'bidi\u202e\u2066',
  'lone \ud800 surrogate',
  'emoji 😀',
  'ünïcödé',
  '\\n',
  '\\',
  'a long line of text that is well over forty characters\nand has a second line',
  'a long line of text that is well over forty characters \n with spaces round the break\n',
  'forty-plus characters, many breaks at the end\n\n\n',
  '\n\n\nforty-plus characters, many breaks at the start of it',
  'x'.repeat(1100),
  `${'k'.repeat(1023)}`,
];

const hostileString = fc.constantFrom(...HOSTILE);
const anyString = fc.oneof(
  hostileString,
  hostileText,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);

/** Numbers of every kind yaml writes specially. */
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1e21,
  -1e21,
  1e-7,
  5e-324,
  1.5e300,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  -Infinity,
];

/** Kept values with hostile texts and keys, deeper than the shared arbitrary's. */
const hostilePass: fc.Arbitrary<PassValue> = fc.letrec<{ value: PassValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    anyString,
    fc.constantFrom(...NUMBERS, true, false, null),
    fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(anyString, tie('value')), { maxLength: 4 }).map(record),
  ),
})).value;

function record(entries: readonly (readonly [string, PassValue])[]): PassValue {
  const out = Object.create(null) as Record<string, PassValue>;
  for (const [k, v] of entries) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
}

/** A project with `text` in every text field of the model, and `pass` kept on a component and at the top. */
function everywhere(text: string, pass: PassValue, n = 1): Project {
  const base = template('default');
  const keyed = { [text]: pass } as Record<string, PassValue>;
  const c = (i: number): Component => ({
    id: `c${i}` as Component['id'],
    kind: 'container',
    name: text,
    zone: base.zones[0]?.id,
    replicas: 1,
    properties: { [text]: text, num: n },
    environment: {
      [text]: { type: 'literal', value: text },
      IN: { type: 'input', prompt: text },
      S: { type: 'secret', length: 32 },
    },
    portOverrides: { [text]: n },
    publish: [{ port: text, hostPort: 80 }],
    position: { x: n, y: -n },
    image: text,
    ports: [{ name: text, number: 1, protocol: 'tcp' }],
    passThrough: { ...keyed, list: [pass, [pass, { [text]: [pass] }]], [`x-${text}`]: { nested: { deeper: pass } } },
  });
  return {
    ...base,
    meta: { name: text, description: text },
    settings: { registry: text, tag: text },
    zones: base.zones.map((z) => ({ ...z, name: text })),
    components: [c(0), c(1)],
    links: [{ id: 'l' as never, from: 'c0' as never, to: 'c1' as never, port: text }],
    routes: [
      {
        id: 'r' as never,
        via: 'c0' as never,
        scheme: 'https',
        host: text,
        publicPort: n,
        path: text,
        target: 'c1' as never,
        port: text,
        tls: { terminate: true, reencrypt: false },
      },
    ],
    suppressions: [{ rule: text, element: text, reason: text }],
    passThrough: { ...keyed, [`${text}2`]: [[pass]] },
  };
}

/** The length of the longest mapping key anywhere in `value`. */
function longestKey(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let longest = 0;
  for (const [key, v] of Object.entries(value)) {
    longest = Math.max(longest, Array.isArray(value) ? 0 : key.length, longestKey(v));
  }
  return longest;
}

/** Same bytes as yaml, or a fallback (counted); returns whether the fast path wrote it. */
function sameAsYaml(project: Project): boolean {
  const expected = saveProjectWithYaml(project);
  const text = fast(project);
  if (text !== undefined) expect(text).toBe(expected);
  expect(saveProject(project)).toBe(expected);
  return text !== undefined;
}

/** Runs `arbitrary` through sameAsYaml and returns the share of projects left to yaml. */
function fallbackRate(arbitrary: fc.Arbitrary<Project>, numRuns: number): number {
  let runs = 0;
  let fallbacks = 0;
  fc.assert(
    fc.property(arbitrary, (project) => {
      runs++;
      if (!sameAsYaml(project)) fallbacks++;
    }),
    { numRuns },
  );
  return fallbacks / runs;
}

describe('plain writer: the same bytes as the yaml document', () => {
  // The shared arbitraries hold no key over 1,024 characters and only JSON-like values: no fallback at all.
  it.each([
    ['random projects (containers, kept values of every kind)', arbitraryProject, 2000],
    ['random format-2 projects', arbitraryFormat2Project, 600],
    ['random projects with hostile texts', arbitraryHostileProject, 2000],
  ] as const)('%s: always written by the plain writer', (name, arbitrary, numRuns) => {
    const rate = fallbackRate(arbitrary, numRuns);
    console.info(`plain writer fallback rate, ${name}: ${rate} of ${numRuns}`);
    expect(rate).toBe(0);
  });

  it('projects whose every text is hostile, with deep kept values', () => {
    let runs = 0;
    let fallbacks = 0;
    fc.assert(
      fc.property(
        projectArbitrary(anyString),
        fc.array(fc.tuple(anyString, fc.oneof(hostilePass, passValueArbitrary(anyString))), {
          minLength: 1,
          maxLength: 3,
        }),
        (project, kept) => {
          runs++;
          const pass = record(kept) as Readonly<Record<string, PassValue>>;
          const withKept: Project = {
            ...project,
            passThrough: pass,
            components: project.components.map((c, i) => (i % 2 === 0 ? { ...c, passThrough: pass } : c)),
          };
          if (sameAsYaml(withKept)) return;
          fallbacks++;
          // Only a key over 1,024 characters (an explicit `? key` in yaml) is left to yaml.
          expect(longestKey(withKept)).toBeGreaterThan(1000);
        },
      ),
      { numRuns: 2000 },
    );
    console.info(`plain writer fallback rate on hostile projects: ${fallbacks}/${runs}`);
  });

  it.each(HOSTILE.map((text) => [JSON.stringify(text).slice(0, 60), text]))(
    'hand-picked text %s in every place of a project',
    (_, text) => {
      for (const pass of [text, [text, [text]], { [text]: text }, [{ [text]: [text, { a: text }] }]]) {
        const project = everywhere(text, pass as PassValue);
        const wrote = sameAsYaml(project);
        expect(wrote).toBe(text.length <= 1000); // the 1,100-character key is yaml's
      }
    },
  );

  it('numbers yaml writes specially: -0, NaN, infinities, huge and tiny', () => {
    for (const n of NUMBERS) {
      const project = everywhere('n', [n, { n }, [n]], n);
      expect(sameAsYaml(project)).toBe(true);
    }
  });

  it('empty collections, and records whose values are all undefined, are written as yaml writes them', () => {
    const project = everywhere('x', { a: [], b: {}, c: [[], {}], d: [{}] });
    expect(sameAsYaml(project)).toBe(true);
    const undefinedValues = {
      ...project,
      meta: { name: undefined, description: '' },
    } as unknown as Project;
    expect(sameAsYaml(undefinedValues)).toBe(true);
  });

  it('leaves to yaml what it cannot be sure of: a key over 1,024 characters, a value that is not data', () => {
    const long = everywhere('k'.repeat(1100), 'v');
    expect(fast(long)).toBeUndefined();
    expect(saveProject(long)).toBe(saveProjectWithYaml(long));
    const odd = everywhere('k', [undefined] as unknown as PassValue);
    expect(fast(odd)).toBeUndefined();
    expect(() => saveProjectWithYaml(odd)).not.toThrow();
    expect(saveProject(odd)).toBe(saveProjectWithYaml(odd));
  });

  it('the templates', () => {
    for (const t of TEMPLATES) {
      const project = template(t.id);
      expect(fast(project)).toBe(saveProjectWithYaml(project));
    }
  });

  it.each([30, 100, 500, 2000])('a generated project of %i components', (n) => {
    for (const neighbours of [0, 4]) {
      const project = generateProject(n, { neighbours });
      expect(fast(project)).toBe(saveProjectWithYaml(project));
    }
  });

  it('an imported 300-service compose project with kept keys', () => {
    const files = composeBenchFiles(300);
    const byName: Record<string, string> = { 'templates.yml': files.templates, '.env': files.env };
    const result = importProject({
      compose: [{ path: '/bench/docker-compose.yml', text: files.main }],
      proxyConfigs: [],
      envFiles: [],
      profiles: [],
      environment: {},
      readFile: (path) => byName[path.slice(path.lastIndexOf('/') + 1)],
      fallbackName: 'bench',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const project = result.value.project;
    expect(project.components.filter((c) => c.passThrough !== undefined).length).toBeGreaterThan(250);
    expect(fast(project)).toBe(saveProjectWithYaml(project));
  });
});
