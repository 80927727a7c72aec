/**
 * Host regions: where containers run, drawn around their components — distinct from zones (network
 * segments, filled areas titled at their top-left). A host's region is the union of its members'
 * outer boxes, each padded by a small margin; members whose padded boxes touch form one group, and
 * each group carries a chip (the host's name) outside every node, clear of edge labels, zone titles
 * and the other chips — under the group's lowest member when there is room.
 *
 * A node on several hosts is padded a little more for each host after its first, so the outlines
 * around it nest instead of drawing over each other. A project that declares no hosts has no host
 * regions (its one implicit host would be a box around everything, saying nothing).
 *
 * Pure, like the rest of the geometry: the canvas (canvas/HostLayer.tsx) and the SVG writer
 * (render/draw-host.ts) draw exactly this.
 */
import { componentHostIds, declaresHosts } from '../model/hosts';
import { printable } from '../model/printable';
import type { ComponentId, HostId, Project } from '../model/types';
import { BoxGrid, boundsOf, inflate } from './box';
import { unionOutline } from './host-outline';
import { FONT, textWidth } from './metrics';
import type { Box, Diagram, DiagramHost, DiagramHostGroup } from './types';

/** The margin around a member's outer box on its first host. */
export const HOST_PAD = 6;
/** The margin added for each further host of the same member (nested outlines stay apart). */
export const HOST_PAD_STEP = 5;
/** Beyond this many hosts on one member the margins stop growing (they would reach neighbours). */
const MAX_NEST = 3;
export const HOST_CHIP_HEIGHT = 20;
/** Inside the chip, left to right: padding, the host glyph, a gap, the name, padding. */
export const HOST_CHIP_PAD = 8;
export const HOST_GLYPH = 12;
export const HOST_GLYPH_GAP = 6;
/** Everything in the chip but its name. */
export const HOST_CHIP_CHROME = 2 * HOST_CHIP_PAD + HOST_GLYPH + HOST_GLYPH_GAP;
/** A long host name is shortened in the chip rather than growing it without bound. */
export const HOST_CHIP_MAX_WIDTH = 220;
/** Space between the group's region and its chip, and around obstacles. */
const CHIP_GAP = 4;
/** The chip searches outwards in steps of this many px, at most SEARCH_STEPS of them. */
const CHIP_STEP = 8;
const SEARCH_STEPS = 40;
const SIDE_DELAY = 6;

export function hostChipWidth(name: string): number {
  const w = Math.ceil(textWidth(printable(name), 'Inter 600', FONT.label.size) + HOST_CHIP_CHROME);
  return Math.min(w, HOST_CHIP_MAX_WIDTH);
}

/** The margin of `host` around a member whose hosts are `hosts` (in the member's order). */
export function hostPad(hosts: readonly HostId[], host: HostId): number {
  return HOST_PAD + HOST_PAD_STEP * Math.min(Math.max(hosts.indexOf(host), 0), MAX_NEST);
}

/** Members whose padded boxes touch or overlap, as groups (document order within and between). */
function groupsOf(rects: readonly Box[]): number[][] {
  const parent = rects.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const touch = (a: Box, b: Box): boolean =>
    a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) if (touch(rects[i]!, rects[j]!)) parent[find(j)] = find(i);
  const out = new Map<number, number[]>();
  rects.forEach((_, i) => {
    const root = find(i);
    const list = out.get(root);
    if (list) list.push(i);
    else out.set(root, [i]);
  });
  return [...out.values()];
}

/**
 * Where a group's chip goes: the nearest free spot around the group — under its lowest member
 * first (left-aligned with it, then with the group, then right-aligned), then above the group,
 * then beside it — moving further out step by step; past the search, under everything drawn
 * (always free there, below what is taken).
 */
