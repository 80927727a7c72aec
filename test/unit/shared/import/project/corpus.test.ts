/**
 * The import of every project of the compose corpus, in process: each imports, lays out and
 * loads again; every service becomes the component its image says; and no value of any of the
 * corpus's env files — passwords, keys, the license — appears in the saved project file.
 */
import { describe, expect, it } from 'vitest';
import { saveProject } from '../../../../../shared/format/index';
import { importProject } from '../../../../../shared/import/project/index';
import { checkDiagram, diagramCheckInput } from '../../../../../shared/diagram/check';
import { diagramOf } from '../../../../../shared/diagram/diagram';
import { corpusFixtures, corpusInput, fixtureEnvValues } from '../../../../support/import-corpus';

/** Variables the corpus's env files use for secrets (passwords, keys, the license). */
const SECRET_NAME = /PASS|SECRET|KEY|LICENSE|TOKEN/;

describe('every project of the corpus imports', () => {
  it.each(corpusFixtures().map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const result = importProject(corpusInput(fixture));
    if (!result.ok) expect(result.problems).toEqual([]);
    if (!result.ok) return;
    const { project, report } = result.value;
    expect(report.services.length).toBeGreaterThan(0);
    expect(project.components.length).toBeGreaterThanOrEqual(report.services.length);
    // Laid out: nothing left at the origin, and the diagram reads (no overlaps, zones whole).
    expect(project.components.every((c) => c.position.x !== 0 || c.position.y !== 0)).toBe(true);
    expect(checkDiagram(diagramCheckInput(diagramOf(project), project)).violations).toEqual([]);
    // No secret value of the env files is copied into the project file.
    const text = saveProject(project);
    const secrets = fixtureEnvValues(fixture).filter((v) => SECRET_NAME.test(v.name) && v.value.length >= 8);
    for (const { name, value } of secrets)
      expect(text.includes(value), `the value of ${name} is in the project file`).toBe(false);
  });
});
