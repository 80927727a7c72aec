import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProject, saveProject, type LoadResult } from '../../../../shared/format/index';
import {
  FORMAT_VERSION,
  type Component,
  type ComponentId,
  type EnvValue,
  type Project,
  type PropertyValue,
} from '../../../../shared/model/types';

const HEAD = `format: ${FORMAT_VERSION}\nmeta:\n  name: Acme\n`;

const mustLoad = (result: LoadResult): Project => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  expect(result.problems).toEqual([]);
  return result.project;
};

/** A file with one Redis component holding `body` (indented as its fields). */
const withComponent = (body: string, settings = '') =>
  `${HEAD}${settings}components:\n  - id: a\n    kind: redis\n    name: A\n${body}`;

const component = (text: string): Component => mustLoad(loadProject(text)).components[0]!;

/** Save, load and save again: the value comes back, and the second save is the same bytes. */
function roundTrip(project: Project): Project {
  const text = saveProject(project);
  const loaded = mustLoad(loadProject(text));
  expect(saveProject(loaded)).toBe(text);
  return loaded;
}

/** Plain scalars YAML reads as numbers or booleans, which a text field keeps exactly as written. */
const NOT_TEXT_TO_YAML = [
  '1.10',
  '010',
  '0x1F',
  '0o17',
  '1e3',
  '12345678901234567890',
  '123456789012345678901234567890.5',
  '.inf',
  '-.inf',
  '.nan',
  '-0',
  '+1',
  '1.0',
  'True',
  'TRUE',
  'true',
  'false',
];

describe('values land as text: tags and environment values keep their source text', () => {
  it.each(NOT_TEXT_TO_YAML)('tag: %s', (written) => {
    const project = mustLoad(loadProject(`${HEAD}settings:\n  registry: ""\n  tag: ${written}\n`));
    expect(project.settings.tag).toBe(written);
    const text = saveProject(project);
    // Written as text, so it cannot be read back as a number or boolean.
    expect(text).toContain(`tag: "${written}"`);
    expect(roundTrip(project).settings.tag).toBe(written);
  });

  it.each([...NOT_TEXT_TO_YAML, 'yes', 'no', 'on', 'off', 'Yes', '1_000', '1:20', '0b11'])(
    'environment value: %s',
    (written) => {
      const c = component(withComponent(`    environment:\n      VALUE: ${written}\n`));
      expect(c.environment.VALUE).toEqual({ type: 'literal', value: written });
      const project = mustLoad(loadProject(withComponent(`    environment:\n      VALUE: ${written}\n`)));
      expect(roundTrip(project).components[0]!.environment.VALUE).toEqual({ type: 'literal', value: written });
    },
  );

  it('a quoted value, a block scalar and an aliased number keep their text too', () => {
    const c = component(
      withComponent(
        '    environment:\n      A: "1.10"\n      B: |-\n        010\n      C: &n 0x1F\n      D: *n\n      E: !!float 1.10\n',
      ),
    );
    expect(c.environment).toEqual({
      A: { type: 'literal', value: '1.10' },
      B: { type: 'literal', value: '010' },
      C: { type: 'literal', value: '0x1F' },
      D: { type: 'literal', value: '0x1F' },
      E: { type: 'literal', value: '1.10' },
    });
  });

  it('nothing where text belongs is refused at its line and column, never turned into "null"', () => {
    for (const written of ['~', 'null', '']) {
      const result = loadProject(withComponent(`    environment:\n      VALUE: ${written}\n`));
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => [p.code, p.line, p.column, p.path])).toEqual([
        ['wrong-type', 9, 14, 'components[0].environment.VALUE'],
      ]);
    }
    const tag = loadProject(`${HEAD}settings:\n  tag: ~\n`);
    expect(tag.problems.map((p) => [p.code, p.line, p.column])).toEqual([['wrong-type', 5, 8]]);
  });

  it('a number where only text is accepted is refused with a hint, not printed back', () => {
    const result = loadProject(withComponent('').replace('    name: A\n', '    name: 1.10\n'));
    expect(result.problems).toMatchObject([{ code: 'wrong-type', line: 7, column: 11, path: 'components[0].name' }]);
    expect(result.problems[0]!.message).toBe(
      'component name must be text, found the number 1.10 (write "1.10" in quotes to keep it as text)',
    );
  });
});

