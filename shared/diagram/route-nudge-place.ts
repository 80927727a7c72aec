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
  const from = new Float64Array(n);
  const end = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    from[i] = order[i]!.from;
    end[i] = order[i]!.to + SPACING;
  }
  const placed = new PlacedIntervals(from, end);
  const at = new Float64Array(n);
  const bins = new Bins();
  const out: [T, number][] = [];
  for (let i = 0; i < n; i++) {
    const t = order[i]!;
    let to = t.c;
    if (!t.fixed) {
      bins.reset(t.c);
      placed.meeting(t.from, t.to + SPACING, (j) => bins.add(at[j]!));
      search: for (let g = 0; g < GAPS.length; g++) {
        const gap = GAPS[g]!;
        for (let k = 0; k <= 2 * STEPS; k++) {
          // Outwards from the line: 0, +1, -1, +2, -2, … steps.
          const step = (k % 2 ? 1 : -1) * Math.ceil(k / 2);
          const v = t.c + step * gap;
          if (v >= t.lo && v <= t.hi && !bins.taken(v, gap)) {
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

  reset(centre: number): void {
    this.base = Math.floor(centre) - REACH;
    this.epoch++;
  }

  /** Positions farther than REACH from the centre cannot take any place tried. */
  add(w: number): void {
    const b = Math.floor(w - this.base);
    if (!(b >= 0 && b < BINS)) return;
    if (this.stamp[b] !== this.epoch) {
      this.stamp[b] = this.epoch;
      this.min[b] = w;
      this.max[b] = w;
    } else if (w < this.min[b]!) this.min[b] = w;
    else if (w > this.max[b]!) this.max[b] = w;
  }

  /**
   * Whether a position added is less than `gap` from v. Only the bins of v − gap … v + gap can
   * hold one, and of each only its lowest or highest needs a look (see the class).
   */
  taken(v: number, gap: number): boolean {
    const first = Math.max(0, Math.floor(v - gap - this.base));
    const last = Math.min(BINS - 1, Math.floor(v + gap - this.base));
    for (let b = first; b <= last; b++) {
      if (this.stamp[b] !== this.epoch) continue;
      if (Math.abs(this.min[b]! - v) < gap || Math.abs(this.max[b]! - v) < gap) return true;
    }
    return false;
  }
}
