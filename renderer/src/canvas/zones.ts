/**
 * Zone areas: each zone is drawn as the union of rectangles around its members, joined by
 * "bridges" where that crosses no other zone's component. Members too far apart, or separated
 * by foreign components, form separate areas (each labelled). Pure and linear-ish: a grid
 * index limits every search to nearby components; a drag redoes only the dragged members' areas.
 */
import type { Component, Project, ZoneId, ZoneKind } from '../../../shared/model/types';
import { inflate, intersects, union, type Box } from './geometry';
import { unionPath } from './outline';

const PAD_X = 20;
/** Room above the top member for the zone's label. */
const PAD_TOP = 34;
const PAD_BOTTOM = 20;
/** Areas with more members than this keep their shape during a drag (redrawing them costs frames). */
const LIVE_AREA_LIMIT = 40;
/** Members further apart than this are never bridged. */
const MAX_GAP = 220;
/** A bridge keeps this far from a foreign component (its own zone padding goes there). */
const FOREIGN_MARGIN = 10;
/** Space kept between the areas of different zones, so their outlines never run together. */
const GUTTER = 12;
const CELL = 256;
export const ZONE_LABEL_HEIGHT = 18;
const CORNER_RADIUS = 12;
/** Uppercase 11 px semibold with letter spacing. */
const ZONE_LABEL_CHAR = 8.2;

export interface ZoneArea {
  /** `zone:<zoneId>:<first member id>`: stable while the area keeps its first member. */
  readonly id: string;
  readonly zone: ZoneId;
  readonly name: string;
  readonly kind: ZoneKind;
  readonly bounds: Box;
  /** Absolute rectangles whose union is the area (members' boxes padded, and bridges). */
  readonly rects: readonly Box[];
  /** The union's outline as an SVG path, relative to `bounds`' top-left. */
  readonly outline: string;
  /** The label's box, absolute. */
  readonly label: Box;
  /** Member ids, in document order. */
  readonly members: readonly string[];
  /** Each member's padded rectangle, and the bridges joining them (for updates during a drag). */
  readonly memberRects: readonly Box[];
  readonly bridges: readonly AreaBridge[];
}

export interface AreaBridge {
  readonly a: string;
  readonly b: string;
  readonly rect: Box;
}

interface Item {
  readonly id: string;
  readonly zone: ZoneId | undefined;
  readonly box: Box;
}

/**
 * A uniform grid over boxes, for "what is near this rectangle" queries. Hot (label placement
 * queries it thousands of times per map): numeric cell keys, no per-query sets or generators.
 */
export class BoxGrid<T extends { readonly box: Box }> {
  private readonly cells = new Map<number, number[]>();
  private readonly items: T[] = [];
  private stamps = new Int32Array(64);
  private stamp = 0;
  constructor(private readonly cell = CELL) {}

  /** Adds an item; the number returned names it for `update` and `remove`. */
  add(item: T): number {
    const index = this.items.length;
    this.items.push(item);
    if (index >= this.stamps.length) {
      const grown = new Int32Array(this.stamps.length * 2);
      grown.set(this.stamps);
      this.stamps = grown;
    }
    this.index(index, item.box);
    return index;
  }

  /** Replaces an item (the index keeps naming it), e.g. with the same one at a new box. */
  update(index: number, item: T): void {
    this.unindex(index, this.items[index]!.box);
    this.items[index] = item;
    this.index(index, item.box);
  }

  /** Takes an item out of every query (its index is not reused). */
  remove(index: number): void {
    this.unindex(index, this.items[index]!.box);
  }

  private index(index: number, b: Box): void {
    const x1 = Math.floor((b.x + b.w) / this.cell);
    const y1 = Math.floor((b.y + b.h) / this.cell);
    for (let x = Math.floor(b.x / this.cell); x <= x1; x++) {
      for (let y = Math.floor(b.y / this.cell); y <= y1; y++) {
        const key = cellKey(x, y);
        const list = this.cells.get(key);
        if (list) list.push(index);
        else this.cells.set(key, [index]);
      }
    }
  }

  private unindex(index: number, b: Box): void {
    const x1 = Math.floor((b.x + b.w) / this.cell);
    const y1 = Math.floor((b.y + b.h) / this.cell);
    for (let x = Math.floor(b.x / this.cell); x <= x1; x++) {
      for (let y = Math.floor(b.y / this.cell); y <= y1; y++) {
        const list = this.cells.get(cellKey(x, y));
        const at = list ? list.lastIndexOf(index) : -1;
        if (at >= 0) list!.splice(at, 1);
      }
    }
  }

