/**
 * What goes into a picture of a project, decided once for the CLI and the editor alike: which
 * project is drawn (the redacted one when asked), which project file is carried inside the
 * picture, and the title block. Editor and CLI call `svgPicture` with the same inputs and so
 * write the same SVG bytes; PNG and PDF are made from that SVG and carry `embeddedText`.
 */
import { saveProject } from '../format/index';
import type { Project } from '../model/types';
import { redactProject } from './redact';
import { revisionOf } from './revision';
import { renderSvg } from './svg';
import type { PictureFont, PictureHighlight, PictureProblem, PictureTheme, PictureView, TitleBlock } from './types';

export interface PictureOptions {
  readonly theme: PictureTheme;
  readonly view: PictureView;
  /** Replace host names, addresses, the registry, literal values and reasons with placeholders. */
  readonly redact: boolean;
  /** The date in the title block, YYYY-MM-DD. */
  readonly date: string;
  readonly fonts: readonly PictureFont[];
  readonly problems?: readonly PictureProblem[];
  readonly highlight?: PictureHighlight;
  /** The SHA-256 behind the revision id (see `revisionOf`); default: the pure one in revision.ts. */
  readonly sha256?: (bytes: Uint8Array) => Uint8Array;
}

export interface PictureContent {
  /** The project drawn: redacted when asked. */
  readonly project: Project;
  /**
   * The project file the picture carries. Unredacted: `projectText` itself, byte for byte, so
   * opening the picture gives back exactly the file it was made from. Redacted: the redacted
   * project saved — the original's text never enters the picture.
   */
  readonly embeddedText: string;
  readonly title: TitleBlock;
}

/**
 * The content of a picture of `project`, parsed from `projectText`. The revision is the hash of
 * `projectText` — the file the architect has — so a redacted picture still names the version
 * it was made from without carrying it.
 */
export function pictureContent(
  projectText: string,
  project: Project,
  options: Pick<PictureOptions, 'redact' | 'date' | 'sha256'>,
): PictureContent {
  const drawn = options.redact ? redactProject(project) : project;
  return {
    project: drawn,
    embeddedText: options.redact ? saveProject(drawn) : projectText,
    title: {
      name: drawn.meta.name,
      description: drawn.meta.description,
      date: options.date,
      revision: revisionOf(projectText, options.sha256),
    },
  };
}

/** The SVG picture of a project and what went into it (PNG and PDF need the embedded text and title too). */
export function renderPicture(
  projectText: string,
  project: Project,
  options: PictureOptions,
): { readonly svg: string; readonly content: PictureContent } {
  const content = pictureContent(projectText, project, options);
  const svg = renderSvg(content.project, {
    theme: options.theme,
    view: options.view,
    title: content.title,
    fonts: options.fonts,
    embeddedProject: content.embeddedText,
    ...(options.problems !== undefined ? { problems: options.problems } : {}),
    ...(options.highlight !== undefined ? { highlight: options.highlight } : {}),
  });
  return { svg, content };
}

/** The SVG picture of a project, carrying its project file (see {@link pictureContent}). */
export function svgPicture(projectText: string, project: Project, options: PictureOptions): string {
  return renderPicture(projectText, project, options).svg;
}
