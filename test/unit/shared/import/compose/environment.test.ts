import { describe, expect, it } from 'vitest';
import { goFloat, serviceEnvironment, type EnvEntry } from '../../../../../shared/import/compose/environment';
import type { Lookup } from '../../../../../shared/import/compose/interpolate';
import type { ImportOutcome } from '../../../../../shared/import/types';
import { yamlMap } from './yaml-cnode';

const PROJECT: Record<string, string> = { FROM_SHELL: 'shell', EMPTY: '', TAG: '1.2' };
const lookup: Lookup = (n) => (Object.hasOwn(PROJECT, n) ? PROJECT[n] : undefined);

function envOf(yaml: string, files: Record<string, string> = {}): ImportOutcome<readonly EnvEntry[]> {
  const service = yamlMap(yaml, 'services', 'app');
  return serviceEnvironment(service, {
    lookup,
    readFile: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
  });
}

/** name → value (null for unset), in order. */
function plain(outcome: ImportOutcome<readonly EnvEntry[]>): [string, string | null][] {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.value.map((e) => [e.name, e.value ?? null]);
}

function problem(outcome: ImportOutcome<unknown>): string {
  if (outcome.ok) throw new Error('no problem');
  const p = outcome.problems[0]!;
  return `${p.code} ${p.at.file}:${p.at.line}:${p.at.column}`;
}

describe('serviceEnvironment: environment as a list', () => {
  it('reads KEY=VAL, KEY=, and a bare KEY from the project variables', () => {
    const out = envOf(`
services:
  app:
    environment:
      - PLAIN=value
      - WITH_EQUALS=a=b
      - EMPTY_VALUE=
      - FROM_SHELL
      - EMPTY
      - NOT_SET_ANYWHERE
      - SPACED=  kept  
`);
    expect(plain(out)).toEqual([
      ['PLAIN', 'value'],
      ['WITH_EQUALS', 'a=b'],
      ['EMPTY_VALUE', ''],
      ['FROM_SHELL', 'shell'],
      ['EMPTY', ''],
      ['NOT_SET_ANYWHERE', null],
      ['SPACED', '  kept'],
    ]);
  });

  it('lets the last of a repeated name win', () => {
    expect(plain(envOf('services:\n  app:\n    environment: [A=1, B=2, A=3]\n'))).toEqual([
      ['B', '2'],
      ['A', '3'],
    ]);
  });

  it('points every entry at its list item', () => {
    const out = envOf('services:\n  app:\n    environment:\n      - A=1\n      -   B=2\n');
    expect(out.ok && out.value.map((e) => `${e.name} ${e.at.line}:${e.at.column} ${e.from}`)).toEqual([
      'A 4:9 environment',
      'B 5:11 environment',
    ]);
  });

  it.each([
    ['      - 42\n', 'wrong-type compose.yml:4:9'],
    ['      - [A]\n', 'wrong-type compose.yml:4:9'],
    ['      - =value\n', 'invalid-value compose.yml:4:9'],
    ['      - "A =1"\n', 'invalid-value compose.yml:4:9'], // compose-go: declared with a trailing space
  ])('refuses %j', (item, expected) => {
    expect(problem(envOf(`services:\n  app:\n    environment:\n${item}`))).toBe(expected);
  });
});

describe('serviceEnvironment: environment as a map', () => {
  it('reads strings, numbers and booleans as compose writes them, and null as a bare KEY', () => {
    const out = envOf(`
services:
  app:
    environment:
      S: text
      I: 8080
      HEX: 0x1F
      F: 1.10
      BIG: 1.5e7
      SMALL: 0.00001
      T: true
      QUOTED: "1.10"
      FROM_SHELL: null
      TILDE: ~
      NOTHING:
`);
    expect(plain(out)).toEqual([
      ['S', 'text'],
      ['I', '8080'],
      ['HEX', '31'],
      ['F', '1.1'],
      ['BIG', '1.5e+07'],
      ['SMALL', '1e-05'],
      ['T', 'true'],
      ['QUOTED', '1.10'],
      ['FROM_SHELL', 'shell'],
      ['TILDE', null],
      ['NOTHING', null],
    ]);
  });

  it('points entries at their keys', () => {
    const out = envOf('services:\n  app:\n    environment:\n      A: 1\n      BB: 2\n');
    expect(out.ok && out.value.map((e) => `${e.at.line}:${e.at.column}`)).toEqual(['4:7', '5:7']);
  });

  it('refuses a nested value', () => {
    expect(problem(envOf('services:\n  app:\n    environment:\n      A: {x: 1}\n'))).toBe(
      'wrong-type compose.yml:4:10',
    );
  });

  it('refuses environment that is neither a list nor a map', () => {
    expect(problem(envOf('services:\n  app:\n    environment: A=1\n'))).toBe('wrong-type compose.yml:3:18');
  });

  it('reads an empty environment as none', () => {
    expect(plain(envOf('services:\n  app:\n    environment:\n'))).toEqual([]);
    expect(plain(envOf('services:\n  app:\n    image: x\n'))).toEqual([]);
  });
});

