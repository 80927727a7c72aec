/**
 * The `import` benchmark (`npm run bench -- import`): `portolan import` of a generated
 * 300-service compose project (anchors and `<<` merges, `extends` in the file and from a second
 * file, interpolation from a `.env`; see generate.ts), as the wall time of the whole CLI process,
 * median of RUNS, next to `docker-compose config` of the same project in the same run — the tool
 * operators use to resolve a compose file. Goal (issue 14): at least 5× faster.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeBenchFiles } from './generate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'portolan.mjs');
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 5);
const SIZE = 300;
const GOAL_RATIO = 5;
const DOCKER_COMPOSE = '/usr/bin/docker-compose';

const round = (n: number): number => Math.round(n * 10) / 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one child process, failing loudly when it does. */
function timed(command: string, args: readonly string[], cwd: string): number {
  const start = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

/** Builds the CLI (unless BENCH_SKIP_BUILD=1): the benchmark measures the bundle users run. */
function ensureCli(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const run = spawnSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (run.status !== 0) throw new Error(`\`npm run build:cli\` failed (exit ${run.status ?? run.signal})`);
}

export function importBench(): unknown {
  if (!existsSync(DOCKER_COMPOSE)) throw new Error(`${DOCKER_COMPOSE} is missing: apt-get install docker-compose`);
  ensureCli();
  const before = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'portolan-bench-import-'));
  try {
    const files = composeBenchFiles(SIZE);
    writeFileSync(join(dir, 'docker-compose.yml'), files.main);
    writeFileSync(join(dir, 'templates.yml'), files.templates);
    writeFileSync(join(dir, '.env'), files.env);
    const portolan = [CLI, 'import', 'docker-compose.yml', '--env-file', '.env', '-o', 'out.portolan.yaml', '--force'];
    const compose = ['-f', 'docker-compose.yml', 'config'];
    // Warm the file cache and fail fast.
    timed(process.execPath, portolan, dir);
    timed(DOCKER_COMPOSE, compose, dir);
    const subject: number[] = [];
    const baseline: number[] = [];
    // Interleaved, so a slow phase of the machine lands on both.
    for (let i = 0; i < RUNS; i++) {
      subject.push(timed(process.execPath, portolan, dir));
      baseline.push(timed(DOCKER_COMPOSE, compose, dir));
    }
    const medianMs = round(median(subject));
    const baselineMedianMs = round(median(baseline));
    const speedup = round(baselineMedianMs / medianMs);
    return {
      description: `portolan import of a generated ${SIZE}-service compose project (anchors, << merges, extends in the file and from a second file, interpolation from .env), wall time of the CLI process, median of ${RUNS}`,
      baseline: 'docker-compose config (Debian docker-compose 1.29) of the same project, same run',
      goal: `at least ${GOAL_RATIO}x faster than the baseline`,
      loadavg: { before: before.map(round), after: loadavg().map(round) },
      medianMs,
      maxMs: round(Math.max(...subject)),
      baselineMedianMs,
      speedup,
      withinGoal: speedup >= GOAL_RATIO,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
