/**
 * Small pure helpers every proxy reader shares: positions from offsets, the model's form of a
 * path, host names as the model keeps them, and joining include paths without Node's `path`.
 */
import type { ImportNote, SourcePos } from '../types';

/** Offsets of one text → 1-based line and column (UTF-16 units, as the YAML reader counts them). */
export function positionsOf(text: string, file: string): (offset: number) => SourcePos {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** The position `by` characters further on the same line. */
export const shifted = (at: SourcePos, by: number): SourcePos => ({ ...at, column: at.column + by });

const UNRESERVED = /^[A-Za-z0-9._~/-]$/;
const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** UTF-8 bytes of one code point (a lone surrogate becomes U+FFFD, as a URL encoder would). */
function utf8(cp: number): number[] {
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/**
 * A path as the proxy compares it (decoded: nginx locations and Traefik's PathPrefix both match
 * the percent-decoded request path) in the model's form: unreserved characters and `/` as they
 * are, every other byte as `%XX`. So `/a b` becomes `/a%20b`, and a literal `%` becomes `%25`
 * (the proxy would match a `%` in the decoded path, i.e. `%25` on the wire).
 */
export function modelPath(decoded: string): string {
  let out = '';
  for (const ch of decoded) {
    if (UNRESERVED.test(ch)) out += ch;
    else for (const byte of utf8(ch.codePointAt(0)!)) out += hex(byte);
  }
  return out;
}

/**
 * A path as HAProxy and Caddy compare it (the request's path as sent, not decoded) in the
 * model's form: valid `%XX` escapes kept as written (HAProxy compares them byte for byte), any
 * other character that is not unreserved escaped.
 */
export function rawModelPath(path: string): string {
  return path.replace(/%[0-9A-Fa-f]{2}|[^%]+|%/g, (part) => (/^%[0-9A-Fa-f]{2}$/.test(part) ? part : modelPath(part)));
}

/** Host names compare without case and without the root's trailing dot. */
export const modelHost = (host: string): string => host.toLowerCase().replace(/\.$/, '');

/** Whether `host` is a host name or a leading wildcard of one (`*.example.com`), nothing else. */
export function isHostPattern(host: string): boolean {
  const name = host.startsWith('*.') ? host.slice(2) : host;
  return (
    name.length > 0 &&
    name.length <= 253 &&
    name.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label))
  );
}

/** A port number as written, or undefined when it is not one (nothing else, `080` included, is a port here). */
export function portNumber(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,4}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/** The folder part of a `/`-separated path (`conf/nginx.conf` → `conf/`, `nginx.conf` → ``). */
export const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/** `ref` resolved against `base`'s folder, unless it is absolute. */
export const joinPath = (base: string, ref: string): string => (ref.startsWith('/') ? ref : folderOf(base) + ref);

/** Notes in reading order: by file, then line and column (a stable sort keeps notes of one place in order). */
export const sortNotes = (notes: ImportNote[]): ImportNote[] =>
  notes.sort((a, b) =>
    a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.line - b.at.line || a.at.column - b.at.column,
  );
