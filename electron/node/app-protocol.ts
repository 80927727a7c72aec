/**
 * The renderer's own origin, `app://portolan/`. Main registers the `app` scheme as privileged
 * (before `ready`) and answers it with `createAppProtocolHandler`: every request is resolved
 * here, under plain Node, to one regular file inside the built renderer folder — or refused.
 *
 * Why a custom scheme instead of `file://`: a `file://` page is an opaque origin that needs
 * Electron's `grantFileProtocolExtraPrivileges` fuse for module scripts, and any `file://` URL
 * is "the app" to it. `app://portolan` is a real, secure, same-origin-only origin: the CSP's
 * `'self'` means exactly the packaged renderer, and the fuse can be turned off
 * (electron-builder.yml).
 *
 * This module must not import `electron`: the shapes below are structurally compatible with
 * Electron's `CustomScheme` and `protocol.handle` handler, and electron/main passes them through.
 */
import { promises as fs } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { contentTypeFor, resolveRequestPath, SECURITY_HEADERS } from './static-server';

export const APP_SCHEME = 'app';
export const APP_HOST = 'portolan';
/** The renderer's origin: `'self'` in its Content-Security-Policy. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the main window loads (unless an unpackaged dev start uses electron-vite's server). */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The scheme's privileges, each stated. `standard` gives it a real origin (relative URLs,
 * module scripts, same-origin checks); `secure` makes it a secure context like https;
 * `supportFetchAPI` lets the page fetch its own files; `codeCache` keeps V8's code cache for
 * the bundles. Everything that would widen what the page or other origins may do stays off:
 * no CSP bypass, no CORS reads from other origins, no service workers, no media streaming.
 */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
  stream: false,
});

export interface PrivilegedScheme {
  readonly scheme: string;
  readonly privileges: typeof APP_SCHEME_PRIVILEGES;
}

/** The argument for `protocol.registerSchemesAsPrivileged` (Electron allows one call, before `ready`). */
export function privilegedSchemes(): PrivilegedScheme[] {
  return [{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }];
}

/** The parts of a fetch `Request` the handler reads (Electron passes a real `Request`). */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

export type AppRequestTarget =
  | { readonly ok: true; readonly segments: readonly string[] }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 405 };

/**
 * Turns a request URL into path segments relative to the renderer folder, or refuses it.
 * Only GET and HEAD on `app://portolan/…`; the path is checked as it was sent (before URL
 * normalisation could quietly fold a `..` away) and after percent-decoding, so `..`, `%2e%2e`,
 * `%2f`, `%5c`, backslashes, drive letters, NUL and control characters are refused, and hidden
 * names (`.env`, `.git`) are never found. `/` means `index.html`.
 */
