/**
 * Canvas geometry shared by the mapper (label placement, zone areas, declared handles), the
 * auto-layout and the edge component. Node boxes have fixed sizes (canvas.css draws them with
 * the same numbers), so edges, zones and labels are computed without measuring the DOM — which
 * also lets React Flow draw edges to nodes it has not rendered (`onlyRenderVisibleElements`).
 */
import { findPort, getKind, portNumber } from '../../../shared/catalog/index';
import type { PortProtocol } from '../../../shared/catalog/types';
import type { Component } from '../../../shared/model/types';

export const NODE_WIDTH = 232;
/** The header (icon, name, kind): the whole node for kinds without ports. */
export const NODE_HEADER = 60;
export const PORT_ROW = 20;
const PORTS_PAD_TOP = 4;
const PORTS_PAD_BOTTOM = 6;
/** Port (target) handles: dots centred on the left border. */
export const PORT_HANDLE = 8;
/** The outgoing (source) handle on the right border, level with the header. */
export const OUT_HANDLE = 10;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface PortRow {
  /** Catalog port name, used in links and routes. */
  readonly name: string;
  readonly number: number;
  readonly protocol: PortProtocol;
  /** The catalog's label when it says more than the protocol (e.g. `WebSockets`), else empty. */
  readonly label: string;
}

/** The component's ports in catalog order, with its own numbers (overrides, flavour). */
export function portRows(component: Component): PortRow[] {
  const spec = getKind(component.kind) as ReturnType<typeof getKind> | undefined;
  if (!spec) return [];
  return spec.ports.map((p) => {
    const port = findPort(component.kind, p.name, component.flavour) ?? p;
    const label = port.label.toLowerCase() === port.protocol.toLowerCase() ? '' : port.label;
    return { name: p.name, number: portNumber(component, p.name) ?? port.number, protocol: port.protocol, label };
  });
}

export function nodeHeight(portCount: number): number {
  return portCount === 0 ? NODE_HEADER : NODE_HEADER + PORTS_PAD_TOP + portCount * PORT_ROW + PORTS_PAD_BOTTOM;
}

/** Vertical centre of port row `index`, relative to the node's top. */
export function portY(index: number): number {
  return NODE_HEADER + PORTS_PAD_TOP + index * PORT_ROW + PORT_ROW / 2;
}

/** The outgoing handle's vertical centre, relative to the node's top. */
export const OUT_Y = NODE_HEADER / 2;

export function nodeBox(component: Component, portCount = portRows(component).length): Box {
  return { x: component.position.x, y: component.position.y, w: NODE_WIDTH, h: nodeHeight(portCount) };
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function inflate(b: Box, dx: number, dy = dx): Box {
  return { x: b.x - dx, y: b.y - dy, w: b.w + 2 * dx, h: b.h + 2 * dy };
}

export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

export type Side = 'left' | 'right';

export interface EdgeEnd extends Point {
  /** The direction the edge leaves (source) or enters from (target): `left` = towards −x. */
  readonly side: Side;
}

/** Cubic bezier control points: forward edges are gentle S-curves, backward ones loop out to the left. */
export function controlPoints(s: EdgeEnd, t: EdgeEnd): [Point, Point] {
  const dx = t.x - s.x;
  const dy = Math.abs(t.y - s.y);
  if (s.side === 'right' && t.side === 'left') {
    const k =
      dx > 0 ? Math.max(dx * 0.5, Math.min(dy * 0.2, 60), 24) : Math.max(60, Math.min(-dx * 0.5, 200), dy * 0.3);
    return [
      { x: s.x + k, y: s.y },
      { x: t.x - k, y: t.y },
    ];
  }
  if (s.side === 'left' && t.side === 'left') {
    // A C-shape: both control points left of both ends.
    const k = Math.max(40, Math.min(dy * 0.35, 140));
    const x = Math.min(s.x, t.x) - k;
    return [
      { x, y: s.y },
      { x, y: t.y },
    ];
  }
  const k = Math.max(40, Math.abs(dx) * 0.5);
  const dir = (side: Side) => (side === 'right' ? 1 : -1);
  return [
    { x: s.x + dir(s.side) * k, y: s.y },
    { x: t.x + dir(t.side) * k, y: t.y },
  ];
}

export function bezierPoint(t: number, p0: Point, p1: Point, p2: Point, p3: Point): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

/** The SVG path of an edge and the point at parameter `labelT` on it (0 = source, 1 = target). */
export function edgeGeometry(s: EdgeEnd, t: EdgeEnd, labelT = 0.5): { path: string; label: Point } {
  const [c1, c2] = controlPoints(s, t);
  return {
    path: `M${s.x},${s.y} C${c1.x},${c1.y} ${c2.x},${c2.y} ${t.x},${t.y}`,
    label: bezierPoint(labelT, s, c1, c2, t),
  };
}

/** The point at `t` on the edge between two ends (same curve as `edgeGeometry`). */
export function edgePoint(s: EdgeEnd, t: EdgeEnd, at: number): Point {
  const [c1, c2] = controlPoints(s, t);
  return bezierPoint(at, s, c1, c2, t);
}

/** Edge labels use an 11.5 px monospace font (0.6 em per character): width is predictable from the text. */
export const LABEL_CHAR = 7;
export const LABEL_LINE = 16;
const LABEL_PAD_X = 14;
const LABEL_PAD_Y = 4;
/** Width of one diagnostics badge inside a label (dot, count, gap). */
export const BADGE_WIDTH = 26;

export function labelSize(lines: readonly string[], badges: number): { w: number; h: number } {
  const chars = Math.max(0, ...lines.map((l) => l.length));
  return {
    w: Math.ceil(chars * LABEL_CHAR + LABEL_PAD_X + badges * BADGE_WIDTH),
    h: Math.max(1, lines.length) * LABEL_LINE + LABEL_PAD_Y,
  };
}

/** Snaps to the canvas grid. */
export const GRID = 16;
export function snap(v: number): number {
  // `|| 0` turns -0 into 0: the file would say `-0` otherwise.
  return Math.round(v / GRID) * GRID || 0;
}
