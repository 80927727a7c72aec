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
/** Ports a URL of each scheme uses when it names none. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = { https: 443, wss: 443, http: 80, ws: 80 };

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

/**
 * RFC 1123 host name: dot-separated labels of 1–63 letters, digits and inner hyphens, at most
 * 253 characters. A character loop, not a regular expression: it runs for every route on every edit.
 */
export function isHostname(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  let label = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (label === 0 || host.charCodeAt(i - 1) === 0x2d) return false;
      label = 0;
      continue;
    }
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum && (c !== 0x2d /* - */ || label === 0)) return false;
    if (++label > 63) return false;
  }
  return label > 0 && host.charCodeAt(host.length - 1) !== 0x2d;
}
