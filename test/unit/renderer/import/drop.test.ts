import { describe, expect, it } from 'vitest';
import { classifyDrop, importRoleOf, orderComposeFiles } from '../../../../renderer/src/import/drop';

const named = (...names: string[]) => names.map((name) => ({ name }));

describe('import roles by file name', () => {
  it.each([
    ['docker-compose.yml', 'compose'],
    ['docker-compose.yaml', 'compose'],
    ['compose.yaml', 'compose'],
    ['compose.yml', 'compose'],
    ['docker-compose.override.yml', 'compose'],
    ['compose.prod.yaml', 'compose'],
    ['app.compose.yml', 'compose'],
    ['Docker-Compose.YML', 'compose'],
    ['.env', 'env'],
    ['.env.production', 'env'],
    ['prod.env', 'env'],
    ['nginx.conf', 'proxy'],
    ['default.conf', 'proxy'],
    ['haproxy.cfg', 'proxy'],
    ['Caddyfile', 'proxy'],
    ['site.caddyfile', 'proxy'],
    ['traefik.yml', 'proxy'],
    ['dynamic.yaml', 'proxy'],
    ['common.yml', 'other'],
    ['acme.portolan.yaml', 'other'],
    ['compose.yml.bak', 'other'],
    ['mycompose.yml', 'other'],
    ['README.md', 'other'],
  ])('%s is %s', (name, role) => {
    expect(importRoleOf(name)).toBe(role);
  });

  it('orders compose files as docker compose reads its defaults: base, override, then by name', () => {
    const ordered = orderComposeFiles(
      named('z.compose.yml', 'docker-compose.override.yml', 'a.compose.yml', 'docker-compose.yml'),
    );
    expect(ordered.map((f) => f.name)).toEqual([
      'docker-compose.yml',
      'docker-compose.override.yml',
      'a.compose.yml',
      'z.compose.yml',
    ]);
  });
});

describe('classifyDrop', () => {
  it('imports when any dropped file is a compose file, with everything else except projects and pictures', () => {
    const action = classifyDrop(named('.env', 'docker-compose.yml', 'nginx.conf', 'acme.portolan.yaml', 'diagram.png'));
    expect(action).toEqual({ kind: 'import', files: named('.env', 'docker-compose.yml', 'nginx.conf') });
  });

  it('opens the first file when no compose file is among them (projects and pictures keep working)', () => {
    expect(classifyDrop(named('acme.portolan.yaml'))).toEqual({ kind: 'open', file: { name: 'acme.portolan.yaml' } });
    expect(classifyDrop(named('diagram.png', '.env'))).toEqual({ kind: 'open', file: { name: 'diagram.png' } });
    expect(classifyDrop(named('nginx.conf'))).toEqual({ kind: 'open', file: { name: 'nginx.conf' } });
  });

  it('does nothing for an empty drop', () => {
    expect(classifyDrop([])).toEqual({ kind: 'none' });
  });
});
