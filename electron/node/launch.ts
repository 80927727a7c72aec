/**
 * `portolan start`: run the desktop app when the Electron runtime is installed, otherwise serve
 * the built renderer to a browser on loopback. Plain Node — this module never imports `electron`
 * (it only asks the `electron` npm package where its binary is).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server';

/** The port `portolan start` prefers in browser mode. */
export const DEFAULT_PORT = 5183;

export const ELECTRON_MISSING_LINE = 'Electron runtime not installed here; serving the editor in your browser instead.';

export interface StartOptions {
  /** The project root: holds package.json and the build output in out/. */
  readonly appRoot: string;
  /**
   * Browser mode only. Omitted: 5183, or any free port when 5183 is busy. Given: exactly this
   * port (0 = any free port); a busy port is an error.
   */
  readonly port?: number;
  /** Browser mode only; default 127.0.0.1. */
  readonly host?: string;
  /** Receives the user-facing lines; default prints to stdout. */
  readonly log?: (line: string) => void;
  /** Path of the Electron binary; `null` forces browser mode; omitted = `findElectronBinary()`. */
  readonly electronBinary?: string | null;
}

export type StartResult =
  | {
      readonly mode: 'desktop';
      /** Settles with Electron's exit code (null when killed by a signal). */
      readonly exited: Promise<number | null>;
    }
  | { readonly mode: 'browser'; readonly url: string; close(): Promise<void> };

/** Walks up from this module to the first directory with a package.json (the project root). */
function defaultProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * Where the Electron binary is, or null when the runtime is not installed. The `electron`
 * package's index.js exports the binary path, or throws "Electron failed to install correctly"
 * when its postinstall download did not happen.
 */
export function findElectronBinary(projectRoot: string = defaultProjectRoot()): string | null {
  let binary: unknown;
  try {
    const require = createRequire(join(resolve(projectRoot), 'package.json'));
    binary = require('electron');
  } catch {
    return null;
  }
  if (typeof binary !== 'string' || binary.length === 0) return null;
  try {
    return statSync(binary).isFile() ? binary : null;
  } catch {
    return null;
  }
}

function requireBuild(appRoot: string, relative: string): void {
  if (!existsSync(join(appRoot, relative))) {
    throw new Error(`Portolan is not built: ${join(appRoot, relative)} is missing. Run npm run build first.`);
  }
}

/**
 * The environment `portolan start` gives Electron: the user's, without the variables that
 * would change what runs. ELECTRON_RUN_AS_NODE would make the binary plain Node and ignore the
 * app; ELECTRON_RENDERER_URL would point the window at a dev server instead of the built
 * renderer (`portolan start` is not a dev start — only `electron-vite dev` sets it).
 */
export function electronEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = { ...env };
  delete clean.ELECTRON_RUN_AS_NODE;
  delete clean.ELECTRON_RENDERER_URL;
  return clean;
}

function spawnElectron(binary: string, appRoot: string): Promise<StartResult> {
  const env = electronEnvironment(process.env);
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(binary, [appRoot], { cwd: appRoot, stdio: 'inherit', env });
    const exited = new Promise<number | null>((resolveExit) => {
      child.once('exit', (code) => resolveExit(code));
    });
    child.once('error', (err) => {
      rejectStart(new Error(`Could not start Electron (${binary}): ${err.message}`));
    });
    child.once('spawn', () => resolveStart({ mode: 'desktop', exited }));
  });
}

async function serveInBrowser(opts: StartOptions, log: (line: string) => void): Promise<StartResult> {
  const root = join(opts.appRoot, 'out', 'renderer');
  const host = opts.host ?? '127.0.0.1';
  let server;
  if (opts.port !== undefined) {
    server = await startStaticServer({ root, host, port: opts.port });
  } else {
    try {
      server = await startStaticServer({ root, host, port: DEFAULT_PORT });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      server = await startStaticServer({ root, host, port: 0 });
    }
  }
  log(`Portolan is running at ${server.url} (Ctrl+C to stop)`);
  return { mode: 'browser', url: server.url, close: () => server.close() };
}

/** Starts the desktop app, or the browser fallback when the Electron runtime is absent. */
export async function start(opts: StartOptions): Promise<StartResult> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const appRoot = resolve(opts.appRoot);
  requireBuild(appRoot, join('out', 'renderer', 'index.html'));
  const binary = opts.electronBinary === undefined ? findElectronBinary(appRoot) : opts.electronBinary;
  if (binary !== null) {
    requireBuild(appRoot, join('out', 'main', 'index.js'));
    return spawnElectron(binary, appRoot);
  }
  log(ELECTRON_MISSING_LINE);
  return serveInBrowser({ ...opts, appRoot }, log);
}