function placeChip(
  size: { w: number; h: number },
  members: readonly Box[],
  region: Box,
  taken: BoxGrid<true>,
  all: Box,
): Box {
  const lowest = members.reduce((a, b) => (b.y + b.h > a.y + a.h ? b : a));
  const { w, h } = size;
  const right = region.x + region.w;
  const bottom = region.y + region.h;
  // Left-aligned with the lowest member, then with the group, then along the group's width (a
  // chip of another host may already sit at the left), right-aligned last.
  const along: number[] = [];
  for (let x = region.x + w + CHIP_GAP; x + w <= right; x += w + CHIP_GAP) along.push(x);
  const xs = [lowest.x, region.x, ...along, lowest.x + lowest.w - w, right - w];
  // Beside the group only when nothing is free within SIDE_DELAY steps below or above it: a chip
  // out to the side reads less clearly as the group's and widens the drawing.
  const free = (b: Box): boolean => taken.query(inflate(b, CHIP_GAP)).length === 0;
  for (let step = 0; step < SEARCH_STEPS; step++) {
    const d = step * CHIP_STEP;
    const side = (step - SIDE_DELAY) * CHIP_STEP;
    const candidates: Box[] = [
      ...xs.map((x) => ({ x, y: bottom + CHIP_GAP + d, w, h })),
      ...xs.map((x) => ({ x, y: region.y - CHIP_GAP - h - d, w, h })),
      ...(side >= 0
        ? [
            { x: right + CHIP_GAP + side, y: bottom - h, w, h },
            { x: right + CHIP_GAP + side, y: region.y, w, h },
            { x: region.x - CHIP_GAP - w - side, y: bottom - h, w, h },
            { x: region.x - CHIP_GAP - w - side, y: region.y, w, h },
          ]
        : []),
    ];
    for (const b of candidates) if (free(b)) return b;
  }
  let y = all.y + all.h + CHIP_GAP * 2;
  for (;;) {
    const b = { x: region.x, y, w, h };
    if (free(b)) return b;
    y += h + CHIP_GAP;
  }
}

/**
 * The host regions of `diagram` (its nodes, zone titles and edge labels) for `project`'s declared
 * hosts, in the project's host order. Empty when the project declares none.
 */
export function hostRegions(project: Project, diagram: Pick<Diagram, 'nodes' | 'zones' | 'edges'>): DiagramHost[] {
  if (!declaresHosts(project)) return [];
  const components = new Map(project.components.map((c) => [c.id, c] as const));
  const hostsAt = new Map<ComponentId, readonly HostId[]>();
  for (const n of diagram.nodes) {
    const c = components.get(n.id);
    if (c) hostsAt.set(n.id, componentHostIds(project, c));
  }

  // Everything a chip keeps clear of: nodes, labels, zone titles, then each chip placed.
  const taken = new BoxGrid<true>();
  const obstacles: Box[] = [
    ...diagram.nodes.map((n) => n.outer),
    ...diagram.edges.map((e) => e.label.box),
    ...diagram.zones.map((z) => z.title),
  ];
  for (const b of obstacles) taken.add(b, true);

  const regions = project.hosts!.map((host, index) => {
    const members = diagram.nodes.filter((n) => hostsAt.get(n.id)?.includes(host.id));
    const rects = members.map((n) => inflate(n.outer, hostPad(hostsAt.get(n.id)!, host.id)));
    return { host, index, members, rects };
  });
  const everything = boundsOf([...obstacles, ...regions.flatMap((r) => r.rects)]) ?? { x: 0, y: 0, w: 0, h: 0 };

  const out: DiagramHost[] = [];
  for (const { host, index, members, rects } of regions) {
    if (members.length === 0) continue;
    const size = { w: hostChipWidth(host.name), h: HOST_CHIP_HEIGHT };
    const groups: DiagramHostGroup[] = groupsOf(rects).map((g) => {
      const box = boundsOf(g.map((i) => rects[i]!))!;
      const chip = placeChip(
        size,
        g.map((i) => members[i]!.outer),
        box,
        taken,
        everything,
      );
      taken.add(chip, true);
      return {
        members: g.map((i) => members[i]!.id),
        rects: g.map((i) => rects[i]!),
        outline: unionOutline(g.map((i) => rects[i]!)),
        box,
        chip,
      };
    });
    out.push({ id: `host:${host.id}`, host: host.id, name: host.name, index, groups });
  }
  return out;
}

/** Every box a host region draws (its groups' extents and chips), for the diagram's bounds. */
export function hostBoxes(hosts: readonly DiagramHost[]): Box[] {
  return hosts.flatMap((h) => h.groups.flatMap((g) => [g.box, g.chip]));
}
