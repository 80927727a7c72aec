import { describe, expect, it } from 'vitest';
import { exportProject, isSafeCertDir, seededRandom, UNSAFE_VALUE_RULES } from '../../../../shared/export/index';
import { loadProject } from '../../../../shared/format/index';
import {
  certDirProblem,
  DEFAULT_SENTINEL_MASTER,
  PATH_PATTERN,
  REGISTRY_PATTERN,
  TAG_PATTERN,
} from '../../../../shared/model/constraints';
import type { Project, PropertyValue } from '../../../../shared/model/index';
import { PATH, REGISTRY, TAG } from '../../../../shared/rules/checks/na027-invalid-address';
import { getRule } from '../../../../shared/rules/index';
import { expectFixRemoves, of } from '../../../support/fix-check';
import { patchComponent, setEnv, template } from '../../../support/fixtures';

/**
 * Every value is checked for where it lands (issue 10, item 7): names docker-compose reads
 * itself, the Sentinel master name in sentinel.conf, the host of a server the customer runs,
 * the certificate folder, environment names.
 */

const manual = template('manual');
const ha = template('ha');
const refused = (p: Project) => exportProject(p, { random: seededRandom(7) });

describe('NA037 reserved environment names', () => {
  it.each([
    ['COMPOSE_FILE', 'mgmt', /docker-compose reads variables of that prefix from \.env itself/],
    ['COMPOSE_PROJECT_NAME', 'nextauth', /COMPOSE_/],
    ['DOCKER_HOST', 'mysql', /Docker and docker-compose read variables of that prefix/],
    ['Docker_Config', 'redis', /starts with DOCKER_/],
    ['PORTOLAN_TAG', 'nextauth', /the exporter writes its own settings under that prefix/],
  ])('fires: %s on %s', (name, id, message) => {
    const found = of(setEnv(manual, id, name, 'x'), 'NA037');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', elements: [{ type: 'component', id }] });
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.message.startsWith(`${name} of `)).toBe(true);
  });

  it('fires for secrets and inputs too: the name is what compose reads', () => {
    expect(of(setEnv(manual, 'mgmt', 'DOCKER_PASSWORD', { type: 'secret', length: 32 }), 'NA037')).toHaveLength(1);
  });

  it.each(['MY_COMPOSE_FILE', 'DOCKERFILE', 'COMPOSER_HOME', 'PORTOLAN', 'NEXTAUTH_DOCKER_HOST'])(
    'stays quiet: %s',
    (name) => {
      expect(of(setEnv(manual, 'mgmt', name, 'x'), 'NA037')).toEqual([]);
    },
  );

  it('has no quick fix (a renamed variable is one the image no longer reads), and blocks the export', () => {
    expect(getRule('NA037')!.fix).toBeUndefined();
    expect(UNSAFE_VALUE_RULES.has('NA037')).toBe(true);
    const result = refused(setEnv(manual, 'mgmt', 'COMPOSE_FILE', 'x.yml'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.rule)).toContain('NA037');
  });
});

