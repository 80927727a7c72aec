import { printable, printableJson } from '../../shared/model/printable';
import { RULES, type DocsLink, type Rule, type Severity } from '../../shared/rules/index';
import { EXIT, type ExitCode, type Io } from './io';

export const RULES_FORMATS = ['text', 'json'] as const;
export type RulesFormat = (typeof RULES_FORMATS)[number];

export interface RuleInfo {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  readonly title: string;
  readonly why: string;
  readonly docs: DocsLink;
  /** True when the rule offers a quick fix. */
  readonly fixable: boolean;
}

/** What `rules --format json` prints: the rule records without their functions. */
export function rulesJson(rules: readonly Rule[] = RULES): RuleInfo[] {
  return rules.map((r) => ({
    id: r.id,
    name: r.name,
    severity: r.severity,
    title: r.title,
    why: r.why,
    docs: { url: r.docs.url, ...(r.docs.section !== undefined ? { section: r.docs.section } : {}) },
    fixable: r.fix !== undefined,
  }));
}

/** One row per rule in aligned columns: id, severity, title, docs URL (under a header row). */
export function formatRulesText(rules: readonly Rule[] = RULES): string {
  const rows: readonly (readonly string[])[] = [
    ['ID', 'SEVERITY', 'TITLE', 'DOCS'],
    // Rule records are Portolan's own text, but a listing prints no raw control character whatever it holds.
    ...rules.map((r) => [printable(r.id), r.severity, printable(r.title), printable(r.docs.url)]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => `${row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ')}\n`).join('');
}

/** `portolan rules`: every rule the checker runs. */
export function listRules(format: RulesFormat, io: Io, rules: readonly Rule[] = RULES): ExitCode {
  io.out(format === 'json' ? `${printableJson(rulesJson(rules), 2)}\n` : formatRulesText(rules));
  return EXIT.ok;
}
