/**
 * One compose file's text → a located, interpolated tree (tree.ts), the way `docker compose`
 * reads one file before merging it with others (compose-go loader.go, `loadYamlFile`):
 *
 * - YAML through the bounded reader of shared/format/located.ts (`parseBounded`: token and depth
 *   bounds, stopping a hostile file early); files over 5 MB are refused before parsing.
 * - Anchors and aliases are resolved here, with a budget on the nodes aliases expand to (an
 *   alias bomb ends in `alias-limit` at the alias that crossed it). An aliased node is the same
 *   tree object wherever it is used, so it keeps the position where it was written.
 * - YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`), which compose accepts through go-yaml:
 *   keys written in the map win over merged ones, and an earlier map of the list over a later
 *   one (https://yaml.org/type/merge.html). Only a plain `<<` is a merge key; `"<<"` is text.
 * - Every string value — not keys — is interpolated (compose-go interpolation.go,
 *   `recursiveInterpolate`, visits every string of the model, `x-` extension fields included,
 *   and never a key; read at commit e70e961c3a3a). Numbers, booleans and null are not strings
 *   there either, so they are left alone.
 * - `!reset` and `!override` are recorded for the merge (tags.ts).
 * - A repeated key is an error (go-yaml: `mapping key "x" already defined at line N`); so is a
 *   key that is not text (compose-go `convertToStringKeysRecursive`: `non-string key`).
 */
import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type Scalar } from 'yaml';

import { MAX_DEPTH, MAX_YAML_TOKENS, parseBounded } from '../../format/located';
import type { ImportOutcome, ImportProblem, SourcePos } from '../types';
import { fail, outcomeOf } from './failure';
import { interpolate, type Lookup } from './interpolate';
import { sourceOffsetOf, type ScalarStyle } from './scalar-offset';
import { erasedKeys, markErased, markOverride } from './tags';
import type { CEntry, CMap, CNode, CScalar, CSeq } from './tree';

/** Files above this many bytes (UTF-8) are refused unread, as the issue asks. */
export const MAX_COMPOSE_BYTES = 5 * 1024 * 1024;

/**
 * Nodes that aliases (and merge keys) may expand to in one file. A hand-written file that
 * merges a 20-key `x-defaults` block into 300 services expands to 6,000; a "billion laughs"
 * file asks for billions. Expansion shares nodes, so it costs no memory here, but every later
 * pass (merge, model, the import) walks the expanded tree.
 */
export const COMPOSE_ALIAS_BUDGET = 200_000;

export interface ComposeDocument {
  readonly file: string;
  /** The document's top-level map; an empty document (only comments) reads as an empty map at 1:1. */
  readonly root: CMap;
  readonly empty: boolean;
}

