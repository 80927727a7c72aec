/**
 * The `loaderHostile` benchmark (`npm run bench -- loaderHostile`): every shape of bench/loader/shapes.ts
 * — wide maps, deep nesting, long scalars and lines, aliases, documents, comments — loaded in a
 * fresh process RUNS times (one load each), reporting the median and slowest time, the highest
 * peak resident memory, and the outcome. The baseline is bare `yaml` parsing of a benign generated
 * project of the same size (5 MB), measured the same way in the same run. Target: every shape
 * loaded or refused in ≤ 1 s and ≤ 300 MB (issue 11).
 *
 * The child is bundled as the CLI is (vite, `yaml` left external) and run by plain `node`, so its
 * memory is what the CLI's would be, without tsx's compiler in the process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { ChildReport } from './child';
import { countTokens, SHAPES } from './shapes';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CHILD_SOURCE = join(HERE, 'child.ts');
/** Inside the repository, so that the bundle's `import 'yaml'` resolves from node_modules. */
const CHILD_DIR = join(ROOT, 'out', 'bench-loader');
const CHILD = join(CHILD_DIR, 'child.mjs');
const RUNS = 5;
const BASELINE_RUNS = 3;
const TARGET_MS = 1000;
const TARGET_MB = 300;

/**
 * Each run is a fresh process that loads the file once, as the CLI does: its time includes
 * compiling the loader and `yaml` on first use, and its peak memory holds one load only (a
 * process that loads again keeps earlier garbage while V8 grows its heap).
 */
interface Measured {
  readonly runs: number;
  /** Wall-clock time of the load: median and slowest run. */
  readonly medianMs: number;
  readonly maxMs: number;
  /** The same in CPU time (all threads), which other work on the machine barely moves. */
  readonly medianCpuMs: number;
  readonly maxCpuMs: number;
  /** The highest peak resident memory of any run, Node itself included. */
  readonly peakRssMB: number;
  /** Resident memory before the load (Node, the bundled loader and the text). */
  readonly idleRssMB: number;
}

export interface ShapeResult extends Measured {
  readonly what: string;
  readonly bytes: number;
  readonly tokens: number;
  readonly expected: string;
  readonly outcome: ChildReport['outcome'];
  readonly asExpected: boolean;
  /** medianCpuMs ÷ the baseline's medianCpuMs. */
  readonly ratio: number;
  readonly withinTarget: boolean;
}

export interface LoaderHostileResult {
  readonly description: string;
  readonly target: string;
  /** os.loadavg() before and after: wall-clock times mean little when this is above the core count. */
  readonly loadAverage: { readonly before: number; readonly after: number; readonly cores: number };
  readonly baseline: Measured & { readonly description: string; readonly bytes: number };
  readonly allWithinTarget: boolean;
  readonly allAsExpected: boolean;
  readonly shapes: Record<string, ShapeResult>;
}

const round = (n: number): number => Math.round(n * 100) / 100;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function measure(file: string, mode: 'load' | 'yaml', runs: number): Measured & { outcome: ChildReport['outcome'] } {
  const reports = Array.from({ length: runs }, () => {
    const child = spawnSync(process.execPath, [CHILD, file, mode, '1'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`loader benchmark child failed (${child.status}): ${child.stderr}`);
    return JSON.parse(child.stdout) as ChildReport;
  });
  const times = reports.map((r) => r.times[0]!);
  const cpu = reports.map((r) => r.cpuTimes[0]!);
  return {
    runs,
    medianMs: median(times),
    maxMs: Math.max(...times),
    medianCpuMs: median(cpu),
    maxCpuMs: Math.max(...cpu),
    peakRssMB: Math.max(...reports.map((r) => r.peakRssMB)),
    idleRssMB: median(reports.map((r) => r.idleRssMB)),
    outcome: reports[0]!.outcome,
  };
}

async function buildChild(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: true,
      target: 'node20',
      outDir: CHILD_DIR,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { input: { child: CHILD_SOURCE }, output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
}

export async function loaderHostile(): Promise<LoaderHostileResult> {
  await buildChild();
  const loadBefore = round(loadavg()[0]!);
  const dir = mkdtempSync(join(tmpdir(), 'portolan-loader-bench-'));
  try {
    const write = (name: string, text: string): string => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, text);
      return file;
    };
    const benign = SHAPES.find((s) => s.name === 'benign5MB');
    if (benign === undefined) throw new Error('the benign5MB shape is the baseline');
    const benignText = benign.text();
    const base = measure(write('baseline', benignText), 'yaml', BASELINE_RUNS);
    const { outcome: _, ...baseMeasured } = base;
    const baseline = {
      description: `bare yaml parseDocument of benign5MB (${benignText.length} bytes), measured the same way`,
      bytes: benignText.length,
      ...baseMeasured,
    };

    const shapes: Record<string, ShapeResult> = {};
    for (const shape of SHAPES) {
      const text = shape.name === benign.name ? benignText : shape.text();
      const { outcome, ...m } = measure(write(shape.name, text), 'load', RUNS);
      shapes[shape.name] = {
        what: shape.what,
        bytes: text.length,
        tokens: countTokens(text),
        expected: shape.expect,
        outcome,
        asExpected: shape.expect === 'ok' ? outcome.ok : outcome.code === shape.expect,
        ...m,
        ratio: Math.round((m.medianCpuMs / baseline.medianCpuMs) * 1000) / 1000,
        withinTarget: m.medianCpuMs <= TARGET_MS && m.medianMs <= TARGET_MS && m.peakRssMB <= TARGET_MB,
      };
    }
    const all = Object.values(shapes);
    return {
      description: 'loadProject on generated pathological files of up to 5 MB, each in its own process',
      target: `every shape, loaded once in a fresh process: median wall and CPU time <= ${TARGET_MS} ms, peak RSS <= ${TARGET_MB} MB`,
      loadAverage: { before: loadBefore, after: round(loadavg()[0]!), cores: availableParallelism() },
      baseline,
      allWithinTarget: all.every((s) => s.withinTarget),
      allAsExpected: all.every((s) => s.asExpected),
      shapes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
