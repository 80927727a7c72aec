import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * A YAML value with the source offset it came from. The loader validates this tree rather
 * than plain JS so that every problem can point at a line and column.
 */
export type Located =
  | { readonly type: 'map'; readonly offset: number; readonly entries: readonly LocatedEntry[] }
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

/** Generous for hand-written anchors, tiny next to what a "billion laughs" file asks for. */
export const ALIAS_BUDGET = 10_000;

/** Thrown inside `toLocated` only; the loader turns it into an `alias-limit` problem. */
export class AliasLimitError extends Error {
  constructor(readonly offset: number) {
    super('alias expansion limit reached');
  }
}

/**
 * Converts a parsed document to a located tree. Aliases are expanded, but the number of
 * nodes produced by expansion is capped: a "billion laughs" file stops after `aliasBudget`
 * nodes instead of exhausting memory.
 */
export function toLocated(doc: Document, aliasBudget: number): Located {
  let budget = aliasBudget;

  // `site` is the offset of the outermost alias being expanded: that is where the
  // expansion starts, so that is where an over-budget file is reported.
  const convert = (node: unknown, fallbackOffset: number, site: number | undefined): Located => {
    if (site !== undefined && --budget < 0) throw new AliasLimitError(site);
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? fallbackOffset;
      const target = node.resolve(doc);
      if (target === undefined) return { type: 'scalar', offset, value: null };
      return convert(target, offset, site ?? offset);
    }
    const offset = (node as Node | null)?.range?.[0] ?? fallbackOffset;
    if (isMap(node)) {
      const entries: LocatedEntry[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyOffset = keyNode?.range?.[0] ?? offset;
        const rawKey: unknown = isScalar(keyNode) ? keyNode.value : keyNode;
        entries.push({
          key:
            typeof rawKey === 'string' ? rawKey : ((isScalar(keyNode) ? keyNode.source : undefined) ?? String(rawKey)),
          keyIsString: typeof rawKey === 'string',
          keyOffset,
          // A key with no value (`name:`) points at the key itself.
          value: convert(pair.value, keyOffset, site),
        });
      }
      return { type: 'map', offset, entries };
    }
    if (isSeq(node)) {
      return { type: 'seq', offset, items: node.items.map((item) => convert(item, offset, site)) };
    }
    if (isScalar(node)) {
      return node.source === undefined
        ? { type: 'scalar', offset, value: node.value }
        : { type: 'scalar', offset, value: node.value, source: node.source };
    }
    return { type: 'scalar', offset, value: null };
  };

  return convert(doc.contents, 0, undefined);
}
