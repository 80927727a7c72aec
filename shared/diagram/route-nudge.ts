/**
 * Nudging (the last step of routing, route.ts): segments of different edges on (nearly) the same line, overlapping, are spread
 * NUDGE_SPACING apart within the free space around them, ordered to avoid adding crossings.
 */
import { fixedSort } from './fixed-sort';
import type { BoxIndex } from './route-box-index';
import { stackLevels } from './route-intervals';
import { placeOneByOne } from './route-nudge-place';
import type { Point } from './types';

/** Distance between edges nudged apart on a shared line. */
export const NUDGE_SPACING = 6;

interface Seg {
  readonly route: number;
  /** The segment runs from points[i] to points[i + 1]. */
  readonly i: number;
  /** Its coordinate across (x of a vertical segment) and its extent along. */
  readonly c: number;
  readonly lo: number;
  readonly hi: number;
  /** Where the segments attached at the lo/hi end go across: -1, +1, or 0 for an edge end. */
  readonly sideLo: number;
  readonly sideHi: number;
  /** The first and last segments stay: they hold the stubs at the edge's two ends. */
  readonly fixed: boolean;
  /**
   * The route's last point when this is the segment just before its last (else undefined):
   * see `trackKey`. (The key itself is written only for segments that meet others — most meet
   * none, and writing numbers as text is slow in code V8 has not optimised yet.)
   */
  readonly end: Point | undefined;
  /** Its place in the pass's sorted list, its line there, and its cluster. */
  k: number;
  line: number;
  cluster: number;
}

/** The segments on one coordinate: segs[start] .. segs[end - 1], sorted by lo. */
interface Line {
  readonly c: number;
  readonly start: number;
  end: number;
  maxLen: number;
  /** Its segments by cluster (filled once the clusters are known). */
  readonly groups: Group[];
}

/** The segments of one cluster on one line, sorted by lo. */
interface Group {
  readonly cluster: number;
  readonly segs: Seg[];
  maxLen: number;
  /** How many levels the cluster lays its tracks on (known once the clusters are planned). */
  demand: number;
}

/**
 * Narrows `range` (segment s's free range across) by the parallel segments of other clusters on
 * other lines less than `dist` away across that overlap s along and belong to other edges: the
 * space between two lines is shared in proportion to the clusters' levels. (Segments on s's own
 * line or in its own cluster never narrow it; in a busy corridor they are most of the
 * neighbours, so they are not even looked at.)
 */
function shareAcross(lines: readonly Line[], s: Seg, dist: number, mine: number, range: Range): void {
  for (let l = s.line - 1; l >= 0 && s.c - lines[l]!.c < dist; l--) shareWith(lines[l]!, s, mine, range);
  for (let l = s.line + 1; l < lines.length && lines[l]!.c - s.c < dist; l++) shareWith(lines[l]!, s, mine, range);
}

/** `shareAcross` for the segments of one other line. */
function shareWith(line: Line, s: Seg, mine: number, range: Range): void {
  for (let n = 0; n < line.groups.length; n++) {
    const g = line.groups[n]!;
    if (g.cluster === s.cluster) continue;
    // The first segment that may reach s: lo ≥ s.lo - NUDGE_SPACING - the group's longest.
    const from = s.lo - NUDGE_SPACING - g.maxLen;
    const segs = g.segs;
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid]!.lo < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < segs.length && segs[k]!.lo < s.hi + NUDGE_SPACING; k++) {
      const o = segs[k]!;
      if (!overlaps(o, s) || o.route === s.route) continue;
      const split = o.c + ((s.c - o.c) * g.demand) / (mine + g.demand);
      if (o.c < s.c) range.lo = Math.max(range.lo, split + NUDGE_SPACING / 2);
      else range.hi = Math.min(range.hi, split - NUDGE_SPACING / 2);
    }
  }
}

/** A free range across, narrowed step by step. */
interface Range {
  lo: number;
  hi: number;
}

/** One nudging pass: the segments of one orientation, sorted by coordinate. */
interface Pass {
  readonly routes: Point[][];
  readonly index: BoxIndex;
  readonly stub: number;
  readonly vertical: boolean;
  readonly lines: readonly Line[];
  /** How many levels each cluster lays its tracks on. */
  readonly demand: ReadonlyMap<number, number>;
}

/**
 * One pass over the vertical (then, in a second call, the horizontal) segments: clusters of
 * segments of different edges less than NUDGE_SPACING apart across and overlapping along are
 * laid out by `spread`. Ties are broken by the edges' ids (`rank`), never by input order.
 */
