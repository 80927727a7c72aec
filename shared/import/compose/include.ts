/**
 * Top-level `include:` (compose-spec 14-include.md; compose-go loader/include.go `ApplyInclude`,
 * read at commit e70e961c3a3a). Each item — a path, or `{path, env_file, project_directory}`
 * where `path` may list several files merged like `-f a -f b` — is loaded as a project of its
 * own (its own includes and extends applied), then its services, networks, volumes, secrets,
 * configs and models are copied into the including file's model.
 *
 * - Variables: the including project's first, then the include's `env_file`s (default: the
 *   `.env` beside the included file, when there is one) — compose-go `Mapping.Merge` keeps a
 *   value already set, and the spec: "The local project's environment has precedence".
 * - A resource defined both in the included project and locally: compose v2 merges the local
 *   definition over the included one (compose-go commit 3d3411d, "Allow importing compose file
 *   to override resource definition", in v2.10.0, November 2025). Older releases refused it
 *   (`services.x conflicts with imported resource`), and the spec text still describes that; this
 *   follows the current implementation.
 * - Paths are read relative to the folder of the including file (compose-go: its project
 *   directory, the same folder for a project's first file).
 * - A file that includes itself, directly or through others, is an `include-cycle` at the path
 *   that closes the circle; a missing file is `include-unknown-file` at its path.
 */
import type { ImportProblem, SourcePos } from '../types';
import { readDotenv, type EnvValues } from './dotenv-read';
import { fail, ImportFailure } from './failure';
import type { Lookup } from './interpolate';
import { mergeNodes } from './merge';
import { dirnamePath, joinPath, normalizePath } from './paths';
import { rebaseModel } from './rebase';
import { entryAt, isNull } from './tree-path';
import type { CEntry, CMap, CNode } from './tree';

/** One file of a project to load: its path, and where it was named (for a missing file). */
export interface ProjectFile {
  readonly path: string;
  readonly at: SourcePos;
}

export interface IncludeContext {
  /** Loads several files as one project (includes, extends and merges applied). `chain`: the including files. */
  readonly loadProject: (files: readonly ProjectFile[], lookup: Lookup, chain: readonly string[]) => CMap | undefined;
  /** A file's text, or undefined when it cannot be read. */
  readonly readFile: (path: string) => string | undefined;
  /** Takes a warning (an unset variable in an include's env_file). */
  readonly warn: (warning: ImportProblem) => void;
}

/** The top-level sections an included project contributes (compose-go `importResources`). */
const RESOURCES = ['services', 'volumes', 'networks', 'secrets', 'configs', 'models'] as const;

interface Include {
  readonly paths: readonly { readonly path: string; readonly at: SourcePos }[];
  readonly envFiles?: readonly { readonly path: string; readonly at: SourcePos }[];
  readonly projectDirectory?: string;
}

function strings(node: CNode, what: string): { path: string; at: SourcePos }[] {
  const items = node.kind === 'seq' ? node.items : [node];
  return items.map((item) => {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') fail('wrong-type', `${what} must be a path`, item.at);
    return { path: item.value, at: item.at };
  });
}

function includeOf(item: CNode): Include {
  if (item.kind === 'scalar' && typeof item.value === 'string') return { paths: [{ path: item.value, at: item.at }] };
  if (item.kind !== 'map') fail('wrong-type', 'an include is a path or {path, env_file, project_directory}', item.at);
  const path = entryAt(item, 'path');
  if (path === undefined || isNull(path.value)) fail('wrong-type', 'include.path is required', item.at);
  const paths = strings(path.value, 'include.path');
  if (paths.length === 0) fail('wrong-type', 'include.path must name at least one file', path.value.at);
  const env = entryAt(item, 'env_file');
  const dir = entryAt(item, 'project_directory');
  let projectDirectory: string | undefined;
  if (dir !== undefined && !isNull(dir.value))
    projectDirectory = (strings(dir.value, 'include.project_directory')[0] as { path: string }).path;
  return {
    paths,
    ...(env !== undefined && !isNull(env.value) ? { envFiles: strings(env.value, 'include.env_file') } : {}),
    ...(projectDirectory !== undefined ? { projectDirectory } : {}),
  };
}

