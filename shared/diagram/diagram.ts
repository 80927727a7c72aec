/**
 * `diagramOf`: the whole picture from the model — node boxes, zone regions, every edge's
 * orthogonal path and its label — in one pure function. The canvas draws exactly this, and so
 * will an exported picture, so the two cannot disagree.
 */
import type { ComponentId, Position, Project } from '../model/types';
import { boundsOf, boxOfPoints } from './box';
import { edgeEnds, rememberAnchors, routeRequest, type EdgeEnds } from './edge-ends';
import { edgeSpecs, type EdgeSpec } from './edges';
import { dragDiagram } from './drag';
import { nodeGeometry } from './nodes';
import { routeEdges, type RouteObstacle, type RouteRequest } from './route';
import type { Diagram, DiagramEdge, DiagramNode, Point } from './types';
import { hostBoxes, hostRegions } from './hosts';
import { zoneRegions } from './zones';

export interface DiagramOptions {
  /** Positions that differ from the model's (a drag in progress). */
  readonly moves?: ReadonlyMap<ComponentId, Position>;
  /**
   * The diagram before the moves: with it, only what the moved components touch is redone
   * (see drag.ts) — cheap enough for every frame of a drag. The diagram after the drag is
   * computed in full.
   */
  readonly previous?: Diagram;
  /** Diagnostics badges drawn inside a label, by edge id (they widen it). */
  readonly badges?: (edgeId: string) => number;
}

export function diagramOf(project: Project, options: DiagramOptions = {}): Diagram {
  if (options.moves && options.previous) return dragDiagram(options.previous, project, options.moves);
  const parts = diagramParts(project, options);
  const routed = parts.requests.length > 0 ? routeEdges(parts.obstacles, parts.requests) : new Map<string, Point[]>();
  return assembleDiagram(parts, routed, project);
}

/**
 * Everything of a diagram but the routes: what `routeEdges` is asked (obstacles and one request
 * per edge) and what `assembleDiagram` puts together with its answer. `diagramOf` is the two with
 * `routeEdges` between them; a caller may route some other way that gives the same routes (the
 * CLI splits the search between two threads, see `searchRoutes`).
 */
export interface DiagramParts {
  readonly nodes: readonly DiagramNode[];
  readonly zones: Diagram['zones'];
  readonly specs: readonly EdgeSpec[];
  readonly drafts: ReadonlyMap<string, EdgeEnds>;
  readonly obstacles: readonly RouteObstacle[];
  readonly requests: readonly RouteRequest[];
}

export function diagramParts(project: Project, options: Pick<DiagramOptions, 'moves' | 'badges'> = {}): DiagramParts {
  const moves = options.moves;
  const nodes = project.components.map((c) => nodeGeometry(c, moves?.get(c.id) ?? c.position));
  const byId = new Map<ComponentId, DiagramNode>(nodes.map((n) => [n.id, n]));
  const zones = zoneRegions(project, (id) => byId.get(id)?.outer);
  const specs = edgeSpecs(project);
  const drafts = edgeEnds(
    project,
    specs,
    byId,
    options.badges,
    zones.map((z) => z.title),
  );
  const requests = [...drafts.values()].map(routeRequest);
  const obstacles: RouteObstacle[] = [
    ...nodes.map((n) => ({ id: n.id, box: n.outer })),
    ...zones.map((z) => ({ id: `title:${z.id}`, box: z.title })),
  ];
  return { nodes, zones, specs, drafts, obstacles, requests };
}

/** The diagram of `parts` with the routes `routeEdges` gives for its requests (by request id). */
export function assembleDiagram(
  parts: DiagramParts,
  routed: ReadonlyMap<string, readonly Point[]>,
  project?: Project,
): Diagram {
  const { nodes, zones, specs, drafts } = parts;
  const paths = new Map<string, readonly Point[]>();
  for (const r of parts.requests)
    paths.set(r.id, [...(routed.get(r.id) ?? [r.source, r.target]), ...drafts.get(r.id)!.tail]);

  const edges: DiagramEdge[] = specs
    .filter((s) => drafts.has(s.id))
    .map((s) => {
      const d = drafts.get(s.id)!;
      const edge: DiagramEdge = {
        id: s.id,
        variant: s.variant,
        source: s.source,
        target: s.target,
        port: s.port,
        points: paths.get(s.id)!,
        label: { text: s.text, box: d.label },
      };
      rememberAnchors(edge, d);
      return edge;
    });
  // Hosts only for a project that declares them: every other diagram stays exactly as it was.
  const hosts = project ? hostRegions(project, { nodes, zones, edges }) : [];
  const bounds = boundsOf([
    ...hostBoxes(hosts),
    ...nodes.map((n) => n.outer),
    ...zones.map((z) => z.box),
    ...edges.map((e) => e.label.box),
    ...edges.map((e) => boxOfPoints(e.points)),
  ]) ?? { x: 0, y: 0, w: 0, h: 0 };
  return hosts.length > 0 ? { nodes, zones, edges, bounds, hosts } : { nodes, zones, edges, bounds };
}
