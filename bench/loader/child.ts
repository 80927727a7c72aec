/**
 * One measurement of the `loaderHostile` benchmark, in a process of its own so that its peak
 * memory is its own: `child.ts FILE load|yaml RUNS` reads FILE, then loads it RUNS times with
 * `loadProject` (or parses it with bare `yaml`, the baseline) and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { loadProject } from '../../shared/format/index';

export interface ChildOutcome {
  readonly ok: boolean;
  /** The first problem's code, line and column; the number of problems. */
  readonly code?: string;
  readonly line?: number;
  readonly column?: number;
  readonly problems: number;
}

export interface ChildReport {
  /** Wall-clock milliseconds per run. */
  readonly times: readonly number[];
  /** CPU milliseconds per run (user + system, all threads): steadier than wall-clock on a busy machine. */
  readonly cpuTimes: readonly number[];
  /** Resident memory after reading the file, before the first run. */
  readonly idleRssMB: number;
  /** The process's peak resident memory: VmHWM where /proc has it, else getrusage's maxrss. */
  readonly peakRssMB: number;
  readonly outcome: ChildOutcome;
}

const [file, mode, runsArg] = process.argv.slice(2);
if (file === undefined || (mode !== 'load' && mode !== 'yaml')) {
  process.stderr.write('usage: child.ts FILE load|yaml RUNS\n');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const text = readFileSync(file, 'utf8');
const mb = (bytes: number): number => Math.round(bytes / 1024 / 102.4) / 10;
const idleRssMB = mb(process.memoryUsage().rss);

const times: number[] = [];
const cpuTimes: number[] = [];
const round = (ms: number): number => Math.round(ms * 10) / 10;
let outcome: ChildOutcome = { ok: false, problems: 0 };
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  if (mode === 'yaml') {
    const doc = parseDocument(text);
    const first = doc.errors[0];
    outcome = first ? { ok: false, code: first.code, problems: doc.errors.length } : { ok: true, problems: 0 };
  } else {
    const result = loadProject(text);
    const first = result.problems.find((p) => p.severity === 'error') ?? result.problems[0];
    outcome = {
      ok: result.ok,
      ...(first ? { code: first.code, line: first.line, column: first.column } : {}),
      problems: result.problems.length,
    };
  }
  const used = process.cpuUsage(cpu);
  times.push(round(performance.now() - start));
  cpuTimes.push(round((used.user + used.system) / 1000));
}

/**
 * Linux keeps getrusage's maxrss across exec, so in a child it can be the parent's peak at the
 * fork; VmHWM belongs to this program's own address space.
 */
function peakRss(): number {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS * 1024;
}

const report: ChildReport = { times, cpuTimes, idleRssMB, peakRssMB: mb(peakRss()), outcome };
process.stdout.write(`${JSON.stringify(report)}\n`);