/** The variables of an included project: the including project's first, then its env files'. */
function includeLookup(inc: Include, base: string, lookup: Lookup, ctx: IncludeContext): Lookup {
  const main = joinPath(base, (inc.paths[0] as { path: string }).path);
  const projectDir = inc.projectDirectory === undefined ? dirnamePath(main) : joinPath(base, inc.projectDirectory);
  const files: { path: string; at?: SourcePos }[] =
    inc.envFiles === undefined
      ? [{ path: joinPath(projectDir, '.env') }]
      : inc.envFiles.filter((f) => f.path !== '/dev/null').map((f) => ({ path: joinPath(base, f.path), at: f.at }));
  let values: EnvValues | undefined;
  for (const f of files) {
    const text = ctx.readFile(f.path);
    if (text === undefined) {
      // The default `.env` is optional; a named one is not (compose-go: `couldn't find env file`).
      if (f.at === undefined) continue;
      fail('file-not-found', `cannot read the include's env_file ${f.path}`, f.at);
    }
    const read = readDotenv(text, f.path, values === undefined ? { lookup } : { lookup, initial: values });
    if (!read.ok) {
      const [first, ...rest] = read.problems;
      rest.forEach(ctx.warn);
      if (first !== undefined) throw new ImportFailure(first);
      fail('env-syntax', `cannot read ${f.path}`, f.at ?? { file: f.path, line: 1, column: 1 });
    }
    read.warnings.forEach(ctx.warn);
    values = read.value;
  }
  if (values === undefined || values.size === 0) return lookup;
  const fromFiles = values;
  return (name) => lookup(name) ?? fromFiles.get(name)?.value;
}

/** Copies one section of the included model into the local one; a local definition is merged over the included. */
function importSection(local: CEntry | undefined, imported: CEntry, section: string): CEntry {
  if (imported.value.kind !== 'map') return local ?? imported;
  if (local === undefined || isNull(local.value))
    return local === undefined ? imported : { ...local, value: imported.value };
  if (local.value.kind !== 'map') fail('wrong-type', `${section} must be a mapping`, local.value.at);
  const localMap = local.value;
  const localByKey = new Map(localMap.entries.map((e) => [e.key, e]));
  const entries: CEntry[] = imported.value.entries.filter((e) => !localByKey.has(e.key));
  const importedByKey = new Map(imported.value.entries.map((e) => [e.key, e]));
  for (const e of localMap.entries) {
    const theirs = importedByKey.get(e.key);
    entries.push(
      theirs === undefined
        ? e
        : { key: e.key, keyAt: e.keyAt, value: mergeNodes(theirs.value, e.value, [section, e.key]) },
    );
  }
  return { key: local.key, keyAt: local.keyAt, value: { kind: 'map', at: localMap.at, entries } };
}

/**
 * `root` (one file, interpolated) with its `include:` applied and removed. `chain` holds the
 * file itself and the files that included it.
 */
export function applyInclude(
  root: CMap,
  file: string,
  lookup: Lookup,
  chain: readonly string[],
  ctx: IncludeContext,
): CMap {
  const entry = entryAt(root, 'include');
  if (entry === undefined) return root;
  let model: CMap = { kind: 'map', at: root.at, entries: root.entries.filter((e) => e.key !== 'include') };
  if (isNull(entry.value)) return model;
  if (entry.value.kind !== 'seq') fail('wrong-type', '`include` must be a list', entry.value.at);
  const base = dirnamePath(file);
  for (const item of entry.value.items) {
    const inc = includeOf(item);
    const files = inc.paths.map((p) => ({ path: joinPath(base, p.path), at: p.at }));
    const main = files[0] as ProjectFile;
    if (chain.includes(normalizePath(main.path))) {
      const loop = [...chain, normalizePath(main.path)].join(' → ');
      fail('include-cycle', `include goes round in a circle: ${loop}`, main.at);
    }
    const loaded = ctx.loadProject(files, includeLookup(inc, base, lookup, ctx), chain);
    if (loaded === undefined) continue;
    // Its relative host paths are relative to its project directory (rebase.ts).
    const imported = rebaseModel(loaded, inc.projectDirectory ?? dirnamePath((inc.paths[0] as { path: string }).path));
    for (const section of RESOURCES) {
      const theirs = entryAt(imported, section);
      if (theirs === undefined) continue;
      const ours = entryAt(model, section);
      const merged = importSection(ours, theirs, section);
      model = {
        kind: 'map',
        at: model.at,
        entries: ours === undefined ? [...model.entries, merged] : model.entries.map((e) => (e === ours ? merged : e)),
      };
    }
  }
  return model;
}
