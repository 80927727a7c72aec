/**
 * The `x-portolan` block on import: what it adds (names, zones, positions, ids, outside
 * components and their links, suppressions), what it never overrides (what the services say),
 * and how a hand-edited or hostile block is treated — every problem a coded warning at its
 * FILE:LINE:COL, the whole block ignored, the import standing on recognition alone.
 */
import { describe, expect, it } from 'vitest';
import { importProject, type ImportResult } from '../../../../../shared/import/project/index';
import type { ImportOutcome } from '../../../../../shared/import/types';

const SERVICES = `services:
  nextauth:
    image: nextauth/nextauth:2.14
    environment:
      NEXTAUTH_ROOT_API_KEY: \${ROOT_KEY}
  mgmt:
    image: nextauth/nextauth-mgmt:2.14
    depends_on:
      - nextauth
`;

function run(block: string, env = 'ROOT_KEY=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n'): ImportOutcome<ImportResult> {
  const files: Record<string, string> = { '.env': env };
  return importProject({
    compose: [{ path: 'docker-compose.yml', text: SERVICES + block }],
    envFiles: ['.env'],
    proxyConfigs: [],
    profiles: [],
    environment: {},
    readFile: (p) => (Object.hasOwn(files, p) ? files[p] : undefined),
    fallbackName: 'demo',
  });
}

