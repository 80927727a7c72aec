import type { Project } from '../model/types';
import { buildContext } from './context';
import { RULES } from './registry';
import type { Diagnostic, Fix, Rule, Severity } from './types';

/** Reported when a rule itself fails: the check goes on, and the failure is visible. */
export const RULE_FAILURE_ID = 'NA000';

/**
 * Runs every rule over the project. Indexes are built once; a rule that throws becomes an
 * error diagnostic naming it, so one faulty rule never hides the others. Diagnostics the
 * project suppresses come back marked `suppressed`, never dropped.
 */
export function checkProject(project: Project, rules: readonly Rule[] = RULES): Diagnostic[] {
  const ctx = buildContext(project);
  const reasons = new Map(project.suppressions.map((s) => [`${s.rule}\u0000${s.element}`, s.reason]));
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    try {
      for (const finding of rule.check(ctx)) {
        const reason = finding.elements.map((e) => reasons.get(`${rule.id}\u0000${e.id}`)).find((r) => r !== undefined);
        out.push({
          rule: rule.id,
          severity: finding.severity ?? rule.severity,
          message: finding.message,
          elements: finding.elements,
          ...(reason !== undefined ? { suppressed: { reason } } : {}),
        });
      }
    } catch (error) {
      out.push({
        rule: RULE_FAILURE_ID,
        severity: 'error',
        message: `rule ${rule.id} (${rule.title}) failed and could not check this project: ${
          error instanceof Error ? error.message : String(error)
        }`,
        elements: [],
      });
    }
  }
  return out;
}

export interface Summary {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly suppressed: number;
}

/** Counts by severity; suppressed diagnostics count only as suppressed. */
export function summarize(diagnostics: readonly Diagnostic[]): Summary {
  const counts: Record<Severity | 'suppressed', number> = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const d of diagnostics) counts[d.suppressed ? 'suppressed' : d.severity]++;
  return counts;
}

/**
 * Whether two diagnostics report the same finding: rule, elements and message. Diagnostics are
 * new objects after every recheck; this is how the editor recognises one it was showing.
 */
export function sameFinding(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.rule === b.rule &&
    a.message === b.message &&
    a.elements.length === b.elements.length &&
    a.elements.every((e, i) => e.type === b.elements[i]!.type && e.id === b.elements[i]!.id)
  );
}

/** The quick fix for a diagnostic, when its rule has one that applies to it. */
export function fixFor(diagnostic: Diagnostic, project: Project, rules: readonly Rule[] = RULES): Fix | undefined {
  const fix = rules.find((r) => r.id === diagnostic.rule)?.fix;
  return fix && (fix.applies?.(diagnostic, project) ?? true) ? fix : undefined;
}

/**
 * Applies the diagnostic's quick fix; the project is returned unchanged when there is none, and
 * when the fix asks for a value (`fix.ask`) and `answer` is missing or refused by its validation.
 * The validation runs here as well as in the form, so no caller can write an answer the fix
 * refuses.
 */
export function applyFix(
  project: Project,
  diagnostic: Diagnostic,
  answer?: string,
  rules: readonly Rule[] = RULES,
): Project {
  const fix = fixFor(diagnostic, project, rules);
  if (fix === undefined) return project;
  if (fix.ask === undefined) return fix.apply(project, diagnostic);
  if (answer === undefined || fix.ask.validate(answer) !== undefined) return project;
  return fix.apply(project, diagnostic, answer);
}
