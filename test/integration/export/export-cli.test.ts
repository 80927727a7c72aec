import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveProject } from '../../../shared/format/index';
import { CERT_DIR_PROBLEMS } from '../../../shared/model/constraints';
import type { Project } from '../../../shared/model/types';
import { patchComponent, patchRoute, setEnv, template } from '../../support/fixtures';

/** The real entry point, as `npx portolan` runs it: the built bundle on plain node. */
const BIN = resolve('bin/portolan.mjs');
let dir: string;

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** Writes a project file into the test folder and returns its name. */
function projectFile(name: string, project: Project): string {
  writeFileSync(join(dir, name), saveProject(project));
  return name;
}

/** Every file under `root`, relative, sorted (dotfiles included). */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk('');
  return out.sort();
}

const MANUAL_FILES = ['.env', 'DEPLOYMENT.md', 'docker-compose.yml', 'nginx/nginx.conf'];

beforeAll(() => {
  if (!existsSync(resolve('out/cli/portolan.js')))
    throw new Error('out/cli is missing: run `npm run build:cli` before the CLI tests');
  dir = mkdtempSync(join(tmpdir(), 'portolan-export-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('portolan export', () => {
  it('writes every file, .env readable by the owner only, and lists what it wrote', () => {
    const file = projectFile('manual.portolan.yaml', template('manual'));
    const r = run('export', file, '--out', 'manual-out');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.slice(0, -1).sort()).toEqual(MANUAL_FILES);
    expect(lines.at(-1)).toBe(
      // The one info is NA052: the template cannot know which nextAuth version to pin.
      'exported 4 files to manual-out (nginx proxy; 0 errors, 0 warnings, 1 info, 0 suppressed; see DEPLOYMENT.md)',
    );
    expect(tree(join(dir, 'manual-out'))).toEqual(MANUAL_FILES);
    expect(statSync(join(dir, 'manual-out/.env')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'manual-out/docker-compose.yml')).mode & 0o600).toBe(0o600);
    // Secrets come from the secure source: two exports never share one.
    run('export', file, '--out', 'manual-again');
    const key = (p: string) => /^NEXTAUTH_ROOT_API_KEY=(.*)$/m.exec(readFileSync(join(dir, p), 'utf8'))![1];
    expect(key('manual-out/.env')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(key('manual-out/.env')).not.toBe(key('manual-again/.env'));
  });

  it('refuses a project with checker errors and writes nothing; --allow-errors exports it anyway', () => {
    const broken = setEnv(template('manual'), 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://other.example.com/');
    const file = projectFile('broken.portolan.yaml', broken);
    const refused = run('export', file, '--out', 'broken-out');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^broken\.portolan\.yaml:\d+:\d+ error NA003 /m);
    expect(refused.err).toContain('use --allow-errors');
    expect(existsSync(join(dir, 'broken-out'))).toBe(false);

    const allowed = run('export', file, '--out', 'broken-out', '--allow-errors');
    expect(allowed.code).toBe(0);
    expect(allowed.err).toContain('error NA003');
    expect(allowed.err).not.toContain('deprecated');
    expect(tree(join(dir, 'broken-out'))).toEqual(MANUAL_FILES);
    expect(readFileSync(join(dir, 'broken-out/DEPLOYMENT.md'), 'utf8')).toContain('forced past checker errors');
    // --allow-errors does not replace anything.
    const again = run('export', file, '--out', 'broken-out', '--allow-errors');
    expect(again.code).toBe(2);
    expect(again.err).toContain('refusing to overwrite 4 existing files');
  });

  it('never overwrites without --overwrite, and then leaves every file as it was', () => {
    const file = projectFile('keep.portolan.yaml', template('manual'));
    mkdirSync(join(dir, 'keep-out'));
    writeFileSync(join(dir, 'keep-out/docker-compose.yml'), 'my edits\n');
    const r = run('export', file, '--out', 'keep-out');
    expect(r.code).toBe(2);
    expect(r.err).toContain('refusing to overwrite 1 existing file');
    expect(r.err).toContain('use --overwrite');
    expect(r.err).toContain('  docker-compose.yml\n');
    // Nothing at all was written: not even the files that did not exist yet.
    expect(tree(join(dir, 'keep-out'))).toEqual(['docker-compose.yml']);
    expect(readFileSync(join(dir, 'keep-out/docker-compose.yml'), 'utf8')).toBe('my edits\n');

    const replaced = run('export', file, '--out', 'keep-out', '--overwrite');
    expect(replaced.code).toBe(0);
    expect(replaced.err).toBe('');
    expect(tree(join(dir, 'keep-out'))).toEqual(MANUAL_FILES);
    expect(readFileSync(join(dir, 'keep-out/docker-compose.yml'), 'utf8')).toContain('written by Portolan');
  });

  it('an existing .env alone counts as existing: --overwrite merges it, keeping its values, still private', () => {
    const file = projectFile('env.portolan.yaml', template('manual'));
    mkdirSync(join(dir, 'env-out'));
    writeFileSync(join(dir, 'env-out/.env'), 'OLD=1\nNEXTAUTH_LICENSE=mine\n', { mode: 0o644 });
    const refused = run('export', file, '--out', 'env-out');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('  .env\n');
    const r = run('export', file, '--out', 'env-out', '--overwrite');
    expect(r.code).toBe(0);
    expect(r.out).toContain('.env merged: kept 1; generated: COMPOSE_PROJECT_NAME, PORTOLAN_NEXTAUTH_REGISTRY, ');
    expect(r.out).toContain('no longer used (kept, commented out): OLD');
    const env = readFileSync(join(dir, 'env-out/.env'), 'utf8');
    expect(env.split('\n')).toContain('# OLD=1');
    expect(env.split('\n')).toContain('NEXTAUTH_LICENSE=mine');
    expect(statSync(join(dir, 'env-out/.env')).mode & 0o777).toBe(0o600);
  });

  it('--force is a deprecated alias of --allow-errors --overwrite, saying so once', () => {
    const broken = setEnv(template('manual'), 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://other.example.com/');
    const file = projectFile('force.portolan.yaml', broken);
    mkdirSync(join(dir, 'force-out'));
    writeFileSync(join(dir, 'force-out/docker-compose.yml'), 'old\n');
    const forced = run('export', file, '--out', 'force-out', '--force');
    expect(forced.code).toBe(0);
    const deprecation = forced.err.split('\n').filter((l) => l.includes('deprecated'));
    expect(deprecation).toEqual([
      'portolan: --force is deprecated: it means --allow-errors --overwrite; use the one you need',
    ]);
    expect(forced.err).toContain('error NA003');
    expect(tree(join(dir, 'force-out'))).toEqual(MANUAL_FILES);
    expect(run('export', '--help').out).toMatch(/--force\s+deprecated: --allow-errors and --overwrite together/);
  });

  it('re-export with --overwrite keeps what the operator has and says what changed, names only', () => {
    const file = projectFile('reexport.portolan.yaml', template('manual'));
    expect(run('export', file, '--out', 'reexport-out').code).toBe(0);
    const envPath = join(dir, 'reexport-out/.env');
    const edited = readFileSync(envPath, 'utf8')
      .replace(/^NEXTAUTH_LICENSE=$/m, "NEXTAUTH_LICENSE='LIC acme 2026 #7'")
      .replace(/^MYSQL_PASSWORD=.*$/m, 'MYSQL_PASSWORD=ops-rotated-1');
    writeFileSync(envPath, `${edited}RETIRED_TOKEN=abc\n`);
    const r = run('export', file, '--out', 'reexport-out', '--overwrite');
    expect(r.code).toBe(0);
    expect(r.out).toContain('.env merged: kept 7; no longer used (kept, commented out): RETIRED_TOKEN\n');
    for (const value of ['LIC acme', 'ops-rotated-1', 'abc']) expect(r.out + r.err).not.toContain(value);
    const lines = readFileSync(envPath, 'utf8').split('\n');
    for (const line of edited.split('\n').filter((l) => /^[A-Z_]+=/.test(l))) expect(lines).toContain(line);
    expect(lines).toContain('# RETIRED_TOKEN=abc');
  });

  it('a .env it cannot read safely stops the export: exit 2, FILE:LINE:COL and a code, nothing changed', () => {
    const file = projectFile('badenv.portolan.yaml', template('manual'));
    mkdirSync(join(dir, 'badenv-out'));
    writeFileSync(join(dir, 'badenv-out/.env'), 'A=1\nB="two\nlines"\n');
    const r = run('export', file, '--out', 'badenv-out', '--overwrite');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^\/\S*\/badenv-out\/\.env:2:3 env-unterminated-quote the double-quoted value does not end on this line /m,
    );
    expect(tree(join(dir, 'badenv-out'))).toEqual(['.env']);
    expect(readFileSync(join(dir, 'badenv-out/.env'), 'utf8')).toBe('A=1\nB="two\nlines"\n');
  });

  it('refuses a symlinked folder inside --out (exit 2, export-symlink) and --out under /proc at once', () => {
    const file = projectFile('links.portolan.yaml', template('manual'));
    mkdirSync(join(dir, 'links-out'));
    mkdirSync(join(dir, 'links-target'));
    symlinkSync(join(dir, 'links-target'), join(dir, 'links-out/nginx'));
    const r = run('export', file, '--out', 'links-out', '--overwrite');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^portolan: export-symlink: nginx in .* is a symbolic link/m);
    expect(readdirSync(join(dir, 'links-target'))).toEqual([]);

    const started = Date.now();
    const proc = run('export', file, '--out', '/proc/self/portolan-out');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(proc.code).toBe(2);
    expect(proc.err).toContain('portolan: export-special-filesystem: /proc/self/portolan-out is on /proc');
  });

  it('--proxy and --cert-dir change the proxy and where it reads certificates', () => {
    const file = projectFile('flavour.portolan.yaml', template('manual'));
    const r = run('export', file, '--out', 'traefik-out', '--proxy', 'traefik', '--cert-dir', '/srv/tls');
    expect(r.code).toBe(0);
    expect(r.out).toContain('(traefik proxy;');
    const files = tree(join(dir, 'traefik-out'));
    expect(files).toEqual([
      '.env',
      'DEPLOYMENT.md',
      'docker-compose.yml',
      'traefik/dynamic.yml',
      'traefik/traefik.yml',
    ]);
    const compose = readFileSync(join(dir, 'traefik-out/docker-compose.yml'), 'utf8');
    expect(compose).toContain('image: traefik:');
    expect(compose).toContain('./certs:/srv/tls:ro');
    expect(readFileSync(join(dir, 'traefik-out/traefik/dynamic.yml'), 'utf8')).toContain(
      '/srv/tls/auth.example.com.crt',
    );
    expect(readFileSync(join(dir, 'traefik-out/DEPLOYMENT.md'), 'utf8')).toContain('mounted read-only at `/srv/tls`');
  });

  it('rejects an unknown proxy and a cert dir that is not a plain absolute path (usage, exit 2)', () => {
    const file = projectFile('usage.portolan.yaml', template('manual'));
    for (const args of [
      ['--proxy', 'apache'],
      ['--cert-dir', 'relative/certs'],
      ['--cert-dir', '/etc/certs; rm -rf /'],
      ['--cert-dir', '/etc/../root'],
    ]) {
      const r = run('export', file, '--out', 'usage-out', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain('portolan --help');
    }
    expect(run('export', file).code).toBe(2); // --out is required
    expect(existsSync(join(dir, 'usage-out'))).toBe(false);
  });

  it.each([
    ['/', 'system-folder'],
    ['/etc', 'system-folder'],
    ['/usr/local/', 'system-folder'],
    ['certs', 'not-absolute'],
    ['/etc/certs; rm -rf /', 'unsafe-characters'],
    ['/etc/../root', 'dot-segment'],
  ] as const)('refuses --cert-dir %s with exit 2, a code and the reason (%s)', (certDir, problem) => {
    const file = projectFile('cert-dir.portolan.yaml', template('manual'));
    const r = run('export', file, '--out', 'cert-dir-out', '--cert-dir', certDir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `cert-dir-${problem}: the folder ${JSON.stringify(certDir)} ${CERT_DIR_PROBLEMS[problem]}.`,
    );
    expect(r.err).toContain('portolan --help');
    expect(existsSync(join(dir, 'cert-dir-out'))).toBe(false);
  });

  it.each([
    ['a host name with ";"', patchRoute(template('manual'), 'ws', { host: 'auth.example.com;' }), 'NA027'],
    ['a path with "{"', patchRoute(template('manual'), 'dashboard', { path: '/a{b}' }), 'NA027'],
    ['an env value with a terminal escape', setEnv(template('manual'), 'mgmt', 'X', 'a\u001b[31mb'), 'NA031'],
    ['a reference to nothing', setEnv(template('manual'), 'mgmt', 'X', '${NOPE}'), 'NA032'],
    ['a name docker-compose reads itself', setEnv(template('manual'), 'mgmt', 'COMPOSE_FILE', 'x.yml'), 'NA037'],
    [
      'a Sentinel master name with a line break',
      patchComponent(template('ha'), 'redis-sentinel', { properties: { master: 'm\nsentinel x' } }),
      'NA038',
    ],
  ])('refuses %s even with --allow-errors or --force, writing nothing', (_what, project, rule) => {
    const file = projectFile(`hostile-${rule}.portolan.yaml`, project);
    for (const flag of ['--allow-errors', '--force']) {
      const r = run('export', file, '--out', `hostile-${rule}`, flag);
      expect(r.code).toBe(1);
      expect(r.out).toContain(` error ${rule} `);
      expect(r.err).toContain('--allow-errors does not override this');
      expect(existsSync(join(dir, `hostile-${rule}`))).toBe(false);
    }
  });

  it('an unreadable project file exits 2; a malformed one exits 1 with located problems', () => {
    expect(run('export', 'missing.portolan.yaml', '--out', 'x')).toMatchObject({
      code: 2,
      err: expect.stringContaining('not-found'),
    });
    writeFileSync(join(dir, 'bad.portolan.yaml'), 'format: 1\ncomponents: 3\n');
    const bad = run('export', 'bad.portolan.yaml', '--out', 'x');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^bad\.portolan\.yaml:\d+:\d+ error /m);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('appears in --help', () => {
    expect(run('--help').out).toContain('export');
  });
});
