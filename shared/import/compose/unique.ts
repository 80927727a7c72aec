/**
 * Uniqueness after merging (compose-spec 13-merge.md "Unique resources"; compose-go
 * override/uncity.go `EnforceUnicity`, read at commit e70e961c3a3a): in the lists below, an
 * item whose key repeats an earlier item's replaces it in the earlier item's place — so an
 * override file's `bar:/work` replaces the base's `foo:/work`, and `A=2` after `A=1` leaves one
 * `A`. compose-go applies this after every file, to the whole model, so duplicates inside one
 * file go too; applied once to the merged model it gives the same lists.
 *
 * Items this cannot key (a mapping where text is expected) stay as they are; compose-go would
 * stop there with `unexpected type`, and schema validation would refuse them anyway.
 */
import { keyOfItem } from './merge';
import { lookupPattern, pattern, scalarText, entryAt, type PathPattern, type TreePath } from './tree-path';
import type { CEntry, CMap, CNode } from './tree';

type Indexer = (item: CNode) => string | undefined;

const field = (item: CNode, key: string): string | undefined => {
  if (item.kind !== 'map') return undefined;
  const v = entryAt(item, key)?.value;
  return v?.kind === 'scalar' && v.value !== null ? String(v.value) : undefined;
};

/** `keyValueIndexer`: the text before `=`. */
const keyValue: Indexer = (item) => keyOfItem(item);

/** The target of a short volume spec (compose-go format/volume.go `ParseVolume`: `SRC:DST[:MODE]`, `C:\src` kept whole). */
export function volumeTarget(spec: string): string {
  if (spec.length <= 2) return spec;
  const parts: string[] = [];
  let buffer = '';
  let inVar = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] as string;
    if (c === '$' && spec[i + 1] === '{') {
      inVar++;
      buffer += c;
    } else if (c === '}' && inVar > 0) {
      inVar--;
      buffer += c;
    } else if (c === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)) {
      buffer += c; // a Windows drive letter
    } else if (c === ':' && inVar === 0) {
      parts.push(buffer);
      buffer = '';
    } else buffer += c;
  }
  parts.push(buffer);
  return parts.length === 1 ? (parts[0] as string) : (parts[1] as string);
}

/** `volumeIndexer`: the mount target. */
const volume: Indexer = (item) =>
  item.kind === 'map'
    ? field(item, 'target')
    : item.kind === 'scalar' && typeof item.value === 'string'
      ? volumeTarget(item.value)
      : undefined;

/** `deviceMappingIndexer`: `HOST:CONTAINER[:PERMS]` → CONTAINER. */
const device: Indexer = (item) => {
  if (item.kind === 'map') return field(item, 'target');
  if (item.kind !== 'scalar' || item.value === null) return undefined;
  const parts = String(item.value).split(':');
  return parts.length === 1 ? parts[0] : parts[1];
};

/** `exposeIndexer`. */
const expose: Indexer = (item) => (item.kind === 'scalar' && item.value !== null ? String(item.value) : undefined);

/** `mountIndexer`: a secret's or config's target (`/run/secrets/NAME` for secrets by default). */
const mount =
  (defaultDir: string): Indexer =>
  (item) => {
    if (item.kind === 'scalar') return item.value === null ? undefined : `${defaultDir}/${scalarText(item)}`;
    if (item.kind !== 'map') return undefined;
    return field(item, 'target') ?? `${defaultDir}/${field(item, 'source') ?? ''}`;
  };

/** `portIndexer`: a short port is its own key; a long one `HOST_IP:PUBLISHED:TARGET/PROTOCOL`. */
const port: Indexer = (item) => {
  if (item.kind === 'scalar') return item.value === null ? undefined : String(item.value);
  if (item.kind !== 'map') return undefined;
  const target = field(item, 'target');
  if (target === undefined) return undefined;
  return `${field(item, 'host_ip') ?? '0.0.0.0'}:${field(item, 'published') ?? ''}:${target}/${field(item, 'protocol') ?? 'tcp'}`;
};

/** `envFileIndexer`. */
const envFile: Indexer = (item) => (item.kind === 'map' ? field(item, 'path') : expose(item));

const UNIQUE: readonly (readonly [PathPattern, Indexer])[] = (
  [
    ['networks.*.labels', keyValue],
    ['networks.*.ipam.options', keyValue],
    ['services.*.annotations', keyValue],
    ['services.*.build.args', keyValue],
    ['services.*.build.additional_contexts', keyValue],
    ['services.*.build.platform', keyValue],
    ['services.*.build.tags', keyValue],
    ['services.*.build.labels', keyValue],
    ['services.*.cap_add', keyValue],
    ['services.*.cap_drop', keyValue],
    ['services.*.configs', mount('')],
    ['services.*.deploy.labels', keyValue],
    ['services.*.dns', keyValue],
    ['services.*.dns_opt', keyValue],
    ['services.*.dns_search', keyValue],
    ['services.*.environment', keyValue],
    ['services.*.env_file', envFile],
    ['services.*.expose', expose],
    ['services.*.labels', keyValue],
    ['services.*.links', keyValue],
    ['services.*.networks.*.aliases', keyValue],
    ['services.*.networks.*.link_local_ips', keyValue],
    ['services.*.ports', port],
    ['services.*.profiles', keyValue],
    ['services.*.secrets', mount('/run/secrets')],
    ['services.*.sysctls', keyValue],
    ['services.*.tmpfs', keyValue],
    ['services.*.volumes', volume],
    // compose-go registers `devices` twice; the second, deviceMappingIndexer, is the one in force.
    ['services.*.devices', device],
  ] as const
).map(([p, i]) => [pattern(p), i] as const);

function uniqueItems(items: readonly CNode[], index: Indexer): readonly CNode[] {
  const out: CNode[] = [];
  const at = new Map<string, number>();
  for (const item of items) {
    const key = index(item);
    const earlier = key === undefined ? undefined : at.get(key);
    if (earlier !== undefined) out[earlier] = item;
    else {
      if (key !== undefined) at.set(key, out.length);
      out.push(item);
    }
  }
  return out;
}

function walk(node: CNode, path: TreePath): CNode {
  if (node.kind === 'seq') {
    const index = lookupPattern(UNIQUE, path);
    if (index === undefined) return node;
    const items = uniqueItems(node.items, index);
    return items.length === node.items.length && items.every((item, i) => item === node.items[i])
      ? node
      : { kind: 'seq', at: node.at, items };
  }
  if (node.kind !== 'map' || path.length > 4) return node;
  let changed = false;
  const entries = node.entries.map((e): CEntry => {
    const value = walk(e.value, [...path, e.key]);
    if (value === e.value) return e;
    changed = true;
    return { key: e.key, keyAt: e.keyAt, value };
  });
  return changed ? { kind: 'map', at: node.at, entries } : node;
}

/** The model with every listed sequence made unique (only `services` and `networks` hold such lists). */
export function enforceUnique(root: CMap): CMap {
  let changed = false;
  const entries = root.entries.map((e): CEntry => {
    if (e.key !== 'services' && e.key !== 'networks') return e;
    const value = walk(e.value, [e.key]);
    if (value === e.value) return e;
    changed = true;
    return { key: e.key, keyAt: e.keyAt, value };
  });
  return changed ? { kind: 'map', at: root.at, entries } : root;
}
