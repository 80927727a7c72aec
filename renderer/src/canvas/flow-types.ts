/** The React Flow shapes the canvas draws: what `flow.ts` maps the diagram geometry into. */
import type { Edge, Node } from '@xyflow/react';
import type { KindCategory } from '../../../shared/catalog/types';
import type { PortRow } from '../../../shared/diagram/metrics';
import type { ComponentKind } from '../../../shared/model/types';
import type { DropPlan } from '../../../shared/diagram/drop';
import type { Box, DiagramHost, Point } from '../../../shared/diagram/types';
import type { ZoneKind } from '../../../shared/model/types';
import type { TextClips } from './text-fit';

export interface Badges {
  readonly errors: number;
  readonly warnings: number;
}

export interface ComponentNodeData extends Record<string, unknown>, Badges {
  /** The name as one line (tooltips, accessible names). */
  readonly name: string;
  /** The name broken into the (at most two) lines the diagram draws. */
  readonly nameLines: readonly string[];
  /** The kind: its icon, where it has its own (the custom container). */
  readonly kind: ComponentKind;
  /** The catalog label of the kind, e.g. `Reverse proxy`. */
  readonly kindLabel: string;
  /** The line under the name: kind (and flavour), or the category when the name already says the kind. */
  readonly detail: string;
  readonly category: KindCategory;
  readonly replicas: number;
  /** Replica cards drawn behind the node. */
  readonly stack: number;
  readonly ports: readonly PortRow[];
  /** The texts that might not fit (canvas/text-fit.ts): only those are clipped. */
  readonly clips: TextClips;
}

export type ComponentNode = Node<ComponentNodeData, 'component'>;

export interface ZoneNodeData extends Record<string, unknown>, Badges {
  readonly name: string;
  readonly kind: ZoneKind;
  readonly part: 'whole' | 'in' | 'out';
  /** The title's box relative to the region's top-left. */
  readonly title: Box;
}

export type ZoneNode = Node<ZoneNodeData, 'zone'>;
export type CanvasNode = ComponentNode | ZoneNode;

export interface PortEdgeData extends Record<string, unknown>, Badges {
  /** The orthogonal path, from shared/diagram. */
  readonly points: readonly Point[];
  readonly variant: 'link' | 'route';
  /** The document elements this edge draws (one link or one route). */
  readonly links: readonly string[];
  readonly routes: readonly string[];
}

export type PortEdge = Edge<PortEdgeData, 'port'>;

/** An edge label as the canvas draws it (all labels live in one layer above the edges). */
export interface EdgeLabelData extends Badges {
  /** The edge id. */
  readonly id: string;
  /** The label's box, from shared/diagram. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly text: string;
  readonly title: string;
  readonly variant: 'link' | 'route';
  readonly selected: boolean;
  /** The text might not fit the box (canvas/text-fit.ts): the label clips it. */
  readonly clip: boolean;
}

export interface FlowGraph {
  readonly nodes: CanvasNode[];
  readonly edges: PortEdge[];
  readonly labels: EdgeLabelData[];
  /** The geometry everything above was drawn from. */
  readonly bounds: Box;
  /**
   * During a drag: the paths of the edges that moved, by edge id. `edges` then stays the array
   * of the drawing before the drag (see canvas/live-paths.ts).
   */
  readonly live?: ReadonlyMap<string, readonly Point[]>;
  /**
   * During a drag: the top-left corners of the labels that moved, by edge id. `labels` then
   * stays the array of the drawing before the drag, like `edges`.
   */
  readonly liveLabels?: ReadonlyMap<string, Point>;
  /**
   * A drop drawn provisionally (FlowInput.routeDrop): the plan whose routing the caller is to
   * answer (FlowInput.routedDrop). The same object until it is answered or replaced.
   */
  readonly dropRoute?: DropPlan;
  /**
   * Host regions (canvas/HostLayer.tsx), only for a project that declares hosts: those of the
   * exact diagram, the same array until the document or the exact diagram changes.
   */
  readonly hosts?: readonly DiagramHost[];
}
