/**
 * The Swarm export read by the real tools: Docker's own stack loader (`docker stack config`, no
 * daemon needed), docker-compose v1, sh running secrets/create.sh against a recording `docker`,
 * and the one-truth property — no checker errors ⇒ the stack connects exactly as drawn — checked
 * with the compose coherence checks (test/support/stack.ts) on the stack as its containers will
 * see it: each `NAME_FILE` read from the secret create.sh really made.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/export/index';
import { exportSwarm } from '../../shared/export/swarm/index';
import type { ExportFile } from '../../shared/export/types';
import type { Project, ProxyFlavour } from '../../shared/model/types';
import { checkProject } from '../../shared/rules/engine';
import { TEMPLATE_IDS } from '../../shared/templates/index';
import { haOnThreeHosts } from '../support/host-variants';
import { buildDeployment, deploymentChoices } from '../support/deployments';
import { template } from '../support/fixtures';
import { coherenceViolations, readStack } from '../support/stack';
import { asComposeProject, fileOf, runCreateScript, writeFiles } from '../support/swarm-stack';
import { needTool } from '../support/tools';

const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];
const CASES = TEMPLATE_IDS.flatMap((id) => FLAVOURS.map((flavour) => [id, flavour] as const));
/** Fixed so a failure reproduces; SWARM_SEED=n explores other projects locally. */
const SEED = Number(process.env.SWARM_SEED ?? 0x5a12);
const RUNS = 160;
/** Error-free random stacks that also go through `docker stack config`. */
const LOADER_SAMPLE = 24;
const hasDocker = !needTool('docker', "checking stack files with Docker's stack loader").skip;

let root: string;
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'portolan-swarm-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function exported(project: Project, flavour?: ProxyFlavour) {
  const result = exportSwarm(project, { random: seededRandom(1), ...(flavour ? { proxy: flavour } : {}) });
  if (!result.ok) throw new Error(`refused: ${result.diagnostics.map((d) => d.rule).join(', ')}`);
  return result;
}

function written(files: readonly ExportFile[]): string {
  const dir = join(root, String(n++));
  writeFiles(dir, files);
  return dir;
}

const tool = (cmd: string, args: readonly string[], cwd: string) =>
  spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd },
    timeout: 30_000,
  });

