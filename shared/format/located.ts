import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  type CST,
  type Document,
  type Node,
} from 'yaml';

/**
 * A YAML value with the source offset it came from. The loader validates this tree rather
 * than plain JS so that every problem can point at a line and column.
 */
export type Located =
  | {
      readonly type: 'map';
      readonly offset: number;
      readonly entries: readonly LocatedEntry[];
      /** The first entry of each key, so that looking a key up costs the same in a map of 40,000 keys. */
      readonly byKey: ReadonlyMap<string, LocatedEntry>;
    }
  | { readonly type: 'seq'; readonly offset: number; readonly items: readonly Located[] }
  | {
      readonly type: 'scalar';
      readonly offset: number;
      readonly value: unknown;
      /**
       * The scalar as written, before YAML resolved it (`1.10`, `010`, `0x1F`, `True`): text fields
       * keep this rather than the number or boolean YAML made of it. Undefined for nodes a
       * migration created, which have no source.
       */
      readonly source?: string;
    };

export interface LocatedEntry {
  /** The key as written: a key YAML reads as a number or boolean (`1.10:`, `True:`) keeps its source text. */
  readonly key: string;
  readonly keyOffset: number;
  /** Non-string keys (numbers, maps) are kept so the loader can report them. */
  readonly keyIsString: boolean;
  readonly value: Located;
}

// ---------------------------------------------------------------------------------------------
// Bounds. Every file up to MAX_PROJECT_BYTES is read or refused in bounded time and memory: the
// plain reader (plain-reader.ts) and the parser stop at their token bound or at MAX_DEPTH, alias
// expansion stops at ALIAS_BUDGET nodes, and every later pass over the tree is linear in what
// those bounds let through.

/** Generous for hand-written anchors, tiny next to what a "billion laughs" file asks for. */
export const ALIAS_BUDGET = 10_000;

/**
 * How many collections (mappings and lists) may enclose one another. A project file nests at
 * most 5 deep (project → components → component → environment → `{ secret: 32 }`), and every
 * unknown key holds at most what a person writes by hand; 64 leaves room for both, while keeping
 * the YAML composer's and our own recursion far from the stack limit. Deeper nesting is what a
 * hostile file of brackets (`[[[[…`) looks like, and it is refused as soon as the parser reaches
 * the 65th level, before the rest of the file is read.
 */
export const MAX_DEPTH = 64;

/**
 * How many YAML tokens (keys, values, indicators such as `:`, `-`, `[`, spaces, line breaks and
 * comments, as the `yaml` lexer splits the text; see tokenWeight) a file may hold. Tokens, not
 * bytes, are what reading costs grow with, and they bound the number of nodes. The plain reader
 * (plain-reader.ts) reads a file in the plain style Portolan writes at a fifth of `yaml`'s cost,
 * so this bound is set by all that follows it — the tree, the project, a problem per unknown key:
 * at 600,000 tokens, the largest generated project (about 5,500 components; 3,700 of the diagram
 * tests' richer ones; the canvas benchmark's largest is 2,000, a large real deployment has tens)
 * loads in a fresh process in about half a second of CPU and 125 MB, and every plain shape of the
 * loaderHostile benchmark is loaded or refused within that too. See MAX_YAML_TOKENS for files in
 * any other style.
 */
export const MAX_TOKENS = 600_000;

/**
 * How many tokens a file the plain reader leaves to `yaml` (anchors, tags, multi-line flow
 * collections, syntax errors, older formats) may hold. Bare `yaml` needs 3–4 s and 460 MB–1.2 GB
 * for a 5 MB project on the 2-core machine CI runs on (its lexer, parser and composer cost about
 * 3 µs and 1 KB per token), so at 150,000 tokens — about 1,390 generated components — such a file
 * is loaded or refused in a fresh process within about 0.9 s of CPU and 140 MB (the loaderHostile
 * benchmark's shapes that reach `yaml`, with aliases, tags or the format 1 migration).
 */
export const MAX_YAML_TOKENS = 150_000;

export interface ParseLimits {
  readonly maxDepth: number;
  readonly maxTokens: number;
}

export type ParseOutcome =
  | { readonly ok: true; readonly doc: Document.Parsed; readonly lineCounter: LineCounter }
  | {
      readonly ok: false;
      readonly limit: 'too-deep' | 'too-many-tokens';
      /** Where the token that crossed the limit starts. */
      readonly offset: number;
      readonly lineCounter: LineCounter;
    };

