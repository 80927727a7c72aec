/**
 * A proxy's files as its container sees them. An nginx.conf names what it includes by paths
 * inside the container (`include /etc/nginx/conf.d/*.conf;`, the official image's own layout),
 * while the import reads the customer's files on the host, where compose's bind mounts put them
 * (`./conf.d:/etc/nginx/conf.d:ro`). So a path the configuration names is read through the
 * mount that holds it, and a glob include names the configuration files the user gave that it
 * matches (shared/ lists no folder: a file not given is not known, and the glob is then noted).
 */
import { isAbsolutePath, normalizePath } from '../compose/paths';
import type { ListFiles, ReadFile } from './types';

/** A bind mount: a host path as the import reads files (normalised), and where the container sees it. */
export interface BindMount {
  readonly host: string;
  readonly container: string;
}

export interface ProxyFiles {
  readonly readFile: ReadFile;
  readonly listFiles: ListFiles;
  /** The customer's file a path names: the host side of its mount when that file exists, else the path. */
  readonly resolve: (path: string) => string;
  /** Host paths of every file read through `readFile` (normalised): what the configuration included. */
  readonly read: ReadonlySet<string>;
}

/** `rest` below `dir`, or undefined when `path` is not `dir` or inside it. */
function below(path: string, dir: string): string | undefined {
  if (path === dir) return '';
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  return path.startsWith(base) ? path.slice(base.length - 1) : undefined;
}

/** One glob segment (`*.conf`, `site-?`, `[a-c]*`) as a regular expression, as glob(3) reads it. */
function segmentPattern(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) out += '\\[';
      else {
        const body = segment.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        const chars = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
        out += `[${negated ? '^' : ''}${chars}]`;
        i = end;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/**
 * Whether `path` matches the glob `pattern` segment by segment; a wildcard never matches `/`,
 * nor a leading `.` of a name (glob(3) without GLOB_PERIOD, which nginx uses).
 */
export function globMatches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return false;
  return want.every((segment, i) => {
    const name = have[i]!;
    if (name.startsWith('.') && !segment.startsWith('.')) return false;
    return segmentPattern(segment).test(name);
  });
}

/**
 * Reading through `mounts`: an absolute path inside a mount's container side is read from its
 * host side (the longest mount wins, as in the container), any other path as written. `given`
 * are the configuration files the user gave (host paths): what a glob include can name.
 */
export function proxyFiles(mounts: readonly BindMount[], given: readonly string[], readFile: ReadFile): ProxyFiles {
  const byDepth = [...mounts].sort((a, b) => b.container.length - a.container.length);
  const toHost = (path: string): string | undefined => {
    if (!isAbsolutePath(path)) return undefined;
    const normal = normalizePath(path);
    for (const m of byDepth) {
      const rest = below(normal, m.container);
      if (rest !== undefined) return normalizePath(m.host + rest);
    }
    return undefined;
  };
  /** Every name a host file has: itself, and its path in the container through each mount. */
  const names = (host: string): string[] => [
    host,
    ...mounts.flatMap((m) => {
      const rest = below(host, m.host);
      return rest === undefined ? [] : [normalizePath(m.container + rest)];
    }),
  ];
  const read = new Set<string>();
  return {
    read,
    resolve: (path) => {
      const host = toHost(path);
      return host !== undefined && readFile(host) !== undefined ? host : path;
    },
    readFile: (path) => {
      for (const candidate of [toHost(path), path]) {
        if (candidate === undefined) continue;
        const text = readFile(candidate);
        if (text === undefined) continue;
        read.add(normalizePath(candidate));
        return text;
      }
      return undefined;
    },
    listFiles: (pattern) => {
      const normal = normalizePath(pattern);
      // The host path of each given file the glob names (read as it is, positions show it).
      const hits = [...new Set(given.map(normalizePath))].filter((g) => names(g).some((n) => globMatches(normal, n)));
      return hits.length > 0 ? hits.sort() : undefined;
    },
  };
}