function ok(block: string): ImportResult {
  const result = run(block);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

const GOOD = `x-portolan:
  format: 1
  meta:
    name: "Acme $$5 login"
    description: Drawn for the customer meeting.
  zones:
    - id: inside
      name: Data centre
      kind: internal
    - id: outside
      name: Internet
      kind: internet
  components:
    - id: nextauth
      kind: nextauth
      name: "nextauth (primary)"
      zone: inside
      portOverrides:
        rest: 9888
      position:
        x: 400
        "y": 120
      pinned: true
    - id: mgmt
      kind: nextauth-mgmt
      name: Management
      zone: inside
      position:
        x: 700
        "y": 120
    - id: license
      kind: license-server
      name: nextAuth license server
      zone: outside
      replicas: 1
      position:
        x: 100
        "y": 120
  links:
    - id: mgmt-calls-nextauth
      from: mgmt
      to: nextauth
      port: rest
    - id: nextauth-licence
      from: nextauth
      to: license
      port: https
  routes: []
  suppressions:
    - rule: NA011
      element: nextauth-licence
      reason: The customer proxies egress.
`;

describe('a valid x-portolan block', () => {
  it('gives back what compose cannot say, and is consumed', () => {
    const { project, report } = ok(GOOD);
    expect(project.meta).toEqual({ name: 'Acme $5 login', description: 'Drawn for the customer meeting.' });
    expect(project.zones.map((z) => z.id)).toEqual(['inside', 'outside']);
    const nextauth = project.components.find((c) => c.id === 'nextauth')!;
    expect(nextauth).toMatchObject({
      kind: 'nextauth',
      name: 'nextauth (primary)',
      zone: 'inside',
      portOverrides: { rest: 9888 },
      position: { x: 400, y: 120 },
      pinned: true,
    });
    // The outside component comes from the block, not from the inferred extras.
    expect(project.components.map((c) => c.id).sort()).toEqual(['license', 'mgmt', 'nextauth']);
    expect(project.links.map((l) => `${l.id} ${l.from}>${l.to}:${l.port}`).sort()).toEqual([
      'mgmt-calls-nextauth mgmt>nextauth:rest',
      'nextauth-licence nextauth>license:https',
    ]);
    expect(project.suppressions).toEqual([
      { rule: 'NA011', element: 'nextauth-licence', reason: 'The customer proxies egress.' },
    ]);
    expect(project.passThrough?.['x-portolan']).toBeUndefined();
    expect(report.warnings).toEqual([]);
  });

  it('never overrides what a service says: a kind the service does not run leaves the service alone', () => {
    const { project, report } = ok(
      GOOD.replace('    - id: mgmt\n      kind: nextauth-mgmt', '    - id: mgmt\n      kind: redis'),
    );
    const mgmt = project.components.find((c) => c.id === 'mgmt')!;
    expect(mgmt.kind).toBe('nextauth-mgmt');
    expect(mgmt.name).toBe('mgmt');
    expect(report.notes.some((n) => n.text.includes('the service decides') && n.at.line === 33)).toBe(true);
  });

  it('adds no container compose does not run, and no link whose end is missing', () => {
    const block = GOOD.replace(
      '  links:\n',
      `    - id: cache
      kind: redis
      name: Cache
  links:
    - id: to-nowhere
      from: nextauth
      to: ghost
      port: https
`,
    );
    const { project, report } = ok(block);
    expect(project.components.some((c) => c.id === 'cache')).toBe(false);
    expect(project.links.some((l) => l.id === 'to-nowhere')).toBe(false);
    expect(report.notes.some((n) => n.text.includes('no active service of the compose files runs it'))).toBe(true);
    expect(report.notes.some((n) => n.text.includes('to-nowhere') && n.text.includes('ghost'))).toBe(true);
  });

  it('keeps a suppression only where its element is in the project', () => {
    const { project } = ok(GOOD.replace('element: nextauth-licence', 'element: gone'));
    expect(project.suppressions).toEqual([]);
  });

  it('keeps a property named __proto__ a plain property', () => {
    const { project } = ok(
      GOOD.replace('      replicas: 1\n', '      replicas: 1\n      properties:\n        __proto__: polluted\n'),
    );
    const license = project.components.find((c) => c.id === 'license')!;
    expect(Object.hasOwn(license.properties, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a hand-edited or hostile block is ignored, each problem at its place', () => {
  const plain = ok('');

  it.each([
    ['a list', 'x-portolan:\n  - 1\n', 'wrong-type', 11, 3],
    ['an unknown format', 'x-portolan:\n  format: 2\n', 'invalid-value', 11, 11],
    ['a number as a name', GOOD.replace('name: Management', 'name: 42'), 'wrong-type', 35, 13],
    ['an unknown kind', GOOD.replace('kind: license-server', 'kind: mainframe'), 'invalid-value', 41, 13],
    ['an id that is no id', GOOD.replace('id: license', 'id: "../etc"'), 'invalid-value', 40, 11],
    ['a port out of range', GOOD.replace('rest: 9888', 'rest: 70000'), 'invalid-value', 28, 15],
    ['a position that is text', GOOD.replace('x: 400', 'x: left'), 'wrong-type', 30, 12],
    [
      'an unknown key',
      GOOD.replace('      pinned: true\n', '      pinned: true\n      colour: red\n'),
      'invalid-value',
      33,
      7,
    ],
    ['an id used twice', GOOD.replace('id: license', 'id: mgmt'), 'invalid-value', 40, 7],
    [
      'a secret without a length',
      GOOD.replace('      replicas: 1\n', '      environment:\n        TOKEN:\n          type: secret\n'),
      'invalid-value',
      46,
      11,
    ],
  ] as const)('%s', (_what, block, code, line, column) => {
    const { project, report } = ok(block);
    expect(report.warnings.map((w) => [w.code, w.at.file, w.at.line, w.at.column])).toContainEqual([
      code,
      'docker-compose.yml',
      line,
      column,
    ]);
    expect(report.warnings.every((w) => w.severity === 'warning' && w.message.startsWith('x-portolan: '))).toBe(true);
    expect(report.notes.some((n) => n.text.startsWith('the x-portolan block is ignored'))).toBe(true);
    // Recognition alone: the same project as without any block.
    expect(project.components.map((c) => [c.id, c.kind, c.name])).toEqual(
      plain.project.components.map((c) => [c.id, c.kind, c.name]),
    );
    expect(project.passThrough?.['x-portolan']).toBeUndefined();
  });

  it('ignores a block the project cannot hold, and says so', () => {
    // A port a license server does not have: the block reads, the project file would not load.
    const { project, report } = ok(
      GOOD.replace(
        '      replicas: 1\n',
        '      replicas: 1\n      publish:\n        - port: admin\n          hostPort: 8080\n',
      ),
    );
    expect(
      report.notes.some((n) =>
        n.text.startsWith('the x-portolan block is ignored: with it the project does not validate'),
      ),
    ).toBe(true);
    expect(project.components.find((c) => c.id === 'mgmt')!.name).toBe('mgmt');
    expect(project.components.some((c) => c.id === 'license')).toBe(false);
  });
});
