import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addComponent,
  emptyProject,
  FOOTPRINT,
  freePosition,
  removeLinks,
  type Project,
} from '../../../shared/model/index';
import { applyFix, checkProject, fixFor } from '../../../shared/rules/index';
import { template } from '../../support/fixtures';

const overlap = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  a.x < b.x + FOOTPRINT.w && b.x < a.x + FOOTPRINT.w && a.y < b.y + FOOTPRINT.h && b.y < a.y + FOOTPRINT.h;

describe('freePosition', () => {
  it('keeps the preferred spot when it is free', () => {
    const p = addComponent(emptyProject('t'), { kind: 'redis', name: 'R', position: { x: 0, y: 0 } }).project;
    expect(freePosition(p, { x: 600, y: 0 })).toEqual({ x: 600, y: 0 });
  });

  it('never overlaps what is there, and answers the same every time (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: -800, max: 800 }), y: fc.integer({ min: -800, max: 800 }) }), {
          maxLength: 40,
        }),
        fc.record({ x: fc.integer({ min: -400, max: 400 }), y: fc.integer({ min: -400, max: 400 }) }),
        (positions, preferred) => {
          let p: Project = emptyProject('t');
          for (const position of positions) p = addComponent(p, { kind: 'redis', name: 'R', position }).project;
          const spot = freePosition(p, preferred);
          expect(freePosition(p, preferred)).toEqual(spot);
          for (const c of p.components)
            expect(overlap(spot, c.position), JSON.stringify({ spot, c: c.position })).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('quick fixes that add a component', () => {
  it('NA011 puts the new license server on a free spot, even when the usual one is taken', () => {
    // The manual template without its license server, and something standing where it would go.
    let p = template('manual');
    const license = p.components.find((c) => c.kind === 'license-server')!;
    p = { ...p, components: p.components.filter((c) => c.id !== license.id) };
    p = removeLinks(p, new Set(p.links.filter((l) => l.to === license.id).map((l) => l.id)));
    const nextauth = p.components.find((c) => c.kind === 'nextauth')!;
    const usual = { x: nextauth.position.x + 320, y: nextauth.position.y - 160 };
    p = addComponent(p, { kind: 'redis', name: 'In the way', position: usual }).project;

    const diagnostic = checkProject(p).find((d) => d.rule === 'NA011')!;
    expect(fixFor(diagnostic, p)).toBeDefined();
    const fixed = applyFix(p, diagnostic);
    const added = fixed.components.find((c) => c.kind === 'license-server')!;
    for (const c of fixed.components) {
      if (c.id !== added.id) expect(overlap(added.position, c.position), c.id).toBe(false);
    }
    expect(checkProject(fixed).some((d) => d.rule === 'NA011')).toBe(false);
  });
});
