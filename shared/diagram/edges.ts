/**
 * The edges the diagram draws: one per link (solid, labelled with the port it reaches) and one
 * per route (dashed, labelled with its one public URL), each ending at the port it names.
 */
import { routeUrl } from '../model/constraints';
import { printable } from '../model/printable';
import type { Component, ComponentId, Project, Route } from '../model/types';
import { portRows } from './metrics';
import type { EdgeVariant } from './types';

export interface EdgeSpec {
  readonly id: string;
  readonly variant: EdgeVariant;
  readonly source: ComponentId;
  readonly target: ComponentId;
  readonly port: string;
  readonly text: string;
  /** The link's or route's own id. */
  readonly element: string;
}

export const routeEdgeId = (route: Pick<Route, 'id'>): string => `route:${route.id}`;

/** `https 443`: the protocol and number of the target port (the port name when the kind lacks it). */
export function linkLabel(target: Component | undefined, port: string): string {
  const row = target ? portRows(target).find((p) => p.name === port) : undefined;
  return printable(row ? `${row.protocol} ${row.number}` : port);
}

/** Every edge whose two ends exist, links first, in document order. */
export function edgeSpecs(project: Project): EdgeSpec[] {
  const byId = new Map(project.components.map((c) => [c.id, c] as const));
  const out: EdgeSpec[] = [];
  for (const l of project.links) {
    if (!byId.has(l.from) || !byId.has(l.to) || l.from === l.to) continue;
    out.push({
      id: l.id,
      variant: 'link',
      source: l.from,
      target: l.to,
      port: l.port,
      text: linkLabel(byId.get(l.to), l.port),
      element: l.id,
    });
  }
  for (const r of project.routes) {
    if (!byId.has(r.via) || !byId.has(r.target) || r.via === r.target) continue;
    out.push({
      id: routeEdgeId(r),
      variant: 'route',
      source: r.via,
      target: r.target,
      port: r.port,
      text: printable(routeUrl(r)),
      element: r.id,
    });
  }
  return out;
}
