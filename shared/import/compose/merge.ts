/**
 * Merging compose trees the way `docker compose -f a.yml -f b.yml` does: the compose-spec's
 * merge rules (13-merge.md) as compose-go implements them (override/merge.go, read at commit
 * e70e961c3a3a; cited per rule below). The same merge serves `extends` (the extending service
 * over its base, compose-go override/extends.go) and `include` (a local resource over an
 * included one, compose-go loader/include.go `importResource`).
 *
 * - Mappings merge key by key; a key only in the override is added after the base's keys.
 * - Sequences are appended (uniqueness is enforced afterwards, unique.ts).
 * - Scalars: the override wins — except a null override, which keeps the base (`MergeYaml`:
 *   `if o == nil { return e }`); clearing a value takes `!reset`.
 * - A mapping or sequence overridden by a value of another type is an error (`cannot override`).
 * - `!reset` erases the base's key; `!override` replaces the base's value whole (tags.ts).
 *
 * Positions follow the node that won: a replaced value (and its key) points into the override;
 * a merged mapping or appended sequence keeps the base's position, each item its own.
 */
import { fail } from './failure';
import { erasedKeys, isOverride } from './tags';
import {
  entriesByKey,
  entryAt,
  isNull,
  lookupPattern,
  pattern,
  scalarText,
  type PathPattern,
  type TreePath,
} from './tree-path';
import type { CEntry, CMap, CNode, CScalar, CSeq } from './tree';

type Merger = (base: CNode, over: CNode, path: TreePath) => CNode;

const describePath = (path: TreePath): string => (path.length === 0 ? 'the top level' : path.join('.'));

/** Two nodes at `path`: the override merged over the base. */
export function mergeNodes(base: CNode, over: CNode, path: TreePath): CNode {
  if (isOverride(over)) return over;
  const special = lookupPattern(SPECIAL, path);
  if (special !== undefined) return special(base, over, path);
  if (isNull(over)) return base;
  if (base.kind === 'map') {
    if (over.kind !== 'map')
      fail('wrong-type', `cannot override ${describePath(path)}: a mapping here must stay a mapping`, over.at);
    return mergeMaps(base, over, path);
  }
  if (base.kind === 'seq') {
    if (over.kind !== 'seq')
      fail('wrong-type', `cannot override ${describePath(path)}: a list here must stay a list`, over.at);
    return appendSeqs(base, over.items);
  }
  return over;
}

/** Key-wise merge; `!reset` keys of the override are dropped from the base. */
export function mergeMaps(base: CMap, over: CMap, path: TreePath): CMap {
  const erased = erasedKeys(over);
  const overByKey = entriesByKey(over);
  const entries: CEntry[] = [];
  const baseKeys = new Set<string>();
  for (const b of base.entries) {
    baseKeys.add(b.key);
    if (erased.has(b.key)) continue;
    const o = overByKey.get(b.key);
    if (o === undefined) {
      entries.push(b);
      continue;
    }
    const value = mergeNodes(b.value, o.value, [...path, b.key]);
    entries.push(value === o.value ? o : value === b.value ? b : { key: b.key, keyAt: b.keyAt, value });
  }
  for (const o of over.entries) if (!baseKeys.has(o.key)) entries.push(o);
  return { kind: 'map', at: base.at, entries };
}

function appendSeqs(base: CNode, items: readonly CNode[]): CSeq {
  const head = base.kind === 'seq' ? base.items : [];
  return { kind: 'seq', at: base.at, items: [...head, ...items] };
}

// ---------------------------------------------------------------------------------------------
// Special rules (compose-go override/merge.go `mergeSpecials`).

/** `command`, `entrypoint`, `healthcheck.test`, `ulimits.*`: the override replaces the base, even with null. */
const replace: Merger = (_base, over) => over;

const synthetic = (at: CScalar['at'], value: CScalar['value']): CScalar => ({ kind: 'scalar', at, value });

/**
 * A map or list as the list compose-go makes of it (`convertIntoSequence`): a map's entries as
 * `KEY=value` (or `KEY` for null) sorted by key, each at its key's position; a lone string as a
 * one-item list.
 */
