import { expect } from 'vitest';
import type { Project } from '../../shared/model/index';
import { applyFix, checkProject, fixFor, type Diagnostic } from '../../shared/rules/index';

/** The diagnostics of one rule. */
export const of = (p: Project, rule: string): Diagnostic[] => checkProject(p).filter((d) => d.rule === rule);

const errorsBesides = (p: Project, rule: string): Diagnostic[] =>
  checkProject(p).filter((d) => d.severity === 'error' && d.rule !== rule);

const sameElements = (a: Diagnostic, b: Diagnostic): boolean =>
  a.elements.length === b.elements.length && a.elements.every((e, i) => e.id === b.elements[i]?.id);

/**
 * Applies the quick fix of the first diagnostic of `rule` (that `pick` accepts) and checks what
 * a fix promises: it is offered (a case without a fix fails here instead of passing for nothing),
 * it changes the project, that diagnostic is gone afterwards, and no error of another rule
 * appears. Returns the fixed project for further checks.
 */
export function expectFixRemoves(
  project: Project,
  rule: string,
  pick: (d: Diagnostic) => boolean = () => true,
): Project {
  const target = of(project, rule).find(pick);
  expect(target, `the case must produce a ${rule} diagnostic to fix`).toBeDefined();
  const fix = fixFor(target!, project);
  expect(fix, `${rule} must offer a fix for: ${target!.message}`).toBeDefined();
  expect(fix!.title(target!, project)).not.toBe('');
  const fixed = applyFix(project, target!);
  expect(fixed, 'a fix that applies must change the project').not.toBe(project);
  expect(
    of(fixed, rule).filter((d) => sameElements(d, target!)),
    `${rule} is still reported after its fix`,
  ).toEqual([]);
  const before = new Set(errorsBesides(project, rule).map((d) => `${d.rule} ${d.message}`));
  expect(errorsBesides(fixed, rule).filter((d) => !before.has(`${d.rule} ${d.message}`))).toEqual([]);
  return fixed;
}
