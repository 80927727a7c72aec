/**
 * The desktop app's recent-files list: a small JSON file in the user-data folder, most recent
 * first, deduplicated, capped, pruned of files that no longer exist. A damaged file reads as an
 * empty list (and is replaced on the next change) rather than stopping the app.
 */
import { promises as fs } from 'node:fs';
import { isAbsolute, normalize } from 'node:path';
import { writeFileAtomic } from './files';

export const RECENT_LIMIT = 10;
const FORMAT = 1;

/** The list in a recent-files JSON text; anything unreadable is an empty list. */
export function parseRecent(text: string, limit = RECENT_LIMIT): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const files = (value as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const entry of files) {
    if (typeof entry !== 'string' || entry === '' || entry.includes('\0') || !isAbsolute(entry)) continue;
    const path = normalize(entry);
    if (seen.has(path)) continue;
    seen.add(path);
    out.push(path);
    if (out.length === limit) break;
  }
  return out;
}

export function serializeRecent(files: readonly string[]): string {
  return `${JSON.stringify({ format: FORMAT, files }, null, 2)}\n`;
}

/** `path` moved to the front, without duplicates, capped. */
export function withRecent(files: readonly string[], path: string, limit = RECENT_LIMIT): string[] {
  const p = normalize(path);
  return [p, ...files.filter((f) => f !== p)].slice(0, limit);
}

export interface RecentFilesOptions {
  /** The JSON file, e.g. `<userData>/recent-files.json`. */
  readonly file: string;
  readonly limit?: number;
  /** Whether a listed file still exists; injectable for tests. */
  readonly exists?: (path: string) => Promise<boolean>;
}

export interface RecentFiles {
  /** Existing files, most recent first (missing ones are dropped from the stored list). */
  list(): Promise<string[]>;
  add(path: string): Promise<string[]>;
  remove(path: string): Promise<string[]>;
  clear(): Promise<void>;
}

const fileExists = (path: string) =>
  fs.stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

export function createRecentFiles(options: RecentFilesOptions): RecentFiles {
  const limit = options.limit ?? RECENT_LIMIT;
  const exists = options.exists ?? fileExists;
  // Changes are serialised so two quick saves cannot interleave a read and a write.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const read = async () => parseRecent(await fs.readFile(options.file, 'utf8').catch(() => ''), limit);
  const write = (files: readonly string[]) =>
    writeFileAtomic(options.file, serializeRecent(files), { overwrite: true, mode: 0o600 });

  return {
    list: () =>
      serial(async () => {
        const stored = await read();
        const present = (await Promise.all(stored.map(async (f) => ((await exists(f)) ? f : null)))).filter(
          (f): f is string => f !== null,
        );
        if (present.length !== stored.length) await write(present).catch(() => undefined);
        return present;
      }),
    add: (path) =>
      serial(async () => {
        const next = withRecent(await read(), path, limit);
        await write(next);
        return next;
      }),
    remove: (path) =>
      serial(async () => {
        const p = normalize(path);
        const next = (await read()).filter((f) => f !== p);
        await write(next);
        return next;
      }),
    clear: () => serial(() => write([])),
  };
}
