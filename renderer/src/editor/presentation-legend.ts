/**
 * Which legend entries a presentation shows: the picture legend's own choice (shared/render/
 * legend.ts — only what the drawing has) over the diagram the canvas draws, for the whole
 * presentation at once: "Highlighted flow" and "TLS ends here" appear when some flow shows them,
 * so the legend keeps one size while the presenter steps (the drawing was fitted around it).
 */
import { diagramOf } from '../../../shared/diagram/diagram';
import type { TrafficFlow } from '../../../shared/diagram/flows';
import type { Project } from '../../../shared/model/types';
import type { DrawContext } from '../../../shared/render/context';
import { legendItems, legendText, type LegendItem } from '../../../shared/render/legend';
import { badgeCount, countProblems, edgeElement } from '../../../shared/render/problems';
import { coloursOf } from '../../../shared/render/theme';
import type { PictureProblem } from '../../../shared/render/types';

export interface PresentationLegendItem {
  readonly item: LegendItem;
  readonly text: string;
}

export function presentationLegend(
  project: Project,
  flows: readonly TrafficFlow[],
  problems: readonly PictureProblem[] | undefined,
): PresentationLegendItem[] {
  const counts = problems ? countProblems(problems) : undefined;
  const badges = counts ? (edgeId: string) => badgeCount(counts.get(edgeElement(edgeId))) : undefined;
  const diagram = diagramOf(project, { ...(badges ? { badges } : {}) });
  const ctx: DrawContext = {
    // Colours are not read to choose the entries; the canvas's stylesheet draws them.
    c: coloursOf('light'),
    view: 'full',
    components: new Map(project.components.map((c) => [c.id, c] as const)),
    problems: counts,
    tls: new Set(flows.flatMap((f) => f.tlsEnds)),
    highlight:
      flows.length > 0
        ? { nodes: new Set(flows.flatMap((f) => f.nodes)), edges: new Set(flows.flatMap((f) => f.edges)) }
        : undefined,
  };
  return legendItems(diagram, ctx).map((item) => ({ item, text: legendText(item) }));
}
