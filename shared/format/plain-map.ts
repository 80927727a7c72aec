import type { Located, LocatedEntry } from './located';

/** A scalar as the plain reader scanned it, before it becomes a node: resolved value, text as written, start. */
export interface ScannedScalar {
  readonly offset: number;
  readonly value: unknown;
  readonly source: string;
  /** The scan stopped at a `:` indicator right after the scalar: it is a key. */
  readonly isKey: boolean;
}

/**
 * A mapping's entries as toLocated builds them: in order, indexed by key (the first of each), and
 * each key that repeats an earlier one reported, compared as YAML compares keys — by value, so `a`
 * and `'a'` are the same key, `1.10` and `"1.10"` are not. While every key is text (nearly always)
 * the index answers that; a set of values is built only once a key is not.
 */
export class MapBuilder {
  private readonly entries: LocatedEntry[] = [];
  private readonly byKey = new Map<string, LocatedEntry>();
  private values: Set<unknown> | undefined;

  constructor(
    private readonly offset: number,
    private readonly duplicates: number[],
  ) {}

  add(key: ScannedScalar, value: Located): void {
    const isString = typeof key.value === 'string';
    const name = isString ? (key.value as string) : key.source;
    const entry: LocatedEntry = { key: name, keyOffset: key.offset, keyIsString: isString, value };
    if (isString && this.values === undefined) {
      if (this.byKey.has(name)) this.duplicates.push(key.offset);
    } else {
      this.values ??= new Set(this.entries.map((e) => e.key));
      // NaN is never equal to itself, in YAML either.
      if (this.values.has(key.value)) this.duplicates.push(key.offset);
      else if (!Number.isNaN(key.value)) this.values.add(key.value);
    }
    this.entries.push(entry);
    if (!this.byKey.has(name)) this.byKey.set(name, entry);
  }

  node(): Located {
    return { type: 'map', offset: this.offset, entries: this.entries, byKey: this.byKey };
  }
}
