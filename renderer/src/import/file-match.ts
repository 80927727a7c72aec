/**
 * The page's `readFile` for the import core: in the browser edition nothing can be read from
 * the disk, so a file a compose file names (an `extends` or `include` target, an `env_file`, an
 * nginx `include`) is answered from the files the user picked or dropped. The core asks with
 * the path joined to the first compose file's folder; it is matched by its normalised relative
 * path first, then by its base name — so `./common.yml`, `common.yml` and `config/common.yml`
 * all find a picked `common.yml`. A file nobody picked is undefined, and the core reports it
 * (FILE:LINE:COL, naming the file the user has to add).
 */
import { isAbsolutePath, normalizePath } from '../../../shared/import/compose/paths';

/** A picked file: its path as the import names it (the file name, or a relative path), and its text. */
export interface PickedText {
  readonly path: string;
  readonly text: string;
}

/** A path as a list of plain segments: forward slashes, no `.`, no root (an absolute path keeps its segments). */
export function pathSegments(path: string): string[] {
  const normal = normalizePath(path.replace(/\\/g, '/'));
  if (normal === '.') return [];
  return normal.split('/').filter((part) => part.length > 0 && !/^[A-Za-z]:$/.test(part));
}

/** The last segment of a path, whichever separator it uses. */
export function baseNameOf(path: string): string {
  const parts = pathSegments(path);
  return parts[parts.length - 1] ?? '';
}

const key = (segments: readonly string[]) => segments.join('/');

/**
 * `readFile` over picked files. `base` is the folder of the first compose file as the core
 * joins paths with it (`.` or `''` for a bare file name).
 */
export function pickedFileReader(files: readonly PickedText[], base = ''): (path: string) => string | undefined {
  const byPath = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const file of files) {
    const segments = pathSegments(file.path);
    // The first file of a name wins: the compose files come first, in -f order.
    if (!byPath.has(key(segments))) byPath.set(key(segments), file.text);
    const name = segments[segments.length - 1];
    if (name !== undefined && !byName.has(name)) byName.set(name, file.text);
  }
  const baseSegments = pathSegments(base);
  return (path) => {
    if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) return undefined;
    let segments = pathSegments(path);
    // Relative to the first compose file's folder, as the user picked the files from there.
    if (
      !isAbsolutePath(path) &&
      baseSegments.length > 0 &&
      key(segments.slice(0, baseSegments.length)) === key(baseSegments)
    )
      segments = segments.slice(baseSegments.length);
    const exact = byPath.get(key(segments));
    if (exact !== undefined) return exact;
    const name = segments[segments.length - 1];
    // `..` is a folder the page never saw: only a real name is looked up.
    if (name === undefined || name === '..') return undefined;
    return byName.get(name);
  };
}
