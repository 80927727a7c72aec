/**
 * The nudging's last resort (route-nudge.ts `spread`), for a cluster whose tracks fit no even
 * layout: tracks are placed one at a time, fixed ones first, then the least free first, each
 * as near its own line as the placed tracks it overlaps allow (`gap` apart: 6, else 3, else
 * 1.5 px; tried outwards from its line, at most 16 steps each way). A track with no such place
 * stays on its line.
 *
 * Busy corridors make clusters of thousands of tracks, thousands of them overlapping at one
 * height, so neither "which placed tracks overlap this one" nor "is a place taken" is a pass
 * over the placed tracks: an interval tree finds the overlapping ones, and their positions go
 * into 1 px bins around the track's line.
 */
import { PlacedIntervals } from './route-intervals';

/** What a placement reads of a track. */
export interface PlaceableTrack {
  /** Its line, and the range across it may move in. */
  readonly c: number;
  readonly lo: number;
  readonly hi: number;
  /** A fixed track stays on its line (and is placed first). */
  readonly fixed: boolean;
  /** Its extent along. */
  readonly from: number;
  readonly to: number;
}

/** Gaps tried in turn, and how many steps each way from the own line. */
const GAPS = [6, 3, 1.5] as const;
const STEPS = 16;
/** Tracks this far apart along or closer overlap (NUDGE_SPACING). */
const SPACING = 6;
/**
 * Bins around the track's line: every place tried is within STEPS × the largest gap of it, and
 * only positions less than a gap from a place can take it.
 */
const REACH = STEPS * GAPS[0] + GAPS[0] + 2;
const BINS = 2 * REACH + 2;

/** Each track and where it goes, in the order they were placed. */
export function placeOneByOne<T extends PlaceableTrack>(tracks: readonly T[]): [T, number][] {
  const order = [...tracks].sort((a, b) => +b.fixed - +a.fixed || a.hi - a.lo - (b.hi - b.lo) || a.c - b.c);
  const n = order.length;
  const placed = new PlacedIntervals(
    Float64Array.from(order, (t) => t.from),
    Float64Array.from(order, (t) => t.to + SPACING),
  );
  const at = new Float64Array(n);
  const bins = new Bins();
  const taken = new Uint8Array(2 * STEPS + 1);
  const out: [T, number][] = [];
  for (let i = 0; i < n; i++) {
    const t = order[i]!;
    let to = t.c;
    if (!t.fixed) {
      bins.reset(t.c);
      placed.meeting(t.from, t.to + SPACING, (j) => bins.add(at[j]!));
      search: for (const gap of GAPS) {
        bins.mark(t.c, gap, taken);
        for (let k = 0; k <= 2 * STEPS; k++) {
          // Outwards from the line: 0, +1, -1, +2, -2, … steps.
          const step = (k % 2 ? 1 : -1) * Math.ceil(k / 2);
          const v = t.c + step * gap;
          if (v >= t.lo && v <= t.hi && taken[step + STEPS] === 0) {
            to = v;
            break search;
          }
        }
      }
    }
    at[i] = to;
    placed.place(i);
    out.push([t, to]);
  }
  return out;
}

/**
 * Positions taken, by 1 px bin around a centre, each bin keeping its lowest and highest. Whether
 * some position w has |w − v| < gap needs only those two per bin: the positions that do form
 * one run about 2 × gap ≥ 3 px wide, so within a 1 px bin they include the lowest or the highest.
 */
class Bins {
  private base = 0;
  private epoch = 0;
  private readonly stamp = new Int32Array(BINS);
  private readonly min = new Float64Array(BINS);
  private readonly max = new Float64Array(BINS);
  /** The bins holding a position, in the order they were first filled. */
  private readonly used = new Int32Array(BINS);
  private count = 0;

  reset(centre: number): void {
    this.base = Math.floor(centre) - REACH;
    this.epoch++;
    this.count = 0;
  }

  /** Positions farther than REACH from the centre cannot take any place tried. */
  add(w: number): void {
    const b = Math.floor(w - this.base);
    if (!(b >= 0 && b < BINS)) return;
    if (this.stamp[b] !== this.epoch) {
      this.stamp[b] = this.epoch;
      this.min[b] = w;
      this.max[b] = w;
      this.used[this.count++] = b;
    } else if (w < this.min[b]!) this.min[b] = w;
    else if (w > this.max[b]!) this.max[b] = w;
  }

  /**
   * For each place c + step × gap (step −STEPS … STEPS), whether a position added is less
   * than `gap` from it: taken[step + STEPS] is 1 then, else 0. A position can only take the
   * places whose step is within one of (w − c) / gap.
   */
  mark(c: number, gap: number, taken: Uint8Array): void {
    taken.fill(0);
    for (let u = 0; u < this.count; u++) {
      const b = this.used[u]!;
      markNear(this.min[b]!, c, gap, taken);
      if (this.max[b] !== this.min[b]) markNear(this.max[b]!, c, gap, taken);
    }
  }
}

/** Marks the places position w takes (see `Bins.mark`). */
function markNear(w: number, c: number, gap: number, taken: Uint8Array): void {
  const near = Math.round((w - c) / gap);
  for (let step = Math.max(-STEPS, near - 2); step <= Math.min(STEPS, near + 2); step++) {
    if (Math.abs(w - (c + step * gap)) < gap) taken[step + STEPS] = 1;
  }
}
