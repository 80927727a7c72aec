/**
 * External change detection for the open file. We remember a fingerprint (modification time,
 * size and SHA-256 of the contents) of what we last read or wrote; the file has changed on disk
 * when its contents no longer match — a touch without a change does not count, an edit that
 * keeps the size and time does (the hash catches it when we look).
 */
import { createHash } from 'node:crypto';
import { promises as fs, unwatchFile, watchFile, type Stats } from 'node:fs';

export interface Fingerprint {
  readonly mtimeMs: number;
  readonly size: number;
  readonly sha256: string;
}

export type DiskState = 'unchanged' | 'changed' | 'missing';

export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The fingerprint of a file we just read or wrote `text` to. */
export async function fingerprintAfter(path: string, text: string): Promise<Fingerprint> {
  const stat = await fs.stat(path);
  return { mtimeMs: stat.mtimeMs, size: stat.size, sha256: hashText(text) };
}

/** Whether the file still holds what the fingerprint describes. */
export async function diskState(path: string, baseline: Fingerprint): Promise<DiskState> {
  let stat: Stats;
  try {
    stat = await fs.stat(path);
  } catch {
    return 'missing';
  }
  if (stat.size !== baseline.size) return 'changed';
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch {
    return 'missing';
  }
  return createHash('sha256').update(bytes).digest('hex') === baseline.sha256 ? 'unchanged' : 'changed';
}

export type SaveDecision = 'write' | 'ask';

/**
 * Whether a plain Save may write without asking: only when the file on disk is still what we
 * last read or wrote, or the user has confirmed overwriting it. A deleted file is recreated
 * without asking (nothing is overwritten).
 */
export function saveDecision(state: DiskState, confirmed: boolean): SaveDecision {
  if (state === 'changed' && !confirmed) return 'ask';
  return 'write';
}

export interface DiskWatcher {
  /** Call before our own write of contents with this hash, so the save is not reported. */
  expectContents(sha256: string): void;
  /** Call after our own read or write, so our own save is not reported as a change. */
  setBaseline(baseline: Fingerprint): void;
  close(): void;
}

export interface WatchOptions {
  readonly path: string;
  readonly baseline: Fingerprint;
  /** Told once per distinct external version of the file. */
  readonly onChange: (state: Exclude<DiskState, 'unchanged'>) => void;
  /** Polling interval; polling survives editors that save by renaming a new file over ours. */
  readonly intervalMs?: number;
}

/** Watches the open file by polling its stat, and checks the contents when the stat moves. */
export function watchDiskFile(options: WatchOptions): DiskWatcher {
  let baseline = options.baseline;
  // Contents we are writing ourselves right now: a poll that lands between our rename and the
  // new baseline must not report our own save as someone else's.
  const ours = new Set<string>();
  let reported: string | null = null;
  let closed = false;
  const listener = (current: Stats, previous: Stats) => {
    if (closed || (current.mtimeMs === previous.mtimeMs && current.size === previous.size)) return;
    void fs.readFile(options.path).then(
      (bytes) => {
        const hash = createHash('sha256').update(bytes).digest('hex');
        if (closed || hash === baseline.sha256 || ours.has(hash) || hash === reported) return;
        reported = hash;
        options.onChange('changed');
      },
      () => {
        if (closed || reported === 'missing') return;
        reported = 'missing';
        options.onChange('missing');
      },
    );
  };
  watchFile(options.path, { interval: options.intervalMs ?? 2000, persistent: false }, listener);
  return {
    expectContents(sha256) {
      ours.add(sha256);
    },
    setBaseline(next) {
      baseline = next;
      ours.clear();
      reported = null;
    },
    close() {
      closed = true;
      unwatchFile(options.path, listener);
    },
  };
}
