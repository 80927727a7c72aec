import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import { importProject } from '../../../../shared/import/project/index';
import { setHostAddress } from '../../../../shared/model/hosts-ops';
import type { HostId, Project } from '../../../../shared/model/types';
import { template } from '../../../support/fixtures';
import { onHosts, withHosts } from '../../../support/hosts';

/**
 * Hosts travel through the compose file's x-portolan block (one compose file states no
 * placement): the project's hosts and each component's list come back on import; a block with a
 * bad host is ignored as a whole, with a warning, like any bad block.
 */

const ha = template('ha');
const project = setHostAddress(
  onHosts(
    onHosts(withHosts(ha, 'node-a', 'node-b', 'node-c'), 'nextauth', 'node-b', 'node-a'),
    'redis-sentinel',
    'node-a',
    'node-b',
    'node-c',
  ),
  'node-a' as HostId,
  '10.0.0.5',
);

/**
 * The export of a project that declares hosts is one folder per host, each compose file carrying
 * the whole drawing's block: the first host's folder (where the entry point runs) is read back.
 */
function exported(p: Project) {
  const result = exportProject(p, { random: seededRandom(7) });
  if (!result.ok) throw new Error('export refused');
  // A project without hosts is one folder, as before.
  const folder = p.hosts === undefined ? '' : 'hosts/node-a/';
  const files = new Map(
    result.files.filter((f) => f.path.startsWith(folder)).map((f) => [f.path.slice(folder.length), f.contents]),
  );
  const proxies = result.plan.proxies.filter((proxy) => files.has(proxy.configFile));
  return { compose: files.get('docker-compose.yml')!, files, proxies };
}

function reimport(compose: string, x: ReturnType<typeof exported>) {
  const imported = importProject({
    compose: [{ path: 'docker-compose.yml', text: compose }],
    envFiles: ['.env'],
    proxyConfigs: x.proxies.map((p) => ({ path: p.configFile, text: x.files.get(p.configFile)! })),
    profiles: [],
    environment: {},
    readFile: (path) => x.files.get(path.replace(/^\.\//, '')),
    fallbackName: 'imported',
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  return imported.value;
}

describe('hosts in x-portolan', () => {
  it('the block carries the hosts and each component’s list, and an import gives them back', () => {
    const x = exported(project);
    const block = x.compose.slice(x.compose.indexOf('x-portolan:'));
    expect(block).toMatch(/^ {2}hosts:\n {4}- id: node-a\n {6}name: node-a\n {6}address: "?10\.0\.0\.5"?\n/m);
    const back = reimport(x.compose, x).project;
    expect(back.hosts).toEqual(project.hosts);
    for (const id of ['nextauth', 'redis-sentinel', 'redis', 'lb']) {
      expect(back.components.find((c) => c.id === id)!.hosts, id).toEqual(
        project.components.find((c) => c.id === id)!.hosts,
      );
    }
  });

  it('a project without hosts writes none (the templates’ goldens do not move)', () => {
    const x = exported(ha);
    expect(x.compose.slice(x.compose.indexOf('x-portolan:'))).not.toMatch(/^ {2}hosts:/m);
    expect(reimport(x.compose, x).project.hosts).toBeUndefined();
  });

  it.each([
    ['a bad address', (t: string) => t.replace(/address: "?10\.0\.0\.5"?/, 'address: 10.0.0.256')],
    ['two hosts of one name', (t: string) => t.replace('name: node-c', 'name: NODE-A')],
    ['a component on an undeclared host', (t: string) => t.replace(/(hosts:\n {8}- )node-b/, '$1node-z')],
    ['a host id clashing with a component id', (t: string) => t.replace('- id: node-c', '- id: nextauth')],
  ])('%s: the block is ignored with a warning, the import goes on', (_name, spoil) => {
    const x = exported(project);
    const bad = spoil(x.compose);
    expect(bad).not.toBe(x.compose);
    const result = reimport(bad, x);
    expect(result.project.hosts).toBeUndefined();
    expect(result.report.warnings.some((w) => w.message.startsWith('x-portolan:'))).toBe(true);
  });
});
