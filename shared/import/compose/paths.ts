/**
 * Pure path arithmetic for the files a compose import reads (`extends.file`, `include`, an
 * include's `env_file`): `shared/` has no Node built-ins, and the caller's `readFile` gets the
 * joined path as is. POSIX paths (`/srv/app/compose.yml`) and Windows paths (`C:\app\compose.yml`,
 * `\\server\share\compose.yml`, or the same with `/`) are both understood; a path keeps the
 * separator it was written with, so the import report shows paths the way the user typed them.
 */

const DRIVE = /^[A-Za-z]:([\\/]|$)/;

/** A path that uses Windows conventions: a drive letter, a UNC prefix, or backslashes. */
function isWindowsPath(path: string): boolean {
  return DRIVE.test(path) || path.startsWith('\\\\') || path.includes('\\');
}

/** True for `/x`, `C:\x`, `C:/x` and `\\server\share`: a path that does not depend on a base folder. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

interface Split {
  /** `/`, `C:\`, `\\` or `` (relative). */
  readonly root: string;
  readonly parts: readonly string[];
  readonly sep: '/' | '\\';
}

function split(path: string): Split {
  const windows = isWindowsPath(path);
  const sep = windows && path.includes('\\') ? '\\' : '/';
  const pattern = windows ? /[\\/]+/ : /\/+/;
  let root = '';
  let rest = path;
  if (windows && path.startsWith('\\\\')) {
    root = sep + sep;
    rest = path.slice(2);
  } else if (windows && /^[A-Za-z]:/.test(path)) {
    const slash = /^[A-Za-z]:[\\/]/.test(path);
    root = path.slice(0, 2) + (slash ? sep : '');
    rest = path.slice(slash ? 3 : 2);
  } else if (path.startsWith('/') || (windows && path.startsWith('\\'))) {
    root = sep;
    rest = path.slice(1);
  }
  return { root, parts: rest.split(pattern).filter((p) => p.length > 0), sep };
}

/**
 * Removes `.` segments, folds `name/..`, and collapses repeated separators. A relative path keeps
 * leading `..` segments; an absolute one drops `..` at its root, as every file system does.
 * The empty path and `.` normalise to `.`.
 */
export function normalizePath(path: string): string {
  const { root, parts, sep } = split(path);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (root === '') out.push('..');
      continue;
    }
    out.push(part);
  }
  const body = out.join(sep);
  if (root === '') return body === '' ? '.' : body;
  return root + body;
}

/** The folder holding `path` (`.` for a bare file name), as POSIX `dirname` answers. */
export function dirnamePath(path: string): string {
  const normal = normalizePath(path);
  const { root, parts, sep } = split(normal);
  if (parts.length <= 1) return root === '' ? '.' : root;
  const body = parts.slice(0, -1).join(sep);
  return root === '' ? (body === '' ? '.' : body) : root + body;
}

/** `target` read relative to the folder `base` (unless it is absolute), normalised. */
export function joinPath(base: string, target: string): string {
  if (isAbsolutePath(target)) return normalizePath(target);
  if (base === '' || base === '.') return normalizePath(target);
  const sep = base.includes('\\') ? '\\' : '/';
  return normalizePath(base + sep + target);
}

/** `target` relative to the folder of the file `from`: where compose looks for `extends.file` and `include`. */
export function resolveFrom(from: string, target: string): string {
  return joinPath(dirnamePath(from), target);
}
