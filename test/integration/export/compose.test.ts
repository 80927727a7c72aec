import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toYaml, yamlScalar, type YamlMap } from '../../../shared/export/yaml';
import { exportProject, seededRandom, type ExportFile } from '../../../shared/export/index';
import { TAG_REQUIRED_MESSAGE } from '../../../shared/export/plan';
import type { Project, ProxyFlavour } from '../../../shared/model/types';
import { TEMPLATE_IDS, type TemplateId } from '../../../shared/templates/index';
import { patchComponent, setEnv, template } from '../../support/fixtures';
import { needTool } from '../../support/tools';

const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];
const CASES = TEMPLATE_IDS.flatMap((id) => FLAVOURS.map((flavour) => [id, flavour] as const));

interface ComposeService {
  image: string;
  ports?: string[];
  volumes?: string[];
  networks: string[];
  environment?: Record<string, string>;
  deploy?: { replicas: number };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, { driver?: string; internal?: boolean }>;
  volumes?: Record<string, unknown>;
  name?: string;
}

function exportFiles(project: Project, flavour: ProxyFlavour, seed = 1): readonly ExportFile[] {
  const result = exportProject(project, { random: seededRandom(seed), proxy: flavour });
  if (!result.ok) throw new Error(`export refused: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.files;
}

const fileOf = (files: readonly ExportFile[], path: string): string => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} among ${files.map((x) => x.path).join(', ')}`);
  return f.contents;
};

/** `.env` as compose reads it: `NAME=value`, comments and blank lines skipped, single quotes removed. */
function parseDotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`not a .env line: ${line}`);
    if (vars.has(m[1]!)) throw new Error(`${m[1]} is defined twice in .env`);
    vars.set(m[1]!, m[2]!.replace(/^'(.*)'$/, '$1'));
  }
  return vars;
}

/** Every `${NAME}` (or `${NAME:-default}` …) compose would interpolate; `$$` is a literal dollar. */
function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (m[1] === '$') continue;
    names.add(m[2] ?? m[1]!);
  }
  return names;
}

const secretNames = (project: Project): string[] =>
  project.components.flatMap((c) => Object.keys(c.environment).filter((n) => c.environment[n]!.type === 'secret'));

const isEntry = (project: Project, id: string) =>
  ['reverse-proxy', 'nextauth-portmap'].includes(project.components.find((c) => c.id === id)!.kind);

/** Values a YAML 1.1 reader (docker-compose v1) would not read as the same string if written plain. */
const TRICKY: Record<string, string> = {
  A: 'yes',
  B: 'on',
  ON: 'off',
  Y: 'N',
  D: '1:20',
  E: '2001-12-14',
  F: 'null',
  G: '0755',
  H: 'a: b',
  I: '#x',
  J: '-x',
  K: "it's",
  L: 'say "hi"',
  M: 'ünïcödé',
  N: '',
  O: '~',
  P: 'cost $5',
  Q: '.inf',
  R: 'x:',
  S: '@x',
  T: '%x',
  U: '*x',
  V: '&x',
  W: '!x',
  X: '[a]',
  Z: 'a #b',
  AA: '{a}',
  AB: '  padded  ',
};

