import { FORMAT_VERSION, type Project } from '../model/types';
import { ENV_NAME_PATTERN, MAX_PROJECT_BYTES, MAX_REPLICAS, SECRET_LENGTH } from '../model/constraints';
import {
  ALIAS_BUDGET,
  AliasLimitError,
  MAX_DEPTH,
  MAX_TOKENS,
  parseBounded,
  toLocated,
  type Located,
  type LocateOptions,
} from './located';
import { runMigrations, MIGRATIONS, type Migration } from './migrations';
import type { FormatProblem } from './problems';
import { Reader } from './reader';
import { IdRegistry, readProject } from './read-project';
import { utf8Length } from './utf8';

/** Where each element's `id:` stands in the file, for tools that point at elements. */
export type ElementLocations = ReadonlyMap<string, { readonly line: number; readonly column: number }>;

export type LoadResult =
  | {
      readonly ok: true;
      readonly project: Project;
      readonly problems: readonly FormatProblem[];
      readonly locations: ElementLocations;
    }
  | { readonly ok: false; readonly problems: readonly FormatProblem[] };

export interface LoadOptions {
  /** Files larger than this are refused before parsing. */
  readonly maxBytes?: number;
  /** How many nodes alias expansion may produce before the file is refused. */
  readonly aliasBudget?: number;
  /** How deep collections may nest (MAX_DEPTH). */
  readonly maxDepth?: number;
  /** How many YAML tokens the file may hold (MAX_TOKENS). */
  readonly maxTokens?: number;
  /** Injected in tests; defaults to the shipped chain. */
  readonly migrations?: readonly Migration[];
}

export { ALIAS_BUDGET, MAX_DEPTH, MAX_TOKENS } from './located';

// The patterns and limits live in model/constraints. These four are re-exported for the importers
// that still read them from here (format/index for MAX_PROJECT_BYTES, the inspector's validate.ts
// for the others); new code imports them from model/constraints.
export { ENV_NAME_PATTERN, MAX_PROJECT_BYTES, MAX_REPLICAS, SECRET_LENGTH };

export { DEFAULT_SETTINGS, ROUTE_SCHEMES, ZONE_KINDS } from './read-project';

/**
 * Reads a `*.portolan.yaml` text into a Project. Never throws: every problem comes back
 * with a code and a 1-based line:column. Errors make the result `ok: false`; warnings
 * (unknown keys, YAML warnings) still yield a project.
 */
export function loadProject(text: string, options: LoadOptions = {}): LoadResult {
  try {
    return load(text, options);
  } catch (error) {
    // A bug in the loader must not take the caller down with it.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem('not-a-project', `could not read the file: ${message}`)] };
  }
}

function problem(code: FormatProblem['code'], message: string, line = 1, column = 1): FormatProblem {
  return { code, severity: 'error', message, line, column, path: '' };
}

