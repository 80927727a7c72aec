/**
 * Crash recovery: the unsaved document is journaled to a file in the user-data folder — never
 * over the user's own file — at most once per interval (the latest text wins), atomically, so
 * a crash leaves either the previous or the new journal. A journal found at start means the
 * last session did not end cleanly; a clean save or close clears it.
 */
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import type { RecoveryEntry } from '../../shared/ipc/index';
import { removeStaleTempFiles, toWriteError, writeFileAtomic, type WriteError, type WriteFs } from './files';

/** Journal cadence: edits older than this are on disk (well inside the 5 s the issue allows). */
export const JOURNAL_INTERVAL_MS = 1000;
const FORMAT = 1;

export function parseJournal(text: string): RecoveryEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as { format?: unknown; savedAt?: unknown; text?: unknown } | null;
  if (v?.format !== FORMAT || typeof v.text !== 'string' || typeof v.savedAt !== 'number') return null;
  return { text: v.text, savedAt: v.savedAt };
}

export function serializeJournal(entry: RecoveryEntry): string {
  return JSON.stringify({ format: FORMAT, savedAt: entry.savedAt, text: entry.text });
}

export interface RecoveryJournalOptions {
  /** e.g. `<userData>/recovery/journal.json`. */
  readonly file: string;
  readonly intervalMs?: number;
  readonly now?: () => number;
  /**
   * Told when a journal write fails (disk full, read-only, …) with the writer's coded error.
   * The previous journal stays as it was, and the text is kept for the next write or flush.
   */
  readonly onError?: (error: WriteError) => void;
  /** The file system the journal writes through (tests inject faults here). */
  readonly fs?: WriteFs;
}

export interface RecoveryJournal {
  /** Records the latest text; written now, or when the interval since the last write ends. */
  record(text: string): void;
  /** Writes a pending record at once (before quitting). */
  flush(): Promise<void>;
  /** The journal on disk, if any (a damaged one reads as none). */
  load(): Promise<RecoveryEntry | null>;
  /** Drops a pending record and deletes the journal (after a clean save or close). */
  clear(): Promise<void>;
}

export function createRecoveryJournal(options: RecoveryJournalOptions): RecoveryJournal {
  const interval = options.intervalMs ?? JOURNAL_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let pending: string | null = null;
  let lastWrite = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by clear(): a write that fails after a clear must not bring its text back.
  let generation = 0;
  // Writes and deletes run one at a time, in order, so a clear is never undone by a late write.
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (fn: () => Promise<void>) => {
    chain = chain.then(fn).catch(() => undefined);
    return chain;
  };

  const writePending = () => {
    timer = undefined;
    const text = pending;
    if (text === null) return chain;
    pending = null;
    lastWrite = now();
    const entry: RecoveryEntry = { text, savedAt: lastWrite };
    const born = generation;
    return enqueue(async () => {
      try {
        await fs.mkdir(dirname(options.file), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
          throw toWriteError(error, options.file, 'create');
        });
        await writeFileAtomic(options.file, serializeJournal(entry), {
          overwrite: true,
          mode: 0o600,
          fs: options.fs,
        });
      } catch (error) {
        // Kept for the next write (or the flush before quitting) unless newer text or a clear came.
        if (pending === null && born === generation) pending = text;
        options.onError?.(toWriteError(error, options.file, 'write'));
      }
    });
  };

  // Temporary files of writes a crash interrupted.
  void enqueue(async () => void (await removeStaleTempFiles(options.file, options.fs)));

  return {
    record(text) {
      pending = text;
      if (timer !== undefined) return;
      const wait = lastWrite + interval - now();
      if (wait <= 0) void writePending();
      else timer = setTimeout(() => void writePending(), wait);
    },
    async flush() {
      if (timer !== undefined) clearTimeout(timer);
      await writePending();
    },
    async load() {
      await chain;
      return parseJournal(await fs.readFile(options.file, 'utf8').catch(() => ''));
    },
    async clear() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = null;
      generation += 1;
      await enqueue(() => fs.rm(options.file, { force: true }));
    },
  };
}
