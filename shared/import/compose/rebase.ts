/**
 * Relative host paths of a service written in another folder — an `extends.file` or an
 * `include` in a subfolder — rebased onto the folder of the file that uses it, as compose does
 * (compose-go loader/paths.go `ResolveRelativePaths`, run on every file before `extends` and
 * `include` merge it; docker-compose 1.x the same for `extends`). `./data:/data` in
 * `base/common.yml` mounts `base/data`; kept as written, the export would mount `./data` beside
 * the main file. The import keeps paths relative (`./base/data`) so an export stays portable;
 * compose prints them absolute.
 *
 * Rebased: a service's bind-mount sources (short syntax starting with `.`, long syntax
 * `type: bind` — a named volume is no path), `build` (its string form and `context`, unless a
 * URL), `build.dockerfile` only relative to the context (so untouched), `label_file`,
 * `develop.watch[].path`, and the top level's `secrets`/`configs` `file`. Not here: `env_file`,
 * which environment.ts reads relative to the file each entry is written in (the tree keeps it).
 */
import { isAbsolutePath, joinPath } from './paths';
import type { CEntry, CMap, CNode, CScalar } from './tree';

/** `path` (relative to the other folder) seen from the using file's folder; `relDir` is the other folder from there. */
export function rebasePath(path: string, relDir: string): string {
  if (relDir === '.' || relDir === '' || isAbsolutePath(path) || path.startsWith('~')) return path;
  const joined = joinPath(relDir, path);
  if (isAbsolutePath(joined) || joined.startsWith('.')) return joined;
  // `base/data` would read as a named volume in the short syntax: a path starts with `.`.
  return `./${joined}`;
}

const isUrl = (text: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('git@');

function scalarPath(node: CNode, relDir: string, when: (text: string) => boolean = () => true): CNode {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || !when(node.value)) return node;
  const value = rebasePath(node.value, relDir);
  if (value === node.value) return node;
  // The rebased text is what compose reads; what was written is where `at` points.
  const out: CScalar = { kind: 'scalar', at: node.at, value };
  return out;
}

function mapWith(node: CMap, key: string, change: (value: CNode) => CNode): CMap {
  let changed = false;
  const entries = node.entries.map((e): CEntry => {
    if (e.key !== key) return e;
    const value = change(e.value);
    if (value === e.value) return e;
    changed = true;
    return { ...e, value };
  });
  return changed ? { ...node, entries } : node;
}

/** A short volume `SOURCE:TARGET[:MODE]` whose source is a relative path (starts with `.`). */
function shortVolume(node: CNode, relDir: string): CNode {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || !node.value.startsWith('.')) return node;
  const colon = node.value.indexOf(':');
  if (colon < 0) return node; // `./x` alone is an anonymous volume's target, not a host path
  const source = rebasePath(node.value.slice(0, colon), relDir);
  const value = source + node.value.slice(colon);
  return value === node.value ? node : { kind: 'scalar', at: node.at, value };
}

function volumes(node: CNode, relDir: string): CNode {
  if (node.kind !== 'seq') return node;
  const items = node.items.map((item) => {
    if (item.kind !== 'map') return shortVolume(item, relDir);
    const type = item.entries.find((e) => e.key === 'type')?.value;
    if (type?.kind !== 'scalar' || type.value !== 'bind') return item;
    return mapWith(item, 'source', (v) => scalarPath(v, relDir));
  });
  return items.every((x, i) => x === node.items[i]) ? node : { ...node, items };
}

function build(node: CNode, relDir: string): CNode {
  if (node.kind === 'scalar') return scalarPath(node, relDir, (t) => !isUrl(t));
  if (node.kind !== 'map') return node;
  return mapWith(node, 'context', (v) => scalarPath(v, relDir, (t) => !isUrl(t)));
}

function labelFile(node: CNode, relDir: string): CNode {
  if (node.kind === 'seq') {
    const items = node.items.map((i) => scalarPath(i, relDir));
    return items.every((x, i) => x === node.items[i]) ? node : { ...node, items };
  }
  return scalarPath(node, relDir);
}

function develop(node: CNode, relDir: string): CNode {
  if (node.kind !== 'map') return node;
  return mapWith(node, 'watch', (watch) => {
    if (watch.kind !== 'seq') return watch;
    const items = watch.items.map((w) => (w.kind === 'map' ? mapWith(w, 'path', (p) => scalarPath(p, relDir)) : w));
    return items.every((x, i) => x === watch.items[i]) ? watch : { ...watch, items };
  });
}

/** One service's definition with its relative host paths rebased by `relDir`. */
export function rebaseService(service: CNode, relDir: string): CNode {
  if (service.kind !== 'map' || relDir === '.' || relDir === '') return service;
  let out = service;
  out = mapWith(out, 'volumes', (v) => volumes(v, relDir));
  out = mapWith(out, 'build', (v) => build(v, relDir));
  out = mapWith(out, 'label_file', (v) => labelFile(v, relDir));
  out = mapWith(out, 'develop', (v) => develop(v, relDir));
  return out;
}

function eachValue(node: CNode, change: (value: CNode) => CNode): CNode {
  if (node.kind !== 'map') return node;
  let changed = false;
  const entries = node.entries.map((e) => {
    const value = change(e.value);
    if (value === e.value) return e;
    changed = true;
    return { ...e, value };
  });
  return changed ? { ...node, entries } : node;
}

/** A whole model (an included file's) with every relative host path rebased by `relDir`. */
export function rebaseModel(root: CMap, relDir: string): CMap {
  if (relDir === '.' || relDir === '') return root;
  let out = mapWith(root, 'services', (s) => eachValue(s, (service) => rebaseService(service, relDir)));
  for (const section of ['secrets', 'configs'])
    out = mapWith(out, section, (s) =>
      eachValue(s, (item) => (item.kind === 'map' ? mapWith(item, 'file', (f) => scalarPath(f, relDir)) : item)),
    );
  return out;
}