  /** Calls `fn` once for every item whose box intersects `box`. */
  visit(box: Box, fn: (item: T) => void): void {
    const stamp = ++this.stamp;
    const x1 = Math.floor((box.x + box.w) / this.cell);
    const y1 = Math.floor((box.y + box.h) / this.cell);
    for (let x = Math.floor(box.x / this.cell); x <= x1; x++) {
      for (let y = Math.floor(box.y / this.cell); y <= y1; y++) {
        const list = this.cells.get(cellKey(x, y));
        if (!list) continue;
        for (const index of list) {
          if (this.stamps[index] === stamp) continue;
          this.stamps[index] = stamp;
          const item = this.items[index]!;
          if (intersects(item.box, box)) fn(item);
        }
      }
    }
  }

  /** Items whose boxes intersect `box` (each once). */
  query(box: Box): T[] {
    const out: T[] = [];
    this.visit(box, (item) => out.push(item));
    return out;
  }
}

/** A number per grid cell (coordinates within ±2^20 cells, far beyond any drawing). */
function cellKey(x: number, y: number): number {
  return (x + 1048576) * 2097152 + (y + 1048576);
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
      if (o.x >= b.x + b.w) right = Math.min(right, (o.x - (b.x + b.w) - GUTTER) / 2);
      else if (o.x + o.w <= b.x) left = Math.min(left, (b.x - (o.x + o.w) - GUTTER) / 2);
    }
    if (overlapX) {
      if (o.y >= b.y + b.h) bottom = Math.min(bottom, (o.y - (b.y + b.h) - GUTTER) / 2);
      else if (o.y + o.h <= b.y) top = Math.min(top, (b.y - (o.y + o.h) - GUTTER) / 2);
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

/** The components as boxes, indexed. */
function itemsOf(project: Project, boxOf: (c: Component) => Box): { items: Item[]; grid: BoxGrid<Item> } {
  const items: Item[] = project.components.map((c) => ({ id: c.id, zone: c.zone, box: boxOf(c) }));
  const grid = new BoxGrid<Item>();
  for (const item of items) grid.add(item);
  return { items, grid };
}

/** The queries both the full computation and a drag update need, over the components in `grid`. */
function context(grid: BoxGrid<Item>) {
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
    for (const o of grid.query(inflate(rect, PAD_TOP + FOREIGN_MARGIN + GUTTER))) {
      if (o.zone === zone) continue;
      const near = inflate(o.box, FOREIGN_MARGIN);
      if (intersects(near, rect)) out.push(near);
      const area = inflate(padded(o), GUTTER);
      if (intersects(area, rect)) out.push(area);
    }
    return out;
  };
  const bridge = (a: Box, b: Box, zone: ZoneId) =>
    bridgeBetween(
      a,
      b,
      (r) => obstacles(r, zone).length === 0,
      (r) => obstacles(r, zone),
    );
  return { padded, bridge };
}

/**
 * The areas of every zone with members. `boxOf` gives each component's box (the canvas' node
 * geometry); components without a zone, or in a zone the project does not declare, get none.
 */
export function zoneAreas(project: Project, boxOf: (c: Component) => Box): ZoneArea[] {
  const zones = new Map(project.zones.map((z) => [z.id, z]));
  const { items, grid } = itemsOf(project, boxOf);
  const { padded, bridge } = context(grid);
  const byZone = new Map<ZoneId, Item[]>();
  for (const item of items) {
    if (item.zone === undefined || !zones.has(item.zone)) continue;
    const list = byZone.get(item.zone);
    if (list) list.push(item);
    else byZone.set(item.zone, [item]);
  }

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
        const found = bridge(rects[i]!, rects[j]!, zone.id);
        if (found) bridges.push({ a: i, b: j, ...found });
      }
    }
    bridges.sort((p, q) => p.cost - q.cost || p.a - q.a || p.b - q.b);
    const sets = new UnionFind(members.length);
    const chosen: Bridge[] = [];
    for (const b of bridges) if (sets.union(b.a, b.b)) chosen.push(b);

    const groups = new Map<number, { members: number[]; bridges: AreaBridge[] }>();
    members.forEach((_, i) => {
      const root = sets.find(i);
      const g = groups.get(root) ?? { members: [], bridges: [] };
      g.members.push(i);
      groups.set(root, g);
    });
    for (const b of chosen) {
      groups.get(sets.find(b.a))!.bridges.push({ a: members[b.a]!.id, b: members[b.b]!.id, rect: b.rect });
    }
    for (const g of groups.values()) {
      areas.push(
        makeArea(
          zone,
          g.members.map((i) => members[i]!),
          g.members.map((i) => rects[i]!),
          g.bridges,
        ),
      );
    }
  }
  return areas;
}

