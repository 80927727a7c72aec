/**
 * Reading a Swarm export the way Docker will, for tests: the compose schema validator, the
 * secrets secrets/create.sh really creates (run with a recording `docker` on PATH), and the stack
 * seen as a compose project — each `NAME_FILE` variable replaced by the content of the secret
 * file it names, each config by a bind mount of its file, `.env` holding the values deploy.sh
 * exports — so test/support/stack.ts's coherence checks read it exactly as they read a compose
 * export.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import type { ExportFile } from '../../shared/export/types';
import { toYaml, type YamlMap } from '../../shared/export/yaml';
import { COMPOSE, type StackFile } from './stack';

let validator: ValidateFunction | undefined;

/** The compose specification schema from ../shared/schemas (never copied), compiled once. */
export function composeSchema(): ValidateFunction {
  if (validator) return validator;
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(resolve('../shared/schemas/compose-spec.json'), 'utf8')) as {
    $schema: string;
  };
  // As in compose.test.ts: the schema's meta-schema id is draft-07 under another spelling.
  const draft07 = require('ajv/dist/refs/json-schema-draft-07.json') as object;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
  validator = ajv.compile(schema);
  return validator;
}

export const fileOf = (files: readonly ExportFile[], path: string): string => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} among ${files.map((x) => x.path).join(', ')}`);
  return f.contents;
};

/** Writes an export into `dir` as the CLI does (modes included). */
export function writeFiles(dir: string, files: readonly ExportFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents, { mode: f.mode });
  }
}

/** A `docker` that records `secret create NAME -` (stdin into DIR/NAME) and knows no existing secret. */
const FAKE_DOCKER = `#!/bin/sh
if [ "$1" = secret ] && [ "$2" = inspect ]; then [ -e "$SECRETS_OUT/$3" ]; exit $?; fi
if [ "$1" = secret ] && [ "$2" = create ] && [ "$4" = - ]; then cat > "$SECRETS_OUT/$3"; exit 0; fi
echo "fake docker: unexpected $*" >&2; exit 9
`;

export interface CreateRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Secret name → content, as `docker secret create` received it. */
  readonly secrets: ReadonlyMap<string, string>;
}

/**
 * Runs secrets/create.sh of the export in `dir` with the recording docker. Empty operator inputs
 * are filled with `fill(name)` first unless `fill` is undefined; every TLS certificate and key is
 * given placeholder content.
 */
export function runCreateScript(dir: string, fill?: (name: string) => string): CreateRun {
  const values = join(dir, 'secrets/values');
  if (fill)
    for (const name of safeList(values))
      if (readFileSync(join(values, name), 'utf8') === '') writeFileSync(join(values, name), `${fill(name)}\n`);
  const script = readFileSync(join(dir, 'secrets/create.sh'), 'utf8');
  mkdirSync(join(dir, 'secrets/certs'), { recursive: true });
  for (const m of script.matchAll(/^cat '(certs\/[^']+)'/gm))
    writeFileSync(join(dir, 'secrets', m[1]!), `placeholder for ${m[1]}\n`);
  const bin = mkdtempSync(join(tmpdir(), 'portolan-fake-docker-'));
  const out = join(bin, 'out');
  mkdirSync(out);
  writeFileSync(join(bin, 'docker'), FAKE_DOCKER);
  chmodSync(join(bin, 'docker'), 0o755);
  try {
    const r = spawnSync('sh', [join(dir, 'secrets/create.sh')], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, SECRETS_OUT: out },
      timeout: 20_000,
    });
    const secrets = new Map(readdirSync(out).map((n) => [n, readFileSync(join(out, n), 'utf8')]));
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, secrets };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

type Doc = {
  services?: Record<string, Record<string, unknown>>;
  secrets?: Record<string, { name?: string }>;
  configs?: Record<string, { file?: string }>;
  [key: string]: unknown;
};

/**
 * The Swarm export as a compose project for readStack: `NAME_FILE: /run/secrets/KEY` becomes
 * `NAME: <the secret's content>` (`$` doubled, as compose writes it), configs become `./file`
 * mounts, `.env` holds deploy.sh's values. `secrets` maps secret names to contents (runCreateScript).
 */
export function asComposeProject(
  files: readonly ExportFile[],
  secrets: ReadonlyMap<string, string>,
  values: ReadonlyMap<string, string>,
): StackFile[] {
  const doc = parse(fileOf(files, 'stack.yml')) as Doc;
  const services: Record<string, Record<string, unknown>> = {};
  for (const [name, s] of Object.entries(doc.services ?? {})) {
    const out: Record<string, unknown> = { ...s };
    const mounted = new Map(
      ((s.secrets ?? []) as { source: string; target?: string }[]).map((m) => [
        `/run/secrets/${m.target ?? m.source}`,
        m.source,
      ]),
    );
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries((s.environment ?? {}) as Record<string, string>)) {
      const key = k.endsWith('_FILE') ? mounted.get(v) : undefined;
      if (key === undefined) {
        env[k] = v;
        continue;
      }
      const secretName = doc.secrets?.[key]?.name ?? key;
      const content = secrets.get(secretName);
      if (content === undefined)
        throw new Error(`${name}: ${k} names the secret ${secretName}, which create.sh never made`);
      env[k.slice(0, -'_FILE'.length)] = content.replaceAll('$', '$$');
    }
    if (Object.keys(env).length > 0) out.environment = env;
    const configMounts = ((s.configs ?? []) as { source: string; target: string }[]).map(
      (c) => `${doc.configs?.[c.source]?.file ?? '?'}:${c.target}:ro`,
    );
    const volumes = [...((s.volumes ?? []) as string[]), ...configMounts];
    if (volumes.length > 0) out.volumes = volumes;
    delete out.configs;
    delete out.secrets;
    delete out.deploy;
    const deploy = s.deploy as { replicas?: number } | undefined;
    if (deploy?.replicas !== undefined) out.deploy = { replicas: deploy.replicas };
    services[name] = out;
  }
  const compose = toYaml({ services, ...(doc.networks ? { networks: doc.networks } : {}) } as unknown as YamlMap);
  const quoted = (v: string) => (v.includes("'") || v.includes('\n') ? JSON.stringify(v) : `'${v}'`);
  const env = [...values].map(([k, v]) => `${k}=${quoted(v)}`).join('\n');
  return [
    ...files.filter((f) => f.path !== 'stack.yml'),
    { path: COMPOSE, contents: compose },
    { path: '.env', contents: env === '' ? '' : `${env}\n` },
  ];
}
