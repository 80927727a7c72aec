/**
 * How many nodes a tree holds once aliases and `extends` are expanded — what every later pass
 * (and the import after it) walks. Subtrees are shared between services (an alias, a base
 * service's keys), so the size is memoised per node and counting costs only the distinct nodes.
 */
import type { CNode } from './tree';

/**
 * Nodes a whole model may expand to. A 300-service file with anchors and extends holds tens of
 * thousands; a file that makes 10,000 services extend one another, each adding keys, asks for
 * tens of millions.
 */
export const MODEL_NODE_BUDGET = 1_000_000;

const sizes = new WeakMap<CNode, number>();

export function expandedSize(node: CNode): number {
  if (node.kind === 'scalar') return 1;
  const known = sizes.get(node);
  if (known !== undefined) return known;
  let size = 1;
  if (node.kind === 'seq') for (const item of node.items) size += expandedSize(item);
  else for (const e of node.entries) size += 1 + expandedSize(e.value);
  sizes.set(node, size);
  return size;
}