export function nudge(routes: Point[][], rank: Int32Array, index: BoxIndex, stub: number, vertical: boolean): void {
  const segs: Seg[] = [];
  for (let route = 0; route < routes.length; route++) {
    const pts = routes[route]!;
    const last = pts[pts.length - 1]!;
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[i + 1]!;
      if ((a.x === b.x) !== vertical) continue;
      const c = vertical ? a.x : a.y;
      const from = vertical ? a.y : a.x;
      const to = vertical ? b.y : b.x;
      // Where the segments attached at each end go across.
      const before = i > 0 ? Math.sign((vertical ? pts[i - 1]!.x : pts[i - 1]!.y) - c) : 0;
      const after = i + 2 < pts.length ? Math.sign((vertical ? pts[i + 2]!.x : pts[i + 2]!.y) - c) : 0;
      const up = from < to;
      const fixed = i === 0 || i === pts.length - 2;
      segs.push({
        route,
        i,
        c,
        lo: Math.min(from, to),
        hi: Math.max(from, to),
        sideLo: up ? before : after,
        sideHi: up ? after : before,
        fixed,
        end: i === pts.length - 3 ? last : undefined,
        k: 0,
        line: 0,
        cluster: 0,
      });
    }
  }
  segs.sort((a, b) => a.c - b.c || a.lo - b.lo || rank[a.route]! - rank[b.route]! || a.i - b.i);
  const lines: Line[] = [];
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!;
    s.k = k;
    const line = lines[lines.length - 1];
    if (line?.c === s.c) {
      line.end = k + 1;
      line.maxLen = Math.max(line.maxLen, s.hi - s.lo);
    } else lines.push({ c: s.c, start: k, end: k + 1, maxLen: s.hi - s.lo, groups: [] });
    s.line = lines.length - 1;
  }
  const parent = new Int32Array(segs.length);
  for (let k = 0; k < segs.length; k++) parent[k] = k;
  // Clusters: a sweep along each line and each pair of lines less than 3 × NUDGE_SPACING apart,
  // joining each segment to the furthest-reaching segment before it (which it overlaps if any
  // earlier one does).
  for (let l = 0; l < lines.length; l++) {
    const a = lines[l]!;
    let reach: Seg | undefined;
    for (let k = a.start; k < a.end; k++) {
      join(parent, segs[k]!, reach);
      reach = further(segs[k]!, reach);
    }
    for (let m = l + 1; m < lines.length && lines[m]!.c - a.c < 3 * NUDGE_SPACING; m++) {
      const b = lines[m]!;
      let i = a.start;
      let j = b.start;
      let reachA: Seg | undefined;
      let reachB: Seg | undefined;
      while (i < a.end || j < b.end) {
        if (j >= b.end || (i < a.end && segs[i]!.lo <= segs[j]!.lo)) {
          join(parent, segs[i]!, reachB);
          reachA = further(segs[i++]!, reachA);
        } else {
          join(parent, segs[j]!, reachA);
          reachB = further(segs[j++]!, reachB);
        }
      }
    }
  }
  const clusters = new Map<number, Seg[]>();
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!;
    s.cluster = root(parent, s.k);
    const list = clusters.get(s.cluster);
    if (list) list.push(s);
    else clusters.set(s.cluster, [s]);
  }
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const groups = new Map<number, Group>();
    for (let k = line.start; k < line.end; k++) {
      const s = segs[k]!;
      const g = groups.get(s.cluster);
      if (g) {
        g.segs.push(s);
        g.maxLen = Math.max(g.maxLen, s.hi - s.lo);
      } else groups.set(s.cluster, { cluster: s.cluster, segs: [s], maxLen: s.hi - s.lo, demand: 1 });
    }
    groups.forEach((g) => line.groups.push(g));
  }
  // Map order is insertion order: clusters by their first member in `segs` order.
  const plans: Plan[] = [];
  const demand = new Map<number, number>();
  clusters.forEach((members, id) => {
    const p = members.length > 1 ? plan(members) : undefined;
    demand.set(id, p ? highest(p.level) + 1 : 1);
    if (p && p.tracks.length > 1) plans.push(p);
  });
  for (let l = 0; l < lines.length; l++) {
    const groups = lines[l]!.groups;
    for (let k = 0; k < groups.length; k++) groups[k]!.demand = demand.get(groups[k]!.cluster)!;
  }
  const pass: Pass = { routes, index, stub, vertical, lines, demand };
  for (let k = 0; k < plans.length; k++) spread(plans[k]!, pass);
}

/** The set of segment k in the union-find `parent`, halving the path on the way (no recursion). */
function root(parent: Int32Array, k: number): number {
  while (parent[k] !== k) {
    const up = parent[k]!;
    parent[k] = parent[up]!;
    k = up;
  }
  return k;
}

