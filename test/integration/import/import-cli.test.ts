/**
 * `portolan import` end to end: the built CLI on plain Node imports every project of the compose
 * corpus (with its .env and proxy configurations) into a project file that `validate` reads;
 * the report prints FILE:LINE:COL lines (or JSON); problems stop it like a compiler, with
 * nothing written; an existing output file is kept unless --force.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../../shared/format/index';
import { corpusFixtures } from '../../support/import-corpus';

const BIN = resolve('bin/portolan.mjs');
const work = mkdtempSync(join(tmpdir(), 'portolan-import-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('portolan import', () => {
  it.each(corpusFixtures().map((f) => [f.name, f] as const))('imports %s', (name, f) => {
    const dir = join(work, name);
    cpSync(f.dir, dir, { recursive: true });
    const args = ['import', ...f.files];
    if (f.envFile !== null) args.push('--env-file', f.envFile);
    for (const p of f.proxyConfigs) args.push('--proxy-config', p);
    for (const p of f.profiles) args.push('--profile', p);
    args.push('-o', 'imported.portolan.yaml');
    const r = run(args, dir);
    expect(r.err).toMatch(/^imported \d+ services? into imported\.portolan\.yaml/m);
    expect(r.code).toBe(0);
    // Every report line points at a file of the project: FILE:LINE:COL kind text.
    for (const line of r.out.trim().split('\n').filter(Boolean))
      expect(line).toMatch(/^[^:]+:\d+:\d+ (kept|interpreted|not-understood|[a-z-]+ warning:) /);
    const loaded = loadProject(readFileSync(join(dir, 'imported.portolan.yaml'), 'utf8'));
    expect(loaded.ok).toBe(true);
    // The project file is one the other commands read.
    expect(run(['validate', 'imported.portolan.yaml', '--format', 'json'], dir).code).not.toBe(2);
  });

  it('takes every file a shell glob gives --proxy-config (nginx.conf conf.d/*.conf), none as a compose file', () => {
    const src = resolve('test/fixtures/import/proxy/live/nginx-upstreams-tls');
    const dir = join(work, 'glob');
    cpSync(src, dir, { recursive: true });
    const confd = readdirSync(join(dir, 'conf.d')).map((f) => `conf.d/${f}`);
    expect(confd.length).toBeGreaterThan(1);
    const args = ['import', 'docker-compose.yml', '--proxy-config', 'nginx.conf', ...confd, '-o', 'p.portolan.yaml'];
    const r = run(args, dir);
    expect(r.err).not.toMatch(/not-a-compose-file/);
    expect(r.code).toBe(0);
    const loaded = loadProject(readFileSync(join(dir, 'p.portolan.yaml'), 'utf8'));
    // The routes of the conf.d sites (login.example.org and the mgmt hosts) came in.
    expect(loaded.ok && loaded.project.routes.some((route) => route.host === 'login.example.org')).toBe(true);
  });

  it('prints the report as JSON', () => {
    const f = corpusFixtures().find((x) => x.name === '02-nginx-front')!;
    const dir = join(work, 'json');
    cpSync(f.dir, dir, { recursive: true });
    const r = run(
      ['import', 'docker-compose.yml', '--proxy-config', 'nginx.conf', '-o', 'p.portolan.yaml', '--format', 'json'],
      dir,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      services: { service: string; kind: string }[];
      notes: { kind: string; at: { line: number } }[];
    };
    expect(report.services.map((s) => `${s.service}:${s.kind}`)).toEqual([
      'web:reverse-proxy',
      'nextauth:nextauth',
      'db:database',
      'cache:redis',
    ]);
    expect(report.notes.some((n) => n.kind === 'kept' && n.at.line > 0)).toBe(true);
  });

  it('stops at a problem with FILE:LINE:COL and writes nothing', () => {
    const dir = join(work, 'broken');
    cpSync(corpusFixtures().find((x) => x.name === '05-extends-other-file')!.dir, dir, { recursive: true });
    rmSync(join(dir, 'common.yml'));
    const r = run(['import', 'docker-compose.yml', '-o', 'p.portolan.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^docker-compose\.yml:\d+:\d+ extends-unknown-file /m);
    expect(r.err).toMatch(/nothing written/);
    expect(existsSync(join(dir, 'p.portolan.yaml'))).toBe(false);
  });

  it("reports compose's required-variable message at the variable", () => {
    const dir = join(work, 'required');
    cpSync(corpusFixtures().find((x) => x.name === '04-extends-same-file')!.dir, dir, { recursive: true });
    rmSync(join(dir, '.env'));
    const r = run(['import', 'docker-compose.yml', '-o', 'p.portolan.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^docker-compose\.yml:\d+:\d+ interpolation-required .*set PG_PASSWORD in \.env/m);
  });

  it('keeps an existing output file unless --force', () => {
    const dir = join(work, 'exists');
    cpSync(corpusFixtures().find((x) => x.name === '12-interpolation-v2')!.dir, dir, { recursive: true });
    writeFileSync(join(dir, 'p.portolan.yaml'), 'mine');
    expect(run(['import', 'compose.yaml', '-o', 'p.portolan.yaml'], dir).code).toBe(2);
    expect(readFileSync(join(dir, 'p.portolan.yaml'), 'utf8')).toBe('mine');
    expect(run(['import', 'compose.yaml', '-o', 'p.portolan.yaml', '--force'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'p.portolan.yaml'), 'utf8')).not.toBe('mine');
  });

  it('refuses an unreadable input file (exit 2)', () => {
    const r = run(['import', 'missing.yml', '-o', 'p.portolan.yaml'], work);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing\.yml does not exist/);
  });
});