describe('goFloat: Go fmt.Sprint of a float64', () => {
  it.each([
    [1.1, '1.1'],
    [100000, '100000'],
    [1e6, '1e+06'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e100, '1e+100'],
    [-2.5e-7, '-2.5e-07'],
    [0, '0'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%d → %s', (x, text) => {
    expect(goFloat(x)).toBe(text);
  });
});

describe('serviceEnvironment: env_file', () => {
  const app = (envFile: string, environment = '') =>
    `services:\n  app:\n    env_file: ${envFile}\n${environment ? `    environment:\n${environment}` : ''}`;

  it('reads a single path next to the compose file', () => {
    const out = envOf(app('app.env'), { 'app.env': 'A=1\nB=2' });
    expect(out.ok && out.value.map((e) => [e.name, e.value, e.from, `${e.at.file}:${e.at.line}`])).toEqual([
      ['A', '1', 'env_file', 'app.env:1'],
      ['B', '2', 'env_file', 'app.env:2'],
    ]);
  });

  it('resolves paths against the folder of the compose file that names them', () => {
    const service = yamlMap('services:\n  app:\n    env_file: ../shared/app.env\n', 'services', 'app');
    const asked: string[] = [];
    serviceEnvironment(
      {
        ...service,
        entries: service.entries.map((e) => ({
          ...e,
          value: { ...e.value, at: { ...e.value.at, file: 'deploy/compose.yml' } },
        })),
      },
      { lookup, readFile: (p) => (asked.push(p), 'A=1') },
    );
    expect(asked).toEqual(['shared/app.env']);
  });

  it('reads several files in order, a later one overriding, and environment over all of them', () => {
    const out = envOf(app('[one.env, two.env]', '      - B=from-environment\n      - FROM_SHELL\n'), {
      'one.env': 'A=1\nB=1\nC=1\nFROM_SHELL=file',
      'two.env': 'C=2\nD=${C}${A}',
    });
    expect(plain(out)).toEqual([
      ['A', '1'],
      ['C', '2'],
      ['D', '21'],
      ['B', 'from-environment'],
      ['FROM_SHELL', 'shell'],
    ]);
  });

  it('lets a bare environment KEY that nothing resolves override an env file (compose-go OverrideBy)', () => {
    const out = envOf(app('one.env', '      - X\n'), { 'one.env': 'X=from-file' });
    expect(plain(out)).toEqual([['X', null]]);
  });

  it('interpolates env files with the project variables, then the service environment', () => {
    const out = envOf(app('one.env', '      - SVC=service\n      - TAG=not-this\n'), {
      'one.env': 'A=${TAG}\nB=${SVC}\nSVC=file\nC=$SVC\nFROM_SHELL\nEMPTY=x',
    });
    expect(plain(out)).toEqual([
      ['A', '1.2'], // the project's TAG comes before the service's
      ['B', 'service'],
      ['C', 'service'], // the service's environment comes before the file's own lines
      ['FROM_SHELL', 'shell'], // a bare name in an env file takes the project's value
      ['EMPTY', 'x'],
      ['SVC', 'service'],
      ['TAG', 'not-this'],
    ]);
  });

  it('reads the long form, with required defaulting to true', () => {
    const yaml = `services:
  app:
    env_file:
      - path: one.env
      - path: optional.env
        required: false
      - path: two.env
        required: "true"
        format: .env
`;
    const out = envOf(yaml, { 'one.env': 'A=1', 'two.env': 'B=2' });
    expect(plain(out)).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
    expect(out.ok && out.warnings.map((w) => `${w.code} ${w.severity} ${w.at.line}:${w.at.column}`)).toEqual([
      'file-not-found warning 5:15',
    ]);
  });

  it.each([
    ['missing.env', 'file-not-found compose.yml:3:15'],
    ['[ok.env, missing.env]', 'file-not-found compose.yml:3:24'],
    ['[{path: missing.env}]', 'file-not-found compose.yml:3:23'],
    ['[{path: missing.env, required: true}]', 'file-not-found compose.yml:3:23'],
    ['[{required: false}]', 'invalid-value compose.yml:3:16'],
    ['[{path: ok.env, required: maybe}]', 'invalid-value compose.yml:3:41'],
    ['[{path: ok.env, format: raw}]', 'invalid-value compose.yml:3:39'],
    ['[{path: ok.env, other: 1}]', 'invalid-value compose.yml:3:31'],
    ['[{path: 1}]', 'wrong-type compose.yml:3:23'],
    ['[[a]]', 'wrong-type compose.yml:3:16'],
    ['{path: ok.env}', 'wrong-type compose.yml:3:15'],
    ['42', 'wrong-type compose.yml:3:15'],
    ['bad.env', 'env-invalid-name bad.env:2:4'],
    ['required.env', 'interpolation-required required.env:1:3'],
  ])('env_file: %s → %s', (envFile, expected) => {
    expect(
      problem(
        envOf(app(envFile), {
          'ok.env': 'A=1',
          'bad.env': 'A=1\nBAD NAME=2',
          'required.env': 'A=${NOPE:?is required}',
        }),
      ),
    ).toBe(expected);
  });
});
