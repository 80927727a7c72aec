/**
 * The A* search of route.ts over an edge's graph (route-grid.ts): a state is (node, incoming
 * direction), a move costs its length plus a bend penalty, U-turns are not moves, and the
 * heuristic counts the bends still needed to arrive moving east.
 */
import type { BoxIndex } from './route-box-index';
import type { EdgeGraph, Ray } from './route-grid';
import { EAST, SOUTH, WEST } from './route-grid';

/**
 * A lower bound on the bends still needed from a point moving in direction `d` to a goal
 * `dx`,`dy` away that must be left moving east (an arrival moving north/south bends there).
 */
function bendsLeft(dx: number, dy: number, d: number): number {
  if (d === EAST) return dx < 0 ? 4 : dy === 0 ? 0 : 2;
  if (d === WEST) return dy === 0 ? 4 : 2;
  const ahead = d === SOUTH ? dy : -dy;
  return ahead >= 0 && dx >= 0 ? 1 : 3;
}

/**
 * h of a state at (px, py) moving in direction d, the goal at (tx, ty): the length and the bends
 * still needed, and (soft search) `penalty` per box around the goal not yet entered.
 */
function estimate(
  tx: number,
  ty: number,
  px: number,
  py: number,
  d: number,
  bendCost: number,
  around: readonly number[],
  index: BoxIndex,
  penalty: number,
): number {
  const dx = tx - px;
  const dy = ty - py;
  return withPenalties(Math.abs(dx) + Math.abs(dy) + bendCost * bendsLeft(dx, dy, d), px, py, around, index, penalty);
}

/** h plus `penalty` for each box of `around` that (px, py) is not inside, added one by one. */
function withPenalties(
  h: number,
  px: number,
  py: number,
  around: readonly number[],
  index: BoxIndex,
  penalty: number,
): number {
  for (let k = 0; k < around.length; k++) if (!index.crosses(around[k]!, px, py, px, py)) h += penalty;
  return h;
}

export interface SearchOptions {
  readonly bendCost: number;
  /** Soft obstacles: entering a box costs `penalty` instead of being impossible. */
  readonly soft: boolean;
  readonly penalty: number;
  /** f = g + weight × h: 1 finds the cheapest path; more trades optimality for fewer expansions. */
  readonly weight: number;
  /** Expansions allowed before giving up. */
  readonly budget: number;
  /** Only nodes inside this window (x1, y1, x2, y2) are visited. */
  readonly window: readonly [number, number, number, number];
}

/** Whether the graph move `move` (node × 4 + direction) passes through an obstacle. */
function graphMoveBlocked(graph: EdgeGraph, index: BoxIndex, move: number): boolean {
  const vis = graph.vis;
  const from = move >> 2;
  const to = vis.neighbour(from, move & 3);
  return index.blocked(vis.x(from), vis.y(from), vis.x(to), vis.y(to));
}

/** An edge graph's own segments as (coordinate across, from, to) triples, in `reuse` when it has the size. */
function flatRays(rays: readonly Ray[], reuse: Float64Array): Float64Array {
  const flat = reuse.length === 3 * rays.length ? reuse : new Float64Array(3 * rays.length);
  for (let r = 0; r < rays.length; r++) {
    const ray = rays[r]!;
    flat[3 * r] = ray[0];
    flat[3 * r + 1] = ray[1];
    flat[3 * r + 2] = ray[2];
  }
  return flat;
}

/** The boxes around the goal of a hard search: none (it never enters one). */
const NONE: readonly number[] = [];

/** The nodes of the path found, `none` when there is none, or `budget` when the search gave up. */
export type SearchResult = number[] | 'none' | 'budget';

/** A* from any of `starts` to `goal` (then leaving east). Buffers are kept between searches. */
export class Searcher {
  private g = new Float64Array(0);
  private parent = new Int32Array(0);
  private stamp = new Int32Array(0);
  /** Per state (node × 4 + direction): the node a move reaches, or -1 (valid when moveStamp is this epoch). */
  private moveTo = new Int32Array(0);
  private moveStamp = new Int32Array(0);
  private epoch = 0;
  private heapState = new Int32Array(256);
  private heapF = new Float64Array(256);
  private heapG = new Float64Array(256);
  private heapSize = 0;
  private poppedG = 0;
  /** The current edge's own segments, flat (see `flatRays`). */
  private ownV: Float64Array = new Float64Array(6);
  private ownH: Float64Array = new Float64Array(6);

  constructor(private readonly index: BoxIndex) {}

