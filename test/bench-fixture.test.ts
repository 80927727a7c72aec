import { describe, expect, it } from 'vitest';
import { generateProject } from '../bench/generate';
import { loadProject, saveProject } from '../shared/format/index';

// The benchmarks must measure the normal path, not an error path.
describe('benchmark fixture', () => {
  it.each([1000, 995, 7])('a generated %i-component project is a valid project file', (n) => {
    const result = loadProject(saveProject(generateProject(n)));
    expect(result.problems).toEqual([]);
    expect(result.ok && result.project.components.length).toBe(n);
  });
});
