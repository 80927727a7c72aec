import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostAddressProblem, hostNameProblem } from '../../../../shared/model/hosts';
import { formatNeeded, loadProject, saveProject } from '../../../../shared/format/index';
import { writePlainProject } from '../../../../shared/format/plain-writer';
import { saveProjectWithYaml } from '../../../../shared/format/save';
import { setProjectCapacity } from '../../../../shared/model/capacity';
import { addHost, removeHost, setHostAddress } from '../../../../shared/model/hosts-ops';
import { setTls } from '../../../../shared/model/ops';
import type { HostId, Project } from '../../../../shared/model/types';
import { template } from '../../../support/fixtures';
import { onHosts, withHosts } from '../../../support/hosts';

/**
 * Hosts in the project file (format 6, written only when the project declares hosts): both
 * writers give the same bytes, the loader gives back the same project, and hostile files are
 * refused with code, line and column.
 */

const manual = template('manual');
const ha = template('ha');

function reload(text: string): Project {
  const result = loadProject(text);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return result.project;
}

const errors = (text: string) =>
  loadProject(text)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => [p.code, p.line, p.column, p.path]);

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** HA on three hosts, nextauth spread over two, one host with an address. */
const spread = setHostAddress(
  onHosts(
    onHosts(withHosts(ha, 'node-a', 'node-b', 'node-c'), 'nextauth', 'node-a', 'node-b'),
    'redis-sentinel',
    'node-c',
    'node-b',
    'node-a',
  ),
  'node-b' as HostId,
  'node-b.example.com',
);