describe('values land as text: properties', () => {
  const cases: readonly (readonly [string, PropertyValue])[] = [
    // Numbers that print as written stay numbers.
    ['8', 8],
    ['-3', -3],
    ['1.5', 1.5],
    ['0.25', 0.25],
    ['1e+21', 1e21],
    // Anything else YAML reads as a number keeps its text.
    ['1.10', '1.10'],
    ['010', '010'],
    ['0x1F', '0x1F'],
    ['0o17', '0o17'],
    ['1e3', '1e3'],
    ['12345678901234567890', '12345678901234567890'],
    ['.inf', '.inf'],
    ['-.Inf', '-.Inf'],
    ['.nan', '.nan'],
    ['-0', '-0'],
    ['+1', '+1'],
    ['1.0', '1.0'],
    // Every YAML 1.2 boolean is the same switch (external: True is a customer-run server); yes is text.
    ['true', true],
    ['false', false],
    ['True', true],
    ['FALSE', false],
    ['yes', 'yes'],
    // Quoted text stays text.
    ['"8"', '8'],
    ["'true'", 'true'],
  ];

  it.each(cases)('%s', (written, value) => {
    const project = mustLoad(loadProject(withComponent(`    properties:\n      p: ${written}\n`)));
    expect(project.components[0]!.properties.p).toStrictEqual(value);
    expect(roundTrip(project).components[0]!.properties.p).toStrictEqual(value);
  });

  it('nothing, a list or a mapping is refused at its line and column', () => {
    for (const written of ['~', '[1]', '{ a: 1 }']) {
      const result = loadProject(withComponent(`    properties:\n      p: ${written}\n`));
      expect(result.problems.map((p) => [p.code, p.line, p.column, p.path])).toEqual([
        ['wrong-type', 9, 10, 'components[0].properties.p'],
      ]);
    }
  });

  it('the number -0 is saved as the 0 it equals (YAML would write -0, which reads back as text)', () => {
    const base = mustLoad(loadProject(withComponent('')));
    const project: Project = {
      ...base,
      components: [{ ...base.components[0]!, properties: { p: -0 } }],
    };
    expect(saveProject(project)).toContain('p: 0\n');
    expect(roundTrip(project).components[0]!.properties.p).toBe(0);
  });
});

describe('values land as text: keys', () => {
  it('keys YAML reads as numbers or booleans keep their source text', () => {
    const c = component(
      withComponent('    properties:\n      1.10: a\n      True: b\n    environment:\n      True: c\n'),
    );
    expect(Object.keys(c.properties)).toEqual(['1.10', 'True']);
    expect(Object.keys(c.environment)).toEqual(['True']);
    const project = mustLoad(loadProject(withComponent('    properties:\n      1.10: a\n      True: b\n')));
    expect(Object.keys(roundTrip(project).components[0]!.properties)).toEqual(['1.10', 'True']);
  });

  it('one name written twice (as a number and as text) is refused, not silently replaced', () => {
    const result = loadProject(withComponent('    properties:\n      1.10: a\n      "1.10": b\n'));
    expect(result.problems.map((p) => [p.code, p.line, p.column, p.path])).toEqual([
      ['invalid-value', 10, 7, 'components[0].properties.1.10'],
    ]);
    const env = loadProject(withComponent('    environment:\n      True: a\n      "True": b\n'));
    expect(env.problems.map((p) => [p.code, p.line, p.column])).toEqual([['invalid-value', 10, 7]]);
  });
});

// ---------------------------------------------------------------------------------------------
// Any text value, saved and loaded, is the same string.

/** Text that YAML would read as something else if written plain, and any other text. */
const trickyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.double().map(String),
  fc.double().map((n) => n.toExponential()),
  fc.bigInt().map(String),
  fc.integer().map((n) => `0x${Math.abs(n).toString(16)}`),
  fc.integer().map((n) => `0o${Math.abs(n).toString(8)}`),
  fc.stringMatching(/^[-+]?(?:[0-9]{1,25}(?:\.[0-9]{0,5})?|\.[0-9]{1,5})(?:[eE][-+]?[0-9]{1,3})?$/),
  fc.constantFrom(
    '.inf',
    '-.inf',
    '+.INF',
    '.NaN',
    'true',
    'True',
    'TRUE',
    'false',
    'null',
    'Null',
    '~',
    '',
    'yes',
    'no',
    '-0',
    '0',
  ),
);

const textProject = (tag: string, literal: string, property: string): Project => {
  const id = 'a' as ComponentId;
  const environment: Record<string, EnvValue> = { VALUE: { type: 'literal', value: literal } };
  return {
    format: FORMAT_VERSION,
    meta: { name: 'Text', description: '' },
    settings: { registry: '', tag },
    zones: [],
    components: [
      {
        id,
        kind: 'redis',
        name: 'A',
        replicas: 1,
        // The same text as a key too (unless it is the value's own key).
        properties: property === 'p' ? { p: property } : { p: property, [property]: 'key' },
        environment,
        portOverrides: {},
        publish: [],
        position: { x: 0, y: 0 },
      },
    ],
    links: [],
    routes: [],
    suppressions: [],
  };
};

describe('values land as text: any text value', () => {
  it('a tag, an environment literal, a property string and a property key come back as the same string', () => {
    fc.assert(
      fc.property(trickyText, trickyText, trickyText, (tag, literal, property) => {
        const project = textProject(tag, literal, property);
        const loaded = roundTrip(project);
        expect(loaded.settings.tag).toBe(tag);
        expect(loaded.components[0]!.environment.VALUE).toEqual({ type: 'literal', value: literal });
        expect(loaded.components[0]!.properties.p).toBe(property);
        expect(Object.hasOwn(loaded.components[0]!.properties, property)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('a finite property number comes back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const loaded = roundTrip(textProject('latest', 'x', 'x'));
        const project: Project = {
          ...loaded,
          components: [{ ...loaded.components[0]!, properties: { n } }],
        };
        expect(roundTrip(project).components[0]!.properties.n).toBe(Object.is(n, -0) ? 0 : n);
      }),
      { numRuns: 1000 },
    );
  });
});
