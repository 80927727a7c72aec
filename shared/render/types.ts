/**
 * What an exported picture of the diagram is drawn with: the options of `renderSvg` (svg.ts).
 * PNG and PDF are made from the same SVG, so these options describe every picture format.
 */
export type PictureTheme = 'light' | 'dark';

/**
 * `full`: what the canvas shows. `overview`: components, zones and public URLs (route edges with
 * their labels); no port rows and no link labels — the shape of a deployment for a slide.
 */
export type PictureView = 'full' | 'overview';

/** A font file embedded in the picture, so it draws the same on a machine without the font. */
export interface PictureFont {
  readonly family: 'Inter' | 'JetBrains Mono';
  readonly weight: 400 | 600;
  readonly woff2Base64: string;
}

export interface TitleBlock {
  readonly name: string;
  readonly description: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** A short hash of the project file. */
  readonly revision: string;
}

/** Presentation: these elements are emphasised and everything else is dimmed. */
export interface PictureHighlight {
  /** Component ids. */
  readonly nodes: readonly string[];
  /** Edge ids: a link id, or a route as `route:<id>` (the route's own id is accepted too). */
  readonly edges: readonly string[];
  /** Component ids where TLS ends. */
  readonly tlsEnds: readonly string[];
  readonly caption?: string;
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface PictureProblem {
  /** The id of the component, link, route or zone the problem is about. */
  readonly element: string;
  readonly severity: ProblemSeverity;
}

export interface SvgOptions {
  readonly theme: PictureTheme;
  readonly view: PictureView;
  readonly title: TitleBlock;
  /** Embedded as `@font-face` data: URIs in `<style>`, so the file does not depend on installed fonts. */
  readonly fonts: readonly PictureFont[];
  /** The `*.portolan.yaml` text, stored in `<metadata>` (svg-embed.ts). */
  readonly embeddedProject?: string;
  /** Badges are drawn when given (errors and warnings, as on the canvas). */
  readonly problems?: readonly PictureProblem[];
  readonly highlight?: PictureHighlight;
}
