import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../../../shared/format/index';
import { readPlain } from '../../../../shared/format/plain-reader';
import { MAX_DEPTH, MAX_TOKENS } from '../../../../shared/format/located';
import { emptyProject } from '../../../../shared/model/ops';
import type { Component, ComponentId, PassValue, Project } from '../../../../shared/model/types';
import { passValueArbitrary } from '../../../support/arbitraries';

/**
 * Pass-through keys in the project file: whatever JSON-like value an import kept is saved and read
 * back as the same value, keys in the same order, and saved again as the same bytes — whichever of
 * the loader's two paths (the plain reader or `yaml`) reads what save wrote.
 */

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '  lead',
    'trail ',
    'a\nb',
    'a\n',
    '\n\n',
    '"q"',
    "'s'",
    '#c',
    'a: b',
    '- x',
    '[x]',
    '{x}',
    '@a',
    '`a`',
    '%x',
    '!t',
    '&a',
    '*a',
    '|',
    '>',
    '1.10',
    '010',
    '0x1F',
    '1e3',
    '.inf',
    'True',
    'NULL',
    '~',
    'on',
    'yes',
    '<<',
    '__proto__',
    '\t',
    '\u0000',
    '\u2028',
    '\ufeff',
    '$VAR',
    '${X:-y}',
  ),
);
const passValue = passValueArbitrary(anyText);

/** A value with every mapping as its list of entries, so equality also compares key order. */
function ordered(v: PassValue): unknown {
  if (Array.isArray(v)) return (v as readonly PassValue[]).map(ordered);
  if (v !== null && typeof v === 'object')
    return Object.keys(v).map((k) => [k, ordered((v as Record<string, PassValue>)[k]!)]);
  return v;
}

const record = (entries: readonly (readonly [string, PassValue])[]): Record<string, PassValue> => {
  const out = Object.create(null) as Record<string, PassValue>;
  for (const [k, v] of entries) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
};

const serviceKey = fc.constantFrom(
  'logging',
  'healthcheck',
  'labels',
  'volumes',
  'ulimits',
  'deploy',
  'x-a',
  'x-',
  'x-<<',
  'x-__proto__',
  'x-on',
  'x-1.10',
  'cap_add',
);
const topKey = fc.constantFrom('volumes', 'secrets', 'configs', 'x-', 'x-__proto__', 'x-yes');

function container(passThrough?: Record<string, PassValue>): Component {
  return {
    id: 'svc' as ComponentId,
    kind: 'container',
    name: 'Service',
    replicas: 1,
    properties: {},
    environment: {},
    portOverrides: {},
    publish: [],
    position: { x: 0, y: 0 },
    image: 'registry.example.com:5000/team/app:1.2',
    ports: [{ name: 'web', number: 8080, protocol: 'http' }],
    ...(passThrough ? { passThrough } : {}),
  };
}

function project(component: Record<string, PassValue>, top: Record<string, PassValue>): Project {
  return { ...emptyProject('kept'), components: [container(component)], passThrough: top };
}

function mustLoad(text: string): Project {
  const result = loadProject(text);
  if (!result.ok) throw new Error(`expected a valid file:\n${JSON.stringify(result.problems, null, 2)}\n---\n${text}`);
  expect(result.problems).toEqual([]);
  return result.project;
}

const notKept = (v: PassValue) =>
  !(v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, 'replicas'));

