/**
 * Pure mapping from the document (`Project`) to React Flow nodes and edges. Links become solid
 * edges labelled with the target port; public routes become dashed edges from the entry point
 * (one per entry point → target pair) labelled with the public URL(s).
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { findFlavour, getKind } from '../../shared/catalog';
import type { KindCategory } from '../../shared/catalog/types';
import type { Component, ComponentId, Project, Route } from '../../shared/model/types';
import { CATEGORY_LABELS } from './categories';

/** Node box size used to pick the sides edges attach to (matches styles.css). */
export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 64;

export interface ComponentNodeData extends Record<string, unknown> {
  readonly name: string;
  /** The catalog label of the kind, e.g. `Reverse proxy`. */
  readonly kindLabel: string;
  /** The line under the name: kind (and flavour), or the category when the name already says the kind. */
  readonly detail: string;
  readonly category: KindCategory;
  readonly replicas: number;
}

export type ComponentNode = Node<ComponentNodeData, 'component'>;

export interface PortEdgeData extends Record<string, unknown> {
  readonly label: string;
  /** Tooltip with the full text (e.g. every public URL of a grouped route edge). */
  readonly title: string;
  readonly variant: 'link' | 'route';
  /**
   * Where the label sits: `{ fraction }` along the curve (0 = source, 1 = target), or
   * `{ fromTarget }` canvas pixels before the target handle (in the gap in front of the port).
   */
  readonly labelAt: { readonly fraction: number } | { readonly fromTarget: number };
}

export type PortEdge = Edge<PortEdgeData, 'port'>;

export type Side = 'top' | 'right' | 'bottom' | 'left';

export interface FlowGraph {
  readonly nodes: ComponentNode[];
  readonly edges: PortEdge[];
}

export interface KindInfo {
  readonly label: string;
  readonly category: KindCategory;
  readonly detail: string;
}

export function kindInfo(component: Component): KindInfo {
  // Loading rejects unknown kinds, so the fallback only guards against a catalog/document mismatch.
  const spec = getKind(component.kind) as ReturnType<typeof getKind> | undefined;
  if (!spec) return { label: component.kind, category: 'external', detail: component.kind };
  const flavour = component.flavour ? findFlavour(component.kind, component.flavour) : undefined;
  const kindText = flavour ? `${spec.label} · ${flavour.label}` : spec.label;
  const detail =
    component.name.trim().toLowerCase() === spec.label.toLowerCase() ? CATEGORY_LABELS[spec.category] : kindText;
  return { label: spec.label, category: spec.category, detail };
}

/** The sides facing each other: horizontal when the boxes are mostly side by side. */
export function facingSides(from: Component, to: Component): { source: Side; target: Side } {
  const dx = to.position.x - from.position.x;
  const dy = to.position.y - from.position.y;
  if (Math.abs(dx) >= NODE_WIDTH * 0.75 || Math.abs(dx) * (NODE_HEIGHT / NODE_WIDTH) >= Math.abs(dy)) {
    return dx >= 0 ? { source: 'right', target: 'left' } : { source: 'left', target: 'right' };
  }
  return dy >= 0 ? { source: 'bottom', target: 'top' } : { source: 'top', target: 'bottom' };
}

function routeUrl(route: Route): string {
  const port = route.publicPort === undefined ? '' : `:${route.publicPort}`;
  const path = route.path === '/' ? '' : route.path;
  return `${route.scheme}://${route.host}${port}${path}`;
}

const LINK_ARROW = { type: MarkerType.ArrowClosed, width: 14, height: 14, color: 'var(--edge-link)' } as const;
const ROUTE_ARROW = { type: MarkerType.ArrowClosed, width: 14, height: 14, color: 'var(--edge-route)' } as const;

export function projectToFlow(project: Project): FlowGraph {
  const byId = new Map<ComponentId, Component>(project.components.map((c) => [c.id, c]));

  const nodes: ComponentNode[] = project.components.map((c) => {
    const info = kindInfo(c);
    return {
      id: c.id,
      type: 'component',
      position: { x: c.position.x, y: c.position.y },
      data: { name: c.name, kindLabel: info.label, detail: info.detail, category: info.category, replicas: c.replicas },
      ariaLabel: `${c.name}, ${info.label}`,
    };
  });

  const edges: PortEdge[] = [];
  // A link's label names the target port, so links entering the same port on the same side share one label.
  const labelled = new Set<string>();
  for (const link of project.links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to) continue;
    const sides = facingSides(from, to);
    const labelKey = `${link.to}\u0000${link.port}\u0000${sides.target}`;
    const showLabel = !labelled.has(labelKey);
    labelled.add(labelKey);
    edges.push({
      id: link.id,
      source: link.from,
      target: link.to,
      sourceHandle: `out-${sides.source}`,
      targetHandle: `in-${sides.target}`,
      type: 'port',
      data: {
        label: showLabel ? link.port : '',
        title: `${from.name} → ${to.name}: ${link.port}`,
        variant: 'link',
        labelAt: { fromTarget: 34 },
      },
      markerEnd: LINK_ARROW,
      className: 'pl-edge pl-edge--link',
      ariaLabel: `${from.name} to ${to.name} on ${link.port}`,
    });
  }

  const routeGroups = new Map<string, Route[]>();
  for (const route of project.routes) {
    const key = `${route.via}\u0000${route.target}`;
    const group = routeGroups.get(key);
    if (group) group.push(route);
    else routeGroups.set(key, [route]);
  }
  for (const group of routeGroups.values()) {
    const first = group[0];
    if (!first) continue;
    const via = byId.get(first.via);
    const target = byId.get(first.target);
    if (!via || !target) continue;
    const sides = facingSides(via, target);
    const urls = group.map(routeUrl);
    edges.push({
      id: `route:${first.via}:${first.target}`,
      source: first.via,
      target: first.target,
      sourceHandle: `out-${sides.source}`,
      targetHandle: `in-${sides.target}`,
      type: 'port',
      data: {
        label: urls.length === 1 ? (urls[0] ?? '') : `${urls.length} public URLs`,
        title: urls.join('\n'),
        variant: 'route',
        labelAt: { fraction: 0.4 },
      },
      markerEnd: ROUTE_ARROW,
      className: 'pl-edge pl-edge--route',
      ariaLabel: `Routes from ${via.name} to ${target.name}: ${urls.join(', ')}`,
    });
  }

  return { nodes, edges };
}
