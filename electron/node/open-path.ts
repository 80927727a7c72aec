/**
 * Checks a path the app was asked to open from outside a file dialog (command line, second
 * launch, drag and drop, recent list) before reading it: a project extension, an existing
 * regular file, under the size limit, UTF-8.
 */
import { promises as fs } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { MAX_PROJECT_TEXT } from '../../shared/ipc/index';
import { readTextFile } from './files';

export const PROJECT_EXTENSIONS: readonly string[] = ['.portolan.yaml', '.yaml', '.yml'];

export function hasProjectExtension(path: string): boolean {
  const lower = path.toLowerCase();
  return PROJECT_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

export type OpenFailureCode = 'not-allowed' | 'not-found' | 'too-large' | 'not-utf8' | 'io';

export type ProjectRead =
  | { readonly ok: true; readonly name: string; readonly path: string; readonly text: string }
  | { readonly ok: false; readonly code: OpenFailureCode; readonly message: string };

/** Reads a project file after checking the path; never throws. */
export async function readProjectFile(path: string, maxBytes = MAX_PROJECT_TEXT): Promise<ProjectRead> {
  if (!isAbsolute(path)) return { ok: false, code: 'not-allowed', message: `${path} is not an absolute path` };
  if (!hasProjectExtension(path)) {
    return {
      ok: false,
      code: 'not-allowed',
      message: `${basename(path)} is not a project file (.portolan.yaml, .yaml)`,
    };
  }
  const stat = await fs.stat(path).catch(() => null);
  if (stat === null) return { ok: false, code: 'not-found', message: `${path} does not exist` };
  if (!stat.isFile()) return { ok: false, code: 'not-allowed', message: `${path} is not a regular file` };
  const read = await readTextFile(path, maxBytes);
  if (!read.ok) {
    const code: OpenFailureCode =
      read.code === 'file-too-large'
        ? 'too-large'
        : read.code === 'not-found'
          ? 'not-found'
          : read.code === 'not-utf8'
            ? 'not-utf8'
            : read.code === 'is-directory'
              ? 'not-allowed'
              : 'io';
    return { ok: false, code, message: read.message };
  }
  return { ok: true, name: basename(path), path, text: read.text };
}
