import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../../shared/export/index';
import { importProject, type ImportInput } from '../../../../../shared/import/project/index';
import { formatPos } from '../../../../../shared/import/types';
import type { Project } from '../../../../../shared/model/types';

/**
 * Networks are a modelled fact of an import: the file's networks with their settings, each
 * service's networks with its settings on them, compose's `default` where a service names none,
 * nothing for a service in a kept `network_mode`; the report says each network is kept (with
 * FILE:LINE:COL). An `x-portolan` block without `networks: declared` marks networks Portolan's
 * exporter chose for a drawing that declares none: they are not kept.
 */

const input = (compose: string, env: Record<string, string> = {}): ImportInput => ({
  compose: [{ path: 'docker-compose.yml', text: compose }],
  envFiles: [],
  proxyConfigs: [],
  profiles: [],
  environment: env,
  readFile: () => undefined,
  fallbackName: 'nets',
});

function imported(compose: string, env: Record<string, string> = {}) {
  const r = importProject(input(compose, env));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const byName = (n: string) => r.value.project.components.find((c) => c.name === n)!;
  return { project: r.value.project, byName, notes: r.value.report.notes, text: r.value.text };
}

const PROXY_AND_DATA = [
  'services:',
  '  proxy:',
  '    image: nginx:1.27',
  '    ports: ["443:443"]',
  '    networks:',
  '      front:',
  '        aliases: [edge.local]',
  '  app:',
  '    image: registry.example.com/tools/app:1.0',
  '    networks: [front, back]',
  '  db:',
  '    image: postgres:16',
  '    networks:',
  '      back:',
  '        ipv4_address: 172.28.0.5',
  '  sidecar:',
  '    image: busybox:1.36',
  '  hostnet:',
  '    image: busybox:1.36',
  '    network_mode: host',
  'networks:',
  '  front: {}',
  '  back:',
  '    internal: true',
  '    ipam:',
  '      config:',
  '        - subnet: 172.28.0.0/16',
].join('\n');