function load(text: string, options: LoadOptions): LoadResult {
  const maxBytes = options.maxBytes ?? MAX_PROJECT_BYTES;
  const size = utf8Length(text, maxBytes + 1);
  if (size > maxBytes) {
    return {
      ok: false,
      problems: [problem('file-too-large', `the file is larger than ${formatBytes(maxBytes)}; refusing to read it`)],
    };
  }

  const aliasBudget = options.aliasBudget ?? ALIAS_BUDGET;
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const maxTokens = options.maxTokens ?? MAX_TOKENS;
  const parsed = parseBounded(text, { maxDepth, maxTokens });
  const { lineCounter } = parsed;
  const positionOf = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  const r = new Reader(positionOf);

  if (!parsed.ok) {
    if (parsed.limit === 'too-deep') {
      r.report('too-deep', tooDeep(maxDepth), parsed.offset, '');
    } else {
      r.report(
        'too-many-tokens',
        `the file holds more than ${maxTokens.toLocaleString('en-US')} YAML tokens (keys, values, punctuation, line breaks), the most a project file may have; refusing to read the rest`,
        parsed.offset,
        '',
      );
    }
    return { ok: false, problems: r.problems };
  }
  const { doc } = parsed;

  // One pass over the document finds repeated keys (YAML's own check compares each key with every
  // earlier one of its map) and the alias bounds, before a migration edits anything: a migration
  // must not act on one of two copies of a key.
  const duplicates: number[] = [];
  const locate = (onDuplicateKey?: (offset: number) => void): Located | AliasLimitError => {
    const locateOptions: LocateOptions = onDuplicateKey ? { maxDepth, onDuplicateKey } : { maxDepth };
    try {
      return toLocated(doc, aliasBudget, locateOptions);
    } catch (error) {
      if (error instanceof AliasLimitError) return error;
      throw error;
    }
  };
  let root = locate((offset) => duplicates.push(offset));

  const errors = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: yamlMessage(e) })),
    // The code and message YAML's check gave, so nothing changes for a reader of the problems.
    ...duplicates.map((offset) => ({ offset, message: 'Map keys must be unique' })),
  ].sort((a, b) => a.offset - b.offset);
  for (const e of errors) r.report('yaml-syntax', e.message, e.offset, '');
  for (const w of doc.warnings) r.report('yaml-warning', yamlMessage(w), w.pos[0], '', 'warning');
  if (errors.length > 0) return { ok: false, problems: r.problems };

  // The format version decides which migrations run, before anything else is read.
  const formatNode = doc.get('format', true) as { range?: [number, number, number] } | undefined;
  const version: unknown = doc.get('format');
  if (typeof version === 'number' && Number.isInteger(version) && version !== FORMAT_VERSION) {
    const at = formatNode?.range?.[0] ?? 0;
    if (version > FORMAT_VERSION) {
      r.report(
        'unsupported-format',
        `this file has format ${version}, written by a newer Portolan; this version reads format ${FORMAT_VERSION} and older`,
        at,
        'format',
      );
      return { ok: false, problems: r.problems };
    }
    const outcome = runMigrations(doc, version, FORMAT_VERSION, options.migrations ?? MIGRATIONS);
    if (!outcome.ok) {
      r.report('unsupported-format', `format ${outcome.missingFrom} is not a Portolan project format`, at, 'format');
      return { ok: false, problems: r.problems };
    }
    // Migrations edit the document in place (keeping source positions): read it again. They only
    // remove plain entries, so a file over an alias bound stays over it.
    if (!(root instanceof AliasLimitError)) root = locate();
  }

  if (root instanceof AliasLimitError) {
    r.report(
      root.bound === 'depth' ? 'too-deep' : 'alias-limit',
      root.bound === 'depth'
        ? tooDeep(maxDepth)
        : `YAML aliases expand to more than ${aliasBudget} nodes; refusing the file (possible alias bomb)`,
      root.offset,
      '',
    );
    return { ok: false, problems: r.problems };
  }

  if (root.type !== 'map') {
    r.report(
      'not-a-project',
      `a Portolan project file must be a YAML mapping with "format: ${FORMAT_VERSION}" at the top`,
      root.offset,
      '',
    );
    return { ok: false, problems: r.problems };
  }

  const ids = new IdRegistry(r);
  const project = readProject(r, root, ids);
  if (r.problems.some((p) => p.severity === 'error')) return { ok: false, problems: r.problems };
  const locations = new Map([...ids.offsets].map(([id, offset]) => [id, positionOf(offset)]));
  return { ok: true, project, problems: r.problems, locations };
}

/** The parser's message without its own position suffix (the problem carries line:column). */
function yamlMessage(e: { code: string; message: string }): string {
  if (e.code === 'MULTIPLE_DOCS') return 'a project file holds one YAML document, but a second one starts here (---)';
  const first = e.message.split('\n', 1)[0] ?? e.message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

function tooDeep(maxDepth: number): string {
  return `mappings and lists nest more than ${maxDepth} deep here (a project file nests 5 deep); refusing the file`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(0)} MB` : `${n} bytes`;
}