function asSequence(node: CNode): readonly CNode[] {
  if (node.kind === 'seq') return node.items;
  if (node.kind === 'scalar') return node.value === null ? [] : [node];
  const out: CNode[] = [];
  const sorted = [...node.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const e of sorted) {
    const v = e.value;
    if (v.kind === 'seq') {
      for (const item of v.items)
        out.push(synthetic(e.keyAt, `${e.key}=${item.kind === 'scalar' ? scalarText(item) : ''}`));
    } else if (v.kind === 'scalar' && v.value === null) {
      out.push(synthetic(e.keyAt, e.key));
    } else {
      out.push(synthetic(e.keyAt, `${e.key}=${v.kind === 'scalar' ? scalarText(v) : ''}`));
    }
  }
  return out;
}

/** The key of a `KEY=value` item (compose-go override/uncity.go `keyValueIndexer`). */
export function keyOfItem(node: CNode): string | undefined {
  if (node.kind !== 'scalar' || node.value === null) return undefined;
  const text = String(node.value);
  const eq = text.indexOf('=');
  return eq === -1 ? text : text.slice(0, eq);
}

/**
 * `environment`, `labels`, `annotations`, `sysctls`, `build.args`, `dns`, `tmpfs`, `env_file`…
 * (compose-go `mergeToSequence`): both sides become `KEY=value` lists and are appended, and
 * uniqueness by key (unique.ts) then lets the override's value win. When both sides are
 * mappings that comes to a key-wise replacement, which is done directly so the mapping stays a
 * mapping (a null override value replaces too: `KEY:` means "from the environment").
 */
const toSequence: Merger = (base, over) => {
  if (isNull(over)) return base;
  const erased = over.kind === 'map' ? erasedKeys(over) : new Set<string>();
  if (base.kind === 'map' && over.kind === 'map') {
    const overByKey = entriesByKey(over);
    const entries: CEntry[] = [];
    for (const b of base.entries) if (!erased.has(b.key)) entries.push(overByKey.get(b.key) ?? b);
    const baseKeys = new Set(base.entries.map((e) => e.key));
    for (const o of over.entries) if (!baseKeys.has(o.key)) entries.push(o);
    return { kind: 'map', at: base.at, entries };
  }
  const kept = asSequence(base).filter((item) => !erased.has(keyOfItem(item) ?? ''));
  return { kind: 'seq', at: base.at, items: [...kept, ...asSequence(over)] };
};

const sameItem = (a: CNode, b: CNode): boolean => a.kind === 'scalar' && b.kind === 'scalar' && a.value === b.value;

/** `extra_hosts` (compose-go `mergeExtraHosts`): appended, without the override's items the base already has. */
const extraHosts: Merger = (base, over) => {
  if (isNull(over)) return base;
  const head = asSequence(base);
  const tail = asSequence(over).filter((o) => !head.some((b) => sameItem(b, o)));
  return { kind: 'seq', at: base.at, items: [...head, ...tail] };
};

/** A list of names as a map (compose-go `convertIntoMapping`): each name → `value(at)`. */
function asMapping(node: CNode, value: (at: CScalar['at']) => CNode): CMap | undefined {
  if (node.kind === 'map') return node;
  if (node.kind !== 'seq') return undefined;
  const entries: CEntry[] = [];
  for (const item of node.items) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    entries.push({ key: String(item.value), keyAt: item.at, value: value(item.at) });
  }
  return { kind: 'map', at: node.at, entries };
}

/** Both lists of names: their union, base first (what merging their mapping forms means). */
function unionOfNames(base: CSeq, over: CSeq): CSeq {
  const names = new Set(base.items.map((i) => keyOfItem(i)));
  return appendSeqs(
    base,
    over.items.filter((i) => !names.has(keyOfItem(i))),
  );
}

/**
 * `depends_on` (compose-go `mergeDependsOn`) and `networks`, `models` (`mergeNetworks`,
 * `mergeModels`): merged as mappings, a list of names standing for a mapping of each name to
 * `{condition: service_started, required: true}` (depends_on) or to null. Two lists stay a list.
 */
function namesMerger(defaults: ((at: CScalar['at']) => CNode) | undefined): Merger {
  const valueOf = defaults ?? ((at: CScalar['at']) => synthetic(at, null));
  return (base, over, path) => {
    if (isNull(over)) return base;
    if (base.kind === 'seq' && over.kind === 'seq') return unionOfNames(base, over);
    const b = asMapping(base, valueOf);
    const o = asMapping(over, valueOf);
    if (b === undefined || o === undefined) {
      fail('wrong-type', `cannot override ${describePath(path)}: expected a list or a mapping`, over.at);
    }
    return mergeMaps(b, o, path);
  };
}

