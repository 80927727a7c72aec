import { FORMAT_VERSION } from '../model/types';
import { AliasLimitError, parseBounded, toLocated, type Located, type LocateOptions } from './located';
import { isDirectFormat, OLDEST_DIRECT_FORMAT, runMigrations, type Migration } from './migrations';
import { positionsOf, Reader } from './reader';

/**
 * The general path of the loader: any YAML, through `yaml`'s lexer, parser and composer under
 * hard bounds (located.ts), then format migrations, which edit `yaml`'s document. load.ts sends
 * here every file the plain reader (plain-reader.ts) does not read: YAML beyond the plain style,
 * files with syntax errors, and files in an older format.
 */
export interface YamlLimits {
  readonly maxDepth: number;
  readonly maxTokens: number;
  readonly aliasBudget: number;
  readonly migrations: readonly Migration[];
}

export type YamlOutcome =
  /** The document's root, located; `r` holds the warnings found on the way. */
  | { readonly kind: 'read'; readonly root: Located; readonly r: Reader }
  /** Refused or wrong: `r` holds the problems (the token bound is left to the caller, which knows why it applies). */
  | { readonly kind: 'problems'; readonly r: Reader }
  | { readonly kind: 'too-many-tokens'; readonly offset: number; readonly r: Reader };

/** `tooDeep(maxDepth)` and `unsupported(version)` are the loader's messages, shared with the plain path. */
export interface YamlMessages {
  readonly tooDeep: string;
  readonly aliasLimit: string;
  readonly newerFormat: (version: number) => string;
}

export function loadYaml(text: string, limits: YamlLimits, messages: YamlMessages): YamlOutcome {
  const parsed = parseBounded(text, limits);
  const { lineCounter } = parsed;
  const r = new Reader(positionsOf(lineCounter));

  if (!parsed.ok) {
    if (parsed.limit === 'too-many-tokens') return { kind: 'too-many-tokens', offset: parsed.offset, r };
    r.report('too-deep', messages.tooDeep, parsed.offset, '');
    return { kind: 'problems', r };
  }
  const { doc } = parsed;

  // One pass over the document finds repeated keys (YAML's own check compares each key with every
  // earlier one of its map) and the alias bounds, before a migration edits anything: a migration
  // must not act on one of two copies of a key.
  const duplicates: number[] = [];
  const locate = (onDuplicateKey?: (offset: number) => void): Located | AliasLimitError => {
    const locateOptions: LocateOptions = onDuplicateKey
      ? { maxDepth: limits.maxDepth, onDuplicateKey }
      : { maxDepth: limits.maxDepth };
    try {
      return toLocated(doc, limits.aliasBudget, locateOptions);
    } catch (error) {
      if (error instanceof AliasLimitError) return error;
      throw error;
    }
  };
  let root = locate((offset) => duplicates.push(offset));

  const errors = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: yamlMessage(e) })),
    // The code and message YAML's check gave, so nothing changes for a reader of the problems.
    ...duplicates.map((offset) => ({ offset, message: DUPLICATE_KEY })),
  ].sort((a, b) => a.offset - b.offset);
  for (const e of errors) r.report('yaml-syntax', e.message, e.offset, '');
  for (const w of doc.warnings) r.report('yaml-warning', yamlMessage(w), w.pos[0], '', 'warning');
  if (errors.length > 0) return { kind: 'problems', r };

  // The format version decides which migrations run, before anything else is read.
  const formatNode = doc.get('format', true) as { range?: [number, number, number] } | undefined;
  const version: unknown = doc.get('format');
  if (typeof version === 'number' && Number.isInteger(version) && !isDirectFormat(version, FORMAT_VERSION)) {
    const at = formatNode?.range?.[0] ?? 0;
    if (version > FORMAT_VERSION) {
      r.report('unsupported-format', messages.newerFormat(version), at, 'format');
      return { kind: 'problems', r };
    }
    const outcome = runMigrations(doc, version, OLDEST_DIRECT_FORMAT, limits.migrations);
    if (!outcome.ok) {
      r.report('unsupported-format', `format ${outcome.missingFrom} is not a Portolan project format`, at, 'format');
      return { kind: 'problems', r };
    }
    // Migrations edit the document in place (keeping source positions): read it again. They only
    // remove plain entries, so a file over an alias bound stays over it.
    if (!(root instanceof AliasLimitError)) root = locate();
  }

  if (root instanceof AliasLimitError) {
    r.report(
      root.bound === 'depth' ? 'too-deep' : 'alias-limit',
      root.bound === 'depth' ? messages.tooDeep : messages.aliasLimit,
      root.offset,
      '',
    );
    return { kind: 'problems', r };
  }
  return { kind: 'read', root, r };
}

/** YAML's own message for a repeated key; the plain reader reports them with it too. */
export const DUPLICATE_KEY = 'Map keys must be unique';

/** The parser's message without its own position suffix (the problem carries line:column). */
function yamlMessage(e: { code: string; message: string }): string {
  if (e.code === 'MULTIPLE_DOCS') return 'a project file holds one YAML document, but a second one starts here (---)';
  const first = e.message.split('\n', 1)[0] ?? e.message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}