  /** `starts`: (node, direction it leaves in) pairs; the path found begins at one of them. */
  run(
    graph: EdgeGraph,
    starts: readonly (readonly [number, number])[],
    goal: number,
    opts: SearchOptions,
  ): SearchResult {
    this.reserve(graph.size * 4 + 1);
    const { g, parent, stamp, moveTo, moveStamp, index } = this;
    const vis = graph.vis;
    const free = opts.soft ? undefined : vis.free;
    const epoch = ++this.epoch;
    const tx = graph.x(goal);
    const ty = graph.y(goal);
    const done = graph.size * 4;
    const { bendCost, weight, soft, penalty } = opts;
    const win = opts.window;
    const wx1 = win[0];
    const wy1 = win[1];
    const wx2 = win[2];
    const wy2 = win[3];
    // The loop below runs once per node of every route, mostly before V8 has optimised it, where
    // every call and property read costs: coordinates are read here rather than by graph.x/y
    // (graph nodes below `mine`, the edge's own nodes from `own`), and moves along graph lines
    // are found here rather than by `graph.next` (see below).
    const mine = vis.size;
    const { nodeX, nodeY, yStart, lineY, lineX, xStart, xPos, xList } = vis;
    const own = graph.slots;
    const ownV = (this.ownV = flatRays(graph.vertical, this.ownV));
    const ownH = (this.ownH = flatRays(graph.horizontal, this.ownH));
    // Soft: every box around the goal must still be entered from outside it (keeps h admissible).
    let around = NONE;
    if (soft) {
      const boxes: number[] = [];
      const n = index.near(tx, ty, tx, ty);
      for (let k = 0; k < n; k++)
        if (index.crosses(index.candidates[k]!, tx, ty, tx, ty)) boxes.push(index.candidates[k]!);
      around = boxes;
    }
    // Relaxing a state: when `cost` beats what it has (or it has nothing yet this search), record
    // it and queue it at f = cost + weight × h. Written out below rather than as a closure: the
    // closure would put every variable it reads into a context object, the loop's too.
    this.heapSize = 0;
    for (const [start, leave] of starts) {
      const first = start * 4 + leave;
      stamp[first] = epoch;
      g[first] = 0;
      parent[first] = -1;
      this.push(
        first,
        0 + weight * estimate(tx, ty, graph.x(start), graph.y(start), leave, bendCost, around, index, penalty),
        0,
      );
    }
    let budget = opts.budget;
    while (this.heapSize > 0) {
      if (budget-- === 0) return 'budget';
      const state = this.pop();
      if (state === done) return this.path(done);
      const base = g[state]!;
      if (this.poppedG > base) continue; // stale entry
      const node = state >> 2;
      const d = state & 3;
      const plain = node < mine;
      const k = node - mine;
      const ax = plain ? nodeX[node]! : own.x[k]!;
      const ay = plain ? nodeY[node]! : own.y[k]!;
      if (node === goal && d !== WEST) {
        const cost = base + (d === EAST ? 0 : bendCost);
        if (stamp[done] !== epoch || !(g[done]! <= cost)) {
          stamp[done] = epoch;
          g[done] = cost;
          parent[done] = state;
          this.push(done, cost + weight * withPenalties(0, tx, ty, around, index, penalty), cost);
        }
      }
      // The graph lines through the node that a move east/west (onY) or north/south (onX) runs
      // along — -1 for an own node where that move runs along one of the edge's own segments,
      // which only `graph.next` follows. Most nodes of a route are own nodes on a long own
      // segment, and two of their three moves go across it, along a graph line.
      // Whether the node lies on one of the edge's own horizontal (inH) or vertical (inV)
      // segments: looked at once here, as a loop rather than a call per question.
      let inH = false;
      for (let r = 0; r < ownH.length; r += 3) if (ownH[r] === ay) inH = true;
      let inV = false;
      for (let r = 0; r < ownV.length; r += 3) if (ownV[r] === ax) inV = true;
      const onY = plain ? lineY[node]! : inH ? -1 : own.gy[k]!;
      const onX = plain ? lineX[node]! : inV ? -1 : own.gx[k]!;
      const ownOnY = plain && inH;
      const ownOnX = plain && inV;
      for (let nd = 0; nd < 4; nd++) {
        if (nd === ((d + 2) & 3)) continue;
        const key = node * 4 + nd;
        if (moveStamp[key] !== epoch) {
          moveStamp[key] = epoch;
          // As `graph.next(node, nd)` with its plainMove, freeMove and within, when the move runs
          // along a graph line and no own segment crosses it: then it ends at the next graph node.
          const horizontal = (nd & 1) === 0;
          const sign = nd === EAST || nd === SOUTH ? 1 : -1;
          let to = -2; // -2: left to graph.next
          let within = -1;
          if (plain && !(horizontal ? ownOnY : ownOnX)) {
            // Visibility.neighbour, inline.
            if (nd === EAST) to = node + 1 < yStart[onY + 1]! ? node + 1 : -1;
            else if (nd === WEST) to = node > yStart[onY]! ? node - 1 : -1;
            else {
              const at = xPos[node]! + sign;
              to = at >= xStart[onX]! && at < xStart[onX + 1]! ? xList[at]! : -1;
            }
            within = to >= 0 ? key : -1;
          } else if (!plain && (horizontal ? onY : onX) >= 0) {
            to = horizontal ? vis.onY(onY, ax, sign) : vis.onX(onX, ay, sign);
            const before = to >= 0 ? vis.neighbour(to, (nd + 2) & 3) : -1;
            if (before >= 0) within = before * 4 + nd;
          }
          if (to !== -2) {
            // Whether the move, from p along at q across, meets one of the edge's own segments
            // across it before `best` — where `graph.next` would stop at the crossing instead.
            const best = to < 0 ? sign * Infinity : horizontal ? nodeX[to]! : nodeY[to]!;
            const across = horizontal ? ownV : ownH;
            const p = horizontal ? ax : ay;
            const q = horizontal ? ay : ax;
            for (let r = 0; r < across.length; r += 3) {
              const at = across[r]!;
              if (across[r + 1]! <= q && q <= across[r + 2]! && sign * (at - p) > 0 && sign * (at - best) < 0) {
                to = -2;
                break;
              }
            }
          }
          let cached = plain && to >= 0;
          let freeMove = false;
          if (to === -2) {
            to = graph.next(node, nd);
            cached = graph.plainMove;
            freeMove = graph.freeMove;
            within = graph.within;
          }
          if (to >= 0 && free !== undefined) {
            let ok = cached ? free[key]! : 0;
            if (ok === 0 && freeMove) ok = 1;
            if (ok === 0 && !cached && within >= 0) {
              // A part of a free graph move is free (the graph move's freedom is cached for every edge).
              if (free[within] === 0) free[within] = graphMoveBlocked(graph, index, within) ? 2 : 1;
              if (free[within] === 1) ok = 1;
            }
            if (ok === 0) {
              const bx = to < mine ? nodeX[to]! : own.x[to - mine]!;
              const by = to < mine ? nodeY[to]! : own.y[to - mine]!;
              ok = index.blocked(ax, ay, bx, by) ? 2 : 1;
            }
            if (cached) free[key] = ok;
            if (ok === 2) to = -1;
          }
          moveTo[key] = to;
        }
        const next = moveTo[key]!;
        if (next < 0) continue;
        const bx = next < mine ? nodeX[next]! : own.x[next - mine]!;
        const by = next < mine ? nodeY[next]! : own.y[next - mine]!;
        if (bx < wx1 || bx > wx2 || by < wy1 || by > wy2) continue;
        let cost = base + Math.abs(bx - ax) + Math.abs(by - ay) + (nd === d ? 0 : bendCost);
        if (soft) cost += penalty * index.entries(ax, ay, bx, by);
        const to = next * 4 + nd;
        if (stamp[to] === epoch && g[to]! <= cost) continue;
        stamp[to] = epoch;
        g[to] = cost;
        parent[to] = state;
        this.push(to, cost + weight * estimate(tx, ty, bx, by, nd, bendCost, around, index, penalty), cost);
      }
    }
    return 'none';
  }

