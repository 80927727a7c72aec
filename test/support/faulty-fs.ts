/**
 * An injected file-system layer for the writer (`WriteFs`): Node's real calls, except that
 * the Nth call of a chosen operation fails with a chosen system error (ENOSPC, EACCES, EROFS,
 * EXDEV, …). For faults the machine cannot make for real (EXDEV between a file and its own
 * folder) and for machines where the real ones (tmpfs in a mount namespace) are not allowed.
 */
import { nodeWriteFs, type WriteFs, type WriteHandle } from '../../electron/node/files';

/** Calls on the file system, and on an open file (`write`, `chmod`, `sync`, …). */
export type FaultOp =
  | 'lstat'
  | 'realpath'
  | 'access'
  | 'open'
  | 'rename'
  | 'link'
  | 'unlink'
  | 'readdir'
  | 'write'
  | 'stat'
  | 'chmod'
  | 'chown'
  | 'sync'
  | 'close';

export interface Fault {
  readonly op: FaultOp;
  /** The system error code thrown, e.g. `ENOSPC`. */
  readonly errno: string;
  /** Which call of `op` fails, 1-based (default 1); later calls succeed again. */
  readonly nth?: number;
  /** Every call from the Nth on fails (a disk that stays full, a mount that stays read-only). */
  readonly sticky?: boolean;
  /** For `write`: half the data reaches the file before the error, as on a disk that fills up. */
  readonly partial?: boolean;
}

const ERRNO: Record<string, number> = {
  EPERM: -1,
  ENOENT: -2,
  EIO: -5,
  EACCES: -13,
  EBUSY: -16,
  EXDEV: -18,
  ENOSPC: -28,
  EROFS: -30,
  EDQUOT: -122,
};

/** An error shaped like the ones Node's fs throws. */
export function systemError(errno: string, syscall: string, path?: string): NodeJS.ErrnoException {
  const error = new Error(`${errno}: injected fault, ${syscall}${path ? ` '${path}'` : ''}`) as NodeJS.ErrnoException;
  error.code = errno;
  error.errno = ERRNO[errno] ?? -1;
  error.syscall = syscall;
  if (path !== undefined) error.path = path;
  return error;
}

export interface FaultyFs extends WriteFs {
  /** Every call made, as `op path` (for a test to show where the fault landed). */
  readonly calls: string[];
  /** How many injected faults were thrown (a test asserts the fault really fired). */
  fired(): number;
}

export function faultyFs(faults: readonly Fault[], base: WriteFs = nodeWriteFs): FaultyFs {
  const counts = new Map<FaultOp, number>();
  const calls: string[] = [];
  let fired = 0;
  /** The fault for this call of `op`, if one is due. */
  const due = (op: FaultOp, path: string): Fault | undefined => {
    const n = (counts.get(op) ?? 0) + 1;
    counts.set(op, n);
    calls.push(`${op} ${path}`);
    const fault = faults.find((f) => f.op === op && (f.sticky ? n >= (f.nth ?? 1) : n === (f.nth ?? 1)));
    if (fault) fired += 1;
    return fault;
  };
  const check = (op: FaultOp, path: string) => {
    const fault = due(op, path);
    if (fault) throw systemError(fault.errno, op, path);
  };

  const wrapHandle = (handle: WriteHandle, path: string): WriteHandle => ({
    async writeFile(data, encoding) {
      const fault = due('write', path);
      if (fault) {
        if (fault.partial) await handle.writeFile(data.slice(0, Math.floor(data.length / 2)), encoding);
        throw systemError(fault.errno, 'write', path);
      }
      return handle.writeFile(data, encoding);
    },
    async stat() {
      check('stat', path);
      return handle.stat();
    },
    async chmod(mode) {
      check('chmod', path);
      return handle.chmod(mode);
    },
    async chown(uid, gid) {
      check('chown', path);
      return handle.chown(uid, gid);
    },
    async sync() {
      check('sync', path);
      return handle.sync();
    },
    async close() {
      const fault = due('close', path);
      // A failing close still releases the descriptor, as close(2) does.
      await handle.close();
      if (fault) throw systemError(fault.errno, 'close', path);
    },
  });

  return {
    calls,
    fired: () => fired,
    async lstat(path) {
      check('lstat', path);
      return base.lstat(path);
    },
    async realpath(path) {
      check('realpath', path);
      return base.realpath(path);
    },
    async access(path, mode) {
      check('access', path);
      return base.access(path, mode);
    },
    async open(path, flags, mode) {
      check('open', path);
      return wrapHandle(await base.open(path, flags, mode), path);
    },
    async rename(from, to) {
      check('rename', to);
      return base.rename(from, to);
    },
    async link(existing, path) {
      check('link', path);
      return base.link(existing, path);
    },
    async unlink(path) {
      check('unlink', path);
      return base.unlink(path);
    },
    async readdir(path) {
      check('readdir', path);
      return base.readdir(path);
    },
  };
}