/** Puts s in o's cluster when they overlap and belong to different edges. */
function join(parent: Int32Array, s: Seg, o: Seg | undefined): void {
  if (o && o.route !== s.route && overlaps(o, s)) parent[root(parent, s.k)] = root(parent, o.k);
}

/** Of s and o, the one that reaches further along (o on a tie). */
const further = (s: Seg, o: Seg | undefined): Seg => (o && o.hi >= s.hi ? o : s);

/**
 * Whether two parallel extents overlap or come within NUDGE_SPACING of each other (ends that
 * nearly touch on one line would read as one edge, and the other pass may still stretch them).
 */
const overlaps = (a: { lo: number; hi: number }, b: { lo: number; hi: number }): boolean =>
  Math.min(a.hi, b.hi) + NUDGE_SPACING > Math.max(a.lo, b.lo);

interface Track {
  readonly members: Seg[];
  readonly c: number;
  readonly fixed: boolean;
  /** Extent along (over all members) and free range across. */
  lo: number;
  hi: number;
  from: number;
  to: number;
}

/** A cluster's tracks in an order that adds few crossings, and each track's level in it. */
interface Plan {
  readonly tracks: Track[];
  readonly order: Track[];
  readonly level: Int32Array;
}

/**
 * Segments with the same key and coordinate share a track: fixed ones, and the segments just
 * before the last of edges that end at the same point (they merge into its approach).
 */
function trackKey(s: Seg): string | undefined {
  if (s.fixed) return 'fixed';
  return s.end === undefined ? undefined : `to ${s.end.x},${s.end.y}`;
}

/**
 * Tracks: each movable segment alone, segments with the same key and line together. Each
 * track goes one level past every earlier track (in `order`) it overlaps, so tracks that do
 * not overlap may share a line.
 */
function plan(members: Seg[]): Plan {
  const tracks: Track[] = [];
  // The track of each key and line, once there is one (coordinates are finite numbers).
  const shared = new Map<string, Map<number, Track>>();
  for (let k = 0; k < members.length; k++) {
    const s = members[k]!;
    const key = trackKey(s);
    const same = key === undefined ? undefined : shared.get(key)?.get(s.c);
    if (same) {
      same.members.push(s);
      same.from = Math.min(same.from, s.lo);
      same.to = Math.max(same.to, s.hi);
      continue;
    }
    const track: Track = { members: [s], c: s.c, fixed: s.fixed, lo: s.c, hi: s.c, from: s.lo, to: s.hi };
    tracks.push(track);
    if (key === undefined) continue;
    const byLine = shared.get(key);
    if (byLine) byLine.set(s.c, track);
    else shared.set(key, new Map([[s.c, track]]));
  }
  // Not a total order (crossings need not be transitive): a sort whose result is the input's alone.
  const order = fixedSort(tracks, (a, b) => crossings(a, b) - crossings(b, a) || a.c - b.c);
  return { tracks, order, level: levels(order) };
}

/** Crossings added when track `a` lies at a lower coordinate than track `b`. */
function crossings(a: Track, b: Track): number {
  let n = 0;
  for (let i = 0; i < a.members.length; i++)
    for (let j = 0; j < b.members.length; j++) n += cross(a.members[i]!, b.members[j]!);
  return n;
}

/** Each track's level: one past the highest earlier track (in this order) it overlaps. */
function levels(order: readonly Track[]): Int32Array {
  const from = new Float64Array(order.length);
  const end = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) {
    from[k] = order[k]!.from;
    end[k] = order[k]!.to + NUDGE_SPACING;
  }
  return stackLevels(from, end);
}

function highest(values: Int32Array): number {
  let top = -Infinity;
  for (let k = 0; k < values.length; k++) if (values[k]! > top) top = values[k]!;
  return top;
}

/**
 * Lays out one cluster: levels `gap` apart (NUDGE_SPACING, less when room is short), centred
 * on the cluster's line and inside every track's free range. When no such layout fits, tracks
 * are placed one at a time, the least free first, each as near its line as the tracks it
 * overlaps allow.
 */
function spread({ tracks, order, level }: Plan, pass: Pass): void {
  const reach = NUDGE_SPACING * Math.min(tracks.length, 8);
  const range: Range = { lo: 0, hi: 0 };
  let sum = 0;
  for (let k = 0; k < tracks.length; k++) {
    const t = tracks[k]!;
    sum += t.c;
    if (t.fixed) continue;
    t.lo = -Infinity;
    t.hi = Infinity;
    for (let m = 0; m < t.members.length; m++) {
      freeRange(t.members[m]!, pass, reach, range);
      t.lo = Math.max(t.lo, range.lo);
      t.hi = Math.min(t.hi, range.hi);
    }
    if (t.lo > t.hi) t.lo = t.hi = t.c;
  }
  const centre = sum / tracks.length;
  if (layEvenly(order, level, centre, pass)) return;
  // The least free first (made only when the planned order does not fit: most clusters do).
  const byRoom = [...tracks].sort((a, b) => a.lo + a.hi - b.lo - b.hi || a.c - b.c);
  if (layEvenly(byRoom, levels(byRoom), centre, pass)) return;
  const placed = placeOneByOne(tracks);
  for (let k = 0; k < placed.length; k++) moveTrack(placed[k]![0], placed[k]![1], pass);
}

