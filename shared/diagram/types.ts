/**
 * The diagram as pure geometry, in flow coordinates (px at zoom 1, y down). Computed from the
 * model by `diagramOf` (shared/diagram), drawn by the React Flow canvas and by the SVG writer:
 * whatever one shows, the other shows at the same place.
 */
import type { PortProtocol } from '../catalog/types';
import type { ComponentId, HostId, ZoneId, ZoneKind } from '../model/types';

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

/** One port row of a node; the anchor is where edges to this port end (left border). */
export interface DiagramPort {
  readonly name: string;
  readonly number: number;
  readonly protocol: PortProtocol;
  /** The catalog's label when it says more than the protocol (e.g. `WebSockets`), else empty. */
  readonly label: string;
  readonly anchor: Point;
}

export interface DiagramNode {
  readonly id: ComponentId;
  /** The node's box (without the replica cards stacked behind it). */
  readonly box: Box;
  /** Name wrapped to at most two lines. */
  readonly nameLines: readonly string[];
  readonly ports: readonly DiagramPort[];
  /** Replica cards drawn behind the node (replicas − 1, at most 2), each offset down-right. */
  readonly stack: number;
  /** The box including the stacked cards: what other things must keep clear of. */
  readonly outer: Box;
}

/**
 * One region of a zone: a rectangle containing exactly its members' outer boxes. A zone has
 * one region; an internet zone may have two (`part` `in`: where clients come in; `out`: where
 * external services are reached).
 */
export interface DiagramZone {
  /** `zone:<zoneId>` or `zone:<zoneId>:in|out`. */
  readonly id: string;
  readonly zone: ZoneId;
  readonly part: 'whole' | 'in' | 'out';
  readonly name: string;
  readonly kind: ZoneKind;
  readonly box: Box;
  /** The title's box (top-left inside the region). */
  readonly title: Box;
  readonly members: readonly ComponentId[];
}

export type EdgeVariant = 'link' | 'route';

export interface DiagramLabel {
  readonly text: string;
  /** The label's box; its right end sits at the arrow of the port it names when there is room. */
  readonly box: Box;
}

export interface DiagramEdge {
  /** The link id, or `route:<route id>` for a public URL. */
  readonly id: string;
  readonly variant: EdgeVariant;
  readonly source: ComponentId;
  readonly target: ComponentId;
  /** Target port name (the port the edge ends at). */
  readonly port: string;
  /** Orthogonal polyline from the source anchor to the target port anchor (≥ 2 points). */
  readonly points: readonly Point[];
  readonly label: DiagramLabel;
}

/** One connected part of a host's region: members whose padded boxes touch. */
export interface DiagramHostGroup {
  readonly members: readonly ComponentId[];
  /** Each member's outer box padded by its margin on this host; the region is their union. */
  readonly rects: readonly Box[];
  /** The union's border as closed rectilinear loops (first point not repeated). */
  readonly outline: readonly (readonly Point[])[];
  /** The box around `rects`. */
  readonly box: Box;
  /** The name chip: outside every node, clear of labels, zone titles and other chips. */
  readonly chip: Box;
}

/** A declared host's region (shared/diagram/hosts.ts): where its containers run. */
export interface DiagramHost {
  /** `host:<hostId>`. */
  readonly id: string;
  readonly host: HostId;
  readonly name: string;
  /** The host's place among the project's hosts: picks its colour. */
  readonly index: number;
  readonly groups: readonly DiagramHostGroup[];
}

export interface Diagram {
  readonly nodes: readonly DiagramNode[];
  readonly zones: readonly DiagramZone[];
  readonly edges: readonly DiagramEdge[];
  /**
   * Host regions, only for a project that declares hosts. Set by `diagramOf`; the diagrams a drag
   * or a drop derive leave it out (hosts move on drop: the canvas derives them with `hostRegions`).
   */
  readonly hosts?: readonly DiagramHost[];
  /** Everything drawn (nodes, zones, labels, edges). */
  readonly bounds: Box;
}
