import type { LineCounter } from 'yaml';
import { quoted } from '../model/printable';
import type { PropertyValue } from '../model/types';
import type { Located, LocatedEntry } from './located';
import type { FormatCode, FormatProblem, FormatSeverity } from './problems';

export type LocatedMap = Extract<Located, { type: 'map' }>;
export type LocatedSeq = Extract<Located, { type: 'seq' }>;

/** Maps a source offset to a 1-based line and column. */
export type PositionOf = (offset: number) => { line: number; column: number };

/** PositionOf from the line starts a parse recorded (never line or column 0, even before the first). */
export const positionsOf =
  (lineCounter: LineCounter): PositionOf =>
  (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };

const describe = (node: Located): string => {
  if (node.type !== 'scalar') return node.type === 'map' ? 'a mapping' : 'a list';
  const v = node.value;
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return 'text';
  if ((typeof v === 'number' || typeof v === 'boolean') && node.source !== undefined) {
    return `the ${typeof v} ${node.source}`;
  }
  return `a ${typeof v}`;
};

/**
 * How to write a scalar YAML did not read as text so that it is: a number where text belongs is
 * refused rather than printed back (`1.10` would come back as "1.1"), and so is nothing.
 */
const quoteHint = (node: Located): string => {
  if (node.type !== 'scalar' || node.source === undefined) return '';
  const { value, source } = node;
  if (typeof value === 'number' || typeof value === 'boolean' || (value === null && source !== '')) {
    return ` (write "${printable(source)}" in quotes to keep it as text)`;
  }
  return value === null ? ' (write "" for empty text)' : '';
};

/** A number or boolean YAML resolved from a plain scalar, e.g. `1.10` or `True`. */
const isResolved = (node: Located | undefined): node is Extract<Located, { type: 'scalar' }> =>
  node?.type === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'boolean');

/** The allowed-key lists are constants: each becomes a set once. */
const keySets = new WeakMap<readonly string[], ReadonlySet<string>>();
const keySet = (allowed: readonly string[]): ReadonlySet<string> => {
  let set = keySets.get(allowed);
  if (set === undefined) {
    set = new Set(allowed);
    keySets.set(allowed, set);
  }
  return set;
};

/**
 * Typed accessors over the located tree. Each accessor either returns a value or records a
 * problem at the node's position and returns `undefined`; nothing here throws, so one pass
 * reports every problem in the file.
 */
export class Reader {
  readonly problems: FormatProblem[] = [];

  constructor(private readonly positionOf: PositionOf) {}

  /** The 1-based line and column of a source offset. */
  position(offset: number): { line: number; column: number } {
    return this.positionOf(offset);
  }

  report(code: FormatCode, message: string, offset: number, path: string, severity: FormatSeverity = 'error'): void {
    const { line, column } = this.positionOf(offset);
    this.problems.push({ code, severity, message, line, column, path });
  }

  map(node: Located, path: string, what: string): LocatedMap | undefined {
    if (node.type === 'map') return node;
    this.report('wrong-type', `${what} must be a mapping, found ${describe(node)}`, node.offset, path);
    return undefined;
  }

  seq(node: Located | undefined, path: string, what: string): readonly Located[] {
    if (node === undefined || (node.type === 'scalar' && node.value === null)) return [];
    if (node.type === 'seq') return node.items;
    this.report('wrong-type', `${what} must be a list, found ${describe(node)}`, node.offset, path);
    return [];
  }

  /** Reports keys not in `allowed` (they would otherwise be dropped silently on save). */
  keys(map: LocatedMap, allowed: readonly string[], path: string, what: string): void {
    const known = keySet(allowed);
    for (const entry of map.entries) {
      if (!entry.keyIsString) {
        this.report('wrong-type', `${what} has a key that is not text: ${entry.key}`, entry.keyOffset, path);
      } else if (!known.has(entry.key)) {
        this.report(
          'unknown-key',
          `unknown key "${entry.key}" in ${what} (known keys: ${allowed.join(', ')}); it is not kept when saving`,
          entry.keyOffset,
          join(path, entry.key),
          'warning',
        );
      }
    }
  }

  /**
   * The entries of a map whose keys are names (properties, environment, port overrides), each
   * name once. Keys are kept as written, so `1.10:` and `"1.10":` are the same name; YAML sees
   * a number and a text and would let the second silently replace the first.
   */
  named(map: LocatedMap, path: string, what: string): LocatedEntry[] {
    const seen = new Set<string>();
    const out: LocatedEntry[] = [];
    for (const e of map.entries) {
      if (seen.has(e.key)) {
        this.report('invalid-value', `${what} names "${printable(e.key)}" twice`, e.keyOffset, join(path, e.key));
        continue;
      }
      seen.add(e.key);
      out.push(e);
    }
    return out;
  }