describe('networks from an import', () => {
  it('keeps every network with its settings, and each service’s networks with its own settings there', () => {
    const { project, byName } = imported(PROXY_AND_DATA);
    expect(project.networks).toEqual([
      { name: 'front' },
      { name: 'back', passThrough: { internal: true, ipam: { config: [{ subnet: '172.28.0.0/16' }] } } },
      { name: 'default' },
    ]);
    expect(byName('proxy').networks).toEqual(['front']);
    expect(byName('proxy').networkPassThrough).toEqual({ front: { aliases: ['edge.local'] } });
    expect(byName('app').networks).toEqual(['front', 'back']);
    expect(byName('app').networkPassThrough).toBeUndefined();
    expect(byName('db').networkPassThrough).toEqual({ back: { ipv4_address: '172.28.0.5' } });
    // No `networks:`: compose's default network, which the model lists because a service is on it.
    expect(byName('sidecar').networks).toEqual(['default']);
    // network_mode: another namespace, no network at all (the key is kept and written back).
    expect(byName('hostnet').networks).toBeUndefined();
    expect(byName('hostnet').passThrough?.network_mode).toBe('host');
  });

  it('the report says each network is kept, where it is declared', () => {
    const { notes } = imported(PROXY_AND_DATA);
    const kept = notes.filter((n) => n.text.startsWith('network '));
    expect(kept.map((n) => `${formatPos(n.at)} ${n.kind} ${n.text}`)).toEqual([
      'docker-compose.yml:22:3 kept network front',
      'docker-compose.yml:23:3 kept network back with its settings (internal, ipam)',
    ]);
    expect(notes.some((n) => /not kept/.test(n.text) && /network/.test(n.text))).toBe(false);
  });

  it('a file without networks: every service on compose’s default network, and the export writes none', () => {
    const { project } = imported(
      ['services:', '  a:', '    image: busybox:1.36', '  b:', '    image: redis:7'].join('\n'),
    );
    expect(project.networks).toEqual([{ name: 'default' }]);
    expect(project.components.filter((c) => c.networks !== undefined).map((c) => c.networks)).toEqual([
      ['default'],
      ['default'],
    ]);
    const exported = exportProject(project, { random: seededRandom(1) });
    if (!exported.ok) throw new Error('refused');
    const compose = exported.files.find((f) => f.path === 'docker-compose.yml')!.contents.split('x-portolan:')[0]!;
    expect(compose).not.toMatch(/networks:/);
  });

  it('a secret inside a network setting becomes a reference, never copied', () => {
    const { project, text } = imported(
      [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: s3cret-value-for-the-db',
        '    networks: [back]',
        'networks:',
        '  back:',
        '    driver_opts:',
        '      com.example.password: s3cret-value-for-the-db',
      ].join('\n'),
    );
    expect(text).not.toContain('s3cret-value-for-the-db');
    expect(project.networks?.[0]?.passThrough).toEqual({
      driver_opts: { 'com.example.password': '${POSTGRES_PASSWORD}' },
    });
  });

  it('a per-network entry that is neither settings nor empty is a coded error at its place', () => {
    const r = importProject(
      input(
        [
          'services:',
          '  a:',
          '    image: busybox:1.36',
          '    networks:',
          '      front: 3',
          'networks:',
          '  front: {}',
        ].join('\n'),
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.code} ${formatPos(p.at)}`)).toEqual(['wrong-type docker-compose.yml:5:14']);
  });
});

describe('networks and the x-portolan block', () => {
  const roundTrip = (p: Project): Project => {
    const exported = exportProject(p, { random: seededRandom(1) });
    if (!exported.ok) throw new Error('refused');
    const files = new Map(exported.files.map((f) => [f.path, f.contents]));
    const r = importProject({
      ...input(files.get('docker-compose.yml')!),
      envFiles: ['.env'],
      readFile: (path) => files.get(path.replace(/^\.\//, '')),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.value.project;
  };

  it('declared networks come back declared (the block says `networks: declared`)', () => {
    const { project } = imported(PROXY_AND_DATA);
    const exported = exportProject(project, { random: seededRandom(1) });
    if (!exported.ok) throw new Error('refused');
    expect(exported.files.find((f) => f.path === 'docker-compose.yml')!.contents).toMatch(
      /^x-portolan:\n {2}format: 1\n {2}meta:\n(?: {4}.*\n)+ {2}networks: declared$/m,
    );
    const again = roundTrip(project);
    expect(again.networks).toEqual(project.networks);
    for (const c of project.components)
      expect(again.components.find((x) => x.id === c.id)?.networks, c.id).toEqual(c.networks);
  });

  it('a block whose `networks` is not `declared` is a located warning, and the block is ignored', () => {
    const r = importProject(
      input(
        [
          'services:',
          '  a:',
          '    image: busybox:1.36',
          'x-portolan:',
          '  format: 1',
          '  networks: maybe',
          '  zones: []',
        ].join('\n'),
      ),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.report.warnings.map((w) => `${formatPos(w.at)} ${w.message}`)).toEqual([
      expect.stringMatching(/^docker-compose\.yml:6:13 x-portolan: networks "maybe" is not one of declared$/),
    ]);
    // Without the block the file's networks are kept: compose's default here.
    expect(r.value.project.networks).toEqual([{ name: 'default' }]);
  });

  it('a drawing’s networks (Portolan’s edge and backend) do not come back as declared ones', () => {
    const { project } = imported(PROXY_AND_DATA);
    const drawing: Project = {
      ...project,
      networks: undefined,
      components: project.components.map(({ networks: _n, networkPassThrough: _s, ...c }) => c),
    };
    const exported = exportProject(drawing, { random: seededRandom(1) });
    if (!exported.ok) throw new Error('refused');
    const compose = exported.files.find((f) => f.path === 'docker-compose.yml')!.contents;
    expect(compose).toMatch(/^ {2}backend:\n {4}driver: bridge\n {4}internal: true$/m);
    expect(compose).not.toMatch(/networks: declared/);
    const again = roundTrip(drawing);
    expect(again.networks).toBeUndefined();
    expect(again.components.every((c) => c.networks === undefined)).toBe(true);
  });
});
