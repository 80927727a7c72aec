/**
 * Paths into a compose tree (`services`, `web`, `environment`) and the patterns compose-go's
 * merge and uniqueness tables are written in (`services.*.environment`, compose-go tree/path.go:
 * `*` matches any one key). A path is an array, so a service named `a.b` stays one segment.
 */
import type { CEntry, CMap, CNode, CScalar } from './tree';

export type TreePath = readonly string[];
export type PathPattern = readonly string[];

export function pattern(text: string): PathPattern {
  return text.split('.');
}

export function matches(path: TreePath, p: PathPattern): boolean {
  if (path.length !== p.length) return false;
  for (let i = 0; i < p.length; i++) if (p[i] !== '*' && p[i] !== path[i]) return false;
  return true;
}

/** The first table row whose pattern matches `path`. */
export function lookupPattern<T>(table: readonly (readonly [PathPattern, T])[], path: TreePath): T | undefined {
  for (const [p, value] of table) if (matches(path, p)) return value;
  return undefined;
}

export function isNull(node: CNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

/** The entry of `map` for `key` (maps hold few keys; a Map pays off only in `entriesByKey`). */
export function entryAt(map: CMap, key: string): CEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

export function entriesByKey(map: CMap): Map<string, CEntry> {
  const byKey = new Map<string, CEntry>();
  for (const e of map.entries) byKey.set(e.key, e);
  return byKey;
}

/** A scalar's value as text, the way compose-go prints it with `%v` (null prints as ``). */
export function scalarText(node: CScalar): string {
  return node.value === null ? '' : String(node.value);
}
