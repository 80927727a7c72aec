import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import { formatNeeded, loadProject, saveProject } from '../../../../shared/format/index';
import { writePlainProject } from '../../../../shared/format/plain-writer';
import { saveProjectWithYaml } from '../../../../shared/format/save';
import { importProject } from '../../../../shared/import/project/index';
import { setEntryCapacity, setProjectCapacity, WEBSOCKET_CLIENTS } from '../../../../shared/model/capacity';
import { setTls } from '../../../../shared/model/ops';
import type { ComponentId, Project } from '../../../../shared/model/types';
import { template } from '../../../support/fixtures';

/**
 * `settings.capacity` and an entry point's `capacity` in the project file (format 5, written only
 * when set), refused with line:column when not a whole number within the bounds, and carried
 * through the compose file's x-portolan block back into an import.
 */

const manual = template('manual');
const proxyId = manual.components.find((c) => c.kind === 'reverse-proxy')!.id as ComponentId;

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

describe('capacity in the project file', () => {
  it('a project without a figure keeps its bytes and its older format; TLS alone stays format 4', () => {
    const text = saveProject(manual);
    expect(text).not.toContain('capacity');
    expect(formatNeeded(manual)).toBe(2);
    expect(saveProject(setProjectCapacity(setProjectCapacity(manual, 5), undefined))).toBe(text);
    // A format 4 file (TLS, no capacity) is read directly and saved back byte for byte.
    const tls = saveProject(setTls(manual, { profile: 'modern' }));
    expect(tls).toMatch(/^format: 4$/m);
    expect(saveProject(reload(tls))).toBe(tls);
    expect(formatNeeded(setTls(setProjectCapacity(manual, 9), { profile: 'modern' }))).toBe(5);
  });

  it('the project figure and an entry point override are written as format 5 and read back the same', () => {
    const project = setEntryCapacity(setProjectCapacity(manual, 25_000), proxyId, 40_000);
    const text = saveProject(project);
    expect(text).toMatch(/^format: 5$/m);
    expect(text).toContain('  tag: latest\n  capacity:\n    websocketClients: 25000\n');
    expect(text).toMatch(/ {4}capacity:\n {6}websocketClients: 40000\n {4}position:/);
    // Both writers give the same bytes.
    expect(writePlainProject(project, 5)).toBe(text);
    expect(saveProjectWithYaml(project)).toBe(text);
    const back = reload(text);
    expect(back.settings.capacity).toEqual({ websocketClients: 25_000 });
    expect(back.components.find((c) => c.id === proxyId)!.capacity).toEqual({ websocketClients: 40_000 });
    expect(saveProject(back)).toBe(text);
    // An override alone needs format 5 too.
    expect(formatNeeded(setEntryCapacity(manual, proxyId, 10))).toBe(5);
  });

  it('only an entry point takes an override', () => {
    const nextauth = manual.components.find((c) => c.kind === 'nextauth')!;
    expect(setEntryCapacity(manual, nextauth.id, 5)).toEqual(manual);
    expect(() => setProjectCapacity(manual, 0)).toThrow(RangeError);
    const base = saveProject(setProjectCapacity(manual, 7));
    const at = base.indexOf('  - id: nextauth\n');
    const bad = `${base.slice(0, at)}  - id: nextauth\n    capacity:\n      websocketClients: 5\n${base.slice(at + '  - id: nextauth\n'.length)}`;
    const line = lineOf(bad, '    capacity:');
    const index = manual.components.indexOf(nextauth);
    expect(errors(bad)).toEqual([['invalid-value', line, 5, `components[${index}].capacity`]]);
  });

  it('refuses text, a fraction, zero, a negative or an absurdly large figure with line and column', () => {
    const base = saveProject(setProjectCapacity(manual, 7));
    const line = lineOf(base, 'websocketClients: 7');
    const cases: [string, string][] = [
      ['"many"', 'wrong-type'],
      ['12.5', 'wrong-type'],
      ['0', 'invalid-value'],
      ['-3', 'invalid-value'],
      [String(WEBSOCKET_CLIENTS.max + 1), 'invalid-value'],
      ['1e300', 'invalid-value'],
      ['.inf', 'wrong-type'],
      ['[1]', 'wrong-type'],
      ['', 'wrong-type'],
    ];
    for (const [value, code] of cases) {
      const text = base.replace('websocketClients: 7', `websocketClients: ${value}`);
      expect(errors(text), value).toEqual([[code, line, 23, 'settings.capacity.websocketClients']]);
    }
    expect(
      loadProject(base.replace('websocketClients: 7', 'websocketClients: 7\n    spare: 1')).problems,
    ).toContainEqual(expect.objectContaining({ code: 'unknown-key', path: 'settings.capacity.spare' }));
    expect(errors(base.replace('    websocketClients: 7\n', '    {}\n'))).toContainEqual([
      'missing-key',
      line,
      5,
      'settings.capacity',
    ]);
  });
});

describe('capacity through the compose file', () => {
  it('x-portolan carries the project figure and the override, and an import gives them back', () => {
    const project = setEntryCapacity(setProjectCapacity(manual, 12_345), proxyId, 3_000);
    const result = exportProject(project, { random: seededRandom(5) });
    if (!result.ok) throw new Error('export refused');
    const compose = result.files.find((f) => f.path === 'docker-compose.yml')!.contents;
    const block = compose.slice(compose.indexOf('x-portolan:'));
    expect(block).toContain('  capacity:\n    websocketClients: 12345\n');
    expect(block).toMatch(/capacity:\n {8}websocketClients: 3000\n/);
    const files = new Map(result.files.map((f) => [f.path, f.contents]));
    const imported = importProject({
      compose: [{ path: 'docker-compose.yml', text: compose }],
      envFiles: ['.env'],
      proxyConfigs: result.plan.proxies.map((x) => ({ path: x.configFile, text: files.get(x.configFile)! })),
      profiles: [],
      environment: {},
      readFile: (path) => files.get(path.replace(/^\.\//, '')),
      fallbackName: 'imported',
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const back = imported.value.project;
    expect(back.settings.capacity).toEqual({ websocketClients: 12_345 });
    expect(back.components.find((c) => c.id === proxyId)!.capacity).toEqual({ websocketClients: 3_000 });
    // The block's figure is checked like the file's: an absurd one is not taken.
    const absurd = compose.replace('websocketClients: 12345', 'websocketClients: 99999999');
    const refused = importProject({
      compose: [{ path: 'docker-compose.yml', text: absurd }],
      envFiles: ['.env'],
      proxyConfigs: result.plan.proxies.map((x) => ({ path: x.configFile, text: files.get(x.configFile)! })),
      profiles: [],
      environment: {},
      readFile: (path) => files.get(path.replace(/^\.\//, '')),
      fallbackName: 'imported',
    });
    if (!refused.ok) throw new Error('a bad block must not stop the import');
    expect(refused.value.project.settings.capacity).toBeUndefined();
  });
});
