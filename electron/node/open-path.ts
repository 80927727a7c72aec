/**
 * Checks a path the app was asked to open — from the Open dialog, the command line, a second
 * launch, a drop or the recent list — and reads it: a project file (a project extension, an
 * existing regular file, under the size limit, UTF-8), or a picture Portolan exported (SVG, PNG,
 * PDF), whose embedded project is what opens (read-project.ts reads both).
 */
import { promises as fs } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { MAX_PROJECT_TEXT, PICTURE_FORMATS, type IpcErrorCode, type PictureFormat } from '../../shared/ipc/index';
import { readProjectSource, type ProjectSourceFailure } from './read-project';

export const PROJECT_EXTENSIONS: readonly string[] = ['.portolan.yaml', '.yaml', '.yml'];
export const PICTURE_EXTENSIONS: readonly string[] = PICTURE_FORMATS.map((format) => `.${format}`);

const endsWithOneOf = (path: string, extensions: readonly string[]): boolean => {
  const lower = path.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
};

export const hasProjectExtension = (path: string): boolean => endsWithOneOf(path, PROJECT_EXTENSIONS);
export const hasPictureExtension = (path: string): boolean => endsWithOneOf(path, PICTURE_EXTENSIONS);
/** Whether the app opens a file of this name: a project file, or a picture that may carry one. */
export const isOpenableName = (path: string): boolean => hasProjectExtension(path) || hasPictureExtension(path);

/** A file dialog's filter, as Electron's `FileFilter` (extensions without the dot). */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

const dropDot = (ext: string) => ext.slice(1);

/** Save and Save As offer project files only. */
export const PROJECT_FILTER: FileFilter = { name: 'Portolan project', extensions: PROJECT_EXTENSIONS.map(dropDot) };

/**
 * The Open dialog's filters: projects and pictures together first, so both show without
 * switching, then each alone.
 */
export const OPEN_FILTERS: readonly FileFilter[] = [
  { name: 'Portolan project or picture', extensions: [...PROJECT_FILTER.extensions, ...PICTURE_FORMATS] },
  PROJECT_FILTER,
  { name: 'Picture exported by Portolan', extensions: [...PICTURE_FORMATS] },
  { name: 'All files', extensions: ['*'] },
];

export type OpenFailureCode = Extract<
  IpcErrorCode,
  'not-allowed' | 'not-found' | 'too-large' | 'not-utf8' | 'io' | 'not-a-project'
>;

export type ProjectRead =
  | {
      readonly ok: true;
      readonly name: string;
      readonly path: string;
      readonly text: string;
      /** Set when the file is a picture and `text` the project it carries. */
      readonly picture?: PictureFormat;
    }
  | { readonly ok: false; readonly code: OpenFailureCode; readonly message: string };

/** The IPC code of a failed read (read-project.ts's codes: the file reader's and the picture reader's). */
function openFailureCode(code: ProjectSourceFailure['code']): OpenFailureCode {
  switch (code) {
    case 'file-too-large':
    case 'picture-too-large':
      return 'too-large';
    case 'not-found':
      return 'not-found';
    case 'not-utf8':
    case 'picture-not-utf8':
      return 'not-utf8';
    case 'is-directory':
      return 'not-allowed';
    case 'picture-no-project':
    case 'picture-damaged':
    case 'picture-unsupported':
      return 'not-a-project';
    case 'io':
      return 'io';
  }
}

/**
 * Reads a project file, or the project a picture carries, after checking the path; never
 * throws. What the bytes are decides how they are read; a file named as a picture must be one
 * (its text is never taken for a project file, which a later Save would write over the picture).
 */
export async function readProjectFile(path: string, maxBytes = MAX_PROJECT_TEXT): Promise<ProjectRead> {
  if (!isAbsolute(path)) return { ok: false, code: 'not-allowed', message: `${path} is not an absolute path` };
  if (!isOpenableName(path)) {
    return {
      ok: false,
      code: 'not-allowed',
      message: `${basename(path)} is not a project file (.portolan.yaml, .yaml) or a picture (.svg, .png, .pdf)`,
    };
  }
  const stat = await fs.stat(path).catch(() => null);
  if (stat === null) return { ok: false, code: 'not-found', message: `${path} does not exist` };
  if (!stat.isFile()) return { ok: false, code: 'not-allowed', message: `${path} is not a regular file` };
  const read = await readProjectSource(path, maxBytes);
  if (!read.ok) return { ok: false, code: openFailureCode(read.code), message: read.message };
  if (read.picture === undefined && hasPictureExtension(path))
    return {
      ok: false,
      code: 'not-a-project',
      message: `${basename(path)} is not an SVG, PNG or PDF picture, so it carries no Portolan project`,
    };
  return {
    ok: true,
    name: basename(path),
    path,
    text: read.text,
    ...(read.picture !== undefined ? { picture: read.picture } : {}),
  };
}
