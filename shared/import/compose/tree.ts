/**
 * A compose document as a tree whose every node remembers where it was written (file, line,
 * column). Several files, `extends` and `include` merge into one tree, so a node's `at.file`
 * may differ from its parent's: the import report and every error can always point at the
 * line a value came from. Scalars are the values after interpolation; `source` keeps the text
 * as written (before interpolation and YAML's typing) where it differs.
 */
import type { SourcePos } from '../types';

export type CNode = CMap | CSeq | CScalar;

export interface CEntry {
  readonly key: string;
  readonly keyAt: SourcePos;
  readonly value: CNode;
}

export interface CMap {
  readonly kind: 'map';
  readonly at: SourcePos;
  /** In document order; keys are unique (a repeated key is an error when reading). */
  readonly entries: readonly CEntry[];
}

export interface CSeq {
  readonly kind: 'seq';
  readonly at: SourcePos;
  readonly items: readonly CNode[];
}

export interface CScalar {
  readonly kind: 'scalar';
  readonly at: SourcePos;
  /** YAML's value after interpolation: `null` for `~`, an empty value or `null`. */
  readonly value: string | number | boolean | null;
  /** The scalar as written, when it differs from `String(value)` (interpolated, or `1.10`, `0x1F`, `True`, …). */
  readonly source?: string;
}

/** The entry for `key` in a map, if any. */
export function entryOf(map: CMap, key: string): CEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

/** Plain JSON-like data (maps become objects in entry order), positions dropped. */
export function toPlain(node: CNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      // defineProperty: a key named `__proto__` stays a plain key instead of replacing the prototype.
      for (const e of node.entries)
        Object.defineProperty(out, e.key, {
          value: toPlain(e.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
  }
}
