/**
 * What the user chooses for a picture of the diagram (the export dialog, copy as image, print),
 * and the pure decisions around it: file names, media types, which problems get badges. Kept
 * free of the picture code itself, which loads on first use (load.ts).
 */
import type { Diagnostic } from '../../../shared/rules/index';
import { PAGE_MARGIN, pageLayout, type Paper } from '../../../shared/render/pdf-page';
import type { PictureProblem, PictureTheme, PictureView } from '../../../shared/render/types';
import { projectFileStem } from '../../../shared/model/file-name';
import { canvasPixels } from './raster';

export type PictureFormat = 'svg' | 'png' | 'pdf';

export interface PictureSettings {
  readonly format: PictureFormat;
  /** PNG pixels per SVG unit. */
  readonly scale: 1 | 2;
  readonly paper: Paper;
  readonly landscape: boolean;
  readonly theme: PictureTheme;
  readonly view: PictureView;
  readonly redact: boolean;
  /** Draw the checker's error and warning badges. */
  readonly problemBadges: boolean;
}

export const PICTURE_TYPES: Readonly<Record<PictureFormat, string>> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** The light or dark theme the system asks for now: pictures start in the theme the user sees. */
export function systemTheme(): PictureTheme {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

/** The settings a new export starts from: redaction and badges as the presenter last set them. */
export function defaultSettings(audience: {
  readonly redact: boolean;
  readonly problemBadges: boolean;
}): PictureSettings {
  return {
    format: 'png',
    scale: 2,
    paper: 'a4',
    landscape: true,
    theme: systemTheme(),
    view: 'full',
    redact: audience.redact,
    problemBadges: audience.problemBadges,
  };
}

/** `acme-production.png`, `acme-production-redacted.pdf`, `acme-production-overview@2x.png`. */
export function pictureFileName(projectName: string, settings: PictureSettings): string {
  const parts = [projectFileStem(projectName)];
  if (settings.view === 'overview') parts.push('overview');
  if (settings.redact) parts.push('redacted');
  const scale = settings.format === 'png' && settings.scale !== 1 ? `@${settings.scale}x` : '';
  return `${parts.join('-')}${scale}.${settings.format}`;
}

/**
 * The badges a picture draws: one per unsuppressed error or warning and element it names, as
 * the canvas counts them (infos get no badge).
 */
export function pictureProblems(diagnostics: readonly Diagnostic[]): PictureProblem[] {
  const out: PictureProblem[] = [];
  for (const d of diagnostics) {
    if (d.suppressed || (d.severity !== 'error' && d.severity !== 'warning')) continue;
    for (const id of new Set(d.elements.map((e) => e.id))) out.push({ element: id, severity: d.severity });
  }
  return out;
}

export const PAPER_LABELS: Readonly<Record<Paper, string>> = { a4: 'A4', a3: 'A3', letter: 'Letter', fit: 'Fit' };

const MM_PER_PT = 25.4 / 72;

/** What the file will be: `PNG · 2880 × 1760 px`, `PDF · A4 landscape (297 × 210 mm)`, `SVG · vector, 1440 × 880`. */
export function describeOutput(
  settings: PictureSettings,
  size: { readonly width: number; readonly height: number },
): string {
  if (settings.format === 'svg') return `SVG · vector, ${Math.round(size.width)} × ${Math.round(size.height)}`;
  if (settings.format === 'png') {
    const pixels = canvasPixels(size, settings.scale);
    return 'tooLarge' in pixels ? 'PNG · too large' : `PNG · ${pixels.width} × ${pixels.height} px`;
  }
  const layout = pageLayout(size, settings.paper, settings.landscape);
  const mm = (pt: number) => Math.round(pt * MM_PER_PT);
  const page = `${mm(layout.page[0])} × ${mm(layout.page[1])} mm`;
  return settings.paper === 'fit'
    ? `PDF · vector, one page the size of the picture (${page}, ${Math.round(PAGE_MARGIN * MM_PER_PT)} mm margin)`
    : `PDF · vector, ${PAPER_LABELS[settings.paper]} ${settings.landscape ? 'landscape' : 'portrait'} (${page}), fitted`;
}
