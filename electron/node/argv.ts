/**
 * Which project file (or picture carrying one) the app was asked to open at launch: from the
 * command line (first launch or a second launch forwarded by the single-instance lock) and from
 * macOS `open-file` events, which arrive before the window exists and are queued until it does.
 */
import { isAbsolute, resolve } from 'node:path';
import { isOpenableName } from './open-path';

export interface ArgvOptions {
  /** `process.defaultApp`: started as `electron .`, so argv[1] is the app folder, not a file. */
  readonly defaultApp: boolean;
  /** Folder that relative paths are resolved against (the launching shell's). */
  readonly cwd: string;
}

/**
 * The project files and pictures named on a command line, as absolute paths in order. Switches
 * (`--foo`, `--foo=bar`, macOS's `-psn_…`) and files that are neither are ignored; everything
 * after a bare `--` is taken as a file name even when it starts with `-`.
 */
export function filesFromArgv(argv: readonly string[], options: ArgvOptions): string[] {
  const args = argv.slice(options.defaultApp ? 2 : 1);
  const files: string[] = [];
  let switches = true;
  for (const arg of args) {
    if (typeof arg !== 'string' || arg === '') continue;
    if (switches && arg === '--') {
      switches = false;
      continue;
    }
    if (switches && arg.startsWith('-')) continue;
    if (!isOpenableName(arg)) continue;
    files.push(isAbsolute(arg) ? arg : resolve(options.cwd, arg));
  }
  return files;
}

/** The one file to open from a command line: the last one named (later arguments win). */
export function fileFromArgv(argv: readonly string[], options: ArgvOptions): string | null {
  const files = filesFromArgv(argv, options);
  return files.length === 0 ? null : (files[files.length - 1] ?? null);
}

/** What a second launch forwards through `requestSingleInstanceLock(additionalData)`. */
export interface LaunchData {
  readonly argv: string[];
  readonly cwd: string;
}

export function isLaunchData(value: unknown): value is LaunchData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { argv?: unknown; cwd?: unknown };
  return Array.isArray(v.argv) && v.argv.every((a) => typeof a === 'string') && typeof v.cwd === 'string';
}

/**
 * Paths to open that arrive before the app can show them (macOS `open-file` before `ready`, a
 * second launch while the window loads). Once `ready` is called, new paths go straight to the
 * opener; queued ones are flushed in order — only the last matters, since one window shows one file.
 */
export class OpenQueue {
  private pending: string | null = null;
  private opener: ((path: string) => void) | null = null;

  push(path: string): void {
    if (this.opener) this.opener(path);
    else this.pending = path;
  }

  ready(opener: (path: string) => void): void {
    this.opener = opener;
    const pending = this.pending;
    this.pending = null;
    if (pending !== null) opener(pending);
  }

  get queued(): string | null {
    return this.pending;
  }
}