const COLLECTIONS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * What one lexeme costs against MAX_TOKENS. Most cost one; but `yaml` also works per line inside
 * a multi-line value (5 MB of empty lines in a block scalar: 5 s, 700 MB) and per character of a
 * double-quoted one (it unescapes them one at a time: 5 MB, 1–2 s), so a value that spans lines
 * counts one more per line, and double-quoted text one more per 4 characters.
 */
export function tokenWeight(lexeme: string): number {
  // The lexer's markers (document start, scalar, flow end) stand for no text of their own.
  if (lexeme.length === 1 && lexeme < ' ' && lexeme !== '\n' && lexeme !== '\t') return 0;
  let weight = 1;
  if (lexeme.length > 2) {
    for (let nl = lexeme.indexOf('\n'); nl !== -1; nl = lexeme.indexOf('\n', nl + 1)) weight++;
    if (lexeme.charCodeAt(0) === 0x22 /* " */) weight += lexeme.length >> 2;
  }
  return weight;
}

/** The collection that opens level `depth + 1` of the parser's stack, if the stack is that deep. */
const beyond = (stack: readonly CST.Token[], depth: number): CST.Token | undefined => {
  let level = 0;
  for (const token of stack) if (COLLECTIONS.has(token.type) && ++level > depth) return token;
  return undefined;
};

/**
 * `parseDocument` with hard bounds: the same lexer, parser and composer, fed one token at a time
 * so that counting tokens and watching the parser's stack of open collections stops a hostile
 * file as soon as it crosses a bound — `parseDocument` would first build the whole syntax tree
 * (12 s and 1.2 GB for 2 MB of nested brackets). Duplicate keys are not looked for here: `yaml`
 * compares each key with every earlier key of its map, quadratic in a wide map; `toLocated`
 * finds them in one pass.
 */
