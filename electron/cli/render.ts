import { createHash } from 'node:crypto';
import { basename, extname, resolve } from 'node:path';
import { trafficFlows, formatFlows } from '../../shared/diagram/flows';
import { printable, printableLines } from '../../shared/model/printable';
import { renderPicture } from '../../shared/render/picture';
import { svgSize } from '../../shared/render/picture-size';
import { pngSize } from '../../shared/render/png-text';
import { redactProject } from '../../shared/render/redact';
import type { PictureTheme, PictureView } from '../../shared/render/types';
import { WriteError, writeFileAtomic } from '../node/files';
import { rasterFonts, svgFonts } from '../node/render-fonts';
import { renderPdf, type Paper } from '../node/render-pdf';
import { PngRenderError, renderPng } from '../node/render-png';
import { EXIT, type ExitCode, type Io } from './io';
import { loadCommandSource } from './load-source';

export const RENDER_FORMATS = ['svg', 'png', 'pdf'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];
export const THEMES: readonly PictureTheme[] = ['light', 'dark'];
export const VIEWS: readonly PictureView[] = ['full', 'overview'];

export interface RenderCommandOptions {
  /** Default: from --out's extension, else SVG. */
  readonly format?: RenderFormat;
  /** Default: FILE's name with the format's extension, beside it. */
  readonly out?: string;
  readonly theme?: PictureTheme;
  readonly view?: PictureView;
  /** PNG: pixels per SVG unit. */
  readonly scale?: number;
  readonly paper?: Paper;
  readonly landscape?: boolean;
  readonly redact?: boolean;
  /** Print the traffic flows instead of drawing. */
  readonly flows?: boolean;
  /** The environment (SOURCE_DATE_EPOCH) and clock; tests pin them. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
}

/** A refusal before anything is drawn: a code and a sentence, exit 2. */
class RenderUsageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The title block's date, YYYY-MM-DD in UTC: from SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention: the same input renders the same bytes on any day), else today.
 */
export function renderDate(env: Readonly<Record<string, string | undefined>>, now: () => Date): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return now().toISOString().slice(0, 10);
  const seconds = /^\d{1,12}$/.test(epoch) ? Number(epoch) : NaN;
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(seconds) || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999)
    throw new RenderUsageError(
      'render-source-date-epoch',
      `SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} is not a number of seconds since 1970`,
    );
  return date.toISOString().slice(0, 10);
}

/** The format asked for, checked against --out's extension (a `.png` file holding a PDF helps nobody). */
export function renderFormat(format: RenderFormat | undefined, out: string | undefined): RenderFormat {
  const ext = out === undefined ? '' : extname(out).slice(1).toLowerCase();
  const fromExt = (RENDER_FORMATS as readonly string[]).includes(ext) ? (ext as RenderFormat) : undefined;
  if (format !== undefined && out !== undefined && fromExt !== format)
    throw new RenderUsageError(
      'render-format-mismatch',
      `--format ${format} does not match --out ${JSON.stringify(out)}; name the file *.${format}`,
    );
  if (format !== undefined) return format;
  if (out === undefined) return 'svg';
  if (fromExt === undefined)
    throw new RenderUsageError(
      'render-unknown-format',
      `cannot tell the format from --out ${JSON.stringify(out)}; name it *.svg, *.png or *.pdf, or add --format`,
    );
  return fromExt;
}

/** Where the picture goes without --out: beside FILE, `acme.portolan.yaml` → `acme.png`. */
export function defaultOut(file: string, format: RenderFormat): string {
  const name = basename(file)
    .replace(/(\.portolan)?\.ya?ml$/i, '')
    .replace(/\.(svg|png|pdf)$/i, '');
  return resolve(file, '..', `${name || 'diagram'}.${format}`);
}

const kb = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * `portolan render FILE`: the diagram as SVG, PNG or PDF, carrying the project file (redacted
 * with --redact). FILE may itself be a picture Portolan exported. Exit 0 written; 1 the project
 * does not load; 2 FILE cannot be read, wrong usage, the picture cannot be drawn or written.
 */
export async function renderCommand(file: string, options: RenderCommandOptions, io: Io): Promise<ExitCode> {
  try {
    return await run(file, options, io);
  } catch (error) {
    if (error instanceof RenderUsageError) {
      io.err(`portolan: ${error.code}: ${printable(error.message)}\n`);
      return EXIT.unusable;
    }
    if (error instanceof PngRenderError) {
      io.err(`portolan: ${printable(error.message)}\n`);
      return EXIT.unusable;
    }
    if (error instanceof WriteError) {
      io.err(`portolan: render-${error.code}: ${printable(error.message)}\n`);
      return EXIT.unusable;
    }
    throw error;
  }
}

async function run(file: string, options: RenderCommandOptions, io: Io): Promise<ExitCode> {
  const format = options.flows ? 'svg' : renderFormat(options.format, options.out);
  const out = options.out ?? defaultOut(file, format);
  // The fonts are read while the project loads. Awaited below; when the command stops before
  // that, their failure (if any) is not the command's.
  const fonts = options.flows ? undefined : svgFonts();
  fonts?.catch(() => {});

  const source = await loadCommandSource(file, io, 'rendered');
  if (typeof source === 'number') return source;
  const { loaded } = source;
  const redact = options.redact === true;

  if (options.flows) {
    const project = redact ? redactProject(loaded.project) : loaded.project;
    io.out(printableLines(formatFlows(trafficFlows(project), project)));
    return EXIT.ok;
  }

  const date = renderDate(options.env ?? process.env, options.now ?? (() => new Date()));
  if (resolve(out) === resolve(file))
    throw new RenderUsageError('render-same-file', `--out ${JSON.stringify(out)} is FILE itself; choose another name`);

  const { svg, content } = renderPicture(source.text, loaded.project, {
    theme: options.theme ?? 'light',
    view: options.view ?? 'full',
    redact,
    date,
    fonts: await (fonts ?? svgFonts()),
    sha256: (bytes) => createHash('sha256').update(bytes).digest(),
  });
  let bytes: string | Uint8Array;
  let detail: string;
  if (format === 'svg') {
    bytes = svg;
    const size = svgSize(svg);
    detail = `SVG, ${size.width} x ${size.height}, ${kb(Buffer.byteLength(svg))}`;
  } else if (format === 'png') {
    const png = await renderPng(svg, {
      scale: options.scale ?? 1,
      embeddedText: content.embeddedText,
      fonts: await rasterFonts(svg),
    });
    const size = pngSize(png);
    bytes = png;
    detail = `PNG, ${size.width} x ${size.height} px, ${kb(png.length)}`;
  } else {
    const paper = options.paper ?? 'a4';
    const landscape = options.landscape === true;
    bytes = await renderPdf(svg, content, { paper, landscape });
    detail = `PDF, ${paper === 'fit' ? 'page fitted to the picture' : `${paper.toUpperCase()}${landscape ? ' landscape' : ''}`}, ${kb(bytes.length)}`;
  }
  // Written whole or not at all; a picture is regenerated output, so an existing one is replaced.
  await writeFileAtomic(out, bytes, { overwrite: true, symlinks: 'follow' });
  io.out(`${printable(out)}: ${detail}; project file embedded${redact ? ' (redacted)' : ''}\n`);
  return EXIT.ok;
}
