import { DEFAULT_PORTS } from '../../model/constraints';

// Host names and default ports are facts of shared/model/constraints; re-exported for the
// callers that read them beside the URL parser.
export { DEFAULT_PORTS, isHostname } from '../../model/constraints';

/**
 * URL handling without the WHATWG URL class (shared/ has no DOM or Node globals): enough to
 * compare the public URLs nextAuth is configured with, and to reject malformed ones.
 */
export interface ParsedUrl {
  readonly scheme: string;
  readonly host: string;
  readonly port?: number;
  readonly path: string;
  readonly query: string;
}

const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/([^/?#:@\s]+)(?::(\d{1,5}))?(\/[^?#\s]*)?(\?[^#\s]*)?$/i;

export function parseUrl(text: string): ParsedUrl | undefined {
  const m = URL_PATTERN.exec(text);
  if (!m) return undefined;
  const port = m[3] === undefined ? undefined : Number(m[3]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return {
    scheme: m[1]!.toLowerCase(),
    host: m[2]!.toLowerCase(),
    ...(port !== undefined ? { port } : {}),
    path: m[4] || '/',
    query: m[5] ?? '',
  };
}

/** A comparable form: lower-case scheme and host, default port dropped, empty path as `/`. */
export function normalizeUrl(text: string): string | undefined {
  const u = parseUrl(text.trim());
  if (!u) return undefined;
  const port = u.port !== undefined && u.port !== DEFAULT_PORTS[u.scheme] ? `:${u.port}` : '';
  return `${u.scheme}://${u.host}${port}${u.path}${u.query}`;
}
