/**
 * The import dialog's list of files, as pure functions: which files go into which section,
 * their order (the compose files merge in it), adding without duplicates, moving and removing.
 */
import type { ImportPick, ImportRequest } from '../bridge';
import { importRoleOf, orderComposeFiles, type ImportRole } from './drop';

export interface DraftEntry {
  /** Stable across moves, for React and the tests. */
  readonly id: string;
  readonly pick: ImportPick;
}

export type DraftFiles = { readonly [R in ImportRole]: readonly DraftEntry[] };

export const EMPTY_FILES: DraftFiles = { compose: [], env: [], proxy: [], other: [] };

let next = 0;
const entry = (pick: ImportPick): DraftEntry => ({ id: `f${++next}`, pick });

/** The same file picked twice (same name, same File or same host file) is listed once. */
function samePick(a: ImportPick, b: ImportPick): boolean {
  if (a.name !== b.name) return false;
  if (a.file !== undefined && b.file !== undefined)
    return a.file === b.file || (a.file.size === b.file.size && a.file.lastModified === b.file.lastModified);
  return a.ref !== undefined && a.ref === b.ref;
}

/**
 * Adds files to one section (`role`), or — with `role` undefined, for a drop — each to the
 * section its name suggests. A file already listed in that section replaces the old entry in
 * its place (picked again after an edit on disk); compose files dropped together are put in
 * compose's own order (base file, then override).
 */
export function addFiles(files: DraftFiles, picks: readonly ImportPick[], role?: ImportRole): DraftFiles {
  const out: { [R in ImportRole]: DraftEntry[] } = {
    compose: [...files.compose],
    env: [...files.env],
    proxy: [...files.proxy],
    other: [...files.other],
  };
  const ordered = role === 'compose' || role === undefined ? orderComposeFiles(picks) : picks;
  for (const pick of ordered) {
    const target = role ?? importRoleOf(pick.name);
    const list = out[target];
    const at = list.findIndex((e) => samePick(e.pick, pick));
    if (at >= 0) list[at] = { id: list[at]!.id, pick };
    else list.push(entry(pick));
  }
  return out;
}

export function removeFile(files: DraftFiles, role: ImportRole, id: string): DraftFiles {
  return { ...files, [role]: files[role].filter((e) => e.id !== id) };
}

/** Moves an entry one place up (-1) or down (+1) in its section; the ends stay put. */
export function moveFile(files: DraftFiles, role: ImportRole, id: string, by: -1 | 1): DraftFiles {
  const list = [...files[role]];
  const at = list.findIndex((e) => e.id === id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= list.length) return files;
  [list[at], list[to]] = [list[to]!, list[at]!];
  return { ...files, [role]: list };
}

export function fileCount(files: DraftFiles): number {
  return files.compose.length + files.env.length + files.proxy.length + files.other.length;
}

/** What the bridge imports. */
export function importRequest(files: DraftFiles, profiles: readonly string[]): ImportRequest {
  const picks = (list: readonly DraftEntry[]) => list.map((e) => e.pick);
  return {
    compose: picks(files.compose),
    envFiles: picks(files.env),
    proxyConfigs: picks(files.proxy),
    others: picks(files.other),
    profiles: [...profiles],
  };
}