function makeArea(
  zone: Project['zones'][number],
  members: readonly Item[],
  memberRects: readonly Box[],
  bridges: readonly AreaBridge[],
): ZoneArea {
  const rects = [...memberRects, ...bridges.map((b) => b.rect)];
  const bounds = rects.reduce(union);
  return {
    id: `zone:${zone.id}:${members[0]!.id}`,
    zone: zone.id,
    name: zone.name,
    kind: zone.kind,
    bounds,
    rects,
    outline: unionPath(rects, bounds, CORNER_RADIUS),
    label: labelBox(
      zone.name,
      memberRects,
      members.map((m) => m.box),
    ),
    members: members.map((m) => m.id),
    memberRects,
    bridges,
  };
}

/**
 * The areas while components are dragged: the moved members' rectangles follow them and are
 * bridged to the cheapest neighbour again; everything else stays as it was, and so do very
 * large areas. Cheap (local) and approximate — the canvas computes the exact areas again when
 * the drag ends. The components are indexed once per drag; a frame moves only the dragged ones.
 */
export class ZoneDrag {
  private readonly grid: BoxGrid<Item>;
  /** The moved components' items and their grid indices. */
  private readonly moving = new Map<string, { item: Item; index: number }>();
  /** The areas redrawn on every frame, with their members' items (moved ones are replaced). */
  private readonly live: { at: number; zone: Project['zones'][number]; members: Item[] }[] = [];

  constructor(
    private readonly areas: readonly ZoneArea[],
    project: Project,
    boxOf: (c: Component) => Box,
    private readonly moved: ReadonlySet<string>,
  ) {
    const { items, grid } = itemsOf(project, boxOf);
    this.grid = grid;
    const byId = new Map<string, Item>();
    items.forEach((item, index) => {
      byId.set(item.id, item);
      if (moved.has(item.id)) this.moving.set(item.id, { item, index });
    });
    const zones = new Map(project.zones.map((z) => [z.id, z]));
    areas.forEach((area, at) => {
      if (area.members.length > LIVE_AREA_LIMIT || !area.members.some((m) => moved.has(m))) return;
      const zone = zones.get(area.zone);
      const members = area.members.map((id) => byId.get(id));
      if (!zone || members.some((m) => m === undefined || m.zone !== area.zone)) return;
      this.live.push({ at, zone, members: members as Item[] });
    });
  }

  /** The areas with the moved components at `boxes` (the same array when none is redrawn). */
  areasAt(boxes: ReadonlyMap<string, Box>): readonly ZoneArea[] {
    for (const [id, entry] of this.moving) {
      const box = boxes.get(id);
      if (!box) continue;
      entry.item = { ...entry.item, box };
      this.grid.update(entry.index, entry.item);
    }
    if (this.live.length === 0) return this.areas;
    const { padded, bridge } = context(this.grid);
    const moved = this.moved;
    const next = [...this.areas];
    for (const { at, zone, members } of this.live) {
      const area = this.areas[at]!;
      const items = members.map((m) => this.moving.get(m.id)?.item ?? m);
      const rects = items.map((m, i) => (moved.has(m.id) ? padded(m) : area.memberRects[i]!));
      const bridges = area.bridges.filter((b) => !moved.has(b.a) && !moved.has(b.b));
      items.forEach((m, i) => {
        if (!moved.has(m.id)) return;
        // Re-join the moved member to the nearest member it can be bridged to.
        let best: AreaBridge | undefined;
        let bestCost = Infinity;
        items.forEach((n, j) => {
          if (j === i || gap(m.box, n.box) > MAX_GAP) return;
          const found = bridge(rects[i]!, rects[j]!, area.zone);
          if (found && found.cost < bestCost) {
            bestCost = found.cost;
            best = { a: m.id, b: n.id, rect: found.rect };
          }
        });
        if (best) bridges.push(best);
      });
      next[at] = makeArea(zone, items, rects, bridges);
    }
    return next;
  }
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
  const order = memberBoxes
    .map((_, i) => i)
    .sort((p, q) => memberBoxes[p]!.y - memberBoxes[q]!.y || memberBoxes[p]!.x - memberBoxes[q]!.x);
  for (const i of order) {
    const room = memberBoxes[i]!.y - paddedBoxes[i]!.y;
    if (room >= ZONE_LABEL_HEIGHT + 10) {
      return { x: paddedBoxes[i]!.x + 8, y: memberBoxes[i]!.y - ZONE_LABEL_HEIGHT - 6, w, h: ZONE_LABEL_HEIGHT };
    }
  }
  const top = order[0]!;
  return { x: paddedBoxes[top]!.x + 8, y: paddedBoxes[top]!.y - ZONE_LABEL_HEIGHT / 2, w, h: ZONE_LABEL_HEIGHT };
}