/** UTF-8 length of `text`, counted only as far as it matters. */
function utf8Length(text: string, stopAbove: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

interface Converted {
  readonly node: CNode;
  /** How many nodes the subtree holds, aliases expanded (what an alias to it costs). */
  readonly size: number;
  /** How many collections nest in it (0 for a scalar). */
  readonly height: number;
}

type Anchored = Node & { anchor?: string; tag?: string };

/** One pass over a parsed document, in document order (so anchors are met before their aliases). */
class Converter {
  private budget = COMPOSE_ALIAS_BUDGET;
  /** Each anchor's node at the current point of the pass (a later anchor of the same name wins). */
  private readonly anchors = new Map<string, Node>();
  /** Anchored nodes, converted once; aliases share the result. */
  private readonly done = new Map<Node, Converted>();
  /** Anchored collections being converted: an alias to one of them would expand forever. */
  private readonly open = new Set<Node>();

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly lines: LineCounter,
    private readonly lookup: Lookup,
    private readonly warnings: ImportProblem[],
  ) {}

  pos(offset: number): SourcePos {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line: Math.max(1, line), column: Math.max(1, col) };
  }

  /** `node` at nesting `depth` (the number of collections around it); `at` is where a missing node is. */
  convert(node: unknown, at: number, depth: number): Converted {
    if (isAlias(node)) return this.alias(node.source, node.range?.[0] ?? at, depth);
    const anchored = node as Anchored | null;
    const anchor = anchored?.anchor;
    if (anchor === undefined || anchored === null) return this.fresh(node, at, depth);
    this.anchors.set(anchor, anchored);
    this.open.add(anchored);
    const converted = this.fresh(node, at, depth);
    this.open.delete(anchored);
    this.done.set(anchored, converted);
    return converted;
  }

  private alias(name: string, offset: number, depth: number): Converted {
    const target = this.anchors.get(name);
    if (target === undefined)
      fail('yaml-syntax', `alias *${name} refers to no anchor &${name} before it`, this.pos(offset));
    const converted = this.done.get(target);
    if (converted === undefined || this.open.has(target)) {
      fail(
        'alias-limit',
        `alias *${name} refers to a node that contains it: it would expand forever`,
        this.pos(offset),
      );
    }
    this.budget -= converted.size;
    if (this.budget < 0) {
      fail(
        'alias-limit',
        `aliases expand to more than ${COMPOSE_ALIAS_BUDGET} nodes here (an alias bomb?); refused`,
        this.pos(offset),
      );
    }
    if (depth + converted.height > MAX_DEPTH) {
      fail('too-deep', `alias *${name} nests collections more than ${MAX_DEPTH} deep`, this.pos(offset));
    }
    return converted;
  }

  private fresh(node: unknown, at: number, depth: number): Converted {
    const offset = (node as Node | null)?.range?.[0] ?? at;
    const tag = (node as Anchored | null)?.tag;
    let converted: Converted;
    if (isMap(node)) converted = this.map(node.items as Pair[], offset, depth);
    else if (isSeq(node)) converted = this.seq(node.items, offset, depth);
    else if (isScalar(node)) converted = { node: this.scalar(node), size: 1, height: 0 };
    else converted = { node: { kind: 'scalar', at: this.pos(offset), value: null }, size: 1, height: 0 };
    if (tag === '!override') markOverride(converted.node);
    return converted;
  }

  private seq(items: readonly unknown[], offset: number, depth: number): Converted {
    const out: CNode[] = [];
    let size = 1;
    let height = 0;
    for (const item of items) {
      if (isReset(item)) continue;
      const c = this.convert(item, offset, depth + 1);
      out.push(c.node);
      size += c.size;
      height = Math.max(height, c.height);
    }
    const seq: CSeq = { kind: 'seq', at: this.pos(offset), items: out };
    return { node: seq, size, height: height + 1 };
  }

  private key(keyNode: unknown, fallback: number): { key: string; at: number; plainMerge: boolean } {
    const at = (keyNode as Node | null)?.range?.[0] ?? fallback;
    let resolved = keyNode;
    if (isAlias(keyNode)) {
      const target = this.anchors.get(keyNode.source);
      if (target === undefined)
        fail('yaml-syntax', `alias *${keyNode.source} refers to no anchor before it`, this.pos(at));
      resolved = target;
    } else if ((keyNode as Anchored | null)?.anchor !== undefined) {
      this.anchors.set((keyNode as Anchored).anchor as string, keyNode as Node);
    }
    if (!isScalar(resolved) || typeof resolved.value !== 'string') {
      const shown = isScalar(resolved)
        ? (resolved.source ?? String(resolved.value))
        : isMap(resolved)
          ? 'a mapping'
          : 'a list';
      fail('wrong-type', `a key must be text, not ${shown === '' ? 'nothing' : shown} (quote it)`, this.pos(at));
    }
    return { key: resolved.value, at, plainMerge: resolved.value === '<<' && resolved.type === 'PLAIN' };
  }

  private map(pairs: readonly Pair[], offset: number, depth: number): Converted {
    /** Explicit entries and merge groups, in the order they were written. */
    const slots: (CEntry | CEntry[])[] = [];
    const firstAt = new Map<string, number>();
    const erased = new Set<string>();
    let size = 1;
    let height = 0;
    for (const pair of pairs) {
      const { key, at, plainMerge } = this.key(pair.key, offset);
      const seen = firstAt.get(key);
      if (seen !== undefined) {
        const first = this.pos(seen);
        fail(
          'yaml-syntax',
          `key "${key}" is already defined at line ${first.line}, column ${first.column}`,
          this.pos(at),
        );
      }
      firstAt.set(key, at);
      if (isReset(pair.value)) {
        erased.add(key);
        continue;
      }
      // `key:` with nothing after it is null written at the key (`yaml` places it after the colon).
      const c = this.convert(isEmpty(pair.value) ? null : pair.value, at, depth + 1);
      size += c.size;
      height = Math.max(height, c.height);
      if (plainMerge) {
        slots.push(this.mergeSources(c.node, at, erased));
        continue;
      }
      slots.push({ key, keyAt: this.pos(at), value: c.node });
    }
    const entries: CEntry[] = [];
    const taken = new Set<string>();
    for (const slot of slots) if (!Array.isArray(slot)) taken.add(slot.key);
    for (const slot of slots) {
      if (!Array.isArray(slot)) {
        entries.push(slot);
        continue;
      }
      for (const entry of slot) {
        if (taken.has(entry.key)) continue;
        taken.add(entry.key);
        entries.push(entry);
      }
    }
    const map: CMap = { kind: 'map', at: this.pos(offset), entries };
    markErased(map, erased);
    return { node: map, size, height: height + 1 };
  }

  /**
   * The entries a `<<` value merges in: of one map, or of each map of a list, earlier first. A
   * merged map's `!reset` keys erase in the map it is merged into (compose-go resolves tags at the
   * path with its `<<` step removed).
   */
  private mergeSources(value: CNode, keyAt: number, erased: Set<string>): CEntry[] {
    const maps = value.kind === 'seq' ? value.items : [value];
    const out: CEntry[] = [];
    for (const m of maps) {
      if (m.kind !== 'map') {
        fail(
          'yaml-syntax',
          'a merge key (<<) takes a mapping or a list of mappings',
          m === value ? this.pos(keyAt) : m.at,
        );
      }
      out.push(...m.entries);
      for (const key of erasedKeys(m)) erased.add(key);
    }
    return out;
  }

  private scalar(node: Scalar): CScalar {
    const offset = node.range?.[0] ?? 0;
    const at = this.pos(offset);
    const raw: unknown = node.value;
    if (typeof raw === 'string') {
      const end = node.range?.[1] ?? offset;
      const style = (node.type ?? 'PLAIN') as ScalarStyle;
      const where = (i: number) => this.pos(sourceOffsetOf(this.text, offset, end, style, raw, i));
      const result = interpolate(raw, this.lookup, (variable, i) =>
        // compose-go's warning, word for word (template.go via the loader's logrus).
        this.warnings.push({
          code: 'variable-unset',
          severity: 'warning',
          message: `The "${variable}" variable is not set. Defaulting to a blank string.`,
          at: where(i),
        }),
      );
      if (!result.ok) fail(result.code, result.message, where(result.offset));
      return result.value === raw
        ? { kind: 'scalar', at, value: raw }
        : { kind: 'scalar', at, value: result.value, source: raw };
    }
    const value =
      typeof raw === 'number' || typeof raw === 'boolean'
        ? raw
        : raw === null || raw === undefined
          ? null
          : String(raw);
    const source = node.source;
    return source !== undefined && source !== String(value) && !(value === null && source === '')
      ? { kind: 'scalar', at, value, source }
      : { kind: 'scalar', at, value };
  }
}