describe('YAML scalars of the compose emitter', () => {
  const units = fc.constantFrom(...'yesnoYN:#-01. \'"\\\n\t${}[]@%*&!|>,?=~\u0085\u2028é'.split(''));
  const strings = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: units, maxLength: 8 }));

  it('read back as the same string in YAML 1.2 and in YAML 1.1 (docker-compose v1)', () => {
    fc.assert(
      fc.property(strings, (s) => {
        const data: YamlMap = { list: [s, { a: s, b: [s, { c: s }], d: {} }, {}], map: { key: s, empty: [] } };
        const text = toYaml(data);
        for (const version of ['1.2', '1.1'] as const) {
          expect(parse(text, { version })).toEqual(data);
          expect(parse(toYaml({ [s === '__proto__' ? 'x' : s]: 1 }), { version })).toEqual({
            [s === '__proto__' ? 'x' : s]: 1,
          });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps ordinary values plain and quotes the rest', () => {
    expect(yamlScalar('nginx:1.27-alpine')).toBe('nginx:1.27-alpine');
    expect(yamlScalar('./certs:/etc/portolan/certs:ro')).toBe('./certs:/etc/portolan/certs:ro');
    expect(yamlScalar('${PORTOLAN_NEXTAUTH_REGISTRY}nextauth:${PORTOLAN_NEXTAUTH_TAG}')).toBe(
      '${PORTOLAN_NEXTAUTH_REGISTRY}nextauth:${PORTOLAN_NEXTAUTH_TAG}',
    );
    expect(yamlScalar('80:80')).toBe('"80:80"');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('a\u2028b')).toBe('"a\\u2028b"');
  });
});

describe('docker-compose.yml against the compose specification schema (ajv)', () => {
  const require = createRequire(import.meta.url);
  // Read at test time from the shared folder, never copied into the project.
  const schema = JSON.parse(readFileSync(resolve('../shared/schemas/compose-spec.json'), 'utf8')) as {
    $schema: string;
  };
  // The schema names its meta-schema `https://json-schema.org/draft-07/schema` (https, no `#`), which
  // ajv only knows as `http://json-schema.org/draft-07/schema#`: register draft-07 under that name too,
  // so the schema itself is still checked against its meta-schema.
  const draft07 = require('ajv/dist/refs/json-schema-draft-07.json') as object;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
  const validate = ajv.compile(schema);

  it('the schema copy uses no `format` keyword, so turning format validation off loses nothing', () => {
    // ajv-formats is not installed. Older compose schemas used custom formats (`duration`, `ports`)
    // that no validator knows anyway; docker-compose itself checks those values in the next block.
    // Should a newer copy add format keywords, this fails and the choice must be made again.
    const formats: string[] = [];
    const walk = (node: unknown, underProperties: boolean): void => {
      if (Array.isArray(node)) for (const x of node) walk(x, false);
      else if (node !== null && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === 'format' && !underProperties && typeof v === 'string') formats.push(v);
          walk(v, k === 'properties' || k === 'patternProperties');
        }
    };
    walk(schema, false);
    expect(formats).toEqual([]);
  });

  it('rejects a broken compose file (the validator is really on)', () => {
    expect(validate({ services: { a: { image: 'x', ports: [{ published: 'nope', target: {} }] } } })).toBe(false);
    expect(validate({ services: { a: { image: 'x', unknown_key: 1 } } })).toBe(false);
  });

  it.each(CASES)('%s template with %s validates', (id, flavour) => {
    const compose = parse(fileOf(exportFiles(template(id), flavour), 'docker-compose.yml')) as unknown;
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
  });
});

