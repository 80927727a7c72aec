/** Small benchmark harness: medians over repeated runs, always next to a same-process baseline. */

export interface Timing {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly p95Ms: number;
}

export interface Comparison {
  readonly description: string;
  readonly subject: Timing;
  readonly baseline: Timing & { readonly description: string };
  /** subject median ÷ baseline median. */
  readonly ratio: number;
  readonly target?: string;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function time(fn: () => unknown, runs: number, warmup = Math.max(10, Math.floor(runs / 5))): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const median = samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
  return { runs, medianMs: round(median), minMs: round(samples[0]!), p95Ms: round(quantile(samples, 0.95)) };
}

/**
 * Times subject and baseline interleaved in rounds, so that a slow phase of the machine
 * (another process, a GC) lands on both rather than skewing the ratio.
 */
export function compare(
  description: string,
  subject: () => unknown,
  baselineDescription: string,
  baseline: () => unknown,
  runs: number,
  target?: string,
): Comparison {
  const rounds = 5;
  const per = Math.ceil(runs / rounds);
  const s: Timing[] = [];
  const b: Timing[] = [];
  for (let r = 0; r < rounds; r++) {
    s.push(time(subject, per, r === 0 ? undefined : 1));
    b.push(time(baseline, per, r === 0 ? undefined : 1));
  }
  const merge = (ts: Timing[]): Timing => {
    const medians = ts.map((t) => t.medianMs).sort((x, y) => x - y);
    return {
      runs: per * rounds,
      medianMs: medians[medians.length >> 1]!,
      minMs: Math.min(...ts.map((t) => t.minMs)),
      p95Ms: Math.max(...ts.map((t) => t.p95Ms)),
    };
  };
  const subjectT = merge(s);
  const baselineT = merge(b);
  return {
    description,
    subject: subjectT,
    baseline: { description: baselineDescription, ...baselineT },
    ratio: round(subjectT.medianMs / baselineT.medianMs),
    ...(target ? { target } : {}),
  };
}
