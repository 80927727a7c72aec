import { describe, expect, it } from 'vitest';
import { generateProject } from '../../../bench/generate';
import { loadProject, saveProject } from '../../../shared/format/index';
import { checkProject } from '../../../shared/rules/index';

// The benchmarks must measure the normal path, not an error path.
describe('benchmark fixture', () => {
  it.each([1000, 995, 7])('a generated %i-component project is a valid project file', (n) => {
    const result = loadProject(saveProject(generateProject(n)));
    expect(result.problems).toEqual([]);
    expect(result.ok && result.project.components.length).toBe(n);
  });

  it.each([500, 495, 7])('with neighbouring sites linked, a %i-component project still loads', (n) => {
    const result = loadProject(saveProject(generateProject(n, { neighbours: 4 })));
    expect(result.problems).toEqual([]);
    expect(result.ok && result.project.components.length).toBe(n);
  });

  // A cut-short last site is incomplete by design; whole sites must stay free of diagnostics.
  it('the linked neighbours break no rule', () => {
    expect(checkProject(generateProject(500, { neighbours: 4 }))).toEqual([]);
  });

  it('the canvas benchmark graph has 500 components and about 1,000 links', () => {
    const project = generateProject(500, { neighbours: 4 });
    expect(project.components).toHaveLength(500);
    expect(project.links.length).toBeGreaterThanOrEqual(950);
    expect(project.links.length).toBeLessThanOrEqual(1050);
    expect(new Set(project.links.map((l) => l.id)).size).toBe(project.links.length);
  });

  it('without neighbours the project is unchanged: independent sites', () => {
    expect(generateProject(500, { neighbours: 0 })).toEqual(generateProject(500));
    expect(generateProject(500).links).toHaveLength(400);
  });
});