describe('pass-through keys in the project file', () => {
  it('round-trip: any kept value loads back equal, keys in order, and saves to the same bytes', () => {
    const paths = { plain: 0, yaml: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(serviceKey, passValue), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(topKey, passValue), { minLength: 1, maxLength: 3 }),
        (service, top) => {
          const kept = record(service.filter(([k, v]) => k !== 'deploy' || notKept(v)));
          fc.pre(Object.keys(kept).length > 0);
          const p = project(kept, record(top));
          const text = saveProject(p);
          const loaded = mustLoad(text);
          expect(ordered(loaded.components[0]!.passThrough as PassValue)).toEqual(ordered(kept));
          expect(ordered(loaded.passThrough as PassValue)).toEqual(ordered(p.passThrough as PassValue));
          expect(saveProject(loaded)).toBe(text);
          const plain = readPlain(text, { maxDepth: MAX_DEPTH, maxTokens: MAX_TOKENS, format: 3 });
          paths[plain.kind === 'read' ? 'plain' : 'yaml']++;
        },
      ),
      { numRuns: 400 },
    );
    // Both paths were exercised: the plain reader reads most files (save writes lists in lists and
    // multi-line text in its style); text with invisible characters (a BOM, unassigned code points)
    // goes to `yaml`.
    expect(paths.plain).toBeGreaterThan(50);
    expect(paths.yaml).toBeGreaterThan(0);
  });

  it('the awkward keys and values of compose files, exactly', () => {
    const inner = record([
      ['__proto__', 1],
      ['<<', record([['on', 'yes']])],
      ['1.10', '1.10'],
      ['8080', 'port-like key'],
      ['', ''],
    ]);
    const kept = record([
      [
        'labels',
        record([
          ['traefik.http.routers.a.rule', 'Host(`a.example.com`)'],
          ['empty', record([])],
        ]),
      ],
      [
        'healthcheck',
        record([
          ['test', ['CMD-SHELL', 'curl -f http://localhost/ || exit 1']],
          ['interval', '10s'],
        ]),
      ],
      ['x-nested', [[], [[1, 2], []], record([]), null, true, 1e21, -1.5e-7, '  spaced\n  lines\n']],
      ['x-odd', inner],
    ]);
    const text = saveProject(project(kept, record([['volumes', record([['data', record([])]])]])));
    const loaded = mustLoad(text);
    expect(ordered(loaded.components[0]!.passThrough as PassValue)).toEqual(ordered(kept));
    const odd = loaded.components[0]!.passThrough!['x-odd'] as Record<string, PassValue>;
    // `__proto__` is a key like any other: the record has no prototype to change.
    expect(Object.getPrototypeOf(odd)).toBeNull();
    expect(Object.hasOwn(odd, '__proto__')).toBe(true);
    expect(saveProject(loaded)).toBe(text);
  });

  it('an empty kept map is no kept key: the model leaves it out, as save does', () => {
    const p: Project = { ...emptyProject('x'), components: [container(record([]))], passThrough: record([]) };
    const text = saveProject(p);
    expect(text).not.toContain('passThrough');
    const loaded = mustLoad(text);
    expect(loaded.passThrough).toBeUndefined();
    expect(loaded.components[0]!.passThrough).toBeUndefined();
  });
});

