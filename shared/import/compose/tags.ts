/**
 * Compose's merge tags (compose v2.24+): `!reset` removes what an earlier file (or the service an
 * `extends` names, or an included file) set for a key; `!override` replaces it instead of merging
 * (compose-spec 13-merge.md, "Reset value" and "Replace value"; compose-go loader/reset.go).
 *
 * The located tree (tree.ts) has no room for tags, and it should not: after merging they mean
 * nothing. The document reader records them here instead, by node identity — the tree is
 * immutable, so a node is the same object wherever it is merged — and only `mergeNodes` reads
 * them, on the overriding side of a merge:
 * - a `!reset` entry is left out of its map, and its key is recorded as one the map erases from
 *   its base (compose-go drops the node and deletes its path from the model merged so far);
 * - an `!override` node is kept and marked; a merge takes it whole.
 */
import type { CMap, CNode } from './tree';

const erasures = new WeakMap<CMap, ReadonlySet<string>>();
const overrides = new WeakSet<CNode>();

/** Records the keys a map erases from whatever it is merged over. */
export function markErased(map: CMap, keys: ReadonlySet<string>): void {
  if (keys.size > 0) erasures.set(map, keys);
}

/** The keys `map` erases from its base (empty for a map without `!reset` entries). */
export function erasedKeys(map: CMap): ReadonlySet<string> {
  return erasures.get(map) ?? NONE;
}

const NONE: ReadonlySet<string> = new Set();

export function markOverride(node: CNode): void {
  overrides.add(node);
}

/** Whether `node` was written with `!override`: it replaces its base instead of merging. */
export function isOverride(node: CNode): boolean {
  return overrides.has(node);
}
