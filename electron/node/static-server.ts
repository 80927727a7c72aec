/**
 * A small, strict static file server for the built renderer (`portolan start` without Electron,
 * and the end-to-end tests). `node:http` only; it serves regular files under `root` and nothing
 * else: no directory listings, no dotfiles, no path outside the root (after resolving symlinks).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { open, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, resolve, sep } from 'node:path';
import { hasControlCharacters } from '../../shared/model/constraints';
import { CONTENT_SECURITY_POLICY } from './window-options';

export interface StaticServerOptions {
  /** Directory to serve. Must exist. */
  readonly root: string;
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** TCP port; 0 (the default) picks any free port. */
  readonly port?: number;
}

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:5183/`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The content type the server sends for a file name (unknown types are never sniffed). */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers sent with every response, success or error. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

type Resolution =
  | { readonly ok: true; readonly segments: readonly string[] }
  | { readonly ok: false; readonly status: 400 | 403 | 404 };

/**
 * Turns a request target into path segments relative to the root, or refuses it. Checks run on
 * the decoded path, so `%2e%2e`, `%2f` and `%5c` are caught like their literal forms.
 */
export function resolveRequestPath(target: string): Resolution {
  const cut = target.search(/[?#]/);
  const rawPath = cut === -1 ? target : target.slice(0, cut);
  // Origin-form only: `/path`. Absolute-form (`http://…`), `*` and anything else is refused.
  if (!rawPath.startsWith('/')) return { ok: false, status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  // NUL bytes and backslashes have no business in a URL path of the built app.
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  // Control characters (the set of model/constraints: C0, DEL, C1, line separators) are refused outright.
  if (hasControlCharacters(decoded)) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  for (const s of segments) {
    if (s === '.' || s === '..') return { ok: false, status: 403 };
    // Dotfiles (.env, .git, …) are never served.
    if (s.startsWith('.')) return { ok: false, status: 404 };
    // A drive letter or other absolute form hidden in a segment (`C:`, `\\?\`).
    if (s.includes(':') || isAbsolute(s)) return { ok: false, status: 403 };
  }
  return { ok: true, segments };
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

function hostHeaderAllowed(hostHeader: string | undefined, boundHost: string): boolean {
  // Loopback servers only answer to loopback names, which defeats DNS rebinding.
  if (!LOOPBACK_HOSTS.has(boundHost)) return true;
  if (hostHeader === undefined) return false;
  const name = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.replace(/:\d+$/, '');
  return LOOPBACK_HOSTS.has(name.toLowerCase());
}

function sendStatus(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  extra: Record<string, string> = {},
): void {
  const body = `${status} ${statusText(status)}\n`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function statusText(status: number): string {
  switch (status) {
    case 400:
      return 'Bad Request';
    case 403:
      return 'Forbidden';
    case 404:
      return 'Not Found';
    case 405:
      return 'Method Not Allowed';
    default:
      return 'Internal Server Error';
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, realRoot: string, boundHost: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendStatus(req, res, 405, { Allow: 'GET, HEAD' });
    return;
  }
  if (!hostHeaderAllowed(req.headers.host, boundHost)) {
    sendStatus(req, res, 403);
    return;
  }
  const resolution = resolveRequestPath(req.url ?? '');
  if (!resolution.ok) {
    sendStatus(req, res, resolution.status);
    return;
  }
  let candidate = resolve(realRoot, ...resolution.segments);
  if (!isInside(realRoot, candidate)) {
    sendStatus(req, res, 403);
    return;
  }
  let real: string;
  try {
    real = await realpath(candidate);
    if ((await stat(real)).isDirectory()) {
      candidate = resolve(real, 'index.html');
      real = await realpath(candidate);
    }
  } catch {
    sendStatus(req, res, 404);
    return;
  }
  // Symlinks are followed only while they stay inside the root.
  if (!isInside(realRoot, real)) {
    sendStatus(req, res, 403);
    return;
  }
  let file;
  try {
    file = await open(real, 'r');
  } catch {
    sendStatus(req, res, 404);
    return;
  }
  try {
    const info = await file.stat();
    if (!info.isFile()) {
      await file.close();
      sendStatus(req, res, 404);
      return;
    }
    const isHtml = contentTypeFor(real).startsWith('text/html');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(real),
      'Content-Length': String(info.size),
      'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=0, must-revalidate',
      'Last-Modified': info.mtime.toUTCString(),
    });
    if (req.method === 'HEAD') {
      await file.close();
      res.end();
      return;
    }
    // pipeline closes the file when the client goes away mid-transfer.
    await pipeline(file.createReadStream(), res).catch(() => res.destroy());
  } catch {
    await file.close().catch(() => undefined);
    if (!res.headersSent) sendStatus(req, res, 500);
    else res.destroy();
  }
}

function formatUrl(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${port}/`;
}

/** Starts the server; rejects (with `code`) if the root is missing or the port is taken. */
export async function startStaticServer(opts: StaticServerOptions): Promise<StaticServer> {
  const host = opts.host ?? '127.0.0.1';
  const requestedPort = opts.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`Invalid port ${String(requestedPort)}: use an integer from 0 to 65535.`);
  }
  let realRoot: string;
  try {
    realRoot = await realpath(resolve(opts.root));
    if (!(await stat(realRoot)).isDirectory()) throw new Error('not a directory');
  } catch {
    const err = new Error(`Cannot serve ${opts.root}: it is not a readable directory.`);
    (err as NodeJS.ErrnoException).code = 'ENOENT';
    throw err;
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    handle(req, res, realRoot, host).catch(() => {
      if (!res.headersSent) sendStatus(req, res, 500);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        const busy = new Error(
          `Port ${requestedPort} on ${host} is already in use (EADDRINUSE). ` +
            `Stop the other program or choose another port.`,
        );
        (busy as NodeJS.ErrnoException).code = 'EADDRINUSE';
        rejectListen(busy);
      } else if (err.code === 'EACCES') {
        const denied = new Error(
          `Not allowed to listen on port ${requestedPort} on ${host} (EACCES). Choose a port above 1023.`,
        );
        (denied as NodeJS.ErrnoException).code = 'EACCES';
        rejectListen(denied);
      } else {
        rejectListen(err);
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolveListen();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port: requestedPort, exclusive: true });
  });

  const address = server.address();
  if (address === null || typeof address === 'string') {
    server.close();
    throw new Error('Static server did not bind to a TCP port.');
  }
  const port = address.port;
  let closing: Promise<void> | undefined;
  return {
    url: formatUrl(host, port),
    port,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