describe('hosts in the project file', () => {
  it('a project without hosts keeps its bytes and its older format; capacity alone stays format 5', () => {
    const text = saveProject(manual);
    expect(text).not.toMatch(/^hosts:/m);
    expect(saveProject(removeHost(withHosts(manual, 'a'), 'a' as HostId))).toBe(text);
    expect(formatNeeded(setProjectCapacity(manual, 9))).toBe(5);
    expect(formatNeeded(setTls(manual, { profile: 'modern' }))).toBe(4);
    expect(formatNeeded(withHosts(setProjectCapacity(manual, 9), 'a'))).toBe(6);
  });

  it('is written as format 6, the same bytes by both writers, and read back the same', () => {
    const text = saveProject(spread);
    expect(text).toMatch(/^format: 6$/m);
    expect(text).toContain(
      'hosts:\n  - id: node-a\n    name: node-a\n  - id: node-b\n    name: node-b\n    address: node-b.example.com\n  - id: node-c\n    name: node-c\nzones:',
    );
    expect(text).toContain(
      '  - id: nextauth\n    kind: nextauth\n    name: nextauth\n    zone: internal\n    replicas: 3\n    hosts:\n      - node-a\n      - node-b\n',
    );
    expect(writePlainProject(spread, 6)).toBe(text);
    expect(saveProjectWithYaml(spread)).toBe(text);
    const back = reload(text);
    expect(back).toEqual(spread);
    expect(saveProject(back)).toBe(text);
  });

  it('hostile names and addresses: both writers agree and the loader gives them back', () => {
    let p: Project = manual;
    for (const [name, address] of [
      ['#1: "quoted" host', '10.0.0.5'],
      ['- dash', '::1'],
      ['yes', 'fe80::1'],
      ['null', undefined],
      ['  '.trim() + 'x: y', 'a.example'],
      ['ünïcødé ☃', undefined],
      ['0x1F', '2001:db8::ffff:10.0.0.1'],
    ] as const) {
      p = addHost(p, { name, ...(address !== undefined ? { address } : {}) }).project;
    }
    const text = saveProject(p);
    expect(saveProjectWithYaml(p)).toBe(text);
    expect(reload(text).hosts).toEqual(p.hosts);
  });

  it('property: random hosts (any printable name, any valid address) and placements round-trip, both writers alike', () => {
    const deployable = ha.components.filter(
      (c) => c.id !== 'mysql' && !['mobile-app', 'admin', 'license', 'fcm', 'apns'].includes(c.id),
    );
    const address = fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain(), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 30 }),
            address: fc.option(address, { nil: undefined }),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.array(fc.array(fc.nat(6), { maxLength: 4 }), { minLength: deployable.length, maxLength: deployable.length }),
        (specs, lists) => {
          let p: Project = ha;
          for (const spec of specs) {
            if (hostNameProblem(spec.name, p) !== undefined) continue;
            const ok = spec.address !== undefined && hostAddressProblem(spec.address) === undefined;
            p = addHost(p, { name: spec.name, ...(ok ? { address: spec.address } : {}) }).project;
          }
          const ids = (p.hosts ?? []).map((x) => x.id);
          deployable.forEach((c, i) => {
            const chosen = lists[i]!.map((n) => ids[n % Math.max(ids.length, 1)]).filter((x) => x !== undefined);
            p = onHosts(p, c.id, ...chosen);
          });
          const text = saveProject(p);
          expect(saveProjectWithYaml(p)).toBe(text);
          expect(reload(text)).toEqual(p);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an older file (format 2 to 5) declares no hosts: one default host', () => {
    for (const format of [2, 3, 4, 5]) {
      const text = saveProject(manual).replace(/^format: \d+$/m, `format: ${format}`);
      expect(reload(text).hosts).toBeUndefined();
    }
  });

  describe('refuses, with code, line and column', () => {
    const base = saveProject(spread);
    const at = (needle: string) => lineOf(base, needle);

    it('two hosts with the same id (ids are unique across the project, components included)', () => {
      const bad = base.replace('  - id: node-b\n    name: node-b\n', '  - id: node-a\n    name: node-b\n');
      expect(errors(bad)).toContainEqual(['duplicate-id', at('  - id: node-b'), 9, 'hosts[1].id']);
      const clash = base.replace('  - id: node-c\n    name: node-c\n', '  - id: nextauth\n    name: node-c\n');
      // The host comes first in the file, so the component's id is the repeat.
      expect(errors(clash).map((e) => e[0])).toContain('duplicate-id');
    });

    it('two hosts with the same name, case-insensitively', () => {
      const bad = base.replace('    name: node-c\n', '    name: NODE-A\n');
      expect(errors(bad)).toEqual([['invalid-value', at('    name: node-c'), 11, 'hosts[2].name']]);
    });

    it('an empty or multi-line name, a name that is not text', () => {
      expect(errors(base.replace('    name: node-c\n', '    name: ""\n'))[0]).toEqual([
        'invalid-value',
        at('    name: node-c'),
        11,
        'hosts[2].name',
      ]);
      expect(errors(base.replace('    name: node-c\n', '    name: "a\\nb"\n'))[0]![0]).toBe('invalid-value');
      expect(errors(base.replace('    name: node-c\n', '    name: [x]\n'))[0]![0]).toBe('wrong-type');
    });

    it('a bad address', () => {
      for (const address of ['10.0.0.256', 'http://node-b', '"node b"', '"[::1]"', '10.0.0.5:22']) {
        const bad = base.replace('address: node-b.example.com', `address: ${address}`);
        expect(errors(bad), address).toEqual([['invalid-value', at('address: node-b'), 14, 'hosts[1].address']]);
      }
    });

    it('a component on a host the project does not declare', () => {
      const bad = base.replace(
        '    hosts:\n      - node-a\n      - node-b\n',
        '    hosts:\n      - node-a\n      - node-z\n',
      );
      const line = lineOf(bad, '      - node-z');
      const index = spread.components.findIndex((c) => c.id === 'nextauth');
      expect(errors(bad)).toEqual([['dangling-reference', line, 9, `components[${index}].hosts[1]`]]);
      // A project without hosts: any id is unknown.
      const none = saveProject(manual).replace(
        '    replicas: 1\n    environment:',
        '    replicas: 1\n    hosts: [a]\n    environment:',
      );
      expect(errors(none).map((e) => e[0])).toEqual(['dangling-reference']);
    });

    it('a host listed twice on a component', () => {
      const bad = base.replace('      - node-a\n      - node-b\n', '      - node-a\n      - node-a\n');
      const index = spread.components.findIndex((c) => c.id === 'nextauth');
      expect(errors(bad)).toEqual([['invalid-value', at('      - node-b'), 9, `components[${index}].hosts[1]`]]);
    });

    it('hosts on a client or an internet service', () => {
      const bad = base.replace(
        '  - id: mobile-app\n    kind: mobile-app\n',
        '  - id: mobile-app\n    kind: mobile-app\n    hosts: [node-a]\n',
      );
      const index = spread.components.findIndex((c) => c.id === 'mobile-app');
      expect(errors(bad)).toEqual([
        ['invalid-value', lineOf(bad, '    hosts: [node-a]'), 5, `components[${index}].hosts`],
      ]);
    });

    it('hosts that are not a list of mappings, a host without a name, an unknown key', () => {
      expect(errors(base.replace(/^hosts:\n(?: {2}.*\n)+/m, 'hosts: node-a\n'))[0]![0]).toBe('wrong-type');
      expect(errors(base.replace('  - id: node-c\n    name: node-c\n', '  - id: node-c\n'))[0]![0]).toBe('missing-key');
      const extra = loadProject(base.replace('    name: node-c\n', '    name: node-c\n    cpu: 4\n'));
      expect(extra.problems.map((p) => [p.code, p.severity])).toEqual([['unknown-key', 'warning']]);
    });
  });
});
