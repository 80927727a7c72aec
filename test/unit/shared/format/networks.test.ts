import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../../../shared/format/index';
import { formatNeeded, saveProjectWithYaml } from '../../../../shared/format/save';
import type { Project } from '../../../../shared/model/types';
import { patchComponent, template } from '../../../support/fixtures';

/**
 * Compose networks in the project file (format 3): the project's `networks` (name and kept
 * settings) and a component's `networks` and `networkPassThrough`. Saved and loaded back equal
 * on both load paths and both writers, and every bad value is a coded problem at its line:column.
 */

function networked(): Project {
  const p = template('manual');
  return {
    ...patchComponent(
      patchComponent(p, 'proxy', { networks: ['front'], networkPassThrough: { front: { aliases: ['edge.local'] } } }),
      'mysql',
      { networks: ['back', 'default'] },
    ),
    networks: [
      { name: 'front', passThrough: { driver: 'bridge', labels: { 'com.example.note': 'a\nb' } } },
      { name: 'back', passThrough: { internal: true, ipam: { config: [{ subnet: '172.28.0.0/16' }] } } },
      { name: 'default' },
    ],
  };
}

const problems = (text: string) =>
  (loadProject(text) as { problems: readonly { code: string; line: number; column: number; message: string }[] })
    .problems;

describe('compose networks in the project file', () => {
  it('save → load gives them back, and both writers write the same bytes', () => {
    const p = networked();
    const text = saveProject(p);
    expect(text).toBe(saveProjectWithYaml(p));
    expect(text).toMatch(/^format: 3$/m);
    expect(text).toContain(
      [
        'networks:',
        '  - name: front',
        '    passThrough:',
        '      driver: bridge',
        '      labels:',
        '        com.example.note: "a\\nb"',
        '  - name: back',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '    networks:',
        '      - front',
        '    networkPassThrough:',
        '      front:',
        '        aliases:',
        '          - edge.local',
      ].join('\n'),
    );
    const loaded = loadProject(text);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.project.networks).toEqual(p.networks);
    expect(loaded.project.components).toEqual(p.components);
    expect(saveProject(loaded.project)).toBe(text);
  });

  it('declared networks without any listed stay declared (an empty list is written)', () => {
    const p: Project = { ...template('manual'), networks: [] };
    const text = saveProject(p);
    expect(text).toMatch(/^networks: \[\]$/m);
    const loaded = loadProject(text);
    expect(loaded.ok && loaded.project.networks).toEqual([]);
  });

  it('a project without networks is still format 2; any network field makes it format 3', () => {
    const p = template('manual');
    expect(formatNeeded(p)).toBe(2);
    expect(formatNeeded({ ...p, networks: [] })).toBe(3);
    expect(formatNeeded(patchComponent(p, 'mysql', { networks: ['back'] }))).toBe(3);
  });

  it('bad names, repeats and settings of a network the component is not on are errors at their place', () => {
    const base = saveProject(networked());
    // [text in the file, its replacement, where the problem is (lines after the replaced text's first, column), message]
    const cases: [string, string, [number, number], RegExp][] = [
      ['  - name: front\n', '  - name: "fr ont"\n', [0, 11], /"fr ont" is not a compose network name/],
      ['  - name: back\n', '  - name: front\n', [0, 11], /network "front" is declared twice/],
      [
        '      - front\n    networkPassThrough',
        '      - front\n      - front\n    networkPassThrough',
        [1, 9],
        /network "front" is listed twice/,
      ],
      [
        '    networkPassThrough:\n      front:',
        '    networkPassThrough:\n      back:',
        [1, 7],
        /the kept key "back" of a component names a network the component is not on/,
      ],
      [
        '        aliases:\n          - edge.local',
        '        "3"',
        [0, 9],
        /must be a mapping of the settings on that network/,
      ],
      [
        '      driver: bridge',
        '      Driver: bridge',
        [0, 7],
        /the kept key "Driver" of a network is not a compose network key/,
      ],
    ];
    for (const [from, to, at, message] of cases) {
      expect(base, `the file holds ${JSON.stringify(from)}`).toContain(from);
      const found = problems(base.replace(from, to)).filter((p) => message.test(p.message));
      expect(found, `${JSON.stringify(to)} → ${message}`).toHaveLength(1);
      const line = base.slice(0, base.indexOf(from)).split('\n').length + at[0];
      expect(`${found[0]!.line}:${found[0]!.column}`, message.source).toBe(`${line}:${at[1]}`);
    }
    expect(problems(base.replace(/^networks:\n(?: {2}.*\n)+/m, 'networks: 3\n'))[0]?.message).toMatch(
      /networks must be a list/,
    );
  });
});
