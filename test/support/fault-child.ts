/**
 * The process a real-fault test runs (under tsx), usually inside `unshare -rm` with a tiny
 * tmpfs mounted on `spec.dir`: it lays out the old state, makes the fault real (remounts the
 * folder read-only, bind-mounts the target onto itself so a rename onto it fails, or drops to
 * an unprivileged user), performs one save / journal write / export, and prints one JSON line:
 * the error it got and the folder before and after. It runs nothing but what the spec names.
 * Export goes through export-writer's public `writeExportFiles` only.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDocumentFiles, DocumentFileError } from '../../electron/node/document-files';
import { WriteError, writeFileAtomic, type WriteOptions } from '../../electron/node/files';
import { writeExportFiles } from '../../electron/node/export-writer';
import { createRecoveryJournal } from '../../electron/node/recovery-journal';
import { snapshotTree, type Tree } from './fault-tree';

export type ChildFault =
  /** Nothing beyond the spec's layout (a tiny tmpfs is already the fault for ENOSPC). */
  | { readonly kind: 'none' }
  /** `mount -o remount,ro` of the folder: EROFS. */
  | { readonly kind: 'read-only' }
  /** `mount --bind P P`: the target is a mount point, so renaming onto it fails (EBUSY). */
  | { readonly kind: 'busy-target'; readonly path: string }
  /** Drop to this uid/gid (when running as root) so file permissions apply: EACCES. */
  | { readonly kind: 'unprivileged'; readonly uid: number; readonly gid: number };

export type ChildOp =
  | { readonly kind: 'write'; readonly path: string; readonly contents: string; readonly options?: WriteOptions }
  | { readonly kind: 'save'; readonly path: string; readonly contents: string }
  | { readonly kind: 'journal'; readonly path: string; readonly contents: string }
  | {
      readonly kind: 'export';
      readonly folderName: string;
      readonly files: readonly { path: string; contents: string; mode: 0o600 | 0o644 }[];
    };

export interface ChildSpec {
  readonly dir: string;
  readonly layout: {
    readonly dirs?: readonly { path: string; mode: number; uid?: number; gid?: number }[];
    readonly files?: readonly { path: string; contents: string; mode: number; uid?: number; gid?: number }[];
    readonly symlinks?: readonly { path: string; to: string }[];
  };
  readonly fault: ChildFault;
  readonly op: ChildOp;
  /** Take the after-snapshot here (false when the parent can see the folder and we lost the rights to). */
  readonly snapshotAfter: boolean;
}

export interface ChildError {
  readonly name: string;
  /** DocumentFileError's IPC code, or WriteError's code. */
  readonly code: string;
  /** DocumentFileError's writer reason. */
  readonly reason?: string;
  readonly errno?: string;
  readonly step?: string;
  readonly tempLeft?: string;
  readonly message: string;
}

export interface ChildResult {
  readonly error: ChildError | null;
  /** Errors the op reported besides throwing (the journal's onError). */
  readonly reported: readonly ChildError[];
  readonly before: Tree;
  readonly after: Tree | null;
  /** The uid the op ran as. */
  readonly uid: number;
}

class ExportFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function describeError(error: unknown): ChildError {
  if (error instanceof ExportFailure) return { name: 'ExportWriteFailure', code: error.code, message: error.message };
  if (error instanceof DocumentFileError) {
    const cause = error.reason;
    return { name: 'DocumentFileError', code: error.code, reason: cause, message: error.message };
  }
  if (error instanceof WriteError) {
    return {
      name: error.constructor.name,
      code: error.code,
      errno: error.detail.errno,
      step: error.detail.step,
      tempLeft: error.detail.tempLeft,
      message: error.message,
    };
  }
  const e = error as NodeJS.ErrnoException;
  return { name: e?.constructor?.name ?? 'unknown', code: e?.code ?? 'none', message: String(e?.message ?? e) };
}

async function run(op: ChildOp, dir: string, reported: ChildError[]): Promise<void> {
  const abs = (p: string) => join(dir, p);
  switch (op.kind) {
    case 'write':
      return writeFileAtomic(abs(op.path), op.contents, op.options);
    case 'save': {
      const path = abs(op.path);
      const files = createDocumentFiles({
        dialogs: {
          chooseOpen: async () => path,
          chooseSave: async () => path,
          confirmOverwriteChanged: async () => 'overwrite',
        },
      });
      await files.openPath(path);
      await files.save(op.contents, path);
      return;
    }
    case 'journal': {
      const journal = createRecoveryJournal({ file: abs(op.path), onError: (e) => reported.push(describeError(e)) });
      journal.record(op.contents);
      await journal.flush();
      return;
    }
    case 'export': {
      // The export's public entry point: it never throws, a failure comes back as data.
      const result = await writeExportFiles(abs(op.folderName), op.files, { overwrite: true });
      if (!result.ok) throw new ExportFailure(result.error.code, result.error.message);
      return;
    }
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] as string) as ChildSpec;
  const root = process.getuid?.() === 0;
  for (const d of spec.layout.dirs ?? []) {
    mkdirSync(join(spec.dir, d.path), { recursive: true });
    if (root && d.uid !== undefined) chownSync(join(spec.dir, d.path), d.uid, d.gid ?? d.uid);
  }
  for (const f of spec.layout.files ?? []) {
    const path = join(spec.dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.contents);
    chmodSync(path, f.mode);
    if (root && f.uid !== undefined) chownSync(path, f.uid, f.gid ?? f.uid);
  }
  for (const l of spec.layout.symlinks ?? []) symlinkSync(l.to, join(spec.dir, l.path));
  // Folder modes last, so a read-only folder is still filled first.
  for (const d of spec.layout.dirs ?? []) chmodSync(join(spec.dir, d.path), d.mode);

  const before = snapshotTree(spec.dir);
  const fault = spec.fault;
  if (fault.kind === 'read-only') execFileSync('mount', ['-o', 'remount,ro', spec.dir]);
  if (fault.kind === 'busy-target') {
    const target = join(spec.dir, fault.path);
    execFileSync('mount', ['--bind', target, target]);
  }
  if (fault.kind === 'unprivileged' && root) {
    process.setgroups?.([]);
    process.setgid?.(fault.gid);
    process.setuid?.(fault.uid);
  }

  const reported: ChildError[] = [];
  let error: ChildError | null = null;
  try {
    await run(spec.op, spec.dir, reported);
  } catch (e) {
    error = describeError(e);
  }
  const result: ChildResult = {
    error,
    reported,
    before,
    after: spec.snapshotAfter ? snapshotTree(spec.dir) : null,
    uid: process.getuid?.() ?? -1,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
