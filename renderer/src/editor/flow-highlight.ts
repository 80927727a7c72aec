/**
 * The stylesheet that highlights one traffic flow on the presentation canvas: the flow's
 * components, connections and labels at full strength, everything else dimmed (rules in
 * presentation.css under `.pl-present-flow`), and a "TLS ends here" tag on the components where
 * TLS terminates. Selectors match what the canvas already renders — React Flow's `data-id` on
 * nodes and edges, and `data-edge` on the label layer — so the canvas needs no flow-specific code.
 */

export interface HighlightedFlow {
  /** Component ids on the path. */
  readonly nodes: readonly string[];
  /** Diagram edge ids on the path: a link id, or `route:<route id>` for a public URL. */
  readonly edges: readonly string[];
  /** Component ids where TLS ends along the path. */
  readonly tlsEnds: readonly string[];
}

/**
 * A CSS string literal holding `value`: backslash and quote escaped, and every control or
 * non-ASCII character as a hex escape, so no id can close the selector or the rule.
 */
export function cssString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f || code > 0x7e) out += `\\${code.toString(16)} `;
    else out += ch;
  }
  return `${out}"`;
}

const list = (selectors: readonly string[]): string => selectors.join(',\n');

/** The rules for one flow, scoped under `scope` (the presentation canvas's class). */
export function flowHighlightCss(flow: HighlightedFlow, scope = '.pl-present-flow'): string {
  const nodes = [...new Set(flow.nodes)].map((id) => `${scope} .react-flow__node[data-id=${cssString(id)}]`);
  const edges = [...new Set(flow.edges)].map((id) => `${scope} .react-flow__edge[data-id=${cssString(id)}]`);
  const labels = [...new Set(flow.edges)].map((id) => `${scope} .pl-clabel[data-edge=${cssString(id)}]`);
  const tls = [...new Set(flow.tlsEnds)].map((id) => `${scope} .react-flow__node[data-id=${cssString(id)}] .pl-cnode`);
  const rules: string[] = [];
  if (nodes.length > 0) rules.push(`${list(nodes)} {\n  opacity: 1;\n}`);
  if (edges.length > 0) {
    rules.push(`${list(edges)} {\n  opacity: 1;\n}`);
    rules.push(
      `${list(edges.map((e) => `${e} .pl-edge-path`))} {\n  stroke: var(--flow-accent);\n  stroke-width: 3;\n}`,
    );
  }
  if (labels.length > 0)
    rules.push(
      `${list(labels)} {\n  opacity: 1;\n  border-color: var(--flow-accent);\n  box-shadow: 0 0 0 1px var(--flow-accent);\n}`,
    );
  // The tag itself (text, look) is in presentation.css, hidden until a flow names the component.
  if (tls.length > 0) rules.push(`${list(tls.map((t) => `${t}::after`))} {\n  display: block;\n}`);
  return rules.join('\n');
}