describe('NA038 Sentinel master name', () => {
  const master = (value: PropertyValue) => patchComponent(ha, 'redis-sentinel', { properties: { master: value } });

  it.each<[string, PropertyValue]>([
    ['a space', 'my master'],
    ['a line break that would add a config line', 'm\nsentinel auth-pass m x'],
    ['a slash that would change the URI path', 'a/b'],
    ['a leading hyphen', '-m'],
    ['65 characters', 'm'.repeat(65)],
    ['empty', ''],
  ])('fires: %s', (_what, value) => {
    const found = of(master(value), 'NA038');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', elements: [{ type: 'component', id: 'redis-sentinel' }] });
    expect(found[0]!.message).not.toMatch(/\n/);
  });

  it.each<[string, PropertyValue]>([
    ['a number', 5],
    ['a boolean', true],
  ])('fires: %s, which is not text', (_what, value) => {
    expect(of(master(value), 'NA038')[0]!.message).toMatch(/not text/);
  });

  it.each(['mymaster', 'nextauth', 'm.1_a-b', 'm'.repeat(64)])('stays quiet: %s', (value) => {
    expect(of(master(value), 'NA038')).toEqual([]);
  });

  it('stays quiet without a master property (the default is used)', () => {
    expect(Object.hasOwn(ha.components.find((c) => c.id === 'redis-sentinel')!.properties, 'master')).toBe(false);
    expect(of(ha, 'NA038')).toEqual([]);
  });

  it('its fix names the master the default', () => {
    const fixed = expectFixRemoves(master('my master'), 'NA038');
    expect(fixed.components.find((c) => c.id === 'redis-sentinel')!.properties.master).toBe(DEFAULT_SENTINEL_MASTER);
  });

  it('blocks the export, so no sentinel.conf is written with it', () => {
    expect(UNSAFE_VALUE_RULES.has('NA038')).toBe(true);
    const result = refused(master('m\nsentinel monitor x'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.rule)).toContain('NA038');
  });
});

describe('NA027 host of a server the customer runs', () => {
  const host = (value: PropertyValue) => patchComponent(ha, 'mysql', { properties: { external: true, host: value } });

  it.each<[string, PropertyValue]>([
    ['an underscore', 'db_1.example.com'],
    ['a space', 'db example.com'],
    ['a port', 'db.example.com:3306'],
    ['empty', ''],
    ['a number', 5.5],
  ])('fires: %s', (_what, value) => {
    const found = of(host(value), 'NA027');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', elements: [{ type: 'component', id: 'mysql' }] });
    expect(found[0]!.message).toMatch(
      /^"Customer MySQL" runs outside the deployment at the host ".*", which is not a valid host name/,
    );
  });

  it.each(['mysql.db.example.com', 'DB-1.Example.com', '10.0.0.5'])('stays quiet: %s', (value) => {
    expect(of(host(value), 'NA027')).toEqual([]);
  });

  it('stays quiet: the host of a component the deployment runs is not read', () => {
    expect(of(patchComponent(manual, 'mysql', { properties: { host: 'a b' } }), 'NA027')).toEqual([]);
  });

  it('uses the shapes of constraints (the names the inspector imports stay the same objects)', () => {
    expect(PATH).toBe(PATH_PATTERN);
    expect(TAG).toBe(TAG_PATTERN);
    expect(REGISTRY).toBe(REGISTRY_PATTERN);
  });
});

describe('--cert-dir in the export', () => {
  it.each(['/', '//', '/etc', '/etc/', '/usr/local', '/etc/nginx', 'certs', './certs', '/a b', '/x/../y', '/x/./y'])(
    'refuses %s, and says why',
    (dir) => {
      expect(isSafeCertDir(dir)).toBe(false);
      expect(certDirProblem(dir)).toBeDefined();
    },
  );

  it.each(['/etc/portolan/certs', '/srv/tls', '/certs', '/etc/nginx/certs'])('accepts %s', (dir) => {
    expect(isSafeCertDir(dir)).toBe(true);
  });
});

describe('environment names are shell identifiers (the loader refuses others at line:column)', () => {
  const HEAD =
    'format: 1\nmeta:\n  name: Acme\ncomponents:\n  - id: a\n    kind: nextauth\n    name: A\n    environment:\n';
  it.each(['A-B', '"A B"', 'A.B', '1X', 'É', '"A=B"', '"$A"'])('refuses %s', (name) => {
    const result = loadProject(`${HEAD}      ${name}: x\n`);
    expect(result.problems.map((p) => ({ code: p.code, line: p.line, column: p.column }))).toEqual([
      { code: 'invalid-value', line: 9, column: 7 },
    ]);
  });

  it.each(['A_B', '_X', 'x1'])('accepts %s', (name) => {
    expect(loadProject(`${HEAD}      ${name}: x\n`).problems).toEqual([]);
  });
});