function isEmpty(node: unknown): boolean {
  return (
    isScalar(node) &&
    node.value === null &&
    node.source === '' &&
    (node as Anchored).anchor === undefined &&
    (node as Anchored).tag === undefined
  );
}

function isReset(node: unknown): boolean {
  return (node as Anchored | null)?.tag === '!reset';
}

/** The first line of a `yaml` error message, without its own position (the problem carries it). */
function yamlMessage(message: string): string {
  const first = message.split('\n', 1)[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Reads one compose file. `file` is the name problems carry; `lookup` gives the variables
 * interpolation uses (the caller decides compose's precedence between `.env` and the process).
 */
export function readComposeDocument(file: string, text: string, lookup: Lookup): ImportOutcome<ComposeDocument> {
  const warnings: ImportProblem[] = [];
  return outcomeOf(() => {
    const start: SourcePos = { file, line: 1, column: 1 };
    if (text.length > MAX_COMPOSE_BYTES / 4 && utf8Length(text, MAX_COMPOSE_BYTES) > MAX_COMPOSE_BYTES) {
      fail('file-too-large', `the file is larger than ${MAX_COMPOSE_BYTES / 1024 / 1024} MB; refused unread`, start);
    }
    const parsed = parseBounded(text, { maxDepth: MAX_DEPTH, maxTokens: MAX_YAML_TOKENS });
    const pos = (offset: number): SourcePos => {
      const { line, col } = parsed.lineCounter.linePos(offset);
      return { file, line: Math.max(1, line), column: Math.max(1, col) };
    };
    if (!parsed.ok) {
      if (parsed.limit === 'too-deep')
        fail('too-deep', `collections nest more than ${MAX_DEPTH} deep here`, pos(parsed.offset));
      fail('too-many-tokens', `the file holds more than ${MAX_YAML_TOKENS} YAML tokens; refused`, pos(parsed.offset));
    }
    const { doc } = parsed;
    const firstError = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (firstError !== undefined) {
      const message =
        firstError.code === 'MULTIPLE_DOCS'
          ? 'a second YAML document starts here (---); give each document its own file'
          : yamlMessage(firstError.message);
      fail('yaml-syntax', message, pos(firstError.pos[0]));
    }
    if (
      doc.contents === null ||
      (isScalar(doc.contents) && doc.contents.value === null && doc.contents.source === '')
    ) {
      return { file, root: { kind: 'map', at: start, entries: [] }, empty: true };
    }
    const root = new Converter(file, text, parsed.lineCounter, lookup, warnings).convert(doc.contents, 0, 0).node;
    if (root.kind !== 'map') {
      fail('not-a-compose-file', 'a compose file is a mapping of top-level keys (services:, networks:, …)', root.at);
    }
    const services = root.entries.find((e) => e.key === 'services');
    if (services !== undefined && services.value.kind !== 'map') {
      fail('wrong-type', '`services` must be a mapping of service names to their definitions', services.value.at);
    }
    return { file, root, empty: false };
  }, warnings);
}