describe.skipIf(needTool('docker-compose', 'checking exported compose files').skip)(
  'docker-compose config with the exported .env (docker-compose v1)',
  () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'portolan-compose-'));
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    /** Writes the export like the CLI does, plus the empty `certs/` folder the operator creates. */
    function writeExport(files: readonly ExportFile[], name: string): string {
      const dir = join(root, name);
      for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.contents, { mode: f.mode });
      }
      mkdirSync(join(dir, 'certs'), { recursive: true });
      return dir;
    }

    // Only PATH and HOME: a variable of the test's own environment would override `.env`.
    const compose = (dir: string, ...args: string[]) =>
      spawnSync('docker-compose', ['-f', 'docker-compose.yml', '--env-file', '.env', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
        timeout: 20_000,
      });

    it('environment values that YAML 1.1 would read as booleans, numbers or dates reach the container unchanged', () => {
      let project = template('manual');
      for (const [name, value] of Object.entries(TRICKY)) project = setEnv(project, 'mgmt', name, value);
      const dir = writeExport(exportFiles(project, 'nginx'), 'tricky');
      const resolved = compose(dir, 'config');
      expect(resolved.stderr).toBe('');
      expect(resolved.status).toBe(0);
      const env = (parse(resolved.stdout) as ComposeFile).services.mgmt!.environment!;
      // compose prints a literal `$` doubled again, as it must appear in a compose file.
      expect(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replaceAll('$$', '$')]))).toEqual(
        TRICKY,
      );
    });

    it('stops with the message naming PORTOLAN_NEXTAUTH_TAG while .env leaves it empty or out, and runs the version set there', () => {
      const files = exportFiles(template('ha'), 'nginx');
      const env = fileOf(files, '.env');
      const dir = writeExport(files, 'unpinned');
      for (const text of [
        env.replace(/^PORTOLAN_NEXTAUTH_TAG=.*$/m, 'PORTOLAN_NEXTAUTH_TAG='),
        env.replace(/^PORTOLAN_NEXTAUTH_TAG=.*\n/m, ''),
      ]) {
        writeFileSync(join(dir, '.env'), text);
        const r = compose(dir, 'config', '-q');
        expect(r.status).not.toBe(0);
        expect(r.stderr).toContain(TAG_REQUIRED_MESSAGE);
      }
      writeFileSync(join(dir, '.env'), env.replace(/^PORTOLAN_NEXTAUTH_TAG=.*$/m, 'PORTOLAN_NEXTAUTH_TAG=1.4.2'));
      const r = compose(dir, 'config');
      expect(r.stderr).toBe('');
      const services = (parse(r.stdout) as ComposeFile).services;
      expect([services.nextauth!.image, services.mgmt!.image]).toEqual(['nextauth:1.4.2', 'nextauth-mgmt:1.4.2']);
      // docker-compose v1 reads both address families of a public port (IPv6 printed without brackets).
      expect(services.lb!.ports).toEqual([
        '0.0.0.0:80:80/tcp',
        ':::80:80/tcp',
        '0.0.0.0:443:443/tcp',
        ':::443:443/tcp',
      ]);
    });

    it.each(CASES)('%s template with %s: config -q exits 0, and every mount source exists', (id, flavour) => {
      const files = exportFiles(template(id), flavour);
      const dir = writeExport(files, `${id}-${flavour}`);
      const quiet = compose(dir, 'config', '-q');
      expect(quiet.stderr).toBe('');
      expect(quiet.status).toBe(0);

      const parsed = parse(fileOf(files, 'docker-compose.yml')) as ComposeFile;
      for (const s of Object.values(parsed.services))
        for (const v of s.volumes ?? []) {
          const source = v.split(':')[0]!;
          if (source.startsWith('./')) expect(existsSync(join(dir, source)), `${source} is mounted`).toBe(true);
        }

      // Resolved by compose itself: the values of .env reach the containers unchanged.
      const resolved = compose(dir, 'config');
      expect(resolved.status).toBe(0);
      const config = parse(resolved.stdout) as ComposeFile;
      const env = parseDotenv(fileOf(files, '.env'));
      const nextauth = config.services.nextauth!;
      expect(nextauth.image).toBe(
        `${env.get('PORTOLAN_NEXTAUTH_REGISTRY')}nextauth:${env.get('PORTOLAN_NEXTAUTH_TAG')}`,
      );
      expect(nextauth.environment?.NEXTAUTH_ROOT_API_KEY).toBe(env.get('NEXTAUTH_ROOT_API_KEY'));
      // The URI is derived from the drawing: the database's own password variable, filled by compose.
      expect(env.has('MYSQL_PASSWORD')).toBe(true);
      expect(nextauth.environment?.NEXTAUTH_DB_URI).toContain(`nextauth:${env.get('MYSQL_PASSWORD')}@`);
      if (id === 'ha') expect(nextauth.deploy?.replicas).toBe(3);
    });
  },
);

