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
    readonly baseline: Timing & {
        readonly description: string;
    };
    /** subject median ÷ baseline median. */
    readonly ratio: number;
    readonly target?: string;
}
export declare function time(fn: () => unknown, runs: number, warmup?: number): Timing;
/**
 * Times subject and baseline interleaved in rounds, so that a slow phase of the machine
 * (another process, a GC) lands on both rather than skewing the ratio.
 */
export declare function compare(description: string, subject: () => unknown, baselineDescription: string, baseline: () => unknown, runs: number, target?: string): Comparison;
