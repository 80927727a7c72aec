/**
 * Label slots: where, in front of a node, each edge into it shows its label. An edge's label
 * sits on the edge's last horizontal run, right before the arrow, at the height of the port it
 * names. When several edges reach one port, the first takes the port's own row and the others
 * the nearest rows no other port uses (above or below), then turn to the port just before the
 * arrow — so every label stays on its own edge and next to its port, and labels stack in
 * port rows (PORT_ROW) instead of queueing side by side into the gap between columns.
 */
import type { ComponentId, Project } from '../model/types';
import type { EdgeSpec } from './edges';
import { LABEL_HEIGHT, PORT_ROW, labelSize, portRows, portY } from './metrics';

export interface LabelSlot {
  readonly edge: string;
  /** Index of the target port row (−1 when the kind lacks the port: the header row). */
  readonly port: number;
  /** The row the label takes: its centre is `portY(0) + row × PORT_ROW` below the node's top. */
  readonly row: number;
  readonly w: number;
}

/** A row's centre, relative to the node's top. */
export const slotY = (row: number): number => portY(0) + row * PORT_ROW;

/** The label box's vertical extent around a row's centre. */
export const slotTop = (row: number): number => slotY(row) - LABEL_HEIGHT / 2;

/**
 * Slots for every edge, grouped by target. `order` ranks the edges into one port (the edge
 * from higher up first, once positions are known; document order before).
 */
export function labelSlots(
  project: Project,
  specs: readonly EdgeSpec[],
  order?: (a: EdgeSpec, b: EdgeSpec) => number,
): Map<ComponentId, LabelSlot[]> {
  const byId = new Map(project.components.map((c) => [c.id, c] as const));
  const byTarget = new Map<ComponentId, EdgeSpec[]>();
  for (const e of specs) {
    const list = byTarget.get(e.target);
    if (list) list.push(e);
    else byTarget.set(e.target, [e]);
  }
  const out = new Map<ComponentId, LabelSlot[]>();
  for (const [target, edges] of byTarget) {
    const rows = portRows(byId.get(target)!);
    const index = new Map(rows.map((r, i) => [r.name, i] as const));
    const byPort = new Map<number, EdgeSpec[]>();
    for (const e of edges) {
      const i = index.get(e.port) ?? -1;
      const list = byPort.get(i);
      if (list) list.push(e);
      else byPort.set(i, [e]);
    }
    const used = new Set<number>(byPort.keys());
    const slots: LabelSlot[] = [];
    for (const [port, list] of [...byPort].sort((a, b) => a[0] - b[0])) {
      if (order) list.sort(order);
      // The edges above the port's own row take rows above it, the ones below rows below it,
      // so no two of them cross on the way in.
      const own = Math.floor((list.length - 1) / 2);
      const above: number[] = [];
      const below: number[] = [];
      for (let r = port - 1; above.length < own; r--) if (!used.has(r)) above.push(r);
      for (let r = port + 1; below.length < list.length - 1 - own; r++) if (!used.has(r)) below.push(r);
      for (const r of [...above, ...below]) used.add(r);
      const rowsInOrder = [...above.reverse(), port, ...below];
      list.forEach((e, i) => slots.push({ edge: e.id, port, row: rowsInOrder[i]!, w: labelSize(e.text).w }));
    }
    out.set(target, slots);
  }
  return out;
}
