/**
 * Saving a picture of the diagram on the desktop. The page makes the picture (SVG, PNG or PDF —
 * the very bytes the browser edition downloads) and hands it over; main asks where in the
 * system's save dialog, starting beside the open project, and writes it atomically: a reader
 * sees the old file or the new one, never half a picture.
 */
import { basename, join } from 'node:path';
import type { PictureFormat, PictureSaveRequest, SavedFile } from '../../shared/ipc/index';
import { pictureKind } from '../../shared/render/embedded';
import { DocumentFileError, saveFailure } from './document-files';
import { writeFileAtomic, type WriteFs } from './files';
import type { FileFilter } from './open-path';

const FILTER_NAMES: Readonly<Record<PictureFormat, string>> = {
  svg: 'SVG picture',
  png: 'PNG picture',
  pdf: 'PDF document',
};

/** The save dialog's filter for a picture: its own format only. */
export const pictureSaveFilters = (format: PictureFormat): FileFilter[] => [
  { name: FILTER_NAMES[format], extensions: [format] },
];

export interface PictureSaveOptions {
  /** The system's save dialog (it asks before replacing a file); null when cancelled. */
  readonly chooseSaveFile: (defaultPath: string, filters: readonly FileFilter[]) => Promise<string | null>;
  /** The folder the dialog starts in: the open project's, when it has one. */
  readonly folder?: string;
  /** The file system the write goes through (tests inject faults here). */
  readonly fs?: WriteFs;
}

/**
 * Asks where and writes the picture; null when the user cancelled. Refused, before anything is
 * asked, when the bytes are not a picture of the format named. A path chosen without the
 * format's extension gets it — and then replaces nothing, since the dialog asked about the
 * other name. Throws DocumentFileError (the cause, and that nothing changed on disk).
 */
export async function savePicture(request: PictureSaveRequest, options: PictureSaveOptions): Promise<SavedFile | null> {
  const { bytes, format, name } = request;
  if (pictureKind(bytes) !== format)
    throw new DocumentFileError('not-allowed', `${name}: the bytes are not a ${format.toUpperCase()} picture`);
  const start = options.folder === undefined ? name : join(options.folder, name);
  const chosen = await options.chooseSaveFile(start, pictureSaveFilters(format));
  if (chosen === null) return null;
  const named = chosen.toLowerCase().endsWith(`.${format}`);
  const path = named ? chosen : `${chosen}.${format}`;
  try {
    await writeFileAtomic(path, bytes, {
      overwrite: named,
      symlinks: 'follow',
      ...(options.fs !== undefined ? { fs: options.fs } : {}),
    });
  } catch (error) {
    throw saveFailure(path, error);
  }
  return { name: basename(path), path };
}
