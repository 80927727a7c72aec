import { ENV_NAME_PATTERN } from '../model/constraints';
import type { PassValue } from '../model/types';
import type { YamlNode } from './yaml';

/**
 * Pass-through keys in the compose file: what an import kept without modelling it (a service's
 * `logging:`, `healthcheck:`, `deploy.resources`, a top-level `volumes:` or `x-` field), written
 * back in its place. Nothing is dropped silently: where the exporter writes the same key from the
 * drawing, maps are merged key by key — the exporter's entries first and winning on the keys it
 * writes, the kept ones after in their order — lists of entries (volumes, capabilities…) get the
 * kept entries the exporter's lack, any other value the exporter writes replaces the kept one, and
 * every kept value the exporter's replaces is named in a comment above the key.
 */

type Map_ = Record<string, YamlNode>;

/**
 * A kept value as the compose writer takes it. Compose interpolates `$` in every value it reads,
 * and a kept value is the text after an import's interpolation, so each `$` is written `$$` to
 * reach the container as it was — except a `${NAME}` whose NAME is one of `references`: the
 * variables this export's `.env` defines. The import puts such a reference where a kept value
 * held a secret's value (shared/import/project/secret-scrub.ts), so compose must read it. Keys are
 * not interpolated and stay as they are.
 */
export function passNode(v: PassValue, references: ReadonlySet<string> = NO_REFERENCES): YamlNode {
  if (typeof v === 'string')
    return v.replace(REFERENCE_OR_DOLLAR, (match: string, name: string | undefined) =>
      name !== undefined && references.has(name) ? match : match.replace('$', '$$$$'),
    );
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return (v as readonly PassValue[]).map((x) => passNode(x, references));
  const out = Object.create(null) as Map_;
  for (const key of Object.keys(v))
    out[key] = passNode((v as Readonly<Record<string, PassValue>>)[key] as PassValue, references);
  return out;
}

const NO_REFERENCES: ReadonlySet<string> = new Set();
/** A `${NAME}` reference (NAME an environment variable name, one home: ENV_NAME_PATTERN), or any other `$`. */
const REFERENCE_OR_DOLLAR = new RegExp(`\\$\\{(${ENV_NAME_PATTERN.source.slice(1, -1)})\\}|\\$`, 'g');

export interface Merged {
  /** The exporter's keys in its order, then the kept keys it does not write, in theirs. */
  readonly map: Map_;
  /** A comment per key where a kept value was replaced by the exporter's, naming what was kept. */
  readonly notes: ReadonlyMap<string, string>;
}

/** Merges kept keys into the keys the exporter wrote for one mapping (a service, or the top level). */
export function mergeKept(
  written: Readonly<Map_>,
  kept: Readonly<Record<string, PassValue>> | undefined,
  references: ReadonlySet<string> = NO_REFERENCES,
): Merged {
  if (kept === undefined || Object.keys(kept).length === 0) return { map: written as Map_, notes: new Map() };
  const map = Object.create(null) as Map_;
  const notes = new Map<string, string>();
  for (const key of Object.keys(written)) map[key] = written[key] as YamlNode;
  for (const key of Object.keys(kept)) {
    const value = passNode(kept[key] as PassValue, references);
    if (!Object.hasOwn(map, key)) {
      map[key] = value;
      continue;
    }
    const replaced: string[] = [];
    map[key] = mergeValue(map[key] as YamlNode, value, key, key, replaced);
    if (replaced.length > 0) {
      notes.set(
        key,
        ` Portolan writes ${key} from the drawing; kept from the import and replaced here: ${replaced.join('; ')}`,
      );
    }
  }
  return { map, notes };
}

/**
 * Compose lists that are sets of entries (mounts, capabilities, host entries…): a kept list of
 * these adds its entries to the exporter's. Any other list is one value — a command, a health
 * check's `test` — and the exporter's replaces it.
 */
const SET_LISTS: ReadonlySet<string> = new Set([
  'ports',
  'volumes',
  'secrets',
  'configs',
  'cap_add',
  'cap_drop',
  'devices',
  'dns',
  'dns_search',
  'dns_opt',
  'extra_hosts',
  'security_opt',
  'tmpfs',
  'group_add',
  'external_links',
  'links',
  'volumes_from',
  'device_cgroup_rules',
  'expose',
]);

function isMap(v: YamlNode): v is Map_ {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The exporter's value with the kept one merged in; what the exporter's value replaced goes to `replaced`. */
function mergeValue(ours: YamlNode, theirs: YamlNode, key: string, path: string, replaced: string[]): YamlNode {
  if (isMap(ours) && isMap(theirs)) {
    const out = Object.create(null) as Map_;
    for (const k of Object.keys(ours)) out[k] = ours[k] as YamlNode;
    for (const k of Object.keys(theirs)) {
      const v = theirs[k] as YamlNode;
      out[k] = Object.hasOwn(out, k) ? mergeValue(out[k] as YamlNode, v, k, `${path}.${k}`, replaced) : v;
    }
    return out;
  }
  if (Array.isArray(ours) && Array.isArray(theirs) && SET_LISTS.has(key)) {
    const mine = ours as readonly YamlNode[];
    const seen = new Set(mine.map(canonical));
    // Two mounts on one container path make Docker refuse the container: the exporter's mount wins there.
    const targets = key === 'volumes' ? new Set(mine.map(mountTarget).filter((t) => t !== undefined)) : undefined;
    const added: YamlNode[] = [];
    for (const item of theirs as readonly YamlNode[]) {
      if (seen.has(canonical(item))) continue;
      const target = targets === undefined ? undefined : mountTarget(item);
      if (target !== undefined && targets!.has(target)) {
        replaced.push(`${path} item ${oneLine(item)}`);
        continue;
      }
      seen.add(canonical(item));
      added.push(item);
    }
    return [...mine, ...added];
  }
  if (canonical(ours) !== canonical(theirs)) replaced.push(`${path}: ${oneLine(theirs)}`);
  return ours;
}

/** The container path of a volume entry: `SOURCE:TARGET[:MODE]`, `TARGET`, or the long form's `target`. */
function mountTarget(item: YamlNode): string | undefined {
  if (isMap(item)) return typeof item.target === 'string' ? item.target : undefined;
  if (typeof item !== 'string') return undefined;
  const parts = item.split(':');
  // A Windows drive (`C:\…`) is the one `:` a source may hold; compose's short form is otherwise split on `:`.
  const rest =
    /^[A-Za-z]$/.test(parts[0] ?? '') && parts.length > 2 ? [`${parts[0]}:${parts[1]}`, ...parts.slice(2)] : parts;
  return rest.length === 1 ? rest[0] : rest[1];
}

/** A value as one comparable text (map keys in order: the same kept value compares equal). */
function canonical(v: YamlNode): string {
  return JSON.stringify(v);
}

/**
 * A value on one comment line: JSON, with the characters YAML 1.1 reads as line breaks (and the
 * other controls) escaped, so a kept value can never end the comment and start a line of its own.
 */
function oneLine(v: YamlNode): string {
  // JSON escapes the C0 controls itself; the C1 ones and U+2028/2029 it leaves raw.
  const text = JSON.stringify(v).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
