import { LineCounter } from 'yaml';
import { FORMAT_VERSION, type Project } from '../model/types';
import { ENV_NAME_PATTERN, MAX_PROJECT_BYTES, MAX_REPLICAS, SECRET_LENGTH } from '../model/constraints';
import { ALIAS_BUDGET, MAX_DEPTH, MAX_TOKENS, MAX_YAML_TOKENS, type Located } from './located';
import { DUPLICATE_KEY, loadYaml } from './load-yaml';
import { isDirectFormat, MIGRATIONS, type Migration } from './migrations';
import { readPlain } from './plain-reader';
import type { FormatProblem } from './problems';
import { positionsOf, Reader } from './reader';
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
  /** How many YAML tokens a file may hold (MAX_TOKENS). */
  readonly maxTokens?: number;
  /** How many of them a file the plain reader leaves to `yaml` may hold (MAX_YAML_TOKENS; never more than maxTokens). */
  readonly maxYamlTokens?: number;
  /** Injected in tests; defaults to the shipped chain. */
  readonly migrations?: readonly Migration[];
}

export { ALIAS_BUDGET, MAX_DEPTH, MAX_TOKENS, MAX_YAML_TOKENS } from './located';

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

/**
 * Two paths. The plain reader (plain-reader.ts) reads a file in the plain style — what Portolan
 * saves, and what people write by hand — in one linear pass, up to MAX_TOKENS. Anything else
 * (anchors, tags, multi-line flow collections, a syntax error, an older format) goes through `yaml`
 * (load-yaml.ts), which costs several times as much per token and so is held to MAX_YAML_TOKENS.
 * Both give the same tree, problems and positions on a plain file.
 */
function load(text: string, options: LoadOptions): LoadResult {
  const maxBytes = options.maxBytes ?? MAX_PROJECT_BYTES;
  const size = utf8Length(text, maxBytes + 1);
  if (size > maxBytes) {
    return {
      ok: false,
      problems: [problem('file-too-large', `the file is larger than ${formatBytes(maxBytes)}; refusing to read it`)],
    };
  }

  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const maxTokens = options.maxTokens ?? MAX_TOKENS;
  const maxYamlTokens = Math.min(maxTokens, options.maxYamlTokens ?? MAX_YAML_TOKENS);
  const aliasBudget = options.aliasBudget ?? ALIAS_BUDGET;

  // Windows line breaks (a checkout with git's autocrlf): the plain reader takes `\n` only. Every
  // position the loader reports is a line and column, which dropping the `\r` of each `\r\n`
  // leaves as they are, and `yaml` reads `\r\n` as one line break: so the reader reads the file
  // with `\n`, and gives what `yaml` gives on the original. A lone `\r` stays, and leaves to yaml.
  const plainText = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  const plain = readPlain(plainText, { maxDepth, maxTokens, format: FORMAT_VERSION });
  /** Why the plain reader left the file to yaml, where, and how many tokens it had counted before. */
  let leftAt: { offset: number; reason: string; tokens: number };
  if (plain.kind === 'not-plain') {
    leftAt = plain;
  } else {
    const { lineCounter } = plain;
    const r = new Reader(positionsOf(lineCounter));
    if (plain.kind !== 'read') {
      const tokens = plain.kind === 'too-many-tokens';
      r.report(plain.kind, tokens ? tooManyTokens(maxTokens) : tooDeep(maxDepth), plain.offset, '');
      return { ok: false, problems: r.problems };
    }
    for (const offset of plain.duplicates) r.report('yaml-syntax', DUPLICATE_KEY, offset, '');
    if (r.problems.length > 0) return { ok: false, problems: r.problems };
    const format = plain.root.type === 'map' ? plain.root.byKey.get('format')?.value : undefined;
    const version = format?.type === 'scalar' ? format.value : undefined;
    if (typeof version !== 'number' || !Number.isInteger(version) || isDirectFormat(version, FORMAT_VERSION)) {
      return readRoot(r, plain.root);
    }
    if (version > FORMAT_VERSION && format !== undefined) {
      r.report('unsupported-format', newerFormat(version), format.offset, 'format');
      return { ok: false, problems: r.problems };
    }
    // An older format: its migrations edit yaml's document.
    leftAt = {
      offset: format?.offset ?? 0,
      reason: `format ${version}, which is upgraded first`,
      tokens: plain.tokens,
    };
  }

  // The reader counted these tokens as yaml's lexer splits them: past yaml's bound already, the file
  // is refused without handing it to yaml, so no file costs a full plain read and a yaml parse.
  if (leftAt.tokens > maxYamlTokens) return refuseNotPlain(plainText, leftAt, maxYamlTokens, maxTokens);

  const general = loadYaml(
    text,
    { maxDepth, maxTokens: maxYamlTokens, aliasBudget, migrations: options.migrations ?? MIGRATIONS },
    { tooDeep: tooDeep(maxDepth), aliasLimit: aliasLimit(aliasBudget), newerFormat },
  );
  if (general.kind === 'too-many-tokens') {
    if (maxYamlTokens >= maxTokens) {
      general.r.report('too-many-tokens', tooManyTokens(maxTokens), general.offset, '');
      return { ok: false, problems: general.r.problems };
    }
    return refuseNotPlain(plainText, leftAt, maxYamlTokens, maxTokens);
  }
  if (general.kind === 'problems') return { ok: false, problems: general.r.problems };
  return readRoot(general.r, general.root);
}

/**
 * A file that is not all plain and holds more than maxYamlTokens, refused where the plain reader
 * left it: that is what its author can change. The offset is in the text the reader read.
 */
function refuseNotPlain(
  plainText: string,
  leftAt: { offset: number; reason: string },
  maxYamlTokens: number,
  maxTokens: number,
): LoadResult {
  const r = new Reader(positionsOf(lineStarts(plainText, leftAt.offset)));
  r.report('too-many-tokens', notPlainTooLong(maxYamlTokens, maxTokens, leftAt.reason), leftAt.offset, '');
  return { ok: false, problems: r.problems };
}

/** The starts of the lines of `text` up to `offset`, for positions on a path that did not record them. */
function lineStarts(text: string, offset: number): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) lines.addNewLine(nl + 1);
  return lines;
}

/** The project in a located root, with every problem found reading it. */
function readRoot(r: Reader, root: Located): LoadResult {
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
  const locations = new Map([...ids.offsets].map(([id, offset]) => [id, r.position(offset)]));
  return { ok: true, project, problems: r.problems, locations };
}

const count = (n: number): string => n.toLocaleString('en-US');

function tooManyTokens(maxTokens: number): string {
  return `the file holds more than ${count(maxTokens)} YAML tokens (keys, values, punctuation, line breaks), the most a project file may have; refusing to read the rest`;
}

function notPlainTooLong(maxYamlTokens: number, maxTokens: number, reason: string): string {
  return (
    `the file holds more than ${count(maxYamlTokens)} YAML tokens and is not all in the plain style Portolan writes ` +
    `(here: ${reason}); such a file may hold at most ${count(maxYamlTokens)} tokens, a plain one ${count(maxTokens)}; refusing to read it`
  );
}

function newerFormat(version: number): string {
  return `this file has format ${version}, written by a newer Portolan; this version reads format ${FORMAT_VERSION} and older`;
}

function aliasLimit(aliasBudget: number): string {
  return `YAML aliases expand to more than ${aliasBudget} nodes; refusing the file (possible alias bomb)`;
}

function tooDeep(maxDepth: number): string {
  return `mappings and lists nest more than ${maxDepth} deep here (a project file nests 5 deep); refusing the file`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(0)} MB` : `${n} bytes`;
}
