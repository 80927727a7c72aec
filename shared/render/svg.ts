/**
 * `renderSvg`: the diagram as an SVG picture — the geometry the canvas draws (`diagramOf`, or the
 * overview's), drawn the way the canvas draws it, with a title block above and a legend below.
 *
 * The picture stands on its own: real `<text>` in the embedded fonts (no foreignObject, no
 * installed fonts), colours written out (no CSS variables or color-mix, which rasterisers and PDF
 * writers do not know), arrows as polygons (no markers), and the project file in `<metadata>`.
 * It is byte-stable: the same project and options give the same bytes — no random ids, no clock
 * (the date is the caller's), numbers rounded to 1/100 px, everything in document order.
 */
import { diagramOf } from '../diagram/diagram';
import type { Diagram } from '../diagram/types';
import { printableLines } from '../model/printable';
import type { Project } from '../model/types';
import type { DrawContext } from './context';
import { drawCaption } from './caption';
import { drawEdge, drawLabel, isEmphasised, labelShown } from './draw-edge';
import { drawNode } from './draw-node';
import { drawHost } from './draw-host';
import { drawZone } from './draw-zone';
import { fontFaces } from './fonts';
import { drawLegend, legendItems } from './legend';
import { overviewDiagram } from './overview';
import { badgeCount, countProblems, edgeElement, type Counts } from './problems';
import { projectMetadata } from './svg-embed';
import { coloursOf } from './theme';
import { drawTitleBlock } from './title-block';
import { tlsEnds } from './tls';
import type { PictureHighlight, PictureView, SvgOptions } from './types';
import { attrs, element, empty, num, text, xmlEscape } from './xml';

/** Space around everything. */
const MARGIN = 32;
/** Between the title block, the caption, the diagram and the legend. */
const SECTION_GAP = 28;
/** The least width of the picture's content (title block and legend need room). */
const MIN_CONTENT = 720;

function diagramFor(project: Project, view: PictureView, problems: ReadonlyMap<string, Counts> | undefined): Diagram {
  // Badges widen the labels they sit in, as on the canvas.
  const badges = problems ? (edgeId: string) => badgeCount(problems.get(edgeElement(edgeId))) : undefined;
  return view === 'overview' ? overviewDiagram(project, badges) : diagramOf(project, { badges });
}

/** The diagram the picture draws: the canvas's geometry, or the overview's. */
export function pictureDiagram(project: Project, options: Pick<SvgOptions, 'view' | 'problems'>): Diagram {
  return diagramFor(project, options.view, options.problems ? countProblems(options.problems) : undefined);
}

function contextOf(
  project: Project,
  options: SvgOptions,
  problems: ReadonlyMap<string, Counts> | undefined,
): DrawContext {
  const h: PictureHighlight | undefined = options.highlight;
  return {
    c: coloursOf(options.theme),
    view: options.view,
    components: new Map(project.components.map((c) => [c.id, c] as const)),
    problems,
    // A presentation marks where TLS ends on the flow it shows; a picture, every such place.
    tls: new Set<string>(h ? h.tlsEnds : tlsEnds(project)),
    highlight: h ? { nodes: new Set(h.nodes), edges: new Set(h.edges) } : undefined,
  };
}

const translate = (x: number, y: number): string => `translate(${num(x)} ${num(y)})`;

export function renderSvg(project: Project, options: SvgOptions): string {
  const problems = options.problems ? countProblems(options.problems) : undefined;
  const diagram = diagramFor(project, options.view, problems);
  const ctx = contextOf(project, options, problems);
  const { c } = ctx;
  const b = diagram.bounds;
  const width = Math.ceil(Math.max(b.w, MIN_CONTENT));

  const title = drawTitleBlock(options.title, width, c);
  const caption = options.highlight?.caption ? drawCaption(options.highlight.caption, width, c) : undefined;
  const legend = drawLegend(legendItems(diagram, ctx), width, c);

  let y = MARGIN;
  const titleY = y;
  y += title.height + SECTION_GAP;
  const captionY = y;
  if (caption && caption.height > 0) y += caption.height + SECTION_GAP;
  const diagramY = y;
  y += b.h;
  const ruleY = y + SECTION_GAP / 2 + 4;
  const legendY = y + SECTION_GAP + 4;
  if (legend.height > 0) y = legendY + legend.height;
  const W = width + 2 * MARGIN;
  const H = Math.ceil(y + MARGIN);

  const byId = ctx.components;
  // A highlighted flow is drawn over the dimmed rest (each group in document order).
  const edges = [
    ...diagram.edges.filter((e) => !isEmphasised(e, ctx)),
    ...diagram.edges.filter((e) => isEmphasised(e, ctx)),
  ];
  const layers = [
    diagram.zones.map((z) => drawZone(z, ctx)).join(''),
    // Hosts above the zones and below everything else (only a project that declares hosts has them).
    (diagram.hosts ?? []).map((h) => drawHost(h, c)).join(''),
    edges.map((e) => drawEdge(e, ctx)).join(''),
    diagram.nodes.map((n) => drawNode(n, byId.get(n.id)!, ctx)).join(''),
    edges
      .filter((e) => labelShown(e, ctx))
      .map((e) => drawLabel(e, ctx))
      .join(''),
  ];
  const dx = MARGIN + (width - b.w) / 2 - b.x;
  const dy = diagramY - b.y;

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg${attrs({
      xmlns: 'http://www.w3.org/2000/svg',
      width: W,
      height: H,
      viewBox: `0 0 ${num(W)} ${num(H)}`,
      'font-family': 'Inter, sans-serif',
      role: 'img',
    })}>`,
    element('title', {}, text(options.title.name)),
    options.title.description ? element('desc', {}, xmlEscape(printableLines(options.title.description))) : '',
    options.embeddedProject !== undefined ? projectMetadata(options.embeddedProject) : '',
    options.fonts.length > 0 ? element('defs', {}, element('style', {}, fontFaces(options.fonts))) : '',
    empty('rect', { width: W, height: H, fill: c.bg }),
    element('g', { transform: translate(MARGIN, titleY) }, title.svg),
    caption && caption.height > 0 ? element('g', { transform: translate(MARGIN, captionY) }, caption.svg) : '',
    element('g', { class: 'pl-diagram', transform: translate(dx, dy) }, layers.join('')),
    legend.height > 0
      ? empty('path', { d: `M${num(MARGIN)},${num(ruleY)}H${num(MARGIN + width)}`, stroke: c.border }) +
        element('g', { transform: translate(MARGIN, legendY) }, legend.svg)
      : '',
    '</svg>\n',
  ];
  return out.join('');
}