describe.each(TEMPLATE_IDS)('compose and .env of the %s template', (id: TemplateId) => {
  const project = template(id);
  const files = exportFiles(project, 'nginx');
  const text = fileOf(files, 'docker-compose.yml');
  const compose = parse(text) as ComposeFile;
  const dotenv = fileOf(files, '.env');
  const env = parseDotenv(dotenv);

  it('has no top-level name: (docker-compose v1 rejects it); the project name is in .env', () => {
    expect(compose.name).toBeUndefined();
    expect(text).not.toMatch(/^name:/m);
    expect(env.get('COMPOSE_PROJECT_NAME')).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
  });

  it('quotes every port string', () => {
    const lines = text.split('\n');
    let seen = 0;
    lines.forEach((line, i) => {
      const m = /^(\s*)ports:$/.exec(line);
      if (!m) return;
      for (let j = i + 1; j < lines.length && lines[j]!.startsWith(`${m[1]}  `); j++) {
        // Quoted, and bound to an address written out (issue 15): never a bare `443:443`.
        expect(lines[j]).toMatch(/^\s+- "(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+:\d+"$/);
        seen++;
      }
    });
    expect(seen).toBeGreaterThan(0);
  });

  it('publishes host ports on entry points only', () => {
    const publishing = Object.entries(compose.services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(publishing.length).toBeGreaterThan(0);
    for (const [name] of publishing) expect(isEntry(project, name), name).toBe(true);
  });

  it('leaves out host ports the model publishes on other containers', () => {
    const published = patchComponent(project, 'nextauth', { publish: [{ port: 'rest', hostPort: 8888 }] });
    const other = parse(fileOf(exportFiles(published, 'nginx'), 'docker-compose.yml')) as ComposeFile;
    expect(other.services.nextauth!.ports).toBeUndefined();
  });

  it('.env defines every variable compose refers to, and compose refers to every one but the project name', () => {
    const referenced = referencedVariables(text);
    expect([...referenced].filter((n) => !env.has(n))).toEqual([]);
    expect([...env.keys()].filter((n) => !referenced.has(n))).toEqual(['COMPOSE_PROJECT_NAME']);
    expect(files.find((f) => f.path === '.env')?.mode).toBe(0o600);
  });

  it('writes a variable that two components define once, so no later line silently wins', () => {
    const twice = setEnv(project, 'mgmt', 'NEXTAUTH_ROOT_API_KEY', { type: 'secret', length: 32 });
    const text = fileOf(exportFiles(twice, 'nginx'), '.env');
    expect(() => parseDotenv(text)).not.toThrow();
    expect(text).toContain('# NEXTAUTH_ROOT_API_KEY: shared with the component above that defines it.');
  });

  it('generated secrets are 32 letters and digits, and are never in the compose file', () => {
    const secrets = secretNames(project);
    expect(secrets.length).toBeGreaterThan(0);
    for (const name of secrets) {
      expect(env.get(name), name).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(text).not.toContain(env.get(name));
    }
  });

  it('separates the public edge network from the internal backend network', () => {
    expect(compose.networks?.edge?.internal).toBeUndefined();
    expect(compose.networks?.backend?.internal).toBe(true);
    for (const [name, s] of Object.entries(compose.services)) {
      const kind = project.components.find((c) => c.id === name)!.kind;
      if (isEntry(project, name)) expect(s.networks, name).toEqual(['edge']);
      else if (kind === 'nextauth') expect(s.networks, name).toEqual(['edge', 'backend']);
      else if (['database', 'redis', 'redis-sentinel'].includes(kind)) expect(s.networks, name).toEqual(['backend']);
    }
  });

  it('keeps the bundled database and Redis on named volumes', () => {
    const bundled = project.components.filter(
      (c) => (c.kind === 'database' || c.kind === 'redis') && c.properties.external !== true,
    );
    expect(bundled.map((c) => c.kind)).toContain('redis');
    for (const c of bundled) {
      const volume = `${c.id}-data`;
      expect(Object.keys(compose.volumes ?? {})).toContain(volume);
      expect(compose.services[c.id]!.volumes?.some((v) => v.startsWith(`${volume}:/`))).toBe(true);
    }
  });
});
