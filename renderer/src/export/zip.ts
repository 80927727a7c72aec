import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ExportFile } from '../../../shared/export/index';

/** Unix "regular file" type bits: with them, unzip tools restore the permission bits below. */
const REGULAR_FILE = 0o100000;
/** "Made by" Unix in the central directory (APPNOTE 4.4.2.2): the attributes are then read as Unix modes. */
const OS_UNIX = 3;

export interface ZipOptions {
  /** Puts every file under this folder, so unpacking creates one folder instead of scattering files. */
  readonly folder?: string;
  /** Modification time of the entries (default: now). Tests pass a fixed one for stable bytes. */
  readonly mtime?: Date;
}

/**
 * The export as one zip archive, each file with its mode (0600 for `.env`), for the browser
 * edition where there is no folder to write to. Paths come from the exporters and are relative;
 * anything that could unpack outside the folder is refused rather than written.
 */
export function zipExport(files: readonly ExportFile[], options: ZipOptions = {}): Uint8Array {
  const prefix = options.folder === undefined || options.folder === '' ? '' : `${checkedPath(options.folder)}/`;
  const mtime = options.mtime ?? new Date();
  const entries: Zippable = {};
  for (const file of files) {
    const path = prefix + checkedPath(file.path);
    if (path in entries) throw new Error(`zip: ${file.path} appears twice in the export`);
    entries[path] = [
      strToU8(file.contents),
      // `* 0x10000` instead of `<< 16`: the file-type bit would land on the sign bit of a 32-bit int.
      { os: OS_UNIX, attrs: (REGULAR_FILE | (file.mode & 0o777)) * 0x10000, mtime, level: 6 },
    ];
  }
  return zipSync(entries);
}

/** A relative path of plain segments: no leading slash, no backslash, no `.` or `..`, no empty segment. */
function checkedPath(path: string): string {
  const segments = path.split('/');
  if (path.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`zip: refusing the path ${JSON.stringify(path)}`);
  }
  return path;
}
