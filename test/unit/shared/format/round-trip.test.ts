import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../../../shared/format/index';
import type { Project } from '../../../../shared/model/types';
import { TEMPLATES } from '../../../../shared/templates/index';
import { arbitraryProject } from '../../../support/arbitraries';
import { patchComponent, template } from '../../../support/fixtures';

const mustLoad = (text: string): Project => {
  const result = loadProject(text);
  if (!result.ok) throw new Error(`expected a valid file:\n${JSON.stringify(result.problems, null, 2)}\n---\n${text}`);
  expect(result.problems).toEqual([]);
  return result.project;
};

/** Prototype-less records (see load.ts) compare like plain ones. */
const plain = (p: Project): unknown => JSON.parse(JSON.stringify(p));

describe('project file round trips', () => {
  it('random valid projects: save → load gives the same project, and save again the same bytes', () => {
    fc.assert(
      fc.property(arbitraryProject, (project) => {
        const text = saveProject(project);
        const loaded = mustLoad(text);
        expect(plain(loaded)).toEqual(plain(project));
        expect(saveProject(loaded)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('saving is deterministic: the order edits were made in does not change the bytes', () => {
    fc.assert(
      fc.property(arbitraryProject, (project) => {
        const reversed: Project = {
          ...project,
          components: project.components.map((c) => ({
            ...c,
            environment: Object.fromEntries(Object.entries(c.environment).reverse()),
            properties: Object.fromEntries(Object.entries(c.properties).reverse()),
          })),
        };
        expect(saveProject(reversed)).toBe(saveProject(project));
      }),
      { numRuns: 200 },
    );
  });

  it('loading never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const result = loadProject(text);
        for (const p of result.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('loading never throws on damaged copies of a real project', () => {
    const source = TEMPLATES[1]!.text;
    fc.assert(
      fc.property(fc.nat(source.length - 1), fc.nat(40), fc.string({ maxLength: 8 }), (at, cut, insert) => {
        const damaged = source.slice(0, at) + insert + source.slice(at + cut);
        const result = loadProject(damaged);
        expect(result.ok || result.problems.some((p) => p.severity === 'error')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('template %s is a canonical project file', (_id, template) => {
    const project = mustLoad(template.text);
    expect(saveProject(project)).toBe(template.text);
  });

  it('a hand-written file is canonicalised once, then stays byte-stable', () => {
    const hand = [
      'format: 1',
      'meta: { name: Hand written }',
      'components:',
      '  - { name: A, kind: redis, id: a, position: { y: 2, x: 1.234 } }',
      '  - id: b',
      '    kind: database',
      '    name: B',
      '    environment: { Z: 1, A: true }',
      '',
    ].join('\n');
    const once = saveProject(mustLoad(hand));
    expect(once).toContain('flavour: mysql');
    expect(once).toContain('settings:\n  registry: ""\n  tag: latest');
    expect(once).toContain('position: { x: 1.23, y: 2 }');
    expect(once.indexOf('A: "true"')).toBeLessThan(once.indexOf('Z: "1"'));
    expect(saveProject(mustLoad(once))).toBe(once);
  });
});

describe('pinned components', () => {
  it('pinned: true is saved after the position and read back; an unpinned component says nothing', () => {
    const project = patchComponent(template('manual'), 'nextauth', { pinned: true });
    const text = saveProject(project);
    expect(text).toMatch(/\n {4}position: \{ x: -?\d+, y: -?\d+ \}\n {4}pinned: true\n/);
    expect(text.match(/pinned/g)).toHaveLength(1);
    const loaded = mustLoad(text);
    expect(loaded.components.find((c) => c.id === 'nextauth')!.pinned).toBe(true);
    for (const c of loaded.components.filter((x) => x.id !== 'nextauth')) expect('pinned' in c, c.id).toBe(false);
    expect(plain(loaded)).toEqual(plain(project));
    expect(saveProject(loaded)).toBe(text);
    // Unpinning removes the line again.
    expect(saveProject(patchComponent(loaded, 'nextauth', { pinned: undefined }))).toBe(
      saveProject(template('manual')),
    );
  });

  it('random valid projects with some components pinned round-trip', () => {
    fc.assert(
      fc.property(arbitraryProject, fc.array(fc.boolean(), { maxLength: 40 }), (base, flags) => {
        const project: Project = {
          ...base,
          components: base.components.map((c, i) => (flags[i] ? { ...c, pinned: true as const } : c)),
        };
        const text = saveProject(project);
        const loaded = mustLoad(text);
        expect(plain(loaded)).toEqual(plain(project));
        expect(saveProject(loaded)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('pinned: false reads as not pinned and is canonicalised away; anything but a boolean is refused', () => {
    const text = saveProject(template('default'));
    const at = text.indexOf('    position:', text.indexOf('id: nextauth'));
    const line = text.indexOf('\n', at) + 1;
    const withPinned = (value: string) => `${text.slice(0, line)}    pinned: ${value}\n${text.slice(line)}`;
    const unpinned = mustLoad(withPinned('false'));
    expect('pinned' in unpinned.components.find((c) => c.id === 'nextauth')!).toBe(false);
    expect(saveProject(unpinned)).toBe(text);
    const wrong = loadProject(withPinned('"yes"'));
    expect(wrong.ok).toBe(false);
    expect(wrong.problems.map((p) => p.code)).toEqual(['wrong-type']);
    expect(wrong.problems[0]!.line).toBe(text.slice(0, line).split('\n').length);
  });
});
