/**
 * The `render` benchmark (`npm run bench -- render`): `portolan render` of an arranged
 * 500-component project to SVG, PNG and PDF, each as the wall time of the whole CLI process
 * (Node start, loading the file, diagram geometry, the picture, writing it), median of RUNS.
 * The baseline is a Node process that only parses the same file with `yaml` — the same start-up
 * and read, so the ratio shows what drawing the picture costs on top. Targets (issue 13):
 * SVG ≤ 300 ms, PNG and PDF ≤ 2 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveProject } from '../../shared/format/index';
import { arrange } from '../../shared/diagram/arrange';
import type { Project } from '../../shared/model/types';
import { generateProject } from '../generate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'portolan.mjs');
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 7);
const SIZE = 500;
const TARGETS_MS = { svg: 300, png: 2000, pdf: 2000 } as const;
type Format = keyof typeof TARGETS_MS;

const round = (n: number): number => Math.round(n * 10) / 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one child process, failing loudly when it does. */
function timed(args: readonly string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1780000000' },
  });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

function arranged(project: Project): Project {
  const moves = arrange(project, { all: true });
  return { ...project, components: project.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })) };
}

export interface RenderResult {
  readonly format: Format;
  readonly runs: number;
  readonly medianMs: number;
  /** The fastest run: the least disturbed by other work on the machine (see loadavg). */
  readonly minMs: number;
  readonly maxMs: number;
  readonly bytes: number;
  readonly baselineMedianMs: number;
  /** medianMs ÷ baselineMedianMs. */
  readonly ratio: number;
  readonly targetMs: number;
  readonly withinTarget: boolean;
}

/** Builds the CLI (unless BENCH_SKIP_BUILD=1): the benchmark measures the bundle users run. */
function ensureCli(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  // stdout of the build goes to stderr: the benchmark's stdout is one JSON object.
  const run = spawnSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (run.status !== 0) throw new Error(`\`npm run build:cli\` failed (exit ${run.status ?? run.signal})`);
}

export function renderBench(): unknown {
  ensureCli();
  const before = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'portolan-bench-render-'));
  try {
    const file = join(dir, 'big.portolan.yaml');
    writeFileSync(file, saveProject(arranged(generateProject(SIZE))));
    const parse = [
      '--input-type=module',
      '-e',
      `import { readFileSync } from 'node:fs'; import { parseDocument } from 'yaml'; parseDocument(readFileSync(${JSON.stringify(file)}, 'utf8'));`,
    ];
    const results: RenderResult[] = [];
    for (const format of Object.keys(TARGETS_MS) as Format[]) {
      const out = join(dir, `big.${format}`);
      const args = [CLI, 'render', file, '--format', format, '--out', out];
      timed(args); // warm the file cache and fail fast
      const subject: number[] = [];
      const baseline: number[] = [];
      // Interleaved, so a slow phase of the machine lands on both.
      for (let i = 0; i < RUNS; i++) {
        subject.push(timed(args));
        baseline.push(timed(parse));
      }
      const medianMs = round(median(subject));
      const baselineMedianMs = round(median(baseline));
      results.push({
        format,
        runs: RUNS,
        medianMs,
        minMs: round(Math.min(...subject)),
        maxMs: round(Math.max(...subject)),
        bytes: statSync(out).size,
        baselineMedianMs,
        ratio: round(medianMs / baselineMedianMs),
        targetMs: TARGETS_MS[format],
        withinTarget: medianMs <= TARGETS_MS[format],
      });
    }
    return {
      description: `portolan render of an arranged ${SIZE}-component project (generated), wall time of the CLI process, median of ${RUNS}`,
      baseline:
        'a node process that reads the same file and parses it with yaml parseDocument (same start-up and read)',
      targets: 'SVG <= 300 ms, PNG and PDF <= 2000 ms',
      loadavg: { before: before.map(round), after: loadavg().map(round) },
      results,
      withinTarget: results.every((r) => r.withinTarget),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