  /** The first entry with `key`, from the map's index: the same cost in a map of any width. */
  entry(map: LocatedMap, key: string): LocatedEntry | undefined {
    return map.byKey.get(key);
  }

  required(map: LocatedMap, key: string, path: string, what: string): Located | undefined {
    const e = this.entry(map, key);
    if (e === undefined) {
      this.report('missing-key', `${what} is missing "${key}"`, map.offset, path);
      return undefined;
    }
    return e.value;
  }

  /** A required text field together with where it stands, for references checked later. */
  reference(map: LocatedMap, key: string, path: string, what: string): { value: string; offset: number } | undefined {
    const node = this.required(map, key, path, what);
    const value = this.string(node, join(path, key), `${what.replace(/^an? /, '')} ${key}`);
    return value === undefined || node === undefined ? undefined : { value, offset: node.offset };
  }

  string(node: Located | undefined, path: string, what: string): string | undefined {
    if (node === undefined) return undefined;
    if (node.type === 'scalar' && typeof node.value === 'string') return node.value;
    this.report('wrong-type', `${what} must be text, found ${describe(node)}${quoteHint(node)}`, node.offset, path);
    return undefined;
  }

  /**
   * Text, or a number/boolean written without quotes, kept exactly as written: `tag: 1.10` is
   * "1.10", `010` stays "010", `True` stays "True" — never the number or boolean YAML made of it
   * printed back. Nothing (`~`, an empty value) is refused.
   */
  text(node: Located | undefined, path: string, what: string): string | undefined {
    if (isResolved(node)) return node.source ?? String(node.value);
    return this.string(node, path, what);
  }

  /**
   * A property value: text, a number or true/false, each kept only when it reads back as written.
   * A number is kept when printing it gives its source (`8`, `1.5`); anything else YAML read as a
   * number (`1.10`, `010`, `0x1F`, `1e3`, `.inf`, 20 digits) is kept as its text. Every YAML boolean
   * (`true`, `True`, `TRUE`, …) stays a boolean: it means the same switch (`external: True` is a
   * customer-run server, as in format 1), and saving spells it `true`.
   */
  property(node: Located | undefined, path: string, what: string): PropertyValue | undefined {
    if (node === undefined) return undefined;
    if (node.type === 'scalar') {
      const { value, source } = node;
      if (typeof value === 'string') return value;
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') {
        if (source !== undefined) return Number.isFinite(value) && String(value) === source ? value : source;
        if (Number.isFinite(value)) return value;
      }
    }
    this.report(
      'wrong-type',
      `${what} must be text, a number or true/false, found ${describe(node)}`,
      node.offset,
      path,
    );
    return undefined;
  }

  integer(node: Located | undefined, path: string, what: string, min: number, max: number): number | undefined {
    if (node === undefined) return undefined;
    if (node.type !== 'scalar' || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
      this.report('wrong-type', `${what} must be a whole number, found ${describe(node)}`, node.offset, path);
      return undefined;
    }
    if (node.value < min || node.value > max) {
      this.report('invalid-value', `${what} must be between ${min} and ${max}, found ${node.value}`, node.offset, path);
      return undefined;
    }
    return node.value;
  }

  number(node: Located | undefined, path: string, what: string): number | undefined {
    if (node === undefined) return undefined;
    if (node.type === 'scalar' && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    this.report('wrong-type', `${what} must be a finite number, found ${describe(node)}`, node.offset, path);
    return undefined;
  }

  boolean(node: Located | undefined, path: string, what: string): boolean | undefined {
    if (node === undefined) return undefined;
    if (node.type === 'scalar' && typeof node.value === 'boolean') return node.value;
    this.report('wrong-type', `${what} must be true or false, found ${describe(node)}`, node.offset, path);
    return undefined;
  }

  oneOf<T extends string>(
    node: Located | undefined,
    path: string,
    what: string,
    allowed: readonly T[],
    code: FormatCode = 'invalid-value',
  ): T | undefined {
    const s = this.string(node, path, what);
    if (s === undefined || node === undefined) return undefined;
    if ((allowed as readonly string[]).includes(s)) return s as T;
    this.report(code, `${what} must be one of ${allowed.join(', ')}, found "${s}"`, node.offset, path);
    return undefined;
  }
}

/**
 * A value as a message names it: escaped and cut to 80 characters. The one escaping function
 * lives in shared/model/printable (the CLI and the editor use it too).
 */
export const printable = (s: string): string => quoted(s);

export const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
