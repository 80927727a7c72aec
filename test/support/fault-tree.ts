/**
 * What a fault test compares: every entry under a folder with its type, mode, owner and
 * contents (or link target). Taken before and after a failed write, the two must be equal —
 * a temporary file left behind, a changed mode or a torn file all show up as a difference.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeEntry {
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly mode: number;
  readonly uid: number;
  /** A file's contents (UTF-8); a symlink's target. */
  readonly text?: string;
}

export type Tree = Record<string, TreeEntry>;

/** Every entry under `root`, keyed by its path relative to `root` (`/` separated). */
export function snapshotTree(root: string): Tree {
  const tree: Tree = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const key = prefix + name;
      const stat = lstatSync(path);
      const base = { mode: stat.mode & 0o7777, uid: stat.uid };
      if (stat.isSymbolicLink()) tree[key] = { type: 'symlink', ...base, text: readlinkSync(path) };
      else if (stat.isDirectory()) {
        tree[key] = { type: 'dir', ...base };
        walk(path, `${key}/`);
      } else if (stat.isFile()) tree[key] = { type: 'file', ...base, text: readFileSync(path, 'utf8') };
      else tree[key] = { type: 'other', ...base };
    }
  };
  walk(root, '');
  return tree;
}

/**
 * Names in the tree that look like a writer's temporary file or folder: `.NAME.<12 hex>.tmp`
 * (writeFileAtomic) or `.portolan-export-<12 hex>.tmp` (the export's staging folder).
 */
export function tempFilesIn(tree: Tree): string[] {
  return Object.keys(tree).filter((key) => /(^|\/)\.[^/]*[.-][0-9a-f]{12}\.tmp$/.test(key));
}