export function resolveAppRequest(request: AppRequest): AppRequestTarget {
  if (request.method !== 'GET' && request.method !== 'HEAD') return { ok: false, status: 405 };
  const url = request.url;
  // The raw authority and path, before any normalisation.
  const raw = /^app:\/\/([^/?#\\]*)([^?#]*)/i.exec(url);
  if (raw === null) return { ok: false, status: 400 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  // Exactly the app's origin: no other host, no port, no credentials.
  if (
    parsed.protocol !== `${APP_SCHEME}:` ||
    raw[1]?.toLowerCase() !== APP_HOST ||
    parsed.hostname !== APP_HOST ||
    parsed.port !== '' ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return { ok: false, status: 403 };
  }
  const rawPath = raw[2] === undefined || raw[2] === '' ? '/' : raw[2];
  const resolution = resolveRequestPath(rawPath);
  if (!resolution.ok) return resolution;
  // The URL parser must agree with the raw reading (it folds `.` segments and `\` differently).
  const normalised = resolveRequestPath(parsed.pathname === '' ? '/' : parsed.pathname);
  if (!normalised.ok || normalised.segments.join('/') !== resolution.segments.join('/')) {
    return { ok: false, status: 403 };
  }
  return { ok: true, segments: resolution.segments.length === 0 ? ['index.html'] : resolution.segments };
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

export type AppFileResult =
  | { readonly ok: true; readonly path: string; readonly body: Uint8Array }
  | { readonly ok: false; readonly status: 403 | 404 };

/**
 * Reads the file the segments name, only if it is a regular file inside `realRoot` (the
 * renderer folder with its symlinks resolved) once every symlink on the way is resolved too.
 * Uses `fs.promises` looked up at call time, so Electron's asar support applies.
 */
export async function readAppFile(realRoot: string, segments: readonly string[]): Promise<AppFileResult> {
  const candidate = resolve(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) return { ok: false, status: 403 };
  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return { ok: false, status: 404 };
  }
  // A symlink may point anywhere: what counts is where it ends up.
  if (!isInside(realRoot, real)) return { ok: false, status: 403 };
  try {
    if (!(await fs.stat(real)).isFile()) return { ok: false, status: 404 };
    return { ok: true, path: real, body: await fs.readFile(real) };
  } catch {
    return { ok: false, status: 404 };
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

/**
 * Headers of every app:// response: the static server's security headers (the same strict
 * Content-Security-Policy as the page's meta tag, nosniff, no framing, no referrer), an exact
 * content type from the file name (unknown types are `application/octet-stream`, never
 * sniffed), and no caching of anything the app serves.
 */
export function appResponseHeaders(fileName: string): Record<string, string> {
  return { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(fileName), 'Cache-Control': 'no-cache' };
}

function refusal(status: 400 | 403 | 404 | 405, method: string): Response {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  };
  if (status === 405) headers.Allow = 'GET, HEAD';
  return new Response(method === 'HEAD' ? null : `${status} ${STATUS_TEXT[status]}\n`, { status, headers });
}

/**
 * The `protocol.handle('app', …)` handler for the renderer folder `rendererRoot`: resolves,
 * reads and answers one request. Never throws; anything unexpected is a 404.
 */
export function createAppProtocolHandler(rendererRoot: string): (request: AppRequest) => Promise<Response> {
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    const method = request.method;
    const target = resolveAppRequest(request);
    if (!target.ok) return refusal(target.status, method);
    realRoot ??= fs.realpath(resolve(rendererRoot));
    let root: string;
    try {
      root = await realRoot;
    } catch {
      realRoot = undefined;
      return refusal(404, method);
    }
    const file = await readAppFile(root, target.segments);
    if (!file.ok) return refusal(file.status, method);
    return new Response(method === 'HEAD' ? null : file.body, { status: 200, headers: appResponseHeaders(file.path) });
  };
}

export type RendererSource =
  | { readonly kind: 'app'; readonly url: string; readonly ignored?: string }
  | { readonly kind: 'dev-server'; readonly url: string };

/** electron-vite's dev server as a page origin: `http://localhost:<port>` or `http://127.0.0.1:<port>`, nothing else. */
export function localDevServerOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:') return null;
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') return null;
  if (url.username !== '' || url.password !== '') return null;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return null;
  return url.origin;
}

export interface RendererSourceOptions {
  /** `app.isPackaged`. */
  readonly packaged: boolean;
  /**
   * Reads `ELECTRON_RENDERER_URL` (set by `electron-vite dev`). Called only for an unpackaged
   * start: a packaged build never looks at it.
   */
  readonly devServerUrl: () => string | undefined;
}

/**
 * Where the main window's page comes from. A packaged build: always the built renderer over
 * app://, without reading the environment. An unpackaged start: electron-vite's dev server when
 * `ELECTRON_RENDERER_URL` names one on loopback over http, otherwise app:// too (and `ignored`
 * says why, for a warning).
 */
export function rendererSource(options: RendererSourceOptions): RendererSource {
  if (options.packaged) return { kind: 'app', url: APP_ENTRY_URL };
  const raw = options.devServerUrl();
  if (raw === undefined || raw === '') return { kind: 'app', url: APP_ENTRY_URL };
  const origin = localDevServerOrigin(raw);
  if (origin === null) {
    return {
      kind: 'app',
      url: APP_ENTRY_URL,
      ignored:
        'ELECTRON_RENDERER_URL is not an http://localhost or http://127.0.0.1 origin; loading the built renderer',
    };
  }
  return { kind: 'dev-server', url: `${origin}/` };
}