const GAPS = [NUDGE_SPACING, 5, 4, 3, 2, 1.5, 1] as const;

/**
 * Track k of `ordered` at base + at[k] × gap, for the widest gap at which every track lies in its
 * free range, centred on `centre` as far as they allow; false (nothing moved) when none fits.
 */
function layEvenly(ordered: readonly Track[], at: Int32Array, centre: number, pass: Pass): boolean {
  const top = highest(at);
  for (let g = 0; g < GAPS.length; g++) {
    const gap = GAPS[g]!;
    let low = -Infinity;
    let high = Infinity;
    for (let k = 0; k < ordered.length; k++) {
      low = Math.max(low, ordered[k]!.lo - at[k]! * gap);
      high = Math.min(high, ordered[k]!.hi - at[k]! * gap);
    }
    if (low > high) continue;
    const base = snap(centre - (top * gap) / 2, low, high);
    for (let k = 0; k < ordered.length; k++) moveTrack(ordered[k]!, base + at[k]! * gap, pass);
    return true;
  }
  return false;
}

function moveTrack(t: Track, to: number, pass: Pass): void {
  if (!t.fixed) for (let k = 0; k < t.members.length; k++) move(t.members[k]!, to, pass);
}

/** The whole number nearest v within low..high (v itself, clamped, when none is). */
function snap(v: number, low: number, high: number): number {
  const n = Math.min(Math.floor(high), Math.max(Math.ceil(low), Math.round(v)));
  return n >= low && n <= high ? n : Math.min(high, Math.max(low, v));
}

/** Crossings added when `a` lies at a lower coordinate than `b` (their attached segments cut the other). */
function cross(a: Seg, b: Seg): number {
  return (
    +(a.sideLo > 0 && within(a.lo, b)) +
    +(a.sideHi > 0 && within(a.hi, b)) +
    +(b.sideLo < 0 && within(b.lo, a)) +
    +(b.sideHi < 0 && within(b.hi, a))
  );
}

const within = (v: number, s: Seg): boolean => s.lo < v && v < s.hi;

/**
 * How far a segment may move across: up to obstacles, to its share of the space towards the
 * parallel segments of other clusters, and without undoing its neighbours (stubs included).
 */
function freeRange(s: Seg, pass: Pass, reach: number, range: Range): void {
  range.lo = s.c - reach;
  range.hi = s.c + reach;
  if (!pass.index.roomAcross(pass.vertical, s.c, s.lo, s.hi, range)) {
    // It runs through a box already (a route that found nothing free).
    range.lo = range.hi = s.c;
    return;
  }
  shareAcross(pass.lines, s, 2 * reach + 1, pass.demand.get(s.cluster)!, range);
  const pts = pass.routes[s.route]!;
  keepNeighbour(s, pts, s.i - 1, pass, range);
  keepNeighbour(s, pts, s.i + 2, pass, range);
  range.lo = Math.min(range.lo, s.c);
  range.hi = Math.max(range.hi, s.c);
}

/** Narrows `range` so that moving s does not undo the segment ending at point j of its route (a stub: `stub` long). */
function keepNeighbour(s: Seg, pts: readonly Point[], j: number, pass: Pass, range: Range): void {
  const o = pass.vertical ? pts[j]!.x : pts[j]!.y;
  const min = j === 0 || j === pts.length - 1 ? pass.stub : Math.min(Math.abs(o - s.c), NUDGE_SPACING);
  if (o > s.c) range.hi = Math.min(range.hi, o - min);
  else range.lo = Math.max(range.lo, o + min);
}

/**
 * Moves a segment to `to` across. Within its free range this crosses nothing: an obstacle in
 * the way of the segment, or of the stretched end of a neighbour, would overlap the segment
 * along and so bound the range.
 */
function move(s: Seg, to: number, pass: Pass): void {
  if (to === s.c) return;
  const pts = pass.routes[s.route]!;
  for (let k = s.i; k <= s.i + 1; k++) pts[k] = pass.vertical ? { x: to, y: pts[k]!.y } : { x: pts[k]!.x, y: to };
}
