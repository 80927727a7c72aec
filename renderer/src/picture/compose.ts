/**
 * Pictures of the project in the browser — the module the editor loads on first use (load.ts).
 * The SVG comes from shared/render/picture.ts with the bundled fonts, the same call the CLI
 * makes, so both write the same SVG for the same project and options; PNG is that SVG drawn
 * into a canvas with the project in an `iTXt` chunk; PDF is that SVG through PDFKit with the
 * project as an attachment.
 */
import { PNG_PROJECT_KEYWORD } from '../../../shared/render/embedded';
import { renderPicture } from '../../../shared/render/picture';
import { addPngText } from '../../../shared/render/png-text';
import type { Project } from '../../../shared/model/types';
import type { Diagnostic } from '../../../shared/rules/index';
import { PICTURE_FONTS } from './fonts';
import { PICTURE_TYPES, pictureFileName, pictureProblems, type PictureFormat, type PictureSettings } from './options';
import { rasterise } from './raster';

/** The document a picture is made of. */
export interface PictureSource {
  readonly project: Project;
  /** The project file's text (saveProject of the document): carried inside, and hashed for the revision. */
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The title block's date, YYYY-MM-DD. */
  readonly date: string;
}

export interface PictureFile {
  readonly name: string;
  readonly format: PictureFormat;
  /** The media type (`image/png`, …). */
  readonly type: string;
  readonly bytes: Uint8Array;
}

type SvgSettings = Pick<PictureSettings, 'theme' | 'view' | 'redact' | 'problemBadges'>;

/** The picture — SVG, fonts embedded, the project inside (redacted when asked) — and what went into it. */
function render(source: PictureSource, settings: SvgSettings) {
  return renderPicture(source.text, source.project, {
    theme: settings.theme,
    view: settings.view,
    redact: settings.redact,
    date: source.date,
    fonts: PICTURE_FONTS,
    ...(settings.problemBadges ? { problems: pictureProblems(source.diagnostics) } : {}),
  });
}

/** The picture's SVG. */
export function pictureSvg(source: PictureSource, settings: SvgSettings): string {
  return render(source, settings).svg;
}

/** The PNG: the SVG drawn at `scale`, carrying the project file in an `iTXt` chunk. */
export async function picturePng(
  source: PictureSource,
  settings: SvgSettings & Pick<PictureSettings, 'scale'>,
): Promise<Uint8Array> {
  const { svg, content } = render(source, settings);
  return addPngText(await rasterise(svg, settings.scale), PNG_PROJECT_KEYWORD, content.embeddedText);
}

/** The picture file in the chosen format, named for the project. */
export async function pictureFile(source: PictureSource, settings: PictureSettings): Promise<PictureFile> {
  const { format } = settings;
  const file = { name: pictureFileName(source.project.meta.name, settings), format, type: PICTURE_TYPES[format] };
  if (format === 'svg') return { ...file, bytes: new TextEncoder().encode(pictureSvg(source, settings)) };
  if (format === 'png') return { ...file, bytes: await picturePng(source, settings) };
  const { svg, content } = render(source, settings);
  // PDFKit and its font library are large: they load with the first PDF, not with the editor.
  const { renderPdf } = await import('./pdf');
  return { ...file, bytes: await renderPdf(svg, content, { paper: settings.paper, landscape: settings.landscape }) };
}
