/**
 * For the compose-values tests: a YAML text as a located compose tree (CNode), built directly
 * with `yaml` (YAML 1.2 core schema, as compose v2's go-yaml reads it) so these tests do not
 * depend on the document loader. Interpolation is not applied: tests write final values.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { CMap, CNode } from '../../../../../shared/import/compose/tree';
import type { SourcePos } from '../../../../../shared/import/types';

export function yamlTree(text: string, file = 'compose.yml'): CNode {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
  const pos = (offset: number): SourcePos => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const convert = (node: Node | null): CNode => {
    if (node === null) return { kind: 'scalar', at: pos(0), value: null };
    const at = pos(node.range?.[0] ?? 0);
    if (isMap(node))
      return {
        kind: 'map',
        at,
        entries: node.items.map((pair) => {
          const key = pair.key as Node;
          return {
            key: String((key as { value?: unknown }).value),
            keyAt: pos(key.range?.[0] ?? 0),
            value:
              pair.value === null
                ? { kind: 'scalar', at: pos(key.range?.[1] ?? 0), value: null }
                : convert(pair.value as Node),
          };
        }),
      };
    if (isSeq(node)) return { kind: 'seq', at, items: node.items.map((item) => convert(item as Node)) };
    if (isScalar(node)) {
      const value = node.value as string | number | boolean | null;
      const written = node.source;
      return {
        kind: 'scalar',
        at,
        value,
        ...(typeof written === 'string' && written !== String(value) ? { source: written } : {}),
      };
    }
    throw new Error('aliases are not used in these tests');
  };
  return convert(doc.contents as Node | null);
}

/** The map at `path` (keys) inside `text`'s tree. */
export function yamlMap(text: string, ...path: string[]): CMap {
  let node = yamlTree(text);
  for (const key of path) {
    if (node.kind !== 'map') throw new Error(`not a map at ${key}`);
    const entry = node.entries.find((e) => e.key === key);
    if (entry === undefined) throw new Error(`no ${key}`);
    node = entry.value;
  }
  if (node.kind !== 'map') throw new Error('not a map');
  return node;
}
