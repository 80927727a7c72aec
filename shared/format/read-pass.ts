import { MAX_PASS_DEPTH } from '../model/constraints';
import type { PassMap, PassValue } from '../model/types';
import type { Located } from './located';
import { join, printable, type Reader } from './reader';

/**
 * The reader of pass-through keys (compose keys Portolan keeps without modelling them; see
 * PassValue). A kept value is YAML's own data — text, finite numbers, booleans, null, lists and
 * mappings with text keys — exactly as both load paths resolve it, so what save writes reads back
 * as the same value whichever path reads it. Which keys may be kept where is decided by
 * `keyProblem` (shared/model/constraints: service keys on a component, shared definitions and
 * `x-` fields at the top level): any other key is an error, never dropped.
 */
export function readPassThrough(
  r: Reader,
  node: Located | undefined,
  path: string,
  where: string,
  keyProblem: (key: string) => string | undefined,
  valueProblem: (key: string, value: PassValue) => string | undefined = () => undefined,
): Record<string, PassValue> | undefined {
  if (node === undefined) return undefined;
  const map = r.map(node, path, `passThrough of ${where}`);
  if (!map) return undefined;
  const out = emptyRecord();
  for (const e of map.entries) {
    const at = join(path, e.key);
    if (!e.keyIsString) {
      r.report(
        'wrong-type',
        `a kept key must be text, found ${printable(e.key)} (write "${printable(e.key)}" in quotes)`,
        e.keyOffset,
        at,
      );
      continue;
    }
    const problem = keyProblem(e.key);
    if (problem !== undefined) {
      r.report('invalid-value', `the kept key "${printable(e.key)}" of ${where} ${problem}`, e.keyOffset, at);
      continue;
    }
    const value = passValue(r, e.value, at, 1);
    if (value === undefined) continue;
    const wrong = valueProblem(e.key, value);
    if (wrong !== undefined)
      r.report('invalid-value', `the kept key "${printable(e.key)}" of ${where} ${wrong}`, e.value.offset, at);
    else out[e.key] = value;
  }
  return out;
}

function passValue(r: Reader, node: Located, path: string, depth: number): PassValue | undefined {
  if (depth > MAX_PASS_DEPTH) {
    r.report('too-deep', `a kept value nests more than ${MAX_PASS_DEPTH} deep`, node.offset, path);
    return undefined;
  }
  switch (node.type) {
    case 'scalar': {
      const v = node.value;
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      if (typeof v === 'number' && Number.isFinite(v)) return Object.is(v, -0) ? 0 : v;
      r.report(
        'wrong-type',
        `a kept value must be text, a finite number, true/false, null, a list or a mapping, found ${node.source ?? String(v)}`,
        node.offset,
        path,
      );
      return undefined;
    }
    case 'seq': {
      const out: PassValue[] = [];
      let ok = true;
      node.items.forEach((item, i) => {
        const v = passValue(r, item, join(path, i), depth + 1);
        if (v === undefined) ok = false;
        else out.push(v);
      });
      return ok ? out : undefined;
    }
    case 'map': {
      const out = emptyRecord();
      let ok = true;
      for (const e of node.entries) {
        const at = join(path, e.key);
        if (!e.keyIsString) {
          r.report(
            'wrong-type',
            `a kept key must be text, found ${printable(e.key)} (write "${printable(e.key)}" in quotes)`,
            e.keyOffset,
            at,
          );
          ok = false;
          continue;
        }
        const v = passValue(r, e.value, at, depth + 1);
        if (v === undefined) ok = false;
        else out[e.key] = v;
      }
      return ok ? (out as PassMap) : undefined;
    }
  }
}

/** A prototype-less record: a kept key such as `__proto__` or `constructor` stays an ordinary key. */
function emptyRecord(): Record<string, PassValue> {
  return Object.create(null) as Record<string, PassValue>;
}
