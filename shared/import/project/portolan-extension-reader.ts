import type { CMap, CNode } from '../compose/tree';
import type { ImportCode, ImportProblem, SourcePos } from '../types';

/** A typed reader over the block that records each problem and goes on, so all of them are reported. */
export class BlockReader {
  readonly problems: ImportProblem[] = [];

  report(code: ImportCode, message: string, at: SourcePos): undefined {
    this.problems.push({ code, severity: 'warning', message: `x-portolan: ${message}`, at });
    return undefined;
  }

  map(node: CNode | undefined, what: string): CMap | undefined {
    if (node === undefined) return undefined;
    return node.kind === 'map' ? node : this.report('wrong-type', `${what} must be a mapping`, node.at);
  }

  list(node: CNode | undefined, what: string): readonly CNode[] {
    if (node === undefined) return [];
    if (node.kind === 'seq') return node.items;
    this.report('wrong-type', `${what} must be a list`, node.at);
    return [];
  }

  /** Only the keys a part may have (a typo is a problem, as in a project file). */
  keys(map: CMap, allowed: readonly string[], what: string): void {
    for (const e of map.entries)
      if (!allowed.includes(e.key)) this.report('invalid-value', `${what} has no key "${e.key}"`, e.keyAt);
  }

  entry(map: CMap, key: string): CNode | undefined {
    return map.entries.find((e) => e.key === key)?.value;
  }

  required(map: CMap, key: string, what: string): CNode | undefined {
    const node = this.entry(map, key);
    return node ?? this.report('invalid-value', `${what} needs "${key}"`, map.at);
  }

  text(node: CNode | undefined, what: string, pattern?: RegExp): string | undefined {
    if (node === undefined) return undefined;
    if (node.kind !== 'scalar' || typeof node.value !== 'string')
      return this.report('wrong-type', `${what} must be text`, node.at);
    if (pattern !== undefined && !pattern.test(node.value))
      return this.report('invalid-value', `${what} "${node.value.slice(0, 80)}" is not valid`, node.at);
    return node.value;
  }

  integer(node: CNode | undefined, what: string, min: number, max: number): number | undefined {
    if (node === undefined) return undefined;
    if (node.kind !== 'scalar' || typeof node.value !== 'number' || !Number.isInteger(node.value))
      return this.report('wrong-type', `${what} must be a whole number`, node.at);
    if (node.value < min || node.value > max)
      return this.report('invalid-value', `${what} must be from ${min} to ${max}`, node.at);
    return node.value;
  }

  boolean(node: CNode | undefined, what: string): boolean | undefined {
    if (node === undefined) return undefined;
    return node.kind === 'scalar' && typeof node.value === 'boolean'
      ? node.value
      : this.report('wrong-type', `${what} must be true or false`, node.at);
  }

  number(node: CNode | undefined, what: string): number | undefined {
    if (node === undefined) return undefined;
    if (node.kind !== 'scalar' || typeof node.value !== 'number' || !Number.isFinite(node.value))
      return this.report('wrong-type', `${what} must be a number`, node.at);
    return node.value;
  }

  oneOf<T extends string>(node: CNode | undefined, what: string, values: readonly T[]): T | undefined {
    const v = this.text(node, what);
    if (v === undefined) return undefined;
    return (values as readonly string[]).includes(v)
      ? (v as T)
      : this.report('invalid-value', `${what} "${v.slice(0, 40)}" is not one of ${values.join(', ')}`, node!.at);
  }

  /** A mapping of keys matching `key` to values read by `value`; prototype-less, so `__proto__` is a plain key. */
  record<T>(
    node: CNode | undefined,
    what: string,
    key: RegExp,
    value: (n: CNode, what: string) => T | undefined,
  ): Record<string, T> | undefined {
    const map = this.map(node, what);
    if (map === undefined) return undefined;
    const out = Object.create(null) as Record<string, T>;
    for (const e of map.entries) {
      if (!key.test(e.key)) {
        this.report('invalid-value', `${what}: "${e.key.slice(0, 40)}" is not a valid name`, e.keyAt);
        continue;
      }
      const v = value(e.value, `${what}.${e.key}`);
      if (v !== undefined) out[e.key] = v;
    }
    return out;
  }
}
