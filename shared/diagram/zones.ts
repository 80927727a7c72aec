/**
 * Zone regions. A zone is drawn as one rectangle around exactly its members (their outer
 * boxes, padded, with room for the title at the top) — so a member dragged away makes its
 * region grow rather than split. The one exception is an internet zone holding both clients
 * and other things (external services): clients come in on the left and services are reached
 * on the right, so it is drawn as two regions, `in` and `out`.
 */
import type { Component, ComponentId, Project, Zone } from '../model/types';
import { boundsOf } from './box';
import { ZONE_TITLE_HEIGHT, zoneTitleWidth } from './metrics';
import { trafficTier } from './order';
import type { Box, DiagramZone } from './types';

export const ZONE_PAD_X = 16;
/** Room above the top member for the title. */
export const ZONE_PAD_TOP = 30;
export const ZONE_PAD_BOTTOM = 12;
/** Space the layout keeps between the regions of different zones. */
export const ZONE_GUTTER = 14;
const TITLE_INSET = 7;

export type ZonePart = DiagramZone['part'];

/** Which region of its zone a component is drawn in (`undefined`: no zone). */
export function regionPart(zone: Zone, component: Component, mixed: boolean): ZonePart {
  if (zone.kind !== 'internet' || !mixed) return 'whole';
  return trafficTier(component) === 0 ? 'in' : 'out';
}

/** Member ids per region key (`zoneId` or `zoneId:in|out`), in document order. */
export function regionMembers(project: Project): Map<string, { zone: Zone; part: ZonePart; members: ComponentId[] }> {
  const zones = new Map(project.zones.map((z) => [z.id, z] as const));
  // An internet zone splits only when it has both clients and something else.
  const tiers = new Map<string, Set<boolean>>();
  for (const c of project.components) {
    if (!c.zone || !zones.has(c.zone)) continue;
    let set = tiers.get(c.zone);
    if (!set) tiers.set(c.zone, (set = new Set()));
    set.add(trafficTier(c) === 0);
  }
  const out = new Map<string, { zone: Zone; part: ZonePart; members: ComponentId[] }>();
  for (const c of project.components) {
    const zone = c.zone ? zones.get(c.zone) : undefined;
    if (!zone) continue;
    const part = regionPart(zone, c, tiers.get(zone.id)!.size === 2);
    const key = part === 'whole' ? zone.id : `${zone.id}:${part}`;
    const entry = out.get(key);
    if (entry) entry.members.push(c.id);
    else out.set(key, { zone, part, members: [c.id] });
  }
  return out;
}

/** The region around member boxes. */
export function regionBox(members: readonly Box[]): Box {
  const b = boundsOf(members)!;
  return {
    x: b.x - ZONE_PAD_X,
    y: b.y - ZONE_PAD_TOP,
    w: b.w + 2 * ZONE_PAD_X,
    h: b.h + ZONE_PAD_TOP + ZONE_PAD_BOTTOM,
  };
}

export function titleBox(region: Box, name: string): Box {
  return {
    x: region.x + TITLE_INSET,
    y: region.y + TITLE_INSET,
    w: Math.min(zoneTitleWidth(name), region.w - 2 * TITLE_INSET),
    h: ZONE_TITLE_HEIGHT,
  };
}

/** The regions of every zone that has members, from the members' outer boxes. */
export function zoneRegions(project: Project, outer: (id: ComponentId) => Box | undefined): DiagramZone[] {
  const out: DiagramZone[] = [];
  for (const [key, { zone, part, members }] of regionMembers(project)) {
    const boxes = members.map(outer).filter((b): b is Box => b !== undefined);
    if (boxes.length === 0) continue;
    const box = regionBox(boxes);
    out.push({
      id: `zone:${key}`,
      zone: zone.id,
      part,
      name: zone.name,
      kind: zone.kind,
      box,
      title: titleBox(box, zone.name),
      members,
    });
  }
  return out;
}
