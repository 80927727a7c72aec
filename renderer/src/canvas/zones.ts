/**
 * Zone areas: each zone is drawn as the union of rectangles around its members, joined by
 * "bridges" where that crosses no other zone's component. Members too far apart, or separated
 * by foreign components, form separate areas (each labelled). Pure and linear-ish: a grid
 * index limits every search to nearby components, so a drag recomputes the areas every frame.
 */
import type { Component, Project, ZoneId, ZoneKind } from '../../../shared/model/types';
import { inflate, intersects, union, type Box } from './geometry';

const PAD_X = 20;
/** Room above the top member for the zone's label. */
const PAD_TOP = 34;
const PAD_BOTTOM = 20;
/** Members further apart than this are never bridged. */
const MAX_GAP = 220;
/** A bridge keeps this far from a foreign component (its own zone padding goes there). */
const FOREIGN_MARGIN = 10;
const CELL = 256;
export const ZONE_LABEL_HEIGHT = 18;
/** Uppercase 11 px semibold with letter spacing. */
const ZONE_LABEL_CHAR = 8.2;

export interface ZoneArea {
  /** `zone:<zoneId>:<n>`, n numbering the areas of one zone from the top-left. */
  readonly id: string;
  readonly zone: ZoneId;
  readonly name: string;
  readonly kind: ZoneKind;
  readonly bounds: Box;
  /** Absolute rectangles whose union is the area (members' boxes padded, and bridges). */
  readonly rects: readonly Box[];
  /** Top-left of the label, absolute. */
  readonly label: Box;
  readonly members: readonly string[];
}

interface Item {
  readonly id: string;
  readonly zone: ZoneId | undefined;
  readonly box: Box;
}

/** A uniform grid over boxes, for "what is near this rectangle" queries. */
export class BoxGrid<T extends { readonly box: Box }> {
  private readonly cells = new Map<string, T[]>();
  constructor(private readonly cell = CELL) {}

  add(item: T): void {
    for (const key of this.keys(item.box)) {
      const list = this.cells.get(key);
      if (list) list.push(item);
      else this.cells.set(key, [item]);
    }
  }

  /** Items whose boxes intersect `box` (each once). */
  query(box: Box): T[] {
    const seen = new Set<T>();
    const out: T[] = [];
    for (const key of this.keys(box)) {
      for (const item of this.cells.get(key) ?? []) {
        if (seen.has(item) || !intersects(item.box, box)) continue;
        seen.add(item);
        out.push(item);
      }
    }
    return out;
  }

