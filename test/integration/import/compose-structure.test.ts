/**
 * The merged compose tree (shared/import/compose/load.ts) against the real tool: for each
 * fixture in test/fixtures/import/structure/, `docker-compose -f a.yml -f b.yml … config`
 * (Debian's docker-compose 1.29, which runs without a daemon) and `loadCompose` on the same
 * files must describe the same services.
 *
 * What is compared, and why only that: 1.29 prints a normalised model, so both sides are
 * brought to one form first — environment and labels as KEY → text maps, ports as
 * `IP:PUBLISHED:TARGET/PROTOCOL`, volumes as `SOURCE:TARGET` (1.29 adds `:rw`), depends_on and
 * networks as sorted names, dns/expose as sorted lists (1.29 merges them as sets), `$$` as it is
 * written. Everything else a fixture uses (image, command, entrypoint, restart, user,
 * healthcheck, logging) is compared as it is. The fixtures stay inside what 1.29 and compose v2
 * merge the same way: no `extends` of `depends_on`/`links`/`volumes_from` (1.29 does not
 * inherit them), no `${VAR:+x}`, no `!reset`/`!override` tags, `include:` or top-level `name:`
 * (1.29 refuses them). Those last ones are compared with expected output kept here, written
 * from compose v2's rules (compose-go, see the modules' comments).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCompose } from '../../../shared/import/compose/load';
import type { ComposeModel } from '../../../shared/import/compose/model';
import { toPlain, type CMap } from '../../../shared/import/compose/tree';
import { needTool } from '../../support/tools';

const ROOT = join(__dirname, '../../fixtures/import/structure');

interface Case {
  readonly dir: string;
  readonly files: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

const ENV = { PTL_REGISTRY: 'reg.example.com', PTL_LOG_SIZE: '' };

const CASES: readonly Case[] = [
  { dir: 'multi-file', files: ['a.yml', 'b.yml'] },
  { dir: 'extends-chain', files: ['a.yml'] },
  { dir: 'anchors-interpolation', files: ['a.yml'], env: ENV },
  {
    dir: 'anchors-interpolation',
    files: ['a.yml'],
    env: { ...ENV, PTL_TAG: '2.0', PTL_PORT: '9090', PTL_TZ: 'Europe/Brussels' },
  },
  { dir: 'three-files', files: ['a.yml', 'b.yml', 'c.yml'] },
  { dir: 'extends-forms', files: ['a.yml', 'b.yml'] },
];

/** Reads fixture files by path (relative paths are relative to the fixture folder). */
function loadFixture(
  dir: string,
  files: readonly string[],
  env: Readonly<Record<string, string>> = {},
  profiles: string[] = [],
) {
  const folder = join(ROOT, dir);
  const readFile = (path: string): string | undefined => {
    try {
      return readFileSync(join(folder, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  return loadCompose(
    files.map((path) => ({ path, text: readFileSync(join(folder, path), 'utf8') })),
    { lookup: (name) => env[name], readFile, profiles },
  );
}

function modelOf(outcome: ReturnType<typeof loadCompose>): ComposeModel {
  if (!outcome.ok) throw new Error(`did not load: ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

type Plain = Record<string, unknown>;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** `K=V` list or map → map of text (null for a bare `K`). */
function keyValues(v: unknown): Record<string, string | null> {
  if (Array.isArray(v)) {
    return Object.fromEntries(
      v.map((item) => {
        const s = String(item);
        const eq = s.indexOf('=');
        return eq === -1 ? [s, null] : [s.slice(0, eq), s.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries((v ?? {}) as Plain).map(([k, x]) => [k, text(x)]));
}

/** A port in one form: `IP:PUBLISHED:TARGET/PROTOCOL`. */
function portKey(p: unknown): string {
  if (typeof p === 'object' && p !== null) {
    const o = p as Plain;
    return `${text(o.host_ip) ?? ''}:${text(o.published) ?? ''}:${text(o.target)}/${text(o.protocol) ?? 'tcp'}`;
  }
  const [spec, proto = 'tcp'] = String(p).split('/');
  const parts = (spec ?? '').split(':');
  const target = parts.pop();
  const published = parts.pop() ?? '';
  return `${parts.join(':')}:${published}:${target}/${proto}`;
}

function volumeKey(v: unknown): string {
  if (typeof v === 'object' && v !== null) return `${text((v as Plain).source)}:${text((v as Plain).target)}`;
  return String(v).replace(/:rw$/, '');
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const names = (v: unknown): string[] => sorted(Array.isArray(v) ? v.map(String) : Object.keys((v ?? {}) as Plain));
const list = (v: unknown): string[] => sorted((Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String));

const AS_IS = ['image', 'command', 'entrypoint', 'restart', 'user', 'healthcheck', 'logging'];

/** One service in the compared form (see the file comment). */
function normalise(service: Plain): Plain {
  const out: Plain = {};
  for (const key of AS_IS)
    if (service[key] !== undefined)
      out[key] = JSON.parse(JSON.stringify(service[key], (_k, v: unknown) => (typeof v === 'number' ? String(v) : v)));
  if (service.environment !== undefined) out.environment = keyValues(service.environment);
  if (service.labels !== undefined) out.labels = keyValues(service.labels);
  if (service.ports !== undefined) out.ports = sorted((service.ports as unknown[]).map(portKey));
  if (service.volumes !== undefined) out.volumes = sorted((service.volumes as unknown[]).map(volumeKey));
  if (service.depends_on !== undefined) out.depends_on = names(service.depends_on);
  if (service.networks !== undefined) out.networks = names(service.networks);
  for (const key of ['dns', 'expose']) if (service[key] !== undefined) out[key] = list(service[key]);
  return out;
}

/** A loaded model in the compared form: services by name, top-level networks and volumes by name. */
function comparable(services: Record<string, unknown>, networks: unknown, volumes: unknown): Plain {
  return {
    services: Object.fromEntries(Object.entries(services).map(([n, s]) => [n, normalise(s as Plain)])),
    networks: names(networks),
    volumes: names(volumes),
  };
}

function ours(model: ComposeModel): Plain {
  // compose prints a literal `$` doubled, as a compose file must write it.
  const services = JSON.parse(
    JSON.stringify(Object.fromEntries(model.services.map((s) => [s.name, toPlain(s.node)]))).replaceAll('$', '$$$$'),
  ) as Record<string, unknown>;
  return comparable(services, model.networks && toPlain(model.networks), model.volumes && toPlain(model.volumes));
}

const tool = needTool('docker-compose', 'comparing merged compose files with docker-compose config');

describe.skipIf(tool.skip)('merged compose files match docker-compose 1.29 config', () => {
  it.each(CASES.map((c, i) => [`${c.dir} #${i}`, c] as const))('%s', (_name, c) => {
    const args = c.files.flatMap((f) => ['-f', f]);
    // Only PATH and HOME: a variable of the test's own environment would change the result.
    const run = spawnSync('docker-compose', [...args, 'config'], {
      cwd: join(ROOT, c.dir),
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(ROOT, c.dir), ...c.env },
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const theirs = parse(run.stdout) as { services: Record<string, unknown>; networks?: unknown; volumes?: unknown };
    const model = modelOf(loadFixture(c.dir, c.files, c.env));
    expect(ours(model)).toEqual(comparable(theirs.services, theirs.networks, theirs.volumes));
  });
});

describe('what docker-compose 1.29 cannot read, against compose v2 expectations', () => {
  it('include: with a local override, an env_file, the default .env, and top-level name:', () => {
    const model = modelOf(loadFixture('include-name', ['compose.yaml']));
    expect(model.name).toBe('structure');
    expect(model.files).toEqual(['compose.yaml', 'parts/db.yaml', 'parts/cache.yaml']);
    expect(Object.fromEntries(model.services.map((s) => [s.name, toPlain(s.node)]))).toEqual({
      db: {
        image: 'postgres:16',
        environment: { POSTGRES_DB: 'app', POSTGRES_USER: 'local' },
        volumes: ['pgdata:/var/lib/postgresql/data'],
      },
      cache: { image: 'redis:7.2' },
      web: { image: 'nginx:1.25', depends_on: ['db', 'cache'] },
    });
    expect(toPlain(model.volumes as CMap)).toEqual({ pgdata: {} });
    expect(modelOf(loadFixture('include-name', ['compose.yaml'], { PTL_PROJECT: 'other' })).name).toBe('other');
  });

  it('!reset and !override in an override file', () => {
    const model = modelOf(loadFixture('reset-override', ['compose.yaml', 'compose.override.yaml']));
    expect(Object.fromEntries(model.services.map((s) => [s.name, toPlain(s.node)]))).toEqual({
      app: { image: 'myapp', ports: ['9443:443'], environment: { KEEP: '1' } },
    });
  });

  it('1.29 does refuse them (so they are not compared with it)', () => {
    if (tool.skip) return;
    for (const [dir, file] of [
      ['include-name', 'compose.yaml'],
      ['reset-override', 'compose.override.yaml'],
    ] as const) {
      const run = spawnSync('docker-compose', ['-f', file, 'config'], {
        cwd: join(ROOT, dir),
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(ROOT, dir) },
        timeout: 20_000,
      });
      expect(run.status, `${dir}: ${run.stdout}`).not.toBe(0);
    }
  });
});
