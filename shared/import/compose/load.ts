/**
 * `loadCompose`: compose files → ComposeModel, in the order compose-go's `loadYamlFile` works
 * (loader/loader.go, read at commit e70e961c3a3a) for each file given with `-f`:
 * read and interpolate it (document.ts), apply its `include:` (include.ts), then its services'
 * `extends` (extends.ts), then merge it over the files before it (merge.ts); at the end make the
 * listed sequences unique (unique.ts) and pick the active services (profiles.ts).
 *
 * Pure: files come through `readFile`, variables through `lookup` (the caller applies compose's
 * precedence between the process environment and `--env-file`). The first error stops the
 * load, as it stops `docker compose`; warnings travel with the outcome.
 */
import type { ImportOutcome, ImportProblem, SourcePos } from '../types';
import { readComposeDocument } from './document';
import { applyExtends } from './extends';
import { fail, ImportFailure, outcomeOf } from './failure';
import { applyInclude, type ProjectFile } from './include';
import type { Lookup } from './interpolate';
import { mergeMaps } from './merge';
import { buildModel, type ComposeModel } from './model';
import { normalizePath } from './paths';
import { expandedSize, MODEL_NODE_BUDGET } from './size';
import { enforceUnique } from './unique';
import type { CMap } from './tree';

export interface ComposeFile {
  /** The path as the user gave it: problems carry it, and relative `extends`/`include` paths start from its folder. */
  readonly path: string;
  readonly text: string;
}

export interface LoadComposeOptions {
  readonly lookup: Lookup;
  /** Another file's text (an `extends.file`, an `include`, an include's `env_file`), or undefined when it cannot be read. */
  readonly readFile: (path: string) => string | undefined;
  /** The `--profile` names (`*` activates every profile). */
  readonly profiles?: readonly string[];
}

type MissingCode = 'extends-unknown-file' | 'include-unknown-file';

class Loader {
  /** Files read, per variable set (an include's `env_file` gives its files other values). */
  private readonly cache = new Map<Lookup, Map<string, CMap | null>>();
  readonly files: string[] = [];
  private readonly given: Map<string, string>;

  constructor(
    given: readonly ComposeFile[],
    private readonly readFile: (path: string) => string | undefined,
    private readonly warnings: ImportProblem[],
  ) {
    this.given = new Map(given.map((f) => [normalizePath(f.path), f.text]));
  }

  /** One file's interpolated root; null for an empty document. */
  read(path: string, lookup: Lookup, at: SourcePos | undefined, missing: MissingCode): CMap | null {
    const key = normalizePath(path);
    let perLookup = this.cache.get(lookup);
    if (perLookup === undefined) this.cache.set(lookup, (perLookup = new Map()));
    const cached = perLookup.get(key);
    if (cached !== undefined) return cached;
    const text = this.given.get(key) ?? this.readFile(path);
    if (text === undefined) {
      const what = missing === 'extends-unknown-file' ? 'the file extends names' : 'the included file';
      fail(missing, `cannot read ${what}: ${path}`, at ?? { file: path, line: 1, column: 1 });
    }
    if (!this.files.includes(path)) this.files.push(path);
    const doc = readComposeDocument(path, text, lookup);
    if (!doc.ok) {
      const [error, ...rest] = doc.problems;
      this.warnings.push(...rest);
      throw new ImportFailure(error as ImportProblem);
    }
    this.warnings.push(...doc.warnings);
    const root = doc.value.empty ? null : doc.value.root;
    perLookup.set(key, root);
    return root;
  }

  /**
   * Several files as one project (`-f a -f b`, or an include's `path` list). `chain` holds the
   * files that include this project (for include cycles). Undefined when every file is empty.
   */
  project(files: readonly ProjectFile[], lookup: Lookup, chain: readonly string[]): CMap | undefined {
    let merged: CMap | undefined;
    for (const f of files) {
      const read = this.read(f.path, lookup, f.at, 'include-unknown-file');
      // compose-go skips a file that holds no document (the decoder ends at once).
      if (read === null) continue;
      const own = [...chain, normalizePath(f.path)];
      const included = applyInclude(read, f.path, lookup, own, {
        loadProject: (more, moreLookup, moreChain) => this.project(more, moreLookup, moreChain),
        readFile: (p) => this.readFile(p),
        warn: (w) => this.warnings.push(w),
      });
      const extended = applyExtends(included, f.path, (path, at) => {
        const root = this.read(path, lookup, at, 'extends-unknown-file');
        return root ?? { kind: 'map', at: { file: path, line: 1, column: 1 }, entries: [] };
      });
      merged = merged === undefined ? extended : mergeMaps(merged, extended, []);
    }
    return merged;
  }
}

/**
 * Refuses a model that expands (aliases in several files, includes, extends) beyond the budget,
 * at the top-level entry whose contents cross it.
 */
function checkSize(root: CMap): void {
  let total = 0;
  for (const section of root.entries) {
    const entries = section.value.kind === 'map' ? section.value.entries : [section];
    for (const e of entries) {
      total += expandedSize(e.value);
      if (total > MODEL_NODE_BUDGET) {
        fail(
          'alias-limit',
          `the model expands to more than ${MODEL_NODE_BUDGET} nodes (aliases, extends, includes); refused`,
          e.keyAt,
        );
      }
    }
  }
}

/**
 * Loads `files` (at least one) as `docker compose -f files[0] -f files[1] … config` would, as
 * one located model. The files' own texts are given; any other file goes through `readFile`.
 */
export function loadCompose(files: readonly ComposeFile[], options: LoadComposeOptions): ImportOutcome<ComposeModel> {
  const warnings: ImportProblem[] = [];
  return outcomeOf(() => {
    const first = files[0];
    if (first === undefined) throw new Error('loadCompose needs at least one file');
    const loader = new Loader(files, options.readFile, warnings);
    const top = files.map((f) => ({ path: f.path, at: { file: f.path, line: 1, column: 1 } }));
    const root = loader.project(top, options.lookup, []);
    if (root === undefined)
      fail('not-a-compose-file', 'the compose file is empty', { file: first.path, line: 1, column: 1 });
    checkSize(root);
    return buildModel(enforceUnique(root), options.profiles ?? [], loader.files, warnings);
  }, warnings);
}