describe('what the loader refuses in kept keys and container fields', () => {
  const head = 'format: 3\nmeta:\n  name: x\n';
  const component = (extra: string, kind = 'container') =>
    `${head}components:\n  - id: c\n    kind: ${kind}\n    name: C\n    replicas: 1\n${kind === 'container' ? '    image: busybox\n' : ''}${extra}`;
  const problems = (text: string) =>
    loadProject(text).problems.map((p) => [p.code, p.line, p.column, p.path, p.severity]);

  it.each([
    [
      'a key the model holds',
      component('    passThrough:\n      image: nginx\n'),
      ['invalid-value', 11, 7, 'components[0].passThrough.image', 'error'],
    ],
    [
      'a key that is not a compose key',
      component('    passThrough:\n      Logging: {}\n'),
      ['invalid-value', 11, 7, 'components[0].passThrough.Logging', 'error'],
    ],
    [
      'deploy.replicas (the component has replicas)',
      component('    passThrough:\n      deploy: { replicas: 3 }\n'),
      ['invalid-value', 11, 15, 'components[0].passThrough.deploy', 'error'],
    ],
    [
      'a number key',
      component('    passThrough:\n      x-a: { 1.5: a }\n'),
      ['wrong-type', 11, 14, 'components[0].passThrough.x-a.1.5', 'error'],
    ],
    [
      'an infinite number',
      component('    passThrough:\n      x-a: .inf\n'),
      ['wrong-type', 11, 12, 'components[0].passThrough.x-a', 'error'],
    ],
    [
      'services at the top level',
      `${head}passThrough:\n  services: {}\n`,
      ['invalid-value', 5, 3, 'passThrough.services', 'error'],
    ],
    [
      'an image on a kind that is not deployed (catalog kinds that are take it as an override)',
      component('    image: redis\n', 'push-fcm'),
      ['invalid-value', 9, 5, 'components[0].image', 'error'],
    ],
    [
      'ports on a catalog kind',
      component('    ports: []\n', 'redis'),
      ['invalid-value', 9, 5, 'components[0].ports', 'error'],
    ],
    [
      'a port number out of range',
      component('    ports:\n      - { name: a, number: 70000 }\n'),
      ['invalid-value', 11, 28, 'components[0].ports[0].number', 'error'],
    ],
    [
      'a port name twice',
      component('    ports:\n      - { name: a, number: 1 }\n      - { name: a, number: 2 }\n'),
      ['invalid-value', 12, 17, 'components[0].ports[1].name', 'error'],
    ],
    [
      'a bad port name',
      component('    ports:\n      - { name: "a b", number: 1 }\n'),
      ['invalid-value', 11, 17, 'components[0].ports[0].name', 'error'],
    ],
    [
      'an unknown protocol',
      component('    ports:\n      - { name: a, number: 1, protocol: sctp }\n'),
      ['invalid-value', 11, 41, 'components[0].ports[0].protocol', 'error'],
    ],
    [
      'a port override on a container',
      component('    portOverrides: { web: 1 }\n'),
      ['invalid-value', 10, 22, 'components[0].portOverrides.web', 'error'],
    ],
    [
      'a container without an image',
      `${head}components:\n  - id: c\n    kind: container\n    name: C\n`,
      ['missing-key', 5, 5, 'components[0]', 'error'],
    ],
  ])('%s', (_, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('links, routes and publish entries reach a container by its own port names', () => {
    const text = `${component('    ports:\n      - { name: web, number: 8080, protocol: http }\n      - { name: dns, number: 53, protocol: udp }\n    publish:\n      - { port: dns, hostPort: 53 }\n')}  - id: p\n    kind: reverse-proxy\n    name: P\n    replicas: 1\nlinks:\n  - { id: l, from: p, to: c, port: web }\n  - { id: l2, from: p, to: c, port: nope }\n`;
    const result = loadProject(text);
    expect(result.problems.map((p) => [p.code, p.message, p.line])).toEqual([
      ['unknown-port', 'Custom container "C" has no port "nope" (ports: web, dns)', 21],
    ]);
  });
});

describe('kept values stay on the fast path', () => {
  it('lists in lists and multi-line text are saved in the style the plain reader reads', () => {
    const kept = record([
      ['healthcheck', record([['test', ['CMD-SHELL', 'a\n  b\n']]])],
      ['x-matrix', [[1, [2, 'x\ny']], [], [record([['k', 'v']])]]],
      ['x-script', '#!/bin/sh\n  indented\n\n'],
    ]);
    const text = saveProject(project(kept, record([['x-top', [['a'], ['b\n']]]])));
    expect(readPlain(text, { maxDepth: MAX_DEPTH, maxTokens: MAX_TOKENS, format: 3 }).kind).toBe('read');
    expect(ordered(mustLoad(text).components[0]!.passThrough as PassValue)).toEqual(ordered(kept));
    expect(text).toContain('      x-matrix:\n        - [ 1, [ 2, "x\\ny" ] ]\n        - []\n        - [ { k: v } ]\n');
  });
});