export function parseBounded(text: string, limits: ParseLimits): ParseOutcome {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  let refused: { limit: 'too-deep' | 'too-many-tokens'; offset: number } | undefined;

  function* tokens(): Generator<CST.Token> {
    lineCounter.addNewLine(0);
    let count = 0;
    for (const lexeme of new Lexer().lex(text)) {
      const offset = parser.offset;
      count += tokenWeight(lexeme);
      if (count > limits.maxTokens) {
        refused = { limit: 'too-many-tokens', offset };
        return;
      }
      yield* parser.next(lexeme);
      // The stack holds the document and at most a scalar beside the open collections, so it is
      // walked only within two levels of the bound. The problem points at the collection that
      // opens the level one too deep (its first key, `-` or bracket).
      const deep = parser.stack.length > limits.maxDepth ? beyond(parser.stack, limits.maxDepth) : undefined;
      if (deep !== undefined) {
        refused = { limit: 'too-deep', offset: 'offset' in deep ? deep.offset : offset };
        return;
      }
    }
    yield* parser.end();
  }

  const composer = new Composer({ strict: true, prettyErrors: false, uniqueKeys: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens(), true, text.length)) {
    if (refused !== undefined) break;
    if (doc === undefined) {
      doc = next;
    } else {
      // As parseDocument does: a project file is one document.
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  if (refused !== undefined) return { ok: false, ...refused, lineCounter };
  // compose(…, forceDoc = true) always yields a document, even for an empty text.
  if (doc === undefined) throw new Error('yaml composed no document');
  return { ok: true, doc, lineCounter };
}

// ---------------------------------------------------------------------------------------------

/**
 * Thrown inside `toLocated` only, when expanding aliases goes over a bound: more than the alias
 * budget's nodes (`nodes`, an alias bomb), or nesting deeper than `maxDepth` (`depth`: aliases
 * that refer to lists that hold aliases, each a level deeper). The loader turns it into an
 * `alias-limit` or a `too-deep` problem at `offset`, the alias whose expansion went over.
 */
export class AliasLimitError extends Error {
  constructor(
    readonly offset: number,
    readonly bound: 'nodes' | 'depth' = 'nodes',
  ) {
    super(bound === 'nodes' ? 'alias expansion limit reached' : 'alias expansion nests too deep');
  }
}

export interface LocateOptions {
  /** Collections may nest this deep; deeper is thrown as an AliasLimitError with bound `depth`. */
  readonly maxDepth?: number;
  /**
   * Called with the offset of every key that repeats an earlier key of its mapping, compared as
   * YAML compares them (by value: `1.1` and `1.10`, `a` and `"a"` are the same key).
   */
  readonly onDuplicateKey?: (offset: number) => void;
}

type Anchored = Node & { anchor?: string };

/**
 * Converts a parsed document to a located tree, in one pass over the document. Aliases are
 * expanded, but the number of nodes produced by expansion is capped: a "billion laughs" file
 * stops after `aliasBudget` nodes instead of exhausting memory. Each alias is resolved as YAML
 * does (to the last node with its anchor before it), through a table kept during the pass —
 * `Alias.resolve` walks the whole document per alias.
 */
export function toLocated(doc: Document, aliasBudget: number, options: LocateOptions = {}): Located {
  let budget = aliasBudget;
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const onDuplicateKey = options.onDuplicateKey;
  /** The node each anchor names at the current point of the pass. */
  const anchors = new Map<string, unknown>();
  /** What each alias met in the pass refers to: an alias inside an expanded node keeps its own referent. */
  const referents = new Map<unknown, unknown>();

  /** Anchors inside keys count too (YAML's order visits a key before its value). */
  const noteAnchors = (node: unknown): void => {
    if (isAlias(node)) {
      referents.set(node, anchors.get(node.source));
      return;
    }
    const anchor = (node as Anchored | null)?.anchor;
    if (anchor !== undefined) anchors.set(anchor, node);
    if (isMap(node)) {
      for (const pair of node.items) {
        noteAnchors(pair.key);
        noteAnchors(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) noteAnchors(item);
    }
  };

  // `site` is the offset of the outermost alias being expanded: that is where the
  // expansion starts, so that is where an over-budget file is reported.
  const convert = (node: unknown, fallbackOffset: number, site: number | undefined, depth: number): Located => {
    if (site !== undefined && --budget < 0) throw new AliasLimitError(site);
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? fallbackOffset;
      let target: unknown;
      if (site === undefined) {
        target = anchors.get(node.source);
        referents.set(node, target);
      } else {
        // Met before in the pass, unless it lies inside its own anchor's node (a cycle the budget stops).
        target = referents.has(node) ? referents.get(node) : anchors.get(node.source);
      }
      if (target === undefined) return { type: 'scalar', offset, value: null };
      return convert(target, offset, site ?? offset, depth);
    }
    const offset = (node as Node | null)?.range?.[0] ?? fallbackOffset;
    if (site === undefined) {
      const anchor = (node as Anchored | null)?.anchor;
      if (anchor !== undefined) anchors.set(anchor, node);
    }
    if ((isMap(node) || isSeq(node)) && depth >= maxDepth) {
      // Parsing stops deeper text, so only alias expansion gets here; refuse where it started.
      throw new AliasLimitError(site ?? offset, 'depth');
    }
    if (isMap(node)) {
      const entries: LocatedEntry[] = [];
      const byKey = new Map<string, LocatedEntry>();
      // Scalar keys by value, as YAML compares them; NaN is never equal to itself there either.
      const seen = site === undefined && onDuplicateKey !== undefined ? new Set<unknown>() : undefined;
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyOffset = keyNode?.range?.[0] ?? offset;
        if (site === undefined) noteAnchors(keyNode);
        if (seen !== undefined && isScalar(keyNode) && !Number.isNaN(keyNode.value)) {
          if (seen.has(keyNode.value)) onDuplicateKey?.(keyOffset);
          else seen.add(keyNode.value);
        }
        const rawKey: unknown = isScalar(keyNode) ? keyNode.value : keyNode;
        const entry: LocatedEntry = {
          key:
            typeof rawKey === 'string' ? rawKey : ((isScalar(keyNode) ? keyNode.source : undefined) ?? String(rawKey)),
          keyIsString: typeof rawKey === 'string',
          keyOffset,
          // A key with no value (`name:`) points at the key itself.
          value: convert(pair.value, keyOffset, site, depth + 1),
        };
        entries.push(entry);
        if (!byKey.has(entry.key)) byKey.set(entry.key, entry);
      }
      return { type: 'map', offset, entries, byKey };
    }
    if (isSeq(node)) {
      return { type: 'seq', offset, items: node.items.map((item) => convert(item, offset, site, depth + 1)) };
    }
    if (isScalar(node)) {
      return node.source === undefined
        ? { type: 'scalar', offset, value: node.value }
        : { type: 'scalar', offset, value: node.value, source: node.source };
    }
    return { type: 'scalar', offset, value: null };
  };

  return convert(doc.contents, 0, undefined, 0);
}
