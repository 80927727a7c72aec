/**
 * `portolan export --target swarm` end to end, through the built CLI (out/cli): the files and
 * their modes, the summary line, refusals, and a re-export that keeps the operator's secret values.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveProject } from '../../shared/format/index';
import { patchComponent, setEnv, template } from '../support/fixtures';

const BIN = resolve('bin/portolan.mjs');
let dir: string;
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  if (!existsSync(resolve('out/cli/portolan.js')))
    throw new Error('out/cli is missing: run `npm run build:cli` before the CLI tests');
  dir = mkdtempSync(join(tmpdir(), 'portolan-swarm-cli-'));
  writeFileSync(join(dir, 'ha.portolan.yaml'), saveProject(template('ha')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('portolan export --target swarm', () => {
  it('writes the stack, its configs, secrets/ (values readable by the owner only) and the scripts', () => {
    const r = run('export', 'ha.portolan.yaml', '--out', 'swarm', '--target', 'swarm');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const path of [
      'stack.yml',
      'haproxy/haproxy.cfg',
      'sentinel/redis-sentinel.conf',
      'secrets/create.sh',
      'deploy.sh',
      'README.md',
    ])
      expect(r.out).toContain(`${path}\n`);
    expect(r.out).toMatch(/exported \d+ files to swarm \(swarm, stack nextauth-high-availability; .*see README\.md\)/);
    expect(statSync(join(dir, 'swarm/secrets/values/NEXTAUTH_ROOT_API_KEY')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'swarm/secrets/create.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'swarm/deploy.sh')).mode & 0o777).toBe(0o755);
    expect(existsSync(join(dir, 'swarm/docker-compose.yml'))).toBe(false);
    expect(existsSync(join(dir, 'swarm/.env'))).toBe(false);
    const stack = parse(readFileSync(join(dir, 'swarm/stack.yml'), 'utf8')) as { services: Record<string, unknown> };
    expect(Object.keys(stack.services)).toEqual(['lb', 'nextauth', 'mgmt', 'redis', 'redis-sentinel']);
  });

  it('applies --proxy, and warns that --cert-dir means nothing to Swarm', () => {
    const r = run(
      'export',
      'ha.portolan.yaml',
      '--out',
      'swarm-nginx',
      '--target',
      'swarm',
      '--proxy',
      'nginx',
      '--cert-dir',
      '/srv/certs',
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'portolan: --cert-dir is for the compose target; Docker Swarm reads certificates from Swarm secrets in /run/secrets (see README.md)\n',
    );
    const conf = readFileSync(join(dir, 'swarm-nginx/nginx/nginx.conf'), 'utf8');
    expect(conf).toContain('/run/secrets/auth.example.com.crt');
    expect(conf).not.toContain('/srv/certs');
  });

  it("refuses to replace an earlier export without --overwrite, and keeps the operator's values with it", () => {
    const again = run('export', 'ha.portolan.yaml', '--out', 'swarm', '--target', 'swarm');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/refusing to overwrite/);
    const license = join(dir, 'swarm/secrets/values/NEXTAUTH_LICENSE');
    writeFileSync(license, 'the-real-license\n');
    const key = join(dir, 'swarm/secrets/values/NEXTAUTH_ROOT_API_KEY');
    const generated = readFileSync(key, 'utf8');
    rmSync(join(dir, 'swarm/secrets/values/MYSQL_PASSWORD'));
    const r = run('export', 'ha.portolan.yaml', '--out', 'swarm', '--target', 'swarm', '--overwrite');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain("secrets/values/ kept: 2 values the operator's; new: MYSQL_PASSWORD\n");
    expect(readFileSync(license, 'utf8')).toBe('the-real-license\n');
    // The CLI's secure random source would give a new value: the kept one is the first export's.
    expect(readFileSync(key, 'utf8')).toBe(generated);
    expect(existsSync(join(dir, 'swarm/secrets/values/MYSQL_PASSWORD'))).toBe(true);
  });

  it('refuses, like the other targets, values that could break out of their place', () => {
    const p = setEnv(patchComponent(template('ha'), 'redis', { name: 'evil\nname' }), 'nextauth', 'NEXTAUTH_X', 'a\nb');
    writeFileSync(join(dir, 'evil.portolan.yaml'), saveProject(p));
    const r = run('export', 'evil.portolan.yaml', '--out', 'evil', '--target', 'swarm');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refusing to export: values that could break out/);
    expect(existsSync(join(dir, 'evil'))).toBe(false);
  });

  it('lists swarm among the targets in --help', () => {
    const r = run('export', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/"compose", "kubernetes", "swarm"/);
  });
});