describe.skipIf(needTool('docker', "checking stack files with Docker's stack loader").skip)(
  'docker stack config (the Docker CLI’s own stack loader)',
  () => {
    it.each(CASES)('accepts the %s template with %s, as written', (id, flavour) => {
      const { files } = exported(template(id), flavour);
      const dir = written(files);
      const r = tool('docker', ['stack', 'config', '-c', 'stack.yml'], dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const loaded = parse(r.stdout) as { services: Record<string, { deploy: { replicas: number } }> };
      const mine = parse(fileOf(files, 'stack.yml')) as typeof loaded;
      for (const [name, s] of Object.entries(mine.services))
        expect(loaded.services[name]?.deploy.replicas, name).toBe(s.deploy.replicas);
    });

    it('accepts the HA template on three hosts, its host constraints intact', () => {
      const { files } = exported(haOnThreeHosts());
      const r = tool('docker', ['stack', 'config', '-c', 'stack.yml'], written(files));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const loaded = parse(r.stdout) as {
        services: Record<string, { deploy: { placement?: { constraints?: string[] } } }>;
      };
      expect(loaded.services.mgmt?.deploy.placement?.constraints).toEqual(['node.labels.portolan.host == edge']);
    });

    it('refuses a broken stack (the loader really checks)', () => {
      const dir = written([
        {
          path: 'stack.yml',
          mode: 0o644,
          contents: 'version: "3.8"\nservices:\n  a:\n    image: x\n    deploy:\n      replicas: many\n',
        },
      ]);
      expect(tool('docker', ['stack', 'config', '-c', 'stack.yml'], dir).status).not.toBe(0);
    });
  },
);

describe.skipIf(needTool('docker-compose', 'checking stack files with docker-compose v1').skip)(
  'docker-compose config (v1 reads the 3.8 format, deploy keys included)',
  () => {
    it.each(CASES)('accepts the %s template with %s; it only warns that it ignores configs', (id, flavour) => {
      const dir = written(exported(template(id), flavour).files);
      const r = tool('docker-compose', ['-f', 'stack.yml', 'config', '-q'], dir);
      expect(r.status, r.stderr).toBe(0);
      // v1 cannot run configs (a Swarm feature) and says so; nothing else.
      const other = r.stderr
        .split('\n')
        .filter((l) => l !== '' && !l.includes("use the 'configs' key, which will be ignored"));
      expect(other).toEqual([]);
    });
  },
);

describe('secrets/create.sh and deploy.sh (sh, with a recording docker)', () => {
  it('parse as POSIX sh', () => {
    const dir = written(exported(template('ha')).files);
    for (const script of ['secrets/create.sh', 'deploy.sh']) {
      const r = spawnSync('sh', ['-n', join(dir, script)], { encoding: 'utf8' });
      expect(r.stderr, script).toBe('');
      expect(r.status, script).toBe(0);
    }
  });

  it('refuse while an operator input is empty, naming it, and create nothing', () => {
    const dir = written(exported(template('ha')).files);
    const r = runCreateScript(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('secrets/values/NEXTAUTH_LICENSE is empty or missing');
    expect(r.secrets.size).toBe(0);
  });

  it.each(TEMPLATE_IDS)('create every secret the %s stack names, with the values of the files', (id) => {
    const { files } = exported(template(id));
    const dir = written(files);
    const r = runCreateScript(dir, (name) => `filled-${name}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = parse(fileOf(files, 'stack.yml')) as { secrets: Record<string, { name: string }> };
    const names = Object.values(doc.secrets).map((s) => s.name);
    expect([...r.secrets.keys()].sort()).toEqual([...names].sort());
    // A value file's content arrives whole, without the line break an editor adds.
    for (const f of readdirSync(join(dir, 'secrets/values'))) {
      const value = readFileSync(join(dir, 'secrets/values', f), 'utf8').replace(/\n$/, '');
      const secret = Object.entries(doc.secrets).find(([key]) => key === f)?.[1].name;
      if (secret !== undefined) expect(r.secrets.get(secret), f).toBe(value);
    }
  });

  it('keep a secret that exists (Swarm secrets cannot change)', () => {
    const dir = written(exported(template('default')).files);
    const first = runCreateScript(dir, (name) => `v-${name}`);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/created/);
  });
});

/** Runs create.sh, reads the stack as its containers will see it, and returns the coherence findings. */
function violationsOf(project: Project, flavour?: ProxyFlavour): string[] {
  const result = exported(project, flavour);
  const dir = written(result.files);
  const run = runCreateScript(dir, (name) => `input-${name}`);
  if (run.status !== 0) return [`create.sh failed: ${run.stderr}`];
  const valuesDir = join(dir, 'secrets/values');
  // A stack that reads no secret value has no secrets/values folder.
  const names = existsSync(valuesDir) ? readdirSync(valuesDir) : [];
  const values = new Map(names.map((f) => [f, readFileSync(join(valuesDir, f), 'utf8').replace(/\n$/, '')]));
  const files = asComposeProject(result.files, run.secrets, values);
  return coherenceViolations(readStack(files), result.plan.project).map((v) => `[${v.check}] ${v.message}`);
}

describe('no checker errors ⇒ the stack connects exactly as drawn', () => {
  it.each(CASES)('the %s template with %s', (id, flavour) => {
    expect(violationsOf(template(id), flavour)).toEqual([]);
  });

  it(`holds for ${RUNS} plausible deployments (seed ${SEED}), and is not vacuous`, () => {
    let checked = 0;
    fc.assert(
      fc.property(deploymentChoices, (choices) => {
        const project = buildDeployment(choices);
        if (checkProject(project).some((d) => d.severity === 'error' && d.suppressed === undefined)) return;
        checked++;
        expect(violationsOf(project)).toEqual([]);
        if (hasDocker && checked <= LOADER_SAMPLE) {
          const loaded = tool('docker', ['stack', 'config', '-c', 'stack.yml'], written(exported(project).files));
          expect(loaded.stderr).toBe('');
          expect(loaded.status).toBe(0);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(checked).toBeGreaterThan(RUNS * 0.2);
  }, 300_000);

  it('finds a stack that does not connect (the check can fail)', () => {
    const result = exported(template('default'));
    const files = result.files.map((f) =>
      f.path === 'secrets/create.sh' ? { ...f, contents: f.contents.replace(/@mysql:3306/, '@mysql:3307') } : f,
    );
    const dir = written(files);
    const run = runCreateScript(dir, (name) => `input-${name}`);
    expect(run.status).toBe(0);
    const stack = readStack(asComposeProject(files, run.secrets, new Map()));
    expect(coherenceViolations(stack, result.plan.project).map((v) => v.check)).toContain('uri');
  });
});

it('writes nothing outside its folder when run: the scripts cd to where they are', () => {
  const dir = written(exported(template('manual')).files);
  const elsewhere = mkdtempSync(join(tmpdir(), 'portolan-swarm-cwd-'));
  try {
    writeFileSync(join(elsewhere, 'marker'), '');
    const r = spawnSync('sh', [join(dir, 'secrets/create.sh')], { cwd: elsewhere, encoding: 'utf8' });
    // Refused (inputs empty), reading the files beside the script, not the working folder's.
    expect(r.stderr).toContain('secrets/values/NEXTAUTH_LICENSE is empty or missing');
    expect(readdirSync(elsewhere)).toEqual(['marker']);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