  private path(done: number): number[] {
    const out: number[] = [];
    for (let s = this.parent[done]!; s >= 0; s = this.parent[s]!) out.push(s >> 2);
    return out.reverse();
  }

  private reserve(size: number): void {
    if (this.stamp.length >= size) return;
    size = Math.max(size, this.stamp.length * 2);
    this.g = new Float64Array(size);
    this.parent = new Int32Array(size);
    this.stamp = new Int32Array(size);
    this.moveTo = new Int32Array(size);
    this.moveStamp = new Int32Array(size);
  }

  /** Heap order: lower f first; on a tie the deeper entry (higher g), which dives toward the goal. */
  private push(state: number, f: number, g: number): void {
    if (this.heapSize === this.heapState.length) {
      const n = this.heapSize * 2;
      const S = new Int32Array(n);
      const F = new Float64Array(n);
      const G = new Float64Array(n);
      S.set(this.heapState);
      F.set(this.heapF);
      G.set(this.heapG);
      [this.heapState, this.heapF, this.heapG] = [S, F, G];
    }
    const { heapState: S, heapF: F, heapG: G } = this;
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      // Every comparison made on every step: a tie is rare, and code that compares g only on a
      // tie is optimised without feedback for it, then thrown away at the first tie.
      const fp = F[p]!;
      const gp = G[p]!;
      const before = fp < f;
      const tie = fp === f;
      const deeper = gp >= g;
      if (before || (tie && deeper)) break;
      S[i] = S[p]!;
      F[i] = fp;
      G[i] = gp;
      i = p;
    }
    S[i] = state;
    F[i] = f;
    G[i] = g;
  }

  /** Removes the top entry and returns its state (its g when pushed goes to `poppedG`). */
  private pop(): number {
    const { heapState: S, heapF: F, heapG: G } = this;
    const top = S[0]!;
    this.poppedG = G[0]!;
    const n = --this.heapSize;
    const state = S[n]!;
    const f = F[n]!;
    const g = G[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      // Every comparison made on every step, as in `push`.
      let fc = F[c]!;
      let gc = G[c]!;
      if (c + 1 < n) {
        const fr = F[c + 1]!;
        const gr = G[c + 1]!;
        const less = fr < fc;
        const tie = fr === fc;
        const deeper = gr > gc;
        if (less || (tie && deeper)) {
          c++;
          fc = fr;
          gc = gr;
        }
      }
      const less = f < fc;
      const tie = f === fc;
      const deeper = g >= gc;
      if (less || (tie && deeper)) break;
      S[i] = S[c]!;
      F[i] = fc;
      G[i] = gc;
      i = c;
    }
    S[i] = state;
    F[i] = f;
    G[i] = g;
    return top;
  }
}