const dependsOnDefault = (at: CScalar['at']): CMap => ({
  kind: 'map',
  at,
  entries: [
    { key: 'condition', keyAt: at, value: synthetic(at, 'service_started') },
    { key: 'required', keyAt: at, value: synthetic(at, true) },
  ],
});

/** `logging` (compose-go `mergeLogging`): merged when both name the same driver (or one names none), else replaced. */
const logging: Merger = (base, over, path) => {
  if (base.kind !== 'map' || over.kind !== 'map') return isNull(over) ? base : over;
  const d = entryAt(over, 'driver')?.value;
  const o = entryAt(base, 'driver')?.value;
  const same = d !== undefined && o !== undefined && d.kind === 'scalar' && o.kind === 'scalar' && d.value === o.value;
  return same || d === undefined || o === undefined ? mergeMaps(base, over, path) : over;
};

/** `build` (compose-go `mergeBuild`): a string is `{context: string}`; then merged as mappings. */
const build: Merger = (base, over, path) => {
  if (isNull(over)) return base;
  if (base.kind === 'scalar' && over.kind === 'scalar') return over;
  const asMap = (n: CNode): CMap =>
    n.kind === 'map' ? n : { kind: 'map', at: n.at, entries: [{ key: 'context', keyAt: n.at, value: n }] };
  return mergeMaps(asMap(base), asMap(over), path);
};

const subnetOf = (n: CNode): unknown => {
  if (n.kind !== 'map') return undefined;
  const s = entryAt(n, 'subnet')?.value;
  return s?.kind === 'scalar' ? s.value : undefined;
};

/**
 * `networks.*.ipam.config` (compose-go `mergeIPAMConfig`), literally: each override config is
 * merged into the base config of the same subnet, and an override of a new subnet is added.
 * (compose-go drops base configs no override names; so does this, to match.)
 */
const ipamConfig: Merger = (base, over, path) => {
  if (base.kind !== 'seq' || over.kind !== 'seq') {
    fail('wrong-type', `${describePath(path)} must be a list of configs`, base.kind !== 'seq' ? base.at : over.at);
  }
  const out: CNode[] = [];
  for (const original of base.items) {
    let right = original;
    for (const left of over.items) {
      if (subnetOf(left) !== subnetOf(right) && !out.some((c) => subnetOf(c) === subnetOf(left))) {
        out.push(left);
        continue;
      }
      const merged = right.kind === 'map' && left.kind === 'map' ? mergeMaps(right, left, path) : left;
      right = merged;
      const i = out.findIndex((c) => subnetOf(c) === subnetOf(merged));
      if (i >= 0) out[i] = merged;
      else out.push(merged);
    }
  }
  return { kind: 'seq', at: base.at, items: out };
};

const SPECIAL: readonly (readonly [PathPattern, Merger])[] = (
  [
    ['networks.*.ipam.config', ipamConfig],
    ['networks.*.labels', toSequence],
    ['volumes.*.labels', toSequence],
    ['services.*.annotations', toSequence],
    ['services.*.build', build],
    ['services.*.build.args', toSequence],
    ['services.*.build.additional_contexts', toSequence],
    ['services.*.build.extra_hosts', extraHosts],
    ['services.*.build.labels', toSequence],
    ['services.*.command', replace],
    ['services.*.depends_on', namesMerger(dependsOnDefault)],
    ['services.*.deploy.labels', toSequence],
    ['services.*.dns', toSequence],
    ['services.*.dns_opt', toSequence],
    ['services.*.dns_search', toSequence],
    ['services.*.entrypoint', replace],
    ['services.*.env_file', toSequence],
    ['services.*.label_file', toSequence],
    ['services.*.environment', toSequence],
    ['services.*.extra_hosts', extraHosts],
    ['services.*.healthcheck.test', replace],
    ['services.*.labels', toSequence],
    ['services.*.volumes.*.volume.labels', toSequence],
    ['services.*.logging', logging],
    ['services.*.models', namesMerger(undefined)],
    ['services.*.networks', namesMerger(undefined)],
    ['services.*.sysctls', toSequence],
    ['services.*.tmpfs', toSequence],
    ['services.*.ulimits.*', replace],
  ] as const
).map(([p, m]) => [pattern(p), m] as const);
