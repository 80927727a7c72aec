/**
 * Real file-system faults for tests, made by the kernel rather than mocked:
 *
 * - disk full: a 16 KiB tmpfs mounted in a private mount namespace (`unshare -rm`), so writing
 *   more than fits fails with a real ENOSPC;
 * - read-only file system: the same tmpfs remounted read-only (`mount -o remount,ro`), EROFS;
 * - rename failure: the target bind-mounted onto itself, so renaming onto it fails (EBUSY);
 * - permission denied: the operation runs as an unprivileged user (root drops to `nobody`),
 *   so file modes apply and the kernel answers EACCES — root itself would ignore them.
 *
 * The operation runs in a child process (test/support/fault-child.ts under tsx) that prints
 * the folder before and after as JSON; the mount disappears with the namespace. Where the
 * machine does not allow namespaces the tests skip with a reason — unless REQUIRE_REAL_TOOLS=1
 * (CI), where that is a failure. The injected layer (faulty-fs.ts) covers the same faults on
 * every machine.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildResult, ChildSpec } from './fault-child';
import { snapshotTree } from './fault-tree';
import { realToolsRequired, toolAvailable, type ToolNeed } from './tools';

const CHILD = fileURLToPath(new URL('./fault-child.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx/esm');

/** The uid/gid an operation drops to for permission faults. */
export const NOBODY = { uid: 65534, gid: 65534 } as const;

let namespaceProbe: { ok: boolean; why: string } | undefined;

/** Whether `unshare -rm` may mount a tmpfs here (tried once, on a scratch folder). */
function probeNamespaces(): { ok: boolean; why: string } {
  if (namespaceProbe) return namespaceProbe;
  if (process.platform !== 'linux') return (namespaceProbe = { ok: false, why: 'not Linux' });
  if (!toolAvailable('unshare')) return (namespaceProbe = { ok: false, why: '"unshare" (util-linux) not found' });
  const dir = mkdtempSync(join(tmpdir(), 'portolan-ns-probe-'));
  try {
    const probe = spawnSync(
      'unshare',
      ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=16k tmpfs "$0" && mount -o remount,ro "$0"', dir],
      { encoding: 'utf8', timeout: 10_000 },
    );
    namespaceProbe =
      probe.status === 0
        ? { ok: true, why: '' }
        : { ok: false, why: `unshare -rm + mount tmpfs failed: ${(probe.stderr || String(probe.error)).trim()}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return namespaceProbe;
}

function need(ok: boolean, why: string, purpose: string): ToolNeed {
  if (ok) return { skip: false, reason: '' };
  if (realToolsRequired()) {
    throw new Error(
      `Real faults (${purpose}) are not available: ${why}. REQUIRE_REAL_TOOLS=1 is set, so this is a ` +
        `failure, not a skip: run as root (or allow unprivileged user namespaces) or unset REQUIRE_REAL_TOOLS.`,
    );
  }
  const reason = `${why}; real ${purpose} faults skipped (the injected layer still runs). Set REQUIRE_REAL_TOOLS=1 to make this a failure.`;
  console.warn(`[skip] ${reason}`);
  return { skip: true, reason };
}

/** For `describe.skipIf(needMountNamespace().skip)`: tmpfs for ENOSPC, remount for EROFS, bind for EBUSY. */
export function needMountNamespace(): ToolNeed {
  const probe = probeNamespaces();
  return need(probe.ok, probe.why, 'disk-full / read-only / rename');
}

/** For permission faults: an unprivileged process (we are one, or root can become `nobody`). */
export function needUnprivileged(): ToolNeed {
  const posix = typeof process.getuid === 'function';
  return need(posix, 'no POSIX user ids on this platform', 'permission-denied');
}

function runChild(args: readonly string[], spec: ChildSpec, command = process.execPath): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args, JSON.stringify(spec)],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as ChildResult);
        } catch {
          reject(new Error(`fault child failed (${error?.message ?? 'no JSON'}):\n${stderr}\n${stdout}`));
        }
      },
    );
  });
}

export type FaultSpec = Omit<ChildSpec, 'dir' | 'snapshotAfter'>;

/**
 * Runs one operation inside `unshare -rm` on a fresh tmpfs of `sizeKb` KiB; the child lays out
 * `spec.layout`, makes `spec.fault` real, performs `spec.op` and reports the folder before and after.
 */
export async function runInTinyFs(spec: FaultSpec, sizeKb = 16): Promise<ChildResult> {
  const mountPoint = mkdtempSync(join(tmpdir(), 'portolan-tinyfs-'));
  try {
    return await runChild(
      [
        '-rm',
        'sh',
        '-c',
        // $0 the mount point, $1 the size; the rest is the node command line.
        'mount -t tmpfs -o "size=$1k,mode=0755" tmpfs "$0" && shift && exec "$@"',
        mountPoint,
        String(sizeKb),
        process.execPath,
        '--import',
        TSX,
        CHILD,
      ],
      { ...spec, dir: mountPoint, snapshotAfter: true },
      'unshare',
    );
  } finally {
    rmSync(mountPoint, { recursive: true, force: true });
  }
}

/**
 * Runs one operation in a plain folder as an unprivileged user: as root the child lays out the
 * folder, then drops to `nobody` (so file modes bind it); otherwise it runs as we are. The
 * after-snapshot is taken here, with our rights.
 */
export async function runUnprivileged(
  spec: FaultSpec,
): Promise<ChildResult & { after: NonNullable<ChildResult['after']> }> {
  const base = mkdtempSync(join(tmpdir(), 'portolan-eacces-'));
  // `nobody` must be able to reach the folder.
  chmodSync(base, 0o755);
  const dir = join(base, 'work');
  mkdirSync(dir, { mode: 0o755 });
  try {
    const result = await runChild(['--import', TSX, CHILD], { ...spec, dir, snapshotAfter: false });
    // Read back with our own rights (an unprivileged child may not read what root laid out).
    return { ...result, after: snapshotTree(dir) };
  } finally {
    // Without root, a folder the spec made read-only must be writable again to be removed.
    if (process.getuid?.() !== 0) for (const d of spec.layout.dirs ?? []) chmodSync(join(dir, d.path), 0o755);
    rmSync(base, { recursive: true, force: true });
  }
}