  private *keys(b: Box): Generator<string> {
    const x0 = Math.floor(b.x / this.cell);
    const x1 = Math.floor((b.x + b.w) / this.cell);
    const y0 = Math.floor(b.y / this.cell);
    const y1 = Math.floor((b.y + b.h) / this.cell);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x},${y}`;
  }
}

/** How far a member's area may reach in each direction: at most half-way to a foreign component. */
function paddedBox(item: Item, grid: BoxGrid<Item>): Box {
  let left = PAD_X;
  let right = PAD_X;
  let top = PAD_TOP;
  let bottom = PAD_BOTTOM;
  const b = item.box;
  const near = grid.query(inflate(b, PAD_X * 2 + 4, PAD_TOP * 2 + 4));
  for (const other of near) {
    if (other.zone === item.zone) continue;
    const o = other.box;
    const overlapY = o.y < b.y + b.h && b.y < o.y + o.h;
    const overlapX = o.x < b.x + b.w && b.x < o.x + o.w;
    if (overlapY) {
      if (o.x >= b.x + b.w) right = Math.min(right, (o.x - (b.x + b.w)) / 2 - 2);
      else if (o.x + o.w <= b.x) left = Math.min(left, (b.x - (o.x + o.w)) / 2 - 2);
    }
    if (overlapX) {
      if (o.y >= b.y + b.h) bottom = Math.min(bottom, (o.y - (b.y + b.h)) / 2 - 2);
      else if (o.y + o.h <= b.y) top = Math.min(top, (b.y - (o.y + o.h)) / 2 - 2);
    }
  }
  const clamp = (v: number) => Math.max(4, v);
  return {
    x: b.x - clamp(left),
    y: b.y - clamp(top),
    w: b.w + clamp(left) + clamp(right),
    h: b.h + clamp(top) + clamp(bottom),
  };
}

function gap(a: Box, b: Box): number {
  const dx = Math.max(0, b.x - (a.x + a.w), a.x - (b.x + b.w));
  const dy = Math.max(0, b.y - (a.y + a.h), a.y - (b.y + b.h));
  return Math.max(dx, dy);
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    let j = i;
    while (this.parent[j] !== r) {
      const next = this.parent[j]!;
      this.parent[j] = r;
      j = next;
    }
    return r;
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
    return true;
  }
}

interface Bridge {
  readonly a: number;
  readonly b: number;
  readonly rect: Box;
  readonly cost: number;
}

/**
 * The areas of every zone with members. `size` gives each component's box (the canvas' node
 * geometry); components without a zone, or in a zone the project does not declare, get none.
 */
export function zoneAreas(
  project: Project,
  boxOf: (c: Component) => Box,
  only?: ReadonlySet<ZoneId>,
): ZoneArea[] {
  const zones = new Map(project.zones.map((z) => [z.id, z]));
  const items: Item[] = project.components.map((c) => ({ id: c.id, zone: c.zone, box: boxOf(c) }));
  const grid = new BoxGrid<Item>();
  for (const item of items) grid.add(item);

  const byZone = new Map<ZoneId, Item[]>();
  for (const item of items) {
    if (item.zone === undefined || !zones.has(item.zone) || (only && !only.has(item.zone))) continue;
    const list = byZone.get(item.zone);
    if (list) list.push(item);
    else byZone.set(item.zone, [item]);
  }

  // Padded boxes, computed on demand: members', and foreign ones near a bridge.
  const paddedCache = new Map<Item, Box>();
  const padded = (item: Item) => {
    let box = paddedCache.get(item);
    if (!box) {
      box = paddedBox(item, grid);
      paddedCache.set(item, box);
    }
    return box;
  };
  // Foreign components near a rectangle: their boxes (with a margin) and their areas are off limits.
  const obstacles = (rect: Box, zone: ZoneId): Box[] => {
    const out: Box[] = [];
    for (const o of grid.query(inflate(rect, PAD_TOP + FOREIGN_MARGIN))) {
      if (o.zone === zone) continue;
      const near = inflate(o.box, FOREIGN_MARGIN);
      if (intersects(near, rect)) out.push(near);
      const area = padded(o);
      if (intersects(area, rect)) out.push(area);
    }
    return out;
  };
  const clear = (rect: Box, zone: ZoneId) => obstacles(rect, zone).length === 0;

  const areas: ZoneArea[] = [];
  for (const zone of project.zones) {
    const members = byZone.get(zone.id);
    if (!members) continue;
    const rects = members.map(padded);
    const index = new Map(members.map((m, i) => [m, i]));
    const bridges: Bridge[] = [];
    for (let i = 0; i < members.length; i++) {
      const a = members[i]!;
      for (const other of grid.query(inflate(a.box, MAX_GAP))) {
        const j = index.get(other);
        if (j === undefined || j <= i || gap(a.box, other.box) > MAX_GAP) continue;
        const bridge = bridgeBetween(
          rects[i]!,
          rects[j]!,
          (r) => clear(r, zone.id),
          (r) => obstacles(r, zone.id),
        );
        if (bridge) bridges.push({ a: i, b: j, ...bridge });
      }
    }
    bridges.sort((p, q) => p.cost - q.cost || p.a - q.a || p.b - q.b);
    const sets = new UnionFind(members.length);
    const chosen: Bridge[] = [];
    for (const bridge of bridges) if (sets.union(bridge.a, bridge.b)) chosen.push(bridge);

    const groups = new Map<number, { members: number[]; rects: Box[] }>();
    members.forEach((_, i) => {
      const root = sets.find(i);
      const g = groups.get(root) ?? { members: [], rects: [] };
      g.members.push(i);
      g.rects.push(rects[i]!);
      groups.set(root, g);
    });
    for (const bridge of chosen) groups.get(sets.find(bridge.a))!.rects.push(bridge.rect);

    const zoneAreas = [...groups.values()].map((g) => {
      const bounds = g.rects.reduce(union);
      const memberBoxes = g.members.map((i) => members[i]!.box);
      return {
        zone: zone.id,
        name: zone.name,
        kind: zone.kind,
        bounds,
        rects: g.rects,
        label: labelBox(zone.name, g.members.map((i) => rects[i]!), memberBoxes),
        members: g.members.map((i) => members[i]!.id),
      };
    });
    zoneAreas.sort((p, q) => p.bounds.y - q.bounds.y || p.bounds.x - q.bounds.x);
    zoneAreas.forEach((area, n) => areas.push({ id: `zone:${zone.id}:${n}`, ...area }));
  }
  return areas;
}

/**
 * The rectangle joining two members' areas: their bounding box when it crosses nothing foreign,
 * else that box cut back (above and below members side by side, left and right of stacked
 * ones) until it does — as long as it still joins them.
 */
function bridgeBetween(
  a: Box,
  b: Box,
  isClear: (r: Box) => boolean,
  obstacles: (r: Box) => Box[],
): { rect: Box; cost: number } | undefined {
  const box = union(a, b);
  const extra = (r: Box) => Math.max(0, r.w * r.h - a.w * a.h - b.w * b.h) + gap(a, b) * 100;
  if (isClear(box)) return { rect: box, cost: extra(box) };
  const sideBySide = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) >= 32;
  const stacked = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) >= 32;
  for (const horizontal of [true, false]) {
    if (horizontal ? !sideBySide : !stacked) continue;
    let lo = horizontal ? box.y : box.x;
    let hi = horizontal ? box.y + box.h : box.x + box.w;
    const mid = (lo + hi) / 2;
    for (const o of obstacles(box)) {
      const oLo = horizontal ? o.y : o.x;
      const oHi = horizontal ? o.y + o.h : o.x + o.w;
      if ((oLo + oHi) / 2 < mid) lo = Math.max(lo, oHi + 2);
      else hi = Math.min(hi, oLo - 2);
    }
    // Still joining: the cut box keeps a 32 px stretch shared with both members.
    const aLo = horizontal ? a.y : a.x;
    const aHi = horizontal ? a.y + a.h : a.x + a.w;
    const bLo = horizontal ? b.y : b.x;
    const bHi = horizontal ? b.y + b.h : b.x + b.w;
    if (Math.min(hi, aHi, bHi) - Math.max(lo, aLo, bLo) < 32) continue;
    const rect = horizontal ? { x: box.x, y: lo, w: box.w, h: hi - lo } : { x: lo, y: box.y, w: hi - lo, h: box.h };
    if (isClear(rect)) return { rect, cost: 1e6 + extra(rect) };
  }
  return undefined;
}

export function zoneLabelWidth(name: string): number {
  return Math.ceil(name.length * ZONE_LABEL_CHAR + 16);
}

/**
 * The label sits inside the area, above the top-left member that leaves room for it; when
 * none does, above the topmost member (over the area's border).
 */
function labelBox(name: string, paddedBoxes: readonly Box[], memberBoxes: readonly Box[]): Box {
  const w = zoneLabelWidth(name);
  const order = memberBoxes.map((_, i) => i).sort((p, q) => memberBoxes[p]!.y - memberBoxes[q]!.y || memberBoxes[p]!.x - memberBoxes[q]!.x);
  for (const i of order) {
    const room = memberBoxes[i]!.y - paddedBoxes[i]!.y;
    if (room >= ZONE_LABEL_HEIGHT + 10) {
      return { x: paddedBoxes[i]!.x + 8, y: memberBoxes[i]!.y - ZONE_LABEL_HEIGHT - 6, w, h: ZONE_LABEL_HEIGHT };
    }
  }
  const top = order[0]!;
  return { x: paddedBoxes[top]!.x + 8, y: paddedBoxes[top]!.y - ZONE_LABEL_HEIGHT / 2, w, h: ZONE_LABEL_HEIGHT };
}
